import type { IDataObject } from 'n8n-workflow';

import type { MessageType } from '../../../constants';
import { CHANNELS, keysOf, MESSAGE_TYPES, nameOf } from '../../../constants';
import { addEmail } from './email';
import { applySendOptions } from './options';
import { checkRecipient, effectiveChannel } from './recipient';
import type { MessageTypeSpec, SendInput } from './spec';
import { str } from './spec';
import { MESSAGE_TYPE_SPECS } from './types';

/**
 * The body and headers of POST /v1/messages for one item, every check done before anything is
 * sent. Needs nothing of n8n but `input`: a test can call it with plain functions.
 */
export async function buildSendBody(
	input: SendInput,
): Promise<{ body: IDataObject; headers: IDataObject }> {
	const { read, fail } = input;
	const to = str(read('to'));
	const channel = str(read('channel', 'auto')) || 'auto';
	const messageType = str(read('messageType', 'text')) || 'text';
	if (!keysOf(CHANNELS).includes(channel as never)) {
		const gone =
			channel === 'whatsapp_alt' ? " (WhatsApp QR Linked is no longer in Zavu's API)" : '';
		fail(
			`Channel "${channel}" is not one Zavu knows${gone}`,
			`Use one of: ${keysOf(CHANNELS).join(', ')}.`,
		);
	}
	if (!keysOf(MESSAGE_TYPES).includes(messageType as never)) {
		fail(
			`Message Type "${messageType}" is not one Zavu knows`,
			`Use one of: ${keysOf(MESSAGE_TYPES).join(', ')}.`,
		);
	}
	const type: MessageTypeSpec = MESSAGE_TYPE_SPECS[messageType as MessageType];
	const effective = effectiveChannel(channel, to, type);
	if (type.channels !== 'any' && channel !== 'auto' && !type.channels.includes(channel as never)) {
		const over = type.channels.map((c) => nameOf(CHANNELS[c])).join(' or ');
		fail(
			`Message Type "${messageType}" is sent over ${over}, not channel ${channel}`,
			'Set Channel to WhatsApp (or Auto), or use Message Type Text.',
		);
	}
	checkRecipient(fail, effective, to);

	const body: IDataObject = { to };
	if (channel !== 'auto') body.channel = channel;
	if (messageType !== 'text') body.messageType = messageType;

	const text = type.caption ? str(read('text')) : '';
	if (text) body.text = text;

	if (effective === 'email' && channel === 'auto') {
		// The email fields show for Channel Email only (./email.ts): say to pick it.
		fail(
			`To "${to}" is an email address, and an email needs a Subject`,
			'Set Channel to Email: it shows Subject and the email fields.',
		);
	}
	if (effective === 'email') {
		// Text or HTML Body: either will do.
		await addEmail(input, body);
	} else if (type.textRequired && !text) {
		fail(`Text is empty: a ${messageType} message needs a ${type.textRequired}`);
	}
	if (type.maxText !== undefined && text.length > type.maxText) {
		fail(
			`Text is ${text.length} characters: a ${messageType} ${type.textRequired ?? 'text'} has at most ${type.maxText}`,
		);
	}
	if (effective === 'voice') {
		const language = str(read('voiceLanguage'));
		if (language) body.voiceLanguage = language;
	}

	const content = type.build?.(read, fail);
	if (content && Object.keys(content).length) body.content = content;

	const headers = applySendOptions(input, body);
	return { body, headers };
}
