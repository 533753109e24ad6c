import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { CHANNELS, MESSAGE_TYPES, optionsOf } from '../../constants';
import { requestOne } from '../common/entity';
import { itemLocatorValue } from '../common/locator';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { buildSendBody } from './send/body';
import { EMAIL_FIELDS } from './send/email';
import { derivedIdempotencyKey } from './send/idempotency';
import { SEND_LOCATORS, SEND_OPTION_FIELDS } from './send/options';
import { CAPTIONED_TYPES, MESSAGE_TYPE_FIELDS } from './send/types';

/** Several items may be sent at once: as many as Options → Items In Flight. */
export const concurrency = 'itemsInFlight';

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
		// (Text) too. Where a type can go is checked before sending (./send/types.ts).
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
		displayOptions: { show: { messageType: CAPTIONED_TYPES } },
	},
	...MESSAGE_TYPE_FIELDS,
	...EMAIL_FIELDS,
	{
		displayName: 'Voice Language',
		name: 'voiceLanguage',
		type: 'string',
		default: '',
		placeholder: 'en-US',
		description: 'Language of the text-to-speech voice',
		displayOptions: { show: { channel: ['voice'] } },
	},
	optionsCollection('message', 'send', SEND_OPTION_FIELDS),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['send'] } },
	properties,
);

/** The request body and headers for one item, all checks done (see ./send/body.ts). */
export async function buildSendRequest(
	this: IExecuteFunctions,
	i: number,
): Promise<{ body: IDataObject; headers: IDataObject }> {
	return await buildSendBody({
		// A locator gives its id, whether saved as `{ __rl, mode, value }` or, before it was a
		// locator, as a plain string.
		read: (name, fallback = '') => {
			const locator = SEND_LOCATORS[name];
			return locator
				? itemLocatorValue(this, i, name, locator.field, locator.entity)
				: this.getNodeParameter(name, i, fallback);
		},
		fail: itemFail(this, i),
		binary: async (property) => {
			const binary = this.helpers.assertBinaryData(i, property);
			const data = await this.helpers.getBinaryDataBuffer(i, property);
			return { data, fileName: binary.fileName, mimeType: binary.mimeType };
		},
		idempotencyKey: () => derivedIdempotencyKey(this, i),
	});
}

/** POST /v1/messages: emits the message Zavu queued. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { body, headers } = await buildSendRequest.call(this, i);
	// Every send carries an idempotency key, so a resend after a timeout or 5xx returns the
	// message already created instead of sending a second one.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: '/v1/messages', body, headers, idempotent: true },
		'message',
	);
}
