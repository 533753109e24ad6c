// Template → Create: every check that refuses bad input before any request, each error naming
// the field (or the Extra Body JSON key) at fault. The bodies sent: templateCreate.test.ts.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

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

const BASE = {
	name: 'order_confirmation',
	language: 'en_US',
	whatsappCategory: 'UTILITY',
	body: 'Hi {{1}}, your order {{2}} has been confirmed.',
	variables: { variable: [{ example: 'Maria' }, { example: 'A1234' }] },
};
const button = (b: IDataObject) => ({ buttons: { button: [b] } });
const quick = (text: string) => ({ type: 'quick_reply', text });

describe('Template → Create: refused before any request, naming the field', () => {
	const url = (u: string, extra: IDataObject = {}) =>
		button({ type: 'url', text: 'Go', url: u, ...extra });
	it.each<[string, IDataObject, string]>([
		[
			'name format',
			{ name: 'Order-Confirmation' },
			'Name "Order-Confirmation" may only have lowercase letters, digits and underscores',
		],
		['language', { language: 'en-US' }, 'Language "en-US" is not a language code Meta uses'],
		[
			'category',
			{ whatsappCategory: '={{ "PROMO" }}' },
			'Category "PROMO" is not one of: UTILITY, MARKETING, AUTHENTICATION',
		],
		['empty body', { body: '={{ "" }}', variables: {} }, 'Body is empty'],
		[
			'body length',
			{ body: 'x'.repeat(1025), variables: {} },
			'Body is 1025 characters long; WhatsApp accepts at most 1024',
		],
		[
			'named variable',
			{ body: 'Hi {{name}}' },
			'Body has the variable "{{name}}": variables are numbered',
		],
		[
			'gap',
			{ body: 'Hi {{1}} and {{3}}' },
			'Body skips {{2}}: variables are numbered from {{1}} without gaps (found {{1}}, {{3}})',
		],
		[
			'missing example',
			{ variables: { variable: [{ example: 'Maria' }] } },
			'Body Variable Examples has 1 example but Body has 2 variables',
		],
		[
			'empty example',
			{ variables: { variable: [{ example: 'Maria' }, { example: ' ' }] } },
			'Body Variable Examples 2 (for {{2}}) is empty',
		],
		[
			'header text',
			{ headerType: 'text', headerContent: '{{1}} {{2}}' },
			'Header Text may have one variable, written {{1}}; found {{1}}, {{2}}',
		],
		[
			'header media',
			{ headerType: 'video', headerContent: 'sample.mp4' },
			'Header Media URL "sample.mp4" is not an http(s) URL',
		],
		[
			'footer variable',
			{ additionalFields: { footer: 'Bye {{1}}' } },
			'Footer cannot have variables',
		],
		[
			'footer length',
			{ additionalFields: { footer: 'x'.repeat(61) } },
			'Footer is 61 characters long; WhatsApp accepts at most 60',
		],
		[
			'button count',
			{ buttons: { button: ['a', 'b', 'c', 'd'].map(quick) } },
			'Buttons has 4 buttons; a template has at most 3',
		],
		[
			'phone count',
			{
				buttons: {
					button: [1, 2].map((n) => ({
						type: 'phone',
						text: `P${n}`,
						phoneNumber: '+14155551234',
					})),
				},
			},
			'Buttons has 2 phone buttons; a template has at most 1',
		],
		[
			'url count',
			{
				buttons: {
					button: [1, 2, 3].map((n) => ({ type: 'url', text: `U${n}`, url: 'https://a.co' })),
				},
			},
			'Buttons has 3 URL buttons; a template has at most 2',
		],
		[
			'button label',
			button(quick('x'.repeat(26))),
			'Buttons 1 → Text is 26 characters long; WhatsApp accepts at most 25',
		],
		['empty label', button(quick(' ')), 'Buttons 1 → Text is empty'],
		[
			'same labels',
			{ buttons: { button: [quick('Yes'), quick('yes')] } },
			'Buttons 2 → Text "yes" repeats Buttons 1: WhatsApp refuses two buttons with one label',
		],
		['url example', url('https://a.co/{{1}}'), 'Buttons 1 → URL Example is empty'],
		[
			'url end',
			url('https://a.co/{{1}}/x', { example: 'a' }),
			'Buttons 1 → URL must end with {{1}}',
		],
		['url variable', url('https://a.co/{{2}}'), 'Buttons 1 → URL may hold {{1}} once'],
		['url scheme', url('acme.com'), 'Buttons 1 → URL "acme.com" is not an http(s) URL'],
		[
			'phone format',
			button({ type: 'phone', text: 'Call', phoneNumber: '555-1234' }),
			'Buttons 1 → Phone Number "555-1234" is not in E.164 format',
		],
		[
			'otp category',
			button({ type: 'otp', text: 'Copy', otpType: 'COPY_CODE' }),
			'Buttons 1 → Type: passcode (otp) buttons are only for Authentication templates',
		],
		[
			'one tap',
			{
				whatsappCategory: 'AUTHENTICATION',
				...button({ type: 'otp', text: 'Fill', otpType: 'ONE_TAP' }),
			},
			'Buttons 1 → Package Name is empty',
		],
		[
			'auth only',
			{ additionalFields: { codeExpirationMinutes: 5 } },
			'Code Expiration (Minutes) is only for Authentication templates',
		],
		[
			'expiration',
			{ whatsappCategory: 'AUTHENTICATION', additionalFields: { codeExpirationMinutes: 91 } },
			'Code Expiration (Minutes) must be a whole number from 1 to 90, got 91',
		],
		[
			'bad JSON',
			{ additionalFields: { extraBody: '{smsBody:' } },
			'Extra Body (JSON) is not valid JSON',
		],
		[
			'JSON list',
			{ additionalFields: { extraBody: '[1]' } },
			'Extra Body (JSON) must be a JSON object',
		],
		[
			'JSON clash',
			{ additionalFields: { extraBody: '{"body": "x"}' } },
			'Extra Body (JSON) sets "body", which the Body field already sets',
		],
		[
			'JSON buttons',
			{ additionalFields: { extraBody: '{"buttons": [{"type": "url", "text": "Go"}]}' } },
			'Extra Body (JSON) → buttons[0].url is empty',
		],
		[
			'JSON contact info',
			{
				additionalFields: {
					extraBody: '{"buttons": [{"type": "request_contact_info", "text": "Go"}]}',
				},
			},
			'Extra Body (JSON) → buttons[0] is a Request Contact Info button, which takes no text',
		],
	])('%s', async (_rule, params, message) => {
		const r = await run({ ...BASE, ...params });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toContain(message);
		expect(r.error?.message).toMatch(/\[item 0\]$/);
		expect(stand.api.requests).toHaveLength(0);
	});

	it('Continue On Fail: a refused row sends nothing and carries the error; the next row is created', async () => {
		const r = await run(
			{ ...BASE, name: '={{ $json.name }}' },
			[{ name: 'Bad Name' }, { name: 'good_name' }],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(r.json).toEqual([
			{
				error: 'Name "Bad Name" may only have lowercase letters, digits and underscores [item 0]',
				code: 'invalid_parameter',
				description: 'E.g. order_confirmation.',
			},
			expect.objectContaining({ name: 'good_name' }),
		]);
		expect(stand.api.requests.map((q) => q.body.name)).toEqual(['good_name']);
	});
});
