import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';
import { conversationIdField } from './get.operation';

const properties: INodeProperties[] = [
	conversationIdField(
		"ID of the conversation (inbox thread) whose messages to get, e.g. conv_…: a message's conversationId",
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
	const id = pathId(this, i, 'conversationId', 'Conversation ID');
	// The thread takes no filters: [] reads none.
	return await requestAll.call(this, i, `/v1/conversations/${id}/messages`, []);
}
