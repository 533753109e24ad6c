import { createHash } from 'node:crypto';

import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CHANNELS, keysOf, MESSAGE_TYPES, optionsOf } from '../constants';
import { getRetryOptions, optionsCollection } from '../helpers/options';
import { fail, requireEmail } from '../helpers/validation';
import { unwrap, zavuApiRequest } from '../transport';

const MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'];
const CAPTIONED = [
	'text',
	'image',
	'video',
	'document',
	'buttons',
	'list',
	'cta_url',
	'location_request',
	'request_contact_info',
];
/** Types whose Text is required: the body of an interactive message, the prompt of a request. */
const TEXT_REQUIRED = ['buttons', 'list', 'cta_url', 'location_request', 'request_contact_info'];
/** Zavu's limit on the prompt of a location or contact-info request. */
const MAX_REQUEST_TEXT = 1024;
const WHATSAPP_CAPABLE = ['auto', 'whatsapp'];
/** Non-text types Telegram takes too ("non-text types are supported by WhatsApp and Telegram, varies by type"). */
const TELEGRAM_TYPES = [...MEDIA_TYPES, 'location', 'contact'];
/** Zavu's limit on the total size of email attachments. */
const MAX_ATTACHMENT_BYTES = 40 * 1024 * 1024;

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CHAT_ID = /^-?\d+$/;
const BSUID = /^[A-Z]{2}\.\d+$/;

const show = (fields: NonNullable<IDisplayOptions['show']>): IDisplayOptions => ({ show: fields });
const forTypes = (...types: string[]) => show({ messageType: types });

