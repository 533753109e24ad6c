import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getRetryOptions, optionsCollection } from '../helpers/options';
import { requireId } from '../helpers/validation';
import { encodeId, unwrap, zavuApiRequest } from '../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Message ID',
		name: 'messageId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'msg_abc123',
		description: 'ID of the message to get',
	},
	optionsCollection('message', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['get'] } },
	properties,
);

/** GET /v1/messages/{id}: the message with its current status. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = requireId(this, i, 'Message ID', this.getNodeParameter('messageId', i, ''));
	const response = await zavuApiRequest.call(this, {
		method: 'GET',
		path: `/v1/messages/${encodeId(id)}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return unwrap.call(this, response, 'message', i);
}
