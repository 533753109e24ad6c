// Message → React, Show Typing and Get Attachments (with Download), through real n8n-core against
// the stand-in (test/stand-in/resources/messageExtras.ts).
import type { IBinaryData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });
const { credentials } = stand;

const DEFAULT_SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';

const message = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation,
	...parameters,
});
const requests = () => stand.api.requests.map((r) => [r.method, r.path]);
const whatsappIn = (from = '+14155550001') =>
	stand.api.receiveMessage({ from, text: 'Hi', channel: 'whatsapp' });
const emailIn = () =>
	stand.api.receiveMessage({ from: 'ana@example.com', text: 'Files', senderId: EMAIL_SENDER });

describe('Message → React', () => {
	it('POSTs { emoji } with the sender header and emits the reaction message, paired', async () => {
		const a = whatsappIn('+14155550001');
		const b = whatsappIn('+14155550002');
		const run = await runZavu(
			credentials(),
			message('react', {
				messageId: '={{ $json.id }}',
				emoji: '={{ $json.emoji }}',
				options: { senderId: '={{ $json.senderId }}' },
			}),
			[
				{ id: a.id, emoji: ' 👍🏽 ', senderId: a.senderId },
				{ id: b.id, emoji: '🇲🇽', senderId: '' },
			],
		);
		expect(run.error).toBeUndefined();
		expect(requests()).toEqual([
			['POST', `/v1/messages/${a.id}/reactions`],
			['POST', `/v1/messages/${b.id}/reactions`],
		]);
		expect(stand.api.requests.map((r) => r.body)).toEqual([{ emoji: '👍🏽' }, { emoji: '🇲🇽' }]);
		expect(stand.api.requests.map((r) => r.headers['zavu-sender'])).toEqual([
			DEFAULT_SENDER,
			undefined,
		]);
		expect(stand.api.requests[0].query).toEqual({});
		expect(run.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^msg_/),
				messageType: 'reaction',
				to: '+14155550001',
				content: { emoji: '👍🏽', reactToMessageId: a.id },
			}),
			expect.objectContaining({ content: { emoji: '🇲🇽', reactToMessageId: b.id } }),
		]);
		expect(run.json[0]).not.toHaveProperty('message');
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("encodes the id; Continue On Fail keeps Zavu's code and runs the next item", async () => {
		const a = whatsappIn();
		const run = await runZavu(
			credentials(),
			message('react', { messageId: '={{ $json.id }}', emoji: '❤️' }),
			[{ id: 'msg nope/x' }, { id: a.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(requests()).toEqual([
			['POST', '/v1/messages/msg%20nope%2Fx/reactions'],
			['POST', `/v1/messages/${a.id}/reactions`],
		]);
		expect(run.json).toEqual([
			{
				error: 'Message msg nope/x not found [message_not_found]',
				code: 'message_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ messageType: 'reaction', content: expect.any(Object) }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('is not resent after a 503: Zavu may already have sent the reaction', async () => {
		const a = whatsappIn();
		stand.api.inject({ match: { method: 'POST', path: '/v1/messages/*' }, status: 503 });
		const run = await runZavu(credentials(), message('react', { messageId: a.id, emoji: '👍' }));
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.httpCode).toBe('503');
		expect(stand.api.requests).toHaveLength(1);
	});

	it.each([
		['ok', 'Emoji "ok" is not a single emoji [item 1]'],
		['👍👍', 'Emoji "👍👍" is not a single emoji [item 1]'],
		[' ', 'Emoji is empty [item 1]'],
	])('refuses the emoji %j before any request for that item', async (bad, error) => {
		const [a, b] = [whatsappIn('+14155550001'), whatsappIn('+14155550002')];
		const run = await runZavu(
			credentials(),
			message('react', { messageId: '={{ $json.id }}', emoji: '={{ $json.emoji }}' }),
			[
				{ id: a.id, emoji: '👍' },
				{ id: b.id, emoji: bad },
			],
		);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(error);
		expect(requests()).toEqual([['POST', `/v1/messages/${a.id}/reactions`]]);
	});
});

describe('Message → Show Typing', () => {
	it('POSTs without a body and emits { messageId, success }, paired', async () => {
		const a = whatsappIn();
		const run = await runZavu(
			credentials(),
			message('showTyping', { messageId: a.id, options: { senderId: DEFAULT_SENDER } }),
		);
		expect(run.error).toBeUndefined();
		expect(requests()).toEqual([['POST', `/v1/messages/${a.id}/typing`]]);
		expect(stand.api.requests[0].rawBody).toBe('');
		expect(stand.api.requests[0].headers['zavu-sender']).toBe(DEFAULT_SENDER);
		expect(run.json).toEqual([{ messageId: a.id, success: true }]);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(stand.api.modules.messageExtras.typing).toEqual([
			expect.objectContaining({ messageId: a.id, senderId: DEFAULT_SENDER }),
		]);
	});

	it("Continue On Fail: an email message carries Zavu's validation_error, the next runs", async () => {
		const email = emailIn();
		const a = whatsappIn();
		const run = await runZavu(
			credentials(),
			message('showTyping', { messageId: '={{ $json.id }}' }),
			[{ id: email.id }, { id: 'msg x/y' }, { id: a.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(requests()).toEqual([
			['POST', `/v1/messages/${email.id}/typing`],
			['POST', '/v1/messages/msg%20x%2Fy/typing'],
			['POST', `/v1/messages/${a.id}/typing`],
		]);
		expect(run.json).toEqual([
			{
				error: expect.stringMatching(
					/only valid for an inbound WhatsApp message.*\[validation_error\]$/,
				),
				code: 'validation_error',
				httpCode: 400,
			},
			expect.objectContaining({ code: 'message_not_found', httpCode: 404 }),
			{ messageId: a.id, success: true },
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses an empty id before any request', async () => {
		const run = await runZavu(
			credentials(),
			message('showTyping', { messageId: '={{ $json.none }}' }),
		);
		expect(run.error?.message).toBe('Message ID is empty [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Message → Get Attachments', () => {
	const PDF = Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3 binary', 'latin1');

	/** An email with a PDF, a file Zavu no longer has, and an inline PNG. */
	function seedEmail(linkTtlMs?: number) {
		const email = emailIn();
		const extras = stand.api.modules.messageExtras;
		extras.addAttachment(email.id, {
			filename: 'invoice.pdf',
			mimeType: 'application/pdf',
			content: PDF,
			linkTtlMs,
		});
		extras.addAttachment(email.id, {
			filename: 'gone.txt',
			mimeType: 'text/plain',
			content: 'x',
			available: false,
		});
		extras.addAttachment(email.id, {
			filename: 'logo.png',
			mimeType: 'image/png',
			content: Buffer.from([0x89, 0x50, 0x4e, 0x47]),
			isInline: true,
			contentId: 'logo@mail',
		});
		return email;
	}
	const bytes = (binary: IBinaryData) => Buffer.from(binary.data, 'base64');

	it('without Download: the list with its signed URLs, no binary data', async () => {
		const email = seedEmail();
		const run = await runZavu(credentials(), message('getAttachments', { messageId: email.id }));
		expect(run.error).toBeUndefined();
		expect(requests()).toEqual([['GET', `/v1/messages/${email.id}/attachments`]]);
		expect(run.json).toEqual([
			{
				messageId: email.id,
				attachments: [
					expect.objectContaining({
						filename: 'invoice.pdf',
						mimeType: 'application/pdf',
						size: PDF.length,
						downloadUrl: expect.stringContaining('/__files/'),
					}),
					expect.objectContaining({ filename: 'gone.txt', downloadUrl: null }),
					expect.objectContaining({ filename: 'logo.png', isInline: true }),
				],
			},
		]);
		expect(run.items[0].binary).toBeUndefined();
		expect(stand.api.modules.messageExtras.downloads).toEqual([]);
	});

	it('Download: each file into <prefix>_<position>, bytes, mime type and name; no API key sent', async () => {
		const email = seedEmail();
		const run = await runZavu(
			credentials(),
			message('getAttachments', { messageId: email.id, download: true }),
		);
		expect(run.error).toBeUndefined();
		const [item] = run.items;
		expect(Object.keys(item.binary ?? {})).toEqual(['attachment_0', 'attachment_2']);
		const pdf = item.binary!.attachment_0;
		expect(bytes(pdf)).toEqual(PDF);
		expect(pdf).toMatchObject({
			mimeType: 'application/pdf',
			fileName: 'invoice.pdf',
			fileExtension: 'pdf',
		});
		expect(bytes(item.binary!.attachment_2)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
		expect(item.binary!.attachment_2).toMatchObject({
			mimeType: 'image/png',
			fileName: 'logo.png',
		});
		const attachments = item.json.attachments as Array<Record<string, unknown>>;
		expect(attachments.map((a) => [a.filename, a.binaryProperty])).toEqual([
			['invoice.pdf', 'attachment_0'],
			['gone.txt', undefined],
			['logo.png', 'attachment_2'],
		]);
		expect(item.pairedItem).toEqual({ item: 0 });
		// The signed URLs were fetched without Zavu's API key, and are not API requests.
		const downloads = stand.api.modules.messageExtras.downloads;
		expect(downloads).toEqual([
			{ token: expect.any(String), status: 200 },
			{ token: expect.any(String), status: 200 },
		]);
		expect(requests()).toEqual([['GET', `/v1/messages/${email.id}/attachments`]]);
	});

	it('a custom prefix; a message with no files gives an empty list and no binary', async () => {
		const email = seedEmail();
		const sms = stand.api.receiveMessage({ from: '+14155550002', channel: 'sms' });
		const run = await runZavu(
			credentials(),
			message('getAttachments', {
				messageId: '={{ $json.id }}',
				download: true,
				binaryPropertyPrefix: ' file ',
			}),
			[{ id: email.id }, { id: sms.id }],
		);
		expect(Object.keys(run.items[0].binary ?? {})).toEqual(['file_0', 'file_2']);
		expect(run.items[1].json).toEqual({ messageId: sms.id, attachments: [] });
		expect(run.items[1].binary).toBeUndefined();
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('an expired signed URL fails that item (Continue On Fail), the next item still downloads', async () => {
		const expired = seedEmail(0);
		const fine = seedEmail();
		const run = await runZavu(
			credentials(),
			message('getAttachments', { messageId: '={{ $json.id }}', download: true }),
			[{ id: expired.id }, { id: 'msg x/y' }, { id: fine.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(requests()).toEqual([
			['GET', `/v1/messages/${expired.id}/attachments`],
			['GET', '/v1/messages/msg%20x%2Fy/attachments'],
			['GET', `/v1/messages/${fine.id}/attachments`],
		]);
		expect(run.json[0]).toEqual({
			error:
				'Could not download attachment 0 ("invoice.pdf"): HTTP 403: the link may have expired. Download URLs are short-lived: run Get Attachments again for fresh ones [attachment_download_failed]',
			code: 'attachment_download_failed',
			httpCode: 403,
		});
		expect(run.items[0].binary).toBeUndefined();
		expect(run.json[1]).toEqual({
			error: 'Message msg x/y not found [message_not_found]',
			code: 'message_not_found',
			httpCode: 404,
		});
		expect(Object.keys(run.items[2].binary ?? {})).toEqual(['attachment_0', 'attachment_2']);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('without Continue On Fail the failed download stops the node, naming the file and the item', async () => {
		const expired = seedEmail(0);
		const run = await runZavu(
			credentials(),
			message('getAttachments', { messageId: expired.id, download: true }),
		);
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toMatch(
			/^Could not download attachment 0 \("invoice\.pdf"\): HTTP 403/,
		);
		expect(run.error?.httpCode).toBe('403');
		expect(run.error?.context?.itemIndex).toBe(0);
	});

	it.each([
		[
			'my files',
			'Binary Property Prefix "my files" may only contain letters, digits, _ and - [item 0]',
		],
		['={{ "" }}', 'Binary Property Prefix is empty [item 0]'],
	])('refuses the prefix %j before any request', async (prefix, error) => {
		const email = seedEmail();
		const run = await runZavu(
			credentials(),
			message('getAttachments', {
				messageId: email.id,
				download: true,
				binaryPropertyPrefix: prefix,
			}),
		);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(error);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('the new Message operations, as the editor and AI agents see them', () => {
	const props = new Zavu().description.properties;
	const shownFor = (p: INodeProperties, operation: string) =>
		p.displayOptions?.show?.resource?.includes('message') &&
		(p.displayOptions?.show?.operation ?? [operation]).includes(operation);
	const fields = (op: string) => props.filter((p) => p.name !== 'operation' && shownFor(p, op));

	it('listed alphabetically beside Send, Get and Get Many, each with a description and an action', () => {
		const operation = props.find((p) => p.name === 'operation' && shownFor(p, 'react'));
		const options = operation?.options as INodePropertyOptions[];
		expect(options.map((o) => o.name)).toEqual([
			'Get',
			'Get Attachments',
			'Get Many',
			'React',
			'Send',
			'Show Typing',
		]);
		for (const o of options) {
			expect([o.description, o.action]).toEqual([expect.any(String), expect.any(String)]);
		}
	});

	it('their fields, each described (ids as msg_…, the emoji by example)', () => {
		expect(fields('react').map((p) => p.name)).toEqual(['messageId', 'emoji', 'options']);
		expect(fields('showTyping').map((p) => p.name)).toEqual(['messageId', 'options']);
		expect(fields('getAttachments').map((p) => p.name)).toEqual([
			'messageId',
			'download',
			'binaryPropertyPrefix',
			'options',
		]);
		for (const op of ['react', 'showTyping', 'getAttachments']) {
			const [id, ...rest] = fields(op);
			expect(id.description).toMatch(/msg_/);
			for (const p of rest.filter((f) => f.name !== 'options')) {
				expect(p.description).toEqual(expect.any(String));
			}
			const options = fields(op).find((p) => p.name === 'options')?.options as INodeProperties[];
			const names = options.map((o) => o.name);
			expect(names).toEqual(expect.arrayContaining(['maxAttempts', 'timeoutSeconds']));
			expect(names.includes('senderId')).toBe(op !== 'getAttachments');
		}
		expect(fields('react').find((p) => p.name === 'emoji')?.description).toMatch(/👍/);
		expect(fields('getAttachments').find((p) => p.name === 'binaryPropertyPrefix')).toMatchObject({
			default: 'attachment',
			displayOptions: { show: { download: [true] } },
		});
	});
});
