import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { conversationIdField } from './get.operation';

const properties: INodeProperties[] = [
	conversationIdField(
		"ID of the conversation (inbox thread) to mark as read, e.g. conv_…: a message's conversationId",
	),
	optionsCollection('conversation', 'markAsRead'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['markAsRead'] } },
	properties,
);

/** POST /v1/conversations/{id}/read: emits the thread, its unreadCount now 0. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'conversationId', 'Conversation ID');
	// Marking read twice leaves the same state, so timeouts and 5xx may be retried.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: `/v1/conversations/${id}/read`, idempotent: true },
		'conversation',
	);
}
