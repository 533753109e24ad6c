/**
 * The stand-in's contacts module (resources/contacts.ts): the node's contact suites trust it to
 * answer like Zavu (SDK resources/contacts), so its contract is pinned here.
 */
import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);
const contacts = () => stand.api.modules.contacts;

const SMS = { channel: 'sms' as const, identifier: '+14155551234' };
const EMAIL = { channel: 'email' as const, identifier: 'john@example.com' };

describe('POST /v1/contacts', () => {
	test('201 with the bare contact: channels, primaries and the fields derived from them', async () => {
		const res = await call('/v1/contacts', {
			body: {
				displayName: 'John Doe',
				metadata: { source: 'import' },
				channels: [
					{ ...SMS, countryCode: 'US', label: 'work' },
					{ channel: 'whatsapp', identifier: '+14155551234', isPrimary: true },
					{ channel: 'sms', identifier: '+525512345678' },
					EMAIL,
				],
			},
		});
		expect(res.status).toBe(201);
		expect(res.json).not.toHaveProperty('contact');
		expect(res.json).toEqual({
			id: expect.stringMatching(/^jx7[a-z0-9]{17}$/),
			displayName: 'John Doe',
			metadata: { source: 'import' },
			verified: false,
			profileName: null,
			availableChannels: ['sms', 'whatsapp', 'email'],
			primaryPhone: '+14155551234',
			phoneNumber: '+14155551234',
			countryCode: 'US',
			primaryEmail: 'john@example.com',
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
			channels: [
				expect.objectContaining({ ...SMS, isPrimary: true, countryCode: 'US', label: 'work' }),
				expect.objectContaining({ channel: 'whatsapp', isPrimary: true, verified: false }),
				expect.objectContaining({ identifier: '+525512345678', isPrimary: false }),
				expect.objectContaining({ ...EMAIL, isPrimary: true, id: expect.stringMatching(/^js7/) }),
			],
		});
		expect(contacts().contacts.get(res.json.id)?.displayName).toBe('John Doe');
	});

	test.each([
		[{ channels: [] }, /^channels: at least one/],
		[{}, /^channels: at least one/],
		[
			{ channels: [{ channel: 'sms_oneway', identifier: '+14155551234' }] },
			/^channels\[0\]\.channel:/,
		],
		[
			{ channels: [{ channel: 'sms', identifier: '555-1234' }] },
			/^channels\[0\]\.identifier: .*E\.164/,
		],
		[
			{ channels: [{ channel: 'email', identifier: 'nope' }] },
			/^channels\[0\]\.identifier: .*email/,
		],
		[{ channels: [{ ...SMS, countryCode: 'us' }] }, /^channels\[0\]\.countryCode:/],
		[{ channels: [{ ...SMS, isPrimary: 'yes' }] }, /^channels\[0\]\.isPrimary: must be a boolean/],
		[{ channels: [SMS, SMS] }, /^channels\[1\]: repeats/],
		[
			{
				channels: [
					{ ...SMS, isPrimary: true },
					{ channel: 'sms', identifier: '+14155550000', isPrimary: true },
				],
			},
			/^channels\[1\]\.isPrimary: another sms channel/,
		],
		[{ channels: [SMS], additionalFields: {} }, /^additionalFields: is not a field/],
		[{ channels: [SMS], metadata: { n: 1 } }, /^metadata: must be an object of string values/],
	])('400 validation_error naming the field: %j', async (body, message) => {
		const res = await call('/v1/contacts', { body });
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ code: 'validation_error', message: expect.stringMatching(message) });
		expect(contacts().contacts.size).toBe(0);
	});

	test('409 contact_channel_exists when another contact has the channel', async () => {
		const owner = contacts().seed({ channels: [SMS] });
		const res = await call('/v1/contacts', { body: { channels: [EMAIL, SMS] } });
		expect(res.status).toBe(409);
		expect(res.json).toEqual({
			code: 'contact_channel_exists',
			message: expect.stringContaining(owner.id),
		});
		expect(contacts().contacts.size).toBe(1);
	});
});

describe('GET /v1/contacts/{id} and /v1/contacts/phone/{phoneNumber}', () => {
	test('the bare contact; 404 contact_not_found with the decoded id', async () => {
		const seeded = contacts().seed({ channels: [SMS], displayName: 'Ann' });
		const res = await call(`/v1/contacts/${seeded.id}`);
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ id: seeded.id, displayName: 'Ann', channels: [SMS] });
		const missing = await call('/v1/contacts/jx7%20a%2Fb');
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({
			code: 'contact_not_found',
			message: 'Contact jx7 a/b not found',
		});
	});

	test('by phone: any phone channel, the + encoded; 404 when none, 400 when not E.164', async () => {
		const seeded = contacts().seed({
			channels: [EMAIL, { channel: 'whatsapp', identifier: '+5215512345678' }],
		});
		expect((await call('/v1/contacts/phone/%2B5215512345678')).json.id).toBe(seeded.id);
		const none = await call('/v1/contacts/phone/%2B14155550000');
		expect([none.status, none.json.code]).toEqual([404, 'contact_not_found']);
		const bad = await call('/v1/contacts/phone/5551234');
		expect([bad.status, bad.json.code]).toEqual([400, 'validation_error']);
	});
});

