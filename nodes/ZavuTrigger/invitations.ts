import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { ACTIVE_INVITATION_STATUSES } from '../Zavu/constants';
import { asNodeError, encodeId, zavuApiRequest, zavuApiRequestAllItems } from '../Zavu/transport';
import type { PollGuard } from './guard';
import { createdAt, scanRecent, updatedAt } from './scan';

// Statuses an invitation can still leave (`failed` too: the client can retry the same link).
const ACTIVE: readonly string[] = ACTIVE_INVITATION_STATUSES;
/** One letter per active status in the stored state, to keep it small. */
const CODE: Record<string, string> = { pending: 'p', in_progress: 'i', failed: 'f' };
const STATUS: Record<string, string> = Object.fromEntries(
	Object.entries(CODE).map(([status, code]) => [code, status]),
);

/**
 * Invitations created up to this long before the newest one seen are checked again on the
 * next poll, so one that shows up in the list a little later than a newer one (or created in
 * the same millisecond as the newest) is still noticed, once.
 */
export const OVERLAP_MS = 60 * 1000;

/**
 * What the trigger remembers between polls (plain JSON, in workflow static data):
 * - `a`: the invitations that can still change (pending/in_progress/failed), id → status code;
 *   finished ones are dropped, so its size follows the active invitations, not all of them;
 * - `m`: the newest createdAt seen (ms): where the next look for new invitations stops;
 * - `u`: the newest updatedAt among the invitations the last look for new ones saw (ms); `t`:
 *   id → updatedAt of finished invitations that look would not cover (ties at `u`, and ones
 *   that finished after it but were already reported). An invitation not in `a` that the next
 *   look meets is new unless `u` or `t` says it was seen: reported once, never twice.
 *
 * Size: about 30 bytes per active invitation plus a few dozen bytes.
 */
export interface InvitationState {
	v: 1;
	a: Record<string, string>;
	m: number;
	u: number;
	t: Record<string, number>;
}

export interface InvitationChange {
	invitation: IDataObject;
	previousStatus: string | null;
}

/** Invitations created since `given` (default: within OVERLAP_MS of the newest one). */
async function scanNew(this: IPollFunctions, guard: PollGuard, given?: number) {
	return await scanRecent.call(
		this,
		'/v1/invitations',
		guard,
		(newest) => given ?? newest - OVERLAP_MS,
	);
}

async function listActive(
	this: IPollFunctions,
	guard: PollGuard,
): Promise<Map<string, IDataObject>> {
	const active = new Map<string, IDataObject>();
	for (const status of ACTIVE) {
		guard.check();
		const list = await zavuApiRequestAllItems.call(
			this,
			{ method: 'GET', path: '/v1/invitations', qs: { status } },
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
	const a: Record<string, string> = {};
	for (const [id, invitation] of active) a[id] = CODE[String(invitation.status)];
	// Only what the look for new invitations saw moves `u`: an invitation created after that
	// look must not fall under it unseen.
	let u = previous?.u ?? 0;
	for (const invitation of scanned) u = Math.max(u, updatedAt(invitation));
	const t: Record<string, number> = {};
	const note = (id: string, at: number) => {
		if (!(id in a) && at >= u) t[id] = at;
	};
	for (const [id, at] of Object.entries(previous?.t ?? {})) note(id, at);
	for (const invitation of scanned) {
		if (updatedAt(invitation) === u) note(String(invitation.id), u);
	}
	// Finished and reported after the look, yet recent enough for the next look to meet.
	for (const invitation of fetched) {
		if (createdAt(invitation) >= mark - OVERLAP_MS)
			note(String(invitation.id), updatedAt(invitation));
	}
	return { v: 1, a, m: mark, u, t };
}

/** What a finished invitation looked like while in progress: without what finishing set. */
function asInProgress(invitation: IDataObject): IDataObject {
	const step: IDataObject = { ...invitation, status: 'in_progress' };
	for (const key of ['completedAt', 'senderId', 'connectedAccount', 'failureReason']) {
		if (key in step) step[key] = null;
	}
	return step;
}

/** First poll after activation: remember where things stand, report nothing. */
export async function invitationBaseline(
	this: IPollFunctions,
	guard: PollGuard,
): Promise<InvitationState> {
	const head = await scanNew.call(this, guard);
	const active = await listActive.call(this, guard);
	return nextState(active, head.newest, undefined, head.items);
}

/**
 * One poll: every status change since the last one, each reported once, and the state to
 * keep. Nothing here writes the state: the caller stores it only after the whole poll
 * succeeded, so a failed poll leaves it as it was and the next one sees the same changes.
 */
export async function invitationChanges(
	this: IPollFunctions,
	state: InvitationState,
	guard: PollGuard,
): Promise<{ changes: InvitationChange[]; state: InvitationState }> {
	const since = state.m - OVERLAP_MS;
	const scan = await scanNew.call(this, guard, since);
	const active = await listActive.call(this, guard);

	const byId = new Map<string, IDataObject>();
	const fetched: IDataObject[] = [];
	for (const invitation of scan.items) byId.set(String(invitation.id), invitation);
	for (const [id, invitation] of active) byId.set(id, invitation);

	const changes: InvitationChange[] = [];
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
			changes.push({ invitation: asInProgress(invitation), previousStatus: previous });
			previous = 'in_progress';
		}
		changes.push({ invitation, previousStatus: previous });
	};

	// Tracked invitations: compare with what they were.
	for (const [id, code] of Object.entries(state.a)) {
		const before = STATUS[code];
		let current = active.get(id) ?? byId.get(id);
		if (!current || ACTIVE.includes(String(current.status)) !== active.has(id)) {
			// Gone from the active lists: it finished (or moved between our two list calls).
			guard.check();
			try {
				const response = await zavuApiRequest.call(this, {
					method: 'GET',
					path: `/v1/invitations/${encodeId(id)}`,
					idempotent: true,
				});
				current = response.invitation as IDataObject;
				fetched.push(current);
			} catch (error) {
				if ((error as { httpCode?: string }).httpCode === '404') continue; // deleted: nothing to report
				throw asNodeError(this.getNode(), error);
			}
			if (ACTIVE.includes(String(current.status))) active.set(id, current);
			else active.delete(id);
		}
		if (String(current.status) !== before) report(current, before);
	}

	// Invitations never seen before: created since the last poll (perhaps already finished).
	for (const [id, invitation] of byId) {
		if (id in state.a) continue;
		if (createdAt(invitation) < since && !active.has(id)) continue;
		const at = updatedAt(invitation);
		if (at < state.u || (id in state.t && at <= state.t[id])) continue; // seen already
		report(invitation, null);
	}

	const mark = Math.max(state.m, scan.newest);
	return { changes, state: nextState(active, mark, state, scan.items, fetched) };
}

/** "Fetch Test Event": the most recently updated invitation in one of the statuses. */
export async function latestInvitation(
	this: IPollFunctions,
	statuses: string[],
): Promise<IDataObject | undefined> {
	const qs: IDataObject = {};
	if (statuses.length === 1) qs.status = statuses[0];
	const list = await zavuApiRequestAllItems.call(
		this,
		{ method: 'GET', path: '/v1/invitations', qs },
		{ returnAll: false, limit: 100 },
	);
	const matching = list.filter((i) => !statuses.length || statuses.includes(String(i.status)));
	const updated = (i: IDataObject) => Date.parse(String(i.updatedAt ?? i.createdAt ?? '')) || 0;
	return matching.sort((x, y) => updated(y) - updated(x))[0];
}
