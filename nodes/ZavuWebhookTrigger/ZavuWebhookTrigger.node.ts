import type {
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	INVITATION_STATUSES,
	keysOf,
	optionsOf,
	PROJECT_WEBHOOK_EVENTS,
	WEBHOOK_EVENTS,
} from '../Zavu/constants';
import { locatorField, SENDER } from '../Zavu/actions/common/locator';
import { searchSenders } from '../Zavu/methods/listSearch';
import { checkExists, create, remove } from './lifecycle';
import { receive } from './receive';

/** Every event but the invitation ones comes through a sender's webhook. */
const senderEvents = keysOf(WEBHOOK_EVENTS).filter((e) => !PROJECT_WEBHOOK_EVENTS.includes(e));

export class ZavuWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zavu Webhook Trigger',
		name: 'zavuWebhookTrigger',
		icon: { light: 'file:zavu.svg', dark: 'file:zavu.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description:
			'Starts the workflow the moment Zavu sends an event: an invitation completes, a customer writes in, a message is delivered',
		defaults: { name: 'Zavu Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zavudevApi', required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				// Zavu only needs a 2xx: an empty 200, not n8n's default "firstEntryJson" text.
				responseData: 'noData',
				path: 'webhook',
			},
		],
		properties: [
			{
				displayName:
					'Zavu delivers to public HTTPS addresses only: n8n must be reachable over https (WEBHOOK_URL). Without one, use the polling Zavu Trigger.',
				name: 'httpsNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				options: optionsOf(WEBHOOK_EVENTS),
				default: ['invitation.status_changed'],
				required: true,
				description:
					"Invitation events come through the project's webhook; the others through the chosen sender's webhook",
			},
			{
				// Not required for n8n: activation says which events need it (lifecycle.ts).
				...locatorField(
					'Sender',
					'senderId',
					SENDER,
					'The sender (your number, email or account) whose messages, calls, templates or broadcasts to follow: its webhook is pointed at this workflow',
					false,
				),
				displayOptions: { show: { events: senderEvents } },
			},
			{
				displayName: 'Invitation Statuses',
				name: 'statuses',
				type: 'multiOptions',
				options: optionsOf(INVITATION_STATUSES),
				default: [],
				hint: 'Leave empty to fire on every status change',
				description: 'Fire when an invitation reaches one of these statuses',
				displayOptions: { show: { events: ['invitation.status_changed'] } },
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Replace Existing Webhook',
						name: 'replaceExisting',
						type: 'boolean',
						default: false,
						description:
							'Whether to take over a webhook that already sends to another address; it is put back when the workflow is deactivated',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchSenders } };

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await checkExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await create.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await remove.call(this);
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}
