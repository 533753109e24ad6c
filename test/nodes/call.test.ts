// Call → Create, Get, Get Many, Hang Up and the call list search, through real n8n-core against
// the stand-in (test/stand-in/resources/calls.ts).
import type { IDataObject, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { CALL_DIRECTIONS, CALL_STATUSES, keysOf } from '../../nodes/Zavu/constants';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { listSearch } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { runZavu, types, ZAVU } from './setup';

const stand = useStandIn({ perTest: true });

const DEFAULT_SENDER = 'snd_seed00000000000001'; // +14155550100
const EMAIL_SENDER = 'snd_seed00000000000002'; // no phone number

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'call', ...params }, items, settings);
const sent = () => stand.api.requests.map((r) => [r.method, r.path, r.query, r.body]);
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const carry = { onError: 'continueRegularOutput' };
const calls = () => stand.api.modules.calls;

describe('Call → Create', () => {
	it('POSTs the call as Zavu names it and emits it, queued', async () => {
		const r = await run({
			operation: 'create',
			to: ' +14155551234 ',
			senderId: byId(DEFAULT_SENDER),
			additionalFields: {
				greeting: ' Hi, this is Acme. ',
				language: 'es-ES',
				maxDurationMinutes: 3,
				metadata: { entry: [{ key: 'orderId', value: 'A-1' }] },
			},
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			[
				'POST',
				'/v1/calls',
				{},
				{
					to: '+14155551234',
					senderId: DEFAULT_SENDER,
					greeting: 'Hi, this is Acme.',
					language: 'es-ES',
					maxDurationMinutes: 3,
					metadata: { orderId: 'A-1' },
				},
			],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^call_/),
				direction: 'outbound',
				from: '+14155550100',
				to: '+14155551234',
				status: 'queued',
				metadata: { orderId: 'A-1' },
			}),
		]);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('without a Sender, sends none (Zavu uses the default sender)', async () => {
		const r = await run({ operation: 'create', to: '+14155551234' });
		expect(sent()).toEqual([['POST', '/v1/calls', {}, { to: '+14155551234' }]]);
		expect(r.json[0]).toMatchObject({ from: '+14155550100' });
	});

	it("is not resent after a 503 (a billed call); Continue On Fail carries Zavu's refusals", async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/calls' }, status: 503 });
		const r = await run(
			{ operation: 'create', to: '+14155551234', senderId: '={{ $json.s }}' },
			[{ s: DEFAULT_SENDER }, { s: EMAIL_SENDER }, { s: DEFAULT_SENDER }],
			carry,
		);
		expect(stand.api.requests.map((q) => q.status)).toEqual([503, 400, 201]);
		expect(r.json).toEqual([
			expect.objectContaining({ code: 'service_unavailable', httpCode: 503 }),
			expect.objectContaining({ code: 'validation_error', httpCode: 400 }),
			expect.objectContaining({ status: 'queued' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it.each([
		[{ to: '={{ " " }}' }, 'To is empty [item 0]'],
		[{ to: '4155551234' }, 'To "4155551234" is not in E.164 format [item 0]'],
		[
			{ to: '+14155551234', senderId: byId('={{ "snd 1" }}') },
			'Sender ID "snd 1" is not a valid sender ID [item 0]',
		],
		[
			{ to: '+14155551234', additionalFields: { language: 'Spanish please' } },
			'Language "Spanish please" is not a BCP-47 language tag [item 0]',
		],
		[
			{ to: '+14155551234', additionalFields: { maxDurationMinutes: 0 } },
			'Max Duration (Minutes) must be a whole number of at least 1, got 0 [item 0]',
		],
		[
			{
				to: '+14155551234',
				additionalFields: { metadata: { entry: [{ key: '', value: 'x' }] } },
			},
			'Metadata has a value "x" without a key [item 0]',
		],
	])('refuses %j before any request', async (params, message) => {
		const r = await run({ operation: 'create', ...params });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Call → Get', () => {
	it("GETs each item's call (id encoded) with its transcript; a 404 is carried", async () => {
		const done = calls().seed({
			status: 'completed',
			durationSeconds: 42,
			transcript: [{ role: 'assistant', seq: 0, text: 'Hello!' }],
			turnCount: 1,
		});
		const r = await run(
			{ operation: 'get', callId: '={{ $json.id }}' },
			[{ id: done.id }, { id: 'call x/1' }],
			carry,
		);
		expect(sent()).toEqual([
			['GET', `/v1/calls/${done.id}`, {}, undefined],
			['GET', '/v1/calls/call%20x%2F1', {}, undefined],
		]);
		expect(r.json).toEqual([
			done,
			{ error: 'Call call x/1 not found [call_not_found]', code: 'call_not_found', httpCode: 404 },
		]);
		expect(r.json[0].transcript).toHaveLength(1);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an empty Call before any request', async () => {
		const r = await run({ operation: 'get', callId: '={{ $json.nothing }}' });
		expect(r.error?.message).toBe('Call ID is empty [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Call → Get Many', () => {
	it('sends Status and Direction and walks the cursor; no transcripts; Limit stops early', async () => {
		const done = Array.from({ length: 105 }, () =>
			calls().seed({ status: 'completed', transcript: [{ role: 'user', seq: 0, text: 'Hi' }] }),
		);
		calls().seed({ status: 'busy' });
		calls().seed({ status: 'completed', direction: 'inbound' });
		const r = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'completed', direction: 'outbound' },
		});
		expect(r.error).toBeUndefined();
		expect(
			stand.api.requests.map((q) => [
				q.path,
				q.query.direction,
				q.query.status,
				typeof q.query.cursor,
			]),
		).toEqual([
			['/v1/calls', 'outbound', 'completed', 'undefined'],
			['/v1/calls', 'outbound', 'completed', 'string'],
		]);
		expect(r.json.map((c) => c.id)).toEqual(done.map((c) => c.id).reverse());
		expect(r.json.every((c) => !('transcript' in c))).toBe(true);
		expect(paired(r).every((p) => (p as { item: number }).item === 0)).toBe(true);

		stand.api.clearRequests();
		const some = await run({ operation: 'getAll', limit: 2 });
		expect(sent()).toEqual([['GET', '/v1/calls', { limit: '2' }, undefined]]);
		expect(some.json).toHaveLength(2);
	});

	it('Continue On Fail: a 500 on one item is carried, the next lists', async () => {
		const one = calls().seed();
		stand.api.inject({
			match: { method: 'GET', path: '/v1/calls' },
			status: 500,
			code: 'internal_error',
			message: 'Boom',
		});
		const r = await run(
			{ operation: 'getAll', returnAll: true, options: { maxAttempts: 1 } },
			[{}, {}],
			carry,
		);
		expect(r.json).toEqual([
			{ error: 'Boom [internal_error]', code: 'internal_error', httpCode: 500 },
			expect.objectContaining({ id: one.id }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		[{ status: '={{ "done" }}' }, 'Status "done" is not a call status [item 0]'],
		[{ direction: '={{ "both" }}' }, 'Direction "both" is not a call direction [item 0]'],
	])('refuses %j before any request', async (filters, message) => {
		const r = await run({ operation: 'getAll', filters });
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Call → Hang Up', () => {
	it('POSTs the hang-up and emits the ended call; an ended call is a carried 409', async () => {
		const live = calls().seed({ status: 'in_progress' });
		const r = await run(
			{ operation: 'hangUp', callId: '={{ $json.id }}' },
			[{ id: live.id }, { id: live.id }],
			carry,
		);
		expect(sent()).toEqual([
			['POST', `/v1/calls/${live.id}/hangup`, {}, undefined],
			['POST', `/v1/calls/${live.id}/hangup`, {}, undefined],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({ id: live.id, status: 'completed', endReason: 'hangup' }),
			expect.objectContaining({ code: 'call_not_active', httpCode: 409 }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses a By ID value with spaces before any request', async () => {
		const r = await run({ operation: 'hangUp', callId: byId('={{ "call 1" }}') });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe('Call ID "call 1" is not a valid call ID [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('the Call resource, as the editor and AI agents see it', () => {
	it('operations are described; the filters are the SDK-typed records; the list search labels', async () => {
		const props = new Zavu().description.properties;
		const operation = props.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('call'),
		)!;
		const options = operation.options as INodePropertyOptions[];
		expect(options.map((o) => o.value)).toEqual(['create', 'get', 'getAll', 'hangUp']);
		for (const o of options)
			expect([o.description, o.action]).toEqual([expect.any(String), expect.any(String)]);
		const filters = props.find(
			(p) => p.name === 'filters' && p.displayOptions?.show?.resource?.includes('call'),
		)!;
		const [direction, status] = filters.options as Array<{ options: INodePropertyOptions[] }>;
		expect(direction.options.map((o) => o.value)).toEqual(keysOf(CALL_DIRECTIONS));
		expect(status.options.map((o) => o.value)).toEqual(keysOf(CALL_STATUSES));

		const old = calls().seed({ status: 'completed', createdAt: '2025-01-01T00:00:00.000Z' });
		const inbound = calls().seed({
			direction: 'inbound',
			from: '+525512345678',
			status: 'ringing',
			createdAt: '2025-01-02T00:00:00.000Z',
		});
		const page = await listSearch(
			types,
			{
				type: ZAVU,
				parameters: { resource: 'call', operation: 'get' },
				credentials: { zavudevApi: stand.credentials() as never },
			},
			'searchCalls',
		);
		expect(page).toEqual({
			results: [
				{
					name: '+525512345678 (inbound) - ringing, 2025-01-02T00:00:00.000Z',
					value: inbound.id,
				},
				{
					name: '+14155551234 (outbound) - completed, 2025-01-01T00:00:00.000Z',
					value: old.id,
				},
			],
		});
	});
});
