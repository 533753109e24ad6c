import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField, pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';

const properties: INodeProperties[] = [
	idField('Message ID', 'messageId', 'msg_abc123', 'ID of the message to get'),
	optionsCollection('message', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

/** GET /v1/messages/{id}: the message with its current status. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'messageId', 'Message ID');
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/messages/${id}`, idempotent: true },
		'message',
	);
}
