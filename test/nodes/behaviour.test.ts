import { ZAVU, runZavu, types, useStandIn } from './setup';
import { Workflow } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { loadOptions, testCredential } from '../harness/n8n';

const { api, credentials } = useStandIn();

describe('Continue On Fail', () => {
	it('3 items, the middle one fails at the API: it carries the error, the others run', async () => {
		const [a, c] = api.seedInvitations(2);
		const run = await runZavu(
			credentials(),
			{ resource: 'invitation', operation: 'get', invitationId: '={{ $json.id }}' },
			[{ id: a.id }, { id: 'does-not-exist' }, { id: c.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			expect.objectContaining({ id: a.id, status: 'pending' }),
			{
				error: expect.stringMatching(/\[invitation_not_found\]$/),
				code: 'invitation_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: c.id, status: 'pending' }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(api.requests.map((r) => r.path)).toEqual([
			`/v1/invitations/${a.id}`,
			'/v1/invitations/does-not-exist',
			`/v1/invitations/${c.id}`,
		]);
	});

	it('Continue On Fail items: httpCode is a number when Zavu answered, absent for network and parse failures', async () => {
		const [a, b, c] = api.seedInvitations(3);
		api.inject(
			{ match: { method: 'GET', path: `/v1/invitations/${a.id}` }, reset: true, times: 5 },
			{ match: { method: 'GET', path: `/v1/invitations/${b.id}` }, malformed: true, times: 5 },
			{
				match: { method: 'GET', path: `/v1/invitations/${c.id}` },
				status: 503,
				code: 'unavailable',
				message: 'Down',
				times: 5,
			},
		);
		const run = await runZavu(
			credentials(),
			{
				resource: 'invitation',
				operation: 'get',
				invitationId: '={{ $json.id }}',
				options: { maxAttempts: 1 },
			},
			[{ id: a.id }, { id: b.id }, { id: c.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json.map((j) => [j.code, j.httpCode, typeof j.httpCode])).toEqual([
			['ECONNRESET', undefined, 'undefined'],
			['invalid_response', undefined, 'undefined'],
			['unavailable', 503, 'number'],
		]);
		expect(run.json.every((j) => !('httpCode' in j) || typeof j.httpCode === 'number')).toBe(true);
	});

	it('3 items, the middle one fails validation: no request for it, the others are created', async () => {
		const run = await runZavu(
			credentials(),
			{
				resource: 'invitation',
				operation: 'create',
				clientName: '={{ $json.name }}',
				clientEmail: '={{ $json.email }}',
				additionalFields: {},
			},
			[
				{ name: 'One', email: 'one@acme.com' },
				{ name: 'Two', email: 'two-at-acme.com' },
				{ name: 'Three', email: 'three@acme.com' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json[0]).toMatchObject({ clientName: 'One', status: 'pending' });
		expect(run.json[1]).toEqual({
			error: 'Client Email "two-at-acme.com" is not a valid email address [item 1]',
			code: 'invalid_parameter',
		});
		expect(run.json[2]).toMatchObject({ clientName: 'Three', status: 'pending' });
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(api.requests.map((r) => r.body?.clientName)).toEqual(['One', 'Three']);
	});

	it('a completed invitation in a cancel batch keeps the hint in its item', async () => {
		const [a, b] = api.seedInvitations(2);
		api.completeInvitation(b.id);
		const run = await runZavu(
			credentials(),
			{ resource: 'invitation', operation: 'cancel', invitationId: '={{ $json.id }}' },
			[{ id: a.id }, { id: b.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json[0]).toMatchObject({ id: a.id, status: 'cancelled' });
		expect(run.json[1]).toMatchObject({
			error: 'Cannot cancel a completed invitation [invitation_completed]',
			code: 'invitation_completed',
			httpCode: 409,
			description: expect.stringMatching(/Manage the sender instead/),
		});
	});
});

describe('Zavu API credential', () => {
	it('the node authenticates with the bearer key and a base URL with spaces and trailing slashes', async () => {
		const [inv] = api.seedInvitations(1);
		const run = await runZavu(
			{ apiKey: api.apiKey, baseUrl: `  ${api.baseUrl}///  ` },
			{ resource: 'invitation', operation: 'get', invitationId: inv.id },
		);
		expect(run.error).toBeUndefined();
		expect(api.requests[0].path).toBe(`/v1/invitations/${inv.id}`);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${api.apiKey}`);
	});

	// The editor's "Test" button, as n8n 2.40's CredentialsTester runs the credential's own `test`
	// request (through n8n-core's RoutingNode, on a NoOp node).
	it('test with a good key: GET /v1/me with the bearer key, base URL with spaces and trailing slashes', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: api.apiKey,
			baseUrl: `  ${api.baseUrl}/// `,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(api.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['GET', '/v1/me', `Bearer ${api.apiKey}`],
		]);
	});

	it('test with a bad key says the key is wrong', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: 'zv_live_wrong',
			baseUrl: api.baseUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'Invalid API key: Zavu answered 401. Check the API Key (zv_live_… or zv_test_…) in the Zavu dashboard under API Keys.',
		});
		// n8n-core's httpRequestWithAuthentication sends a request answered 401 once more after
		// its preAuthentication step (for token refreshes), even when the credential has none.
		expect(api.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/v1/me', 'Bearer zv_live_wrong'],
			['/v1/me', 'Bearer zv_live_wrong'],
		]);
	});

	it('test with an empty key asks Zavu too and shows the same message', async () => {
		const result = await testCredential(types, 'zavudevApi', { apiKey: ' ', baseUrl: api.baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Invalid API key: Zavu answered 401\./);
	});

	it('test against a base URL without Zavu behind it (404) says so', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: api.apiKey,
			baseUrl: `${api.baseUrl}/not-zavu`,
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'No Zavu API at this Base URL: GET /v1/me answered 404. Leave the Base URL as https://api.zavu.dev unless you use a sandbox or a local stand-in.',
		});
	});

	it('test against an unreachable base URL shows the network error', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: api.apiKey,
			baseUrl: 'http://127.0.0.1:9',
		});
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		expect(api.requests).toHaveLength(0);
	});

	it('test with the Base URL left empty goes to https://api.zavu.dev', async () => {
		const credential = new ZavudevApi();
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => undefined,
				getByNameAndVersion: () => undefined,
				getKnownTypes: () => ({}),
			} as never,
		});
		const resolve = (baseUrl: unknown) =>
			workflow.expression.getSimpleParameterValue(
				{ id: 'n', name: 'N', type: 'noOp', typeVersion: 1, position: [0, 0], parameters: {} },
				credential.test.request.baseURL as string,
				'internal',
				{ $credentials: { apiKey: 'k', baseUrl } } as never,
			);
		expect(resolve('')).toBe('https://api.zavu.dev');
		expect(resolve('  ')).toBe('https://api.zavu.dev');
		expect(resolve(' http://127.0.0.1:4010// ')).toBe('http://127.0.0.1:4010');
	});

	it('a node run with a bad key surfaces the 401 from Zavu', async () => {
		const run = await runZavu(
			{ apiKey: 'zv_live_wrong', baseUrl: api.baseUrl },
			{ resource: 'invitation', operation: 'get', invitationId: 'x' },
		);
		expect(run.error?.message).toBe('Invalid API key [unauthorized]');
		expect(run.error?.httpCode).toBe('401');
		expect(run.error?.description).toMatch(/Check the API key/);
	});
});

