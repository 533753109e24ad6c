import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { INVITATION_STATUSES, optionsOf } from '../../constants';
import { filtersField, requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';

const properties: INodeProperties[] = [
	...listFields,
	filtersField([
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: optionsOf(INVITATION_STATUSES),
			default: 'pending',
			description: 'Only invitations in this status',
		},
	]),
	optionsCollection('invitation', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/invitations, following `nextCursor`: one output item per invitation. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await requestAll.call(this, i, '/v1/invitations', ['status']);
}
