// Agent → Create, Update, Delete, Connect Sender, Disconnect Sender, Test, through real n8n-core
// against the stand-in (test/stand-in/resources/agents.ts). Get and Get Many: ./agent.test.ts.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const SUPPORT = 'agent_seed00000000000001'; // enabled, primary sender SENDER
const DRAFT = 'agent_seed00000000000002'; // disabled, no sender
const SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'agent', ...params }, items, settings);
const sent = () => stand.api.requests.map((r) => [r.method, r.path, r.body]);
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const agents = () => stand.api.modules.agents.agents;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const onError = { onError: 'continueRegularOutput' };

/** A refusal before any request: the message names the field and the item. */
async function refused(params: IDataObject, message: string): Promise<void> {
	const r = await run(params);
	expect(r.thrown).toBeInstanceOf(NodeOperationError);
	expect(r.error?.message).toBe(message);
	expect(stand.api.requests).toHaveLength(0);
}

const CREATE = {
	operation: 'create',
	name: ' Bot ',
	provider: 'zavu',
	model: 'm1',
	systemPrompt: 'Be kind.',
};

describe('Agent → Create', () => {
	it('POSTs the inputs as Zavu names them, emits the agent unwrapped; Continue On Fail carries a 400', async () => {
		const r = await run(
			{ ...CREATE, additionalFields: { maxTokens: '={{ $json.max }}', temperature: 0.3 } },
			[{ max: 0.5 }, { max: 200 }],
			onError,
		);
		// Item 0 is refused by the node (not a whole number); item 1 is created.
		expect(sent()).toEqual([
			[
				'POST',
				'/v1/agents',
				{
					name: 'Bot',
					provider: 'zavu',
					model: 'm1',
					systemPrompt: 'Be kind.',
					maxTokens: 200,
					temperature: 0.3,
				},
			],
		]);
		expect(r.json[0]).toMatchObject({
			error: 'Max Tokens must be a whole number of at least 1, got 0.5 [item 0]',
		});
		expect(r.json[1]).toEqual(agents().get(r.json[1].id as string));
		expect(r.json[1]).toMatchObject({ name: 'Bot', enabled: false, senderIds: [] });
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);

		stand.api.clearRequests();
		stand.api.inject({
			match: { method: 'POST', path: '/v1/agents' },
			status: 400,
			code: 'validation_error',
			message: 'model: is not a model of zavu',
		});
		const api = await run(CREATE, [{}, {}], onError);
		expect(stand.api.requests).toHaveLength(2);
		expect(api.json).toEqual([
			{
				error: 'model: is not a model of zavu [validation_error]',
				code: 'validation_error',
				httpCode: 400,
			},
			expect.objectContaining({ name: 'Bot' }),
		]);
		expect(paired(api)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('Trigger On Channels: the chosen channels as Zavu names them; an unknown one is refused before any request', async () => {
		const r = await run({
			...CREATE,
			additionalFields: { triggerOnChannels: ['whatsapp', 'sms'] },
		});
		expect(sent()).toEqual([
			[
				'POST',
				'/v1/agents',
				{
					name: 'Bot',
					provider: 'zavu',
					model: 'm1',
					systemPrompt: 'Be kind.',
					triggerOnChannels: ['whatsapp', 'sms'],
				},
			],
		]);
		expect(agents().get(r.json[0].id as string)).toMatchObject({
			triggerOnChannels: ['whatsapp', 'sms'],
		});

		stand.api.clearRequests();
		const bad = await run(
			{ ...CREATE, additionalFields: { triggerOnChannels: '={{ ["whatsapp", "fax"] }}' } },
			[{}],
			onError,
		);
		expect(stand.api.requests).toHaveLength(0);
		expect(bad.json[0].error).toMatch(/^Trigger On Channels: fax is not a channel/);
	});

	it('is not resent after a 503 (no idempotency key: it could create the agent twice)', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/agents' }, status: 503 });
		const r = await run(CREATE);
		expect(r.error?.message).toMatch(/\[service_unavailable\]$/);
		expect(stand.api.requests).toHaveLength(1);
	});

	it.each([
		[{ name: ' ' }, 'Name is empty [item 0]'],
		[{ model: '={{ " " }}' }, 'Model is empty [item 0]'],
		[
			{ provider: 'acme' },
			'Provider "acme" is not one of openai, anthropic, google, mistral, zavu [item 0]',
		],
		[
			{ additionalFields: { temperature: -1 } },
			'Temperature must be a number of 0 or more, got -1 [item 0]',
		],
	])('refuses %j before any request', async (parameters, message) => {
		await refused({ ...CREATE, ...parameters }, message);
	});
});

describe('Agent → Update', () => {
	it('PATCHes only the added fields (id encoded), emits the agent; a 404 is carried, the next runs', async () => {
		const r = await run(
			{
				operation: 'update',
				agentId: '={{ $json.id }}',
				updateFields: { enabled: true, name: 'Sales', contextWindowMessages: 5 },
			},
			[{ id: 'agent x/1' }, { id: DRAFT }],
			onError,
		);
		const body = { name: 'Sales', contextWindowMessages: 5, enabled: true };
		expect(sent()).toEqual([
			['PATCH', '/v1/agents/agent%20x%2F1', body],
			['PATCH', `/v1/agents/${DRAFT}`, body],
		]);
		expect(r.json).toEqual([
			{
				error: 'Agent agent x/1 not found [agent_not_found]',
				code: 'agent_not_found',
				httpCode: 404,
			},
			agents().get(DRAFT),
		]);
		expect(r.json[1]).toMatchObject({ enabled: true, name: 'Sales', contextWindowMessages: 5 });
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		[{}, 'Nothing to update: add Update Fields [item 0]'],
		[{ systemPrompt: ' ' }, 'System Prompt is empty [item 0]'],
		[{ enabled: 'yes' }, 'Enabled must be true or false, got yes [item 0]'],
	])('refuses Update Fields %j before any request', async (updateFields, message) => {
		await refused({ operation: 'update', agentId: byId(DRAFT), updateFields }, message);
	});
});

describe('Agent → Delete', () => {
	it('DELETEs (id encoded) and says what was deleted; a 404 is carried, the next runs', async () => {
		const r = await run(
			{ operation: 'delete', agentId: '={{ $json.id }}' },
			[{ id: 'agent x/1' }, { id: DRAFT }],
			onError,
		);
		expect(sent()).toEqual([
			['DELETE', '/v1/agents/agent%20x%2F1', undefined],
			['DELETE', `/v1/agents/${DRAFT}`, undefined],
		]);
		expect(r.json).toEqual([
			{
				error: 'Agent agent x/1 not found [agent_not_found]',
				code: 'agent_not_found',
				httpCode: 404,
			},
			{ id: DRAFT, deleted: true },
		]);
		expect(agents().has(DRAFT)).toBe(false);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an id of ".." before any request', async () => {
		await refused(
			{ operation: 'delete', agentId: byId('..') },
			'Agent ID ".." is not a valid ID [item 0]',
		);
	});
});

describe('Agent → Connect Sender / Disconnect Sender', () => {
	it('POSTs { senderId } and emits the agent; a sender held by another agent is carried', async () => {
		const r = await run(
			{ operation: 'connectSender', agentId: byId(DRAFT), senderId: '={{ $json.sender }}' },
			[{ sender: SENDER }, { sender: EMAIL_SENDER }],
			onError,
		);
		expect(sent()).toEqual([
			['POST', `/v1/agents/${DRAFT}/senders`, { senderId: SENDER }],
			['POST', `/v1/agents/${DRAFT}/senders`, { senderId: EMAIL_SENDER }],
		]);
		expect(r.json).toEqual([
			{
				error: `Sender ${SENDER} is already connected to agent ${SUPPORT} [sender_in_use]`,
				code: 'sender_in_use',
				httpCode: 400,
			},
			expect.objectContaining({ id: DRAFT, senderIds: [EMAIL_SENDER] }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('Connect Sender is not resent after a 503 (a resend could answer "already in use")', async () => {
		stand.api.inject({
			match: { method: 'POST', path: `/v1/agents/${DRAFT}/senders` },
			status: 503,
		});
		const r = await run({
			operation: 'connectSender',
			agentId: byId(DRAFT),
			senderId: byId(SENDER),
		});
		expect(r.error?.message).toMatch(/\[service_unavailable\]$/);
		expect(stand.api.requests).toHaveLength(1);
	});

	it('DELETEs /v1/agents/{agentId}/senders/{senderId} (ids encoded); the primary sender is carried', async () => {
		agents().get(DRAFT)!.senderIds = ['snd a/b'];
		const r = await run(
			{
				operation: 'disconnectSender',
				agentId: '={{ $json.agent }}',
				senderId: '={{ $json.sender }}',
			},
			[
				{ agent: SUPPORT, sender: SENDER },
				{ agent: DRAFT, sender: 'snd a/b' },
			],
			onError,
		);
		expect(sent()).toEqual([
			['DELETE', `/v1/agents/${SUPPORT}/senders/${SENDER}`, undefined],
			['DELETE', `/v1/agents/${DRAFT}/senders/snd%20a%2Fb`, undefined],
		]);
		expect(r.json).toEqual([
			{
				error: `senderId: ${SENDER} is the agent's primary sender [validation_error]`,
				code: 'validation_error',
				httpCode: 400,
			},
			{ agentId: DRAFT, senderId: 'snd a/b', disconnected: true },
		]);
		expect(agents().get(DRAFT)!.senderIds).toEqual([]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each(['connectSender', 'disconnectSender'])(
		'%s refuses an empty Sender before any request',
		async (operation) => {
			await refused(
				{ operation, agentId: byId(DRAFT), senderId: '={{ $json.nothing }}' },
				'Sender ID is empty [item 0]',
			);
		},
	);
});

describe('Agent → Test', () => {
	it('POSTs the message, switches and history; emits the dry run as is; a 404 is carried', async () => {
		const r = await run(
			{
				operation: 'test',
				agentId: '={{ $json.id }}',
				message: ' Where is my order? ',
				testFields: {
					useKnowledgeBase: false,
					history: {
						turns: [
							{ role: 'user', content: 'Hi' },
							{ role: 'assistant', content: 'Hello!' },
						],
					},
				},
			},
			[{ id: 'agent_nope' }, { id: DRAFT }],
			onError,
		);
		const body = {
			message: 'Where is my order?',
			useKnowledgeBase: false,
			history: [
				{ role: 'user', content: 'Hi' },
				{ role: 'assistant', content: 'Hello!' },
			],
		};
		expect(sent()).toEqual([
			['POST', '/v1/agents/agent_nope/test', body],
			['POST', `/v1/agents/${DRAFT}/test`, body],
		]);
		expect(r.json).toEqual([
			{
				error: 'Agent agent_nope not found [agent_not_found]',
				code: 'agent_not_found',
				httpCode: 404,
			},
			expect.objectContaining({
				success: true,
				text: 'Echo: Where is my order?',
				warnings: ['The agent is disabled: it answers no real message.'],
			}),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('a plain dry run is resent after a 503; with Execute Tools it is not', async () => {
		const fault = { match: { method: 'POST', path: `/v1/agents/${SUPPORT}/test` }, status: 503 };
		stand.api.inject(fault);
		const dry = await run({ operation: 'test', agentId: byId(SUPPORT), message: 'Hi' });
		expect(dry.error).toBeUndefined();
		expect(stand.api.requests).toHaveLength(2);

		stand.api.clearRequests();
		stand.api.inject(fault);
		const live = await run({
			operation: 'test',
			agentId: byId(SUPPORT),
			message: 'Hi',
			testFields: { executeTools: true },
		});
		expect(live.error?.message).toMatch(/\[service_unavailable\]$/);
		expect(stand.api.requests).toHaveLength(1);
	});

	it.each([
		[{ message: ' ' }, 'Message is empty [item 0]'],
		[
			{ message: 'Hi', testFields: { history: { turns: [{ role: 'user', content: '' }] } } },
			'History turn 1: Content is empty [item 0]',
		],
	])('refuses %j before any request', async (parameters, message) => {
		await refused({ operation: 'test', agentId: byId(SUPPORT), ...parameters }, message);
	});
});
