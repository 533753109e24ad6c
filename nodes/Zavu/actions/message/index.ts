import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getAttachments from './getAttachments.operation';
import * as react from './react.operation';
import * as send from './send.operation';
import * as showTyping from './showTyping.operation';

export const resource = { name: 'Message', value: 'message' };

export const operations = { send, get, getAll, react, showTyping, getAttachments };

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
				name: 'Get Attachments',
				value: 'getAttachments',
				description:
					'List the files of an email message with short-lived download URLs, and optionally download them as binary data',
				action: 'Get attachments of a message',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List sent and received messages',
				action: 'Get many messages',
			},
			{
				name: 'React',
				value: 'react',
				description: 'React to a WhatsApp message with an emoji, e.g. 👍',
				action: 'React to a message',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send an SMS, WhatsApp, email, Telegram, Instagram, Messenger or voice message',
				action: 'Send a message',
			},
			{
				name: 'Show Typing',
				value: 'showTyping',
				description:
					'Mark an incoming WhatsApp message as read and show "typing…" to the contact while the reply is prepared (up to 25 seconds)',
				action: 'Show typing for a message',
			},
		],
		'send',
	),
	...send.description,
	...get.description,
	...getAll.description,
	...react.description,
	...showTyping.description,
	...getAttachments.description,
];
