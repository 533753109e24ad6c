/** One raw HTTP call to a stand-in, for the stand-in's own tests (status, headers, text, JSON). */
import type { ZavuStandIn } from './ZavuStandIn';

/** The stand-in's default API key (what its tests authenticate with unless told otherwise). */
export const KEY = 'zv_test_standin_key';

export interface CallOptions {
	method?: string;
	body?: unknown;
	rawBody?: string;
	/** The API key to send; `null` sends none. */
	key?: string | null;
	headers?: Record<string, string>;
}

export async function callStandIn(api: ZavuStandIn, path: string, opts: CallOptions = {}) {
	const headers: Record<string, string> = { ...opts.headers };
	const key = opts.key === undefined ? KEY : opts.key;
	if (key !== null) headers.Authorization = `Bearer ${key}`;
	let body: string | undefined = opts.rawBody;
	if (opts.body !== undefined) {
		body = JSON.stringify(opts.body);
		headers['Content-Type'] = 'application/json';
	}
	const res = await fetch(api.baseUrl + path, {
		method: opts.method ?? (body ? 'POST' : 'GET'),
		headers,
		body,
	});
	const text = await res.text();
	return {
		status: res.status,
		headers: res.headers,
		text,
		json: text ? JSON.parse(text) : undefined,
	};
}
