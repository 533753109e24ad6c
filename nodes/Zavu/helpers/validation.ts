import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// Checked before any request, so a bad row fails alone with a message naming the field and
// the item, instead of a round trip to Zavu and a generic 400.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRY = /^[A-Za-z]{2}$/;

export function fail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	message: string,
	description?: string,
): never {
	throw new NodeOperationError(ctx.getNode(), `${message} [item ${itemIndex}]`, {
		itemIndex,
		description,
	});
}

function shown(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A non-empty id that can stand as one URL path segment. */
export function requireId(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string {
	const id =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!id)
		fail(
			ctx,
			itemIndex,
			`${field} is empty`,
			`Set ${field}, e.g. from a previous node: {{ $json.id }}.`,
		);
	// `.`/`..` would be read as a directory move by URL parsing, even when percent-encoded.
	if (/^(\.|%2e)+$/i.test(id)) fail(ctx, itemIndex, `${field} "${id}" is not a valid ID`);
	return id;
}

export function requireEmail(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: string,
): string {
	const email = value.trim();
	if (!EMAIL.test(email)) {
		fail(ctx, itemIndex, `${field} "${shown(value)}" is not a valid email address`);
	}
	return email;
}

export function requireE164(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: string,
): string {
	const phone = value.trim();
	if (!E164.test(phone)) {
		fail(
			ctx,
			itemIndex,
			`${field} "${shown(value)}" is not in E.164 format`,
			'Use + then the country code and number, digits only, e.g. +14155551234.',
		);
	}
	return phone;
}

export function requirePositiveInteger(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < 1) {
		fail(ctx, itemIndex, `${field} must be a whole number of at least 1, got ${shown(value)}`);
	}
	return number;
}

export function requireMaxLength(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: string,
	max: number,
): string {
	if (value.length > max) {
		fail(
			ctx,
			itemIndex,
			`${field} is ${value.length} characters long; Zavu accepts at most ${max}`,
		);
	}
	return value;
}

/**
 * ISO 3166-1 alpha-2 codes from the multi-select, or from an expression as an array or a
 * comma-separated string ("US, mx"). Returned upper-cased and without duplicates.
 */
export function requireCountryCodes(
	ctx: IExecuteFunctions,
	itemIndex: number,
	field: string,
	value: unknown,
): string[] {
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
				ctx,
				itemIndex,
				`${field} contains "${shown(code)}", which is not a two-letter ISO 3166-1 country code`,
				'Use codes such as US, MX, BR.',
			);
		}
		const upper = code.toUpperCase();
		if (!codes.includes(upper)) codes.push(upper);
	}
	return codes;
}
