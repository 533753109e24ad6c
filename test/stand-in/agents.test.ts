/** The stand-in's agents (resources/agents.ts), answered as Zavu's SDK types them. */
import type { AgentRetrieveResponse } from '@zavudev/sdk/resources/agents/agents';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string) => callStandIn(stand.api, path);

test('GET /v1/agents/{id} answers { agent }; an unknown or encoded id is decoded, then 404', async () => {
	const seeded = stand.api.modules.agents.seed({ id: 'agent a/1', name: 'Odd' });
	const res = await call('/v1/agents/agent%20a%2F1');
	const answer: AgentRetrieveResponse = res.json;
	expect([res.status, answer]).toEqual([200, { agent: seeded }]);
	const missing = await call('/v1/agents/agent_nope');
	expect([missing.status, missing.json]).toEqual([
		404,
		{ code: 'agent_not_found', message: 'Agent agent_nope not found' },
	]);
});

test('GET /v1/agents pages newest first with a cursor, over the two seeded agents and more', async () => {
	const added = Array.from({ length: 3 }, (_, k) =>
		stand.api.modules.agents.seed({ name: `A${k}` }),
	);
	const first = await call('/v1/agents?limit=4');
	expect(first.json.items.map((a: { id: string }) => a.id)).toEqual([
		...added.map((a) => a.id).reverse(),
		'agent_seed00000000000002',
	]);
	const second = await call(`/v1/agents?limit=4&cursor=${first.json.nextCursor}`);
	expect(second.json).toEqual({
		items: [expect.objectContaining({ id: 'agent_seed00000000000001' })],
		nextCursor: null,
	});
});
