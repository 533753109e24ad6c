import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { AGENT, agentIdField } from './fields';

const properties: INodeProperties[] = [
	agentIdField(
		'The AI agent to get: its model, prompt, the senders it answers on and its voice settings',
	),
	optionsCollection('agent', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['get'] } },
	properties,
);

/** GET /v1/agents/{id}: emits the agent, unwrapped from `{ agent }`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'agentId', 'Agent ID', AGENT);
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/agents/${id}`, idempotent: true },
		'agent',
	);
}