const variableCollection = (
	displayName: string,
	name: string,
	description: string,
	placeholder = '1',
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Variable',
	default: {},
	description,
	displayOptions: forTypes('template'),
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder,
					description:
						placeholder === '0'
							? "The button's position in the template, from 0"
							: 'Position ("1", "2", …) or name of the variable; do not mix the two',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

const properties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		required: true,
		default: '',
		placeholder: '+14155551234',
		description:
			'Recipient: a phone number in E.164 format, an email address, a Telegram/Instagram/Messenger chat ID, or a WhatsApp BSUID (e.g. US.13491208655302741918, for a contact known only by a username)',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: optionsOf(CHANNELS),
		default: 'auto',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		// Shown for every channel: a field hidden here would hide the ones that depend on it
		// (Text) too. Types other than Text need WhatsApp; that is checked before sending.
		options: optionsOf(MESSAGE_TYPES),
		default: 'text',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description:
			'The message. For media it is the caption; for buttons, lists and CTA URLs the body; for location and contact-info requests the prompt (at most 1,024 characters); for email the plain-text body; for voice what is spoken.',
		displayOptions: { show: { messageType: CAPTIONED } },
	},
	// Media
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/photo.jpg',
		description: 'Public URL of the file. Either this or a Media ID is needed.',
		displayOptions: forTypes(...MEDIA_TYPES),
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		description: 'ID of media already uploaded to WhatsApp, instead of a URL',
		displayOptions: forTypes(...MEDIA_TYPES),
	},
	{
		displayName: 'MIME Type',
		name: 'mimeType',
		type: 'string',
		default: '',
		placeholder: 'image/jpeg',
		displayOptions: forTypes(...MEDIA_TYPES),
	},
	{
		displayName: 'File Name',
		name: 'filename',
		type: 'string',
		default: '',
		placeholder: 'invoice.pdf',
		description: 'File name shown to the recipient',
		displayOptions: forTypes('document'),
	},
	// Location
	{
		displayName: 'Latitude',
		name: 'latitude',
		type: 'number',
		typeOptions: { numberPrecision: 6, minValue: -90, maxValue: 90 },
		default: 0,
		displayOptions: forTypes('location'),
	},
	{
		displayName: 'Longitude',
		name: 'longitude',
		type: 'number',
		typeOptions: { numberPrecision: 6, minValue: -180, maxValue: 180 },
		default: 0,
		displayOptions: forTypes('location'),
	},
	{
		displayName: 'Location Name',
		name: 'locationName',
		type: 'string',
		default: '',
		displayOptions: forTypes('location'),
	},
	{
		displayName: 'Location Address',
		name: 'locationAddress',
		type: 'string',
		default: '',
		displayOptions: forTypes('location'),
	},
	// Contact cards
	{
		displayName: 'Contacts',
		name: 'contacts',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Contact',
		default: {},
		displayOptions: forTypes('contact'),
		options: [
			{
				displayName: 'Contact',
				name: 'contact',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{
						displayName: 'Phones',
						name: 'phones',
						type: 'string',
						default: '',
						placeholder: '+14155551234, +14155556789',
						description: 'Comma-separated phone numbers',
					},
				],
			},
		],
	},
	// Buttons
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Button',
		default: {},
		description: 'Up to 3 reply buttons',
		displayOptions: forTypes('buttons'),
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: [
					{
						displayName: 'ID',
						name: 'id',
						type: 'string',
						default: '',
						description: 'Returned to you when the recipient taps it',
					},
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
				],
			},
		],
	},
	// List
	{
		displayName: 'List Button',
		name: 'listButton',
		type: 'string',
		default: '',
		placeholder: 'See options',
		description: 'Label of the button that opens the list',
		displayOptions: forTypes('list'),
	},
	{
		displayName: 'List Rows',
		name: 'listRows',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Row',
		default: {},
		description:
			'Rows with the same Section title are grouped into one section, in order of first appearance',
		displayOptions: forTypes('list'),
		options: [
			{
				displayName: 'Row',
				name: 'row',
				values: [
					{
						displayName: 'Section',
						name: 'section',
						type: 'string',
						default: '',
						placeholder: 'Plans',
					},
					{ displayName: 'ID', name: 'id', type: 'string', default: '' },
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					{ displayName: 'Description', name: 'description', type: 'string', default: '' },
				],
			},
		],
	},
	// Call to action
	{
		displayName: 'CTA URL',
		name: 'ctaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/offer',
		displayOptions: forTypes('cta_url'),
	},
	{
		displayName: 'CTA Label',
		name: 'ctaDisplayText',
		type: 'string',
		default: '',
		placeholder: 'Open offer',
		description: 'Text on the link button',
		displayOptions: forTypes('cta_url'),
	},
	{
		displayName: 'CTA Header',
		name: 'ctaHeaderType',
		type: 'options',
		options: [
			{ name: 'Document', value: 'document' },
			{ name: 'Image', value: 'image' },
			{ name: 'None', value: 'none' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
		],
		default: 'none',
		displayOptions: forTypes('cta_url'),
	},
	{
		displayName: 'CTA Header Text',
		name: 'ctaHeaderText',
		type: 'string',
		default: '',
		displayOptions: show({ messageType: ['cta_url'], ctaHeaderType: ['text'] }),
	},
	{
		displayName: 'CTA Header Media URL',
		name: 'ctaHeaderMediaUrl',
		type: 'string',
		default: '',
		displayOptions: show({
			messageType: ['cta_url'],
			ctaHeaderType: ['image', 'video', 'document'],
		}),
	},
	{
		displayName: 'Footer Text',
		name: 'footerText',
		type: 'string',
		default: '',
		displayOptions: forTypes('cta_url'),
	},
	// Reaction
	{
		displayName: 'Emoji',
		name: 'emoji',
		type: 'string',
		default: '',
		placeholder: '👍',
		displayOptions: forTypes('reaction'),
	},
	{
		displayName: 'React To Message ID',
		name: 'reactToMessageId',
		type: 'string',
		default: '',
		description: 'ID of the message to react to',
		displayOptions: forTypes('reaction'),
	},
	// Template
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		default: '',
		description:
			'An approved WhatsApp template of your project. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: forTypes('template'),
	},
	variableCollection(
		'Template Variables',
		'templateVariables',
		'Body variables: {{1}} → name "1", or named variables → their name',
	),
	variableCollection(
		'Template Header Variables',
		'templateHeaderVariables',
		'Variables of the template header',
	),
	variableCollection(
		'Template Button Variables',
		'templateButtonVariables',
		'The {{1}} of a URL button, e.g. a URL suffix. Name = the button\'s position in the template counted from 0 (first button "0", second "1", third "2"), unlike body variables, which start at 1.',
		'0',
	),
	// Email
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'The subject line. Zavu needs one for every email.',
		displayOptions: show({ channel: ['email'], messageType: ['text'] }),
	},
	{
		displayName: 'Email Fields',
		name: 'emailFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: show({ channel: ['email'], messageType: ['text'] }),
		options: [
			{
				displayName: 'Attachments',
				name: 'attachments',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				placeholder: 'Add Attachment',
				default: {},
				description: 'Up to 40 MB in total',
				options: [
					{
						displayName: 'Attachment',
						name: 'attachment',
						values: [
							{
								displayName: 'Content Type',
								name: 'contentType',
								type: 'string',
								default: '',
								placeholder: 'application/pdf',
								description: 'Defaults to the binary MIME type (binary source)',
							},
							{
								displayName: 'File Name',
								name: 'filename',
								type: 'string',
								default: '',
								description: 'Defaults to the binary file name (binary source)',
							},
							{
								displayName: 'Input Binary Field',
								name: 'binaryPropertyName',
								type: 'string',
								default: 'data',
								description: 'Name of the binary field of the input item holding the file',
							},
							{
								displayName: 'Source',
								name: 'source',
								type: 'options',
								options: [
									{
										name: 'Binary Data of the Input Item',
										value: 'binary',
									},
									{
										name: 'URL',
										value: 'url',
									},
								],
								default: 'binary',
							},
							{
								displayName: 'URL',
								name: 'url',
								type: 'string',
								default: '',
								placeholder: 'https://example.com/invoice.pdf',
							},
						],
					},
				],
			},
			{
				displayName: 'HTML Body',
				name: 'htmlBody',
				type: 'string',
				typeOptions: { rows: 6 },
				default: '',
				description: 'HTML version of the email; Text is the plain-text version',
			},
			{
				displayName: 'Reply To',
				name: 'replyTo',
				type: 'string',
				default: '',
				placeholder: 'support@example.com',
			},
		],
	},
	{
		displayName: 'Voice Language',
		name: 'voiceLanguage',
		type: 'string',
		default: '',
		placeholder: 'en-US',
		description: 'Language of the text-to-speech voice',
		displayOptions: show({ channel: ['voice'] }),
	},
	optionsCollection('message', 'send', [
		{
			displayName: 'Fallback to SMS',
			name: 'fallbackEnabled',
			type: 'boolean',
			default: true,
			description: 'Whether to send an SMS instead when a WhatsApp message fails',
		},
		{
			displayName: 'Idempotency Key',
			name: 'idempotencyKey',
			type: 'string',
			default: '',
			description:
				'Zavu sends a message once per key. Left empty, the node derives one per execution and item, so n8n\'s "Retry On Fail" never sends an item twice.',
		},
		{
			displayName: 'Items In Flight',
			name: 'itemsInFlight',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 50 },
			default: 1,
			description:
				"How many items to send at the same time. 1 sends one after the other. Output order and item pairing are kept, and Zavu's rate limit is respected.",
		},
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Metadata',
			default: {},
			description: 'Your own key/value pairs, stored with the message',
			options: [
				{
					displayName: 'Entry',
					name: 'entry',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '' },
					],
				},
			],
		},
		{
			displayName: 'Sender Name or ID',
			name: 'senderId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getSenders' },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Sent as the Zavu-Sender header (the project default sender when empty). After an invitation completes, use its senderId, e.g. {{ $json.senderId }}.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

