import type { IDataObject } from 'n8n-workflow';

import type { TemplateButtonType, TemplateHeaderType } from '../../constants';
import {
	keysOf,
	MAX_TEMPLATE_BUTTONS,
	TEMPLATE_BUTTON_TYPES,
	TEMPLATE_CATEGORIES,
	TEMPLATE_HEADER_TYPES,
	TEMPLATE_OTP_TYPES,
} from '../../constants';
import { isPlainObject } from '../../transport';
import type { Fail } from '../common/validation';
import { requireE164 } from '../common/validation';

// What Meta (through Zavu) rejects in a new template, refused before the request with the field
// it is about. Checked on the request body itself, so keys given in Extra Body (JSON) are held to
// the same rules as the fields (and named as JSON keys in the errors).

/** Meta's limits on a template's parts (SDK: buttons max 3, MAX_TEMPLATE_BUTTONS). */
export const LIMITS = {
	name: 512,
	body: 1024,
	header: 60,
	footer: 60,
	buttonText: 25,
	url: 2000,
	urlButtons: 2,
	phoneButtons: 1,
	codeExpirationMinutes: 90,
};

export const JSON_FIELD = 'Extra Body (JSON)';

export const FIELD_NAMES: Record<string, string> = {
	name: 'Name',
	language: 'Language',
	whatsappCategory: 'Category',
	body: 'Body',
	variables: 'Body Variable Examples',
	headerType: 'Header Type',
	headerContent: 'Header Text or Header Media URL',
	footer: 'Footer',
	buttons: 'Buttons',
	addSecurityRecommendation: 'Add Security Recommendation',
	codeExpirationMinutes: 'Code Expiration (Minutes)',
};

const BUTTON_FIELD: Record<string, string> = {
	type: 'Type',
	text: 'Text',
	url: 'URL',
	example: 'URL Example',
	phoneNumber: 'Phone Number',
	otpType: 'OTP Type',
	packageName: 'Package Name',
	signatureHash: 'Signature Hash',
};

const NAME = /^[a-z0-9_]+$/;
/** Meta's codes: a language, optionally a region or script (en, en_US, pt_BR, zh_CN, fil). */
const LANGUAGE = /^[a-z]{2,3}(_[A-Za-z0-9]{2,4})?$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/;
const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const MEDIA: readonly TemplateHeaderType[] = ['image', 'video', 'document'];

const placeholders = (text: string): string[] =>
	[...text.matchAll(PLACEHOLDER)].map((match) => match[1]);

/** The field a body key came from: its name in the editor, or its key in the JSON. */
function labeller(body: IDataObject, fromJson: Set<string>) {
	const key = (k: string): string => {
		if (fromJson.has(k)) return `${JSON_FIELD} → ${k}`;
		if (k === 'headerContent')
			return body.headerType === 'text' ? 'Header Text' : 'Header Media URL';
		return FIELD_NAMES[k] ?? k;
	};
	const button = (k: number, sub?: string): string =>
		fromJson.has('buttons')
			? `${JSON_FIELD} → buttons[${k}]${sub ? `.${sub}` : ''}`
			: `Buttons ${k + 1}${sub ? ` → ${BUTTON_FIELD[sub] ?? sub}` : ''}`;
	return { key, button };
}

/** A non-empty string, or a failure naming `field`. */
function text(fail: Fail, field: string, value: unknown, max?: number): string {
	if (value === undefined || value === null || value === '') fail(`${field} is empty`);
	if (typeof value !== 'string') fail(`${field} must be text, got ${JSON.stringify(value)}`);
	if (max !== undefined && value.length > max) {
		fail(`${field} is ${value.length} characters long; WhatsApp accepts at most ${max}`);
	}
	return value;
}

function oneOf<K extends string>(fail: Fail, field: string, value: unknown, keys: K[]): K {
	if (typeof value !== 'string' || !keys.includes(value as K)) {
		fail(`${field} "${String(value)}" is not one of: ${keys.join(', ')}`);
	}
	return value as K;
}

