import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { locatorField, readLocatorId, SENDER } from '../common/locator';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { PHONE_NUMBER, phoneNumberIdField } from './fields';

const properties: INodeProperties[] = [
	phoneNumberIdField('The phone number to rename or to assign to a sender'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Clear Name',
				name: 'clearName',
				type: 'boolean',
				default: false,
				description: "Whether to remove the number's name (not together with Name)",
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'Support Line',
				description: 'Your own name for the number',
			},
			locatorField(
				'Sender',
				'senderId',
				SENDER,
				'The sender to assign the number to (not together with Unassign Sender)',
				false,
			),
			{
				displayName: 'Unassign Sender',
				name: 'unassignSender',
				type: 'boolean',
				default: false,
				description:
					'Whether to detach the number from its sender (needed before Release; not together with Sender)',
			},
		],
	},
	optionsCollection('phoneNumber', 'update'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['update'] } },
	properties,
);

/** PATCH /v1/phone-numbers/{id}: only the fields set (null clears); emits the updated number. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const id = pathId(this, i, 'phoneNumberId', 'Phone Number ID', PHONE_NUMBER);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	const name = typeof fields.name === 'string' ? fields.name.trim() : '';
	if (name && fields.clearName === true) fail('Set either Name or Clear Name, not both');
	if (name) body.name = name;
	if (fields.clearName === true) body.name = null;
	const senderId =
		fields.senderId === undefined
			? ''
			: readLocatorId(this, i, 'updateFields.senderId', 'Sender ID', SENDER, true);
	if (senderId && fields.unassignSender === true) {
		fail('Set either Sender or Unassign Sender, not both');
	}
	if (senderId) body.senderId = senderId;
	if (fields.unassignSender === true) body.senderId = null;
	if (Object.keys(body).length === 0) {
		fail(
			'Nothing to update',
			'Add Name, Clear Name, Sender or Unassign Sender under Update Fields.',
		);
	}
	return await requestOne.call(
		this,
		i,
		{ method: 'PATCH', path: `/v1/phone-numbers/${id}`, body, idempotent: true },
		'phoneNumber',
	);
}
