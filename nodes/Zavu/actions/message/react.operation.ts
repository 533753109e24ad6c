import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { locatorField, MESSAGE, readLocatorId, SENDER } from '../common/locator';
import { optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail } from '../common/validation';

/** Options → Sender, sent as the Zavu-Sender header (React and Show Typing). */
export const senderOption: INodeProperties = {
	...locatorField(
		'Sender',
		'senderId',
		SENDER,
		"The sender (your number or account) the reaction or typing indicator goes out from, sent as the Zavu-Sender header; the project's default sender when not set",
		false,
	),
	hint: 'Use the sender the message came in on, e.g. {{ $json.senderId }}, so the contact sees the number they wrote to.',
};

/** The Zavu-Sender header of an item's Options, if a sender is set. */
export function senderHeaders(ctx: IExecuteFunctions, i: number): IDataObject {
	const sender = readLocatorId(ctx, i, 'options.senderId', 'Sender', SENDER, true);
	return sender ? { 'Zavu-Sender': sender } : {};
}

const properties: INodeProperties[] = [
	locatorField(
		'Message',
		'messageId',
		MESSAGE,
		'The WhatsApp message to react to: an incoming message from the Zavu Webhook Trigger, or one you sent',
	),
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		required: true,
		default: '',
		placeholder: '👍',
		description:
			'The reaction: exactly one emoji, e.g. 👍, ❤️ or 🎉 (skin tones and flags count as one). Text is refused.',
	},
	optionsCollection('message', 'react', [senderOption]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['react'] } },
	properties,
);

/**
 * One emoji as the reader sees it: a pictograph with its variation selector, skin tone, tag or
 * ZWJ-joined partners (👍🏽, 👨‍👩‍👧), a flag (🇲🇽) or a keycap (1️⃣).
 */
const SINGLE_EMOJI =
	/^(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?(?:[\u{E0020}-\u{E007E}]+\u{E007F})?(?:\u200D\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?)*)$/u;

/** The item's emoji, trimmed; refused unless it is exactly one emoji. */
export function requireEmoji(fail: Fail, value: unknown): string {
	const emoji = typeof value === 'string' ? value.trim() : '';
	if (!emoji) fail('Emoji is empty', 'Set one emoji to react with, e.g. 👍.');
	if (!SINGLE_EMOJI.test(emoji)) {
		const shown = emoji.length > 20 ? `${emoji.slice(0, 17)}...` : emoji;
		fail(`Emoji "${shown}" is not a single emoji`, 'WhatsApp reacts with one emoji, e.g. 👍.');
	}
	return emoji;
}

/** POST /v1/messages/{id}/reactions: emits the reaction message Zavu queued (WhatsApp only). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'messageId', 'Message ID', MESSAGE);
	const emoji = requireEmoji(itemFail(this, i), this.getNodeParameter('emoji', i, ''));
	// Not idempotent: each call sends a reaction message (Zavu takes no idempotency key here),
	// so only a 429 or a refused connection, which Zavu never acted on, is retried.
	return await requestOne.call(
		this,
		i,
		{
			method: 'POST',
			path: `/v1/messages/${id}/reactions`,
			body: { emoji },
			headers: senderHeaders(this, i),
			idempotent: false,
		},
		'message',
	);
}
