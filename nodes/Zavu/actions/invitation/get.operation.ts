import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { INVITATION, locatorField } from '../common/locator';
import { optionsCollection } from '../common/options';

const properties: INodeProperties[] = [
	locatorField(
		'Invitation',
		'invitationId',
		INVITATION,
		'The partner invitation to get (its `id`, as Invitation → Create or Get Many return it)',
	),
	optionsCollection('invitation', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['get'] } },
	properties,
);

/** GET /v1/invitations/{id}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'invitationId', 'Invitation ID', INVITATION);
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/invitations/${id}`, idempotent: true },
		'invitation',
	);
}
