import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as validateEmail from './validateEmail.operation';
import * as validatePhone from './validatePhone.operation';

export const resource = { name: 'Lookup', value: 'lookup' };

export const operations = { validateEmail, validatePhone };

// Worded for AI agents too: when to reach for these (before sending) and what comes back.
export const description: INodeProperties[] = [
	operationField(
		'lookup',
		[
			{
				name: 'Validate Email',
				value: 'validateEmail',
				description:
					'Check an email address before sending to it: a verdict (deliverable, risky or undeliverable) and its reasons (invalid syntax, domain without mail server, disposable inbox, role address such as info@, on the suppression list after a bounce or complaint). Does not send anything.',
				action: 'Validate an email address',
			},
			{
				name: 'Validate Phone',
				value: 'validatePhone',
				description:
					'Check a phone number before sending to it: whether it is valid, its country, line type (mobile, landline, VoIP, toll-free), carrier and the channels it can receive (e.g. SMS, WhatsApp, voice). Does not send anything.',
				action: 'Validate a phone number',
			},
		],
		'validatePhone',
	),
	...validatePhone.description,
	...validateEmail.description,
];
