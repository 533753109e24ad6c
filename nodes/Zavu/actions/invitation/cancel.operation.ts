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
		'The pending or in-progress invitation to cancel. A completed invitation cannot be cancelled: manage its sender instead',
	),
	optionsCollection('invitation', 'cancel'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['cancel'] } },
	properties,
);

/** POST /v1/invitations/{id}/cancel: emits the invitation, now `cancelled`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'invitationId', 'Invitation ID', INVITATION);
	// Cancelling twice leaves the same state (the second answer is an error, never a second
	// effect), so timeouts and 5xx may be retried.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: `/v1/invitations/${id}/cancel`, idempotent: true },
		'invitation',
	);
}
