import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { BROADCAST_CONTACT_STATUSES, keysOf, optionsOf } from '../../constants';
import { filtersField, requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { broadcastId, broadcastIdField } from './fields';

const properties: INodeProperties[] = [
	broadcastIdField('The broadcast whose recipients to list, each with its delivery status'),
	...listFields,
	filtersField([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: optionsOf(BROADCAST_CONTACT_STATUSES),
			default: 'failed',
			description: 'Only recipients in this delivery status (e.g. Failed, to see why)',
		},
	]),
	optionsCollection('broadcast', 'getContacts'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['getContacts'] } },
	properties,
);

/** GET /v1/broadcasts/{id}/contacts, following `nextCursor`: one output item per recipient. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const { segment } = broadcastId(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const status = typeof filters.status === 'string' ? filters.status.trim() : '';
	const statuses: string[] = keysOf(BROADCAST_CONTACT_STATUSES);
	if (status && !statuses.includes(status)) {
		itemFail(this, i)(
			`Status "${status}" is not a broadcast contact status`,
			`Use one of: ${statuses.join(', ')}.`,
		);
	}
	return await requestAll.call(this, i, `/v1/broadcasts/${segment}/contacts`, ['status']);
}
