import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { locatorField, MESSAGE } from '../common/locator';
import { optionsCollection } from '../common/options';

const properties: INodeProperties[] = [
	locatorField(
		'Message',
		'messageId',
		MESSAGE,
		'The message (sent or received) to get, with its current status',
	),
	optionsCollection('message', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

/** GET /v1/messages/{id}: the message with its current status. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'messageId', 'Message ID', MESSAGE);
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/messages/${id}`, idempotent: true },
		'message',
	);
}
