// Template → Create through real n8n-core against the stand-in: the exact request body built from
// the fields (several shapes). The checks that refuse bad input: templateCreateRules.test.ts.
import type { IDataObject } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(
		stand.credentials(),
		{ resource: 'template', operation: 'create', ...params },
		items,
		settings,
	);
const bodies = () => stand.api.requests.map((r) => [r.method, r.path, r.body]);

const BASE = {
	name: 'order_confirmation',
	language: 'en_US',
	whatsappCategory: 'UTILITY',
	body: 'Hi {{1}}, your order {{2}} has been confirmed.',
	variables: { variable: [{ example: 'Maria' }, { example: 'A1234' }] },
};
const SENT_BASE = {
	name: 'order_confirmation',
	language: 'en_US',
	body: 'Hi {{1}}, your order {{2}} has been confirmed.',
	whatsappCategory: 'UTILITY',
	variables: ['Maria', 'A1234'],
};
const quick = (text: string) => ({ type: 'quick_reply', text });

describe('Template → Create: the body built from the fields', () => {
	it('text header, numbered body with examples, footer, quick reply + dynamic URL + phone', async () => {
		const r = await run({
			...BASE,
			name: ' order_confirmation ',
			headerType: 'text',
			headerContent: 'Order {{1}}',
			buttons: {
				button: [
					{ ...quick('Thanks'), url: 'ignored', otpType: 'COPY_CODE' },
					{ type: 'url', text: 'Track', url: 'https://acme.com/o/{{1}}', example: 'A1234' },
					{ type: 'phone', text: 'Call us', phoneNumber: '+14155551234' },
				],
			},
			additionalFields: { footer: ' Reply STOP to opt out ' },
		});
		expect(r.error).toBeUndefined();
		expect(bodies()).toEqual([
			[
				'POST',
				'/v1/templates',
				{
					...SENT_BASE,
					headerType: 'text',
					headerContent: 'Order {{1}}',
					buttons: [
						{ type: 'quick_reply', text: 'Thanks' },
						{ type: 'url', text: 'Track', url: 'https://acme.com/o/{{1}}', example: 'A1234' },
						{ type: 'phone', text: 'Call us', phoneNumber: '+14155551234' },
					],
					footer: 'Reply STOP to opt out',
				},
			],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({ id: expect.stringMatching(/^tmpl_/), status: 'draft' }),
		]);
		expect(r.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }]);
		expect(stand.api.templates.has(r.json[0].id as string)).toBe(true);
	});

	it('media header, no variables, contact-info button, static URL (its example not sent), JSON extras', async () => {
		const r = await run({
			name: 'catalog',
			language: 'es',
			whatsappCategory: 'MARKETING',
			body: 'Nuevo catálogo',
			headerType: 'image',
			headerContent: 'https://acme.com/sample.jpg',
			buttons: {
				button: [
					{ type: 'request_contact_info', text: 'hidden' },
					{ type: 'url', text: 'Ver', url: 'https://acme.com/c', example: 'x' },
				],
			},
			additionalFields: { extraBody: '{"smsBody": "Nuevo catalogo", "telegramBody": "Hola"}' },
		});
		expect(r.error).toBeUndefined();
		expect(bodies()[0][2]).toEqual({
			name: 'catalog',
			language: 'es',
			body: 'Nuevo catálogo',
			whatsappCategory: 'MARKETING',
			headerType: 'image',
			headerContent: 'https://acme.com/sample.jpg',
			buttons: [
				{ type: 'request_contact_info' },
				{ type: 'url', text: 'Ver', url: 'https://acme.com/c' },
			],
			smsBody: 'Nuevo catalogo',
			telegramBody: 'Hola',
		});
	});

	it('authentication: one-tap passcode button and its options; a number example sent as text', async () => {
		const r = await run({
			name: 'login_code',
			language: 'en',
			whatsappCategory: 'AUTHENTICATION',
			body: '{{1}} is your code.',
			variables: { variable: [{ example: '={{ 123456 }}' }] },
			buttons: {
				button: [
					{
						type: 'otp',
						text: 'Autofill',
						otpType: 'ONE_TAP',
						packageName: ' com.acme ',
						signatureHash: 'K8a/AINcGX7',
					},
				],
			},
			additionalFields: { addSecurityRecommendation: true, codeExpirationMinutes: 10 },
		});
		expect(r.error).toBeUndefined();
		expect(bodies()[0][2]).toEqual({
			name: 'login_code',
			language: 'en',
			body: '{{1}} is your code.',
			whatsappCategory: 'AUTHENTICATION',
			variables: ['123456'],
			buttons: [
				{
					type: 'otp',
					text: 'Autofill',
					otpType: 'ONE_TAP',
					packageName: 'com.acme',
					signatureHash: 'K8a/AINcGX7',
				},
			],
			addSecurityRecommendation: true,
			codeExpirationMinutes: 10,
		});
	});

	it('is not resent after a 5xx; Continue On Fail carries a 409, the next item is created', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/templates' }, status: 502 });
		const r = await run(
			{ ...BASE, name: '={{ $json.name }}' },
			[{ name: 'a' }, { name: 'b' }, { name: 'b' }, { name: 'c' }],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(bodies().map(([, , body]) => (body as IDataObject).name)).toEqual(['a', 'b', 'b', 'c']);
		expect(r.json).toEqual([
			expect.objectContaining({ code: 'bad_gateway', httpCode: 502 }),
			expect.objectContaining({ name: 'b', status: 'draft' }),
			{
				error: 'A template named b in en_US already exists [template_already_exists]',
				code: 'template_already_exists',
				httpCode: 409,
			},
			expect.objectContaining({ name: 'c', status: 'draft' }),
		]);
		expect(r.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
	});
});
