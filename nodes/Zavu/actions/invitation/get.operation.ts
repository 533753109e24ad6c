import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField, pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';

const properties: INodeProperties[] = [
	idField('Invitation ID', 'invitationId', 'jh7am5bng9p3v2x1k4r8', 'ID of the invitation to get'),
	optionsCollection('invitation', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['get'] } },
	properties,
);

/** GET /v1/invitations/{id}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'invitationId', 'Invitation ID');
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/invitations/${id}`, idempotent: true },
		'invitation',
	);
}
