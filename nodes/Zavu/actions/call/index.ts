import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as hangUp from './hangUp.operation';

export const resource = { name: 'Call', value: 'call' };

export const operations = { create, get, getAll, hangUp };

export const description: INodeProperties[] = [
	operationField(
		'call',
		[
			{
				name: 'Create',
				value: 'create',
				description:
					'Place an outbound voice call answered by the voice agent of the sender (billed per minute; not with test-mode API keys)',
				action: 'Create a call',
			},
			{
				name: 'Get',
				value: 'get',
				description:
					'Get a voice call: its status, duration, cost and transcript once the conversation has turns',
				action: 'Get a call',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the project's voice calls, most recent first, without transcripts",
				action: 'Get many calls',
			},
			{
				name: 'Hang Up',
				value: 'hangUp',
				description: 'End a voice call that is still ringing or in progress',
				action: 'Hang up a call',
			},
		],
		'create',
	),
	...create.description,
	...get.description,
	...getAll.description,
	...hangUp.description,
];
