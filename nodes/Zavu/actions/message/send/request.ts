import type { MessageType } from '../../../constants';
import { MAX_REQUEST_TEXT } from '../../../constants';
import type { MessageTypeSpec } from './spec';
import { WHATSAPP } from './spec';

/** Asks the recipient to share something; Text is the prompt, and all there is to send. */
const request = <T extends MessageType>(value: T): MessageTypeSpec<T> => ({
	value,
	fields: [],
	caption: true,
	textRequired: 'prompt',
	maxText: MAX_REQUEST_TEXT,
	channels: WHATSAPP,
});

export const locationRequest = request('location_request');
export const requestContactInfo = request('request_contact_info');
