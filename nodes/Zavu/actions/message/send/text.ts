import type { MessageTypeSpec } from './spec';

/** Plain text: the only type every channel takes (email and voice included). */
export const text: MessageTypeSpec<'text'> = {
	value: 'text',
	fields: [],
	caption: true,
	textRequired: 'text',
	channels: 'any',
};
