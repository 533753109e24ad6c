import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { encodeId, zavuApiRequest } from '../../transport';
import { readLocatorId } from '../common/locator';
import { getRetryOptions, optionsCollection } from '../common/options';
import { AGENT, agentIdField } from './fields';

const properties: INodeProperties[] = [
	agentIdField(
		'The AI agent to delete. Its senders stop being answered by it; the senders themselves stay.',
	),
	optionsCollection('agent', 'delete'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['delete'] } },
	properties,
);

/** DELETE /v1/agents/{id}: Zavu answers 204, so the item says what was deleted. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = readLocatorId(this, i, 'agentId', 'Agent ID', AGENT);
	// A second DELETE finds nothing to delete (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/agents/${encodeId(id)}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { id, deleted: true };
}
