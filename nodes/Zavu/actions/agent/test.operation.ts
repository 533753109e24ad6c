import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { invalidResponseError, zavuApiRequest } from '../../transport';
import { pathId } from '../common/entity';
import { getRetryOptions, optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { AGENT, agentIdField, requireBoolean, requireText } from './fields';

const ROLES = ['user', 'assistant'];

const properties: INodeProperties[] = [
	agentIdField('The AI agent to try out'),
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 2 },
		required: true,
		default: '',
		placeholder: 'Where is order ORD-12345?',
		description: 'What to say to the agent, as a customer would',
	},
	{
		displayName: 'Test Fields',
		name: 'testFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Execute Tools',
				name: 'executeTools',
				type: 'boolean',
				default: false,
				description:
					"Whether to really run the tools the agent picks (their handlers talk to the outside world, e.g. charge a card) instead of only reporting the choice. What ran comes back in 'executedToolCalls'.",
			},
			{
				displayName: 'History',
				name: 'history',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Turn',
				default: {},
				description:
					'Earlier turns, oldest first, to test multi-turn behaviour without a real conversation',
				options: [
					{
						displayName: 'Turn',
						name: 'turns',
						values: [
							{
								displayName: 'Role',
								name: 'role',
								type: 'options',
								options: [
									{ name: 'User', value: 'user' },
									{ name: 'Assistant', value: 'assistant' },
								],
								default: 'user',
								description: 'Who said it: the customer (User) or the agent (Assistant)',
							},
							{
								displayName: 'Content',
								name: 'content',
								type: 'string',
								default: '',
								description: 'What was said',
							},
						],
					},
				],
			},
			{
				displayName: 'Use Knowledge Base',
				name: 'useKnowledgeBase',
				type: 'boolean',
				default: true,
				description: 'Whether the agent may draw on its knowledge base; off tests the prompt alone',
			},
		],
	},
	optionsCollection('agent', 'test'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['test'] } },
	properties,
);

/**
 * POST /v1/agents/{id}/test: a dry run. Emits Zavu's answer as is: `text` (the reply it would
 * send), `success`, `error`, token counts and `warnings`. Nothing is delivered or charged.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const id = pathId(this, i, 'agentId', 'Agent ID', AGENT);
	const body: IDataObject = {
		message: requireText(fail, 'Message', this.getNodeParameter('message', i, '')),
	};
	const fields = this.getNodeParameter('testFields', i, {}) as IDataObject;
	for (const [key, field] of [
		['executeTools', 'Execute Tools'],
		['useKnowledgeBase', 'Use Knowledge Base'],
	]) {
		if (fields[key] !== undefined) body[key] = requireBoolean(fail, field, fields[key]);
	}
	const turns = ((fields.history as IDataObject | undefined)?.turns ?? []) as IDataObject[];
	if (turns.length) {
		body.history = turns.map((turn, k) => {
			const role = String(turn.role ?? '');
			if (!ROLES.includes(role))
				fail(`History turn ${k + 1}: Role "${role}" is not user or assistant`);
			return { role, content: requireText(fail, `History turn ${k + 1}: Content`, turn.content) };
		});
	}
	const response = await zavuApiRequest.call(this, {
		method: 'POST',
		path: `/v1/agents/${id}/test`,
		body,
		// A plain dry run writes and charges nothing, so it is resent freely; with Execute Tools the
		// tools' handlers act on the outside world, and a resend could act twice.
		idempotent: body.executeTools !== true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	if (typeof response.success !== 'boolean') {
		throw invalidResponseError(this.getNode(), 'no "success" in the test response', i);
	}
	return response;
}
