/**
 * The stand-in's reactions, typing indicators and attachments (resources/messageExtras.ts),
 * including its signed download URLs, which work without the API key and expire.
 */
import { isSingleEmoji } from './resources/messageExtras';
import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

const DEFAULT_SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';

const whatsappIn = () =>
	stand.api.receiveMessage({ from: '+14155550001', text: 'Hi', channel: 'whatsapp' });
const emailIn = () =>
	stand.api.receiveMessage({ from: 'ana@example.com', text: 'Files', senderId: EMAIL_SENDER });

describe('POST /v1/messages/{id}/reactions', () => {
	test('queues a WhatsApp reaction to the contact, in the same thread', async () => {
		const inbound = whatsappIn();
		const res = await call(`/v1/messages/${inbound.id}/reactions`, { body: { emoji: '👍🏽' } });
		expect(res.status).toBe(201);
		expect(res.json.message).toMatchObject({
			id: expect.stringMatching(/^msg_/),
			to: '+14155550001',
			channel: 'whatsapp',
			direction: 'outbound',
			messageType: 'reaction',
			status: 'queued',
			content: { emoji: '👍🏽', reactToMessageId: inbound.id },
			conversationId: inbound.conversationId,
			senderId: DEFAULT_SENDER,
		});
		expect(stand.api.modules.messageExtras.reactions).toEqual([res.json.message]);
	});

	test('refuses what Zavu refuses', async () => {
		const inbound = whatsappIn();
		const sms = stand.api.receiveMessage({ from: '+14155550002', channel: 'sms' });
		const react = (id: string, body: unknown, headers: Record<string, string> = {}) =>
			call(`/v1/messages/${id}/reactions`, { body, headers });

		for (const emoji of ['', 'ok', '👍👍', 5]) {
			const res = await react(inbound.id, { emoji });
			expect([res.status, res.json.code]).toEqual([400, 'validation_error']);
		}
		expect((await react(sms.id, { emoji: '👍' })).json).toEqual({
			code: 'validation_error',
			message: 'Reactions are only supported for WhatsApp messages, not sms',
		});
		const missing = await react('msg_nope%20x', { emoji: '👍' });
		expect([missing.status, missing.json]).toEqual([
			404,
			{ code: 'message_not_found', message: 'Message msg_nope x not found' },
		]);
		const sender = await react(inbound.id, { emoji: '👍' }, { 'Zavu-Sender': 'snd_nope' });
		expect([sender.status, sender.json.code]).toEqual([404, 'sender_not_found']);
		expect(stand.api.modules.messageExtras.reactions).toEqual([]);
	});

	test('one emoji: skin tones, flags, keycaps, tags and families count as one', () => {
		for (const emoji of ['👍', '❤️', '👍🏽', '🇲🇽', '1️⃣', '👨‍👩‍👧', '🏴󠁧󠁢󠁳󠁣󠁴󠁿', '👩🏽‍💻'])
			expect(isSingleEmoji(emoji)).toBe(true);
		for (const text of ['', 'a', '1', '👍👍', '👍 ', ':)', '🇲', '👍a'])
			expect(isSingleEmoji(text)).toBe(false);
	});
});

describe('POST /v1/messages/{id}/typing', () => {
	test('answers { success: true } for an inbound WhatsApp message, with the sender used', async () => {
		const inbound = whatsappIn();
		const res = await call(`/v1/messages/${inbound.id}/typing`, {
			method: 'POST',
			headers: { 'Zavu-Sender': DEFAULT_SENDER },
		});
		expect([res.status, res.json]).toEqual([200, { success: true }]);
		expect(stand.api.modules.messageExtras.typing).toEqual([
			{ messageId: inbound.id, senderId: DEFAULT_SENDER, at: expect.any(String) },
		]);
	});

	test('refuses outbound messages, other channels and unknown ids', async () => {
		const sent = await call('/v1/messages', {
			body: { to: '+14155550001', channel: 'whatsapp', text: 'Hi' },
		});
		const typing = (id: string) => call(`/v1/messages/${id}/typing`, { method: 'POST' });
		expect((await typing(sent.json.message.id)).json.code).toBe('validation_error');
		expect((await typing(emailIn().id)).json.code).toBe('validation_error');
		expect((await typing('msg_nope')).json.code).toBe('message_not_found');
		expect(stand.api.modules.messageExtras.typing).toEqual([]);
	});
});

