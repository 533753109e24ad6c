import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials } = useStandIn();

const phoneChecks = () => api.requestsTo('POST', '/v1/introspect/phone');
const emailChecks = () => api.requestsTo('POST', '/v1/introspect/email');

describe('Lookup → Validate Phone', () => {
	const params = (options: Record<string, unknown> = {}) => ({
		resource: 'lookup',
		operation: 'validatePhone',
		phoneNumber: '={{ $json.phone }}',
		options,
	});

	it("POSTs each item's number and emits Zavu's answer as it is, paired with its row", async () => {
		const run = await runZavu(credentials(), params(), [
			{ phone: ' +14155551234 ' },
			{ phone: '+56221234567' },
			{ phone: '555-1234' },
		]);
		expect(run.error).toBeUndefined();
		expect(phoneChecks().map((r) => [r.path, r.query, r.body])).toEqual([
			['/v1/introspect/phone', {}, { phoneNumber: '+14155551234' }],
			['/v1/introspect/phone', {}, { phoneNumber: '+56221234567' }],
			['/v1/introspect/phone', {}, { phoneNumber: '555-1234' }],
		]);
		expect(api.requests).toHaveLength(3);
		expect(phoneChecks()[0].headers['content-type']).toMatch(/application\/json/);
		expect(run.json).toEqual([
			{
				phoneNumber: '+14155551234',
				countryCode: 'US',
				validNumber: true,
				availableChannels: ['sms', 'whatsapp', 'voice'],
				carrier: { name: 'T-Mobile USA', type: 'mobile' },
				lineType: 'mobile',
				nationalFormat: '(415) 555-1234',
			},
			expect.objectContaining({ countryCode: 'CL', validNumber: true, lineType: 'landline' }),
			// Not E.164: an answer, not an error.
			{ phoneNumber: '555-1234', countryCode: '', validNumber: false, availableChannels: [] },
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('a number from a spreadsheet cell (a number, no +) is sent as text', async () => {
		const run = await runZavu(credentials(), params(), [{ phone: 14155551234 }]);
		expect(phoneChecks()[0].body).toEqual({ phoneNumber: '14155551234' });
		expect(run.json[0].validNumber).toBe(false);
	});

	it("Continue On Fail: the failing item carries Zavu's code and message, the next one runs", async () => {
		api.inject({
			match: { method: 'POST', path: '/v1/introspect/phone' },
			status: 403,
			code: 'forbidden',
			message: 'Lookups are not enabled for this project',
		});
		const run = await runZavu(
			credentials(),
			params(),
			[{ phone: '+14155551234' }, { phone: '+56912345678' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{
				error: 'Lookups are not enabled for this project [forbidden]',
				code: 'forbidden',
				httpCode: 403,
			},
			expect.objectContaining({ phoneNumber: '+56912345678', validNumber: true }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(phoneChecks()).toHaveLength(2);
	});

	it('a lookup changes nothing, so a 503 is retried', async () => {
		api.inject({ match: { method: 'POST', path: '/v1/introspect/phone' }, status: 503 });
		const run = await runZavu(credentials(), params(), [{ phone: '+14155551234' }]);
		expect(run.error).toBeUndefined();
		expect(phoneChecks()).toHaveLength(2);
		expect(run.json[0].validNumber).toBe(true);
	});

	it.each([
		['an empty', ''],
		['a blank', '   '],
		['a missing', null],
	])('%s number fails before any request, naming the field and the item', async (_l, phone) => {
		const run = await runZavu(credentials(), params(), [{ phone }]);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe('Phone Number is empty [item 0]');
		expect(run.error?.context?.itemIndex).toBe(0);
		expect(api.requests).toHaveLength(0);
	});
});

describe('Lookup → Validate Email', () => {
	const params = (email: unknown = '={{ $json.email }}') => ({
		resource: 'lookup',
		operation: 'validateEmail',
		email,
		options: {},
	});

	it("one address per item: POSTs { email } and emits that address's result itself", async () => {
		api.modules.introspect.suppress('gone@acme.com', 'hard_bounce');
		const run = await runZavu(credentials(), params(), [
			{ email: ' Ana@Acme.com ' },
			{ email: 'gone@acme.com' },
		]);
		expect(run.error).toBeUndefined();
		expect(emailChecks().map((r) => [r.path, r.query, r.body])).toEqual([
			['/v1/introspect/email', {}, { email: 'Ana@Acme.com' }],
			['/v1/introspect/email', {}, { email: 'gone@acme.com' }],
		]);
		expect(run.json).toEqual([
			{
				email: 'Ana@Acme.com',
				normalized: 'ana@acme.com',
				domain: 'acme.com',
				reasons: [],
				verdict: 'deliverable',
			},
			{
				email: 'gone@acme.com',
				normalized: 'gone@acme.com',
				domain: 'acme.com',
				reasons: ['suppressed_hard_bounce'],
				verdict: 'undeliverable',
			},
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a list from an expression: one request with { emails }, one output item per address, in order', async () => {
		const list = ['a@acme.com', 'info@acme.com', 'x@mailinator.com', 'broken'];
		const run = await runZavu(credentials(), params('={{ $json.list }}'), [{ list }]);
		expect(run.error).toBeUndefined();
		expect(emailChecks().map((r) => r.body)).toEqual([{ emails: list }]);
		expect(run.json.map((j) => [j.email, j.verdict, j.reasons])).toEqual([
			['a@acme.com', 'deliverable', []],
			['info@acme.com', 'risky', ['role_address']],
			['x@mailinator.com', 'risky', ['disposable_domain']],
			['broken', 'undeliverable', ['invalid_syntax']],
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual(list.map(() => ({ item: 0 })));
	});

	it("Continue On Fail: the failing item carries Zavu's code and message, the next one runs", async () => {
		api.inject({
			match: { method: 'POST', path: '/v1/introspect/email' },
			status: 402,
			code: 'insufficient_balance',
			message: 'Not enough credit for email validation',
		});
		const run = await runZavu(
			credentials(),
			params(),
			[{ email: 'a@acme.com' }, { email: 'b@acme.com' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json).toEqual([
			{
				error: 'Not enough credit for email validation [insufficient_balance]',
				code: 'insufficient_balance',
				httpCode: 402,
			},
			expect.objectContaining({ email: 'b@acme.com', verdict: 'deliverable' }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("without Continue On Fail, Zavu's error stops the node", async () => {
		api.inject({
			match: { method: 'POST', path: '/v1/introspect/email' },
			status: 400,
			code: 'validation_error',
			message: 'email: must be a non-empty string',
		});
		const run = await runZavu(credentials(), params(), [{ email: 'a@acme.com' }]);
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toBe('email: must be a non-empty string [validation_error]');
		expect(run.error?.httpCode).toBe('400');
	});

	it.each([
		['an empty address', '', 'Email is empty [item 0]'],
		['an empty list', [], 'Email is an empty list [item 0]'],
		[
			'a list with a blank entry',
			['a@acme.com', ' '],
			'Email has an empty or non-text entry at position 1 [item 0]',
		],
		[
			'more than 100 addresses',
			Array.from({ length: 101 }, (_, k) => `u${k}@acme.com`),
			'Email has 101 addresses; Zavu checks at most 100 per request [item 0]',
		],
		['a number', 42, 'Email must be an address or a list of addresses, got number [item 0]'],
	])('%s fails before any request', async (_label, value, message) => {
		const run = await runZavu(credentials(), params('={{ $json.v }}'), [{ v: value }]);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(message);
		expect(api.requests).toHaveLength(0);
	});
});
