import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { encodeId, zavuApiRequest } from '../../transport';
import { readLocatorId } from '../common/locator';
import { getRetryOptions, optionsCollection } from '../common/options';
import { confirmationField, PHONE_NUMBER, phoneNumberIdField, requireConfirmation } from './fields';

const CONFIRM = 'confirmRelease';
const CONFIRM_LABEL = 'Confirm Release';

const properties: INodeProperties[] = [
	phoneNumberIdField(
		'The phone number to give up. It must not be assigned to a sender (see Update → Unassign Sender)',
	),
	confirmationField(
		CONFIRM_LABEL,
		CONFIRM,
		'Whether you confirm releasing this number: the project loses it for good (it cannot be got back, and a plan-included number is not offered free again). Nothing is sent while this is off.',
	),
	optionsCollection('phoneNumber', 'release'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['release'] } },
	properties,
);

/** DELETE /v1/phone-numbers/{id}: Zavu answers with no body, so the item says what was released. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	requireConfirmation(
		this,
		i,
		CONFIRM,
		CONFIRM_LABEL,
		'Releasing a phone number is irreversible: the project loses the number for good.',
	);
	const id = readLocatorId(this, i, 'phoneNumberId', 'Phone Number ID', PHONE_NUMBER);
	// Irreversible: sent again only when Zavu certainly did not receive it.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/phone-numbers/${encodeId(id)}`,
		idempotent: false,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { id, released: true };
}
