import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { MessageStatus } from '../Zavu/constants';
import { zavuApiRequestAllItems } from '../Zavu/transport';
import type { PollGuard } from './guard';
import { createdAt, scanRecent, updatedAt } from './scan';

/** The order an outbound message moves through; `failed`, `received` and the rest stand alone. */
const CHAIN: string[] = [
	'queued',
	'sending',
	'sent',
	'delivered',
	'read',
] satisfies MessageStatus[];
/** Statuses after which a message does not change any more: no need to remember it. */
const FINAL = new Set<string>(['read', 'failed', 'received'] satisfies MessageStatus[]);

/**
 * What the trigger remembers between polls:
 * - `s`: each message created within the look-back window and not yet final → the status last
 *   seen (final ones are dropped, so the size follows the messages still in flight);
 * - `b`: when the trigger started watching (ms, Zavu's clock: the newest createdAt the first poll
 *   saw, 0 if none): messages created before are never reported as new;
 * - `u`, `t`: the newest updatedAt seen (ms) and the ids updated at exactly that time, so a
 *   message already seen in a final status is not reported again once it is forgotten.
 */
export interface MessageState {
	v: 1;
	s: Record<string, string>;
	b: number;
	u: number;
	t: string[];
}

export interface MessageChange {
	message: IDataObject;
	previousStatus: string | null;
}

/** Messages created since `since`, newest first when Zavu lists them that way. */
async function recentMessages(
	this: IPollFunctions,
	since: number,
	guard: PollGuard,
): Promise<IDataObject[]> {
	return (await scanRecent.call(this, '/v1/messages', guard, () => since)).items;
}

function remember(
	messages: IDataObject[],
	baseline: number,
	previous?: MessageState,
): MessageState {
	const s: Record<string, string> = {};
	let u = previous?.u ?? 0;
	for (const message of messages) {
		const status = String(message.status);
		if (!FINAL.has(status)) s[String(message.id)] = status;
		u = Math.max(u, updatedAt(message));
	}
	// Ties at `u` only matter for final messages (the others are in `s`).
	const t = messages
		.filter((m) => updatedAt(m) === u && FINAL.has(String(m.status)))
		.map((m) => String(m.id));
	if (previous && u === previous.u) t.push(...previous.t.filter((id) => !t.includes(id)));
	return { v: 1, s, b: baseline, u, t };
}

export async function messageBaseline(
	this: IPollFunctions,
	lookbackMs: number,
	guard: PollGuard,
): Promise<MessageState> {
	const scan = await scanRecent.call(this, '/v1/messages', guard, () => Date.now() - lookbackMs);
	// "Sent before the trigger started watching" is measured on Zavu's clock (the newest message
	// it listed), never this host's: with n8n's clock ahead of Zavu's, messages sent in the first
	// seconds after activation would look older than the activation and never be reported.
	return remember(scan.items, scan.newest);
}

/**
 * Status changes of recent messages since the last poll. A message that moved several steps
 * along queued → sending → sent → delivered → read between two polls is reported for each
 * step the user asked for (it was delivered if it has been read).
 */
export async function messageChanges(
	this: IPollFunctions,
	state: MessageState,
	statuses: string[],
	lookbackMs: number,
	guard: PollGuard,
): Promise<{ changes: MessageChange[]; state: MessageState }> {
	const since = Math.max(state.b - 60_000, Date.now() - lookbackMs);
	const messages = await recentMessages.call(this, since, guard);
	const changes: MessageChange[] = [];

	for (const message of messages) {
		const id = String(message.id);
		const status = String(message.status);
		const known = id in state.s;
		if (!known) {
			// Sent before the trigger started watching: not ours to report.
			if (createdAt(message) < state.b) continue;
			// Already seen in this final status by an earlier poll, then forgotten.
			const at = updatedAt(message);
			if (FINAL.has(status) && (at < state.u || (at === state.u && state.t.includes(id)))) continue;
		}
		const before = known ? state.s[id] : null;
		if (before === status) continue;

		let previous = before;
		const from = before === null ? -1 : CHAIN.indexOf(before);
		const to = CHAIN.indexOf(status);
		if (statuses.length && to > 0 && from < to && (before === null || from >= 0)) {
			for (const step of CHAIN.slice(from + 1, to)) {
				if (!statuses.includes(step)) continue;
				changes.push({ message: { ...message, status: step }, previousStatus: previous });
				previous = step;
			}
		}
		changes.push({ message, previousStatus: previous });
	}

	// Keep what can still change; messages that left the window are forgotten.
	return { changes, state: remember(messages, state.b, state) };
}

/** "Fetch Test Event": the most recently updated message in one of the statuses. */
export async function latestMessage(
	this: IPollFunctions,
	statuses: string[],
): Promise<IDataObject | undefined> {
	const qs: IDataObject = {};
	if (
		statuses.length === 1 &&
		statuses[0] !== 'read' &&
		statuses[0] !== 'pending_url_verification'
	) {
		qs.status = statuses[0];
	}
	const list = await zavuApiRequestAllItems.call(
		this,
		{ method: 'GET', path: '/v1/messages', qs },
		{ returnAll: false, limit: 100 },
	);
	const matching = list.filter((m) => !statuses.length || statuses.includes(String(m.status)));
	const updated = (m: IDataObject) => Date.parse(String(m.updatedAt ?? m.createdAt ?? '')) || 0;
	return matching.sort((x, y) => updated(y) - updated(x))[0];
}
