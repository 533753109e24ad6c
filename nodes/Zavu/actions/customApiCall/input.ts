import type { IDataObject, IHttpRequestMethods } from 'n8n-workflow';

import type { Fail } from '../common/validation';

// The checks of a custom call, before any request. The credential's API key goes with every
// request, so the path must never lead anywhere but Zavu's API under the configured base URL.

export type Method = Extract<IHttpRequestMethods, 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'>;

/**
 * Whether a method may be sent again after a timeout or 5xx (the transport's `idempotent`): a
 * second GET, PUT or DELETE leaves the same state; a second POST or PATCH may act twice (create
 * twice, append twice), so those are resent only when Zavu certainly did not act (429, refused).
 */
export const IDEMPOTENT: Readonly<Record<Method, boolean>> = {
	DELETE: true,
	GET: true,
	PATCH: false,
	POST: false,
	PUT: true,
};

export const METHODS = Object.keys(IDEMPOTENT) as Method[];

/** Methods that carry a JSON body (no Zavu DELETE takes one). */
export const METHODS_WITH_BODY: Method[] = ['PATCH', 'POST', 'PUT'];

function shown(value: string): string {
	return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

export function requireMethod(fail: Fail, value: unknown): Method {
	const method = typeof value === 'string' ? value.trim().toUpperCase() : '';
	if (!METHODS.includes(method as Method)) {
		fail(`Method "${String(value)}" is not one of ${METHODS.join(', ')}`);
	}
	return method as Method;
}

/** A segment that URL parsing would read as a directory move: `.`, `..`, also percent-encoded. */
const DOT_SEGMENT = /^(\.|%2e)+$/i;

/**
 * The path of a custom call, checked to stay under the credential's base URL: starting with
 * `/v1/` or `/v2/`, no scheme or host, no `.`/`..` segment (also encoded, or hidden behind an
 * encoded slash), no backslash, no query string or fragment (Query Parameters holds those).
 */
export function requireApiPath(fail: Fail, field: string, value: unknown): string {
	if (value !== null && value !== undefined && typeof value !== 'string') {
		fail(`${field} must be text, got ${typeof value}`);
	}
	const path = (value ?? '').trim();
	const example = 'e.g. /v1/contacts';
	if (!path) fail(`${field} is empty`, `Give the endpoint's path under the base URL, ${example}.`);
	const quoted = `${field} "${shown(path)}"`;
	if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('//')) {
		fail(
			`${quoted} names another host: give only the path under the credential's base URL, ${example}`,
			'The API key is sent with the request, so it may only go to the base URL of the "Zavu API" credential.',
		);
	}
	if (path.includes('\\')) fail(`${quoted} contains a backslash: separate segments with "/"`);
	if (/[\s\p{Cc}]/u.test(path)) {
		fail(`${quoted} contains a space or control character: percent-encode it (a space is %20)`);
	}
	if (path.includes('?') || path.includes('#')) {
		fail(`${quoted} contains a query string: put its parameters in Query Parameters instead`);
	}
	const segments = path.split('/');
	segments.forEach((segment, k) => {
		// Only the leading "/" and a trailing one make empty segments of their own.
		if (segment === '' && k > 0 && k < segments.length - 1) {
			fail(`${quoted} contains an empty segment ("//")`);
		}
		let decoded: string;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			fail(`${quoted} contains a malformed percent-escape in "${shown(segment)}"`);
		}
		// A server that decodes before routing would see `..%2F` as `../` and `%5C` as `\`.
		if (/[\\\p{Cc}]/u.test(decoded)) {
			fail(`${quoted} contains an encoded backslash or control character (e.g. %5C)`);
		}
		if ([segment, ...decoded.split('/')].some((part) => DOT_SEGMENT.test(part))) {
			fail(`${quoted} contains a "." or ".." segment, which would move out of the path it names`);
		}
	});
	if (!/^\/v[12]\//.test(path)) {
		fail(`${quoted} must start with /v1/ or /v2/ (Zavu's API versions), ${example}`);
	}
	return path;
}

/** Query Parameters (name/value pairs) as the request's query; each name once. */
export function queryFrom(fail: Fail, value: unknown): IDataObject {
	const entries = ((value as IDataObject | undefined)?.parameters ?? []) as IDataObject[];
	const qs: IDataObject = {};
	for (const entry of Array.isArray(entries) ? entries : []) {
		const name = typeof entry.name === 'string' ? entry.name.trim() : '';
		const raw = entry.value ?? '';
		if (typeof raw === 'object') {
			fail(`Query Parameters: "${name}" must be text, a number or a boolean, not an object`);
		}
		const text = String(raw);
		if (!name) {
			if (text === '') continue;
			fail(`Query Parameters: the value "${shown(text)}" has no name`);
		}
		if (name in qs) fail(`Query Parameters: "${name}" is given twice: give each parameter once`);
		qs[name] = text;
	}
	return qs;
}

/** The JSON Body: a JSON object (text or already an object), or undefined when left empty. */
export function bodyFrom(fail: Fail, value: unknown): IDataObject | undefined {
	let body = value;
	if (typeof value === 'string') {
		if (!value.trim()) return undefined;
		try {
			body = JSON.parse(value);
		} catch (error) {
			fail(`JSON Body is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (body === undefined || body === null) return undefined;
	if (typeof body !== 'object' || Array.isArray(body)) {
		fail(
			`JSON Body must be a JSON object ({ ... }), got ${Array.isArray(body) ? 'an array' : typeof body}`,
		);
	}
	return body as IDataObject;
}
