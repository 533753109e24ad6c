/**
 * The stand-in's contacts module, its channel routes (`/v1/contacts/{id}/channels…`) and what it
 * shares with the stand-in. The contact routes: contacts.test.ts.
 */
import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);
const contacts = () => stand.api.modules.contacts;

const SMS = { channel: 'sms' as const, identifier: '+14155551234' };
const EMAIL = { channel: 'email' as const, identifier: 'john@example.com' };

describe('/v1/contacts/{id}/channels', () => {
	test('add (201 { channel }), update, set primary (200 { channel }), remove (204)', async () => {
		const contact = contacts().seed({ channels: [SMS] });
		const base = `/v1/contacts/${contact.id}/channels`;
		const added = await call(base, {
			body: { channel: 'sms', identifier: '+14155550000', label: 'home' },
		});
		expect(added.status).toBe(201);
		expect(added.json).toEqual({
			channel: expect.objectContaining({
				channel: 'sms',
				identifier: '+14155550000',
				isPrimary: false,
				label: 'home',
			}),
		});
		const id = added.json.channel.id;

		const updated = await call(`${base}/${id}`, {
			method: 'PATCH',
			body: { label: null, verified: true, metadata: { k: 'v' } },
		});
		expect(updated.json.channel).toMatchObject({ id, verified: true, metadata: { k: 'v' } });
		expect(updated.json.channel).not.toHaveProperty('label');

		const primary = await call(`${base}/${id}/primary`, { method: 'POST' });
		expect(primary.json.channel).toMatchObject({ id, isPrimary: true });
		expect(contacts().contacts.get(contact.id)).toMatchObject({ primaryPhone: '+14155550000' });

		const removed = await call(`${base}/${id}`, { method: 'DELETE' });
		expect([removed.status, removed.text]).toEqual([204, '']);
		// The other SMS channel becomes the primary again.
		expect(contacts().contacts.get(contact.id)).toMatchObject({
			primaryPhone: SMS.identifier,
			channels: [{ isPrimary: true }],
		});
	});

	test('errors: the last channel, an unknown channel, a channel another contact has, a bad body', async () => {
		const contact = contacts().seed({ channels: [SMS] });
		const other = contacts().seed({ channels: [EMAIL] });
		const base = `/v1/contacts/${contact.id}/channels`;
		const last = await call(`${base}/${contact.channels[0].id}`, { method: 'DELETE' });
		expect([last.status, last.json.code]).toEqual([400, 'cannot_remove_last_channel']);
		const unknown = await call(`${base}/js7%2Fnope/primary`, { method: 'POST' });
		expect(unknown.json).toEqual({
			code: 'channel_not_found',
			message: `Channel js7/nope not found on contact ${contact.id}`,
		});
		const taken = await call(base, { body: EMAIL });
		expect(taken.json).toEqual({
			code: 'contact_channel_exists',
			message: expect.stringContaining(other.id),
		});
		const bad = await call(base, { body: { channel: 'voice', identifier: 'x' } });
		expect(bad.json).toEqual({
			code: 'validation_error',
			message: expect.stringMatching(/^identifier: .*E\.164/),
		});
	});

	test('shares the stand-in: recording and injected faults apply to its routes', async () => {
		stand.api.inject({
			match: { method: 'GET', path: '/v1/contacts*' },
			status: 503,
			code: 'unavailable',
		});
		const res = await call('/v1/contacts');
		expect([res.status, res.json.code]).toEqual([503, 'unavailable']);
		expect(stand.api.requestsTo('GET', '/v1/contacts')).toHaveLength(1);
		expect((await call('/v1/contacts', { key: 'zv_wrong' })).status).toBe(401);
	});
});
