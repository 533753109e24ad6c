/**
 * What a stand-in resource module (contacts, conversations, lookups…) sees of the stand-in and
 * gives it. Each module owns its entities and routes; the stand-in keeps the shared behaviour:
 * auth, rate limits, faults, latency, recording, `{code, message}` errors, cursor pagination.
 */
import type * as http from 'node:http';

import type { WebhookHub } from '../webhooks';

export interface RouteContext {
	method: string;
	/** The pathname, e.g. `/v1/contacts/ct_123`. */
	path: string;
	query: URLSearchParams;
	/** Parsed JSON body (undefined when empty or not JSON). */
	body: any;
	bodyIsJson: boolean;
	req: http.IncomingMessage;
}

export interface ApiResult {
	status: number;
	body: unknown;
}

export interface Page<T> {
	items: T[];
	nextCursor: string | null;
}

/** The stand-in, as a resource module uses it. */
export interface StandInHost {
	/** The stand-in's clock (tests may override it). */
	now(): number;
	/**
	 * Zavu's cursor pagination (`limit`, `cursor` from `query`; `{items, nextCursor}`) over the ids
	 * `ids()` returns, looked up in `map`. The first page fixes the list, so a walk never repeats
	 * or skips an item while entities change. `kind` names the list (a cursor of one list is
	 * refused by another).
	 */
	page<T>(
		kind: string,
		map: Map<string, T>,
		ids: string[] | (() => string[]),
		query: URLSearchParams,
	): Page<T>;
	/** Orders entities as the stand-in's lists do (newest first by default). */
	ordered<T extends { id: string; createdAt: string }>(items: T[]): T[];
	/** The seeded and created senders, messages (shared with the core: modules may update them, one source of truth per entity). */
	readonly senders: Map<string, any>;
	readonly messages: Map<string, any>;
	/** The project's phone numbers (shared with the core: modules may update them, one source of truth per entity): a sender can only take one of these. */
	readonly phoneNumbers: Map<string, any>;
	/** The senders' webhooks (../webhooks.ts): the one place their webhook fields are applied. */
	readonly webhooks: WebhookHub;
	/**
	 * The project's WhatsApp templates: the one map that GET /v1/templates lists, sends check and
	 * ./templates.ts creates, submits, syncs and deletes in.
	 */
	readonly templates: Map<string, any>;
}

export interface ResourceModule {
	/**
	 * Answers a request under `/v1/` that this module owns; `seg` are the path segments after
	 * `v1` (e.g. `['contacts', 'ct_1', 'channels']`). Undefined: not this module's route.
	 * Throw `StandInError` (from ../util) for Zavu's `{code, message}` errors.
	 */
	route(ctx: RouteContext, seg: string[]): ApiResult | undefined;
	/**
	 * Answers `GET /__files/<token>` when `token` is one this module signed (undefined: not its
	 * token). These stand for Zavu's signed download URLs, so no API key is asked for them.
	 */
	file?(token: string, req: http.IncomingMessage): FileResult | undefined;
}

/** The raw answer to a signed URL: bytes and their headers, not Zavu's JSON. */
export interface FileResult {
	status: number;
	headers: Record<string, string>;
	body: Buffer | string;
}

export const ok = (body: unknown): ApiResult => ({ status: 200, body });
export const created = (body: unknown): ApiResult => ({ status: 201, body });
