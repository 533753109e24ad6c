import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../constants';
import { gateFor } from './rateLimit';
import {
	asNodeError,
	invalidResponseError,
	isPlainObject,
	zavuApiError,
	zavuConnectionError,
} from './errors';

export type ZavuContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions
	| IWebhookFunctions;

export const CREDENTIAL_TYPE = 'zavudevApi';
// Defined in constants.ts; re-exported for the transport's importers.
export { DEFAULT_BASE_URL };

/** Bounds on retrying one request; all of them are node options the user can see. */
export interface RetryOptions {
	/** Total tries, the first one included (1 = never retry). */
	maxAttempts: number;
	/** Upper bound on the time spent waiting between tries, summed. */
	maxWaitMs: number;
	/** Per-try timeout. */
	timeoutMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { maxAttempts: 3, maxWaitMs: 60_000, timeoutMs: 60_000 };

export interface ZavuRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, ids already encoded with `encodeId`. */
	path: string;
	qs?: IDataObject;
	/** How arrays in `qs` are sent; n8n's default is indices (`tag[0]=a&tag[1]=b`). */
	arrayFormat?: IHttpRequestOptions['arrayFormat'];
	body?: IDataObject;
	headers?: IDataObject;
	/**
	 * Whether sending the request twice has the same effect as sending it once (GET, cancel,
	 * a send with an idempotency key). A request that is not idempotent is retried only when
	 * Zavu certainly did not act on it: a 429, or a connection that was refused.
	 */
	idempotent: boolean;
	itemIndex?: number;
	retry?: Partial<RetryOptions>;
}

/** Statuses worth another try for an idempotent request (as Zavu's own SDKs do). */
const isRetryableStatus = (status: number) => status === 408 || (status >= 500 && status !== 501);
/** Network failures worth another try for an idempotent request. */
const RETRYABLE_NETWORK = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
]);

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 8_000;

/** The same trimming for the credential test and every request: spaces, trailing slashes. */
export function normalizeBaseUrl(value: unknown): string {
	const url = String(value ?? '')
		.trim()
		.replace(/\/+$/, '');
	return url || DEFAULT_BASE_URL;
}

/**
 * Encodes an id for use as one path segment. `encodeURIComponent` keeps `.`, and URL
 * parsing treats `.`/`..` segments (also `%2e`) as directory moves, so those are refused
 * by the validation before this point; everything else (`/`, spaces, `?`) is escaped here.
 */
export function encodeId(id: string): string {
	return encodeURIComponent(id);
}

export function backoffMs(attempt: number): number {
	return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
}

function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const value = response.headers?.[name] ?? response.headers?.[name.toLowerCase()];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/** Seconds from a `Retry-After` header (Zavu sends seconds; an HTTP date is accepted too). */
export function retryAfterMs(value: string | undefined): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
	const date = Date.parse(value);
	if (Number.isFinite(date)) return Math.max(0, date - Date.now());
	return undefined;
}

/** Past the reset time: a few ms for the server's own clock and timers. */
const RESET_SLACK_MS = 5;

/**
 * How long a 429 asks to wait. `Retry-After` counts whole seconds, rounded up: with a window that
 * reopens in 200 ms it says 1 s. When the answer's `X-RateLimit-Reset` (Unix ms) falls within
 * that last second, the window reopens then, and waiting the rest of the second only loses time
 * (every worker of a queue-mode n8n hits the end of each window; see README, queue mode).
 */
export function retryWindowMs(response: IN8nHttpFullResponse): number | undefined {
	const retryAfter = retryAfterMs(header(response, 'retry-after'));
	if (retryAfter === undefined || retryAfter === 0) return retryAfter || undefined;
	const reset = Number(header(response, 'x-ratelimit-reset'));
	const untilReset = reset - Date.now();
	if (
		Number.isFinite(untilReset) &&
		untilReset >= 0 &&
		untilReset <= retryAfter &&
		retryAfter - untilReset < 1000
	) {
		return untilReset + RESET_SLACK_MS;
	}
	return retryAfter;
}

/** The network error code behind a failed helper call, if it never got an HTTP answer. */
function networkErrorCode(error: unknown): string | undefined {
	const seen = new Set<unknown>();
	let current: unknown = error;
	// The helper wraps axios' error in a NodeApiError; the code sits on the cause chain.
	while (isPlainObjectLike(current) && !seen.has(current)) {
		seen.add(current);
		const record = current as Record<string, unknown>;
		if (
			isPlainObjectLike(record.response) &&
			typeof (record.response as IDataObject).status === 'number'
		) {
			return undefined;
		}
		const code = record.code;
		if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
		current = record.cause;
	}
	const message = error instanceof Error ? error.message : String(error);
	if (/timeout/i.test(message)) return 'ETIMEDOUT';
	const match = /\b(E[A-Z]{4,})\b/.exec(message);
	return match?.[1];
}

function isPlainObjectLike(value: unknown): value is object {
	return typeof value === 'object' && value !== null;
}

const credentialCache = new WeakMap<object, Promise<ICredentialDataDecryptedObject>>();

/**
 * The "Zavu API" credential, read once per node run (`this` is a fresh context per run) and
 * handed to n8n's request helper, which otherwise loads and decrypts it again for every request:
 * about half of a send's CPU in a real n8n (BENCHMARKS.md, "Real n8n: sends"). n8n's helper
 * itself resolves the credential without an item index, so this changes nothing it would see.
 */
async function credentialsFor(
	context: ZavuContext,
	itemIndex?: number,
): Promise<ICredentialDataDecryptedObject> {
	let pending = credentialCache.get(context);
	if (!pending) {
		pending = context.getCredentials(CREDENTIAL_TYPE, itemIndex);
		credentialCache.set(context, pending);
		// A failed read (no credential yet, a bad expression) is not remembered.
		pending.catch(() => credentialCache.delete(context));
	}
	return await pending;
}