/** Body variables: {{1}}…{{n}} without gaps, each with one example. */
function checkBody(fail: Fail, label: (k: string) => string, body: IDataObject): void {
	const field = label('body');
	const value = text(fail, field, body.body, LIMITS.body);
	const numbers = new Set<number>();
	for (const inner of placeholders(value)) {
		if (!/^[1-9]\d*$/.test(inner)) {
			fail(
				`${field} has the variable "{{${inner}}}": variables are numbered, written {{1}}, {{2}}, … without spaces`,
			);
		}
		numbers.add(Number(inner));
	}
	const count = numbers.size;
	for (let n = 1; n <= count; n++) {
		if (!numbers.has(n)) {
			fail(
				`${field} skips {{${n}}}: variables are numbered from {{1}} without gaps (found ${[
					...numbers,
				]
					.sort((a, b) => a - b)
					.map((k) => `{{${k}}}`)
					.join(', ')})`,
			);
		}
	}
	const examples = body.variables ?? [];
	const examplesField = label('variables');
	if (!Array.isArray(examples)) fail(`${examplesField} must be a list of example values`);
	if (examples.length !== count) {
		fail(
			`${examplesField} has ${examples.length} example${examples.length === 1 ? '' : 's'} but ${field} has ${count} variable${count === 1 ? '' : 's'}`,
			'Give one example per variable, in order: the first for {{1}}, the second for {{2}}, … Meta reviews the template with them.',
		);
	}
	examples.forEach((example, k) =>
		text(fail, `${examplesField} ${k + 1} (for {{${k + 1}}})`, example),
	);
}

function checkHeader(fail: Fail, label: (k: string) => string, body: IDataObject): void {
	if (body.headerType === undefined) {
		if (body.headerContent !== undefined)
			fail(`${label('headerContent')} is set without a header type`);
		return;
	}
	const type = oneOf(fail, label('headerType'), body.headerType, keysOf(TEMPLATE_HEADER_TYPES));
	const field = label('headerContent');
	if (MEDIA.includes(type)) {
		const url = text(fail, field, body.headerContent).trim();
		if (!HTTP_URL.test(url)) fail(`${field} "${url}" is not an http(s) URL`);
		return;
	}
	const content = text(fail, field, body.headerContent, LIMITS.header);
	const vars = placeholders(content);
	if (vars.length > 1 || (vars.length === 1 && vars[0] !== '1')) {
		fail(
			`${field} may have one variable, written {{1}}; found ${vars.map((v) => `{{${v}}}`).join(', ')}`,
		);
	}
}

function checkButton(
	fail: Fail,
	at: (sub?: string) => string,
	button: unknown,
	category: unknown,
): TemplateButtonType {
	if (!isPlainObject(button)) fail(`${at()} is not a button object`);
	const b = button as IDataObject;
	const type = oneOf(fail, at('type'), b.type, keysOf(TEMPLATE_BUTTON_TYPES));
	if (type === 'request_contact_info') {
		// WhatsApp fixes this button's label; Zavu takes no other field for it.
		const extra = Object.keys(b).filter((k) => k !== 'type');
		if (extra.length)
			fail(`${at()} is a Request Contact Info button, which takes no ${extra.join(', ')}`);
		return type;
	}
	text(fail, at('text'), b.text, LIMITS.buttonText);
	if (type === 'url') {
		const url = text(fail, at('url'), b.url, LIMITS.url);
		if (!HTTP_URL.test(url)) fail(`${at('url')} "${url}" is not an http(s) URL`);
		const vars = placeholders(url);
		if (vars.some((v) => v !== '1') || vars.length > 1) {
			fail(`${at('url')} may hold {{1}} once (a per-message part), and no other {{…}}`);
		}
		if (vars.length === 1) {
			if (!url.endsWith('{{1}}'))
				fail(`${at('url')} must end with {{1}}: WhatsApp only fills in a URL's end`);
			text(fail, at('example'), b.example);
		}
	}
	if (type === 'phone')
		requireE164(fail, at('phoneNumber'), text(fail, at('phoneNumber'), b.phoneNumber));
	if (type === 'otp') {
		if (category !== 'AUTHENTICATION') {
			fail(`${at('type')}: passcode (otp) buttons are only for Authentication templates`);
		}
		const otp = oneOf(fail, at('otpType'), b.otpType, keysOf(TEMPLATE_OTP_TYPES));
		if (otp === 'ONE_TAP') {
			text(fail, at('packageName'), b.packageName);
			text(fail, at('signatureHash'), b.signatureHash);
		}
	}
	return type;
}

