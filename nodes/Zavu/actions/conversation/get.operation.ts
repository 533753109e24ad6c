import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { CONVERSATION, locatorField } from '../common/locator';
import { optionsCollection } from '../common/options';

/** The Conversation field every conversation operation but Get Many has. */
export const conversationIdField = (description: string): INodeProperties =>
	locatorField('Conversation', 'conversationId', CONVERSATION, description);

/** The item's conversation id, checked, as one path segment. */
export const conversationPathId = (ctx: IExecuteFunctions, i: number): string =>
	pathId(ctx, i, 'conversationId', 'Conversation ID', CONVERSATION);

const properties: INodeProperties[] = [
	conversationIdField(
		"The conversation (inbox thread with one contact) to get: a message's conversationId, a thread from Get Many, or its Zavu inbox URL",
	),
	optionsCollection('conversation', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['get'] } },
	properties,
);

/** GET /v1/conversations/{id}: the thread, with its unread count and last message. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = conversationPathId(this, i);
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/conversations/${id}`, idempotent: true },
		'conversation',
	);
}
