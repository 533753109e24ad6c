// Contact → Create, Get, Get by Phone, Get Many, Update, Delete, Merge, through real n8n-core
// against the stand-in's contacts module. The channel operations: contactChannel.test.ts.
import type { IDataObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ContactSeed } from '../stand-in/resources/contacts';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const SMS = { channel: 'sms' as const, identifier: '+14155551234' };
const EMAIL = { channel: 'email' as const, identifier: 'john@example.com' };
/** An id with a space and a slash: the node must send it as one encoded path segment. */
const ODD = 'jx7 odd/1';
const ODD_PATH = 'jx7%20odd%2F1';

const contacts = () => stand.api.modules.contacts;
const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'contact', ...params }, items, settings);
const sent = () =>
	stand.api.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);

/** A seeded contact under the id `id` (e.g. one that needs encoding). */
function seedAs(id: string, seed: ContactSeed = { channels: [SMS] }) {
	const contact = contacts().seed(seed);
	contacts().contacts.delete(contact.id);
	const tags = contacts().tags.get(contact.id);
	if (tags) contacts().tags.set(id, tags);
	contact.id = id;
	contacts().contacts.set(id, contact);
	return contact;
}

describe('Contact → Create', () => {
	it('POSTs the channels, name and metadata to /v1/contacts and emits the contact itself', async () => {
		const r = await run({
			operation: 'create',
			channels: {
				entry: [
					{ channel: 'sms', identifier: ' +14155551234 ', countryCode: 'us', label: ' work ' },
					{ channel: 'whatsapp', identifier: '+14155551234', isPrimary: true, label: '' },
					{ channel: 'email', identifier: 'john@example.com', isPrimary: false },
				],
			},
			additionalFields: {
				displayName: 'John Doe',
				metadata: { entry: [{ key: 'source', value: 'n8n' }] },
			},
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: '/v1/contacts',
				query: {},
				body: {
					channels: [
						{ channel: 'sms', identifier: '+14155551234', countryCode: 'US', label: 'work' },
						{ channel: 'whatsapp', identifier: '+14155551234', isPrimary: true },
						{ channel: 'email', identifier: 'john@example.com' },
					],
					displayName: 'John Doe',
					metadata: { source: 'n8n' },
				},
			},
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^jx7/),
				displayName: 'John Doe',
				primaryPhone: '+14155551234',
				primaryEmail: 'john@example.com',
				availableChannels: ['sms', 'whatsapp', 'email'],
			}),
		]);
		expect(r.json[0].channels).toHaveLength(3);
		expect(paired(r)).toEqual([{ item: 0 }]);
		expect(contacts().contacts.has(r.json[0].id as string)).toBe(true);
	});

	it('creates one contact per item from expressions', async () => {
		const r = await run(
			{
				operation: 'create',
				channels: { entry: [{ channel: '={{ $json.type }}', identifier: '={{ $json.to }}' }] },
				additionalFields: { displayName: '={{ $json.name }}' },
			},
			[
				{ type: 'sms', to: '+14155550001', name: 'A' },
				{ type: 'telegram', to: '123456789', name: 'B' },
			],
		);
		expect(sent().map((s) => s.body)).toEqual([
			{ channels: [{ channel: 'sms', identifier: '+14155550001' }], displayName: 'A' },
			{ channels: [{ channel: 'telegram', identifier: '123456789' }], displayName: 'B' },
		]);
		expect(r.json.map((j) => j.displayName)).toEqual(['A', 'B']);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		[{ entry: [] }, 'Channels is empty: add at least one channel [item 0]'],
		[
			{ entry: [{ channel: 'sms', identifier: '555-1234' }] },
			'Channels 1 → Identifier "555-1234" is not in E.164 format [item 0]',
		],
		[
			{ entry: [{ channel: 'fax', identifier: '+14155551234' }] },
			'Channels 1 → Channel "fax" is not a contact channel: use email, instagram, messenger, sms, telegram, voice, whatsapp [item 0]',
		],
		[{ entry: [SMS, SMS] }, 'Channels 2 repeats Channels 1 (+14155551234) [item 0]'],
		[
			{
				entry: [
					{ ...SMS, isPrimary: true },
					{ ...SMS, identifier: '+14155550000', isPrimary: true },
				],
			},
			'Channels 1 and 2 are both primary SMS channels: a contact has one primary channel per type [item 0]',
		],
		[
			{ entry: [{ ...SMS, countryCode: 'USA' }] },
			'Channels 1 → Country Code "USA" is not a two-letter ISO 3166-1 country code [item 0]',
		],
	])('refuses bad channels before any request: %j', async (channels, message) => {
		const r = await run({ operation: 'create', channels, additionalFields: {} });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Contact → Get, Get by Phone', () => {
	it('GETs /v1/contacts/{id} with the id encoded and emits the contact', async () => {
		seedAs(ODD, { channels: [SMS], displayName: 'Odd' });
		const r = await run({ operation: 'get', contactId: ODD });
		expect(sent()).toEqual([
			{ method: 'GET', path: `/v1/contacts/${ODD_PATH}`, query: {}, body: undefined },
		]);
		expect(r.json).toEqual([expect.objectContaining({ id: ODD, displayName: 'Odd' })]);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('GETs /v1/contacts/phone/{phone} with the + encoded', async () => {
		const seeded = contacts().seed({
			channels: [EMAIL, { channel: 'whatsapp', identifier: '+5215512345678' }],
		});
		const r = await run({ operation: 'getByPhone', phoneNumber: ' +5215512345678 ' });
		expect(sent()).toEqual([
			{ method: 'GET', path: '/v1/contacts/phone/%2B5215512345678', query: {}, body: undefined },
		]);
		expect(r.json).toEqual([
			expect.objectContaining({ id: seeded.id, primaryEmail: EMAIL.identifier }),
		]);
	});
});

describe('Contact → Get Many', () => {
	it('Return All follows nextCursor; Limit asks for only that many', async () => {
		for (let k = 0; k < 105; k++) {
			contacts().seed({
				channels: [{ channel: 'sms', identifier: `+1415555${String(1000 + k)}` }],
			});
		}
		const all = await run({ operation: 'getAll', returnAll: true, filters: {} });
		expect(all.json).toHaveLength(105);
		expect(new Set(all.json.map((j) => j.id)).size).toBe(105);
		expect(sent().map((s) => [s.method, s.path, s.query.limit, !!s.query.cursor])).toEqual([
			['GET', '/v1/contacts', '100', false],
			['GET', '/v1/contacts', '100', true],
		]);
		expect(paired(all).every((p) => (p as { item: number }).item === 0)).toBe(true);

		stand.api.clearRequests();
		const some = await run({ operation: 'getAll', returnAll: false, limit: 3, filters: {} });
		expect(some.json).toHaveLength(3);
		expect(sent().map((s) => s.query)).toEqual([{ limit: '3' }]);
	});

	it('sends phoneNumber and search, and several tags as repeated `tag` (all must match)', async () => {
		const both = contacts().seed({ displayName: 'José', channels: [SMS], tags: ['vip', 'chile'] });
		contacts().seed({ displayName: 'José Two', channels: [EMAIL], tags: ['vip'] });
		const r = await run({
			operation: 'getAll',
			returnAll: true,
			filters: { phoneNumber: ' +14155551234 ', search: ' jose ', tag: 'VIP, chile, vip,' },
		});
		expect(r.error).toBeUndefined();
		const [request] = sent();
		// The stand-in answers 400 to `tag[0]=…` (n8n's default array format) and to unknown tags,
		// so one contact back means both tags reached it as `tag=VIP&tag=chile`.
		expect(request.query).toEqual({
			limit: '100',
			phoneNumber: '+14155551234',
			search: 'jose',
			tag: 'chile',
		});
		expect(r.json.map((j) => j.id)).toEqual([both.id]);
	});

	it("an unknown tag is Zavu's 400, shown with its code", async () => {
		const r = await run({ operation: 'getAll', returnAll: true, filters: { tag: 'nope' } });
		expect(r.thrown).toBeInstanceOf(NodeApiError);
		expect(r.error?.message).toBe('tag: unknown tag "nope" [validation_error]');
	});
});

describe('Contact → Update', () => {
	it('PATCHes only the fields added; empty name and None clear them (null)', async () => {
		seedAs(ODD, { channels: [SMS], displayName: 'Old', metadata: { a: '1' } });
		const r = await run({
			operation: 'update',
			contactId: ODD,
			updateFields: { defaultChannel: 'whatsapp', metadata: { entry: [{ key: 'b', value: '2' }] } },
		});
		expect(sent()).toEqual([
			{
				method: 'PATCH',
				path: `/v1/contacts/${ODD_PATH}`,
				query: {},
				body: { defaultChannel: 'whatsapp', metadata: { b: '2' } },
			},
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: ODD,
				displayName: 'Old',
				defaultChannel: 'whatsapp',
				metadata: { b: '2' },
			}),
		]);

		stand.api.clearRequests();
		const cleared = await run({
			operation: 'update',
			contactId: ODD,
			updateFields: { defaultChannel: 'clear', displayName: '  ' },
		});
		expect(sent()[0].body).toEqual({ defaultChannel: null, displayName: null });
		expect(cleared.json[0]).not.toHaveProperty('displayName');
		expect(cleared.json[0]).not.toHaveProperty('defaultChannel');
	});
});

