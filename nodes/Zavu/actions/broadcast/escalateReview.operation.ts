import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { broadcastId, broadcastIdField, requestBroadcast } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField(
		'The broadcast rejected by automated review to hand to the Zavu team for a manual review',
	),
	optionsCollection('broadcast', 'escalateReview'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['escalateReview'] } },
	properties,
);

/** POST /v1/broadcasts/{id}/escalate: emits the broadcast, now `escalated`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { segment } = broadcastId(this, i);
	// Asking twice leaves it escalated (the second answer is an error, never a second review
	// request), so timeouts and 5xx may be retried.
	return await requestBroadcast.call(this, i, {
		method: 'POST',
		path: `/v1/broadcasts/${segment}/escalate`,
		idempotent: true,
	});
}
