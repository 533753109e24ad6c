// Phone Number → Search Available, Get Requirements, Purchase, Get, Get Many, Update, Release,
// through real n8n-core against the stand-in (core phone numbers + resources/phoneNumbers.ts).
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const US = 'pn_seed00000000000001'; // +14155550100, assigned to the default sender
const MX = 'pn_seed00000000000002'; // +525512345678
const DEFAULT_SENDER = 'snd_seed00000000000001';

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'phoneNumber', ...params }, items, settings);
const sent = () => stand.api.requests.map((r) => [r.method, r.path, r.query, r.body]);
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const carry = { onError: 'continueRegularOutput' };
const boom = (method: string, path: string) =>
	stand.api.inject({
		match: { method, path },
		status: 500,
		code: 'internal_error',
		message: 'Boom',
	});

describe('Phone Number → Search Available', () => {
	it('GETs the catalogue with country, type, capabilities, digits and limit; one item per number', async () => {
		const r = await run({
			operation: 'searchAvailable',
			countryCode: ' us ',
			filters: { type: 'local', capabilities: ['sms', 'mms'], contains: '20', limit: 3 },
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			[
				'GET',
				'/v1/phone-numbers/available',
				{ countryCode: 'US', type: 'local', capabilities: 'sms,mms', contains: '20', limit: '3' },
				undefined,
			],
		]);
		expect(r.json).toHaveLength(3);
		expect(r.json[0]).toEqual({
			phoneNumber: '+14155552000',
			capabilities: { sms: true, voice: true, mms: true },
			pricing: { upfrontPrice: 1, monthlyPrice: 1.15, isFreeEligible: true },
			region: 'US',
		});
		expect(paired(r)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('Continue On Fail: a 500 is carried, the next item searches', async () => {
		boom('GET', '/v1/phone-numbers/available');
		const r = await run(
			{ operation: 'searchAvailable', countryCode: '={{ $json.c }}', options: { maxAttempts: 1 } },
			[{ c: 'MX' }, { c: 'DE' }],
			carry,
		);
		expect(r.json[0]).toEqual({
			error: 'Boom [internal_error]',
			code: 'internal_error',
			httpCode: 500,
		});
		expect(r.json.slice(1)).toHaveLength(20);
		expect(r.json[1].phoneNumber).toMatch(/^\+4930123/);
		expect(paired(r)[1]).toEqual({ item: 1 });
	});

	it.each([
		[
			{ countryCode: 'USA' },
			'Country Code "USA" is not a two-letter ISO 3166-1 country code [item 0]',
		],
		[
			{ countryCode: 'US', filters: { type: '={{ "geo" }}' } },
			'Type "geo" is not a phone number type [item 0]',
		],
		[
			{ countryCode: 'US', filters: { capabilities: '={{ "sms,fax" }}' } },
			'Capabilities contains "fax", which is not a capability [item 0]',
		],
		[
			{ countryCode: 'US', filters: { limit: 0 } },
			'Limit must be a whole number of at least 1, got 0 [item 0]',
		],
	])('refuses %j before any request', async (params, message) => {
		const r = await run({ operation: 'searchAvailable', ...params });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Phone Number → Get Requirements', () => {
	it('GETs the requirements of the country and type: one item per group, none when none', async () => {
		const r = await run(
			{ operation: 'getRequirements', countryCode: '={{ $json.c }}', filters: { type: 'mobile' } },
			[{ c: 'de' }, { c: 'US' }],
		);
		expect(sent()).toEqual([
			['GET', '/v1/phone-numbers/requirements', { countryCode: 'DE', type: 'mobile' }, undefined],
			['GET', '/v1/phone-numbers/requirements', { countryCode: 'US', type: 'mobile' }, undefined],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				countryCode: 'DE',
				phoneNumberType: 'mobile',
				requirementTypes: [
					expect.objectContaining({ type: 'address' }),
					expect.objectContaining({ type: 'document' }),
				],
			}),
		]);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('Continue On Fail: a 500 is carried, the next item reads', async () => {
		boom('GET', '/v1/phone-numbers/requirements');
		const r = await run(
			{ operation: 'getRequirements', countryCode: 'FR', options: { maxAttempts: 1 } },
			[{}, {}],
			carry,
		);
		expect(r.json).toEqual([
			{ error: 'Boom [internal_error]', code: 'internal_error', httpCode: 500 },
			expect.objectContaining({ countryCode: 'FR', phoneNumberType: 'local' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('refuses an empty country before any request', async () => {
		const r = await run({ operation: 'getRequirements', countryCode: '={{ " " }}' });
		expect(r.error?.message).toBe(
			'Country Code "" is not a two-letter ISO 3166-1 country code [item 0]',
		);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Phone Number → Purchase', () => {
	it('POSTs { phoneNumber, name } once confirmed and emits the number now owned', async () => {
		const r = await run({
			operation: 'purchase',
			phoneNumber: ' +14155552000 ',
			confirmPurchase: true,
			additionalFields: { name: ' Primary Line ' },
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			['POST', '/v1/phone-numbers', {}, { phoneNumber: '+14155552000', name: 'Primary Line' }],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^pn_/),
				phoneNumber: '+14155552000',
				name: 'Primary Line',
				status: 'active',
			}),
		]);
		expect(stand.api.phoneNumbers.has(r.json[0].id as string)).toBe(true);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('is not resent after a 503 (it costs money); Continue On Fail carries it, the next buys', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/phone-numbers' }, status: 503 });
		const r = await run(
			{ operation: 'purchase', phoneNumber: '={{ $json.n }}', confirmPurchase: true },
			[{ n: '+14155552002' }, { n: '+14155552004' }],
			carry,
		);
		expect(stand.api.requests.map((q) => q.status)).toEqual([503, 201]);
		expect(r.json).toEqual([
			expect.objectContaining({ code: 'service_unavailable', httpCode: 503 }),
			expect.objectContaining({ phoneNumber: '+14155552004' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		[{ phoneNumber: '+14155552000' }, 'Confirm Purchase is off: nothing was sent [item 0]'],
		[
			{ phoneNumber: '+14155552000', confirmPurchase: '={{ "yes" }}' },
			'Confirm Purchase is off: nothing was sent [item 0]',
		],
		[{ phoneNumber: ' ', confirmPurchase: true }, 'Phone Number is empty [item 0]'],
		[
			{ phoneNumber: '4155552000', confirmPurchase: true },
			'Phone Number "4155552000" is not in E.164 format [item 0]',
		],
	])('refuses %j before any request', async (params, message) => {
		const r = await run({ operation: 'purchase', ...params });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});

	it('the confirmation error says why and names the field', async () => {
		const r = await run({ operation: 'purchase', phoneNumber: '+14155552000' });
		expect(r.error?.description).toBe(
			'Purchasing a phone number costs money (an upfront price, then monthly). Switch "Confirm Purchase" on to go ahead.',
		);
	});
});

describe('Phone Number → Get', () => {
	it("GETs each item's number (id encoded), unwraps { phoneNumber }; a 404 is carried", async () => {
		const r = await run(
			{ operation: 'get', phoneNumberId: '={{ $json.id }}' },
			[{ id: US }, { id: 'pn x/1' }, { id: { __rl: true, mode: 'list', value: MX } }],
			carry,
		);
		expect(sent()).toEqual([
			['GET', `/v1/phone-numbers/${US}`, {}, undefined],
			['GET', '/v1/phone-numbers/pn%20x%2F1', {}, undefined],
			['GET', `/v1/phone-numbers/${MX}`, {}, undefined],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: US,
				phoneNumber: '+14155550100',
				status: 'active',
				senderId: DEFAULT_SENDER,
			}),
			{
				error: 'Phone number pn x/1 not found [phone_number_not_found]',
				code: 'phone_number_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: MX, phoneNumber: '+525512345678' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('refuses a By ID value with spaces before any request', async () => {
		const r = await run({ operation: 'get', phoneNumberId: byId('={{ "pn 1" }}') });
		expect(r.error?.message).toBe('Phone Number ID "pn 1" is not a valid phone number ID [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Phone Number → Get Many', () => {
	it('sends the Status filter and walks the cursor; Limit stops early', async () => {
		for (let k = 0; k < 110; k++) {
			stand.api.modules.phoneNumbers.seed({ phoneNumber: `+1555000${String(1000 + k)}` });
		}
		const all = await run({ operation: 'getAll', returnAll: true, filters: { status: 'active' } });
		expect(all.error).toBeUndefined();
		expect(
			stand.api.requests.map((q) => [q.path, q.query.status, q.query.limit, typeof q.query.cursor]),
		).toEqual([
			['/v1/phone-numbers', 'active', '100', 'undefined'],
			['/v1/phone-numbers', 'active', '100', 'string'],
		]);
		expect(all.json.length).toBe(stand.api.phoneNumbers.size);
		expect(paired(all).every((p) => (p as { item: number }).item === 0)).toBe(true);

		stand.api.clearRequests();
		const some = await run({ operation: 'getAll', limit: 2 });
		expect(sent()).toEqual([['GET', '/v1/phone-numbers', { limit: '2' }, undefined]]);
		expect(some.json).toHaveLength(2);
	});

	it('Continue On Fail: a 500 on one item is carried, the next lists', async () => {
		boom('GET', '/v1/phone-numbers');
		const r = await run(
			{ operation: 'getAll', returnAll: true, options: { maxAttempts: 1 } },
			[{}, {}],
			carry,
		);
		expect(r.json[0]).toEqual({
			error: 'Boom [internal_error]',
			code: 'internal_error',
			httpCode: 500,
		});
		expect(r.json.slice(1).map((n) => n.id)).toEqual(expect.arrayContaining([US, MX]));
		expect(
			paired(r)
				.slice(1)
				.every((p) => (p as { item: number }).item === 1),
		).toBe(true);
	});

	it('refuses a status Zavu does not have before any request', async () => {
		const r = await run({ operation: 'getAll', filters: { status: '={{ "gone" }}' } });
		expect(r.error?.message).toBe('Status "gone" is not a phone number status [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Phone Number → Update', () => {
	it('PATCHes only what is set: a name, a sender; null clears', async () => {
		const r = await run(
			{
				operation: 'update',
				phoneNumberId: '={{ $json.id }}',
				updateFields: { name: '={{ $json.name }}', senderId: '={{ $json.sender }}' },
			},
			[{ id: MX, name: ' Support Line ', sender: 'snd_seed00000000000002' }],
		);
		expect(r.error).toBeUndefined();
		const cleared = await run({
			operation: 'update',
			phoneNumberId: byId(US),
			updateFields: { clearName: true, unassignSender: true },
		});
		expect(cleared.error).toBeUndefined();
		expect(sent()).toEqual([
			[
				'PATCH',
				`/v1/phone-numbers/${MX}`,
				{},
				{ name: 'Support Line', senderId: 'snd_seed00000000000002' },
			],
			['PATCH', `/v1/phone-numbers/${US}`, {}, { name: null, senderId: null }],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: MX,
				name: 'Support Line',
				senderId: 'snd_seed00000000000002',
			}),
		]);
		expect(cleared.json[0]).toMatchObject({ id: US });
		expect(cleared.json[0]).not.toHaveProperty('name');
		expect(cleared.json[0]).not.toHaveProperty('senderId');
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it("Continue On Fail: Zavu's 404 for an unknown sender is carried, the next updates", async () => {
		const r = await run(
			{
				operation: 'update',
				phoneNumberId: byId(MX),
				updateFields: { senderId: '={{ $json.sender }}', name: '={{ $json.name }}' },
			},
			[{ sender: 'snd_nope' }, { name: 'Ok' }],
			carry,
		);
		expect(r.json).toEqual([
			{
				error: 'Sender snd_nope not found [sender_not_found]',
				code: 'sender_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: MX, name: 'Ok' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		[{}, 'Nothing to update [item 0]'],
		[{ name: 'A', clearName: true }, 'Set either Name or Clear Name, not both [item 0]'],
		[
			{ senderId: byId(DEFAULT_SENDER), unassignSender: true },
			'Set either Sender or Unassign Sender, not both [item 0]',
		],
		[{ senderId: byId('={{ "snd 1" }}') }, 'Sender ID "snd 1" is not a valid sender ID [item 0]'],
	])('refuses %j before any request', async (updateFields, message) => {
		const r = await run({ operation: 'update', phoneNumberId: byId(MX), updateFields });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Phone Number → Release', () => {
	it('DELETEs the number once confirmed; the item says what was released', async () => {
		const r = await run({ operation: 'release', phoneNumberId: byId(MX), confirmRelease: true });
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([['DELETE', `/v1/phone-numbers/${MX}`, {}, undefined]]);
		expect(r.json).toEqual([{ id: MX, released: true }]);
		expect(paired(r)).toEqual([{ item: 0 }]);
		expect(stand.api.phoneNumbers.has(MX)).toBe(false);
	});

	it("is not resent after a 503; Continue On Fail carries Zavu's refusals, the next releases", async () => {
		stand.api.inject({ match: { method: 'DELETE', path: `/v1/phone-numbers/${MX}` }, status: 503 });
		const r = await run(
			{ operation: 'release', phoneNumberId: '={{ $json.id }}', confirmRelease: true },
			[{ id: MX }, { id: US }, { id: MX }],
			carry,
		);
		expect(stand.api.requests.map((q) => q.status)).toEqual([503, 409, 204]);
		expect(r.json).toEqual([
			expect.objectContaining({ code: 'service_unavailable', httpCode: 503 }),
			expect.objectContaining({ code: 'phone_number_assigned', httpCode: 409 }),
			{ id: MX, released: true },
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it.each([
		[{ phoneNumberId: byId(MX) }, 'Confirm Release is off: nothing was sent [item 0]'],
		[
			{ phoneNumberId: '={{ $json.nothing }}', confirmRelease: true },
			'Phone Number ID is empty [item 0]',
		],
	])('refuses %j before any request', async (params, message) => {
		const r = await run({ operation: 'release', ...params });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(r.error?.description).toEqual(
			message.startsWith('Confirm')
				? 'Releasing a phone number is irreversible: the project loses the number for good. Switch "Confirm Release" on to go ahead.'
				: expect.any(String),
		);
		expect(stand.api.requests).toHaveLength(0);
	});
});
