import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { encodeId, zavuApiRequest } from '../../transport';
import { idField } from '../common/entity';
import { getRetryOptions, optionsCollection } from '../common/options';
import { itemFail, requireId } from '../common/validation';
import { broadcastId, broadcastIdField } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField('The draft broadcast to take the recipient out of'),
	// Plain text: a broadcast contact's id comes from Get Contacts, there is no list to pick from.
	idField(
		'Contact ID',
		'contactId',
		'jx7bc123abc456def789',
		"ID of the recipient within the broadcast (the `id` of an item of Get Contacts, not a Contact's ID)",
	),
	optionsCollection('broadcast', 'removeContact'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['removeContact'] } },
	properties,
);

/** DELETE /v1/broadcasts/{id}/contacts/{contactId}: Zavu answers 204; the item says what went. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const broadcast = broadcastId(this, i);
	const contactId = requireId(
		itemFail(this, i),
		'Contact ID',
		this.getNodeParameter('contactId', i, ''),
	);
	// A second DELETE finds nothing to remove (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/broadcasts/${broadcast.segment}/contacts/${encodeId(contactId)}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { broadcastId: broadcast.id, contactId, removed: true };
}
