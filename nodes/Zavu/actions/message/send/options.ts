import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { MAX_ITEMS_IN_FLIGHT } from '../../../constants';
import type { LocatorEntity } from '../../common/locator';
import { locatorField, SENDER, TEMPLATE } from '../../common/locator';
import type { SendInput } from './spec';
import { pairs, str } from './spec';

/** Send's resource locators, by parameter path (their field label and entity, for errors). */
export const SEND_LOCATORS: Record<string, { field: string; entity: LocatorEntity }> = {
	templateId: { field: 'Template', entity: TEMPLATE },
	'options.senderId': { field: 'Sender', entity: SENDER },
};

/** Send's own Options (the request options are added by optionsCollection). */
export const SEND_OPTION_FIELDS: INodeProperties[] = [
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
		typeOptions: { minValue: 1, maxValue: MAX_ITEMS_IN_FLIGHT },
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
		...locatorField(
			'Sender',
			'senderId',
			SENDER,
			"The sender (your number, email or account) the message goes out from, sent as the Zavu-Sender header; the project's default sender when not set",
			false,
		),
		hint: 'After an invitation completes, use its senderId, e.g. {{ $json.senderId }}',
	},
];

/** Fallback, metadata and the idempotency key into `body`; returns the headers (the sender). */
export function applySendOptions(input: SendInput, body: IDataObject): IDataObject {
	const options = input.read('options', {}) as IDataObject;
	if (options.fallbackEnabled !== undefined) {
		body.fallbackEnabled = options.fallbackEnabled === true;
	}
	const metadata = pairs(options.metadata, 'entry', 'key', 'value').filter(([key]) => key !== '');
	if (metadata.length) body.metadata = Object.fromEntries(metadata);
	body.idempotencyKey = str(options.idempotencyKey) || input.idempotencyKey();

	const headers: IDataObject = {};
	// The locator's id (read as a locator, see send.operation.ts), not the collection's
	// `{ __rl, mode, value }`.
	const sender = str(input.read('options.senderId'));
	if (sender) headers['Zavu-Sender'] = sender;
	return headers;
}
