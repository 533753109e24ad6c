import type { IWebhookFunctions } from 'n8n-workflow';

import type { WebhookState } from './lifecycle';

/** Event ids remembered against Zavu's retries (same id, up to hours later) and replays. */
const SEEN_FOR_MS = 24 * 60 * 60 * 1000;
const SEEN_AT_MOST = 1000;
/** Registrations this process remembers ids for (a bound, not a real-world limit). */
const REGISTRATIONS_AT_MOST = 200;

/**
 * Per registration (workflow, node, signing secrets): event id → when it was taken.
 *
 * Why memory as well as the node's static data: n8n loads a webhook's static data from the
 * database for every delivery and saves it whole afterwards, so deliveries handled at the same
 * time each save their own copy and the last one wins: the ids the others added are lost, and
 * Zavu's retry of one of those events (it retries when n8n answered too late, e.g. under a burst)
 * would start a second execution. The memory is shared by every delivery this process handles
 * and is updated before any await, so concurrent deliveries see each other's ids at once; the
 * static data carries the ids over a restart.
 */
const memory = new Map<string, Map<string, number>>();

export interface SeenEvents {
	/** True the first time an id is offered; false for a retry or replay of it. */
	take(id: string): boolean;
	/** Forgets an id taken by a delivery that then failed, so Zavu's retry of it can run. */
	giveBack(id: string): void;
}

function registration(ctx: IWebhookFunctions, kept: WebhookState): Map<string, number> {
	const node = ctx.getNode();
	const key = JSON.stringify([
		ctx.getWorkflow().id ?? '',
		node.id ?? node.name,
		kept.project?.secret ?? '',
		kept.sender?.secret ?? '',
	]);
	let ids = memory.get(key);
	if (!ids) {
		ids = new Map();
		memory.set(key, ids);
		for (const old of [...memory.keys()].slice(0, Math.max(0, memory.size - REGISTRATIONS_AT_MOST)))
			memory.delete(old);
	}
	return ids;
}

/** Keeps the newest `SEEN_AT_MOST` entries younger than `SEEN_FOR_MS` (insertion order = age). */
function prune(entries: Iterable<[string, number]>, now: number): Array<[string, number]> {
	const young = [...entries].filter(([, at]) => now - at < SEEN_FOR_MS);
	return young.slice(Math.max(0, young.length - SEEN_AT_MOST));
}

export function seenEvents(ctx: IWebhookFunctions, kept: WebhookState): SeenEvents {
	const ids = registration(ctx, kept);
	return {
		take(id) {
			const now = Date.now();
			const inMemory = prune(ids, now);
			ids.clear();
			for (const [seenId, at] of inMemory) ids.set(seenId, at);
			const stored = prune(Object.entries(kept.seen ?? {}), now);
			if (ids.has(id) || stored.some(([seenId]) => seenId === id)) return false;
			ids.set(id, now);
			kept.seen = Object.fromEntries(prune([...stored, [id, now]], now));
			return true;
		},
		giveBack(id) {
			ids.delete(id);
			if (kept.seen && id in kept.seen) {
				const rest = { ...kept.seen };
				delete rest[id];
				kept.seen = rest;
			}
		},
	};
}
