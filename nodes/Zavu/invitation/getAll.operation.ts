import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	getFilterQuery,
	getPageOptions,
	getRetryOptions,
	listFields,
	optionsCollection,
} from '../helpers/options';
import { INVITATION_STATUSES, optionsOf } from '../constants';
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
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: optionsOf(INVITATION_STATUSES),
				default: 'pending',
				description: 'Only invitations in this status',
			},
		],
	},
	optionsCollection('invitation', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/invitations, following `nextCursor`: one output item per invitation. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await zavuApiRequestAllItems.call(
		this,
		{
			method: 'GET',
			path: '/v1/invitations',
			qs: getFilterQuery(this, i, ['status']),
			itemIndex: i,
			retry: getRetryOptions(this, i),
		},
		getPageOptions(this, i),
	);
}
