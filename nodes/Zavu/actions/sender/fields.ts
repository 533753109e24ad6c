import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	keysOf,
	optionsOf,
	SENDER_WEBHOOK_EVENTS,
	WEBHOOK_SIGNATURE_VERSIONS,
} from '../../constants';
import type { ZavuRequest } from '../../transport';
import { encodeId } from '../../transport';
import { requestBare } from '../common/entity';
import { locatorField, readLocatorId, SENDER } from '../common/locator';
import type { Fail } from '../common/validation';
import { requireE164, requireEmail } from '../common/validation';

// What the sender operations share: the Sender locator, the request for answers that are the
// sender itself (no envelope), and the inputs Create and Update both take, with their checks.

export const senderIdField = (description: string): INodeProperties =>
	locatorField('Sender', 'senderId', SENDER, description);

/** The item's Sender, checked: as given, and as one path segment. */
export function readSender(ctx: IExecuteFunctions, i: number): { id: string; segment: string } {
	const id = readLocatorId(ctx, i, 'senderId', 'Sender ID', SENDER);
	return { id, segment: encodeId(id) };
}

/** A request Zavu answers with the sender itself (SDK: `Sender`, not wrapped). */
export async function requestSender(
	this: IExecuteFunctions,
	i: number,
	request: Omit<ZavuRequest, 'itemIndex' | 'retry'>,
): Promise<IDataObject> {
	return await requestBare.call(this, i, request, 'sender');
}

// ------------------------------------------------------------------ inputs

/** A collection's fields, alphabetical as n8n lists them. */
export const sorted = (fields: INodeProperties[]): INodeProperties[] =>
	[...fields].sort((a, b) => a.displayName.localeCompare(b.displayName));

export const emailFields: INodeProperties[] = [
	{
		displayName: 'Email Address',
		name: 'emailAddress',
		type: 'string',
		placeholder: 'noreply@yourdomain.com',
		default: '',
		description:
			'From-address for the email channel. Its domain must be a verified email domain of the project. Setting it attaches the email channel to the sender.',
	},
	{
		displayName: 'Email Domain ID',
		name: 'emailDomainId',
		type: 'string',
		default: '',
		description:
			"ID of the verified email domain to attach. Optional: Zavu finds it from Email Address's domain.",
	},
	{
		displayName: 'Email From Name',
		name: 'emailFromName',
		type: 'string',
		placeholder: 'Acme Support',
		default: '',
		description: "Display name shown in the recipient's inbox for the email channel",
	},
	{
		displayName: 'Email Receiving Enabled',
		name: 'emailReceivingEnabled',
		type: 'boolean',
		default: true,
		description:
			'Whether the sender receives inbound email. Needs a verified MX record on the domain.',
	},
];

export const channelSwitches: INodeProperties[] = [
	{
		displayName: 'Enable SMS One-Way',
		name: 'enableSmsOneway',
		type: 'boolean',
		default: true,
		description:
			'Whether the sender has the one-way SMS channel (sms_oneway): needs nothing else, recipients cannot reply',
	},
	{
		displayName: 'Enable Voice',
		name: 'enableVoice',
		type: 'boolean',
		default: true,
		description:
			'Whether the sender places and answers phone calls. Needs a phone number on the sender.',
	},
	{
		displayName: 'Set As Default',
		name: 'setAsDefault',
		type: 'boolean',
		default: true,
		description:
			"Whether this becomes the project's default sender (used when a message names no sender)",
	},
];

export const webhookUrlField: INodeProperties = {
	displayName: 'Webhook URL',
	name: 'webhookUrl',
	type: 'string',
	placeholder: 'https://example.com/zavu/events',
	default: '',
	description:
		"HTTPS URL that receives the sender's events, signed with the webhook secret. A Zavu Webhook Trigger on this sender manages its webhook: changing it here redirects or stops the events that trigger receives.",
};

export const webhookEventsField: INodeProperties = {
	displayName: 'Webhook Events',
	name: 'webhookEvents',
	type: 'multiOptions',
	options: optionsOf(SENDER_WEBHOOK_EVENTS),
	default: [],
	description: 'The events sent to the webhook',
};

