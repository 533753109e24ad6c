import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { conversationIdField, conversationPathId } from './get.operation';

const properties: INodeProperties[] = [
	conversationIdField(
		"The conversation (inbox thread) to mark as read: a message's conversationId, or its Zavu inbox URL",
	),
	optionsCollection('conversation', 'markAsRead'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['markAsRead'] } },
	properties,
);

/** POST /v1/conversations/{id}/read: emits the thread, its unreadCount now 0. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = conversationPathId(this, i);
	// Marking read twice leaves the same state, so timeouts and 5xx may be retried.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: `/v1/conversations/${id}/read`, idempotent: true },
		'conversation',
	);
}
