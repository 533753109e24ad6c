/** POST /v1/introspect/phone and /email of the stand-in: deterministic, in the SDK's shapes. */
import type {
	IntrospectValidateEmailResponse,
	IntrospectValidatePhoneResponse,
} from '@zavudev/sdk/resources/introspect';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';
import { EMAIL_REASONS, LINE_TYPES, MAX_EMAILS } from './resources/introspect';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);
const phone = async (phoneNumber: unknown) =>
	(await call('/v1/introspect/phone', { body: { phoneNumber } }))
		.json as IntrospectValidatePhoneResponse;
const emails = async (body: unknown) =>
	(await call('/v1/introspect/email', { body })).json as IntrospectValidateEmailResponse;

describe('POST /v1/introspect/phone', () => {
	test('a US mobile number: country, line type, carrier, channels, national format', async () => {
		expect(await phone('+14155551234')).toEqual({
			phoneNumber: '+14155551234',
			countryCode: 'US',
			validNumber: true,
			availableChannels: ['sms', 'whatsapp', 'voice'],
			carrier: { name: 'T-Mobile USA', type: 'mobile' },
			lineType: 'mobile',
			nationalFormat: '(415) 555-1234',
		});
	});

	test.each([
		['+56912345678', 'CL', 'mobile', '9 1234 5678', ['sms', 'whatsapp', 'voice']],
		['+56221234567', 'CL', 'landline', '2 2123 4567', ['voice']],
		['+18005550199', 'US', 'toll_free', '(800) 555-0199', ['sms', 'voice']],
		['+14165550123', 'CA', 'mobile', '(416) 555-0123', ['sms', 'whatsapp', 'voice']],
		['+447700900123', 'GB', 'mobile', '77 0090 0123', ['sms', 'whatsapp', 'voice']],
		['+445612345678', 'GB', 'voip', '56 1234 5678', ['sms', 'voice']],
		['+34900123456', 'ES', 'toll_free', '9 0012 3456', ['voice']],
		['+525512345678', 'MX', 'mobile', '55 1234 5678', ['sms', 'whatsapp', 'voice']],
	])('%s is a valid %s %s number', async (number, country, lineType, national, channels) => {
		const res = await phone(number);
		expect(res).toMatchObject({
			phoneNumber: number,
			countryCode: country,
			validNumber: true,
			lineType,
		});
		expect(res.nationalFormat).toBe(national);
		expect(res.availableChannels).toEqual(channels);
		expect(res.carrier?.type).toBe(lineType);
		expect(res.carrier?.name === null).toBe(lineType !== 'mobile');
	});

	test.each([
		['not E.164 (no +)', '14155551234'],
		['spaces', '+1 415 555 1234'],
		['too short for the US', '+1415555123'],
		['a NANP area code starting with 1', '+11155551234'],
		['an unknown calling code', '+99912345678'],
		['11 national digits in Mexico (the old mobile 1)', '+5215512345678'],
		['letters', '+1415CALLNOW'],
	])('%s is answered as not valid, not as an error', async (_label, number) => {
		const res = await call('/v1/introspect/phone', { body: { phoneNumber: number } });
		expect(res.status).toBe(200);
		expect(res.json).toEqual({
			phoneNumber: number,
			countryCode: '',
			validNumber: false,
			availableChannels: [],
		});
	});

	test('the same number always gets the same answer', async () => {
		expect(await phone('+56912345678')).toEqual(await phone('+56912345678'));
	});

	test('line types are the SDK LineType union', () => {
		expect(LINE_TYPES).toEqual(['mobile', 'landline', 'voip', 'toll_free', 'unknown']);
	});

	test.each([
		['no phoneNumber', {}, 'phoneNumber: required'],
		['an empty one', { phoneNumber: '' }, 'phoneNumber: required'],
		['a number type', { phoneNumber: 14155551234 }, 'phoneNumber: must be a string'],
		['an array body', [1], 'body: a JSON object is required'],
	])('400 validation_error for %s', async (_label, body, message) => {
		const res = await call('/v1/introspect/phone', { body });
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ code: 'validation_error', message });
	});

	test('invalid JSON and other methods', async () => {
		const bad = await call('/v1/introspect/phone', {
			method: 'POST',
			rawBody: '{',
			headers: { 'Content-Type': 'application/json' },
		});
		expect(bad.json).toEqual({ code: 'invalid_json', message: 'Request body is not valid JSON' });
		expect((await call('/v1/introspect/phone')).status).toBe(404);
	});
});

