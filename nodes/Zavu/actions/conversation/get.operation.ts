import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { idField, pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';

/** The Conversation ID field every conversation operation but Get Many has. */
export const conversationIdField = (description: string): INodeProperties =>
	idField('Conversation ID', 'conversationId', 'conv_abc123', description);

const properties: INodeProperties[] = [
	conversationIdField(
		"ID of the conversation (inbox thread) to get, e.g. conv_…: a message's conversationId, or an ID from Get Many",
	),
	optionsCollection('conversation', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['get'] } },
	properties,
);

/** GET /v1/conversations/{id}: the thread, with its unread count and last message. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'conversationId', 'Conversation ID');
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/conversations/${id}`, idempotent: true },
		'conversation',
	);
}
