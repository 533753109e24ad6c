import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	AGENT,
	agentIdField,
	agentModelField,
	agentProviderField,
	requireBoolean,
	requireProvider,
	requireText,
	systemPromptField,
	tuningFields,
	tuningInputs,
} from './fields';

const properties: INodeProperties[] = [
	agentIdField('The AI agent to update'),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: (
			[
				{
					displayName: 'Enabled',
					name: 'enabled',
					type: 'boolean',
					default: true,
					description:
						'Whether the agent answers on its senders. New agents are disabled until this is turned on.',
				},
				agentModelField("The provider's model the agent replies with"),
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder: 'Customer Support',
					description: 'New name of the agent',
				},
				agentProviderField(
					'The LLM provider the agent runs on. Change Model with it: a model belongs to one provider.',
				),
				systemPromptField('New instructions the agent follows in every conversation'),
				...tuningFields,
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection('agent', 'update'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['update'] } },
	properties,
);

/** PATCH /v1/agents/{id} with the Update Fields that were added: emits the agent, unwrapped. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const id = pathId(this, i, 'agentId', 'Agent ID', AGENT);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body = tuningInputs(fail, fields);
	for (const [key, field] of [
		['name', 'Name'],
		['model', 'Model'],
		['systemPrompt', 'System Prompt'],
	]) {
		if (fields[key] !== undefined) body[key] = requireText(fail, field, fields[key]);
	}
	if (fields.provider !== undefined) body.provider = requireProvider(fail, fields.provider);
	if (fields.enabled !== undefined) body.enabled = requireBoolean(fail, 'Enabled', fields.enabled);
	if (!Object.keys(body).length) {
		fail('Nothing to update: add Update Fields', 'An update without fields would change nothing.');
	}
	// The same fields sent twice leave the same agent: resent freely.
	return await requestOne.call(
		this,
		i,
		{ method: 'PATCH', path: `/v1/agents/${id}`, body, idempotent: true },
		'agent',
	);
}
