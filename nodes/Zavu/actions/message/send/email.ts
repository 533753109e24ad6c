import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

import { MAX_ATTACHMENT_BYTES } from '../../../constants';
import { requireEmail } from '../../common/validation';
import type { SendInput } from './spec';
import { entries, str } from './spec';

// Shown for Channel Email only, so that SMS and WhatsApp users of the default Auto channel do not
// see them; an email is always a text message.
const forEmail = (): IDisplayOptions => ({ show: { channel: ['email'], messageType: ['text'] } });

export const EMAIL_FIELDS: INodeProperties[] = [
	{
		displayName: 'Subject',
		name: 'subject',
		type: 'string',
		default: '',
		description: 'The subject line. Zavu needs one for every email.',
		displayOptions: forEmail(),
	},
	{
		displayName: 'Email Fields',
		name: 'emailFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		displayOptions: forEmail(),
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
];

async function attachments(input: SendInput, value: unknown): Promise<IDataObject[] | undefined> {
	const { fail } = input;
	const list = entries(value, 'attachment');
	if (!list.length) return undefined;
	let total = 0;
	const result: IDataObject[] = [];
	for (const [n, a] of list.entries()) {
		const attachment: IDataObject = {};
		if (str(a.source) === 'url') {
			const url = str(a.url);
			if (!/^https?:\/\//i.test(url)) {
				fail(`Attachment ${n + 1}: URL "${url}" must start with http:// or https://`);
			}
			attachment.path = url;
			attachment.filename =
				str(a.filename) || decodeURIComponent(url.split('?')[0].split('/').pop() || 'attachment');
		} else {
			const binary = await input.binary(str(a.binaryPropertyName) || 'data');
			total += binary.data.length;
			attachment.content = binary.data.toString('base64');
			attachment.filename = str(a.filename) || binary.fileName || 'attachment';
			if (binary.mimeType) attachment.content_type = binary.mimeType;
		}
		if (str(a.contentType)) attachment.content_type = str(a.contentType);
		result.push(attachment);
	}
	if (total > MAX_ATTACHMENT_BYTES) {
		fail(
			`Attachments add up to ${(total / 1024 / 1024).toFixed(1)} MB; Zavu accepts at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`,
		);
	}
	return result;
}

/** Subject, the email fields and attachments into `body`, which already has its Text. */
export async function addEmail(input: SendInput, body: IDataObject): Promise<void> {
	const { read, fail } = input;
	const subject = str(read('subject'));
	if (!subject) fail('Subject is empty: an email needs a subject');
	body.subject = subject;
	const email = read('emailFields', {}) as IDataObject;
	if (str(email.htmlBody)) body.htmlBody = str(email.htmlBody);
	if (str(email.replyTo)) body.replyTo = requireEmail(fail, 'Reply To', str(email.replyTo));
	const files = await attachments(input, email.attachments);
	if (files) body.attachments = files;
	if (!body.text && !body.htmlBody) fail('An email needs a Text or an HTML Body');
}
