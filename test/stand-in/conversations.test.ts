/**
 * The stand-in's conversations (resources/conversations.ts): threads built from its messages,
 * answered as Zavu's SDK types them. The node's suites trust this contract.
 */
import type { ConversationRetrieveResponse } from '@zavudev/sdk/resources/conversations';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

const EMAIL_SENDER = 'snd_seed00000000000002';

/** An SMS from the default sender to `to`, through the API. */
async function send(to: string, text = 'Hi'): Promise<{ id: string; conversationId: string }> {
	const res = await call('/v1/messages', { body: { to, channel: 'sms', text } });
	expect(res.status).toBe(201);
	return res.json.message;
}

const receive = (from: string, text = 'Hello', extra: object = {}) =>
	stand.api.receiveMessage({ from, text, channel: 'sms', ...extra });

describe('a thread built from messages', () => {
	test('GET /v1/conversations/{id}: channels, contact, counts, last message, sender', async () => {
		const sent = await send('+14155550001', 'Your order shipped');
		const first = receive('+14155550001', 'Thanks');
		const last = receive('+14155550001', 'When does it arrive?');
		expect(first.conversationId).toBe(sent.conversationId);

		const res = await call(`/v1/conversations/${sent.conversationId}`);
		expect(res.status).toBe(200);
		const conversation: ConversationRetrieveResponse.Conversation = res.json.conversation;
		expect(conversation).toEqual({
			id: sent.conversationId,
			channels: ['sms'],
			contactIdentifier: '+14155550001',
			createdAt: stand.api.messages.get(sent.id)!.createdAt,
			lastMessage: {
				id: last.id,
				at: last.createdAt,
				channel: 'sms',
				direction: 'inbound',
				text: 'When does it arrive?',
			},
			messageCount: 3,
			unreadCount: 2,
			updatedAt: expect.any(String),
			senderId: 'snd_seed00000000000001',
		});
		expect(stand.api.modules.conversations.get(sent.conversationId)).toEqual(conversation);
	});

	test('an email thread names its address; an unknown or encoded id answers 404', async () => {
		const inbound = receive('maria@example.com', 'Invoice attached', {
			channel: 'email',
			senderId: EMAIL_SENDER,
		});
		const res = await call(`/v1/conversations/${inbound.conversationId}`);
		expect(res.json.conversation).toMatchObject({
			contactIdentifier: 'maria@example.com',
			email: 'maria@example.com',
			channels: ['email'],
			senderId: EMAIL_SENDER,
		});

		const missing = await call('/v1/conversations/conv_nope%20x');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({
			code: 'conversation_not_found',
			message: 'Conversation conv_nope x not found',
		});
		expect((await call('/v1/conversations/conv_nope%2Fx/messages')).json.message).toBe(
			'Conversation conv_nope/x not found',
		);
	});

	test('the API key is required, as on every /v1 route', async () => {
		const res = await call('/v1/conversations', { key: null });
		expect(res.status).toBe(401);
	});
});

describe('GET /v1/conversations', () => {
	test('most recently active first, paged with cursors', async () => {
		for (const n of [1, 2, 3, 4, 5]) await send(`+1415555000${n}`);
		receive('+14155550002'); // thread 2 becomes the most recent
		const page1 = await call('/v1/conversations?limit=2');
		expect(page1.json.items.map((c: any) => c.contactIdentifier)).toEqual([
			'+14155550002',
			'+14155550005',
		]);
		const page2 = await call(
			`/v1/conversations?limit=2&cursor=${encodeURIComponent(page1.json.nextCursor)}`,
		);
		const page3 = await call(
			`/v1/conversations?limit=2&cursor=${encodeURIComponent(page2.json.nextCursor)}`,
		);
		expect(page2.json.items.map((c: any) => c.contactIdentifier)).toEqual([
			'+14155550004',
			'+14155550003',
		]);
		expect(page3.json).toEqual({
			items: [expect.objectContaining({ contactIdentifier: '+14155550001' })],
			nextCursor: null,
		});
	});

	test('channel, senderId and search narrow the list; a bad channel is a validation_error', async () => {
		await send('+14155551234');
		await send('+525512345678');
		receive('maria@example.com', 'Hi', { channel: 'email', senderId: EMAIL_SENDER });
		const contacts = async (query: string) =>
			(await call(`/v1/conversations?${query}`)).json.items.map((c: any) => c.contactIdentifier);

		expect(await contacts('channel=email')).toEqual(['maria@example.com']);
		expect(await contacts(`senderId=${EMAIL_SENDER}`)).toEqual(['maria@example.com']);
		expect(await contacts('channel=sms')).toEqual(['+525512345678', '+14155551234']);
		// A number in any format, matched from its start; a fragment from its middle is not.
		expect(await contacts(`search=${encodeURIComponent('+1 (415) 555-1234')}`)).toEqual([
			'+14155551234',
		]);
		expect(await contacts('search=1415')).toEqual(['+14155551234']);
		expect(await contacts('search=1234')).toEqual([]);
		// An address in full or by the start of its local part; never the message text.
		expect(await contacts('search=mar')).toEqual(['maria@example.com']);
		expect(await contacts('search=maria%40example.com')).toEqual(['maria@example.com']);
		expect(await contacts('search=Hi')).toEqual([]);
		expect(await contacts('search=%20%20')).toEqual([]);

		const bad = await call('/v1/conversations?channel=auto');
		expect(bad.status).toBe(400);
		expect(bad.json.code).toBe('validation_error');
	});
});

describe('GET /v1/conversations/{id}/messages', () => {
	test("the thread's messages, newest first, paged; a cursor of another list is refused", async () => {
		const sent = await send('+14155550001', 'm0');
		const inbound = [1, 2, 3, 4].map((n) => receive('+14155550001', `m${n}`));
		await send('+14155550002', 'other thread');

		const page1 = await call(`/v1/conversations/${sent.conversationId}/messages?limit=3`);
		expect(page1.json.items.map((m: any) => m.text)).toEqual(['m4', 'm3', 'm2']);
		const cursor = encodeURIComponent(page1.json.nextCursor);
		const page2 = await call(
			`/v1/conversations/${sent.conversationId}/messages?limit=3&cursor=${cursor}`,
		);
		expect(page2.json).toEqual({
			items: [
				expect.objectContaining({ id: inbound[0].id, direction: 'inbound' }),
				expect.objectContaining({ id: sent.id, direction: 'outbound' }),
			],
			nextCursor: null,
		});
		const other = await call(`/v1/conversations?cursor=${cursor}`);
		expect(other.status).toBe(400);
		expect(other.json.code).toBe('invalid_cursor');
	});
});

describe('POST /v1/conversations/{id}/read', () => {
	test('resets unreadCount until the contact writes again', async () => {
		const first = receive('+14155550001');
		receive('+14155550001');
		const before = stand.api.modules.conversations.get(first.conversationId);
		expect(before.unreadCount).toBe(2);

		stand.api.now = () => Date.parse(before.updatedAt) + 60_000;
		const res = await call(`/v1/conversations/${first.conversationId}/read`, { method: 'POST' });
		expect(res.status).toBe(200);
		expect(res.json.conversation).toMatchObject({ id: first.conversationId, unreadCount: 0 });
		expect(Date.parse(res.json.conversation.updatedAt)).toBe(Date.parse(before.updatedAt) + 60_000);

		receive('+14155550001');
		expect(stand.api.modules.conversations.get(first.conversationId).unreadCount).toBe(1);
		expect((await call('/v1/conversations/conv_nope/read', { method: 'POST' })).status).toBe(404);
	});
});
