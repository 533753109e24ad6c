import type { IDataObject, IExecuteFunctions, INodeProperties, NodeApiError } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	CONNECTION_TYPES,
	keysOf,
	MAX_CLIENT_NAME_LENGTH,
	optionsOf,
	WHATSAPP_WABA_ONLY,
} from '../../constants';
import { asNodeError, unwrap, zavuApiRequest } from '../../transport';
import { countryOptions } from '../common/countries';
import { locatorField, PHONE_NUMBER, readLocatorId } from '../common/locator';
import { getRetryOptions, optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import {
	itemFail,
	requireCountryCodes,
	requireE164,
	requireEmail,
	requireMaxLength,
	requirePositiveInteger,
} from '../common/validation';
import { recoverCreatedInvitation, rememberEmitted, uncertainty } from './recover';

const properties: INodeProperties[] = [
	{
		displayName: 'Client Name',
		name: 'clientName',
		type: 'string',
		default: '',
		placeholder: 'Acme Corp',
		description:
			'Name of the client the invitation is for, shown on the onboarding page (at most 100 characters)',
	},
	{
		displayName: 'Client Email',
		name: 'clientEmail',
		type: 'string',
		default: '',
		placeholder: 'name@email.com',
		description: 'Email address of the client',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Allowed Phone Countries',
				name: 'allowedPhoneCountries',
				type: 'multiOptions',
				options: countryOptions,
				default: [],
				description:
					'Countries the client may register phone numbers from. Empty means any. An expression may give an array or a comma-separated string of ISO codes. WhatsApp Business only.',
			},
			{
				displayName: 'Client Phone',
				name: 'clientPhone',
				type: 'string',
				default: '',
				placeholder: '+14155551234',
				description: 'Phone number of the client in E.164 format. WhatsApp Business only.',
			},
			{
				displayName: 'Connection Type',
				name: 'connectionType',
				type: 'options',
				options: optionsOf(CONNECTION_TYPES),
				default: 'whatsapp_waba',
				description:
					'What the client connects. One invitation connects one channel: create one per channel. Client Phone, Allowed Phone Countries and Phone Number apply to WhatsApp Business only.',
			},
			{
				displayName: 'Expires In (Days)',
				name: 'expiresInDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 7,
				description: 'Days until the invitation link expires',
			},
			locatorField(
				'Phone Number',
				'phoneNumberId',
				PHONE_NUMBER,
				'A Zavu phone number of your project to pre-assign to the client, who registers it for WhatsApp (WhatsApp Business only)',
				false,
			),
		],
	},
	optionsCollection('invitation', 'create'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['invitation'], operation: ['create'] } },
	properties,
);

/**
 * POST /v1/invitations: emits the new invitation (its `url` is the link to send). When the POST
 * fails in a way where Zavu may have created it anyway, emits the invitation it created, marked
 * `recovered`, or fails saying it may exist (see ./recover.ts); it is never sent twice.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail: Fail = itemFail(this, i);
	const body: IDataObject = {};

	const clientName = (this.getNodeParameter('clientName', i, '') as string).trim();
	if (clientName) {
		body.clientName = requireMaxLength(fail, 'Client Name', clientName, MAX_CLIENT_NAME_LENGTH);
	}

	const clientEmail = this.getNodeParameter('clientEmail', i, '') as string;
	if (clientEmail.trim()) body.clientEmail = requireEmail(fail, 'Client Email', clientEmail);

	const extra = this.getNodeParameter('additionalFields', i, {}) as IDataObject;
	if (typeof extra.clientPhone === 'string' && extra.clientPhone.trim()) {
		body.clientPhone = requireE164(fail, 'Client Phone', extra.clientPhone);
	}
	if (extra.expiresInDays !== undefined && extra.expiresInDays !== '') {
		body.expiresInDays = requirePositiveInteger(fail, 'Expires In (Days)', extra.expiresInDays);
	}
	if (extra.allowedPhoneCountries !== undefined) {
		const codes = requireCountryCodes(fail, 'Allowed Phone Countries', extra.allowedPhoneCountries);
		if (codes.length) body.allowedPhoneCountries = codes;
	}
	const phoneNumberId = readLocatorId(
		this,
		i,
		'additionalFields.phoneNumberId',
		'Phone Number',
		PHONE_NUMBER,
		true,
	);
	if (phoneNumberId) body.phoneNumberId = phoneNumberId;
	const connectionType = String(extra.connectionType || 'whatsapp_waba').trim();
	if (!keysOf(CONNECTION_TYPES).includes(connectionType as never)) {
		const gone =
			connectionType === 'whatsapp_alt' ? " (WhatsApp QR Linked is no longer in Zavu's API)" : '';
		fail(
			`Connection Type "${connectionType}" is not one Zavu knows${gone}: use ${keysOf(CONNECTION_TYPES).join(' or ')}`,
		);
	}
	// Sent only when chosen: Zavu's default is WhatsApp Business.
	if (extra.connectionType) body.connectionType = connectionType;
	if (connectionType !== 'whatsapp_waba') {
		// Zavu answers 400 to these with any other connection type: say which field, before sending.
		const given = WHATSAPP_WABA_ONLY.filter((key) => body[key] !== undefined);
		if (given.length) {
			const names = {
				phoneNumberId: 'Phone Number',
				allowedPhoneCountries: 'Allowed Phone Countries',
				clientPhone: 'Client Phone',
			};
			fail(
				`${given.map((key) => names[key]).join(', ')} ${given.length > 1 ? 'apply' : 'applies'} only to the WhatsApp Business connection type, not ${CONNECTION_TYPES[connectionType as keyof typeof CONNECTION_TYPES].name}: remove ${given.length > 1 ? 'them' : 'it'} or change Connection Type`,
			);
		}
	}

	const retry = getRetryOptions(this, i);
	const sentAt = Date.now();
	try {
		const response = await zavuApiRequest.call(this, {
			method: 'POST',
			path: '/v1/invitations',
			body,
			// No idempotency key on this endpoint: resending after a timeout or 5xx could create a
			// second invitation, so only a 429 or a refused connection is retried.
			idempotent: false,
			itemIndex: i,
			retry,
		});
		const invitation = unwrap.call(this, response, 'invitation', i);
		rememberEmitted(this, invitation);
		return invitation;
	} catch (error) {
		// Zavu may have created it anyway (reset, timeout, 5xx): look for it instead of resending.
		const cause = uncertainty(error, retry.timeoutMs);
		if (!cause) throw asNodeError(this.getNode(), error, i);
		return await recoverCreatedInvitation.call(this, {
			error: error as NodeApiError,
			cause,
			body,
			sentAt,
			itemIndex: i,
			retry,
		});
	}
}