describe('POST /v1/introspect/email', () => {
	test('one clean address: deliverable, normalized, with a summary', async () => {
		expect(await emails({ email: ' Maria@Example.com ' })).toEqual({
			results: [
				{
					email: ' Maria@Example.com ',
					normalized: 'maria@example.com',
					domain: 'example.com',
					reasons: [],
					verdict: 'deliverable',
				},
			],
			summary: { total: 1, deliverable: 1, risky: 0, undeliverable: 0 },
		});
	});

	test('a batch: one result per address, in order, with each signal', async () => {
		stand.api.modules.introspect.suppress('Bounced@Acme.com', 'hard_bounce');
		stand.api.modules.introspect.suppress('soft@acme.com', 'soft_bounce');
		stand.api.modules.introspect.suppress('angry@acme.com', 'complaint');
		const list = [
			'ana@acme.com',
			'not-an-email',
			'x@nowhere.invalid',
			'y@nomx.acme.com',
			'z@mailinator.com',
			'info@acme.com',
			'bounced@acme.com',
			'soft@acme.com',
			'angry@acme.com',
			'sales@yopmail.com',
		];
		const res = await emails({ emails: list });
		expect(res.results.map((r) => [r.email, r.verdict, r.reasons])).toEqual([
			['ana@acme.com', 'deliverable', []],
			['not-an-email', 'undeliverable', ['invalid_syntax']],
			['x@nowhere.invalid', 'undeliverable', ['domain_not_found']],
			['y@nomx.acme.com', 'risky', ['domain_no_mx']],
			['z@mailinator.com', 'risky', ['disposable_domain']],
			['info@acme.com', 'risky', ['role_address']],
			['bounced@acme.com', 'undeliverable', ['suppressed_hard_bounce']],
			['soft@acme.com', 'risky', ['suppressed_soft_bounce']],
			['angry@acme.com', 'undeliverable', ['suppressed_complaint']],
			['sales@yopmail.com', 'risky', ['disposable_domain', 'role_address']],
		]);
		expect(res.results[1]).toMatchObject({ normalized: null, domain: null });
		expect(res.summary).toEqual({ total: 10, deliverable: 1, risky: 5, undeliverable: 4 });
	});

	test('reasons are the SDK union', () => {
		expect([...EMAIL_REASONS].sort()).toEqual(
			[
				'invalid_syntax',
				'domain_not_found',
				'domain_no_mx',
				'disposable_domain',
				'role_address',
				'suppressed_hard_bounce',
				'suppressed_soft_bounce',
				'suppressed_complaint',
				'suppressed_manual',
				'suppressed_unsubscribe',
			].sort(),
		);
	});

	test.each([
		['neither email nor emails', {}, /^email: give either email or emails/],
		['both', { email: 'a@b.co', emails: ['a@b.co'] }, /^email: give either/],
		['an empty email', { email: ' ' }, /^email: must be a non-empty string$/],
		['an empty batch', { emails: [] }, /^emails: must be a non-empty array/],
		['a batch with a number', { emails: ['a@b.co', 5] }, /^emails\[1\]: must be a non-empty/],
		[
			`${MAX_EMAILS + 1} addresses`,
			{ emails: Array.from({ length: MAX_EMAILS + 1 }, (_, k) => `u${k}@acme.com`) },
			/^emails: at most 100 addresses per request, got 101$/,
		],
	])('400 validation_error for %s', async (_label, body, message) => {
		const res = await call('/v1/introspect/email', { body });
		expect(res.status).toBe(400);
		expect(res.json.code).toBe('validation_error');
		expect(res.json.message).toMatch(message);
	});

	test('100 addresses is the most one request takes', async () => {
		const list = Array.from({ length: MAX_EMAILS }, (_, k) => `u${k}@acme.com`);
		expect((await emails({ emails: list })).summary.deliverable).toBe(100);
	});
});
