import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155551234',
		description:
			'The number to check, in E.164 format: + then the country code and number, digits only. A number in any other format is answered as not valid (validNumber false), not as an error.',
	},
	optionsCollection('lookup', 'validatePhone'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lookup'], operation: ['validatePhone'] } },
	properties,
);

/**
 * POST /v1/introspect/phone: emits Zavu's answer as it is (validNumber, countryCode, lineType,
 * carrier, availableChannels, nationalFormat).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const value = this.getNodeParameter('phoneNumber', i, '') as unknown;
	// A number from a spreadsheet cell may arrive as a number: Zavu then says it is not E.164.
	const phoneNumber =
		typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
	if (!phoneNumber) {
		itemFail(this, i)(
			'Phone Number is empty',
			'Set the number to check in E.164 format, e.g. +14155551234 or {{ $json.phone }}.',
		);
	}
	return await zavuApiRequest.call(this, {
		method: 'POST',
		path: '/v1/introspect/phone',
		body: { phoneNumber },
		// A lookup changes nothing at Zavu: safe to resend after a timeout or 5xx.
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
}
