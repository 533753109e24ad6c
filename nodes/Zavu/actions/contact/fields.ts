import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ContactChannelType } from '../../constants';
import { CONTACT_CHANNELS, keysOf, optionsOf } from '../../constants';
import type { ZavuRequest } from '../../transport';
import { encodeId, isPlainObject } from '../../transport';
import { idField, pathId, requestBare } from '../common/entity';
import type { LocatorEntity } from '../common/locator';
import { CONTACT, locatorField, readLocatorId } from '../common/locator';
import type { Fail } from '../common/validation';
import { itemFail, requireE164, requireEmail, requireId } from '../common/validation';

// What the contact operations share: their ID fields, the channel and metadata inputs and
// their checks, and the request for answers that are the contact itself (no envelope).

export const CONTACT_ID_PLACEHOLDER = CONTACT.example;
export const CHANNEL_ID_PLACEHOLDER = 'js7abc123def456ghi78';

/** A contact, as a resource locator (Zavu lists and searches contacts). */
export function contactIdField(description: string, name = 'contactId', displayName = 'Contact') {
	return locatorField(displayName, name, CONTACT, description);
}

// Channel IDs stay plain text: Zavu has no list of a contact's channels to pick from.

export const channelIdField: INodeProperties = idField(
	'Channel ID',
	'channelId',
	CHANNEL_ID_PLACEHOLDER,
	"ID of one of the contact's channels (the `id` of an entry in the contact's `channels`)",
);

/** The item's Contact (or `name`, labelled `field`), checked, encoded as one path segment. */
export const contactPathId = (
	ctx: IExecuteFunctions,
	i: number,
	name = 'contactId',
	field = 'Contact ID',
) => pathId(ctx, i, name, field, CONTACT);

/**
 * The item's ID parameter `name` (labelled `field`), checked: as given, and as a path segment.
 * With `entity`, a resource locator of it (read through extractValue).
 */
export function readId(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	field: string,
	entity?: LocatorEntity,
): { id: string; segment: string } {
	const id = entity
		? readLocatorId(ctx, i, name, field, entity)
		: requireId(itemFail(ctx, i), field, ctx.getNodeParameter(name, i, ''));
	return { id, segment: encodeId(id) };
}

/**
 * How Zavu reads an identifier of each channel: a phone number (E.164), an email address, or a
 * platform id (Telegram chat, Instagram / Messenger user) with no format of its own.
 */
const IDENTIFIER_KIND: Record<ContactChannelType, 'phone' | 'email' | 'platform'> = {
	email: 'email',
	instagram: 'platform',
	messenger: 'platform',
	sms: 'phone',
	telegram: 'platform',
	voice: 'phone',
	whatsapp: 'phone',
};

export const channelTypeField = (description: string): INodeProperties => ({
	displayName: 'Channel',
	name: 'channel',
	type: 'options',
	options: optionsOf(CONTACT_CHANNELS),
	default: 'sms',
	description,
});

export const identifierField: INodeProperties = {
	displayName: 'Identifier',
	name: 'identifier',
	type: 'string',
	default: '',
	placeholder: '+14155551234',
	description:
		'Phone number in E.164 format (+ then country code and number) for SMS, WhatsApp and voice; email address for email; the platform user or chat ID for Telegram, Instagram and Messenger',
};

/** Country Code, Is Primary, Label: the optional inputs of a new channel. */
export const channelExtraFields: INodeProperties[] = [
	{
		displayName: 'Country Code',
		name: 'countryCode',
		type: 'string',
		default: '',
		placeholder: 'US',
		description: 'Two-letter ISO 3166-1 country code of the phone number, e.g. US or MX',
	},
	{
		displayName: 'Is Primary',
		name: 'isPrimary',
		type: 'boolean',
		default: false,
		description:
			'Whether this becomes the primary channel of its type (the one Zavu uses to reach the contact on that channel)',
	},
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		placeholder: 'work',
		description: 'Your own label for the channel, e.g. work or personal',
	},
];

export const metadataField = (description: string): INodeProperties => ({
	displayName: 'Metadata',
	name: 'metadata',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Metadata',
	default: {},
	description,
	options: [
		{
			displayName: 'Entry',
			name: 'entry',
			values: [
				{ displayName: 'Key', name: 'key', type: 'string', default: '' },
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** A channel type Zavu's contacts take (an expression may give anything). */
export function requireChannelType(fail: Fail, field: string, value: unknown): ContactChannelType {
	const channel = text(value).toLowerCase();
	if (!keysOf(CONTACT_CHANNELS).includes(channel as ContactChannelType)) {
		fail(
			`${field} "${text(value) || String(value)}" is not a contact channel: use ${keysOf(CONTACT_CHANNELS).join(', ')}`,
		);
	}
	return channel as ContactChannelType;
}

/** The identifier, trimmed, in the format its channel needs (phone, email, or any). */
export function requireIdentifier(
	fail: Fail,
	field: string,
	channel: ContactChannelType,
	value: unknown,
): string {
	const identifier = text(value);
	if (!identifier) fail(`${field} is empty`, `Set the ${CONTACT_CHANNELS[channel]} identifier.`);
	const kind = IDENTIFIER_KIND[channel];
	if (kind === 'phone') return requireE164(fail, field, identifier);
	if (kind === 'email') return requireEmail(fail, field, identifier);
	return identifier;
}

/** A two-letter country code, upper-cased. */
export function requireCountryCode(fail: Fail, field: string, value: unknown): string {
	const code = text(value);
	if (!/^[A-Za-z]{2}$/.test(code)) {
		fail(`${field} "${code}" is not a two-letter ISO 3166-1 country code`, 'Use e.g. US, MX, BR.');
	}
	return code.toUpperCase();
}

/**
 * Metadata as Zavu takes it (text values), from the key/value list or, through an expression,
 * an object. Undefined when nothing is set. A key given twice is refused (one would be lost).
 */
export function readMetadata(
	fail: Fail,
	field: string,
	value: unknown,
): Record<string, string> | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	if (!isPlainObject(value)) fail(`${field} must be key/value pairs`);
	const object = value as IDataObject;
	const list = Array.isArray(object.entry) ? (object.entry as IDataObject[]) : undefined;
	const pairs: Array<[unknown, unknown]> = list
		? list.map((entry) => [entry?.key, entry?.value])
		: Object.entries(object).filter(([key]) => key !== 'entry');
	const metadata: Record<string, string> = {};
	for (const [rawKey, rawValue] of pairs) {
		const key = text(rawKey);
		if (!key) {
			if (text(rawValue)) fail(`${field} has a value "${text(rawValue)}" without a key`);
			continue;
		}
		if (key in metadata) fail(`${field} has the key "${key}" twice`);
		if (rawValue !== null && typeof rawValue === 'object') {
			fail(`${field} "${key}" must be text, not an object or a list`);
		}
		metadata[key] = rawValue === undefined || rawValue === null ? '' : String(rawValue);
	}
	return Object.keys(metadata).length ? metadata : undefined;
}

/**
 * A request Zavu answers with the entity itself, not wrapped (contacts), retried per the
 * item's Options. An answer that is not an entity with an `id` is refused, as `unwrap` does.
 */
export async function requestEntity(
	this: IExecuteFunctions,
	i: number,
	request: Omit<ZavuRequest, 'itemIndex' | 'retry'>,
): Promise<IDataObject> {
	return await requestBare.call(this, i, request, 'contact');
}
