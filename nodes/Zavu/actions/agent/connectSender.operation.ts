import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { readLocatorId, SENDER } from '../common/locator';
import { optionsCollection } from '../common/options';
import { AGENT, agentIdField, agentSenderField } from './fields';

const properties: INodeProperties[] = [
	agentIdField('The AI agent that should answer on the sender'),
	agentSenderField(
		'The sender the agent answers on from now on. A sender has at most one agent: one already answered by another agent is refused.',
	),
	optionsCollection('agent', 'connectSender'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['connectSender'] } },
	properties,
);

/** POST /v1/agents/{id}/senders with `{ senderId }`: emits the agent (its `senderIds` updated). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'agentId', 'Agent ID', AGENT);
	const senderId = readLocatorId(this, i, 'senderId', 'Sender ID', SENDER);
	// Not resent after a timeout or 5xx: had the first call connected the sender, Zavu would refuse
	// the second as "already in use", turning a success into an error.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: `/v1/agents/${id}/senders`, body: { senderId }, idempotent: false },
		'agent',
	);
}
