// Template → Get, Get Many, Delete, Submit for Approval, Sync From Meta, through real n8n-core
// against the stand-in's templates (test/stand-in/resources/templates.ts). Create:
// templateCreate.test.ts.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const SEEDED = 'tmpl_seed00000000000001';
const WHATSAPP_SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';
/** An id with a space and a slash: the node must send it as one encoded path segment. */
const ODD = 'tmpl odd/1';
const ODD_PATH = 'tmpl%20odd%2F1';

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'template', ...params }, items, settings);
const sent = () =>
	stand.api.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const stored = () => stand.api.modules.templates.templates;
const continueOnFail = { onError: 'continueRegularOutput' };

/** A draft created through the stand-in, under `id` when given. */
function draft(name = 'order_update_v2', id?: string) {
	const template = stand.api.modules.templates.create({ name, language: 'en', body: 'Hello' });
	if (id) {
		stored().delete(template.id);
		template.id = id;
		stored().set(id, template);
	}
	return template;
}

describe('Template → Get', () => {
	it("GETs each item's template (By ID, From List, encoded) and emits it bare, paired", async () => {
		draft('odd', ODD);
		const r = await run({ operation: 'get', templateId: '={{ $json.id }}' }, [
			{ id: SEEDED },
			{ id: ODD },
		]);
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			{ method: 'GET', path: `/v1/templates/${SEEDED}`, query: {}, body: undefined },
			{ method: 'GET', path: `/v1/templates/${ODD_PATH}`, query: {}, body: undefined },
		]);
		expect(r.json).toEqual([stored().get(SEEDED), stored().get(ODD)]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);

		stand.api.clearRequests();
		const locator = { __rl: true, mode: 'list', value: SEEDED };
		const fromList = await run({ operation: 'get', templateId: locator });
		expect(fromList.json).toEqual([expect.objectContaining({ id: SEEDED, name: 'welcome' })]);
	});

	it("Continue On Fail: a 404 carries Zavu's code and message, the next item still runs", async () => {
		const r = await run(
			{ operation: 'get', templateId: '={{ $json.id }}' },
			[{ id: 'tmpl_gone' }, { id: SEEDED }],
			continueOnFail,
		);
		expect(r.json).toEqual([
			{
				error: 'Template tmpl_gone not found [template_not_found]',
				code: 'template_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: SEEDED }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		['={{ " " }}', 'Template ID is empty [item 0]'],
		[
			{ __rl: true, mode: 'id', value: '={{ "tmpl 1" }}' },
			'Template ID "tmpl 1" is not a valid template ID [item 0]',
		],
	])('refuses the id %j before any request', async (templateId, message) => {
		const r = await run({ operation: 'get', templateId });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Template → Get Many', () => {
	it('Return All follows the cursor; Limit stops early; one item per template', async () => {
		for (let k = 0; k < 120; k++) draft(`bulk_${k}`);
		const all = await run({ operation: 'getAll', returnAll: true });
		expect(all.json).toHaveLength(123);
		expect(sent().map((s) => [s.method, s.path, s.query.limit, typeof s.query.cursor])).toEqual([
			['GET', '/v1/templates', '100', 'undefined'],
			['GET', '/v1/templates', '100', 'string'],
		]);
		expect(new Set(all.json.map((t) => t.id)).size).toBe(123);
		expect(all.items.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);

		stand.api.clearRequests();
		const some = await run({ operation: 'getAll', limit: 5 });
		expect(some.json).toHaveLength(5);
		expect(sent().map((s) => s.query)).toEqual([{ limit: '5' }]);
	});

	it('Continue On Fail: a 500 on the first item is carried, the second item lists', async () => {
		stand.api.inject({
			match: { method: 'GET', path: '/v1/templates' },
			status: 500,
			code: 'internal_error',
			message: 'Boom',
		});
		const r = await run(
			{ operation: 'getAll', returnAll: true, options: { maxAttempts: 1 } },
			[{}, {}],
			continueOnFail,
		);
		expect(r.json[0]).toEqual({
			error: 'Boom [internal_error]',
			code: 'internal_error',
			httpCode: 500,
		});
		expect(r.json).toHaveLength(4);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }, { item: 1 }]);
	});

	it('refuses Limit 0 before any request', async () => {
		const r = await run({ operation: 'getAll', limit: 0 });
		expect(r.error?.message).toBe('Limit must be a whole number of at least 1, got 0 [item 0]');
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Template → Delete', () => {
	it('DELETEs the encoded id, emits {id, deleted}; a second delete is a 404 item', async () => {
		draft('odd', ODD);
		const r = await run(
			{ operation: 'delete', templateId: '={{ $json.id }}' },
			[{ id: ODD }, { id: ODD }],
			continueOnFail,
		);
		expect(sent().map((s) => [s.method, s.path, s.body])).toEqual([
			['DELETE', `/v1/templates/${ODD_PATH}`, undefined],
			['DELETE', `/v1/templates/${ODD_PATH}`, undefined],
		]);
		expect(r.json).toEqual([
			{ id: ODD, deleted: true },
			{
				error: `Template ${ODD} not found [template_not_found]`,
				code: 'template_not_found',
				httpCode: 404,
			},
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(stored().has(ODD)).toBe(false);
	});
});

describe('Template → Submit for Approval', () => {
	it('POSTs senderId (and the category when chosen) and emits the pending template', async () => {
		const a = draft('first');
		const b = draft('second');
		const r = await run(
			{
				operation: 'submit',
				templateId: '={{ $json.id }}',
				senderId: { __rl: true, mode: 'list', value: WHATSAPP_SENDER },
				category: '={{ $json.category }}',
			},
			[
				{ id: a.id, category: '' },
				{ id: b.id, category: 'MARKETING' },
			],
		);
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: `/v1/templates/${a.id}/submit`,
				query: {},
				body: { senderId: WHATSAPP_SENDER },
			},
			{
				method: 'POST',
				path: `/v1/templates/${b.id}/submit`,
				query: {},
				body: { senderId: WHATSAPP_SENDER, category: 'MARKETING' },
			},
		]);
		expect(r.json).toEqual([
			expect.objectContaining({ id: a.id, status: 'pending', category: 'UTILITY' }),
			expect.objectContaining({ id: b.id, status: 'pending', category: 'MARKETING' }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('is not resent after a 5xx (Zavu may have submitted); Continue On Fail keeps the next item', async () => {
		const a = draft('first');
		const b = draft('second');
		stand.api.inject({
			match: { method: 'POST', path: `/v1/templates/${a.id}/submit` },
			status: 503,
		});
		const r = await run(
			{ operation: 'submit', templateId: '={{ $json.id }}', senderId: '={{ $json.sender }}' },
			[
				{ id: a.id, sender: WHATSAPP_SENDER },
				{ id: b.id, sender: EMAIL_SENDER },
			],
			continueOnFail,
		);
		expect(sent().map((s) => s.path)).toEqual([
			`/v1/templates/${a.id}/submit`,
			`/v1/templates/${b.id}/submit`,
		]);
		expect(r.json).toEqual([
			expect.objectContaining({ code: 'service_unavailable', httpCode: 503 }),
			expect.objectContaining({
				code: 'validation_error',
				httpCode: 400,
				error: expect.stringContaining('has no WhatsApp Business Account'),
			}),
		]);
	});

	it.each([
		[{ senderId: '={{ "" }}' }, 'Sender ID is empty [item 0]'],
		[
			{ senderId: WHATSAPP_SENDER, category: 'OTHER' },
			'Category "OTHER" is not a WhatsApp template category [item 0]',
		],
	])('refuses %j before any request', async (params, message) => {
		const r = await run({ operation: 'submit', templateId: SEEDED, ...params });
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Template → Sync From Meta', () => {
	it('POSTs {} (every sender) or {senderId} and emits what changed', async () => {
		const a = draft('first');
		await run({ operation: 'submit', templateId: a.id, senderId: WHATSAPP_SENDER });
		stand.api.modules.templates.review(a.id, 'approved');
		stand.api.clearRequests();
		const r = await run({ operation: 'sync', senderId: '={{ $json.sender }}' }, [
			{ sender: '' },
			{ sender: WHATSAPP_SENDER },
		]);
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			{ method: 'POST', path: '/v1/templates/sync', query: {}, body: {} },
			{
				method: 'POST',
				path: '/v1/templates/sync',
				query: {},
				body: { senderId: WHATSAPP_SENDER },
			},
		]);
		const counts = { accountsSynced: 1, errors: [], imported: 0, linked: 0, skipped: 0 };
		expect(r.json).toEqual([
			{ ...counts, updated: 1 },
			{ ...counts, updated: 0 },
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(stored().get(a.id)?.status).toBe('approved');
	});

	it('Continue On Fail: an unknown sender is a 404 item, the next item syncs', async () => {
		const r = await run(
			{ operation: 'sync', senderId: '={{ $json.sender }}' },
			[{ sender: 'snd_nope' }, {}],
			continueOnFail,
		);
		expect(r.json).toEqual([
			{
				error: 'Sender snd_nope not found [sender_not_found]',
				code: 'sender_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ accountsSynced: 1 }),
		]);
	});
});
