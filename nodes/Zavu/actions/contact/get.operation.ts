import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { contactIdField, contactPathId, requestEntity } from './fields';

const properties: INodeProperties[] = [
	contactIdField(
		'The contact to get, with its channels. From a previous node: {{ $json.id }} of a contact, or {{ $json.contactId }} of a conversation',
	),
	optionsCollection('contact', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['get'] } },
	properties,
);

/** GET /v1/contacts/{id}: the contact with its channels. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = contactPathId(this, i);
	return await requestEntity.call(this, i, {
		method: 'GET',
		path: `/v1/contacts/${id}`,
		idempotent: true,
	});
}
