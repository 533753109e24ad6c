import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { readSender, senderIdField } from './fields';

const properties: INodeProperties[] = [
	senderIdField('The sender to delete, with its webhook. Messages can no longer be sent from it'),
	optionsCollection('sender', 'delete'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sender'], operation: ['delete'] } },
	properties,
);

/** DELETE /v1/senders/{id}: Zavu answers 204, so the item says what was deleted. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { id, segment } = readSender(this, i);
	// A second DELETE finds nothing to delete (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/senders/${segment}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { id, deleted: true };
}
