// Broadcast → Add Contacts (all input items at once, in batches of 1,000), Get Contacts, Remove
// Contact, through real n8n-core against the stand-in's broadcasts module.
import type { IDataObject } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const bc = () => stand.api.modules.broadcasts;
const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'broadcast', ...params }, items, settings);
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const draft = (channel = 'sms') => bc().seed({ name: 'Sale', channel, text: 'Hi' });
const rows = (n: number) =>
	Array.from({ length: n }, (_, k) => ({ phone: `+1415${String(5000000 + k)}`, name: `N${k}` }));
const adds = () => stand.api.requestsTo('POST', '/v1/broadcasts/');
const addParams = (id: string, extra: IDataObject = {}) => ({
	operation: 'addContacts',
	broadcastId: id,
	recipient: '={{ $json.phone }}',
	...extra,
});
/** Recipients in the broadcast, each once: duplicates would make the Set smaller. */
const inBroadcast = (id: string) =>
	bc()
		.recipientsOf(id)
		.map((c) => c.recipient);

describe('Broadcast → Add Contacts', () => {
	it('2,500 items: 3 requests of at most 1,000 (the API maximum), one paired output per item', async () => {
		const b = draft();
		const input = rows(2500);
		const r = await run(addParams(b.id), input);
		expect(r.error).toBeUndefined();
		expect(stand.api.requests.map((q) => [q.method, q.path])).toEqual(
			Array(3).fill(['POST', `/v1/broadcasts/${b.id}/contacts`]),
		);
		expect(adds().map((q) => q.body.contacts.length)).toEqual([1000, 1000, 500]);
		expect(adds().flatMap((q) => q.body.contacts.map((c: IDataObject) => c.recipient))).toEqual(
			input.map((row) => row.phone),
		);
		expect(r.json).toHaveLength(2500);
		expect(paired(r)).toEqual(input.map((_, item) => ({ item })));
		expect(r.json.every((j, k) => j.recipient === input[k].phone && j.status === 'added')).toBe(
			true,
		);
		expect(r.json[2499]).toEqual({
			broadcastId: b.id,
			recipient: input[2499].phone,
			status: 'added',
			batch: { added: 500, duplicates: 0, invalid: 0, size: 500 },
		});
		expect(inBroadcast(b.id)).toEqual(input.map((row) => row.phone));
	});

	it('a 503 on the second batch after Zavu added it is retried: everyone added exactly once', async () => {
		const b = draft();
		const input = rows(2500);
		stand.api.inject(
			{ match: { method: 'POST', path: `/v1/broadcasts/${b.id}/contacts` }, delayMs: 1 },
			{
				match: { method: 'POST', path: `/v1/broadcasts/${b.id}/contacts` },
				status: 503,
				actFirst: true,
			},
		);
		const r = await run(addParams(b.id), input);
		expect(r.error).toBeUndefined();
		const sizes = adds().map((q) => q.body.contacts.length);
		expect(sizes).toEqual([1000, 1000, 1000, 500]);
		// The retry is the same batch.
		expect(adds()[2].body).toEqual(adds()[1].body);
		expect(adds().map((q) => q.status)).toEqual([200, 503, 200, 200]);
		const recipients = inBroadcast(b.id);
		expect(recipients).toHaveLength(2500);
		expect(new Set(recipients).size).toBe(2500);
		expect(bc().broadcasts.get(b.id)?.totalContacts).toBe(2500);
		// Zavu reports the resent batch as duplicates (it had added them): the items say so.
		expect(r.json[999].status).toBe('added');
		expect(r.json[1000]).toMatchObject({
			status: 'duplicate',
			reason: expect.stringMatching(/first attempt of this batch whose answer was lost/),
		});
		expect(r.json[2000].status).toBe('added');
		expect(paired(r)).toEqual(input.map((_, item) => ({ item })));
	});

	it('a 503 before Zavu acted is retried: the batch is added', async () => {
		const b = draft();
		stand.api.inject({ match: { method: 'POST', path: '/v1/broadcasts/*' }, status: 503 });
		const r = await run(addParams(b.id), rows(3));
		expect(adds()).toHaveLength(2);
		expect(r.json.map((j) => j.status)).toEqual(['added', 'added', 'added']);
		expect(inBroadcast(b.id)).toHaveLength(3);
	});

	it('Continue On Fail: a row with a bad phone fails alone, naming its row, and is never sent', async () => {
		const b = draft();
		const input = rows(5);
		input[3].phone = '555-1234';
		const r = await run(addParams(b.id), input, { onError: 'continueRegularOutput' });
		expect(adds()).toHaveLength(1);
		expect(adds()[0].body.contacts.map((c: IDataObject) => c.recipient)).toEqual(
			[0, 1, 2, 4].map((k) => input[k].phone),
		);
		expect(r.json[3]).toEqual({
			error: 'Recipient "555-1234" is not in E.164 format [item 3]',
			code: 'invalid_parameter',
			description: expect.stringMatching(/country code/),
		});
		expect(r.json.filter((j) => j.status === 'added')).toHaveLength(4);
		expect(paired(r)).toEqual(input.map((_, item) => ({ item })));
	});

	it('without Continue On Fail a bad row stops the node before any request, naming the row', async () => {
		const b = draft();
		const input = rows(1500);
		input[1200].phone = '';
		const r = await run(addParams(b.id), input);
		expect(r.thrown?.message).toBe('Recipient is empty [item 1200]');
		expect(stand.api.requests).toHaveLength(0);
	});

	it('a recipient Zavu refuses fails that item with its reason; the rest of its batch is added', async () => {
		const b = draft();
		const input = rows(3);
		input[1].phone = 'ana@example.com';
		const r = await run(addParams(b.id), input, { onError: 'continueRegularOutput' });
		expect(r.json[1]).toEqual({
			error:
				'Zavu refused recipient "ana@example.com": sms broadcasts take phone numbers in E.164 format [item 1]',
			code: 'invalid_contact',
			description: expect.stringMatching(/other valid rows/),
		});
		expect([r.json[0].status, r.json[2].status]).toEqual(['added', 'added']);
		expect(inBroadcast(b.id)).toEqual([input[0].phone, input[2].phone]);
	});

	it('without Continue On Fail a refused recipient stops the node: no further batches', async () => {
		const b = draft();
		const input = rows(1500);
		input[10].phone = 'ana@example.com';
		const r = await run(addParams(b.id), input);
		expect(r.thrown?.message).toMatch(/^Zavu refused recipient "ana@example.com".*\[item 10\]$/);
		expect(adds()).toHaveLength(1);
	});

	it('repeats: a row repeating an earlier one is not sent; one already in the broadcast is a duplicate', async () => {
		const b = draft();
		await run(addParams(b.id), rows(1));
		stand.api.clearRequests();
		const input = [rows(2)[1], rows(1)[0], rows(2)[1]];
		const r = await run(addParams(b.id), input);
		expect(adds()[0].body.contacts.map((c: IDataObject) => c.recipient)).toEqual([
			input[0].phone,
			input[1].phone,
		]);
		expect(r.json.map((j) => j.status)).toEqual([
			'addedOrDuplicate',
			'addedOrDuplicate',
			'duplicate',
		]);
		expect(r.json[2].reason).toBe('Same recipient as item 0: not sent twice');
		expect(inBroadcast(b.id)).toHaveLength(2);
	});

	it('sends each row’s template variables; Continue On Fail: a refused batch fails each of its items', async () => {
		const b = draft();
		b.status = 'sending';
		const r = await run(
			addParams(b.id, {
				additionalFields: {
					templateVariables: { entry: [{ key: 'name', value: '={{ $json.name }}' }] },
				},
				options: { maxAttempts: 1 },
			}),
			rows(2),
			{ onError: 'continueRegularOutput' },
		);
		expect(adds()[0].body.contacts).toEqual([
			{ recipient: rows(2)[0].phone, templateVariables: { name: 'N0' } },
			{ recipient: rows(2)[1].phone, templateVariables: { name: 'N1' } },
		]);
		expect(r.json).toEqual(
			[0, 1].map(() => expect.objectContaining({ code: 'invalid_status', httpCode: 409 })),
		);
		expect(r.json[1].description).toMatch(/Items 0 to 1 were sent together/);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Broadcast → Get Contacts, Remove Contact', () => {
	it('GETs the contacts with the status filter, id encoded; one item per recipient', async () => {
		const b = draft();
		await run(addParams(b.id), rows(3));
		stand.api.clearRequests();
		const r = await run({
			operation: 'getContacts',
			broadcastId: b.id,
			returnAll: true,
			filters: { status: 'pending' },
		});
		expect(stand.api.requests.map((q) => [q.method, q.path, q.query])).toEqual([
			['GET', `/v1/broadcasts/${b.id}/contacts`, { status: 'pending', limit: '100' }],
		]);
		expect(r.json.map((j) => j.recipient)).toEqual(rows(3).map((row) => row.phone));
		expect(paired(r)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	it('DELETEs one recipient (both ids encoded); Continue On Fail carries a 404', async () => {
		const b = draft();
		await run(addParams(b.id), rows(1));
		const contact = bc().recipientsOf(b.id)[0];
		stand.api.clearRequests();
		const r = await run(
			{ operation: 'removeContact', broadcastId: b.id, contactId: '={{ $json.id }}' },
			[{ id: contact.id }, { id: 'x y' }],
			{ onError: 'continueRegularOutput' },
		);
		expect(stand.api.requests.map((q) => [q.method, q.path])).toEqual([
			['DELETE', `/v1/broadcasts/${b.id}/contacts/${contact.id}`],
			['DELETE', `/v1/broadcasts/${b.id}/contacts/x%20y`],
		]);
		expect(r.json).toEqual([
			{ broadcastId: b.id, contactId: contact.id, removed: true },
			expect.objectContaining({ code: 'contact_not_found', httpCode: 404 }),
		]);
		expect(inBroadcast(b.id)).toHaveLength(0);
	});

	it('an empty Contact ID fails before any request', async () => {
		const r = await run({
			operation: 'removeContact',
			broadcastId: 'jh7a',
			contactId: '={{ "" }}',
		});
		expect(r.thrown?.message).toBe('Contact ID is empty [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});
