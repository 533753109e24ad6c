import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { zavuApiRequestAllItems } from '../transport';

// Dropdowns list at most this many entries; longer lists are better served by an ID.
const DROPDOWN_LIMIT = 500;

/** Phone numbers of the project, for "Phone Number Name or ID". */
export async function getPhoneNumbers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const numbers = await zavuApiRequestAllItems.call(
		this,
		{ method: 'GET', path: '/v1/phone-numbers', retry: { maxAttempts: 2, maxWaitMs: 10_000, timeoutMs: 20_000 } },
		{ returnAll: false, limit: DROPDOWN_LIMIT },
	);
	return numbers.map((number: IDataObject) => {
		const phone = String(number.phoneNumber ?? number.id);
		const label = number.name ? `${phone} (${String(number.name)})` : phone;
		return { name: label, value: String(number.id) };
	});
}
