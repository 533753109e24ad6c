import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as send from './send.operation';

export const resource = { name: 'Message', value: 'message' };

export const operations = { send, get, getAll };

export const description: INodeProperties[] = [
	operationField(
		'message',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get a message and its status',
				action: 'Get a message',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List sent and received messages',
				action: 'Get many messages',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send an SMS, WhatsApp, email, Telegram, Instagram, Messenger or voice message',
				action: 'Send a message',
			},
		],
		'send',
	),
	...send.description,
	...get.description,
	...getAll.description,
];
