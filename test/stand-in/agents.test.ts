/** The stand-in's agents (resources/agents.ts): reads and writes, answered as Zavu's SDK types them. */
import type {
	AgentCreateParams,
	AgentCreateResponse,
	AgentRetrieveResponse,
	AgentTestParams,
	AgentTestResponse,
	AgentUpdateParams,
	AgentUpdateResponse,
} from '@zavudev/sdk/resources/agents/agents';
import type {
	SenderConnectParams,
	SenderConnectResponse,
} from '@zavudev/sdk/resources/agents/senders';

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

const SUPPORT = 'agent_seed00000000000001';
const DRAFT = 'agent_seed00000000000002';
const SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';
const send = (method: string, path: string, body?: unknown) =>
	callStandIn(stand.api, path, { method, body });

test('POST /v1/agents creates a disabled agent without a sender, 201 { agent }; checks the body', async () => {
	const input: AgentCreateParams = {
		name: 'Bot',
		provider: 'zavu',
		model: 'm1',
		systemPrompt: 'Be kind.',
		temperature: 0.2,
	};
	const res = await send('POST', '/v1/agents', input);
	const answer: AgentCreateResponse = res.json;
	expect(res.status).toBe(201);
	expect(answer.agent).toMatchObject({ ...input, enabled: false, senderId: '', senderIds: [] });
	expect(stand.api.modules.agents.agents.get(answer.agent.id)).toEqual(answer.agent);

	for (const [body, message] of [
		[{ ...input, name: undefined }, 'name: is required'],
		[
			{ ...input, provider: 'acme' },
			'provider: must be one of openai, anthropic, google, mistral, zavu',
		],
		[{ ...input, maxTokens: 0 }, 'maxTokens: must be a whole number of at least 1'],
		[{ ...input, enabled: true }, 'enabled: is not a field of this request'],
	] as const) {
		const bad = await send('POST', '/v1/agents', body);
		expect([bad.status, bad.json]).toEqual([400, { code: 'validation_error', message }]);
	}
});

test('PATCH /v1/agents/{id} changes the given fields, answers { agent }; DELETE answers 204', async () => {
	const input: AgentUpdateParams = { enabled: true, name: 'Renamed', maxTokens: null };
	const res = await send('PATCH', `/v1/agents/${DRAFT}`, input);
	const answer: AgentUpdateResponse = res.json;
	expect(res.status).toBe(200);
	expect(answer.agent).toMatchObject({
		id: DRAFT,
		enabled: true,
		name: 'Renamed',
		maxTokens: null,
	});
	expect((await send('PATCH', `/v1/agents/${DRAFT}`, { temperature: 'hot' })).json).toEqual({
		code: 'validation_error',
		message: 'temperature: must be a number from 0 to 2',
	});
	const deleted = await send('DELETE', `/v1/agents/${DRAFT}`);
	expect([deleted.status, deleted.text]).toEqual([204, '']);
	expect((await send('DELETE', `/v1/agents/${DRAFT}`)).status).toBe(404);
});

test('senders: connect answers { agent }; a sender held by another agent, or the primary, is refused', async () => {
	const connect: SenderConnectParams = { senderId: EMAIL_SENDER };
	const res = await send('POST', `/v1/agents/${DRAFT}/senders`, connect);
	const answer: SenderConnectResponse = res.json;
	expect([res.status, answer.agent.senderIds]).toEqual([200, [EMAIL_SENDER]]);
	expect((await send('POST', `/v1/agents/${DRAFT}/senders`, { senderId: SENDER })).json).toEqual({
		code: 'sender_in_use',
		message: `Sender ${SENDER} is already connected to agent ${SUPPORT}`,
	});
	expect((await send('POST', `/v1/agents/${DRAFT}/senders`, { senderId: 'snd_x' })).status).toBe(
		404,
	);

	const off = await send('DELETE', `/v1/agents/${DRAFT}/senders/${EMAIL_SENDER}`);
	expect(off.status).toBe(204);
	expect(stand.api.modules.agents.agents.get(DRAFT)!.senderIds).toEqual([]);
	expect((await send('DELETE', `/v1/agents/${DRAFT}/senders/${EMAIL_SENDER}`)).json).toMatchObject({
		code: 'sender_not_connected',
	});
	expect((await send('DELETE', `/v1/agents/${SUPPORT}/senders/${SENDER}`)).json).toEqual({
		code: 'validation_error',
		message: `senderId: ${SENDER} is the agent's primary sender`,
	});
});

test('POST /v1/agents/{id}/test answers a dry run, warning when the agent is disabled', async () => {
	const input: AgentTestParams = {
		message: 'Hi',
		history: [{ role: 'user', content: 'Hello' }],
		useKnowledgeBase: false,
	};
	const res = await send('POST', `/v1/agents/${DRAFT}/test`, input);
	const answer: AgentTestResponse = res.json;
	expect(res.status).toBe(200);
	expect(answer).toMatchObject({ success: true, text: 'Echo: Hi', error: null });
	expect(answer.warnings).toHaveLength(1);
	expect((await send('POST', `/v1/agents/${SUPPORT}/test`, { message: ' ' })).json).toEqual({
		code: 'validation_error',
		message: 'message: is required',
	});
});
