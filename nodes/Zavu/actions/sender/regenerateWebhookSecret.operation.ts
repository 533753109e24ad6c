import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidResponseError, zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { readSender, senderIdField } from './fields';

const properties: INodeProperties[] = [
	senderIdField(
		'The sender whose webhook gets a new signing secret; the old one stops working at once. A Zavu Webhook Trigger on this sender then rejects its deliveries until the trigger is deactivated and activated again',
	),
	optionsCollection('sender', 'regenerateWebhookSecret'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sender'], operation: ['regenerateWebhookSecret'] } },
	properties,
);

/** POST /v1/senders/{id}/webhook/secret: emits `{ senderId, secret }`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { id, segment } = readSender(this, i);
	// Each call invalidates the previous secret: resent only when Zavu certainly did not act.
	const response = await zavuApiRequest.call(this, {
		method: 'POST',
		path: `/v1/senders/${segment}/webhook/secret`,
		idempotent: false,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	if (typeof response.secret !== 'string' || !response.secret) {
		throw invalidResponseError(this.getNode(), 'no "secret" in the response', i);
	}
	return { senderId: id, secret: response.secret };
}
