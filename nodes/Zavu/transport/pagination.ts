import type { IDataObject } from 'n8n-workflow';

import { invalidResponseError } from './errors';
import type { ZavuContext, ZavuRequest } from './request';
import { zavuApiRequest } from './request';

/** Zavu's per-request maximum for `limit`. */
export const MAX_PAGE_SIZE = 100;

export interface PageOptions {
	returnAll: boolean;
	/** Wanted item count when not returning all; may exceed one page. */
	limit: number;
}

/**
 * Walks a cursor-paginated list (`{ items, nextCursor }`). Stops at `limit` items, or at the
 * last page with Return All. A cursor Zavu already handed out means the walk would loop
 * (or repeat items), so it stops with an error rather than returning duplicates.
 */
export async function zavuApiRequestAllItems(
	this: ZavuContext,
	request: Omit<ZavuRequest, 'idempotent'>,
	page: PageOptions,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	const seenCursors = new Set<string>();
	let cursor: string | undefined;

	while (page.returnAll || results.length < page.limit) {
		const pageSize = page.returnAll
			? MAX_PAGE_SIZE
			: Math.min(MAX_PAGE_SIZE, page.limit - results.length);
		const qs: IDataObject = { ...(request.qs ?? {}), limit: pageSize };
		if (cursor !== undefined) qs.cursor = cursor;

		const body = await zavuApiRequest.call(this, { ...request, qs, idempotent: true });
		if (!Array.isArray(body.items)) {
			throw invalidResponseError(this.getNode(), 'no "items" array in a list response', request.itemIndex);
		}
		results.push(...(body.items as IDataObject[]));

		const next = body.nextCursor;
		if (next === null || next === undefined || next === '') break;
		const nextCursor = String(next);
		if (seenCursors.has(nextCursor) || nextCursor === cursor) {
			throw invalidResponseError(
				this.getNode(),
				`the list returned cursor "${nextCursor}" a second time after ${results.length} items; stopped to avoid looping over the same pages`,
				request.itemIndex,
			);
		}
		seenCursors.add(nextCursor);
		cursor = nextCursor;
	}

	return page.returnAll ? results : results.slice(0, page.limit);
}
