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

/** One page of a list, and whether it is the last one. */
export interface ListPage {
	items: IDataObject[];
	last: boolean;
}

/**
 * The pages of a cursor-paginated list (`{ items, nextCursor }`), one request per page as the
 * caller asks for the next, so a caller can stop early. A cursor Zavu already handed out means
 * the walk would loop (or repeat items), so it fails with an error before that page is handed
 * on, rather than returning duplicates. `pageSize` gets the number of items read so far.
 */
export async function* zavuApiPages(
	this: ZavuContext,
	request: Omit<ZavuRequest, 'idempotent'>,
	pageSize: (read: number) => number = () => MAX_PAGE_SIZE,
): AsyncGenerator<ListPage, void, undefined> {
	const seenCursors = new Set<string>();
	let cursor: string | undefined;
	let read = 0;
	for (;;) {
		const qs: IDataObject = { ...(request.qs ?? {}), limit: pageSize(read) };
		if (cursor !== undefined) qs.cursor = cursor;

		const body = await zavuApiRequest.call(this, { ...request, qs, idempotent: true });
		if (!Array.isArray(body.items)) {
			throw invalidResponseError(
				this.getNode(),
				'no "items" array in a list response',
				request.itemIndex,
			);
		}
		const items = body.items as IDataObject[];
		read += items.length;

		const next = body.nextCursor;
		const last = next === null || next === undefined || next === '';
		const nextCursor = String(next);
		if (!last && (seenCursors.has(nextCursor) || nextCursor === cursor)) {
			throw invalidResponseError(
				this.getNode(),
				`the list returned cursor "${nextCursor}" a second time after ${read} items; stopped to avoid looping over the same pages`,
				request.itemIndex,
			);
		}
		yield { items, last };
		if (last) return;
		seenCursors.add(nextCursor);
		cursor = nextCursor;
	}
}

/** Walks a list (see zavuApiPages): stops at `limit` items, or at the last page with Return All. */
export async function zavuApiRequestAllItems(
	this: ZavuContext,
	request: Omit<ZavuRequest, 'idempotent'>,
	page: PageOptions,
): Promise<IDataObject[]> {
	const results: IDataObject[] = [];
	if (!page.returnAll && page.limit <= 0) return results;
	const pageSize = (read: number) =>
		page.returnAll ? MAX_PAGE_SIZE : Math.min(MAX_PAGE_SIZE, page.limit - read);
	for await (const { items } of zavuApiPages.call(this, request, pageSize)) {
		results.push(...items);
		if (!page.returnAll && results.length >= page.limit) break;
	}
	return page.returnAll ? results : results.slice(0, page.limit);
}
