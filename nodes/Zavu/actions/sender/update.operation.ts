import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { asNodeError } from '../../transport';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { businessProfileField, readBusinessProfile, requestProfile } from './profile';
import {
	channelSwitches,
	emailFields,
	readSender,
	requestSender,
	requireBoolean,
	requireSignatureVersion,
	requireText,
	requireUrl,
	requireWebhookEvents,
	senderInputs,
	sorted,
	senderIdField,
	signatureVersionField,
	webhookEventsField,
	webhookUrlField,
} from './fields';

const properties: INodeProperties[] = [
	senderIdField('The sender to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: sorted([
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'Support',
				description: 'New name of the sender',
			},
			...emailFields,
			{
				displayName: 'Email Catch-All Enabled',
				name: 'emailCatchAllEnabled',
				type: 'boolean',
				default: true,
				description:
					'Whether the sender receives email for any address at its domain, not only its own (needs Email Receiving Enabled)',
			},
			...channelSwitches,
		]),
	},
	businessProfileField,
	{
		displayName: 'Webhook Fields',
		name: 'webhookFields',
		type: 'collection',
		placeholder: 'Add Webhook Field',
		default: {},
		description:
			'Left unchanged unless added here. A Zavu Webhook Trigger on this sender manages its webhook: changing it here redirects or stops the events that trigger receives.',
		options: [
			{
				displayName: 'Remove Webhook',
				name: 'removeWebhook',
				type: 'boolean',
				default: true,
				description:
					'Whether to remove the webhook (URL, events and secret). Cannot be combined with the other webhook fields.',
			},
			{
				displayName: 'Webhook Active',
				name: 'webhookActive',
				type: 'boolean',
				default: true,
				description: 'Whether Zavu sends events to the webhook (off pauses it, keeping it set)',
			},
			webhookEventsField,
			signatureVersionField,
			webhookUrlField,
		],
	},
	optionsCollection('sender', 'update'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['sender'], operation: ['update'] } },
	properties,
);

/** The Webhook Fields that were added, as Zavu names them; nothing when none were. */
function webhookInputs(fail: ReturnType<typeof itemFail>, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	if (
		fields.removeWebhook !== undefined &&
		requireBoolean(fail, 'Remove Webhook', fields.removeWebhook)
	) {
		if (Object.keys(fields).some((key) => key !== 'removeWebhook')) {
			fail(
				'Remove Webhook cannot be combined with other webhook fields',
				'Either remove the webhook, or change its URL, events, active flag or signature version.',
			);
		}
		return { webhookUrl: null };
	}
	if (fields.webhookUrl !== undefined) {
		body.webhookUrl = requireUrl(fail, 'Webhook URL', fields.webhookUrl, true);
	}
	if (fields.webhookEvents !== undefined) {
		body.webhookEvents = requireWebhookEvents(fail, fields.webhookEvents);
	}
	if (fields.webhookActive !== undefined) {
		body.webhookActive = requireBoolean(fail, 'Webhook Active', fields.webhookActive);
	}
	if (fields.webhookSignatureVersion !== undefined) {
		body.webhookSignatureVersion = requireSignatureVersion(fail, fields.webhookSignatureVersion);
	}
	return body;
}

/**
 * PATCH /v1/senders/{id} with the Update Fields and Webhook Fields that were added, then PATCH
 * /v1/senders/{id}/profile with the Business Profile fields: emits the sender, with `profile`
 * when the profile changed (`{ id, profile }` when only the profile did).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const { id, segment } = readSender(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = senderInputs(fail, fields);
	if (fields.name !== undefined) {
		body.name = requireText(fail, 'Name', fields.name, 'Remove Name to keep the current one.');
	}
	const webhook = webhookInputs(fail, this.getNodeParameter('webhookFields', i, {}) as IDataObject);
	Object.assign(body, webhook);
	const profile = readBusinessProfile(
		fail,
		this.getNodeParameter('businessProfile', i, {}) as IDataObject,
	);
	if (!Object.keys(body).length && !profile) {
		fail(
			'Nothing to update: add Update Fields, Business Profile or Webhook Fields',
			'An update without fields would change nothing.',
		);
	}

	let sender: IDataObject = { id };
	if (Object.keys(body).length) {
		sender = await requestSender.call(this, i, {
			method: 'PATCH',
			path: `/v1/senders/${segment}`,
			body,
			// Setting a URL where there was none creates the webhook, and only that answer carries
			// its secret: a resend would lose it, so that change is resent only when certainly unseen.
			idempotent: typeof webhook.webhookUrl !== 'string',
		});
	}
	if (!profile) return sender;

	try {
		const answer = await requestProfile.call(this, i, segment, profile);
		return { ...sender, profile: answer };
	} catch (error) {
		// Say what already happened, so a retry of the item is understood.
		if (Object.keys(body).length && error instanceof NodeApiError) {
			error.description = [
				error.description,
				'The sender fields were saved; only the Business Profile was not.',
			]
				.filter(Boolean)
				.join(' ');
		}
		throw asNodeError(this.getNode(), error, i);
	}
}
