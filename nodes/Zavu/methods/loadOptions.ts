import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { zavuApiRequestAllItems } from '../transport';
import { senderLabel } from './labels';

// The dropdowns left: filters and headers that are no entity's own id (Conversation → Get Many's
// Sender filter, Custom API Call's Sender). The ids a user picks are resource locators, listed by
// listSearch.ts. Dropdowns list at most this many entries; longer lists are better served by an ID.
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

/** Senders of the project, labelled with their channels, for "Sender Name or ID". */
export async function getSenders(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const senders = await listForDropdown(this, '/v1/senders');
	return senders.map((sender) => ({ name: senderLabel(sender), value: String(sender.id) }));
}
