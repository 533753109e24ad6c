import type { IDataObject, IPollFunctions } from 'n8n-workflow';

import { zavuApiPages, zavuApiRequestAllItems } from '../Zavu/transport';
import type { PollGuard } from './guard';

export const createdAt = (entity: IDataObject) => Date.parse(String(entity.createdAt ?? '')) || 0;
export const updatedAt = (entity: IDataObject) =>
	Date.parse(String(entity.updatedAt ?? '')) || createdAt(entity);

/**
 * How far before the newest createdAt seen a poll reads the list again: an entity can show up
 * in the list a little later than a newer one (or share its millisecond), and is still noticed.
 */
export const OVERLAP_MS = 60 * 1000;

/**
 * Walks a list (`/v1/invitations`, `/v1/messages`) for the entities created at or after
 * `since(newest)`, where `newest` is the newest createdAt seen so far. Zavu does not document
 * the list order: while the pages look newest-first the walk stops at the first page that
 * reaches older entities; in any other order it reads to the end, so the result is the same.
 * A page the walker cannot trust (no `items`, a repeated cursor) fails the poll: the state is
 * then kept and the next poll reads the same changes.
 */
export async function scanRecent(
	ctx: IPollFunctions,
	path: string,
	guard: PollGuard,
	since: (newest: number) => number,
): Promise<{ items: IDataObject[]; newest: number }> {
	const seen: IDataObject[] = [];
	let newest = 0;
	let previous = Number.POSITIVE_INFINITY;
	let newestFirst = true;
	guard.check();
	for await (const page of zavuApiPages.call(ctx, { method: 'GET', path })) {
		for (const entity of page.items) {
			const at = createdAt(entity);
			if (at > previous) newestFirst = false;
			previous = at;
			newest = Math.max(newest, at);
			if (at >= since(newest)) seen.push(entity);
		}
		const list = page.items;
		const reachedOlder = list.length > 0 && createdAt(list[list.length - 1]) < since(newest);
		if (page.last || (newestFirst && reachedOlder)) break;
		guard.check(); // before the next page's request
	}
	const boundary = since(newest);
	return { items: seen.filter((entity) => createdAt(entity) >= boundary), newest };
}

/**
 * "Fetch Test Event": the most recently updated entity of a list in one of `statuses`, among
 * its first 100. With a single status the list filters on it, if the list can (`filterable`).
 */
export async function latestUpdated(
	ctx: IPollFunctions,
	path: string,
	statuses: string[],
	filterable: (status: string) => boolean,
): Promise<IDataObject | undefined> {
	const qs: IDataObject = {};
	if (statuses.length === 1 && filterable(statuses[0])) qs.status = statuses[0];
	const list = await zavuApiRequestAllItems.call(
		ctx,
		{ method: 'GET', path, qs },
		{ returnAll: false, limit: 100 },
	);
	const matching = list.filter((e) => !statuses.length || statuses.includes(String(e.status)));
	const updated = (e: IDataObject) => Date.parse(String(e.updatedAt ?? e.createdAt ?? '')) || 0;
	return matching.sort((x, y) => updated(y) - updated(x))[0];
}