describe('GET /v1/contacts', () => {
	test('cursor pages of { items, nextCursor }, newest first', async () => {
		const seeded = Array.from({ length: 5 }, (_, k) =>
			contacts().seed({ channels: [{ channel: 'sms', identifier: `+1415555000${k}` }] }),
		);
		const first = await call('/v1/contacts?limit=3');
		expect(first.json.items.map((c: { id: string }) => c.id)).toEqual(
			seeded
				.slice(2)
				.reverse()
				.map((c) => c.id),
		);
		const next = await call(
			`/v1/contacts?limit=3&cursor=${encodeURIComponent(first.json.nextCursor)}`,
		);
		expect(next.json).toEqual({
			items: [
				expect.objectContaining({ id: seeded[1].id }),
				expect.objectContaining({ id: seeded[0].id }),
			],
			nextCursor: null,
		});
	});

	test('phoneNumber (exact, primary phone), search (accents, trailing digits, relevance) and tags', async () => {
		const jose = contacts().seed({
			displayName: 'José Pérez',
			channels: [SMS],
			tags: ['VIP', 'chile'],
		});
		const joseph = contacts().seed({
			displayName: 'Ana Josefina',
			channels: [EMAIL],
			tags: ['vip'],
		});
		contacts().seed({
			displayName: 'Bob',
			channels: [{ channel: 'sms', identifier: '+14155550000' }],
		});
		const ids = async (query: string) =>
			(await call(`/v1/contacts?${query}`)).json.items.map((c: { id: string }) => c.id);

		expect(await ids('phoneNumber=%2B14155551234')).toEqual([jose.id]);
		expect(await ids('search=JOSE')).toEqual([jose.id, joseph.id]);
		expect(await ids('search=5551234')).toEqual([jose.id]);
		expect(await ids('tag=vip')).toEqual([joseph.id, jose.id]);
		expect(await ids('tag=vip&tag=Chile')).toEqual([jose.id]);

		const unknownTag = await call('/v1/contacts?tag=vip&tag=nope');
		expect(unknownTag.status).toBe(400);
		expect(unknownTag.json).toEqual({
			code: 'validation_error',
			message: 'tag: unknown tag "nope"',
		});
		// n8n's default array format: refused, so a node that sends it fails its tests.
		const indexed = await call('/v1/contacts?tag%5B0%5D=vip');
		expect(indexed.json).toEqual({
			code: 'validation_error',
			message: 'tag[0]: is not a query parameter',
		});
		expect((await call('/v1/contacts?phoneNumber=555')).status).toBe(400);
	});
});

describe('PATCH and DELETE /v1/contacts/{id}', () => {
	test('PATCH sets, null clears, metadata is replaced; bad values are a 400', async () => {
		const seeded = contacts().seed({ channels: [SMS], displayName: 'Old', metadata: { a: '1' } });
		const res = await call(`/v1/contacts/${seeded.id}`, {
			method: 'PATCH',
			body: { defaultChannel: 'whatsapp', displayName: null, metadata: { b: '2' } },
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			id: seeded.id,
			defaultChannel: 'whatsapp',
			metadata: { b: '2' },
		});
		expect(res.json).not.toHaveProperty('displayName');
		const cleared = await call(`/v1/contacts/${seeded.id}`, {
			method: 'PATCH',
			body: { defaultChannel: null },
		});
		expect(cleared.json).not.toHaveProperty('defaultChannel');
		for (const body of [{ defaultChannel: 'sms_oneway' }, { displayName: 3 }, { verified: true }]) {
			const bad = await call(`/v1/contacts/${seeded.id}`, { method: 'PATCH', body });
			expect([bad.status, bad.json.code]).toEqual([400, 'validation_error']);
		}
	});

	test('DELETE answers 204 without a body; the contact is gone', async () => {
		const seeded = contacts().seed({ channels: [SMS] });
		const res = await call(`/v1/contacts/${seeded.id}`, { method: 'DELETE' });
		expect([res.status, res.text]).toEqual([204, '']);
		expect((await call(`/v1/contacts/${seeded.id}`)).status).toBe(404);
		expect((await call(`/v1/contacts/${seeded.id}`, { method: 'DELETE' })).status).toBe(404);
	});
});

describe('POST /v1/contacts/{id}/merge', () => {
	test("moves the source's channels (duplicates dropped, target primaries kept); the source is gone", async () => {
		const target = contacts().seed({ channels: [SMS] });
		const source = contacts().seed({
			channels: [{ channel: 'sms', identifier: '+14155550000' }, EMAIL],
		});
		const res = await call(`/v1/contacts/${target.id}/merge`, {
			body: { sourceContactId: source.id },
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			id: target.id,
			primaryPhone: SMS.identifier,
			primaryEmail: EMAIL.identifier,
			availableChannels: ['sms', 'email'],
		});
		expect(
			res.json.channels.map((c: { identifier: string; isPrimary: boolean }) => [
				c.identifier,
				c.isPrimary,
			]),
		).toEqual([
			[SMS.identifier, true],
			['+14155550000', false],
			[EMAIL.identifier, true],
		]);
		const gone = await call(`/v1/contacts/${source.id}`);
		expect(gone.json).toEqual({
			code: 'contact_not_found',
			message: `Contact ${source.id} was merged into ${target.id}`,
		});
		expect(contacts().merged.get(source.id)).toBe(target.id);
	});

	test('itself, no source: 400; an unknown source: 404', async () => {
		const target = contacts().seed({ channels: [SMS] });
		const self = await call(`/v1/contacts/${target.id}/merge`, {
			body: { sourceContactId: target.id },
		});
		expect(self.json).toEqual({
			code: 'validation_error',
			message: 'sourceContactId: a contact cannot be merged into itself',
		});
		expect((await call(`/v1/contacts/${target.id}/merge`, { body: {} })).status).toBe(400);
		const unknown = await call(`/v1/contacts/${target.id}/merge`, {
			body: { sourceContactId: 'jx7nope' },
		});
		expect([unknown.status, unknown.json.code]).toEqual([404, 'contact_not_found']);
	});
});
