/** The stand-in's phone numbers (resources/phoneNumbers.ts over the core's map), as the SDK types them. */
import type {
	PhoneNumberPurchaseResponse,
	PhoneNumberRequirementsResponse,
	PhoneNumberRetrieveResponse,
	PhoneNumberSearchAvailableResponse,
} from '@zavudev/sdk/resources/phone-numbers';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts = {}) => callStandIn(stand.api, path, opts);
const US = 'pn_seed00000000000001';
const MX = 'pn_seed00000000000002';

test('the seeded numbers answer with status, pricing and their sender; unknown ids are a 404', async () => {
	const res = await call(`/v1/phone-numbers/${US}`);
	const answer: PhoneNumberRetrieveResponse = res.json;
	expect(res.status).toBe(200);
	expect(answer.phoneNumber).toMatchObject({
		id: US,
		phoneNumber: '+14155550100',
		status: 'active',
		senderId: 'snd_seed00000000000001',
		pricing: expect.any(Object),
	});
	const missing = await call('/v1/phone-numbers/pn%20x');
	expect([missing.status, missing.json.code]).toEqual([404, 'phone_number_not_found']);
});

test('available: per country and type, filtered by capabilities and digits, limited; owned ones left out', async () => {
	const res = await call('/v1/phone-numbers/available?countryCode=us&capabilities=sms,mms&limit=2');
	const answer: PhoneNumberSearchAvailableResponse = res.json;
	expect(answer.items.map((n) => n.phoneNumber)).toEqual(['+14155552000', '+14155552002']);
	expect(answer.items.every((n) => n.capabilities.sms && n.capabilities.mms)).toBe(true);
	const tollFree = await call(
		'/v1/phone-numbers/available?countryCode=US&type=tollFree&contains=2029',
	);
	expect(tollFree.json.items.map((n: { phoneNumber: string }) => n.phoneNumber)).toEqual([
		'+18005552029',
	]);
	await call('/v1/phone-numbers', { body: { phoneNumber: '+14155552000' } });
	const after = await call('/v1/phone-numbers/available?countryCode=US&limit=1');
	expect(after.json.items[0].phoneNumber).toBe('+14155552001');
	for (const bad of [
		'countryCode=USA',
		'countryCode=US&type=geo',
		'countryCode=US&capabilities=fax',
	]) {
		expect((await call(`/v1/phone-numbers/available?${bad}`)).status).toBe(400);
	}
});

test('requirements: a group for DE, none for US', async () => {
	const de: PhoneNumberRequirementsResponse = (
		await call('/v1/phone-numbers/requirements?countryCode=DE&type=mobile')
	).json;
	expect(de.items).toEqual([
		expect.objectContaining({ countryCode: 'DE', phoneNumberType: 'mobile' }),
	]);
	expect((await call('/v1/phone-numbers/requirements?countryCode=US')).json).toEqual({ items: [] });
});

test('purchase adds to the list; an owned number is a 409; update and release change the same map', async () => {
	const bought = await call('/v1/phone-numbers', {
		body: { phoneNumber: '+14155552004', name: 'Line' },
	});
	const answer: PhoneNumberPurchaseResponse = bought.json;
	expect([bought.status, answer.phoneNumber.name]).toEqual([201, 'Line']);
	const list = await call('/v1/phone-numbers?limit=100');
	expect(list.json.items.map((n: { id: string }) => n.id)).toContain(answer.phoneNumber.id);
	const again = await call('/v1/phone-numbers', { body: { phoneNumber: '+14155552004' } });
	expect([again.status, again.json.code]).toEqual([409, 'phone_number_unavailable']);
	expect((await call('/v1/phone-numbers', { body: { phoneNumber: '415' } })).status).toBe(400);

	const renamed = await call(`/v1/phone-numbers/${MX}`, {
		method: 'PATCH',
		body: { name: null, senderId: 'snd_seed00000000000002' },
	});
	expect(renamed.json.phoneNumber).not.toHaveProperty('name');
	expect(renamed.json.phoneNumber.senderId).toBe('snd_seed00000000000002');
	const assigned = await call(`/v1/phone-numbers/${MX}`, { method: 'DELETE' });
	expect([assigned.status, assigned.json.code]).toEqual([409, 'phone_number_assigned']);
	await call(`/v1/phone-numbers/${MX}`, { method: 'PATCH', body: { senderId: null } });
	const released = await call(`/v1/phone-numbers/${MX}`, { method: 'DELETE' });
	expect(released.status).toBe(204);
	expect(stand.api.phoneNumbers.has(MX)).toBe(false);
});