describe('Contact → Delete', () => {
	it('DELETEs /v1/contacts/{id} and emits what was deleted (Zavu answers 204)', async () => {
		seedAs(ODD);
		const r = await run({ operation: 'delete', contactId: ODD });
		expect(sent()).toEqual([
			{ method: 'DELETE', path: `/v1/contacts/${ODD_PATH}`, query: {}, body: undefined },
		]);
		expect(stand.api.requests[0].status).toBe(204);
		expect(r.json).toEqual([{ id: ODD, deleted: true }]);
		expect(paired(r)).toEqual([{ item: 0 }]);
		expect(contacts().contacts.has(ODD)).toBe(false);
	});
});

describe('Contact → Merge', () => {
	it('POSTs the source id to /v1/contacts/{target}/merge and emits the target with both channel sets', async () => {
		seedAs(ODD, { channels: [SMS] });
		const source = contacts().seed({ channels: [EMAIL] });
		const r = await run({ operation: 'merge', contactId: ODD, sourceContactId: ` ${source.id} ` });
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: `/v1/contacts/${ODD_PATH}/merge`,
				query: {},
				body: { sourceContactId: source.id },
			},
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: ODD,
				primaryPhone: SMS.identifier,
				primaryEmail: EMAIL.identifier,
			}),
		]);
		expect(contacts().merged.get(source.id)).toBe(ODD);
	});
});
