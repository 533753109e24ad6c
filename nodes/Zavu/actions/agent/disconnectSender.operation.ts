import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { encodeId, zavuApiRequest } from '../../transport';
import { readLocatorId, SENDER } from '../common/locator';
import { getRetryOptions, optionsCollection } from '../common/options';
import { AGENT, agentIdField, agentSenderField } from './fields';

const properties: INodeProperties[] = [
	agentIdField('The AI agent that should stop answering on the sender'),
	agentSenderField(
		"The sender the agent stops answering on. The agent's primary sender cannot be disconnected.",
	),
	optionsCollection('agent', 'disconnectSender'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['disconnectSender'] } },
	properties,
);

/**
 * DELETE /v1/agents/{agentId}/senders/{senderId}: Zavu answers 204, so the item says what was
 * disconnected.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const agentId = readLocatorId(this, i, 'agentId', 'Agent ID', AGENT);
	const senderId = readLocatorId(this, i, 'senderId', 'Sender ID', SENDER);
	// A second DELETE finds nothing to disconnect (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/agents/${encodeId(agentId)}/senders/${encodeId(senderId)}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { agentId, senderId, disconnected: true };
}
