import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { readSender, requestSender, senderIdField } from './fields';

const properties: INodeProperties[] = [
	senderIdField(
		'The sender to get: its channels, addresses, default flag and webhook (never the webhook secret)',
	),
	optionsCollection('sender', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sender'], operation: ['get'] } },
	properties,
);

/** GET /v1/senders/{id}: the sender itself. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { segment } = readSender(this, i);
	return await requestSender.call(this, i, {
		method: 'GET',
		path: `/v1/senders/${segment}`,
		idempotent: true,
	});
}
