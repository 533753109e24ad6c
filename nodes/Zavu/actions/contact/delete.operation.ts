import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { CONTACT } from '../common/locator';
import { contactIdField, readId } from './fields';

const properties: INodeProperties[] = [
	contactIdField(
		'The contact to delete permanently, with its channels, conversations and agent sessions. Past messages are kept for billing but no longer point to it',
	),
	optionsCollection('contact', 'delete'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['delete'] } },
	properties,
);

/** DELETE /v1/contacts/{id}: Zavu answers 204, so the item says what was deleted. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { id, segment } = readId(this, i, 'contactId', 'Contact ID', CONTACT);
	// A second DELETE finds nothing to delete (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/contacts/${segment}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { id, deleted: true };
}
