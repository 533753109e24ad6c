import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getRetryOptions, optionsCollection } from '../helpers/options';
import { requireId } from '../helpers/validation';
import { encodeId, unwrap, zavuApiRequest } from '../transport';

const properties: INodeProperties[] = [
	{
		displayName: 'Invitation ID',
		name: 'invitationId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'jh7am5bng9p3v2x1k4r8',
		description:
			'ID of the pending or in-progress invitation to cancel. A completed invitation cannot be cancelled: manage its sender instead.',
	},
	optionsCollection('invitation', 'cancel'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['cancel'] } },
	properties,
);

/** POST /v1/invitations/{id}/cancel: emits the invitation, now `cancelled`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = requireId(this, i, 'Invitation ID', this.getNodeParameter('invitationId', i, ''));
	const response = await zavuApiRequest.call(this, {
		method: 'POST',
		path: `/v1/invitations/${encodeId(id)}/cancel`,
		// Cancelling twice leaves the same state (the second answer is an error, never a
		// second effect), so timeouts and 5xx may be retried.
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return unwrap.call(this, response, 'invitation', i);
}
