import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// Checked before any request, so a bad row fails alone with a message naming the field and
// the item, instead of a round trip to Zavu and a generic 400. The checks take a `Fail` rather
// than n8n's context, so code that builds a request can run (and be tested) without n8n.

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

/** Refuses an item's input: throws, with the message and an optional hint. */
export type Fail = (message: string, description?: string) => never;

/** The Fail of one item: its error ends with `[item N]` and carries the item's index. */
export function itemFail(ctx: IExecuteFunctions, itemIndex: number): Fail {
	return (message, description) => {
		throw new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, {
			itemIndex,
			description,
		});
	};
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A non-empty id that can stand as one URL path segment. */
export function requireId(fail: Fail, field: string, value: unknown): string {
	const id =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!id) fail(`${field} is empty`, `Set ${field}, e.g. from a previous node: {{ $json.id }}.`);
	// `.`/`..` would be read as a directory move by URL parsing, even when percent-encoded.
	if (/^(\.|%2e)+$/i.test(id)) fail(`${field} "${id}" is not a valid ID`);
	return id;
}

/** `value` trimmed, when it matches `pattern`; otherwise fails with `${field} "…" ${problem}`. */
function requireMatch(
	fail: Fail,
	field: string,
	value: string,
	pattern: RegExp,
	problem: string,
	description?: string,
): string {
	const trimmed = value.trim();
	if (!pattern.test(trimmed)) fail(`${field} "${shown(value)}" ${problem}`, description);
	return trimmed;
}

export const requireEmail = (fail: Fail, field: string, value: string): string =>
	requireMatch(fail, field, value, EMAIL, 'is not a valid email address');

export const requireE164 = (fail: Fail, field: string, value: string): string =>
	requireMatch(
		fail,
		field,
		value,
		E164,
		'is not in E.164 format',
		'Use + then the country code and number, digits only, e.g. +14155551234.',
	);

export function requirePositiveInteger(fail: Fail, field: string, value: unknown): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		fail(`${field} must be a whole number of at least 1, got ${shown(value)}`);
	}
	return number;
}

export function requireMaxLength(fail: Fail, field: string, value: string, max: number): string {
	if (value.length > max) {
		fail(`${field} is ${value.length} characters long; Zavu accepts at most ${max}`);
	}
	return value;
}

/**
 * ISO 3166-1 alpha-2 codes from the multi-select, or from an expression as an array or a
 * comma-separated string ("US, mx"). Returned upper-cased and without duplicates.
 */
export function requireCountryCodes(fail: Fail, field: string, value: unknown): string[] {
	const raw: unknown[] = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',')
			: [value];
	const codes: string[] = [];
	for (const entry of raw) {
		const code = typeof entry === 'string' ? entry.trim() : entry;
		if (code === '') continue;
		if (typeof code !== 'string' || !COUNTRY.test(code)) {
			fail(
				`${field} contains "${shown(code)}", which is not a two-letter ISO 3166-1 country code`,
				'Use codes such as US, MX, BR.',
			);
		}
		const upper = code.toUpperCase();
		if (!codes.includes(upper)) codes.push(upper);
	}
	return codes;
}
