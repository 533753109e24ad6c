/** GET /v1/balance and GET /v1/me of the stand-in: the SDK's shapes, auth, other methods. */
import type { BalanceRetrieveResponse } from '@zavudev/sdk/resources/balance';
import type { MeRetrieveResponse } from '@zavudev/sdk/resources/me';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';
import { SEEDED_BALANCE } from './resources/balance';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

describe('GET /v1/balance', () => {
	test("a main project's key: the balance in cents, no sub-account figures", async () => {
		const res = await call('/v1/balance');
		expect(res.status).toBe(200);
		const body: Required<BalanceRetrieveResponse> = res.json;
		expect(body).toEqual({
			balance: 150_000,
			currency: 'USD',
			isSubAccount: false,
			creditLimit: null,
			totalSpent: null,
		});
		expect(body).toEqual(SEEDED_BALANCE);
		expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull();
	});

	test("a sub-account's key adds its credit limit and spend; back to main clears them", async () => {
		stand.api.modules.balance.set({ isSubAccount: true, creditLimit: 50_000, totalSpent: 1_234 });
		expect((await call('/v1/balance')).json).toEqual({
			balance: 150_000,
			currency: 'USD',
			isSubAccount: true,
			creditLimit: 50_000,
			totalSpent: 1_234,
		});
		stand.api.modules.balance.set({ isSubAccount: true, creditLimit: null, totalSpent: null });
		expect((await call('/v1/balance')).json).toMatchObject({ creditLimit: 0, totalSpent: 0 });
		stand.api.modules.balance.set({ isSubAccount: false, balance: 7 });
		expect((await call('/v1/balance')).json).toEqual({
			...SEEDED_BALANCE,
			balance: 7,
		});
	});

	test('needs the API key, answers only GET, and is recorded like any request', async () => {
		const denied = await call('/v1/balance', { key: 'zv_test_wrong' });
		expect(denied.status).toBe(401);
		expect(denied.json).toEqual({ code: 'unauthorized', message: 'Invalid API key' });
		const post = await call('/v1/balance', { method: 'POST', body: {} });
		expect(post.status).toBe(404);
		expect(post.json.code).toBe('not_found');
		expect((await call('/v1/balance/extra')).status).toBe(404);
		expect(stand.api.requestsTo('GET', '/v1/balance').map((r) => r.path)).toEqual([
			'/v1/balance',
			'/v1/balance/extra',
		]);
	});

	test('faults apply to it', async () => {
		stand.api.inject({ match: { method: 'GET', path: '/v1/balance' }, status: 503 });
		expect((await call('/v1/balance')).json).toEqual({
			code: 'service_unavailable',
			message: 'Injected fault (503)',
		});
		expect((await call('/v1/balance')).status).toBe(200);
	});
});

describe('GET /v1/me', () => {
	test('has exactly the fields of the SDK (MeRetrieveResponse)', async () => {
		const res = await call('/v1/me');
		expect(res.status).toBe(200);
		const me: MeRetrieveResponse = res.json;
		expect(Object.keys(me).sort()).toEqual(['apiKey', 'isTestMode', 'project', 'team']);
		expect(Object.keys(me.project).sort()).toEqual(['id', 'isSubAccount', 'name']);
		expect(Object.keys(me.team).sort()).toEqual(['id', 'name']);
		expect(Object.keys(me.apiKey)).toEqual(['id']);
		expect(me).toEqual({
			project: { id: expect.any(String), name: expect.any(String), isSubAccount: false },
			team: { id: expect.any(String), name: expect.any(String) },
			apiKey: { id: expect.any(String) },
			isTestMode: true,
		});
	});
});
