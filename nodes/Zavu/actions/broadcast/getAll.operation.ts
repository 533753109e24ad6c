import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { BROADCAST_STATUSES, keysOf, optionsOf } from '../../constants';
import { filtersField, requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';

const properties: INodeProperties[] = [
	...listFields,
	filtersField([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: optionsOf(BROADCAST_STATUSES),
			default: 'draft',
			description: 'Only broadcasts in this status',
		},
	]),
	optionsCollection('broadcast', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/broadcasts, following `nextCursor`: one output item per broadcast. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	// An expression can give any status; Zavu would answer a bare 400.
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const status = typeof filters.status === 'string' ? filters.status.trim() : '';
	const statuses: string[] = keysOf(BROADCAST_STATUSES);
	if (status && !statuses.includes(status)) {
		itemFail(this, i)(
			`Status "${status}" is not a broadcast status`,
			`Use one of: ${statuses.join(', ')}.`,
		);
	}
	return await requestAll.call(this, i, '/v1/broadcasts', ['status']);
}
