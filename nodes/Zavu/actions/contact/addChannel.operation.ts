import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	channelExtraFields,
	channelTypeField,
	contactIdField,
	contactPathId,
	identifierField,
	requireChannelType,
	requireCountryCode,
	requireIdentifier,
} from './fields';

const properties: INodeProperties[] = [
	contactIdField('The contact to add the channel to'),
	channelTypeField('Type of the new channel'),
	{ ...identifierField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: channelExtraFields,
	},
	optionsCollection('contact', 'addChannel'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['addChannel'] } },
	properties,
);

/** POST /v1/contacts/{id}/channels: emits the new channel (its `id` is the Channel ID). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const id = contactPathId(this, i);
	const channel = requireChannelType(fail, 'Channel', this.getNodeParameter('channel', i, ''));
	const body: IDataObject = {
		channel,
		identifier: requireIdentifier(
			fail,
			'Identifier',
			channel,
			this.getNodeParameter('identifier', i, ''),
		),
	};
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	if (typeof extra.countryCode === 'string' && extra.countryCode.trim()) {
		body.countryCode = requireCountryCode(fail, 'Country Code', extra.countryCode);
	}
	if (extra.isPrimary !== undefined) body.isPrimary = extra.isPrimary === true;
	if (typeof extra.label === 'string' && extra.label.trim()) body.label = extra.label.trim();

	// Not resent after a timeout or 5xx: Zavu may have added it, and a second add would fail
	// on the channel that now exists instead of returning it.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: `/v1/contacts/${id}/channels`, body, idempotent: false },
		'channel',
	);
}