export const signatureVersionField: INodeProperties = {
	displayName: 'Webhook Signature Version',
	name: 'webhookSignatureVersion',
	type: 'options',
	options: optionsOf(WEBHOOK_SIGNATURE_VERSIONS),
	default: 'v2',
	description:
		'Which X-Zavu-Signature scheme the webhook is sent. From v1, move to v1+v2 first, then v2.',
};

// ------------------------------------------------------------------ checks

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** A text field that was added: refused when empty (an empty value would change nothing useful). */
export function requireText(fail: Fail, field: string, value: unknown, hint: string): string {
	const trimmed = text(value);
	if (!trimmed) fail(`${field} is empty`, hint);
	return trimmed;
}

export function requireBoolean(fail: Fail, field: string, value: unknown): boolean {
	if (typeof value !== 'boolean') fail(`${field} must be true or false, got ${String(value)}`);
	return value;
}

/** An absolute http(s) URL (`https` only, with `httpsOnly`). */
export function requireUrl(fail: Fail, field: string, value: unknown, httpsOnly = false): string {
	const raw = text(value);
	let url: URL | undefined;
	try {
		url = new URL(raw);
	} catch {
		url = undefined;
	}
	const schemes = httpsOnly ? ['https:'] : ['https:', 'http:'];
	if (!url || !schemes.includes(url.protocol) || !url.hostname) {
		const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
		fail(
			`${field} "${shown}" is not ${httpsOnly ? 'an HTTPS' : 'an http(s)'} URL`,
			`Give a full address, e.g. ${httpsOnly ? 'https' : 'https'}://example.com/page.`,
		);
	}
	return raw;
}

/** Events from the multi-select, or from an expression as a list or comma-separated text. */
export function requireWebhookEvents(fail: Fail, value: unknown): string[] {
	const raw: unknown[] = Array.isArray(value) ? value : text(value) ? text(value).split(',') : [];
	const known: string[] = keysOf(SENDER_WEBHOOK_EVENTS);
	const events: string[] = [];
	for (const entry of raw) {
		const event = text(entry);
		if (!event) continue;
		if (!known.includes(event)) {
			fail(
				`Webhook Events contains "${event}", which is not a Zavu webhook event`,
				`Use: ${known.join(', ')}.`,
			);
		}
		if (!events.includes(event)) events.push(event);
	}
	if (!events.length) fail('Webhook Events is empty: choose the events to send to the webhook');
	return events;
}

export function requireSignatureVersion(fail: Fail, value: unknown): string {
	const version = text(value);
	const known: string[] = keysOf(WEBHOOK_SIGNATURE_VERSIONS);
	if (!known.includes(version)) {
		fail(`Webhook Signature Version "${version}" is not one of ${known.join(', ')}`);
	}
	return version;
}

/**
 * The email, channel and default inputs Create and Update share, checked, as Zavu names them
 * (only the ones that were added).
 */
export function senderInputs(fail: Fail, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (fields.emailAddress !== undefined) {
		body.emailAddress = requireEmail(
			fail,
			'Email Address',
			requireText(fail, 'Email Address', fields.emailAddress, 'E.g. noreply@yourdomain.com.'),
		);
	}
	for (const [key, field] of [
		['emailDomainId', 'Email Domain ID'],
		['emailFromName', 'Email From Name'],
	]) {
		if (fields[key] !== undefined) {
			body[key] = requireText(fail, field, fields[key], `Remove ${field} or give a value.`);
		}
	}
	for (const [key, field] of [
		['emailCatchAllEnabled', 'Email Catch-All Enabled'],
		['emailReceivingEnabled', 'Email Receiving Enabled'],
		['enableSmsOneway', 'Enable SMS One-Way'],
		['enableVoice', 'Enable Voice'],
		['setAsDefault', 'Set As Default'],
	]) {
		if (fields[key] !== undefined) body[key] = requireBoolean(fail, field, fields[key]);
	}
	return body;
}

export const requirePhone = (fail: Fail, value: unknown): string =>
	requireE164(fail, 'Phone Number', requireText(fail, 'Phone Number', value, 'E.g. +14155551234.'));
