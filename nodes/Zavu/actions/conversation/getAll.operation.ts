import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { FILTER_CHANNELS, keysOf, optionsOf } from '../../constants';
import { filtersField, requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';

const properties: INodeProperties[] = [
	...listFields,
	filtersField([
		{
			displayName: 'Channel',
			name: 'channel',
			type: 'options',
			options: optionsOf(FILTER_CHANNELS),
			default: 'whatsapp',
			description: 'Only threads that have carried messages on this channel',
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: '+14155551234',
			description:
				'Only threads with this contact: a phone number in any format, an email address (or the part before the @), a WhatsApp username or group subject. Matches whole words, the last one by its start (+1415 finds +14155551234). Never searches message text. Results then come by relevance, not most recent first.',
		},
		{
			displayName: 'Sender Name or ID',
			name: 'senderId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getSenders' },
			default: '',
			description:
				'Only threads last handled by this sender. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		},
	]),
	optionsCollection('conversation', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['conversation'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/conversations, following `nextCursor`: one output item per thread, most recent first. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	// An expression can give any channel; Zavu would answer a bare 400.
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const channel = typeof filters.channel === 'string' ? filters.channel.trim() : '';
	const channels: string[] = keysOf(FILTER_CHANNELS);
	if (channel && !channels.includes(channel)) {
		itemFail(this, i)(
			`Channel "${channel}" is not one Zavu can filter threads on`,
			`Use one of: ${channels.join(', ')}.`,
		);
	}
	return await requestAll.call(this, i, '/v1/conversations', ['channel', 'search', 'senderId']);
}
