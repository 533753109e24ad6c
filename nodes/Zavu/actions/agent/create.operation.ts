import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	agentModelField,
	agentProviderField,
	requireProvider,
	requireText,
	systemPromptField,
	tuningFields,
	tuningInputs,
} from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Customer Support',
		description: 'Name of the new agent, as it shows in Zavu',
	},
	agentProviderField('The LLM provider the agent runs on'),
	{
		...agentModelField("The provider's model the agent replies with, e.g. gpt-4o-mini"),
		required: true,
	},
	{
		...systemPromptField('Instructions the agent follows in every conversation'),
		required: true,
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: tuningFields,
	},
	optionsCollection('agent', 'create'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['create'] } },
	properties,
);

/**
 * POST /v1/agents: emits the new agent, unwrapped from `{ agent }`. Zavu creates it disabled and
 * without a sender: Connect Sender, then Update with Enabled, to make it answer.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const body: IDataObject = {
		name: requireText(fail, 'Name', this.getNodeParameter('name', i, '')),
		provider: requireProvider(fail, this.getNodeParameter('provider', i, '')),
		model: requireText(fail, 'Model', this.getNodeParameter('model', i, '')),
		systemPrompt: requireText(fail, 'System Prompt', this.getNodeParameter('systemPrompt', i, '')),
		...tuningInputs(fail, this.getNodeParameter('additionalFields', i, {}) as IDataObject),
	};
	// No idempotency key on this endpoint: a resend after a timeout or 5xx could create the agent
	// twice, so only a 429 or a refused connection is retried.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: '/v1/agents', body, idempotent: false },
		'agent',
	);
}
