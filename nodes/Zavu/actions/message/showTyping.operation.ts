import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { encodeId, zavuApiRequest } from '../../transport';
import { locatorField, MESSAGE, readLocatorId } from '../common/locator';
import { getRetryOptions, optionsCollection } from '../common/options';
import { senderHeaders, senderOption } from './react.operation';

const properties: INodeProperties[] = [
	locatorField(
		'Message',
		'messageId',
		MESSAGE,
		'The incoming WhatsApp message you are about to answer, e.g. from the Zavu Webhook Trigger. Outgoing messages and other channels are refused by Zavu',
	),
	optionsCollection('message', 'showTyping', [senderOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['showTyping'] } },
	properties,
);

/**
 * POST /v1/messages/{id}/typing: marks the message read and shows "typing…" to the contact
 * until the reply is sent (at most 25 seconds). Emits `{ messageId, success }`.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const messageId = readLocatorId(this, i, 'messageId', 'Message ID', MESSAGE);
	// Showing the indicator twice shows it once, so timeouts and 5xx may be retried.
	const response = await zavuApiRequest.call(this, {
		method: 'POST',
		path: `/v1/messages/${encodeId(messageId)}/typing`,
		headers: senderHeaders(this, i),
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	// The answer names no message: the id goes along, for the node that sends the reply.
	return { messageId, ...response };
}
