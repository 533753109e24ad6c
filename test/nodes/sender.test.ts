// Sender → Create, Get, Get Many, Update (with the WhatsApp Business profile), Delete, Regenerate
// Webhook Secret, through real n8n-core against the stand-in (core senders + resources/senders.ts).
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const DEFAULT = 'snd_seed00000000000001'; // sms + whatsapp, +14155550100
const EMAIL = 'snd_seed00000000000002'; // email only
const HOOK = 'https://example.com/zavu/events';

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'sender', ...params }, items, settings);
const sent = () =>
	stand.api.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('Sender → Create', () => {
	it('POSTs the inputs as Zavu names them and emits the sender, its webhook secret once', async () => {
		const r = await run({
			operation: 'create',
			name: ' Support ',
			additionalFields: {
				phoneNumber: ' +525512345678 ',
				enableVoice: true,
				enableSmsOneway: false,
				setAsDefault: true,
				emailFromName: 'Acme',
				webhookUrl: HOOK,
				webhookEvents: ['message.inbound', 'call.completed'],
				webhookSignatureVersion: 'v1+v2',
			},
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/v1/senders',
				query: {},
				body: {
					name: 'Support',
					emailFromName: 'Acme',
					enableSmsOneway: false,
					enableVoice: true,
					setAsDefault: true,
					phoneNumber: '+525512345678',
					webhookUrl: HOOK,
					webhookEvents: ['message.inbound', 'call.completed'],
					webhookSignatureVersion: 'v1+v2',
				},
			},
		]);
		const id = r.json[0].id as string;
		expect(r.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^snd_/),
				name: 'Support',
				phoneNumber: '+525512345678',
				channels: ['sms', 'voice'],
				isDefault: true,
				webhook: {
					url: HOOK,
					events: ['message.inbound', 'call.completed'],
					active: true,
					signatureVersion: 'v1+v2',
					secret: stand.api.webhookSecret(id),
				},
			}),
		]);
		expect(paired(r)).toEqual([{ item: 0 }]);
		expect(stand.api.senders.get(DEFAULT)!.isDefault).toBe(false);
	});

	it("Continue On Fail: Zavu's refusal is carried, the next item is created", async () => {
		const r = await run(
			{
				operation: 'create',
				name: '={{ $json.name }}',
				additionalFields: { phoneNumber: '={{ $json.phone }}' },
			},
			[
				{ name: 'A', phone: '+14155559999' },
				{ name: 'B', phone: '+525512345678' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(sent().map((s) => s.body)).toEqual([
			{ name: 'A', phoneNumber: '+14155559999' },
			{ name: 'B', phoneNumber: '+525512345678' },
		]);
		expect(r.json).toEqual([
			{
				error: 'phoneNumber: +14155559999 is not a phone number of this project [validation_error]',
				code: 'validation_error',
				httpCode: 400,
			},
			expect.objectContaining({ name: 'B', channels: ['sms'] }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('is not resent after a 503 (no idempotency key: it could create the sender twice)', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/senders' }, status: 503 });
		const r = await run({ operation: 'create', name: 'A' });
		expect(r.error?.message).toMatch(/\[service_unavailable\]$/);
		expect(stand.api.requests).toHaveLength(1);
	});

	it.each([
		[{ name: ' ' }, 'Name is empty [item 0]'],
		[
			{ name: 'A', additionalFields: { enableVoice: true } },
			'Enable Voice needs a Phone Number [item 0]',
		],
		[
			{ name: 'A', additionalFields: { phoneNumber: '555-1234' } },
			'Phone Number "555-1234" is not in E.164 format [item 0]',
		],
		[
			{ name: 'A', additionalFields: { webhookEvents: ['message.inbound'] } },
			'Webhook Events and Webhook Signature Version need a Webhook URL [item 0]',
		],
		[
			{ name: 'A', additionalFields: { webhookUrl: HOOK } },
			'Webhook Events is empty: choose the events to send to the webhook [item 0]',
		],
		[
			{
				name: 'A',
				additionalFields: { webhookUrl: 'http://example.com', webhookEvents: ['message.sent'] },
			},
			'Webhook URL "http://example.com" is not an HTTPS URL [item 0]',
		],
		[
			{ name: 'A', additionalFields: { emailAddress: 'nope' } },
			'Email Address "nope" is not a valid email address [item 0]',
		],
	])('refuses %j before any request', async (parameters, message) => {
		const r = await run({ operation: 'create', ...parameters });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Sender → Get / Get Many', () => {
	it("GETs each item's sender (id encoded) and emits it bare; a 404 is carried, the next runs", async () => {
		const r = await run(
			{ operation: 'get', senderId: '={{ $json.id }}' },
			[{ id: EMAIL }, { id: 'snd x/y' }, { id: DEFAULT }],
			{ onError: 'continueRegularOutput' },
		);
		expect(sent()).toEqual([
			{ method: 'GET', path: `/v1/senders/${EMAIL}`, query: {}, body: undefined },
			{ method: 'GET', path: '/v1/senders/snd%20x%2Fy', query: {}, body: undefined },
			{ method: 'GET', path: `/v1/senders/${DEFAULT}`, query: {}, body: undefined },
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: EMAIL,
				emailAddress: 'hello@example.com',
				channels: ['email'],
			}),
			{
				error: expect.stringMatching(/^Sender .* not found \[sender_not_found\]$/),
				code: 'sender_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: DEFAULT, isDefault: true }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses an id of ".." before any request', async () => {
		const r = await run({ operation: 'get', senderId: byId('..') });
		expect(r.error?.message).toBe('Sender ID ".." is not a valid ID [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});

	it('Get Many follows the cursor up to Limit; Continue On Fail carries a 500', async () => {
		for (let k = 0; k < 3; k++) {
			await run({
				operation: 'create',
				name: `S${k}`,
				additionalFields: { enableSmsOneway: true },
			});
		}
		stand.api.clearRequests();
		const r = await run({ operation: 'getAll', limit: 4 });
		expect(sent()).toEqual([
			{ method: 'GET', path: '/v1/senders', query: { limit: '4' }, body: undefined },
		]);
		expect(r.json).toHaveLength(4);
		expect(paired(r).every((p) => (p as { item: number }).item === 0)).toBe(true);

		stand.api.clearRequests();
		stand.api.inject({
			match: { method: 'GET', path: '/v1/senders' },
			status: 500,
			code: 'internal_error',
			message: 'Boom',
		});
		const all = await run(
			{ operation: 'getAll', returnAll: true, options: { maxAttempts: 1 } },
			[{}, {}],
			{ onError: 'continueRegularOutput' },
		);
		expect(all.json[0]).toEqual({
			error: 'Boom [internal_error]',
			code: 'internal_error',
			httpCode: 500,
		});
		expect(
			all.json
				.slice(1)
				.map((s) => s.id)
				.sort(),
		).toEqual([...stand.api.senders.keys()].sort());
		expect(stand.api.requests.map((q) => q.query)).toEqual([{ limit: '100' }, { limit: '100' }]);
		expect(paired(all)[0]).toEqual({ item: 0 });
		expect(
			paired(all)
				.slice(1)
				.every((p) => (p as { item: number }).item === 1),
		).toBe(true);
	});

	it('Get Many refuses Limit 0 before any request', async () => {
		const r = await run({ operation: 'getAll', limit: 0 });
		expect(r.error?.message).toBe('Limit must be a whole number of at least 1, got 0 [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});
