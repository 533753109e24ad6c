import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ACTIVE_INVITATION_STATUSES, INVITATION_STATUSES, optionsOf } from '../../Zavu/constants';
import {
	asNodeError,
	encodeId,
	unwrap,
	zavuApiRequest,
	zavuApiRequestAllItems,
} from '../../Zavu/transport';
import type { PollGuard } from '../guard';
import { createdAt, latestUpdated, OVERLAP_MS, scanRecent, updatedAt } from '../scan';
import type { Change, PollSource } from './source';
import { asV2, isMapOf, isTime } from './source';

const PATH = '/v1/invitations';
// Statuses an invitation can still leave (`failed` too: the client can retry the same link).
const ACTIVE: readonly string[] = ACTIVE_INVITATION_STATUSES;
/** One letter per active status in the stored state, to keep it small. */
const CODE: Record<string, string> = { pending: 'p', in_progress: 'i', failed: 'f' };
const STATUS: Record<string, string> = Object.fromEntries(
	Object.entries(CODE).map(([status, code]) => [code, status]),
);
const isCode = (value: unknown): value is string =>
	typeof value === 'string' && Object.values(CODE).includes(value);

/**
 * What the trigger remembers between polls (plain JSON, in workflow static data). Its size
 * follows the active invitations, about 30 bytes each, not all of them.
 */
export interface InvitationState {
	v: 2;
	/** The invitations that can still change (pending/in_progress/failed): id → status code. */
	active: Record<string, string>;
	/** The newest createdAt seen (ms): where the next look for new invitations stops. */
	newestCreatedAt: number;
	/** The newest updatedAt among what the last look for new invitations saw (ms). */
	seenUpdatedAt: number;
	/**
	 * id → updatedAt of finished invitations that look would not cover (ties at
	 * `seenUpdatedAt`, and ones that finished after it but were already reported). An
	 * invitation not in `active` that the next look meets is new unless these two say it was
	 * seen: reported once, never twice.
	 */
	seenFinished: Record<string, number>;
}

/** The same fields in state v1, under one-letter names. */
const V1_NAMES = {
	active: 'a',
	newestCreatedAt: 'm',
	seenUpdatedAt: 'u',
	seenFinished: 't',
} satisfies Record<Exclude<keyof InvitationState, 'v'>, string>;

function load(stored: unknown): InvitationState | undefined {
	const s = asV2<InvitationState>(stored, V1_NAMES);
	const readable =
		s?.v === 2 &&
		isMapOf(s.active, isCode) &&
		isTime(s.newestCreatedAt) &&
		isTime(s.seenUpdatedAt) &&
		isMapOf(s.seenFinished, isTime);
	return readable ? (s as unknown as InvitationState) : undefined;
}

/** Invitations created since `given` (default: within OVERLAP_MS of the newest one). */
async function scanNew(ctx: IPollFunctions, guard: PollGuard, given?: number) {
	return await scanRecent(ctx, PATH, guard, (newest) => given ?? newest - OVERLAP_MS);
}

async function listActive(
	ctx: IPollFunctions,
	guard: PollGuard,
): Promise<Map<string, IDataObject>> {
	const active = new Map<string, IDataObject>();
	for (const status of ACTIVE) {
		guard.check();
		const list = await zavuApiRequestAllItems.call(
			ctx,
			{ method: 'GET', path: PATH, qs: { status } },
			{ returnAll: true, limit: 0 },
		);
		for (const invitation of list) {
			// Trust the list's own status over the filter (an item may have moved meanwhile).
			const current = String(invitation.status ?? status);
			if (ACTIVE.includes(current)) active.set(String(invitation.id), invitation);
		}
	}
	return active;
}

function nextState(
	active: Map<string, IDataObject>,
	mark: number,
	previous: InvitationState | undefined,
	scanned: IDataObject[],
	fetched: IDataObject[] = [],
): InvitationState {
	const codes: Record<string, string> = {};
	for (const [id, invitation] of active) codes[id] = CODE[String(invitation.status)];
	// Only what the look for new invitations saw moves `seenUpdatedAt`: an invitation created
	// after that look must not fall under it unseen.
	let seen = previous?.seenUpdatedAt ?? 0;
	for (const invitation of scanned) seen = Math.max(seen, updatedAt(invitation));
	const finished: Record<string, number> = {};
	const note = (id: string, at: number) => {
		if (!(id in codes) && at >= seen) finished[id] = at;
	};
	for (const [id, at] of Object.entries(previous?.seenFinished ?? {})) note(id, at);
	for (const invitation of scanned) {
		if (updatedAt(invitation) === seen) note(String(invitation.id), seen);
	}
	// Finished and reported after the look, yet recent enough for the next look to meet.
	for (const invitation of fetched) {
		if (createdAt(invitation) >= mark - OVERLAP_MS)
			note(String(invitation.id), updatedAt(invitation));
	}
	return {
		v: 2,
		active: codes,
		newestCreatedAt: mark,
		seenUpdatedAt: seen,
		seenFinished: finished,
	};
}