/** Reads one parameter of the item; only the fields of the chosen type are read (each read
 * resolves expressions, which is most of the per-item cost of a bulk send). */
type Param = (name: string) => unknown;

const str = (value: unknown): string =>
	value === undefined || value === null
		? ''
		: typeof value === 'string'
			? value.trim()
			: String(value);

/** Name/value pairs from a fixedCollection, or an object given by an expression. */
function pairs(
	value: unknown,
	listKey: string,
	keyField: string,
	valueField: string,
): Array<[string, string]> {
	if (value === undefined || value === null || value === '') return [];
	const object = value as IDataObject;
	const list = Array.isArray(object[listKey]) ? (object[listKey] as IDataObject[]) : undefined;
	if (list) return list.map((entry) => [str(entry[keyField]), str(entry[valueField])]);
	if (typeof value === 'object' && !Array.isArray(value)) {
		return Object.entries(object)
			.filter(([key]) => key !== listKey)
			.map(([key, v]) => [key, str(v)]);
	}
	return [];
}

function variables(
	ctx: IExecuteFunctions,
	i: number,
	field: string,
	value: unknown,
): IDataObject | undefined {
	const entries = pairs(value, 'variable', 'name', 'value').filter(([name]) => name !== '');
	if (!entries.length) return undefined;
	const positional = entries.filter(([name]) => /^\d+$/.test(name)).length;
	if (positional && positional !== entries.length) {
		fail(
			ctx,
			i,
			`${field} mixes positional ("1", "2") and named variables`,
			'A WhatsApp template uses either numbered or named variables; use the kind your template has.',
		);
	}
	return Object.fromEntries(entries);
}

