import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ZavuRequest } from '../../transport';
import { encodeId, invalidResponseError } from '../../transport';
import { requestOne } from '../common/entity';
import type { LocatorEntity } from '../common/locator';
import { locatorField, readLocatorId, TEMPLATE } from '../common/locator';
import type { Fail } from '../common/validation';
import { readMetadata } from '../contact/fields';

// What the broadcast operations share: the Broadcast locator, the request that answers
// `{ broadcast }`, and the message content inputs of Create and Update.

export const BROADCAST: LocatorEntity = {
	noun: 'broadcast',
	example: 'jh7brd123abc456def78',
	listMethod: 'searchBroadcasts',
};

/** The Broadcast field of every operation but Create and Get Many. */
export const broadcastIdField = (description: string): INodeProperties =>
	locatorField('Broadcast', 'broadcastId', BROADCAST, description);

/** The item's broadcast: its id as given, and as one path segment. */
export function broadcastId(ctx: IExecuteFunctions, i: number): { id: string; segment: string } {
	const id = readLocatorId(ctx, i, 'broadcastId', 'Broadcast ID', BROADCAST);
	return { id, segment: encodeId(id) };
}

/** A request Zavu answers with `{ broadcast }`: the broadcast. */
export async function requestBroadcast(
	this: IExecuteFunctions,
	i: number,
	request: Omit<ZavuRequest, 'itemIndex' | 'retry'>,
): Promise<IDataObject> {
	return await requestOne.call(this, i, request, 'broadcast');
}

/** Refuses an answer that is not what the SDK types (a bare object with a `status`). */
export function requireStatus(ctx: IExecuteFunctions, body: IDataObject, i: number): IDataObject {
	if (typeof body.status !== 'string') {
		throw invalidResponseError(ctx.getNode(), 'no broadcast "status" in the response', i);
	}
	return body;
}

const variablesField = (displayName: string, name: string, description: string) => ({
	displayName,
	name,
	type: 'fixedCollection' as const,
	typeOptions: { multipleValues: true },
	placeholder: 'Add Variable',
	default: {},
	description,
	options: [
		{
			displayName: 'Variable',
			name: 'entry',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string' as const, default: '' },
				{ displayName: 'Value', name: 'value', type: 'string' as const, default: '' },
			],
		},
	],
});

/** Per-template variables, as the SDK names them (BroadcastContent and the add contacts input). */
export const TEMPLATE_VARIABLE_FIELDS: INodeProperties[] = [
	variablesField(
		'Template Button Variables',
		'templateButtonVariables',
		'Values for dynamic URL or one-time-code buttons, keyed by the button index (0, 1, 2)',
	),
	variablesField(
		'Template Header Variables',
		'templateHeaderVariables',
		'Value for a text-header variable, keyed by 1',
	),
	variablesField(
		'Template Variables',
		'templateVariables',
		'Body variables of the template, keyed by position (1, 2, …) or by name (e.g. customer_name); do not mix the two',
	),
];

/** The three variable maps of `fields` that are set, checked. */
export function readTemplateVariables(fail: Fail, fields: IDataObject): IDataObject {
	const out: IDataObject = {};
	const names: Record<string, string> = {
		templateButtonVariables: 'Template Button Variables',
		templateHeaderVariables: 'Template Header Variables',
		templateVariables: 'Template Variables',
	};
	for (const [key, label] of Object.entries(names)) {
		const map = readMetadata(fail, label, fields[key]);
		if (!map) continue;
		if (key === 'templateButtonVariables') {
			const bad = Object.keys(map).find((k) => !['0', '1', '2'].includes(k));
			if (bad !== undefined) fail(`${label} has the key "${bad}": use a button index, 0, 1 or 2`);
		}
		out[key] = map;
	}
	return out;
}

/** Media and template inputs: the `content` of a broadcast (SDK: BroadcastContent). */
export const CONTENT_FIELDS: INodeProperties[] = [
	{
		displayName: 'Filename',
		name: 'filename',
		type: 'string',
		default: '',
		placeholder: 'catalog.pdf',
		description: 'File name shown for a document',
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		description: 'ID of media already uploaded to Zavu (instead of Media URL)',
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/promo.jpg',
		description: 'Public URL of the image, video, audio or document to send',
	},
	{
		displayName: 'MIME Type',
		name: 'mimeType',
		type: 'string',
		default: '',
		placeholder: 'image/jpeg',
		description: 'MIME type of the media',
	},
	locatorField(
		'Template',
		'templateId',
		TEMPLATE,
		'The approved WhatsApp template to send (Message Type Template)',
		false,
	),
	...TEMPLATE_VARIABLE_FIELDS.map((field) => ({
		...field,
		description: `Default ${field.description?.charAt(0).toLowerCase()}${field.description?.slice(1)}; each contact's own values (Add Contacts) override these`,
	})),
];

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/**
 * The `content` object from `fields` (a Create's Additional Fields or an Update's Update Fields),
 * only what is set; undefined when nothing is. `templateId`: the Template locator's id, or ''.
 */
export function readContent(
	fail: Fail,
	fields: IDataObject,
	templateId: string,
): IDataObject | undefined {
	const content: IDataObject = {};
	for (const key of ['filename', 'mediaId', 'mediaUrl', 'mimeType']) {
		const value = text(fields[key]);
		if (value) content[key] = value;
	}
	if (typeof content.mediaUrl === 'string' && !/^https?:\/\/\S+$/i.test(content.mediaUrl)) {
		fail(`Media URL "${content.mediaUrl}" is not an http(s) URL`);
	}
	if (templateId) content.templateId = templateId;
	Object.assign(content, readTemplateVariables(fail, fields));
	return Object.keys(content).length ? content : undefined;
}

/** Metadata (text key/value pairs), when set. */
export const readBroadcastMetadata = (fail: Fail, value: unknown) =>
	readMetadata(fail, 'Metadata', value);

/** An ISO 8601 date-time, normalized; `future` refuses one already past. */
export function requireDateTime(fail: Fail, field: string, value: unknown, now: number): string {
	const raw = text(value);
	const at = raw ? Date.parse(raw) : NaN;
	if (!Number.isFinite(at)) {
		fail(`${field} "${raw}" is not a date and time`, 'Use ISO 8601, e.g. 2030-01-15T14:00:00Z.');
	}
	if (at <= now) {
		fail(`${field} ${new Date(at).toISOString()} is in the past: give a future time`);
	}
	return new Date(at).toISOString();
}