/** What a finished invitation looked like while in progress: without what finishing set. */
function asInProgress(invitation: IDataObject): IDataObject {
	const step: IDataObject = { ...invitation, status: 'in_progress' };
	for (const key of ['completedAt', 'senderId', 'connectedAccount', 'failureReason']) {
		if (key in step) step[key] = null;
	}
	return step;
}

async function baseline(ctx: IPollFunctions, guard: PollGuard): Promise<InvitationState> {
	const head = await scanNew(ctx, guard);
	const active = await listActive(ctx, guard);
	return nextState(active, head.newest, undefined, head.items);
}

/** The invitation now, or null if it was deleted (nothing to report then). */
async function fetchOne(ctx: IPollFunctions, id: string): Promise<IDataObject | null> {
	let body: IDataObject;
	try {
		body = await zavuApiRequest.call(ctx, {
			method: 'GET',
			path: `${PATH}/${encodeId(id)}`,
			idempotent: true,
		});
	} catch (error) {
		if ((error as { httpCode?: string }).httpCode === '404') return null;
		throw asNodeError(ctx.getNode(), error);
	}
	return unwrap.call(ctx, body, 'invitation');
}

async function changes(
	ctx: IPollFunctions,
	state: InvitationState,
	guard: PollGuard,
): Promise<{ changes: Change[]; state: InvitationState }> {
	const since = state.newestCreatedAt - OVERLAP_MS;
	const scan = await scanNew(ctx, guard, since);
	const active = await listActive(ctx, guard);

	const byId = new Map<string, IDataObject>();
	const fetched: IDataObject[] = [];
	for (const invitation of scan.items) byId.set(String(invitation.id), invitation);
	for (const [id, invitation] of active) byId.set(id, invitation);

	const found: Change[] = [];
	const report = (invitation: IDataObject, previous: string | null) => {
		const status = String(invitation.status);
		// Two steps happened between two polls; report each transition, in order:
		// - from pending, the client opened the link (startedAt) and then finished, failed, or the
		//   invitation was cancelled or expired;
		// - from failed, the client retried (back to in_progress) and completed.
		const openedSince =
			(previous === 'pending' &&
				status !== 'pending' &&
				status !== 'in_progress' &&
				invitation.startedAt) ||
			(previous === 'failed' && status === 'completed');
		if (openedSince) {
			found.push({ entity: asInProgress(invitation), previousStatus: previous });
			previous = 'in_progress';
		}
		found.push({ entity: invitation, previousStatus: previous });
	};

	// Tracked invitations: compare with what they were.
	for (const [id, code] of Object.entries(state.active)) {
		const before = STATUS[code];
		let current = active.get(id) ?? byId.get(id);
		if (!current || ACTIVE.includes(String(current.status)) !== active.has(id)) {
			// Gone from the active lists: it finished (or moved between our two list calls).
			guard.check();
			const now = await fetchOne(ctx, id);
			if (now === null) continue; // deleted: nothing to report
			current = now;
			fetched.push(current);
			if (ACTIVE.includes(String(current.status))) active.set(id, current);
			else active.delete(id);
		}
		if (String(current.status) !== before) report(current, before);
	}

	// Invitations never seen before: created since the last poll (perhaps already finished).
	const finished = state.seenFinished;
	for (const [id, invitation] of byId) {
		if (id in state.active) continue;
		if (createdAt(invitation) < since && !active.has(id)) continue;
		const at = updatedAt(invitation);
		if (at < state.seenUpdatedAt || (id in finished && at <= finished[id])) continue; // seen already
		report(invitation, null);
	}

	const mark = Math.max(state.newestCreatedAt, scan.newest);
	return { changes: found, state: nextState(active, mark, state, scan.items, fetched) };
}

export const invitationSource: PollSource<InvitationState> = {
	resource: 'invitation',
	event: {
		name: 'Invitation Status Change',
		value: 'invitation',
		action: 'On invitation status change',
		description: 'A partner invitation changes status, e.g. the client completed onboarding',
	},
	properties: [
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: optionsOf(INVITATION_STATUSES),
			default: [],
			hint: 'Leave empty to fire on every status change',
			description: 'Fire when an invitation reaches one of these statuses',
		},
	],
	load,
	baseline,
	changes,
	// The list filters on every invitation status.
	latest: async (ctx, statuses) => await latestUpdated(ctx, PATH, statuses, () => true),
};
