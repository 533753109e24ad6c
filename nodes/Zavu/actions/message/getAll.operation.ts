import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FILTER_CHANNELS, FILTER_MESSAGE_STATUSES, optionsOf } from '../../constants';
import { filtersField, requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';

const properties: INodeProperties[] = [
	...listFields,
	filtersField([
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'options',
			options: optionsOf(FILTER_CHANNELS),
			default: 'whatsapp',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: optionsOf(FILTER_MESSAGE_STATUSES),
			default: 'delivered',
		},
		{
			displayName: 'To',
			name: 'to',
			type: 'string',
			default: '',
			placeholder: '+14155551234',
			description: 'Only messages to this recipient',
		},
	]),
	optionsCollection('message', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/messages, following `nextCursor`: one output item per message. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await requestAll.call(this, i, '/v1/messages', ['status', 'channel', 'to']);
}
