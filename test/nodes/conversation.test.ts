// Conversation → Get, Get Many, Get Messages, Mark As Read, through real n8n-core against the
// stand-in (whose threads are built from its messages: test/stand-in/resources/conversations.ts).
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { FILTER_CHANNELS, keysOf } from '../../nodes/Zavu/constants';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });
const { credentials } = stand;

const DEFAULT_SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';

const conversation = (operation: string, parameters: Record<string, unknown> = {}) => ({
	resource: 'conversation',
	operation,
	...parameters,
});
const requests = () => stand.api.requests.map((r) => [r.method, r.path]);
const receive = (from: string, text = 'Hi', extra: object = {}) =>
	stand.api.receiveMessage({ from, text, channel: 'whatsapp', ...extra });

describe('Conversation → Get', () => {
	it("GETs each item's thread by id and emits it unwrapped, paired with its row", async () => {
		const a = receive('+14155550001');
		const b = receive('maria@example.com', 'Hola', { channel: 'email', senderId: EMAIL_SENDER });
		const run = await runZavu(
			credentials(),
			conversation('get', { conversationId: '={{ $json.conv }}' }),
			[{ conv: a.conversationId }, { conv: ` ${b.conversationId} ` }],
		);
		expect(run.error).toBeUndefined();
		expect(requests()).toEqual([
			['GET', `/v1/conversations/${a.conversationId}`],
			['GET', `/v1/conversations/${b.conversationId}`],
		]);
		expect(stand.api.requests[0].headers.authorization).toBe(`Bearer ${stand.api.apiKey}`);
		expect(stand.api.requests[0].rawBody).toBe('');
		expect(run.json).toEqual([
			{
				id: a.conversationId,
				channels: ['whatsapp'],
				contactIdentifier: '+14155550001',
				createdAt: a.createdAt,
				lastMessage: {
					id: a.id,
					at: a.createdAt,
					channel: 'whatsapp',
					direction: 'inbound',
					text: 'Hi',
				},
				messageCount: 1,
				unreadCount: 1,
				updatedAt: a.updatedAt,
				senderId: DEFAULT_SENDER,
			},
			expect.objectContaining({ id: b.conversationId, email: 'maria@example.com' }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it("encodes the id as one path segment; Continue On Fail keeps Zavu's code and runs the next item", async () => {
		const a = receive('+14155550001');
		const run = await runZavu(
			credentials(),
			conversation('get', { conversationId: '={{ $json.conv }}' }),
			[{ conv: 'conv nope/x' }, { conv: a.conversationId }],
			{ onError: 'continueRegularOutput' },
		);
		expect(requests()).toEqual([
			['GET', '/v1/conversations/conv%20nope%2Fx'],
			['GET', `/v1/conversations/${a.conversationId}`],
		]);
		expect(run.json).toEqual([
			{
				error: 'Conversation conv nope/x not found [conversation_not_found]',
				code: 'conversation_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: a.conversationId }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		// An expression that gives nothing (a literal empty value n8n refuses itself).
		['={{ " " }}', 'Conversation ID is empty [item 0]'],
		['..', 'Conversation ID ".." is not a valid ID [item 0]'],
	])('refuses the id %j before any request', async (id, message) => {
		const run = await runZavu(credentials(), conversation('get', { conversationId: id }));
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Conversation → Get Many', () => {
	/** `n` WhatsApp threads, +14155550000 first (so the oldest). */
	const seed = (n: number) =>
		Array.from({ length: n }, (_, k) => receive(`+1415555${String(k).padStart(4, '0')}`));
	const lists = () => stand.api.requests.filter((r) => r.path === '/v1/conversations');

	it('Return All follows the cursor through every page, most recent first', async () => {
		const seeded = seed(205);
		const run = await runZavu(credentials(), conversation('getAll', { returnAll: true }));
		expect(run.error).toBeUndefined();
		expect(lists().map((r) => [r.method, r.query.limit, typeof r.query.cursor])).toEqual([
			['GET', '100', 'undefined'],
			['GET', '100', 'string'],
			['GET', '100', 'string'],
		]);
		expect(run.json.map((c) => c.id)).toEqual(seeded.map((m) => m.conversationId).reverse());
		expect(run.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('Limit 120 takes 100 + 20', async () => {
		seed(130);
		const run = await runZavu(credentials(), conversation('getAll', { limit: 120 }));
		expect(run.json).toHaveLength(120);
		expect(lists().map((r) => r.query.limit)).toEqual(['100', '20']);
	});

	it('sends channel, search (trimmed) and sender as Zavu names them', async () => {
		seed(3);
		receive('maria@example.com', 'Hola', { channel: 'email', senderId: EMAIL_SENDER });
		const run = await runZavu(
			credentials(),
			conversation('getAll', {
				returnAll: true,
				filters: { channel: 'email', search: '  mar ', senderId: EMAIL_SENDER },
			}),
		);
		expect(lists()[0].query).toEqual({
			limit: '100',
			channel: 'email',
			search: 'mar',
			senderId: EMAIL_SENDER,
		});
		expect(run.json).toEqual([expect.objectContaining({ contactIdentifier: 'maria@example.com' })]);

		stand.api.clearRequests();
		const empty = await runZavu(
			credentials(),
			conversation('getAll', { returnAll: true, filters: { search: ' ', channel: '' } }),
		);
		// Empty filters are left out: Zavu would answer an empty search with no threads at all.
		expect(lists()[0].query).toEqual({ limit: '100' });
		expect(empty.json).toHaveLength(4);
	});

	it('Continue On Fail: an API error on one item is carried, the next item still runs', async () => {
		seed(2);
		stand.api.inject({
			match: { method: 'GET', path: '/v1/conversations' },
			status: 500,
			code: 'internal_error',
			message: 'Boom',
		});
		const run = await runZavu(
			credentials(),
			conversation('getAll', { returnAll: true, options: { maxAttempts: 1 } }),
			[{}, {}],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json).toEqual([
			{ error: 'Boom [internal_error]', code: 'internal_error', httpCode: 500 },
			expect.objectContaining({ contactIdentifier: '+14155550001' }),
			expect.objectContaining({ contactIdentifier: '+14155550000' }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
	});

	it.each([
		[{ limit: 0 }, 'Limit must be a whole number of at least 1, got 0 [item 0]'],
		[
			{ returnAll: true, filters: { channel: 'auto' } },
			'Channel "auto" is not one Zavu can filter threads on [item 0]',
		],
	])('refuses %j before any request', async (parameters, message) => {
		const run = await runZavu(credentials(), conversation('getAll', parameters));
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Conversation → Get Messages', () => {
	const pages = (id: string) =>
		stand.api.requests.filter((r) => r.path === `/v1/conversations/${id}/messages`);

	it('Return All walks 3 pages of the thread, newest first', async () => {
		const messages = Array.from({ length: 250 }, (_, k) => receive('+14155550001', `m${k}`));
		receive('+14155550002', 'another thread');
		const id = messages[0].conversationId;
		const run = await runZavu(
			credentials(),
			conversation('getMessages', { conversationId: id, returnAll: true }),
		);
		expect(run.error).toBeUndefined();
		expect(stand.api.requests).toHaveLength(3);
		expect(pages(id).map((r) => [r.method, r.query.limit, typeof r.query.cursor])).toEqual([
			['GET', '100', 'undefined'],
			['GET', '100', 'string'],
			['GET', '100', 'string'],
		]);
		expect(pages(id)[2].query.cursor).not.toBe(pages(id)[1].query.cursor);
		expect(run.json.map((m) => m.id)).toEqual(messages.map((m) => m.id).reverse());
		expect(run.json[0]).toMatchObject({ text: 'm249', direction: 'inbound', conversationId: id });
		expect(run.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('each item its own thread, up to Limit, paired; the id encoded', async () => {
		const a = Array.from({ length: 3 }, (_, k) => receive('+14155550001', `a${k}`));
		const b = receive('+14155550002', 'b0');
		const run = await runZavu(
			credentials(),
			conversation('getMessages', { conversationId: '={{ $json.conv }}', limit: 2 }),
			[{ conv: a[0].conversationId }, { conv: b.conversationId }, { conv: 'conv x/y' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(requests()).toEqual([
			['GET', `/v1/conversations/${a[0].conversationId}/messages`],
			['GET', `/v1/conversations/${b.conversationId}/messages`],
			['GET', '/v1/conversations/conv%20x%2Fy/messages'],
		]);
		expect(stand.api.requests.map((r) => r.query)).toEqual([
			{ limit: '2' },
			{ limit: '2' },
			{ limit: '2' },
		]);
		expect(run.json.map((j) => j.text ?? j.code)).toEqual([
			'a2',
			'a1',
			'b0',
			'conversation_not_found',
		]);
		expect(run.json[3]).toEqual({
			error: 'Conversation conv x/y not found [conversation_not_found]',
			code: 'conversation_not_found',
			httpCode: 404,
		});
		expect(run.items.map((i) => i.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
	});

	it('refuses an empty id before any request', async () => {
		const run = await runZavu(
			credentials(),
			conversation('getMessages', { conversationId: '={{ $json.nothing }}', returnAll: true }),
		);
		expect(run.error?.message).toBe('Conversation ID is empty [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Conversation → Mark As Read', () => {
	it('POSTs …/read without a body and emits the thread with unreadCount 0', async () => {
		const first = receive('+14155550001');
		receive('+14155550001');
		expect(stand.api.modules.conversations.get(first.conversationId).unreadCount).toBe(2);
		const run = await runZavu(
			credentials(),
			conversation('markAsRead', { conversationId: first.conversationId }),
		);
		expect(run.error).toBeUndefined();
		expect(requests()).toEqual([['POST', `/v1/conversations/${first.conversationId}/read`]]);
		expect(stand.api.requests[0].rawBody).toBe('');
		expect(run.json).toEqual([
			expect.objectContaining({ id: first.conversationId, unreadCount: 0, messageCount: 2 }),
		]);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
		expect(stand.api.modules.conversations.get(first.conversationId).unreadCount).toBe(0);
	});

	it('is retried after a 503 (marking read twice changes nothing)', async () => {
		const first = receive('+14155550001');
		stand.api.inject({ match: { method: 'POST', path: '/v1/conversations/*' }, status: 503 });
		const run = await runZavu(
			credentials(),
			conversation('markAsRead', { conversationId: first.conversationId }),
		);
		expect(run.error).toBeUndefined();
		expect(stand.api.requests.map((r) => r.status)).toEqual([503, 200]);
		expect(run.json[0].unreadCount).toBe(0);
	});

	it("Continue On Fail: an unknown thread carries Zavu's error, the next is marked read", async () => {
		const first = receive('+14155550001');
		const run = await runZavu(
			credentials(),
			conversation('markAsRead', { conversationId: '={{ $json.conv }}' }),
			[{ conv: 'conv_gone' }, { conv: first.conversationId }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json).toEqual([
			{
				error: 'Conversation conv_gone not found [conversation_not_found]',
				code: 'conversation_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: first.conversationId, unreadCount: 0 }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an id of "." before any request', async () => {
		const run = await runZavu(credentials(), conversation('markAsRead', { conversationId: '.' }));
		expect(run.error?.message).toBe('Conversation ID "." is not a valid ID [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('the Conversation resource, as the editor and AI agents see it', () => {
	const props = new Zavu().description.properties;
	const shownFor = (p: INodeProperties, operation: string) =>
		p.displayOptions?.show?.resource?.includes('conversation') &&
		(p.displayOptions?.show?.operation ?? [operation]).includes(operation);

	it('its operations, each with a description and an action; its fields, each described', () => {
		const resource = props.find((p) => p.name === 'resource');
		expect(resource?.options).toContainEqual({ name: 'Conversation', value: 'conversation' });
		const operation = props.find((p) => p.name === 'operation' && shownFor(p, 'get'));
		const options = operation?.options as INodePropertyOptions[];
		expect(options.map((o) => o.value)).toEqual(['get', 'getAll', 'getMessages', 'markAsRead']);
		for (const o of options)
			expect([o.description, o.action]).toEqual([expect.any(String), expect.any(String)]);
		expect(operation?.default).toBe('getAll');

		const names = (op: string) => props.filter((p) => p.name !== 'operation' && shownFor(p, op));
		expect(names('get').map((p) => p.name)).toEqual(['conversationId', 'options']);
		expect(names('getAll').map((p) => p.name)).toEqual([
			'returnAll',
			'limit',
			'filters',
			'options',
		]);
		expect(names('getMessages').map((p) => p.name)).toEqual([
			'conversationId',
			'returnAll',
			'limit',
			'options',
		]);
		expect(names('markAsRead').map((p) => p.name)).toEqual(['conversationId', 'options']);
		for (const op of ['get', 'getMessages', 'markAsRead']) {
			expect(names(op)[0].description).toMatch(/conv_/);
		}
		const filters = names('getAll').find((p) => p.name === 'filters')!.options as INodeProperties[];
		expect(filters.map((f) => f.name)).toEqual(['channel', 'search', 'senderId']);
		for (const f of filters) expect(f.description).toEqual(expect.any(String));
		// The channel list is constants.ts's SDK-typed record (Zavu's ConversationListParams).
		const channel = filters.find((f) => f.name === 'channel')!;
		expect((channel.options as INodePropertyOptions[]).map((o) => o.value)).toEqual(
			keysOf(FILTER_CHANNELS),
		);
	});
});
