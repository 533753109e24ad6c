import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { broadcastId, broadcastIdField, requestBroadcast } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField(
		'The broadcast to cancel. Contacts not reached yet are skipped; messages already queued may still be delivered',
	),
	optionsCollection('broadcast', 'cancel'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['cancel'] } },
	properties,
);

/** POST /v1/broadcasts/{id}/cancel: emits the broadcast, now `cancelled`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { segment } = broadcastId(this, i);
	// Cancelling twice leaves the same state (the second answer is an error, never a second
	// effect), so timeouts and 5xx may be retried.
	return await requestBroadcast.call(this, i, {
		method: 'POST',
		path: `/v1/broadcasts/${segment}/cancel`,
		idempotent: true,
	});
}
