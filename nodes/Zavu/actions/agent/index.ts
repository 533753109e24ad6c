import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as connectSender from './connectSender.operation';
import * as create from './create.operation';
import * as deleteAgent from './delete.operation';
import * as disconnectSender from './disconnectSender.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as test from './test.operation';
import * as update from './update.operation';

export const resource = { name: 'Agent', value: 'agent' };

export const operations = {
	connectSender,
	create,
	delete: deleteAgent,
	disconnectSender,
	get,
	getAll,
	test,
	update,
};

export const description: INodeProperties[] = [
	operationField(
		'agent',
		[
			{
				name: 'Connect Sender',
				value: 'connectSender',
				description:
					'Make an AI agent answer on a sender. A sender has at most one agent; an agent can serve several senders.',
				action: 'Connect a sender to an agent',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an AI agent (provider, model, system prompt). It starts disabled and without a sender: connect one, then enable it.',
				action: 'Create an agent',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete an AI agent; its senders stay and stop being answered by it',
				action: 'Delete an agent',
			},
			{
				name: 'Disconnect Sender',
				value: 'disconnectSender',
				description:
					'Stop an AI agent answering on a sender (not its primary sender, which is part of the agent)',
				action: 'Disconnect a sender from an agent',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get an AI agent: its model, system prompt, the senders it answers on and its voice settings',
				action: 'Get an agent',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List the project's AI agents (text and voice), newest first, including agents not connected to a sender",
				action: 'Get many agents',
			},
			{
				name: 'Test',
				value: 'test',
				description:
					'Dry-run an AI agent on a message: returns the reply it would give, without delivering or charging anything',
				action: 'Test an agent',
			},
			{
				name: 'Update',
				value: 'update',
				description:
					'Change an AI agent: enable or disable it, or change its name, provider, model, prompt or tuning',
				action: 'Update an agent',
			},
		],
		'getAll',
	),
	...connectSender.description,
	...create.description,
	...deleteAgent.description,
	...disconnectSender.description,
	...get.description,
	...getAll.description,
	...test.description,
	...update.description,
];