describe('the API key never leaks', () => {
	const secret = 'zv_live_s3cr3t_never_shown_0123456789';

	beforeAll(() => {
		api.apiKey = secret;
	});

	it('not in output items, error items or thrown errors', async () => {
		const [inv] = api.seedInvitations(1);
		api.completeInvitation(inv.id);
		const creds = { apiKey: secret, baseUrl: api.baseUrl };
		const runs = [
			await runZavu(creds, { resource: 'invitation', operation: 'get', invitationId: inv.id }),
			await runZavu(creds, { resource: 'invitation', operation: 'cancel', invitationId: inv.id }),
			await runZavu(
				creds,
				{ resource: 'invitation', operation: 'cancel', invitationId: inv.id },
				[{}],
				{ onError: 'continueRegularOutput' },
			),
			await runZavu(
				{ apiKey: secret, baseUrl: 'http://127.0.0.1:9' },
				{
					resource: 'invitation',
					operation: 'get',
					invitationId: 'x',
					options: { maxAttempts: 1 },
				},
			),
			await runZavu(
				{ apiKey: secret, baseUrl: 'http://127.0.0.1:9' },
				{
					resource: 'invitation',
					operation: 'get',
					invitationId: 'x',
					options: { maxAttempts: 1 },
				},
				[{}],
				{ onError: 'continueRegularOutput' },
			),
		];
		// The runs did produce data and errors to look at.
		expect(runs[0].json[0].id).toBe(inv.id);
		expect(runs[1].error).toBeDefined();
		expect(runs[2].json[0].code).toBe('invitation_completed');
		expect(runs[3].error?.message).toMatch(/ECONNREFUSED/);
		expect(runs[4].json[0].code).toBe('ECONNREFUSED');
		for (const run of runs) {
			expect(JSON.stringify(run.items)).not.toContain(secret);
			expect(JSON.stringify(run.run.data.resultData)).not.toContain(secret);
			if (run.error) {
				expect(run.error.message).not.toContain(secret);
				expect(String(run.error.description ?? '')).not.toContain(secret);
				expect(JSON.stringify(run.error)).not.toContain(secret);
			}
		}
	});
});

describe('Phone Number dropdown', () => {
	it("lists the project's numbers through the credential", async () => {
		const options = await loadOptions(
			types,
			{
				type: ZAVU,
				parameters: { resource: 'invitation', operation: 'create' },
				credentials: { zavudevApi: credentials() as never },
			},
			'getPhoneNumbers',
		);
		const numbers = [...api.phoneNumbers.values()];
		expect(numbers.length).toBeGreaterThan(0);
		expect(options).toEqual(
			numbers.map((n) => ({ name: `${n.phoneNumber} (${n.name})`, value: n.id })),
		);
		expect(api.requests.map((r) => [r.path, r.query.limit, r.headers.authorization])).toEqual([
			['/v1/phone-numbers', '100', `Bearer ${api.apiKey}`],
		]);
	});
});
