import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACT_CHANNELS } from '../../constants';
import { isPlainObject } from '../../transport';
import { optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail } from '../common/validation';
import {
	channelExtraFields,
	channelTypeField,
	identifierField,
	metadataField,
	readMetadata,
	requestEntity,
	requireChannelType,
	requireCountryCode,
	requireIdentifier,
} from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Channels',
		name: 'channels',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Channel',
		default: {},
		required: true,
		description:
			'How to reach the contact: at least one channel, e.g. an SMS or WhatsApp phone number or an email address',
		options: [
			{
				displayName: 'Channel',
				name: 'entry',
				values: [channelTypeField('Channel type'), identifierField, ...channelExtraFields],
			},
		],
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				placeholder: 'John Doe',
				description: 'Name to show for the contact',
			},
			metadataField('Your own key/value pairs (text) stored with the contact'),
		],
	},
	optionsCollection('contact', 'create'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['create'] } },
	properties,
);

/** The Channels list: from the editor `{ entry: [...] }`, from an expression also an array. */
function channelEntries(fail: Fail, value: unknown): IDataObject[] {
	const list = Array.isArray(value)
		? value
		: isPlainObject(value) && Array.isArray(value.entry)
			? value.entry
			: [];
	if (!list.length) {
		fail('Channels is empty: add at least one channel', 'E.g. SMS with +14155551234.');
	}
	return list.map((entry, k) => {
		if (!isPlainObject(entry)) fail(`Channels ${k + 1} is not a channel object`);
		return entry as IDataObject;
	});
}

/** One channel of the list, checked, as Zavu takes it (optional inputs only when set). */
function channelInput(fail: Fail, entry: IDataObject, position: number): IDataObject {
	const field = `Channels ${position} →`;
	const channel = requireChannelType(fail, `${field} Channel`, entry.channel);
	const input: IDataObject = {
		channel,
		identifier: requireIdentifier(fail, `${field} Identifier`, channel, entry.identifier),
	};
	if (typeof entry.countryCode === 'string' && entry.countryCode.trim()) {
		input.countryCode = requireCountryCode(fail, `${field} Country Code`, entry.countryCode);
	}
	if (entry.isPrimary === true) input.isPrimary = true;
	if (typeof entry.label === 'string' && entry.label.trim()) input.label = entry.label.trim();
	return input;
}

/** POST /v1/contacts: emits the new contact with its channels. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const channels = channelEntries(fail, this.getNodeParameter('channels', i, {})).map((entry, k) =>
		channelInput(fail, entry, k + 1),
	);

	// Zavu keys a channel by type and identifier, with one primary per type: refuse a list
	// that repeats one or marks two primaries here, where the row can be named.
	const seen = new Map<string, number>();
	const primary = new Map<string, number>();
	channels.forEach((c, k) => {
		const key = `${String(c.channel)}|${String(c.identifier).toLowerCase()}`;
		const earlier = seen.get(key);
		if (earlier) fail(`Channels ${k + 1} repeats Channels ${earlier} (${String(c.identifier)})`);
		seen.set(key, k + 1);
		if (!c.isPrimary) return;
		const other = primary.get(String(c.channel));
		if (other) {
			const name = CONTACT_CHANNELS[c.channel as keyof typeof CONTACT_CHANNELS];
			fail(
				`Channels ${other} and ${k + 1} are both primary ${name} channels: a contact has one primary channel per type`,
			);
		}
		primary.set(String(c.channel), k + 1);
	});

	const body: IDataObject = { channels };
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	if (typeof extra.displayName === 'string' && extra.displayName.trim()) {
		body.displayName = extra.displayName.trim();
	}
	const metadata = readMetadata(fail, 'Metadata', extra.metadata);
	if (metadata) body.metadata = metadata;

	// No idempotency key on this endpoint: a resend after a timeout or 5xx could create the
	// contact twice, so only a 429 or a refused connection is retried.
	return await requestEntity.call(this, i, {
		method: 'POST',
		path: '/v1/contacts',
		body,
		idempotent: false,
	});
}
