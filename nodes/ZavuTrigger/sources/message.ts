import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import type { MessageStatus } from '../../Zavu/constants';
import { FILTER_MESSAGE_STATUSES, MESSAGE_STATUSES, optionsOf } from '../../Zavu/constants';
import type { PollGuard } from '../guard';
import { createdAt, latestUpdated, OVERLAP_MS, scanRecent, updatedAt } from '../scan';
import type { Change, PollParams, PollSource } from './source';
import { asV2, isMapOf, isString, isTime } from './source';

const PATH = '/v1/messages';
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
/** Statuses the list cannot filter on (read, pending_url_verification): filtered here instead. */
const UNFILTERABLE = new Set<string>(
	Object.keys(MESSAGE_STATUSES).filter((status) => !(status in FILTER_MESSAGE_STATUSES)),
);

/** What the trigger remembers between polls (plain JSON, in workflow static data). */
export interface MessageState {
	v: 2;
	/**
	 * Each message created within the look-back window and not yet final → the status last
	 * seen (final ones are dropped, so the size follows the messages still in flight).
	 */
	inFlight: Record<string, string>;
	/**
	 * When the trigger started watching (ms, Zavu's clock: the newest createdAt the first poll
	 * saw, 0 if none): messages created before are never reported as new.
	 */
	watchingSince: number;
	/**
	 * The newest updatedAt seen (ms), and the final messages updated at exactly that time, so a
	 * message already seen in a final status is not reported again once it is forgotten.
	 */
	seenUpdatedAt: number;
	seenFinished: string[];
}

/** The same fields in state v1, under one-letter names. */
const V1_NAMES = {
	inFlight: 's',
	watchingSince: 'b',
	seenUpdatedAt: 'u',
	seenFinished: 't',
} satisfies Record<Exclude<keyof MessageState, 'v'>, string>;

function load(stored: unknown): MessageState | undefined {
	const s = asV2<MessageState>(stored, V1_NAMES);
	const readable =
		s?.v === 2 &&
		isMapOf(s.inFlight, isString) &&
		isTime(s.watchingSince) &&
		isTime(s.seenUpdatedAt) &&
		Array.isArray(s.seenFinished) &&
		s.seenFinished.every(isString);
	return readable ? (s as unknown as MessageState) : undefined;
}

const lookbackMs = (ctx: IPollFunctions) =>
	(ctx.getNodeParameter('lookbackHours', 24) as number) * 3_600_000;

function remember(
	messages: IDataObject[],
	watchingSince: number,
	previous?: MessageState,
): MessageState {
	const inFlight: Record<string, string> = {};
	let seen = previous?.seenUpdatedAt ?? 0;
	for (const message of messages) {
		const status = String(message.status);
		if (!FINAL.has(status)) inFlight[String(message.id)] = status;
		seen = Math.max(seen, updatedAt(message));
	}
	// Ties at `seen` only matter for final messages (the others are in `inFlight`).
	const ties = messages
		.filter((m) => updatedAt(m) === seen && FINAL.has(String(m.status)))
		.map((m) => String(m.id));
	if (previous && seen === previous.seenUpdatedAt) {
		ties.push(...previous.seenFinished.filter((id) => !ties.includes(id)));
	}
	return { v: 2, inFlight, watchingSince, seenUpdatedAt: seen, seenFinished: ties };
}

async function baseline(ctx: IPollFunctions, guard: PollGuard): Promise<MessageState> {
	const lookback = lookbackMs(ctx);
	const scan = await scanRecent(ctx, PATH, guard, () => Date.now() - lookback);
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
async function changes(
	ctx: IPollFunctions,
	state: MessageState,
	guard: PollGuard,
	{ statuses }: PollParams,
): Promise<{ changes: Change[]; state: MessageState }> {
	const since = Math.max(state.watchingSince - OVERLAP_MS, Date.now() - lookbackMs(ctx));
	const messages = (await scanRecent(ctx, PATH, guard, () => since)).items;
	const found: Change[] = [];

	for (const message of messages) {
		const id = String(message.id);
		const status = String(message.status);
		const known = id in state.inFlight;
		if (!known) {
			// Sent before the trigger started watching: not ours to report.
			if (createdAt(message) < state.watchingSince) continue;
			// Already seen in this final status by an earlier poll, then forgotten.
			const at = updatedAt(message);
			const seenBefore =
				at < state.seenUpdatedAt || (at === state.seenUpdatedAt && state.seenFinished.includes(id));
			if (FINAL.has(status) && seenBefore) continue;
		}
		const before = known ? state.inFlight[id] : null;
		if (before === status) continue;

		let previous = before;
		const from = before === null ? -1 : CHAIN.indexOf(before);
		const to = CHAIN.indexOf(status);
		if (statuses.length && to > 0 && from < to && (before === null || from >= 0)) {
			for (const step of CHAIN.slice(from + 1, to)) {
				if (!statuses.includes(step)) continue;
				found.push({ entity: { ...message, status: step }, previousStatus: previous });
				previous = step;
			}
		}
		found.push({ entity: message, previousStatus: previous });
	}

	// Keep what can still change; messages that left the window are forgotten.
	return { changes: found, state: remember(messages, state.watchingSince, state) };
}

export const messageSource: PollSource<MessageState> = {
	resource: 'message',
	event: {
		name: 'Message Status Change',
		value: 'message',
		action: 'On message status change',
		description: 'A message you sent is sent, delivered, read or failed',
	},
	properties: [
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: optionsOf(MESSAGE_STATUSES),
			default: [],
			hint: 'Leave empty to fire on every status change',
			description: 'Fire when a message reaches one of these statuses',
		},
		{
			displayName: 'Look Back (Hours)',
			name: 'lookbackHours',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 168 },
			default: 24,
			description:
				'Status changes are followed for messages sent this long ago at most. Each poll reads the messages of this window.',
		},
	],
	load,
	baseline,
	changes,
	latest: async (ctx, statuses) =>
		await latestUpdated(ctx, PATH, statuses, (status) => !UNFILTERABLE.has(status)),
};
