import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { itemFail, requireE164 } from '../common/validation';
import { confirmationField, requireConfirmation } from './fields';

const CONFIRM = 'confirmPurchase';
const CONFIRM_LABEL = 'Confirm Purchase';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+15551234567',
		description:
			'The number to buy, in E.164 format, as Search Available lists it in its phoneNumber field',
	},
	confirmationField(
		CONFIRM_LABEL,
		CONFIRM,
		'Whether you confirm buying this number: it is billed to the account (an upfront price, then monthly) and needs a paid plan. Nothing is sent while this is off.',
	),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'Primary Line',
				description: 'Your own name for the number',
			},
		],
	},
	optionsCollection('phoneNumber', 'purchase'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['purchase'] } },
	properties,
);

/** POST /v1/phone-numbers: buys the number; emits it as the project now owns it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	requireConfirmation(
		this,
		i,
		CONFIRM,
		CONFIRM_LABEL,
		'Purchasing a phone number costs money (an upfront price, then monthly).',
	);
	const fail = itemFail(this, i);
	const raw = this.getNodeParameter('phoneNumber', i, '');
	const given = typeof raw === 'string' ? raw : String(raw);
	if (!given.trim())
		fail('Phone Number is empty', 'E.g. {{ $json.phoneNumber }} from Search Available.');
	const body: IDataObject = { phoneNumber: requireE164(fail, 'Phone Number', given) };
	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const name = typeof extra.name === 'string' ? extra.name.trim() : '';
	if (name) body.name = name;
	// Buys a number: resent only when Zavu certainly did not receive it (never bought twice).
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: '/v1/phone-numbers', body, idempotent: false },
		'phoneNumber',
	);
}
