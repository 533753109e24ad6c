import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { broadcastId, broadcastIdField, requestBroadcast, requireDateTime } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField('The scheduled broadcast to move to another time'),
	{
		displayName: 'Scheduled At',
		name: 'scheduledAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'The new delivery time (a future time, ISO 8601 from an expression)',
	},
	optionsCollection('broadcast', 'reschedule'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['reschedule'] } },
	properties,
);

/** PATCH /v1/broadcasts/{id}/schedule: emits the broadcast with its new `scheduledAt`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const { segment } = broadcastId(this, i);
	const scheduledAt = requireDateTime(
		fail,
		'Scheduled At',
		this.getNodeParameter('scheduledAt', i, ''),
		Date.now(),
	);
	// Setting the same time twice leaves the same schedule: timeouts and 5xx may be retried.
	return await requestBroadcast.call(this, i, {
		method: 'PATCH',
		path: `/v1/broadcasts/${segment}/schedule`,
		body: { scheduledAt },
		idempotent: true,
	});
}
