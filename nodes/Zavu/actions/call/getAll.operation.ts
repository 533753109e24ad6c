import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CALL_DIRECTIONS, CALL_STATUSES, optionsOf } from '../../constants';
import { filtersField, requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';

const properties: INodeProperties[] = [
	...listFields,
	filtersField([
		{
			displayName: 'Direction',
			name: 'direction',
			type: 'options',
			options: optionsOf(CALL_DIRECTIONS),
			default: 'outbound',
			description: 'Only calls placed by Zavu (outbound) or received (inbound)',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: optionsOf(CALL_STATUSES),
			default: 'completed',
			description: 'Only calls with this status',
		},
	]),
	optionsCollection('call', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['getAll'] } },
	properties,
);

const FILTERS: Record<string, Record<string, unknown>> = {
	direction: CALL_DIRECTIONS,
	status: CALL_STATUSES,
};

/**
 * GET /v1/calls with the filters, following `nextCursor`: one item per call, most recent first,
 * without transcripts (Zavu leaves them out of the list; Get has them).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	// An expression can give any value; Zavu would answer a bare 400.
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	for (const [key, labels] of Object.entries(FILTERS)) {
		const value = typeof filters[key] === 'string' ? (filters[key] as string).trim() : '';
		const allowed = Object.keys(labels);
		if (value && !allowed.includes(value)) {
			itemFail(this, i)(
				`${key === 'status' ? 'Status' : 'Direction'} "${value}" is not a call ${key}`,
				`Use one of: ${allowed.join(', ')}.`,
			);
		}
	}
	return await requestAll.call(this, i, '/v1/calls', Object.keys(FILTERS));
}
