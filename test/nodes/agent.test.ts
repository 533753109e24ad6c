// Agent → Get, Get Many and the agent list search, through real n8n-core against the stand-in
// (test/stand-in/resources/agents.ts).
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { listSearch } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { runZavu, types, ZAVU } from './setup';

const stand = useStandIn({ perTest: true });

const SUPPORT = 'agent_seed00000000000001';
const DRAFT = 'agent_seed00000000000002';

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'agent', ...params }, items, settings);
const sent = () => stand.api.requests.map((r) => [r.method, r.path, r.query]);
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const agents = () => stand.api.modules.agents;

describe('Agent → Get', () => {
	it("GETs each item's agent (id encoded), unwraps { agent }; a 404 is carried, the next runs", async () => {
		const r = await run(
			{ operation: 'get', agentId: '={{ $json.id }}' },
			[{ id: SUPPORT }, { id: 'agent x/1' }, { id: { __rl: true, mode: 'list', value: DRAFT } }],
			{ onError: 'continueRegularOutput' },
		);
		expect(sent()).toEqual([
			['GET', `/v1/agents/${SUPPORT}`, {}],
			['GET', '/v1/agents/agent%20x%2F1', {}],
			['GET', `/v1/agents/${DRAFT}`, {}],
		]);
		expect(r.json[0]).toEqual(agents().agents.get(SUPPORT));
		expect(r.json[0]).toMatchObject({ name: 'Customer Support', voice: { enabled: true } });
		expect(r.json[1]).toEqual({
			error: 'Agent agent x/1 not found [agent_not_found]',
			code: 'agent_not_found',
			httpCode: 404,
		});
		expect(r.json[2]).toMatchObject({ id: DRAFT, enabled: false });
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it.each([
		[
			{ __rl: true, mode: 'id', value: '={{ "agent 1" }}' },
			'Agent ID "agent 1" is not a valid agent ID [item 0]',
		],
		['={{ $json.nothing }}', 'Agent ID is empty [item 0]'],
	])('refuses %j before any request', async (agentId, message) => {
		const r = await run({ operation: 'get', agentId });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Agent → Get Many', () => {
	it('Return All walks the cursor, newest first; Limit stops early', async () => {
		const added = Array.from({ length: 120 }, (_, k) => agents().seed({ name: `A${k}` }));
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.error).toBeUndefined();
		expect(stand.api.requests.map((q) => [q.path, q.query.limit, typeof q.query.cursor])).toEqual([
			['/v1/agents', '100', 'undefined'],
			['/v1/agents', '100', 'string'],
		]);
		expect(all.json).toHaveLength(122);
		expect(all.json.slice(0, 3).map((a) => a.id)).toEqual(
			added
				.slice(-3)
				.map((a) => a.id)
				.reverse(),
		);
		expect(paired(all).every((p) => (p as { item: number }).item === 0)).toBe(true);

		stand.api.clearRequests();
		const some = await run({ operation: 'getAll', limit: 5 });
		expect(sent()).toEqual([['GET', '/v1/agents', { limit: '5' }]]);
		expect(some.json).toHaveLength(5);
	});

	it('Continue On Fail: a 500 on one item is carried, the next lists', async () => {
		stand.api.inject({
			match: { method: 'GET', path: '/v1/agents' },
			status: 500,
			code: 'internal_error',
			message: 'Boom',
		});
		const r = await run(
			{ operation: 'getAll', returnAll: true, options: { maxAttempts: 1 } },
			[{}, {}],
			{ onError: 'continueRegularOutput' },
		);
		expect(r.json).toEqual([
			{ error: 'Boom [internal_error]', code: 'internal_error', httpCode: 500 },
			expect.objectContaining({ id: expect.stringMatching(/^agent_seed/) }),
			expect.objectContaining({ id: expect.stringMatching(/^agent_seed/) }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});

	it('refuses Limit 0 before any request', async () => {
		const r = await run({ operation: 'getAll', limit: 0 });
		expect(r.error?.message).toBe('Limit must be a whole number of at least 1, got 0 [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('the agent list search (for Agent → Get, and later Call → Create)', () => {
	const search = (token?: string) =>
		listSearch(
			types,
			{
				type: ZAVU,
				parameters: { resource: 'agent', operation: 'get' },
				credentials: { zavudevApi: stand.credentials() as never },
			},
			'searchAgents',
			undefined,
			token,
		);

	it('labels each agent by name, model and senders; pages with the cursor', async () => {
		for (let k = 0; k < 100; k++) agents().seed({ name: `A${k}`, senderIds: ['s1'] });
		const first = await search();
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({
			name: 'A99 - openai gpt-4o-mini, 1 sender',
			value: expect.any(String),
		});
		const second = await search(first.paginationToken);
		expect(second.paginationToken).toBeUndefined();
		expect(second.results).toEqual([
			{ name: 'Sales draft - anthropic claude-3-5-sonnet, 0 senders (disabled)', value: DRAFT },
			{ name: 'Customer Support - openai gpt-4o-mini, 1 sender', value: SUPPORT },
		]);
		expect(sent()).toEqual([
			['GET', '/v1/agents', { limit: '100' }],
			['GET', '/v1/agents', { limit: '100', cursor: first.paginationToken }],
		]);
	});
});
