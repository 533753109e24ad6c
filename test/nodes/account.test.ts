import { NodeOperationError } from 'n8n-workflow';

import { SEEDED_BALANCE } from '../stand-in/resources/balance';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials } = useStandIn();

describe('Account → Get Balance', () => {
	const params = (options: Record<string, unknown> = {}) => ({
		resource: 'account',
		operation: 'getBalance',
		options,
	});
	afterEach(() => {
		api.modules.balance.set({ ...SEEDED_BALANCE });
	});

	it('GETs /v1/balance once per item, without query or body, and emits the answer as it is', async () => {
		const run = await runZavu(credentials(), params(), [{ row: 1 }, { row: 2 }]);
		expect(run.error).toBeUndefined();
		expect(api.requests.map((r) => [r.method, r.path, r.query, r.rawBody])).toEqual([
			['GET', '/v1/balance', {}, ''],
			['GET', '/v1/balance', {}, ''],
		]);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${api.apiKey}`);
		expect(run.json).toEqual([
			{
				balance: 150_000,
				currency: 'USD',
				isSubAccount: false,
				creditLimit: null,
				totalSpent: null,
			},
			{
				balance: 150_000,
				currency: 'USD',
				isSubAccount: false,
				creditLimit: null,
				totalSpent: null,
			},
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("a sub-account's key: its credit limit and spend come through", async () => {
		api.modules.balance.set({ isSubAccount: true, creditLimit: 20_000, totalSpent: 4_321 });
		const run = await runZavu(credentials(), params());
		expect(run.json).toEqual([
			{
				balance: 150_000,
				currency: 'USD',
				isSubAccount: true,
				creditLimit: 20_000,
				totalSpent: 4_321,
			},
		]);
	});

	it("Continue On Fail: the failing item carries Zavu's code and message, the next one runs", async () => {
		api.inject({
			match: { method: 'GET', path: '/v1/balance' },
			status: 403,
			code: 'forbidden',
			message: 'This API key cannot read billing',
		});
		const run = await runZavu(credentials(), params(), [{}, {}], {
			onError: 'continueRegularOutput',
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{ error: 'This API key cannot read billing [forbidden]', code: 'forbidden', httpCode: 403 },
			expect.objectContaining({ balance: 150_000, currency: 'USD' }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(api.requests).toHaveLength(2);
	});

	it('a read: a 502 is retried', async () => {
		api.inject({ match: { method: 'GET', path: '/v1/balance' }, status: 502 });
		const run = await runZavu(credentials(), params());
		expect(run.error).toBeUndefined();
		expect(api.requests).toHaveLength(2);
	});

	it('a bad option fails before any request, naming it and the item', async () => {
		const run = await runZavu(credentials(), params({ maxAttempts: 0 }));
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(
			'Max Attempts must be a whole number from 1 to 10, got 0 [item 0]',
		);
		expect(api.requests).toHaveLength(0);
	});
});

describe('Account → Get Project', () => {
	const params = (options: Record<string, unknown> = {}) => ({
		resource: 'account',
		operation: 'getProject',
		options,
	});

	it('GETs /v1/me and emits the project, team, key and test mode as Zavu answers them', async () => {
		const run = await runZavu(credentials(), params(), [{}, {}]);
		expect(run.error).toBeUndefined();
		expect(api.requests.map((r) => [r.method, r.path, r.query, r.rawBody])).toEqual([
			['GET', '/v1/me', {}, ''],
			['GET', '/v1/me', {}, ''],
		]);
		expect(run.json).toEqual([
			{
				project: { id: 'prj_standin0001', name: 'Stand-in Project', isSubAccount: false },
				team: { id: 'team_standin0001', name: 'Stand-in Team' },
				apiKey: { id: 'key_standin0001' },
				isTestMode: true,
			},
			expect.objectContaining({ isTestMode: true }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("Continue On Fail: the failing item carries Zavu's code and message, the next one runs", async () => {
		api.inject({
			match: { method: 'GET', path: '/v1/me' },
			status: 401,
			code: 'unauthorized',
			message: 'API key revoked',
		});
		const run = await runZavu(credentials(), params(), [{}, {}], {
			onError: 'continueRegularOutput',
		});
		expect(run.json).toEqual([
			{
				error: 'API key revoked [unauthorized]',
				code: 'unauthorized',
				httpCode: 401,
				description: expect.stringMatching(/Check the API key/),
			},
			expect.objectContaining({ project: expect.objectContaining({ id: 'prj_standin0001' }) }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a bad option fails before any request, naming it and the item', async () => {
		const run = await runZavu(credentials(), params({ timeoutSeconds: 0 }), [{}]);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe('Timeout must be more than 0 seconds, got 0 [item 0]');
		expect(api.requests).toHaveLength(0);
	});
});