/** The channel the message will really take, for checking `to` and the email fields. */
export function effectiveChannel(channel: string, to: string, messageType: string): string {
	if (channel !== 'auto') return channel;
	if (EMAIL.test(to)) return 'email';
	if (messageType !== 'text') return 'whatsapp';
	return 'auto';
}

function checkRecipient(ctx: IExecuteFunctions, i: number, channel: string, to: string): void {
	if (!to) fail(ctx, i, 'To is empty', 'Set the recipient, e.g. {{ $json.phone }}.');
	const ok: Record<string, RegExp[]> = {
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
	const patterns = ok[channel] ?? ok.auto;
	if (patterns.some((pattern) => pattern.test(to))) return;
	const expected: Record<string, string> = {
		email: 'an email address',
		telegram: 'a numeric chat ID',
		instagram: 'a numeric chat ID',
		messenger: 'a numeric chat ID',
		auto: 'a phone number in E.164 format (+14155551234), an email address or a chat ID',
	};
	fail(
		ctx,
		i,
		`To "${to}" is not valid for channel ${channel}: expected ${expected[channel] ?? 'a phone number in E.164 format, e.g. +14155551234'}`,
	);
}

/** Everything type-specific that goes in `content`, checked before sending. */
function buildContent(
	ctx: IExecuteFunctions,
	i: number,
	type: string,
	p: Param,
): IDataObject | undefined {
	const content: IDataObject = {};
	const set = (key: string, value: unknown) => {
		const text = str(value);
		if (text) content[key] = text;
	};

	if (MEDIA_TYPES.includes(type)) {
		set('mediaUrl', p('mediaUrl'));
		set('mediaId', p('mediaId'));
		set('mimeType', p('mimeType'));
		if (type === 'document') set('filename', p('filename'));
		if (!content.mediaUrl && !content.mediaId) {
			fail(ctx, i, `A ${type} message needs a Media URL or a Media ID`);
		}
	} else if (type === 'location') {
		const latitude = Number(p('latitude'));
		const longitude = Number(p('longitude'));
		if (p('latitude') === '' || !Number.isFinite(latitude) || latitude < -90 || latitude > 90) {
			fail(
				ctx,
				i,
				`Latitude must be a number from -90 to 90, got ${str(p('latitude')) || 'nothing'}`,
			);
		}
		if (
			p('longitude') === '' ||
			!Number.isFinite(longitude) ||
			longitude < -180 ||
			longitude > 180
		) {
			fail(
				ctx,
				i,
				`Longitude must be a number from -180 to 180, got ${str(p('longitude')) || 'nothing'}`,
			);
		}
		content.latitude = latitude;
		content.longitude = longitude;
		set('locationName', p('locationName'));
		set('locationAddress', p('locationAddress'));
	} else if (type === 'contact') {
		const list = ((p('contacts') as IDataObject)?.contact as IDataObject[] | undefined) ?? [];
		const contacts = list.map((c) => ({
			name: str(c.name),
			phones: str(c.phones)
				.split(',')
				.map((phone) => phone.trim())
				.filter(Boolean),
		}));
		if (!contacts.length) fail(ctx, i, 'A contact message needs at least one contact');
		contacts.forEach((c, n) => {
			if (!c.name) fail(ctx, i, `Contact ${n + 1} has no name`);
			if (!c.phones.length) fail(ctx, i, `Contact ${n + 1} ("${c.name}") has no phone number`);
		});
		content.contacts = contacts;
	} else if (type === 'buttons') {
		const list = ((p('buttons') as IDataObject)?.button as IDataObject[] | undefined) ?? [];
		if (!list.length) fail(ctx, i, 'A buttons message needs at least one button');
		if (list.length > 3)
			fail(ctx, i, `A buttons message has at most 3 buttons, got ${list.length}`);
		content.buttons = list.map((b, n) => {
			const title = str(b.title);
			if (!title) fail(ctx, i, `Button ${n + 1} has no title`);
			return { id: str(b.id) || `button_${n + 1}`, title };
		});
	} else if (type === 'list') {
		const listButton = str(p('listButton'));
		if (!listButton) fail(ctx, i, 'A list message needs a List Button label');
		const rows = ((p('listRows') as IDataObject)?.row as IDataObject[] | undefined) ?? [];
		if (!rows.length) fail(ctx, i, 'A list message needs at least one row');
		const sections: Array<{ title: string; rows: IDataObject[] }> = [];
		rows.forEach((r, n) => {
			const title = str(r.title);
			if (!title) fail(ctx, i, `List row ${n + 1} has no title`);
			const row: IDataObject = { id: str(r.id) || `row_${n + 1}`, title };
			if (str(r.description)) row.description = str(r.description);
			const sectionTitle = str(r.section);
			let section = sections.find((s) => s.title === sectionTitle);
			if (!section) {
				section = { title: sectionTitle, rows: [] };
				sections.push(section);
			}
			section.rows.push(row);
		});
		content.listButton = listButton;
		content.sections = sections;
	} else if (type === 'cta_url') {
		set('ctaUrl', p('ctaUrl'));
		set('ctaDisplayText', p('ctaDisplayText'));
		if (!content.ctaUrl) fail(ctx, i, 'A CTA URL message needs a CTA URL');
		if (!/^https?:\/\//i.test(content.ctaUrl as string)) {
			fail(ctx, i, `CTA URL "${String(content.ctaUrl)}" must start with http:// or https://`);
		}
		if (!content.ctaDisplayText) fail(ctx, i, 'A CTA URL message needs a CTA Label');
		const header = str(p('ctaHeaderType')) || 'none';
		if (header !== 'none') {
			content.ctaHeaderType = header;
			if (header === 'text') {
				set('ctaHeaderText', p('ctaHeaderText'));
				if (!content.ctaHeaderText) fail(ctx, i, 'CTA Header Text is empty');
			} else {
				set('ctaHeaderMediaUrl', p('ctaHeaderMediaUrl'));
				if (!content.ctaHeaderMediaUrl)
					fail(ctx, i, `A ${header} CTA header needs a CTA Header Media URL`);
			}
		}
		set('footerText', p('footerText'));
	} else if (type === 'reaction') {
		set('emoji', p('emoji'));
		set('reactToMessageId', p('reactToMessageId'));
		if (!content.emoji) fail(ctx, i, 'A reaction needs an Emoji');
		if (!content.reactToMessageId)
			fail(ctx, i, 'A reaction needs the ID of the message to react to');
	} else if (type === 'template') {
		set('templateId', p('templateId'));
		if (!content.templateId)
			fail(ctx, i, 'A template message needs a Template', 'Pick one of your approved templates.');
		const body = variables(ctx, i, 'Template Variables', p('templateVariables'));
		const header = variables(ctx, i, 'Template Header Variables', p('templateHeaderVariables'));
		const buttons = variables(ctx, i, 'Template Button Variables', p('templateButtonVariables'));
		for (const key of Object.keys(buttons ?? {})) {
			if (!/^[0-2]$/.test(key)) {
				fail(
					ctx,
					i,
					`Template Button Variables: "${key}" is not a button position`,
					'Name each button variable by the button\'s position in the template, counted from 0: "0" for the first button, "1" for the second, "2" for the third (body variables start at 1, button variables at 0).',
				);
			}
		}
		if (body) content.templateVariables = body;
		if (header) content.templateHeaderVariables = header;
		if (buttons) content.templateButtonVariables = buttons;
	}
	return Object.keys(content).length ? content : undefined;
}

async function buildAttachments(
	ctx: IExecuteFunctions,
	i: number,
	value: unknown,
): Promise<IDataObject[] | undefined> {
	const list = ((value as IDataObject)?.attachment as IDataObject[] | undefined) ?? [];
	if (!list.length) return undefined;
	let total = 0;
	const attachments: IDataObject[] = [];
	for (const [n, a] of list.entries()) {
		const attachment: IDataObject = {};
		if (str(a.source) === 'url') {
			const url = str(a.url);
			if (!/^https?:\/\//i.test(url))
				fail(ctx, i, `Attachment ${n + 1}: URL "${url}" must start with http:// or https://`);
			attachment.path = url;
			attachment.filename =
				str(a.filename) || decodeURIComponent(url.split('?')[0].split('/').pop() || 'attachment');
		} else {
			const property = str(a.binaryPropertyName) || 'data';
			const binary = ctx.helpers.assertBinaryData(i, property);
			const buffer = await ctx.helpers.getBinaryDataBuffer(i, property);
			total += buffer.length;
			attachment.content = buffer.toString('base64');
			attachment.filename = str(a.filename) || binary.fileName || 'attachment';
			if (binary.mimeType) attachment.content_type = binary.mimeType;
		}
		if (str(a.contentType)) attachment.content_type = str(a.contentType);
		attachments.push(attachment);
	}
	if (total > MAX_ATTACHMENT_BYTES) {
		fail(
			ctx,
			i,
			`Attachments add up to ${(total / 1024 / 1024).toFixed(1)} MB; Zavu accepts at most 40 MB`,
		);
	}
	return attachments;
}

/**
 * The same key when n8n re-runs this node for the same item of the same execution (node
 * "Retry On Fail" resends every item), a different one for another item, run or execution.
 */
export function derivedIdempotencyKey(ctx: IExecuteFunctions, i: number): string {
	const runIndex = ctx.getWorkflowDataProxy(i).$runIndex;
	const seed = [
		ctx.getWorkflow().id ?? '',
		ctx.getExecutionId() ?? '',
		ctx.getNode().id ?? ctx.getNode().name,
		runIndex,
		i,
	];
	return `n8n-${createHash('sha256').update(JSON.stringify(seed)).digest('hex').slice(0, 40)}`;
}

/** The request body and headers for one item, all checks done. */
export async function buildSendRequest(
	this: IExecuteFunctions,
	i: number,
): Promise<{ body: IDataObject; headers: IDataObject }> {
	const get = (name: string, fallback: unknown = '') => this.getNodeParameter(name, i, fallback);
	const to = str(get('to'));
	const channel = str(get('channel', 'auto')) || 'auto';
	const messageType = str(get('messageType', 'text')) || 'text';
	if (!keysOf(CHANNELS).includes(channel as never)) {
		const gone =
			channel === 'whatsapp_alt' ? " (WhatsApp QR Linked is no longer in Zavu's API)" : '';
		fail(
			this,
			i,
			`Channel "${channel}" is not one Zavu knows${gone}`,
			`Use one of: ${keysOf(CHANNELS).join(', ')}.`,
		);
	}
	if (!keysOf(MESSAGE_TYPES).includes(messageType as never)) {
		fail(
			this,
			i,
			`Message Type "${messageType}" is not one Zavu knows`,
			`Use one of: ${keysOf(MESSAGE_TYPES).join(', ')}.`,
		);
	}
	const effective = effectiveChannel(channel, to, messageType);
	const telegramOk = channel === 'telegram' && TELEGRAM_TYPES.includes(messageType);
	if (messageType !== 'text' && !WHATSAPP_CAPABLE.includes(channel) && !telegramOk) {
		fail(
			this,
			i,
			`Message Type "${messageType}" is sent over WhatsApp${TELEGRAM_TYPES.includes(messageType) ? ' or Telegram' : ''}, not channel ${channel}`,
			'Set Channel to WhatsApp (or Auto), or use Message Type Text.',
		);
	}
	checkRecipient(this, i, effective, to);

	const body: IDataObject = { to };
	if (channel !== 'auto') body.channel = channel;
	if (messageType !== 'text') body.messageType = messageType;

	const text = CAPTIONED.includes(messageType) ? str(get('text')) : '';
	if (text) body.text = text;

	if (effective === 'email' && channel === 'auto') {
		// Subject and the email fields are shown for Channel Email only, so that SMS and
		// WhatsApp users of the default Auto channel do not see them.
		fail(
			this,
			i,
			`To "${to}" is an email address, and an email needs a Subject`,
			'Set Channel to Email: it shows Subject and the email fields.',
		);
	}
	if (effective === 'email') {
		const subject = str(get('subject'));
		if (!subject) fail(this, i, 'Subject is empty: an email needs a subject');
		body.subject = subject;
		const email = get('emailFields', {}) as IDataObject;
		if (str(email.htmlBody)) body.htmlBody = str(email.htmlBody);
		if (str(email.replyTo)) body.replyTo = requireEmail(this, i, 'Reply To', str(email.replyTo));
		const attachments = await buildAttachments(this, i, email.attachments);
		if (attachments) body.attachments = attachments;
		if (!body.text && !body.htmlBody) fail(this, i, 'An email needs a Text or an HTML Body');
	} else if (messageType === 'text' && !text) {
		fail(this, i, 'Text is empty: a text message needs a text');
	}
	if (TEXT_REQUIRED.includes(messageType) && !text) {
		fail(
			this,
			i,
			`Text is empty: a ${messageType} message needs a ${messageType.includes('request') ? 'prompt' : 'body text'}`,
		);
	}
	if (
		(messageType === 'location_request' || messageType === 'request_contact_info') &&
		text.length > MAX_REQUEST_TEXT
	) {
		fail(
			this,
			i,
			`Text is ${text.length} characters: a ${messageType} prompt has at most ${MAX_REQUEST_TEXT}`,
		);
	}
	if (effective === 'voice') {
		const language = str(get('voiceLanguage'));
		if (language) body.voiceLanguage = language;
	}

	const p: Param = (name) => get(name, '');
	const content = buildContent(this, i, messageType, p);
	if (content) body.content = content;

	const options = get('options', {}) as IDataObject;
	if (options.fallbackEnabled !== undefined)
		body.fallbackEnabled = options.fallbackEnabled === true;
	const metadata = pairs(options.metadata, 'entry', 'key', 'value').filter(([key]) => key !== '');
	if (metadata.length) body.metadata = Object.fromEntries(metadata);
	body.idempotencyKey = str(options.idempotencyKey) || derivedIdempotencyKey(this, i);

	const headers: IDataObject = {};
	const sender = str(options.senderId);
	if (sender) headers['Zavu-Sender'] = sender;
	return { body, headers };
}

/** POST /v1/messages: emits the message Zavu queued. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { body, headers } = await buildSendRequest.call(this, i);
	const response = await zavuApiRequest.call(this, {
		method: 'POST',
		path: '/v1/messages',
		body,
		headers,
		// Every send carries an idempotency key, so a resend after a timeout or 5xx returns
		// the message already created instead of sending a second one.
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return unwrap.call(this, response, 'message', i);
}
