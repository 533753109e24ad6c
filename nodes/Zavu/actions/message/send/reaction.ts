import type { IDataObject } from 'n8n-workflow';

import type { MessageTypeSpec } from './spec';
import { copyText, WHATSAPP } from './spec';

export const reaction: MessageTypeSpec<'reaction'> = {
	value: 'reaction',
	fields: [
		{
			displayName: 'Emoji',
			name: 'emoji',
			type: 'string',
			default: '',
			placeholder: '👍',
		},
		{
			displayName: 'React To Message ID',
			name: 'reactToMessageId',
			type: 'string',
			default: '',
			description: 'ID of the message to react to',
		},
	],
	caption: false,
	channels: WHATSAPP,
	build: (read, fail) => {
		const content: IDataObject = {};
		copyText(read, content, 'emoji', 'reactToMessageId');
		if (!content.emoji) fail('A reaction needs an Emoji');
		if (!content.reactToMessageId) fail('A reaction needs the ID of the message to react to');
		return content;
	},
};
