import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { zavuApiRequestAllItems } from '../transport';

// Dropdowns list at most this many entries; longer lists are better served by an ID.
const DROPDOWN_LIMIT = 500;
// Dropdowns should answer quickly or say why not.
const dropdownRetry = { maxAttempts: 2, maxWaitMs: 10_000, timeoutMs: 20_000 };

/** The first DROPDOWN_LIMIT entries of a list. */
async function listForDropdown(ctx: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	return await zavuApiRequestAllItems.call(
		ctx,
		{ method: 'GET', path, retry: dropdownRetry },
		{ returnAll: false, limit: DROPDOWN_LIMIT },
	);
}

/** Phone numbers of the project, for "Phone Number Name or ID". */
export async function getPhoneNumbers(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const numbers = await listForDropdown(this, '/v1/phone-numbers');
	return numbers.map((number: IDataObject) => {
		const phone = String(number.phoneNumber ?? number.id);
		const label = number.name ? `${phone} (${String(number.name)})` : phone;
		return { name: label, value: String(number.id) };
	});
}

/** Senders of the project, labelled with their channels, for "Sender Name or ID". */
export async function getSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const senders = await listForDropdown(this, '/v1/senders');
	return senders.map((sender: IDataObject) => {
		const channels = Array.isArray(sender.channels) ? (sender.channels as string[]).join(', ') : '';
		const address = sender.phoneNumber ?? sender.emailAddress;
		const label = [
			String(sender.name ?? sender.id),
			address ? `(${String(address)})` : '',
			channels ? `[${channels}]` : '',
			sender.isDefault === true ? '(default)' : '',
		]
			.filter(Boolean)
			.join(' ');
		return { name: label, value: String(sender.id) };
	});
}

/** WhatsApp templates of the project, with language and approval status. */
export async function getTemplates(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const templates = await listForDropdown(this, '/v1/templates');
	return templates.map((template: IDataObject) => ({
		name: `${String(template.name ?? template.id)} (${String(template.language ?? '?')}) - ${String(template.status ?? 'unknown')}`,
		value: String(template.id),
		description:
			template.status === 'approved' ? undefined : 'Not approved yet: WhatsApp will reject sends',
	}));
}
