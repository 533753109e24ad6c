import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { PHONE_NUMBER, phoneNumberIdField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberIdField(
		'The phone number to get: its status, capabilities, pricing and the sender it is assigned to',
	),
	optionsCollection('phoneNumber', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['get'] } },
	properties,
);

/** GET /v1/phone-numbers/{id}: emits the number, unwrapped from `{ phoneNumber }`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'phoneNumberId', 'Phone Number ID', PHONE_NUMBER);
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/phone-numbers/${id}`, idempotent: true },
		'phoneNumber',
	);
}
