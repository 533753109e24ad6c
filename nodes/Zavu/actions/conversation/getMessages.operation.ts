import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';
import { conversationIdField, conversationPathId } from './get.operation';

const properties: INodeProperties[] = [
	conversationIdField(
		"The conversation (inbox thread) whose messages to get: a message's conversationId, or its Zavu inbox URL",
	),
	...listFields,
	optionsCollection('conversation', 'getMessages'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['getMessages'] } },
	properties,
);

/**
 * GET /v1/conversations/{id}/messages, following `nextCursor`: one output item per message,
 * newest first, across every channel of the thread.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const id = conversationPathId(this, i);
	// The thread takes no filters: [] reads none.
	return await requestAll.call(this, i, `/v1/conversations/${id}/messages`, []);
}
