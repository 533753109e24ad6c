import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { encodeId } from '../../transport';
import { optionsCollection } from '../common/options';
import { itemFail, requireE164 } from '../common/validation';
import { requestEntity } from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155551234',
		description:
			'Phone number of the contact in E.164 format: + then the country code and number, digits only',
	},
	optionsCollection('contact', 'getByPhone'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getByPhone'] } },
	properties,
);

/** GET /v1/contacts/phone/{phoneNumber}: the contact with that phone number. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const phone = requireE164(
		itemFail(this, i),
		'Phone Number',
		String(this.getNodeParameter('phoneNumber', i, '') ?? ''),
	);
	return await requestEntity.call(this, i, {
		method: 'GET',
		// One path segment: the leading + is sent as %2B.
		path: `/v1/contacts/phone/${encodeId(phone)}`,
		idempotent: true,
	});
}
