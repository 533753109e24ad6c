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
		description: 'ID of the invitation to get',
	},
	optionsCollection('invitation', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['get'] } },
	properties,
);

/** GET /v1/invitations/{id}. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = requireId(this, i, 'Invitation ID', this.getNodeParameter('invitationId', i, ''));
	const response = await zavuApiRequest.call(this, {
		method: 'GET',
		path: `/v1/invitations/${encodeId(id)}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return unwrap.call(this, response, 'invitation', i);
}
