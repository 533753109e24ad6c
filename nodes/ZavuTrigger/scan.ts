import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { invalidResponseError, MAX_PAGE_SIZE, zavuApiRequest } from '../Zavu/transport';
import type { PollGuard } from './guard';

export const createdAt = (entity: IDataObject) => Date.parse(String(entity.createdAt ?? '')) || 0;
export const updatedAt = (entity: IDataObject) =>
	Date.parse(String(entity.updatedAt ?? '')) || createdAt(entity);

/**
 * Walks a list (`/v1/invitations`, `/v1/messages`) for the entities created at or after
 * `since(newest)`, where `newest` is the newest createdAt seen so far. Zavu does not document
 * the list order: while the pages look newest-first the walk stops at the first page that
 * reaches older entities; in any other order it reads to the end, so the result is the same.
 */
export async function scanRecent(
	this: IPollFunctions,
	path: string,
	guard: PollGuard,
	since: (newest: number) => number,
): Promise<{ items: IDataObject[]; newest: number }> {
	const seen: IDataObject[] = [];
	let newest = 0;
	let previous = Number.POSITIVE_INFINITY;
	let newestFirst = true;
	let cursor: string | undefined;
	const cursors = new Set<string>();
	for (;;) {
		guard.check();
		const qs: IDataObject = { limit: MAX_PAGE_SIZE };
		if (cursor) qs.cursor = cursor;
		const page = await zavuApiRequest.call(this, { method: 'GET', path, qs, idempotent: true });
		const list = Array.isArray(page.items) ? (page.items as IDataObject[]) : [];
		for (const entity of list) {
			const at = createdAt(entity);
			if (at > previous) newestFirst = false;
			previous = at;
			newest = Math.max(newest, at);
			if (at >= since(newest)) seen.push(entity);
		}
		const next = page.nextCursor ? String(page.nextCursor) : '';
		const reachedOlder = list.length > 0 && createdAt(list[list.length - 1]) < since(newest);
		if (!next || (newestFirst && reachedOlder)) break;
		if (cursors.has(next)) {
			// Stopping here would treat an incomplete walk as complete: fail, keep the state.
			throw invalidResponseError(
				this.getNode(),
				`the list ${path} returned cursor "${next}" a second time`,
			);
		}
		cursors.add(next);
		cursor = next;
	}
	const boundary = since(newest);
	return { items: seen.filter((entity) => createdAt(entity) >= boundary), newest };
}
