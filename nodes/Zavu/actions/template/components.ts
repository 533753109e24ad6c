import type { INodeProperties } from 'n8n-workflow';

import {
	MAX_TEMPLATE_BUTTONS,
	optionsOf,
	TEMPLATE_BUTTON_TYPES,
	TEMPLATE_CATEGORIES,
	TEMPLATE_HEADER_TYPES,
	TEMPLATE_OTP_TYPES,
} from '../../constants';
import { LIMITS } from './rules';

// Create's fields, one per part of a WhatsApp template (header, body and its variable examples,
// footer, buttons), named as Zavu's API names them. Checked in ./rules.ts before any request.

const show = (values: Record<string, string[]>) => ({ show: values });

export const identityFields: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'order_confirmation',
		description: `Template name as Meta knows it: lowercase letters, digits and underscores only, at most ${LIMITS.name} characters`,
	},
	{
		displayName: 'Language',
		name: 'language',
		type: 'string',
		required: true,
		default: 'en',
		placeholder: 'en_US',
		description: "Meta's language code of the template, e.g. en, en_US, es, pt_BR",
	},
	{
		displayName: 'Category',
		name: 'whatsappCategory',
		type: 'options',
		options: optionsOf(TEMPLATE_CATEGORIES),
		default: 'UTILITY',
		description: 'WhatsApp template category: Meta prices and reviews templates by it',
	},
];

export const headerFields: INodeProperties[] = [
	{
		displayName: 'Header Type',
		name: 'headerType',
		type: 'options',
		options: [
			{ name: 'None', value: 'none', description: 'No header' },
			...optionsOf(TEMPLATE_HEADER_TYPES),
		],
		default: 'none',
		description: 'What the template shows above its body',
	},
	{
		displayName: 'Header Text',
		name: 'headerContent',
		type: 'string',
		default: '',
		placeholder: 'Your order is confirmed',
		displayOptions: show({ headerType: ['text'] }),
		description: `Header line, at most ${LIMITS.header} characters, with at most one variable written {{1}}`,
	},
	{
		displayName: 'Header Media URL',
		name: 'headerContent',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/sample.jpg',
		displayOptions: show({ headerType: ['image', 'video', 'document'] }),
		description:
			'Public http(s) URL of a sample file of that type; Meta reviews the template with it, and each send gives its own file',
	},
];

export const bodyFields: INodeProperties[] = [
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		required: true,
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'Hi {{1}}, your order {{2}} has been confirmed.',
		description: `Message text, at most ${LIMITS.body} characters. Variables are numbered from 1 without gaps: {{1}}, {{2}}, … Each needs an example below.`,
	},
	{
		displayName: 'Body Variable Examples',
		name: 'variables',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Example',
		default: {},
		description:
			"One sample value per body variable, in order: the first for {{1}}, the second for {{2}}, … Meta requires them to review the template. Sent as the template's `variables`.",
		options: [
			{
				displayName: 'Variable',
				name: 'variable',
				values: [
					{
						displayName: 'Example',
						name: 'example',
						type: 'string',
						default: '',
						placeholder: 'Maria',
						description: 'A realistic value of this variable, e.g. a first name or an order number',
					},
				],
			},
		],
	},
];

const buttonValues: INodeProperties[] = [
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: optionsOf(TEMPLATE_BUTTON_TYPES),
		default: 'quick_reply',
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		default: '',
		placeholder: 'Track order',
		displayOptions: show({ type: ['quick_reply', 'url', 'phone', 'otp'] }),
		description: `Button label, at most ${LIMITS.buttonText} characters`,
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/orders/{{1}}',
		displayOptions: show({ type: ['url'] }),
		description:
			'Web page the button opens. For a per-message link, end it with {{1}} once (each send gives that part).',
	},
	{
		displayName: 'URL Example',
		name: 'example',
		type: 'string',
		default: '',
		placeholder: 'A1234',
		displayOptions: show({ type: ['url'] }),
		description:
			"Sample value of the URL's {{1}} for Meta's review; required when the URL has {{1}}",
	},
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		default: '',
		placeholder: '+14155551234',
		displayOptions: show({ type: ['phone'] }),
		description: 'Number the button calls, in E.164 format',
	},
	{
		displayName: 'OTP Type',
		name: 'otpType',
		type: 'options',
		options: optionsOf(TEMPLATE_OTP_TYPES),
		default: 'COPY_CODE',
		displayOptions: show({ type: ['otp'] }),
	},
	{
		displayName: 'Package Name',
		name: 'packageName',
		type: 'string',
		default: '',
		placeholder: 'com.example.app',
		displayOptions: show({ type: ['otp'], otpType: ['ONE_TAP'] }),
		description: 'Android package name of your app (One Tap only)',
	},
	{
		displayName: 'Signature Hash',
		name: 'signatureHash',
		type: 'string',
		default: '',
		placeholder: 'K8a/AINcGX7',
		displayOptions: show({ type: ['otp'], otpType: ['ONE_TAP'] }),
		description: "Your Android app's signing key hash (One Tap only)",
	},
];

export const buttonsField: INodeProperties = {
	displayName: 'Buttons',
	name: 'buttons',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true, sortable: true },
	placeholder: 'Add Button',
	default: {},
	description: `Up to ${MAX_TEMPLATE_BUTTONS} buttons under the message: at most ${LIMITS.urlButtons} URL buttons and ${LIMITS.phoneButtons} phone button; passcode buttons only in Authentication templates`,
	options: [{ displayName: 'Button', name: 'button', values: buttonValues }],
};

export const additionalFields: INodeProperties = {
	displayName: 'Additional Fields',
	name: 'additionalFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: [
		{
			displayName: 'Add Security Recommendation',
			name: 'addSecurityRecommendation',
			type: 'boolean',
			default: true,
			description:
				'Whether to add "For your security, do not share this code" (Authentication templates only)',
		},
		{
			displayName: 'Code Expiration (Minutes)',
			name: 'codeExpirationMinutes',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: LIMITS.codeExpirationMinutes },
			default: 10,
			description:
				'Minutes the passcode stays valid, shown in the message (Authentication templates only)',
		},
		{
			displayName: 'Extra Body (JSON)',
			name: 'extraBody',
			type: 'json',
			default: '{}',
			description:
				'More fields of Zavu\'s create request that the fields above do not cover, e.g. {"smsBody": "…", "telegramBody": "…"}. A key the fields above already set is refused.',
		},
		{
			displayName: 'Footer',
			name: 'footer',
			type: 'string',
			default: '',
			placeholder: 'Reply STOP to opt out',
			description: `Small grey line under the body, at most ${LIMITS.footer} characters, no variables`,
		},
	],
};
