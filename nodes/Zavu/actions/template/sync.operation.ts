import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { readSenderId, senderIdField } from './fields';

const properties: INodeProperties[] = [
	senderIdField(
		"Sync only this WhatsApp sender's Business Account; leave empty to sync every WhatsApp sender of the project",
		false,
	),
	optionsCollection('template', 'sync'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['sync'] } },
	properties,
);

/**
 * POST /v1/templates/sync: one item with what changed (accountsSynced, imported, linked, updated,
 * skipped, errors). Zavu answers 200 even when one account failed: that is in `errors`.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const senderId = readSenderId(this, i, true);
	// Reconciling again reads the same state from Meta: safe to retry after a timeout or 5xx.
	return await zavuApiRequest.call(this, {
		method: 'POST',
		path: '/v1/templates/sync',
		body: senderId ? { senderId } : {},
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
}
