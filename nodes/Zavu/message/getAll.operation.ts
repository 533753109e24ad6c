import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	getFilterQuery,
	getPageOptions,
	getRetryOptions,
	listFields,
	optionsCollection,
} from '../helpers/options';
import { FILTER_CHANNELS, FILTER_MESSAGE_STATUSES, optionsOf } from '../constants';
import { zavuApiRequestAllItems } from '../transport';

const properties: INodeProperties[] = [
	...listFields,
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
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
		],
	},
	optionsCollection('message', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/messages, following `nextCursor`: one output item per message. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await zavuApiRequestAllItems.call(
		this,
		{
			method: 'GET',
			path: '/v1/messages',
			qs: getFilterQuery(this, i, ['status', 'channel', 'to']),
			itemIndex: i,
			retry: getRetryOptions(this, i),
		},
		getPageOptions(this, i),
	);
}