describe('GET /v1/messages/{id}/attachments and the signed URLs', () => {
	test('lists the files with a fresh signed URL each, downloadable without the API key', async () => {
		const email = emailIn();
		const extras = stand.api.modules.messageExtras;
		const pdf = extras.addAttachment(email.id, {
			filename: 'invoice.pdf',
			mimeType: 'application/pdf',
			content: Buffer.from('%PDF-1.4 bytes'),
		});
		extras.addAttachment(email.id, {
			filename: 'logo.png',
			mimeType: 'image/png',
			content: 'png',
			isInline: true,
			contentId: 'logo@mail',
		});

		const res = await call(`/v1/messages/${email.id}/attachments`);
		expect(res.status).toBe(200);
		expect(res.json.items).toEqual([
			{
				id: pdf.id,
				filename: 'invoice.pdf',
				mimeType: 'application/pdf',
				size: 14,
				isInline: false,
				contentId: null,
				createdAt: expect.any(String),
				downloadUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/__files\/[0-9a-f]+$/),
			},
			expect.objectContaining({ filename: 'logo.png', isInline: true, contentId: 'logo@mail' }),
		]);
		const again = await call(`/v1/messages/${email.id}/attachments`);
		expect(again.json.items[0].downloadUrl).not.toBe(res.json.items[0].downloadUrl);

		const file = await fetch(res.json.items[0].downloadUrl);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4 bytes');
		expect(extras.downloads).toEqual([{ token: expect.any(String), status: 200 }]);
		// Downloads are not API requests.
		expect(stand.api.requests.some((r) => r.path.startsWith('/__files'))).toBe(false);
	});

	test('an expired link answers 403 (as S3 does), an unknown one 404', async () => {
		const email = emailIn();
		const extras = stand.api.modules.messageExtras;
		extras.addAttachment(email.id, { filename: 'a.txt', mimeType: 'text/plain', content: 'a' });
		const url = (await call(`/v1/messages/${email.id}/attachments`)).json.items[0].downloadUrl;

		extras.expireLinks();
		const expired = await fetch(url);
		expect(expired.status).toBe(403);
		expect(await expired.text()).toMatch(/Request has expired/);

		const fresh = (await call(`/v1/messages/${email.id}/attachments`)).json.items[0].downloadUrl;
		stand.api.now = () => Date.now() + 16 * 60 * 1000; // past the link's 15 minutes
		expect((await fetch(fresh)).status).toBe(403);

		const unknown = await fetch(`${stand.api.baseUrl}/__files/nope`);
		expect(unknown.status).toBe(404);
	});

	test('a file Zavu no longer has is listed with downloadUrl null; other channels list none', async () => {
		const email = emailIn();
		const extras = stand.api.modules.messageExtras;
		extras.addAttachment(email.id, {
			filename: 'gone.txt',
			mimeType: 'text/plain',
			content: 'x',
			available: false,
		});
		const res = await call(`/v1/messages/${email.id}/attachments`);
		expect(res.json.items).toEqual([expect.objectContaining({ downloadUrl: null })]);

		const sms = stand.api.receiveMessage({ from: '+14155550002', channel: 'sms' });
		expect((await call(`/v1/messages/${sms.id}/attachments`)).json).toEqual({ items: [] });
		expect(() =>
			extras.addAttachment(sms.id, { filename: 'a', mimeType: 'text/plain', content: 'a' }),
		).toThrow(/only email messages/);
		expect((await call('/v1/messages/msg_nope/attachments')).json.code).toBe('message_not_found');
	});
});
