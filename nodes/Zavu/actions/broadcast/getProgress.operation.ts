import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { broadcastId, broadcastIdField, requireStatus } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField(
		'The broadcast whose delivery progress to get: counts delivered, failed, pending, percent complete and estimated completion',
	),
	optionsCollection('broadcast', 'getProgress'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['getProgress'] } },
	properties,
);

/** GET /v1/broadcasts/{id}/progress as Zavu answers it (no envelope). */
export async function fetchProgress(
	this: IExecuteFunctions,
	i: number,
	segment: string,
): Promise<IDataObject> {
	const body = await zavuApiRequest.call(this, {
		method: 'GET',
		path: `/v1/broadcasts/${segment}/progress`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return requireStatus(this, body, i);
}

/** GET /v1/broadcasts/{id}/progress: the live delivery counts of the broadcast. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await fetchProgress.call(this, i, broadcastId(this, i).segment);
}
