import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials } = useStandIn();

const listRequests = () =>
	api.requests.filter((r) => r.method === 'GET' && r.path === '/v1/invitations');

describe('Invitation → Get Many', () => {
	beforeAll(() => {
		api.invitations.clear();
		api.seedInvitations(250);
	});

	it('Return All walks nextCursor over 250 invitations, 100 per request, each once', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(250);
		const ids = run.json.map((j) => j.id);
		expect(new Set(ids).size).toBe(250);
		expect(new Set(ids)).toEqual(new Set(api.invitations.keys()));
		expect(run.json.every((j) => !('items' in j))).toBe(true);

		const requests = listRequests();
		expect(requests.map((r) => r.query.limit)).toEqual(['100', '100', '100']);
		expect(requests[0].query.cursor).toBeUndefined();
		expect(requests[1].query.cursor).toEqual(expect.any(String));
		expect(requests[2].query.cursor).not.toBe(requests[1].query.cursor);
		// Every item is paired with the single input item.
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('a Limit of 150 takes 100 then 50 and stops', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'getAll',
			returnAll: false,
			limit: 150,
			filters: {},
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(150);
		expect(new Set(run.json.map((j) => j.id)).size).toBe(150);
		expect(listRequests().map((r) => r.query.limit)).toEqual(['100', '50']);
	});

	it('a small Limit makes one request of that size', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'getAll',
			returnAll: false,
			limit: 5,
			filters: {},
		});
		expect(run.json).toHaveLength(5);
		expect(listRequests().map((r) => r.query)).toEqual([{ limit: '5' }]);
	});

	it('filters by status', async () => {
		const [a, b] = [...api.invitations.values()];
		api.completeInvitation(a.id);
		api.openInvitation(b.id);
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'completed' },
		});
		expect(listRequests()[0].query).toEqual({ limit: '100', status: 'completed' });
		expect(run.json.map((j) => [j.id, j.status])).toEqual([[a.id, 'completed']]);
		expect(run.json[0].senderId).toEqual(expect.stringMatching(/^snd_/));
	});

	it('emits nothing (and no error) when there are no matches', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'expired' },
		});
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([]);
		expect(listRequests()).toHaveLength(1);
	});

	it('rejects a Limit below 1 before any request', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'getAll',
			returnAll: false,
			limit: 0,
			filters: {},
		});
		expect(run.error?.message).toBe('Limit must be a whole number of at least 1, got 0 [item 0]');
		expect(api.requests).toHaveLength(0);
	});
});

describe('pagination guard', () => {
	// A list endpoint that hands out the same cursor forever: a broken or hostile server.
	let server: http.Server;
	let baseUrl: string;
	let hits: string[] = [];

	beforeAll(async () => {
		server = http.createServer((req, res) => {
			hits.push(req.url ?? '');
			res.setHeader('content-type', 'application/json');
			res.end(
				JSON.stringify({
					items: [{ id: `inv_${hits.length}`, status: 'pending' }],
					nextCursor: 'same-cursor',
				}),
			);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => new Promise<void>((resolve) => server.close(() => resolve())));
	beforeEach(() => {
		hits = [];
	});

	it('stops with an error when a cursor comes back, instead of looping or duplicating', async () => {
		const run = await runZavu(
			{ apiKey: 'zv_test_k', baseUrl },
			{
				resource: 'invitation',
				operation: 'getAll',
				returnAll: true,
				filters: {},
			},
		);
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toMatch(/cursor "same-cursor" a second time after 2 items/);
		expect(hits).toEqual([
			'/v1/invitations?limit=100',
			'/v1/invitations?limit=100&cursor=same-cursor',
		]);
		expect(run.items).toEqual([]);
	});
});
