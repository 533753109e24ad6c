// Broadcast → Create, Get, Get Many, Update, Delete, through real n8n-core against the stand-in's
// broadcasts module. Contacts: broadcastContacts.test.ts; sending: broadcastSend.test.ts.
import type { IDataObject } from 'n8n-workflow';

import { listSearch } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { runZavu, types, ZAVU } from './setup';

const stand = useStandIn({ perTest: true });

/** An id with a space and a slash: the node must send it as one encoded path segment. */
const ODD = 'jh7 odd/1';
const ODD_PATH = 'jh7%20odd%2F1';

const bc = () => stand.api.modules.broadcasts;
const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'broadcast', ...params }, items, settings);
const sent = () =>
	stand.api.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/** A draft under the id `id` (e.g. one that needs encoding). */
function seedAs(id: string, patch: IDataObject = {}) {
	const b = bc().seed({ name: 'Sale', channel: 'sms', text: 'Hi' }, patch);
	bc().broadcasts.delete(b.id);
	bc().contacts.set(id, bc().contacts.get(b.id) ?? new Map());
	b.id = id;
	bc().broadcasts.set(id, b);
	return b;
}

describe('Broadcast → Create', () => {
	it('POSTs the campaign to /v1/broadcasts with an idempotency key and emits the draft', async () => {
		const r = await run({
			operation: 'create',
			name: ' Black Friday ',
			channel: 'whatsapp',
			messageType: 'template',
			text: '',
			additionalFields: {
				templateId: byId('tpl_1'),
				templateVariables: { entry: [{ key: '1', value: 'FRIDAY20' }] },
				metadata: { entry: [{ key: 'team', value: 'growth' }] },
			},
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/v1/broadcasts',
				query: {},
				body: {
					name: 'Black Friday',
					channel: 'whatsapp',
					messageType: 'template',
					content: { templateId: 'tpl_1', templateVariables: { '1': 'FRIDAY20' } },
					metadata: { team: 'growth' },
					idempotencyKey: expect.stringMatching(/^n8n-[0-9a-f]{40}$/),
				},
			},
		]);
		expect(r.json).toEqual([
			expect.objectContaining({ name: 'Black Friday', status: 'draft', totalContacts: 0 }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('an email broadcast carries its subject; scheduled at a future time', async () => {
		const at = new Date(Date.now() + 86_400_000).toISOString();
		const r = await run({
			operation: 'create',
			name: 'News',
			channel: 'email',
			messageType: 'text',
			text: 'Hello',
			emailSubject: 'Our news',
			additionalFields: { scheduledAt: at, emailHtmlBody: '<p>Hello</p>' },
		});
		expect(r.error).toBeUndefined();
		expect(sent()[0].body).toMatchObject({
			emailSubject: 'Our news',
			emailHtmlBody: '<p>Hello</p>',
			scheduledAt: at,
		});
	});

	it.each([
		[{ name: ' ' }, 'Name is empty [item 0]'],
		[
			{ channel: 'fax' },
			'Channel "fax" is not one of: email, smart, sms, sms_oneway, telegram, whatsapp [item 0]',
		],
		[{ text: '' }, 'Text is empty: a text broadcast needs the message [item 0]'],
		[{ channel: 'email' }, 'Email Subject is empty: email broadcasts need a subject [item 0]'],
		[
			{ messageType: 'image' },
			'Media URL is empty: a image broadcast needs Media URL or Media ID [item 0]',
		],
		[
			{ additionalFields: { scheduledAt: '2001-01-01T00:00:00Z' } },
			'Scheduled At 2001-01-01T00:00:00.000Z is in the past: give a future time [item 0]',
		],
	])('refuses %j before any request', async (change, message) => {
		const r = await run({
			operation: 'create',
			name: 'Sale',
			channel: 'sms',
			messageType: 'text',
			text: 'Hi',
			...change,
		});
		expect(r.thrown?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});

	it('a 5xx is not resent by the node (Zavu may have created it)', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/broadcasts' }, status: 503 });
		const r = await run({ operation: 'create', name: 'Sale', channel: 'sms', text: 'Hi' });
		expect(r.thrown?.message).toMatch(/\[service_unavailable\]$|\[http_503\]$|503/);
		expect(stand.api.requestsTo('POST', '/v1/broadcasts')).toHaveLength(1);
	});
});

describe('Broadcast → Get, Get Many', () => {
	it('GETs /v1/broadcasts/{id} with the id encoded and emits the broadcast', async () => {
		seedAs(ODD);
		const r = await run({ operation: 'get', broadcastId: '={{ $json.id }}' }, [{ id: ODD }]);
		expect(sent()).toEqual([
			{ method: 'GET', path: `/v1/broadcasts/${ODD_PATH}`, query: {}, body: undefined },
		]);
		expect(r.json).toEqual([expect.objectContaining({ id: ODD, name: 'Sale', status: 'draft' })]);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('Continue On Fail: an unknown id carries Zavu’s error, the other item runs', async () => {
		const b = bc().seed({ name: 'A', channel: 'sms', text: 'Hi' });
		const r = await run(
			{ operation: 'get', broadcastId: '={{ $json.id }}' },
			[{ id: 'nope' }, { id: b.id }],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(r.json[0]).toEqual({
			error: 'Broadcast nope not found [broadcast_not_found]',
			code: 'broadcast_not_found',
			httpCode: 404,
		});
		expect(r.json[1]).toMatchObject({ id: b.id });
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('an empty Broadcast fails before any request', async () => {
		const r = await run({ operation: 'get', broadcastId: '={{ $json.id }}' }, [{ id: ' ' }]);
		expect(r.thrown?.message).toMatch(/^Broadcast ID/);
		expect(stand.api.requests).toHaveLength(0);
	});

	it('Get Many follows the cursor with the status filter', async () => {
		for (let k = 0; k < 3; k++) bc().seed({ name: `B${k}`, channel: 'sms', text: 'Hi' });
		bc().seed({ name: 'Sent', channel: 'sms', text: 'Hi' }, { status: 'completed' });
		const r = await run({
			operation: 'getAll',
			returnAll: false,
			limit: 2,
			filters: { status: 'draft' },
		});
		expect(sent()).toEqual([
			{
				method: 'GET',
				path: '/v1/broadcasts',
				query: { status: 'draft', limit: '2' },
				body: undefined,
			},
		]);
		expect(r.json.map((j) => j.status)).toEqual(['draft', 'draft']);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 0 }]);
	});

	it('Get Many refuses a status from an expression that is not one', async () => {
		const r = await run({ operation: 'getAll', returnAll: true, filters: { status: 'done' } });
		expect(r.thrown?.message).toBe('Status "done" is not a broadcast status [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Broadcast → Update, Delete', () => {
	it('PATCHes only the fields given and emits the broadcast', async () => {
		seedAs(ODD);
		const r = await run(
			{
				operation: 'update',
				broadcastId: '={{ $json.id }}',
				updateFields: { name: ' New ', text: 'Hi {{name}}', mediaUrl: 'https://x.test/a.jpg' },
			},
			[{ id: ODD }],
		);
		expect(sent()).toEqual([
			{
				method: 'PATCH',
				path: `/v1/broadcasts/${ODD_PATH}`,
				query: {},
				body: { name: 'New', text: 'Hi {{name}}', content: { mediaUrl: 'https://x.test/a.jpg' } },
			},
		]);
		expect(r.json[0]).toMatchObject({ id: ODD, name: 'New', text: 'Hi {{name}}' });
	});

	it.each([
		[{}, 'Update Fields is empty: add the fields to change [item 0]'],
		[{ name: '' }, 'Name is empty: remove it from Update Fields or give a value [item 0]'],
		[{ mediaUrl: 'ftp://x' }, 'Media URL "ftp://x" is not an http(s) URL [item 0]'],
	])('refuses Update Fields %j before any request', async (updateFields, message) => {
		const r = await run({ operation: 'update', broadcastId: byId('jh7a'), updateFields });
		expect(r.thrown?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});

	it('DELETE answers 204: the item says what was deleted; a sent one carries the 409', async () => {
		seedAs(ODD);
		const other = bc().seed({ name: 'A', channel: 'sms', text: 'Hi' }, { status: 'sending' });
		const r = await run(
			{ operation: 'delete', broadcastId: '={{ $json.id }}' },
			[{ id: ODD }, { id: other.id }],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(sent().map((s) => [s.method, s.path])).toEqual([
			['DELETE', `/v1/broadcasts/${ODD_PATH}`],
			['DELETE', `/v1/broadcasts/${other.id}`],
		]);
		expect(r.json).toEqual([
			{ id: ODD, deleted: true },
			expect.objectContaining({ code: 'invalid_status', httpCode: 409 }),
		]);
		expect(bc().broadcasts.has(ODD)).toBe(false);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Broadcast locator → From List', () => {
	it('lists broadcasts a page at a time: name, channel, status and contacts', async () => {
		const b = bc().seed({ name: 'Sale', channel: 'sms', text: 'Hi' }, { totalContacts: 12 });
		const result = await listSearch(
			types,
			{
				type: ZAVU,
				parameters: { resource: 'broadcast', operation: 'get' },
				credentials: { zavudevApi: stand.credentials() as never },
			},
			'searchBroadcasts',
		);
		expect(result).toEqual({ results: [{ name: 'Sale [sms] - draft, 12 contacts', value: b.id }] });
		expect(stand.api.requests.map((q) => [q.method, q.path, q.query])).toEqual([
			['GET', '/v1/broadcasts', { limit: '100' }],
		]);
	});
});
