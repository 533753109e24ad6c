import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { broadcastId, broadcastIdField, requestBroadcast } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField(
		'The rejected broadcast to submit to automated review again, after editing its content with Update (at most 3 reviews per broadcast)',
	),
	optionsCollection('broadcast', 'retryReview'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['retryReview'] } },
	properties,
);

/** POST /v1/broadcasts/{id}/retry-review: emits the broadcast as the review left it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { segment } = broadcastId(this, i);
	// Each review counts against the 3 allowed: not resent after a timeout or 5xx.
	return await requestBroadcast.call(this, i, {
		method: 'POST',
		path: `/v1/broadcasts/${segment}/retry-review`,
		idempotent: false,
	});
}
