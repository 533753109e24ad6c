// Contact → Create, Get, Get by Phone, Get Many, Update, Delete, Merge: Continue On Fail with an
// API error, and bad input refused before any request (their requests: contact.test.ts).
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ContactSeed } from '../stand-in/resources/contacts';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const SMS = { channel: 'sms' as const, identifier: '+14155551234' };
const EMAIL = { channel: 'email' as const, identifier: 'john@example.com' };
/** An id with a space and a slash (paths encode it). */
const ODD = 'jx7 odd/1';

const contacts = () => stand.api.modules.contacts;
const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'contact', ...params }, items, settings);
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

describe("Continue On Fail: the failing item carries Zavu's code and message, the next one runs", () => {
	interface Case {
		operation: string;
		params: IDataObject;
		/** Three items; the middle one fails at the API. */
		items: () => IDataObject[];
		code: string;
		httpCode: number;
		message: RegExp;
	}
	const cases: Case[] = [
		{
			operation: 'create',
			params: { channels: { entry: [{ channel: 'sms', identifier: '={{ $json.to }}' }] } },
			items: () => {
				contacts().seed({ channels: [{ channel: 'sms', identifier: '+14155550002' }] });
				return [{ to: '+14155550001' }, { to: '+14155550002' }, { to: '+14155550003' }];
			},
			code: 'contact_channel_exists',
			httpCode: 409,
			message: /^sms \+14155550002 already belongs to contact jx7\w+ \[contact_channel_exists\]$/,
		},
		...['get', 'update', 'delete'].map((operation) => ({
			operation,
			params: { contactId: '={{ $json.id }}', updateFields: { displayName: 'X' } },
			items: () => [
				{ id: seedAs('jx7 a', { channels: [{ ...SMS, identifier: '+14155550101' }] }).id },
				{ id: 'jx7 gone/1' },
				{ id: seedAs('jx7 c', { channels: [{ ...SMS, identifier: '+14155550103' }] }).id },
			],
			code: 'contact_not_found',
			httpCode: 404,
			message: /^Contact jx7 gone\/1 not found \[contact_not_found\]$/,
		})),
		{
			operation: 'getByPhone',
			params: { phoneNumber: '={{ $json.phone }}' },
			items: () => [
				{ phone: SMS.identifier },
				{ phone: '+14155550000' },
				{ phone: SMS.identifier },
			],
			code: 'contact_not_found',
			httpCode: 404,
			message: /^No contact has the phone number \+14155550000 \[contact_not_found\]$/,
		},
		{
			operation: 'getAll',
			params: { returnAll: true, filters: { tag: '={{ $json.tag }}' } },
			items: () => [{ tag: 'vip' }, { tag: 'nope' }, { tag: 'vip' }],
			code: 'validation_error',
			httpCode: 400,
			message: /^tag: unknown tag "nope" \[validation_error\]$/,
		},
		{
			operation: 'merge',
			params: { contactId: '={{ $json.target }}', sourceContactId: '={{ $json.source }}' },
			items: () => [
				{ target: ODD, source: contacts().seed({ channels: [EMAIL] }).id },
				{ target: ODD, source: 'jx7missing' },
				{
					target: ODD,
					source: contacts().seed({ channels: [{ channel: 'voice', identifier: '+14155550009' }] })
						.id,
				},
			],
			code: 'contact_not_found',
			httpCode: 404,
			message: /^Contact jx7missing not found \[contact_not_found\]$/,
		},
	];

	it.each(cases)('$operation', async ({ operation, params, items, code, httpCode, message }) => {
		seedAs(ODD, { channels: [SMS], tags: ['vip'] });
		const input = items();
		const r = await run({ operation, ...params }, input, { onError: 'continueRegularOutput' });
		expect(r.error).toBeUndefined();
		const failed = r.json.filter((j) => 'error' in j);
		expect(failed).toEqual([{ error: expect.stringMatching(message), code, httpCode }]);
		const pairs = paired(r).map((p) => (p as { item: number }).item);
		// The failing item sits between the outputs of the two others, paired with item 1.
		expect(pairs[r.json.indexOf(failed[0])]).toBe(1);
		expect(new Set(pairs)).toEqual(new Set([0, 1, 2]));
		expect(stand.api.requests).toHaveLength(3);
		expect(stand.api.requests.map((q) => q.status)).toEqual([
			expect.any(Number),
			httpCode,
			expect.any(Number),
		]);
		expect(stand.api.requests[2].status).toBeLessThan(300);
	});
});

describe('bad input fails before any request, naming the field and the item', () => {
	it.each([
		['get', { contactId: '={{ "  " }}' }, 'Contact ID is empty [item 0]'],
		[
			'getByPhone',
			{ phoneNumber: '555 1234' },
			'Phone Number "555 1234" is not in E.164 format [item 0]',
		],
		[
			'getAll',
			{ returnAll: true, filters: { phoneNumber: '4155551234' } },
			'Phone Number "4155551234" is not in E.164 format [item 0]',
		],
		[
			'getAll',
			{ returnAll: false, limit: 0, filters: {} },
			'Limit must be a whole number of at least 1, got 0 [item 0]',
		],
		[
			'update',
			{ contactId: ODD, updateFields: {} },
			'Update Fields is empty: add Default Channel, Display Name or Metadata [item 0]',
		],
		[
			'update',
			{
				contactId: ODD,
				updateFields: {
					metadata: {
						entry: [
							{ key: 'a', value: '1' },
							{ key: 'a', value: '2' },
						],
					},
				},
			},
			'Metadata has the key "a" twice [item 0]',
		],
		['delete', { contactId: '={{ ".." }}' }, 'Contact ID ".." is not a valid ID [item 0]'],
		[
			'merge',
			{ contactId: ODD, sourceContactId: ` ${ODD}` },
			`Source Contact ID and Target Contact ID are both "${ODD}": a contact cannot be merged into itself [item 0]`,
		],
	])('%s: %j', async (operation, params, message) => {
		const r = await run({ operation, ...params });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});
