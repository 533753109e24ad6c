import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keysOf, optionsOf, PHONE_NUMBER_STATUSES } from '../../constants';
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
			options: optionsOf(PHONE_NUMBER_STATUSES),
			default: 'active',
			description: 'Only phone numbers with this status',
		},
	]),
	optionsCollection('phoneNumber', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/phone-numbers with the Status filter, following `nextCursor`: one item per number. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	// An expression can give any status; Zavu would answer a bare 400.
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const status = typeof filters.status === 'string' ? filters.status.trim() : '';
	const statuses: string[] = keysOf(PHONE_NUMBER_STATUSES);
	if (status && !statuses.includes(status)) {
		itemFail(this, i)(
			`Status "${status}" is not a phone number status`,
			`Use one of: ${statuses.join(', ')}.`,
		);
	}
	return await requestAll.call(this, i, '/v1/phone-numbers', ['status']);
}
