import type { Fail } from '../../common/validation';
import { E164, EMAIL } from '../../common/validation';
import type { MessageTypeSpec } from './spec';

const CHAT_ID = /^-?\d+$/;
const BSUID = /^[A-Z]{2}\.\d+$/;

/** What `to` may be, by the channel the message really takes. */
const RECIPIENTS: Record<string, RegExp[]> = {
	sms: [E164],
	sms_oneway: [E164],
	voice: [E164],
	whatsapp: [E164, BSUID],
	email: [EMAIL],
	telegram: [CHAT_ID],
	instagram: [CHAT_ID],
	messenger: [CHAT_ID],
	auto: [E164, EMAIL, CHAT_ID, BSUID],
};

/** How the error names what was expected (E.164 unless listed). */
const EXPECTED: Record<string, string> = {
	email: 'an email address',
	telegram: 'a numeric chat ID',
	instagram: 'a numeric chat ID',
	messenger: 'a numeric chat ID',
	auto: 'a phone number in E.164 format (+14155551234), an email address or a chat ID',
};

/** The channel the message will really take, for checking `to` and the email fields. */
export function effectiveChannel(channel: string, to: string, type: MessageTypeSpec): string {
	if (channel !== 'auto') return channel;
	if (EMAIL.test(to)) return 'email';
	// Auto sends the types only some channels take over WhatsApp.
	if (type.channels !== 'any') return 'whatsapp';
	return 'auto';
}

export function checkRecipient(fail: Fail, channel: string, to: string): void {
	if (!to) fail('To is empty', 'Set the recipient, e.g. {{ $json.phone }}.');
	const patterns = RECIPIENTS[channel] ?? RECIPIENTS.auto;
	if (patterns.some((pattern) => pattern.test(to))) return;
	fail(
		`To "${to}" is not valid for channel ${channel}: expected ${EXPECTED[channel] ?? 'a phone number in E.164 format, e.g. +14155551234'}`,
	);
}
