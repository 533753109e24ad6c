import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keysOf, optionsOf, URL_STATUSES } from '../../constants';
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
			options: optionsOf(URL_STATUSES),
			default: 'approved',
			description: 'Only URLs with this verification status',
		},
	]),
	optionsCollection('url', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['url'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/urls with the Status filter, following `nextCursor`: one output item per URL. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	// An expression can give any status; Zavu would answer a bare 400.
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const status = typeof filters.status === 'string' ? filters.status.trim() : '';
	const statuses: string[] = keysOf(URL_STATUSES);
	if (status && !statuses.includes(status)) {
		itemFail(this, i)(
			`Status "${status}" is not a URL verification status`,
			`Use one of: ${statuses.join(', ')}.`,
		);
	}
	return await requestAll.call(this, i, '/v1/urls', ['status']);
}