/**
 * One Zavu API call through n8n's authenticated request helper, with Zavu's error shape,
 * bounded retries and rate-limit handling. Returns the parsed JSON body.
 */
export async function zavuApiRequest(
	this: ZavuContext,
	request: ZavuRequest,
): Promise<IDataObject> {
	const credentials = await credentialsFor(this, request.itemIndex);
	const baseUrl = normalizeBaseUrl(credentials.baseUrl);
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const retry: RetryOptions = { ...DEFAULT_RETRY, ...request.retry };
	const node = this.getNode();
	const gate = gateFor(this);

	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		json: true,
		returnFullResponse: true,
		// We read every status ourselves: Zavu's `code`/`message`, `Retry-After`.
		ignoreHttpStatusErrors: true,
		timeout: retry.timeoutMs,
	};
	if (request.qs && Object.keys(request.qs).length) options.qs = request.qs;
	if (request.arrayFormat) options.arrayFormat = request.arrayFormat;
	if (request.headers && Object.keys(request.headers).length) options.headers = request.headers;
	if (request.body !== undefined) {
		// n8n's helper drops an empty object body; Zavu should still get valid JSON.
		options.body = Object.keys(request.body).length ? request.body : '{}';
		if (!Object.keys(request.body).length) {
			options.headers = { ...(options.headers ?? {}), 'Content-Type': 'application/json' };
		}
	}

	let waitedMs = 0;
	/** Whether another try fits Max Attempts and Max Retry Wait; if so, waits for it. */
	const waitForRetry = async (attempt: number, delay: number): Promise<boolean> => {
		if (attempt >= retry.maxAttempts || waitedMs + delay > retry.maxWaitMs) return false;
		waitedMs += delay;
		await sleep(delay);
		return true;
	};
	// One place in the gate's line for every try of this request: a retry goes ahead of newer ones.
	const ticket = gate.ticket();
	let rateLimited = 0;
	for (let attempt = 1; ; attempt++) {
		let response: IN8nHttpFullResponse;
		const queued = Date.now();
		await gate.acquire(ticket);
		// After a 429 the wait is spent at the gate, shut for everyone: it counts as retry wait.
		if (rateLimited) waitedMs += Date.now() - queued;
		try {
			response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				// A fresh copy per try: the helper mutates the options it authenticates.
				{ ...options, headers: options.headers ? { ...options.headers } : undefined },
				{
					// The data as a copy too: the helper may add pre-authentication data to it.
					credentialsDecrypted: {
						id: reference?.id ?? '',
						name: reference?.name ?? '',
						type: CREDENTIAL_TYPE,
						data: { ...credentials },
					},
				},
			)) as IN8nHttpFullResponse;
			gate.release(response.headers as Record<string, unknown>);
		} catch (error) {
			gate.release();
			const code = networkErrorCode(error);
			if (!code) throw asNodeError(node, error, request.itemIndex);
			// Refused means nothing reached Zavu, so even a create is safe to send again.
			const safe = request.idempotent ? RETRYABLE_NETWORK.has(code) : code === 'ECONNREFUSED';
			if (safe && (await waitForRetry(attempt, backoffMs(attempt)))) continue;
			throw zavuConnectionError(node, code, baseUrl, attempt, request.itemIndex);
		}

		const status = response.statusCode;
		if (status >= 200 && status < 300) {
			if (status === 204 || response.body === '' || response.body === undefined) return {};
			if (!isPlainObject(response.body)) {
				throw invalidResponseError(
					node,
					`expected a JSON object from ${request.method} ${request.path}, got ${describeBody(response.body)}`,
					request.itemIndex,
				);
			}
			return response.body as IDataObject;
		}

		let delay: number | undefined;
		if (status === 429) {
			// Zavu did not act on a rate-limited request: safe to resend whatever it was, as long
			// as Max Retry Wait allows (a 429 says "later", so it does not use up Max Attempts).
			rateLimited++;
			delay = retryWindowMs(response) ?? backoffMs(rateLimited);
			if (waitedMs + delay <= retry.maxWaitMs) {
				gate.closeFor(delay);
				attempt--;
				continue;
			}
		} else if (request.idempotent && isRetryableStatus(status)) {
			delay = backoffMs(attempt);
			if (await waitForRetry(attempt, delay)) continue;
		}
		let note: string | undefined;
		if (status === 429 && delay !== undefined && waitedMs > 0) {
			note = `Still rate limited after waiting ${Math.round(waitedMs / 1000)} s; Zavu asked for ${Math.ceil(delay / 1000)} s more than "Max Retry Wait" allows.`;
		} else if (delay !== undefined && attempt > 1) note = `Gave up after ${attempt} attempts.`;
		else if (delay !== undefined && attempt < retry.maxAttempts)
			note = `Zavu asked to wait ${Math.ceil(delay / 1000)} s, more than "Max Retry Wait" allows.`;
		throw zavuApiError(node, status, response.body, request.itemIndex, note);
	}
}

function describeBody(body: unknown): string {
	if (typeof body === 'string') return `text "${body.slice(0, 60)}"`;
	if (Array.isArray(body)) return 'an array';
	return typeof body;
}

/** Unwraps `{ invitation: {...} }`-style envelopes, refusing anything else. */
export function unwrap(
	this: ZavuContext,
	body: IDataObject,
	key: string,
	itemIndex?: number,
): IDataObject {
	const value = body[key];
	if (!isPlainObject(value)) {
		throw invalidResponseError(this.getNode(), `no "${key}" object in the response`, itemIndex);
	}
	return value as IDataObject;
}
