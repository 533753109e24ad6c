import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMessages from './getMessages.operation';
import * as markAsRead from './markAsRead.operation';

export const resource = { name: 'Conversation', value: 'conversation' };

export const operations = { get, getAll, getMessages, markAsRead };

export const description: INodeProperties[] = [
	operationField(
		'conversation',
		[
			{
				name: 'Get',
				value: 'get',
				description:
					'Get an inbox thread with one contact: its channels, unread count, last message and the sender to reply from',
				action: 'Get a conversation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					'List inbox threads, most recently active first, optionally by channel, sender or contact',
				action: 'Get many conversations',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				description:
					'List the messages of one thread, newest first, sent and received, across its channels',
				action: 'Get messages of a conversation',
			},
			{
				name: 'Mark As Read',
				value: 'markAsRead',
				description:
					"Reset a thread's unread count to zero in your inbox (sends no read receipt to the contact)",
				action: 'Mark a conversation as read',
			},
		],
		'getAll',
	),
	...get.description,
	...getAll.description,
	...getMessages.description,
	...markAsRead.description,
];
