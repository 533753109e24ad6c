import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as regenerateWebhookSecret from './regenerateWebhookSecret.operation';
import * as update from './update.operation';

export const resource = { name: 'Sender', value: 'sender' };

export const operations = { create, get, getAll, update, delete: del, regenerateWebhookSecret };

export const description: INodeProperties[] = [
	operationField(
		'sender',
		[
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a sender (the identity messages go out from): a phone number, an email address, one-way SMS, optionally a webhook',
				action: 'Create a sender',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Permanently delete a sender and its webhook',
				action: 'Delete a sender',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a sender: its channels, phone number, email address and webhook',
				action: 'Get a sender',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the project's senders",
				action: 'Get many senders',
			},
			{
				name: 'Regenerate Webhook Secret',
				value: 'regenerateWebhookSecret',
				description:
					"Give a sender's webhook a new signing secret; the old one stops working at once",
				action: 'Regenerate the webhook secret of a sender',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					"Change a sender's name, email and channel settings, default flag, WhatsApp Business profile or webhook",
				action: 'Update a sender',
			},
		],
		'get',
	),
	...create.description,
	...get.description,
	...getAll.description,
	...update.description,
	...del.description,
	...regenerateWebhookSecret.description,
];
