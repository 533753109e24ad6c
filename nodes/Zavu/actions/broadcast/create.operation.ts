import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { BROADCAST_CHANNELS, BROADCAST_MESSAGE_TYPES, keysOf, optionsOf } from '../../constants';
import { locatorField, readLocatorId, SENDER, TEMPLATE } from '../common/locator';
import { metadataField } from '../contact/fields';
import { optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail } from '../common/validation';
import { derivedIdempotencyKey } from '../message/send/idempotency';
import {
	CONTENT_FIELDS,
	readBroadcastMetadata,
	readContent,
	requestBroadcast,
	requireDateTime,
} from './fields';

const properties: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'Black Friday Sale',
		description: 'Name of the campaign, for you (recipients do not see it)',
	},
	{
		displayName: 'Channel',
		name: 'channel',
		type: 'options',
		options: optionsOf(BROADCAST_CHANNELS),
		default: 'sms',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		options: optionsOf(BROADCAST_MESSAGE_TYPES),
		default: 'text',
		description:
			'Text, a media message (set Media URL or Media ID), or a WhatsApp template (set Template)',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'Hi {{name}}, use code FRIDAY20 for 20% off',
		description:
			"The message, or a media message's caption. Variables such as {{name}} or {{1}} take each contact's Template Variables.",
	},
	{
		displayName: 'Email Subject',
		name: 'emailSubject',
		type: 'string',
		default: '',
		description: 'Subject line; required for email broadcasts',
		displayOptions: { show: { channel: ['email'] } },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: (
			[
				...CONTENT_FIELDS,
				{
					displayName: 'Email HTML Body',
					name: 'emailHtmlBody',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: 'HTML body of an email broadcast',
				},
				metadataField('Your own key/value pairs (text) stored with the broadcast'),
				{
					displayName: 'Scheduled At',
					name: 'scheduledAt',
					type: 'dateTime',
					default: '',
					description: 'When to deliver it, once sent with Send (a future time)',
				},
				locatorField(
					'Sender',
					'senderId',
					SENDER,
					"The sender profile to send from. Empty: the project's default sender",
					false,
				),
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection('broadcast', 'create'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['create'] } },
	properties,
);

const oneOf = <K extends string>(fail: Fail, field: string, value: unknown, keys: K[]): K => {
	const given = typeof value === 'string' ? value.trim() : '';
	if (!keys.includes(given as K)) fail(`${field} "${given}" is not one of: ${keys.join(', ')}`);
	return given as K;
};

/** POST /v1/broadcasts: a draft broadcast (add contacts, then Send), emitted as Zavu answers it. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const name = String(this.getNodeParameter('name', i, '') ?? '').trim();
	if (!name) fail('Name is empty', 'Give the campaign a name, e.g. Black Friday Sale.');
	const channel = oneOf(
		fail,
		'Channel',
		this.getNodeParameter('channel', i),
		keysOf(BROADCAST_CHANNELS),
	);
	const messageType = oneOf(
		fail,
		'Message Type',
		this.getNodeParameter('messageType', i, 'text'),
		keysOf(BROADCAST_MESSAGE_TYPES),
	);
	const body: IDataObject = { name, channel, messageType };
	const text = String(this.getNodeParameter('text', i, '') ?? '');
	if (text.trim()) body.text = text;
	if (channel === 'email') {
		const subject = String(this.getNodeParameter('emailSubject', i, '') ?? '').trim();
		if (!subject) fail('Email Subject is empty: email broadcasts need a subject');
		body.emailSubject = subject;
	}

	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	const templateId = readLocatorId(
		this,
		i,
		'additionalFields.templateId',
		'Template',
		TEMPLATE,
		true,
	);
	const content = readContent(fail, extra, templateId);
	if (content) body.content = content;
	// Zavu would refuse these with a bare 400: say which field is missing, before sending.
	if (messageType === 'text' && !body.text && channel !== 'email') {
		fail('Text is empty: a text broadcast needs the message');
	}
	if (messageType === 'template' && !content?.templateId) {
		fail('Template is empty: a template broadcast needs the approved template to send');
	}
	if (['image', 'video', 'audio', 'document'].includes(messageType)) {
		if (!content?.mediaUrl && !content?.mediaId) {
			fail(`Media URL is empty: a ${messageType} broadcast needs Media URL or Media ID`);
		}
	}
	if (typeof extra.emailHtmlBody === 'string' && extra.emailHtmlBody.trim()) {
		body.emailHtmlBody = extra.emailHtmlBody;
	}
	const metadata = readBroadcastMetadata(fail, extra.metadata);
	if (metadata) body.metadata = metadata;
	if (extra.scheduledAt) {
		body.scheduledAt = requireDateTime(fail, 'Scheduled At', extra.scheduledAt, Date.now());
	}
	const senderId = readLocatorId(this, i, 'additionalFields.senderId', 'Sender', SENDER, true);
	if (senderId) body.senderId = senderId;
	// The same key when n8n re-runs the node for this item (Retry On Fail): Zavu answers the
	// broadcast it already created instead of a second one.
	body.idempotencyKey = derivedIdempotencyKey(this, i);

	// Not resent by the node itself after a timeout or 5xx (only a 429 or a refused connection).
	return await requestBroadcast.call(this, i, {
		method: 'POST',
		path: '/v1/broadcasts',
		body,
		idempotent: false,
	});
}
