import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOne, pathId } from '../common/entity';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	channelIdField,
	contactIdField,
	contactPathId,
	metadataField,
	readMetadata,
} from './fields';

const properties: INodeProperties[] = [
	contactIdField('The contact the channel belongs to'),
	channelIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Label',
				name: 'label',
				type: 'string',
				default: '',
				placeholder: 'work',
				description: 'Your own label for the channel, e.g. work. Empty removes the label.',
			},
			metadataField("Key/value pairs (text) to store as the channel's metadata"),
			{
				displayName: 'Verified',
				name: 'verified',
				type: 'boolean',
				default: true,
				description: 'Whether the channel is verified (you confirmed the contact owns it)',
			},
		],
	},
	optionsCollection('contact', 'updateChannel'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['updateChannel'] } },
	properties,
);

/** PATCH /v1/contacts/{contactId}/channels/{channelId}: emits the updated channel. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const contactId = contactPathId(this, i);
	const channelId = pathId(this, i, 'channelId', 'Channel ID');
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	if (fields.label !== undefined) body.label = String(fields.label ?? '').trim() || null;
	if (fields.metadata !== undefined) {
		const metadata = readMetadata(fail, 'Metadata', fields.metadata);
		if (metadata) body.metadata = metadata;
	}
	if (fields.verified !== undefined) {
		if (typeof fields.verified !== 'boolean') {
			fail(`Verified must be true or false, got ${JSON.stringify(fields.verified)}`);
		}
		body.verified = fields.verified;
	}
	if (!Object.keys(body).length) {
		fail(
			'Update Fields is empty: add Label, Metadata or Verified',
			'An update without fields would change nothing.',
		);
	}
	// Sending the same fields twice leaves the same channel: timeouts and 5xx may be retried.
	return await requestOne.call(
		this,
		i,
		{
			method: 'PATCH',
			path: `/v1/contacts/${contactId}/channels/${channelId}`,
			body,
			idempotent: true,
		},
		'channel',
	);
}
