import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CONTACT_CHANNELS, optionsOf } from '../../constants';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	contactIdField,
	contactPathId,
	metadataField,
	readMetadata,
	requestEntity,
	requireChannelType,
} from './fields';

/** The Default Channel value that clears it (Zavu takes null). */
const CLEAR = 'clear';

const properties: INodeProperties[] = [
	contactIdField('The contact to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Default Channel',
				name: 'defaultChannel',
				type: 'options',
				options: [
					...optionsOf(CONTACT_CHANNELS),
					{
						name: 'None (Clear)',
						value: CLEAR,
						description: 'Remove the preferred channel',
					},
				].sort((a, b) => a.name.localeCompare(b.name)),
				default: 'whatsapp',
				description: 'Preferred channel to reach the contact on',
			},
			{
				displayName: 'Display Name',
				name: 'displayName',
				type: 'string',
				default: '',
				placeholder: 'John Doe',
				description:
					'Name to show for the contact. Empty removes the name: the contact then shows its phone number or email address.',
			},
			metadataField("Key/value pairs (text) to store as the contact's metadata"),
		],
	},
	optionsCollection('contact', 'update'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['update'] } },
	properties,
);

/** PATCH /v1/contacts/{id} with the fields added under Update Fields: emits the contact. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const id = contactPathId(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};

	if (fields.defaultChannel !== undefined) {
		body.defaultChannel =
			String(fields.defaultChannel).trim() === CLEAR
				? null
				: requireChannelType(fail, 'Default Channel', fields.defaultChannel);
	}
	if (fields.displayName !== undefined) {
		const name = String(fields.displayName ?? '').trim();
		body.displayName = name || null;
	}
	if (fields.metadata !== undefined) {
		const metadata = readMetadata(fail, 'Metadata', fields.metadata);
		if (metadata) body.metadata = metadata;
	}
	if (!Object.keys(body).length) {
		fail(
			'Update Fields is empty: add Default Channel, Display Name or Metadata',
			'An update without fields would change nothing.',
		);
	}

	// Sending the same fields twice leaves the same contact: timeouts and 5xx may be retried.
	return await requestEntity.call(this, i, {
		method: 'PATCH',
		path: `/v1/contacts/${id}`,
		body,
		idempotent: true,
	});
}