function checkButtons(fail: Fail, labels: ReturnType<typeof labeller>, body: IDataObject): void {
	if (body.buttons === undefined) return;
	const field = labels.key('buttons');
	if (!Array.isArray(body.buttons)) fail(`${field} must be a list of buttons`);
	const buttons = body.buttons as unknown[];
	if (buttons.length > MAX_TEMPLATE_BUTTONS) {
		fail(`${field} has ${buttons.length} buttons; a template has at most ${MAX_TEMPLATE_BUTTONS}`);
	}
	const types = buttons.map((b, k) =>
		checkButton(fail, (sub) => labels.button(k, sub), b, body.whatsappCategory),
	);
	const count = (t: TemplateButtonType) => types.filter((x) => x === t).length;
	if (count('url') > LIMITS.urlButtons) {
		fail(`${field} has ${count('url')} URL buttons; a template has at most ${LIMITS.urlButtons}`);
	}
	if (count('phone') > LIMITS.phoneButtons) {
		fail(
			`${field} has ${count('phone')} phone buttons; a template has at most ${LIMITS.phoneButtons}`,
		);
	}
	const labelsSeen = new Map<string, number>();
	buttons.forEach((b, k) => {
		const label = (b as IDataObject).text;
		if (typeof label !== 'string') return;
		const earlier = labelsSeen.get(label.toLowerCase());
		if (earlier !== undefined) {
			fail(
				`${labels.button(k, 'text')} "${label}" repeats ${labels.button(earlier)}: WhatsApp refuses two buttons with one label`,
			);
		}
		labelsSeen.set(label.toLowerCase(), k);
	});
}

/** Refuses what Zavu or Meta would: the first problem found, named by its field. */
export function checkTemplate(fail: Fail, body: IDataObject, fromJson: Set<string>): void {
	const labels = labeller(body, fromJson);
	const label = labels.key;
	const name = text(fail, label('name'), body.name, LIMITS.name);
	if (!NAME.test(name)) {
		fail(
			`${label('name')} "${name}" may only have lowercase letters, digits and underscores`,
			'E.g. order_confirmation.',
		);
	}
	const language = text(fail, label('language'), body.language);
	if (!LANGUAGE.test(language)) {
		fail(
			`${label('language')} "${language}" is not a language code Meta uses`,
			'E.g. en, en_US, es, pt_BR.',
		);
	}
	if (body.whatsappCategory !== undefined) {
		oneOf(fail, label('whatsappCategory'), body.whatsappCategory, keysOf(TEMPLATE_CATEGORIES));
	}
	checkHeader(fail, label, body);
	checkBody(fail, label, body);
	if (body.footer !== undefined) {
		const footer = text(fail, label('footer'), body.footer, LIMITS.footer);
		if (placeholders(footer).length) fail(`${label('footer')} cannot have variables`);
	}
	checkButtons(fail, labels, body);
	for (const key of ['addSecurityRecommendation', 'codeExpirationMinutes']) {
		if (body[key] !== undefined && body.whatsappCategory !== 'AUTHENTICATION') {
			fail(`${label(key)} is only for Authentication templates`);
		}
	}
	const minutes = body.codeExpirationMinutes;
	if (
		minutes !== undefined &&
		(typeof minutes !== 'number' ||
			!Number.isInteger(minutes) ||
			minutes < 1 ||
			minutes > LIMITS.codeExpirationMinutes)
	) {
		fail(
			`${label('codeExpirationMinutes')} must be a whole number from 1 to ${LIMITS.codeExpirationMinutes}, got ${String(minutes)}`,
		);
	}
}
