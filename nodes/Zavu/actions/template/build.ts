import type { IDataObject } from 'n8n-workflow';

import { isPlainObject } from '../../transport';
import type { Fail } from '../common/validation';
import { FIELD_NAMES, JSON_FIELD, checkTemplate } from './rules';

// Create's request body (SDK: TemplateCreateParams) from its fields, then Extra Body (JSON), then
// checked as a whole (./rules.ts). Empty fields are left out, so the body holds only what was set.

/** Reads one of Create's parameters (n8n's getNodeParameter for the item). */
export type Read = (name: string, fallback: unknown) => unknown;

const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const isSet = (value: unknown) => value !== undefined && value !== null && value !== '';

/** A fixedCollection's rows: `{ [key]: [...] }` from the editor, or an array from an expression. */
function rows(value: unknown, key: string): unknown[] {
	if (Array.isArray(value)) return value;
	if (isPlainObject(value) && Array.isArray(value[key])) return value[key] as unknown[];
	return [];
}

/** The examples, in order: strings as given (trimmed), numbers as text. */
function examples(value: unknown): unknown[] {
	return rows(value, 'variable').map((row) => {
		const example = isPlainObject(row) ? row.example : row;
		return typeof example === 'number' ? String(example) : trimmed(example);
	});
}

/** The keys Zavu takes for a button of each type; other field values are not sent. */
const BUTTON_KEYS: Record<string, string[]> = {
	quick_reply: ['text'],
	url: ['text', 'url', 'example'],
	phone: ['text', 'phoneNumber'],
	otp: ['text', 'otpType', 'packageName', 'signatureHash'],
	request_contact_info: [],
};

function button(row: unknown): unknown {
	if (!isPlainObject(row)) return row;
	const type = trimmed(row.type);
	const out: IDataObject = { type: type as string };
	for (const key of BUTTON_KEYS[String(type)] ?? Object.keys(row)) {
		const value = trimmed(row[key]);
		if (isSet(value)) out[key] = value as string;
	}
	// An example is only read for a URL with {{1}} (SDK: ignored for static URLs): not sent.
	if (typeof out.url === 'string' && !out.url.includes('{{')) delete out.example;
	// The Android app fields belong to One Tap buttons only.
	if (out.otpType !== 'ONE_TAP') {
		delete out.packageName;
		delete out.signatureHash;
	}
	return out;
}

/** Extra Body (JSON): an object, from the JSON text or an expression's object. */
function extraBody(fail: Fail, value: unknown): IDataObject {
	if (!isSet(value)) return {};
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value) as unknown;
		} catch (error) {
			fail(`${JSON_FIELD} is not valid JSON: ${(error as Error).message}`);
		}
	}
	if (!isPlainObject(parsed)) fail(`${JSON_FIELD} must be a JSON object, e.g. {"smsBody": "…"}`);
	return parsed as IDataObject;
}

/** The create request's body, checked: fails before any request with the field at fault. */
export function templateBody(fail: Fail, read: Read): IDataObject {
	const body: IDataObject = {
		name: trimmed(read('name', '')) as string,
		language: trimmed(read('language', '')) as string,
		body: trimmed(read('body', '')) as string,
		whatsappCategory: trimmed(read('whatsappCategory', 'UTILITY')) as string,
	};
	const headerType = trimmed(read('headerType', 'none'));
	if (isSet(headerType) && headerType !== 'none') {
		body.headerType = headerType as string;
		body.headerContent = trimmed(read('headerContent', '')) as string;
	}
	const variables = examples(read('variables', {}));
	if (variables.length) body.variables = variables as string[];
	const buttons = rows(read('buttons', {}), 'button').map(button);
	if (buttons.length) body.buttons = buttons as IDataObject[];

	const extra = read('additionalFields', {});
	const more: IDataObject = isPlainObject(extra) ? (extra as IDataObject) : {};
	const footer = trimmed(more.footer);
	if (isSet(footer)) body.footer = footer as string;
	if (typeof more.addSecurityRecommendation === 'boolean') {
		body.addSecurityRecommendation = more.addSecurityRecommendation;
	}
	if (isSet(more.codeExpirationMinutes)) body.codeExpirationMinutes = more.codeExpirationMinutes;

	const fromJson = new Set<string>();
	for (const [key, value] of Object.entries(extraBody(fail, more.extraBody))) {
		if (key in body) {
			fail(
				`${JSON_FIELD} sets "${key}", which the ${FIELD_NAMES[key] ?? key} field already sets`,
				'Set each part once: in its field, or in the JSON.',
			);
		}
		body[key] = value;
		fromJson.add(key);
	}
	checkTemplate(fail, body, fromJson);
	return body;
}
