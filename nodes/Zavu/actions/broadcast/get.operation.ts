import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { broadcastId, broadcastIdField, requestBroadcast } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField('The broadcast to get, with its status, counts and costs'),
	optionsCollection('broadcast', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['get'] } },
	properties,
);

/** GET /v1/broadcasts/{id}: the broadcast. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { segment } = broadcastId(this, i);
	return await requestBroadcast.call(this, i, {
		method: 'GET',
		path: `/v1/broadcasts/${segment}`,
		idempotent: true,
	});
}
