import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { broadcastId, broadcastIdField } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField(
		'The draft broadcast to delete (only drafts can be deleted; cancel one that is sending)',
	),
	optionsCollection('broadcast', 'delete'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['delete'] } },
	properties,
);

/** DELETE /v1/broadcasts/{id}: Zavu answers 204, so the item says what was deleted. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { id, segment } = broadcastId(this, i);
	// A second DELETE finds nothing to delete (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/broadcasts/${segment}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { id, deleted: true };
}
