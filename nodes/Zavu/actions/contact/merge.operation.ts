import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { CONTACT } from '../common/locator';
import { contactIdField, readId, requestEntity } from './fields';

const properties: INodeProperties[] = [
	contactIdField(
		'The contact to keep: it receives every channel of the source contact',
		'contactId',
		'Target Contact',
	),
	contactIdField(
		'The duplicate contact to merge into the target: its channels move to the target and it is marked as merged',
		'sourceContactId',
		'Source Contact',
	),
	optionsCollection('contact', 'merge'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['merge'] } },
	properties,
);

/** POST /v1/contacts/{target}/merge: emits the target contact, now with the source's channels. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const target = readId(this, i, 'contactId', 'Target Contact ID', CONTACT);
	const source = readId(this, i, 'sourceContactId', 'Source Contact ID', CONTACT);
	if (source.id === target.id) {
		itemFail(
			this,
			i,
		)(
			`Source Contact ID and Target Contact ID are both "${target.id}": a contact cannot be merged into itself`,
		);
	}
	// Merging again finds the source already merged (an error, never a second effect): retried.
	return await requestEntity.call(this, i, {
		method: 'POST',
		path: `/v1/contacts/${target.segment}/merge`,
		body: { sourceContactId: source.id },
		idempotent: true,
	});
}
