import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	channelSwitches,
	emailFields,
	requestSender,
	requirePhone,
	requireSignatureVersion,
	requireText,
	requireUrl,
	requireWebhookEvents,
	senderInputs,
	sorted,
	signatureVersionField,
	webhookEventsField,
	webhookUrlField,
} from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Support',
		description: 'Name of the new sender, as it shows in Zavu',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sorted([
			...emailFields.filter((f) => f.name !== 'emailCatchAllEnabled'),
			...channelSwitches,
			{
				displayName: 'Phone Number',
				name: 'phoneNumber',
				type: 'string',
				default: '',
				placeholder: '+14155551234',
				description:
					'A phone number the project already owns (E.164 format), routed to the sender: this turns its SMS channel on. Leave out for an email-only sender.',
			},
			webhookEventsField,
			signatureVersionField,
			webhookUrlField,
		]),
	},
	optionsCollection('sender', 'create'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sender'], operation: ['create'] } },
	properties,
);

/** POST /v1/senders: emits the new sender (with `webhook.secret` when a webhook was set). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const name = requireText(fail, 'Name', this.getNodeParameter('name', i, ''), 'E.g. Support.');
	const fields = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const body: IDataObject = { name, ...senderInputs(fail, fields) };

	if (fields.phoneNumber !== undefined) body.phoneNumber = requirePhone(fail, fields.phoneNumber);
	if (body.enableVoice === true && body.phoneNumber === undefined) {
		fail('Enable Voice needs a Phone Number', 'Add Phone Number: calls go through it.');
	}

	// The webhook is set only when asked for, and whole: Zavu needs its events with its URL.
	const hasUrl = fields.webhookUrl !== undefined;
	if (hasUrl) {
		body.webhookUrl = requireUrl(fail, 'Webhook URL', fields.webhookUrl, true);
		body.webhookEvents = requireWebhookEvents(fail, fields.webhookEvents);
	} else if (fields.webhookEvents !== undefined || fields.webhookSignatureVersion !== undefined) {
		fail(
			'Webhook Events and Webhook Signature Version need a Webhook URL',
			'Add Webhook URL, or remove the other webhook fields.',
		);
	}
	if (fields.webhookSignatureVersion !== undefined) {
		body.webhookSignatureVersion = requireSignatureVersion(fail, fields.webhookSignatureVersion);
	}

	// No idempotency key on this endpoint: a resend after a timeout or 5xx could create the
	// sender twice, so only a 429 or a refused connection is retried.
	return await requestSender.call(this, i, {
		method: 'POST',
		path: '/v1/senders',
		body,
		idempotent: false,
	});
}
