import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const resource = { name: 'Agent', value: 'agent' };

export const operations = { get, getAll };

export const description: INodeProperties[] = [
	operationField(
		'agent',
		[
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
		],
		'getAll',
	),
	...get.description,
	...getAll.description,
];
