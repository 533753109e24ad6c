/**
 * The stand-in's sender routes beyond the core's (resources/senders.ts): create, delete and the
 * WhatsApp Business profile, on the core's own senders map and webhook hub.
 */
import type { Sender, SenderUpdateProfileResponse } from '@zavudev/sdk/resources/senders/senders';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

const DEFAULT = 'snd_seed00000000000001';
const EMAIL = 'snd_seed00000000000002';
const HOOK = 'https://example.com/hook';

describe('POST /v1/senders', () => {
	test('creates a sender the core then serves (GET, list), with its webhook and secret', async () => {
		const res = await call('/v1/senders', {
			body: {
				name: 'Support',
				phoneNumber: '+525512345678',
				enableVoice: true,
				emailAddress: 'help@example.com',
				setAsDefault: true,
				webhookUrl: HOOK,
				webhookEvents: ['message.inbound'],
			},
		});
		expect(res.status).toBe(201);
		const sender: Sender = res.json;
		expect(sender).toMatchObject({
			name: 'Support',
			phoneNumber: '+525512345678',
			emailAddress: 'help@example.com',
			channels: ['sms', 'voice', 'email'],
			isDefault: true,
			webhook: { url: HOOK, events: ['message.inbound'], active: true, signatureVersion: 'v2' },
		});
		expect(sender.webhook?.secret).toBe(stand.api.webhookSecret(sender.id));
		expect(stand.api.senders.get(DEFAULT)!.isDefault).toBe(false);

		const got = await call(`/v1/senders/${sender.id}`);
		expect(got.json).toMatchObject({ id: sender.id, name: 'Support' });
		expect(got.json.webhook.secret).toBeUndefined();
		const list = await call('/v1/senders');
		expect(list.json.items.map((s: Sender) => s.id)).toContain(sender.id);
	});

	test.each([
		[{}, 'name: is required'],
		[
			{ name: 'A', phoneNumber: '+14155559999' },
			'phoneNumber: +14155559999 is not a phone number of this project',
		],
		[
			{ name: 'A', phoneNumber: '+14155550100' },
			`phoneNumber: +14155550100 is already attached to sender ${DEFAULT}`,
		],
		[
			{ name: 'A', enableVoice: true },
			'enableVoice: needs a phoneNumber for the sender to call from',
		],
		[{ name: 'A', webhookUrl: HOOK }, 'webhookEvents: is required when creating a webhook'],
		[{ name: 'A', colour: 'red' }, 'colour: is not a field of this request'],
	])('refuses %j with a 400, storing nothing', async (body, message) => {
		const before = stand.api.senders.size;
		const res = await call('/v1/senders', { body });
		expect([res.status, res.json]).toEqual([400, { code: 'validation_error', message }]);
		expect(stand.api.senders.size).toBe(before);
	});
});

describe('DELETE /v1/senders/{id}', () => {
	test('answers 204; the sender, its webhook secret and profile are gone', async () => {
		stand.api.webhooks.updateSender(stand.api.senders.get(DEFAULT)!, {
			webhookUrl: HOOK,
			webhookEvents: ['message.inbound'],
		});
		const res = await call(`/v1/senders/${DEFAULT}`, { method: 'DELETE' });
		expect([res.status, res.text]).toEqual([204, '']);
		expect(stand.api.senders.has(DEFAULT)).toBe(false);
		expect(stand.api.webhookSecret(DEFAULT)).toBeUndefined();
		const again = await call(`/v1/senders/${DEFAULT}`, { method: 'DELETE' });
		expect([again.status, again.json.code]).toEqual([404, 'sender_not_found']);
	});
});

describe('/v1/senders/{id}/profile', () => {
	test('PATCH merges the fields and answers { success, profile }; GET answers { profile }', async () => {
		const res = await call(`/v1/senders/${DEFAULT}/profile`, {
			method: 'PATCH',
			body: { about: 'Hi', vertical: 'RETAIL', websites: ['https://a.com'] },
		});
		const answer: SenderUpdateProfileResponse = res.json;
		expect(answer).toEqual({
			success: true,
			profile: { about: 'Hi', vertical: 'RETAIL', websites: ['https://a.com'] },
		});
		await call(`/v1/senders/${DEFAULT}/profile`, { method: 'PATCH', body: { about: 'Hello' } });
		const got = await call(`/v1/senders/${DEFAULT}/profile`);
		expect(got.json).toEqual({
			profile: { about: 'Hello', vertical: 'RETAIL', websites: ['https://a.com'] },
		});
	});

	test.each([
		[DEFAULT, { about: 'x'.repeat(140) }, 400, 'validation_error'],
		[DEFAULT, { vertical: 'SPACE' }, 400, 'validation_error'],
		[DEFAULT, { websites: ['a', 'b', 'c'] }, 400, 'validation_error'],
		[EMAIL, { about: 'Hi' }, 400, 'whatsapp_not_connected'],
		['snd_nope', { about: 'Hi' }, 404, 'sender_not_found'],
	])('%s %j → %i %s', async (id, body, status, code) => {
		const res = await call(`/v1/senders/${id}/profile`, { method: 'PATCH', body });
		expect([res.status, res.json.code]).toEqual([status, code]);
	});
});
