import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { channelIdField, contactIdField, contactPathId } from './fields';

const properties: INodeProperties[] = [
	contactIdField('The contact the channel belongs to'),
	{
		...channelIdField,
		description: `${channelIdField.description}. It becomes the primary channel of its type (e.g. the WhatsApp number Zavu uses); the channel that was primary for that type stays on the contact, no longer primary.`,
	},
	optionsCollection('contact', 'setPrimaryChannel'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['setPrimaryChannel'] } },
	properties,
);

/** POST /v1/contacts/{contactId}/channels/{channelId}/primary (no body): emits the channel. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contactId = contactPathId(this, i);
	const channelId = pathId(this, i, 'channelId', 'Channel ID');
	// Setting the same primary twice leaves the same state: timeouts and 5xx may be retried.
	return await requestOne.call(
		this,
		i,
		{
			method: 'POST',
			path: `/v1/contacts/${contactId}/channels/${channelId}/primary`,
			idempotent: true,
		},
		'channel',
	);
}
