import { NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials, sends } = useStandIn();

const send = (params: Record<string, unknown>) => ({
	resource: 'message',
	operation: 'send',
	...params,
});
const KEY = /^n8n-[0-9a-f]{40}$/;

describe('Message → Send: request body per type', () => {
	it('a text SMS: to, channel, text and a derived idempotency key; emits the message', async () => {
		const run = await runZavu(
			credentials(),
			send({ to: '+14155551234', channel: 'sms', messageType: 'text', text: 'Hello!' }),
		);
		expect(run.error).toBeUndefined();
		const [request] = sends();
		expect(sends()).toHaveLength(1);
		expect(request.headers.authorization).toBe(`Bearer ${api.apiKey}`);
		expect(request.headers['zavu-sender']).toBeUndefined();
		expect(request.body).toEqual({
			to: '+14155551234',
			channel: 'sms',
			text: 'Hello!',
			idempotencyKey: expect.stringMatching(KEY),
		});
		expect(run.json).toEqual([
			expect.objectContaining({
				to: '+14155551234',
				channel: 'sms',
				status: 'queued',
				text: 'Hello!',
			}),
		]);
		expect(run.json[0]).not.toHaveProperty('message');
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	interface Case {
		name: string;
		/** Message → Send parameters, over To +14155551234 and Channel WhatsApp. */
		params: Record<string, unknown>;
		/** The request body, over `to`, `channel` and the idempotency key. */
		expected: Record<string, unknown>;
	}
	const cases: Case[] = [
		{
			name: 'image',
			params: {
				messageType: 'image',
				text: 'Look',
				mediaUrl: 'https://x.io/a.jpg',
				mimeType: 'image/jpeg',
			},
			expected: {
				messageType: 'image',
				text: 'Look',
				content: { mediaUrl: 'https://x.io/a.jpg', mimeType: 'image/jpeg' },
			},
		},
		{
			name: 'video',
			params: { messageType: 'video', mediaId: 'wa-media-1' },
			expected: { messageType: 'video', content: { mediaId: 'wa-media-1' } },
		},
		{
			name: 'audio',
			params: {
				messageType: 'audio',
				mediaUrl: 'https://x.io/a.ogg',
				text: 'ignored: audio has no caption',
			},
			expected: { messageType: 'audio', content: { mediaUrl: 'https://x.io/a.ogg' } },
		},
		{
			name: 'document',
			params: {
				messageType: 'document',
				text: 'Your invoice',
				mediaUrl: 'https://x.io/i.pdf',
				filename: 'invoice.pdf',
				mimeType: 'application/pdf',
			},
			expected: {
				messageType: 'document',
				text: 'Your invoice',
				content: {
					mediaUrl: 'https://x.io/i.pdf',
					mimeType: 'application/pdf',
					filename: 'invoice.pdf',
				},
			},
		},
		{
			name: 'sticker',
			params: { messageType: 'sticker', mediaUrl: 'https://x.io/s.webp' },
			expected: { messageType: 'sticker', content: { mediaUrl: 'https://x.io/s.webp' } },
		},
		{
			name: 'location',
			params: {
				messageType: 'location',
				latitude: 19.4326,
				longitude: -99.1332,
				locationName: 'Zócalo',
				locationAddress: 'CDMX',
			},
			expected: {
				messageType: 'location',
				content: {
					latitude: 19.4326,
					longitude: -99.1332,
					locationName: 'Zócalo',
					locationAddress: 'CDMX',
				},
			},
		},
		{
			name: 'contact',
			params: {
				messageType: 'contact',
				contacts: {
					contact: [
						{ name: 'Ana', phones: '+5215512345678, +5215587654321' },
						{ name: 'Bo', phones: '+14155550000' },
					],
				},
			},
			expected: {
				messageType: 'contact',
				content: {
					contacts: [
						{ name: 'Ana', phones: ['+5215512345678', '+5215587654321'] },
						{ name: 'Bo', phones: ['+14155550000'] },
					],
				},
			},
		},
		{
			name: 'buttons',
			params: {
				messageType: 'buttons',
				text: 'Pick one',
				buttons: {
					button: [
						{ id: 'yes', title: 'Yes' },
						{ id: '', title: 'No' },
					],
				},
			},
			expected: {
				messageType: 'buttons',
				text: 'Pick one',
				content: {
					buttons: [
						{ id: 'yes', title: 'Yes' },
						{ id: 'button_2', title: 'No' },
					],
				},
			},
		},
		{
			name: 'list',
			params: {
				messageType: 'list',
				text: 'Choose a plan',
				listButton: 'Plans',
				listRows: {
					row: [
						{ section: 'Monthly', id: 'm1', title: 'Basic', description: '$5' },
						{ section: 'Yearly', id: 'y1', title: 'Basic', description: '' },
						{ section: 'Monthly', id: 'm2', title: 'Pro', description: '$10' },
					],
				},
			},
			expected: {
				messageType: 'list',
				text: 'Choose a plan',
				content: {
					listButton: 'Plans',
					sections: [
						{
							title: 'Monthly',
							rows: [
								{ id: 'm1', title: 'Basic', description: '$5' },
								{ id: 'm2', title: 'Pro', description: '$10' },
							],
						},
						{ title: 'Yearly', rows: [{ id: 'y1', title: 'Basic' }] },
					],
				},
			},
		},
		{
			name: 'cta_url',
			params: {
				messageType: 'cta_url',
				text: 'Our offer',
				ctaUrl: 'https://x.io/offer',
				ctaDisplayText: 'Open',
				ctaHeaderType: 'image',
				ctaHeaderMediaUrl: 'https://x.io/h.jpg',
				footerText: 'Ends soon',
			},
			expected: {
				messageType: 'cta_url',
				text: 'Our offer',
				content: {
					ctaUrl: 'https://x.io/offer',
					ctaDisplayText: 'Open',
					ctaHeaderType: 'image',
					ctaHeaderMediaUrl: 'https://x.io/h.jpg',
					footerText: 'Ends soon',
				},
			},
		},
		{
			name: 'cta_url with a text header',
			params: {
				messageType: 'cta_url',
				text: 'Hi',
				ctaUrl: 'http://x.io',
				ctaDisplayText: 'Go',
				ctaHeaderType: 'text',
				ctaHeaderText: 'News',
			},
			expected: {
				messageType: 'cta_url',
				text: 'Hi',
				content: {
					ctaUrl: 'http://x.io',
					ctaDisplayText: 'Go',
					ctaHeaderType: 'text',
					ctaHeaderText: 'News',
				},
			},
		},
		{
			name: 'reaction',
			params: { messageType: 'reaction', emoji: '👍', reactToMessageId: 'msg_1' },
			expected: { messageType: 'reaction', content: { emoji: '👍', reactToMessageId: 'msg_1' } },
		},
		{
			name: 'location request (a prompt, no content)',
			params: { messageType: 'location_request', text: 'Where should we deliver?' },
			expected: { messageType: 'location_request', text: 'Where should we deliver?' },
		},
		{
			name: 'contact-info request (a prompt, no content)',
			params: { messageType: 'request_contact_info', text: 'Share your number so we can call you' },
			expected: {
				messageType: 'request_contact_info',
				text: 'Share your number so we can call you',
			},
		},
		{
			name: 'template with a variable for the first button ("0")',
			params: {
				messageType: 'template',
				templateId: 'tmpl_seed00000000000001',
				templateVariables: { variable: [{ name: '1', value: 'John' }] },
				templateButtonVariables: { variable: [{ name: '0', value: 'order/42' }] },
			},
			expected: {
				messageType: 'template',
				content: {
					templateId: 'tmpl_seed00000000000001',
					templateVariables: { '1': 'John' },
					templateButtonVariables: { '0': 'order/42' },
				},
			},
		},
		{
			name: 'template with positional variables',
			params: {
				messageType: 'template',
				templateId: 'tmpl_seed00000000000001',
				templateVariables: { variable: [{ name: '1', value: 'John' }] },
			},
			expected: {
				messageType: 'template',
				content: { templateId: 'tmpl_seed00000000000001', templateVariables: { '1': 'John' } },
			},
		},
		{
			name: 'template with named, header and button variables',
			params: {
				messageType: 'template',
				templateId: 'tmpl_seed00000000000003',
				templateVariables: {
					variable: [
						{ name: 'name', value: 'Ana' },
						{ name: 'date', value: 'May 1' },
					],
				},
				templateHeaderVariables: { variable: [{ name: '1', value: 'Clinic' }] },
				templateButtonVariables: { variable: [{ name: '1', value: 'abc123' }] },
			},
			expected: {
				messageType: 'template',
				content: {
					templateId: 'tmpl_seed00000000000003',
					templateVariables: { name: 'Ana', date: 'May 1' },
					templateHeaderVariables: { '1': 'Clinic' },
					templateButtonVariables: { '1': 'abc123' },
				},
			},
		},
	];

	it.each(cases)('$name', async ({ params, expected }) => {
		const run = await runZavu(
			credentials(),
			send({ to: '+14155551234', channel: 'whatsapp', ...params }),
		);
		expect(run.error).toBeUndefined();
		expect(sends()[0].body).toEqual({
			to: '+14155551234',
			channel: 'whatsapp',
			...expected,
			idempotencyKey: expect.stringMatching(KEY),
		});
		expect(run.json[0]).toMatchObject({ messageType: expected.messageType, channel: 'whatsapp' });
	});

	it('an image over Telegram (Telegram takes media, location and contacts too)', async () => {
		const run = await runZavu(
			credentials(),
			send({
				to: '123456789',
				channel: 'telegram',
				messageType: 'image',
				text: 'Look',
				mediaUrl: 'https://x.io/a.jpg',
			}),
		);
		expect(run.error).toBeUndefined();
		expect(sends()[0].body).toEqual({
			to: '123456789',
			channel: 'telegram',
			messageType: 'image',
			text: 'Look',
			content: { mediaUrl: 'https://x.io/a.jpg' },
			idempotencyKey: expect.stringMatching(KEY),
		});
	});

	it('voice: text and voice language', async () => {
		await runZavu(
			credentials(),
			send({
				to: '+14155551234',
				channel: 'voice',
				text: 'Your code is 1 2 3',
				voiceLanguage: 'es-MX',
			}),
		);
		expect(sends()[0].body).toEqual({
			to: '+14155551234',
			channel: 'voice',
			text: 'Your code is 1 2 3',
			voiceLanguage: 'es-MX',
			idempotencyKey: expect.stringMatching(KEY),
		});
	});

	it('options: sender header, metadata, fallback and an explicit idempotency key', async () => {
		const run = await runZavu(
			credentials(),
			send({
				to: '+14155551234',
				text: 'Hi',
				options: {
					senderId: '={{ $json.senderId }}',
					metadata: {
						entry: [
							{ key: 'orderId', value: '={{ $json.order }}' },
							{ key: 'source', value: 'n8n' },
						],
					},
					fallbackEnabled: false,
					idempotencyKey: 'order-42',
				},
			}),
			[{ senderId: 'snd_seed00000000000001', order: 42 }],
		);
		expect(run.error).toBeUndefined();
		const [request] = sends();
		expect(request.headers['zavu-sender']).toBe('snd_seed00000000000001');
		expect(request.body).toEqual({
			to: '+14155551234',
			text: 'Hi',
			metadata: { orderId: '42', source: 'n8n' },
			fallbackEnabled: false,
			idempotencyKey: 'order-42',
		});
		expect(run.json[0]).toMatchObject({
			senderId: 'snd_seed00000000000001',
			metadata: { orderId: '42', source: 'n8n' },
		});
	});

	it("an unknown sender surfaces Zavu's error", async () => {
		const run = await runZavu(
			credentials(),
			send({ to: '+14155551234', text: 'Hi', options: { senderId: 'snd_nope' } }),
		);
		expect(run.error?.message).toMatch(/\[sender_not_found\]$/);
		expect(sends()[0].headers['zavu-sender']).toBe('snd_nope');
	});
});

describe('Message → Send: email', () => {
	it('Channel Email sends subject, HTML, reply-to; Zavu sends it by email', async () => {
		const run = await runZavu(
			credentials(),
			send({
				to: 'ana@example.com',
				channel: 'email',
				messageType: 'text',
				text: 'Plain body',
				subject: 'Welcome',
				emailFields: { htmlBody: '<p>Hi</p>', replyTo: 'help@acme.com' },
			}),
		);
		expect(run.error).toBeUndefined();
		expect(sends()[0].body).toEqual({
			to: 'ana@example.com',
			channel: 'email',
			text: 'Plain body',
			subject: 'Welcome',
			htmlBody: '<p>Hi</p>',
			replyTo: 'help@acme.com',
			idempotencyKey: expect.stringMatching(KEY),
		});
		expect(run.json[0]).toMatchObject({ channel: 'email', to: 'ana@example.com' });
	});

	it("attachments from an input item's binary data (base64) and from a URL", async () => {
		const pdf = Buffer.from('%PDF-1.4 fake invoice');
		const run = await runZavu(
			credentials(),
			send({
				to: 'ana@example.com',
				channel: 'email',
				text: 'See attached',
				subject: 'Invoice',
				emailFields: {
					attachments: {
						attachment: [
							{ source: 'binary', binaryPropertyName: 'invoice', filename: '', contentType: '' },
							{
								source: 'url',
								url: 'https://files.acme.com/terms%20v2.pdf?sig=1',
								filename: '',
								contentType: 'application/pdf',
							},
						],
					},
				},
			}),
			[
				{
					json: {},
					binary: {
						invoice: {
							data: pdf.toString('base64'),
							mimeType: 'application/pdf',
							fileName: 'invoice-42.pdf',
						},
					},
				},
			],
		);
		expect(run.error).toBeUndefined();
		expect(sends()[0].body.attachments).toEqual([
			{
				content: pdf.toString('base64'),
				filename: 'invoice-42.pdf',
				content_type: 'application/pdf',
			},
			{
				path: 'https://files.acme.com/terms%20v2.pdf?sig=1',
				filename: 'terms v2.pdf',
				content_type: 'application/pdf',
			},
		]);
	});

	it('a missing binary field is named before any request', async () => {
		const run = await runZavu(
			credentials(),
			send({
				to: 'ana@example.com',
				channel: 'email',
				text: 'x',
				subject: 'Invoice',
				emailFields: {
					attachments: { attachment: [{ source: 'binary', binaryPropertyName: 'invoice' }] },
				},
			}),
		);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toMatch(/invoice/);
		expect(sends()).toHaveLength(0);
	});

	it('Channel Auto with an email address stops before sending and points at Channel Email', async () => {
		const run = await runZavu(
			credentials(),
			send({ to: 'ana@example.com', channel: 'auto', text: 'Hi' }),
		);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(
			'To "ana@example.com" is an email address, and an email needs a Subject [item 0]',
		);
		expect(run.error?.description).toBe(
			'Set Channel to Email: it shows Subject and the email fields.',
		);
		expect(sends()).toHaveLength(0);
	});

	it('Channel Auto with a phone number sends no email fields', async () => {
		await runZavu(
			credentials(),
			send({
				to: '+14155551234',
				channel: 'auto',
				text: 'Hi',
				subject: 'Ignored',
				emailFields: { htmlBody: '<b>x</b>' },
			}),
		);
		expect(sends()[0].body).toEqual({
			to: '+14155551234',
			text: 'Hi',
			idempotencyKey: expect.stringMatching(KEY),
		});
	});
});

describe('Message → Send: bad input fails before any request, naming the field and the item', () => {
	interface Case {
		name: string;
		/** Message → Send parameters, over To +14155551234, Channel WhatsApp and Text "x". */
		params: Record<string, unknown>;
		/** The error, thrown before any request. */
		message: string;
	}
	const cases: Case[] = [
		{
			name: 'an empty To (from an expression)',
			params: { to: '={{ $json.missing }}' },
			message: 'To is empty [item 0]',
		},
		{
			name: 'a phone that is not E.164 for SMS',
			params: { to: '555-1234', channel: 'sms' },
			message:
				'To "555-1234" is not valid for channel sms: expected a phone number in E.164 format, e.g. +14155551234 [item 0]',
		},
		{
			name: 'a phone for email',
			params: { to: '+14155551234', channel: 'email', subject: 's' },
			message:
				'To "+14155551234" is not valid for channel email: expected an email address [item 0]',
		},
		{
			name: 'garbage on Auto',
			params: { to: 'hello there', channel: 'auto' },
			message:
				'To "hello there" is not valid for channel auto: expected a phone number in E.164 format (+14155551234), an email address or a chat ID [item 0]',
		},
		{
			name: 'a text message without text',
			params: { text: '' },
			message: 'Text is empty: a text message needs a text [item 0]',
		},
		{
			name: 'four buttons',
			params: {
				messageType: 'buttons',
				text: 'x',
				buttons: { button: [1, 2, 3, 4].map((n) => ({ id: `b${n}`, title: `B${n}` })) },
			},
			message: 'A buttons message has at most 3 buttons, got 4 [item 0]',
		},
		{
			name: 'a list without rows',
			params: { messageType: 'list', text: 'x', listButton: 'Open', listRows: {} },
			message: 'A list message needs at least one row [item 0]',
		},
		{
			name: 'a latitude out of range',
			params: { messageType: 'location', latitude: 91, longitude: 0 },
			message: 'Latitude must be a number from -90 to 90, got 91 [item 0]',
		},
		{
			name: 'a longitude out of range',
			params: { messageType: 'location', latitude: 0, longitude: -181 },
			message: 'Longitude must be a number from -180 to 180, got -181 [item 0]',
		},
		{
			name: 'a template without a template',
			params: { messageType: 'template', templateId: '' },
			message: 'A template message needs a Template [item 0]',
		},
		{
			name: 'mixed template variables',
			params: {
				messageType: 'template',
				templateId: 'tmpl_seed00000000000001',
				templateVariables: {
					variable: [
						{ name: '1', value: 'a' },
						{ name: 'name', value: 'b' },
					],
				},
			},
			message: 'Template Variables mixes positional ("1", "2") and named variables [item 0]',
		},
		{
			name: 'an email without subject',
			params: { to: 'ana@example.com', channel: 'email', subject: '' },
			message: 'Subject is empty: an email needs a subject [item 0]',
		},
		{
			name: 'an image without URL or media id',
			params: { messageType: 'image', mediaUrl: '', mediaId: '' },
			message: 'A image message needs a Media URL or a Media ID [item 0]',
		},
		{
			name: 'a reaction without emoji',
			params: { messageType: 'reaction', emoji: '', reactToMessageId: 'msg_1' },
			message: 'A reaction needs an Emoji [item 0]',
		},
		{
			name: 'a CTA without URL',
			params: { messageType: 'cta_url', text: 'x', ctaUrl: '', ctaDisplayText: 'Go' },
			message: 'A CTA URL message needs a CTA URL [item 0]',
		},
		{
			name: 'an image over SMS',
			params: { channel: 'sms', messageType: 'image', mediaUrl: 'https://x.io/a.jpg' },
			message: 'Message Type "image" is sent over WhatsApp or Telegram, not channel sms [item 0]',
		},
		{
			name: 'a location request over Telegram',
			params: { to: '123456789', channel: 'telegram', messageType: 'location_request', text: 'x' },
			message:
				'Message Type "location_request" is sent over WhatsApp, not channel telegram [item 0]',
		},
		{
			name: 'a location request without a prompt',
			params: { messageType: 'location_request', text: '' },
			message: 'Text is empty: a location_request message needs a prompt [item 0]',
		},
		{
			name: 'a contact-info request over 1,024 characters',
			params: { messageType: 'request_contact_info', text: 'x'.repeat(1025) },
			message: 'Text is 1025 characters: a request_contact_info prompt has at most 1024 [item 0]',
		},
		{
			name: 'a button variable named like a body variable',
			params: {
				messageType: 'template',
				templateId: 'tmpl_seed00000000000001',
				templateButtonVariables: { variable: [{ name: 'url', value: 'abc' }] },
			},
			message: 'Template Button Variables: "url" is not a button position [item 0]',
		},
		{
			name: 'a button variable past the third button',
			params: {
				messageType: 'template',
				templateId: 'tmpl_seed00000000000001',
				templateButtonVariables: { variable: [{ name: '3', value: 'abc' }] },
			},
			message: 'Template Button Variables: "3" is not a button position [item 0]',
		},
		{
			name: 'a channel Zavu dropped (saved workflows)',
			params: { channel: 'whatsapp_alt' },
			message:
				'Channel "whatsapp_alt" is not one Zavu knows (WhatsApp QR Linked is no longer in Zavu\'s API) [item 0]',
		},
		{
			name: 'a contact without phones',
			params: { messageType: 'contact', contacts: { contact: [{ name: 'Ana', phones: '' }] } },
			message: 'Contact 1 ("Ana") has no phone number [item 0]',
		},
	];

	it.each(cases)('$name', async ({ params, message }) => {
		const run = await runZavu(
			credentials(),
			send({ to: '+14155551234', channel: 'whatsapp', text: 'x', ...params }),
		);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(message);
		expect(sends()).toHaveLength(0);
	});

	it('Continue On Fail: the bad middle item carries its error, the others are sent', async () => {
		const run = await runZavu(
			credentials(),
			send({ to: '={{ $json.to }}', channel: 'sms', text: 'Hi' }),
			[{ to: '+14155550001' }, { to: 'nope' }, { to: '+14155550003' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json[0]).toMatchObject({ to: '+14155550001', status: 'queued' });
		expect(run.json[1]).toEqual({
			error:
				'To "nope" is not valid for channel sms: expected a phone number in E.164 format, e.g. +14155551234 [item 1]',
			code: 'invalid_parameter',
		});
		expect(run.json[2]).toMatchObject({ to: '+14155550003', status: 'queued' });
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(sends().map((r) => r.body.to)).toEqual(['+14155550001', '+14155550003']);
	});
});
