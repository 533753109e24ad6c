import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { CONTACT } from '../common/locator';
import { channelIdField, contactIdField, readId } from './fields';

const properties: INodeProperties[] = [
	contactIdField('The contact the channel belongs to'),
	{
		...channelIdField,
		description: `${channelIdField.description}. A contact's last channel cannot be removed.`,
	},
	optionsCollection('contact', 'removeChannel'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['removeChannel'] } },
	properties,
);

/** DELETE /v1/contacts/{contactId}/channels/{channelId}: Zavu answers 204; the item says what went. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const contact = readId(this, i, 'contactId', 'Contact ID', CONTACT);
	const channel = readId(this, i, 'channelId', 'Channel ID');
	// A second DELETE finds nothing to remove (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/contacts/${contact.segment}/channels/${channel.segment}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { contactId: contact.id, channelId: channel.id, removed: true };
}
