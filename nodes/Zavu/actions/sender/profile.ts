import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { BUSINESS_PROFILE_LIMITS, BUSINESS_VERTICALS, keysOf, optionsOf } from '../../constants';
import { unwrap, zavuApiRequest } from '../../transport';
import { getRetryOptions } from '../common/options';
import type { Fail } from '../common/validation';
import { requireEmail, requireMaxLength } from '../common/validation';
import { requireText, requireUrl } from './fields';

// The sender's WhatsApp Business profile (Sender → Update): its own endpoint, PATCH
// /v1/senders/{id}/profile, which Zavu answers only for senders with WhatsApp connected.

const { about, address, description, websites } = BUSINESS_PROFILE_LIMITS;

export const businessProfileField: INodeProperties = {
	displayName: 'Business Profile',
	name: 'businessProfile',
	type: 'collection',
	placeholder: 'Add Profile Field',
	default: {},
	description:
		'The WhatsApp Business profile customers see. Only for a sender with a WhatsApp Business Account connected.',
	options: [
		{
			displayName: 'About',
			name: 'about',
			type: 'string',
			default: '',
			description: `Short description of the business, at most ${about} characters`,
		},
		{
			displayName: 'Address',
			name: 'address',
			type: 'string',
			default: '',
			description: `Physical address of the business, at most ${address} characters`,
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: `Longer description of the business, at most ${description} characters`,
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Business email address shown on the profile',
		},
		{
			displayName: 'Vertical',
			name: 'vertical',
			type: 'options',
			options: optionsOf(BUSINESS_VERTICALS),
			default: 'OTHER',
			description: 'Business category shown on the profile',
		},
		{
			displayName: 'Websites',
			name: 'websites',
			type: 'string',
			default: '',
			placeholder: 'https://www.example.com, https://shop.example.com',
			description: `Up to ${websites} website URLs, separated by commas; they replace the current ones`,
		},
	],
};

const LIMITS: Array<[key: 'about' | 'address' | 'description', field: string, max: number]> = [
	['about', 'About', about],
	['address', 'Address', address],
	['description', 'Description', description],
];

/** The Business Profile fields that were added, checked against Zavu's limits; undefined if none. */
export function readBusinessProfile(fail: Fail, fields: IDataObject): IDataObject | undefined {
	const profile: IDataObject = {};
	for (const [key, field, max] of LIMITS) {
		if (fields[key] === undefined) continue;
		const value = requireText(fail, field, fields[key], `Remove ${field} to keep the current one.`);
		profile[key] = requireMaxLength(fail, field, value, max);
	}
	if (fields.email !== undefined) {
		const value = requireText(fail, 'Email', fields.email, 'Remove Email to keep the current one.');
		profile.email = requireEmail(fail, 'Email', value);
	}
	if (fields.vertical !== undefined) {
		const vertical = String(fields.vertical).trim();
		const known: string[] = keysOf(BUSINESS_VERTICALS);
		if (!known.includes(vertical)) {
			fail(
				`Vertical "${vertical}" is not a WhatsApp business category`,
				`Use one of: ${known.join(', ')}.`,
			);
		}
		profile.vertical = vertical;
	}
	if (fields.websites !== undefined) {
		const raw = Array.isArray(fields.websites)
			? fields.websites
			: String(fields.websites).split(',');
		const urls = raw.map((w) => String(w).trim()).filter(Boolean);
		if (!urls.length) fail('Websites is empty', 'Remove Websites to keep the current ones.');
		if (urls.length > websites) {
			fail(`Websites has ${urls.length} URLs; WhatsApp takes at most ${websites}`);
		}
		profile.websites = urls.map((url, k) => requireUrl(fail, `Websites ${k + 1}`, url));
	}
	return Object.keys(profile).length ? profile : undefined;
}

/** PATCH /v1/senders/{segment}/profile: the profile as Zavu now has it. */
export async function requestProfile(
	this: IExecuteFunctions,
	i: number,
	segment: string,
	profile: IDataObject,
): Promise<IDataObject> {
	// The same fields twice leave the same profile: timeouts and 5xx may be retried.
	const response = await zavuApiRequest.call(this, {
		method: 'PATCH',
		path: `/v1/senders/${segment}/profile`,
		body: profile,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return unwrap.call(this, response, 'profile', i);
}
