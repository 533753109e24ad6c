/**
 * The stand-in's templates (resources/templates.ts): one map with the seeded ones, answered as
 * Zavu's SDK types them. The node's suites trust this contract.
 */
import type { Template, TemplateSyncResponse } from '@zavudev/sdk/resources/templates';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

const WHATSAPP_SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';
const SEEDED = 'tmpl_seed00000000000001';
/** The stand-in's one template map, as the SDK types templates. */
const stored = () => stand.api.modules.templates.templates;

const DRAFT = {
	name: 'order_confirmation',
	language: 'en',
	body: 'Hi {{1}}, your order {{2}} has been confirmed.',
	variables: ['Maria', 'A1234'],
	whatsappCategory: 'UTILITY',
	buttons: [{ type: 'quick_reply', text: 'Thanks' }],
};

async function create(body: object = DRAFT): Promise<Template> {
	const res = await call('/v1/templates', { body });
	expect(res.status).toBe(201);
	return res.json;
}

describe('create, get, list, delete', () => {
	test('a new template is a draft, in the one list and sendable', async () => {
		const template = await create();
		expect(template).toEqual({
			id: expect.stringMatching(/^tmpl_/),
			name: 'order_confirmation',
			language: 'en',
			body: DRAFT.body,
			variables: ['Maria', 'A1234'],
			category: 'UTILITY',
			buttons: [{ type: 'quick_reply', text: 'Thanks' }],
			status: 'draft',
			createdAt: expect.any(String),
			updatedAt: expect.any(String),
		});
		expect((await call(`/v1/templates/${template.id}`)).json).toEqual(template);
		const list = await call('/v1/templates?limit=100');
		expect(list.json.items.map((t: Template) => t.id)).toContain(template.id);
		expect(list.json.items.map((t: Template) => t.id)).toContain(SEEDED);
		expect(stand.api.templates.get(template.id)).toBe(
			stand.api.modules.templates.must(template.id),
		);
		const send = await call('/v1/messages', {
			body: { to: '+14155550001', messageType: 'template', content: { templateId: template.id } },
		});
		expect(send.status).toBe(201);
	});

	test('delete answers 204, then the template is gone everywhere; unknown ids 404', async () => {
		const template = await create();
		const del = await call(`/v1/templates/${template.id}`, { method: 'DELETE' });
		expect([del.status, del.text]).toEqual([204, '']);
		const again = await call(`/v1/templates/${template.id}`);
		expect([again.status, again.json.code]).toEqual([404, 'template_not_found']);
		expect((await call(`/v1/templates/x%2Fy`, { method: 'DELETE' })).json).toEqual({
			code: 'template_not_found',
			message: 'Template x/y not found',
		});
		const list = await call('/v1/templates?limit=100');
		expect(list.json.items.map((t: Template) => t.id)).not.toContain(template.id);
	});

	test.each([
		[{ ...DRAFT, name: 'Order Confirmation' }, 'name: may only contain'],
		[{ ...DRAFT, language: undefined }, 'language: is required'],
		[{ ...DRAFT, body: '' }, 'body: must be a non-empty string'],
		[{ ...DRAFT, whatsappCategory: 'TRANSACTIONAL' }, 'whatsappCategory: must be one of'],
		[{ ...DRAFT, headerType: 'gif', headerContent: 'x' }, 'headerType: must be one of'],
		[{ ...DRAFT, headerType: 'image' }, 'headerContent: is required'],
		[
			{ ...DRAFT, buttons: Array(4).fill({ type: 'quick_reply', text: 'a' }) },
			'buttons: at most 3',
		],
		[{ ...DRAFT, buttons: [{ type: 'url', text: 'Go' }] }, 'buttons[0].url: is required'],
		[{ ...DRAFT, buttons: [{ type: 'otp', text: 'Copy' }] }, 'buttons[0].otpType: must be'],
		[
			{ ...DRAFT, buttons: [{ type: 'otp', text: 'Go', otpType: 'ONE_TAP' }] },
			'buttons[0].packageName: is required',
		],
		[{ ...DRAFT, components: [] }, 'components: is not a field of a template'],
	])('refuses bad input %# with a validation_error naming the field', async (body, message) => {
		const res = await call('/v1/templates', { body });
		expect([res.status, res.json.code]).toEqual([400, 'validation_error']);
		expect(res.json.message).toContain(message);
	});

	test('a name and language already taken answers 409', async () => {
		await create();
		const res = await call('/v1/templates', { body: DRAFT });
		expect([res.status, res.json.code]).toEqual([409, 'template_already_exists']);
		expect((await call('/v1/templates', { body: { ...DRAFT, language: 'es' } })).status).toBe(201);
	});
});

describe('submit and sync', () => {
	test('submit moves a draft to pending through a WhatsApp sender, once', async () => {
		const template = await create();
		const path = `/v1/templates/${template.id}/submit`;
		const res = await call(path, { body: { senderId: WHATSAPP_SENDER, category: 'MARKETING' } });
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			id: template.id,
			status: 'pending',
			category: 'MARKETING',
			whatsapp: { templateName: 'order_confirmation', status: 'PENDING' },
		});
		const again = await call(path, { body: { senderId: WHATSAPP_SENDER } });
		expect([again.status, again.json.code]).toEqual([409, 'template_not_draft']);
	});

	test.each([
		[{}, 400, 'validation_error', 'senderId: is required'],
		[{ senderId: EMAIL_SENDER }, 400, 'validation_error', 'has no WhatsApp Business Account'],
		[{ senderId: 'snd_nope' }, 404, 'sender_not_found', 'Sender snd_nope not found'],
		[{ senderId: WHATSAPP_SENDER, category: 'OTHER' }, 400, 'validation_error', 'category:'],
	])('submit refuses %j', async (body, status, code, message) => {
		const template = await create();
		const res = await call(`/v1/templates/${template.id}/submit`, { body });
		expect([res.status, res.json.code]).toEqual([status, code]);
		expect(res.json.message).toContain(message);
		expect(stored().get(template.id)?.status).toBe('draft');
	});

	test("sync applies Meta's decisions and imports or links Meta's own templates", async () => {
		const a = await create();
		const b = await create({ ...DRAFT, name: 'second' });
		for (const t of [a, b]) {
			await call(`/v1/templates/${t.id}/submit`, { body: { senderId: WHATSAPP_SENDER } });
		}
		const local = await create({ ...DRAFT, name: 'made_here' });
		const module = stand.api.modules.templates;
		module.review(a.id, 'approved');
		module.review(b.id, 'rejected');
		const meta = { language: 'en', category: 'MARKETING', body: 'Sale!' } as const;
		module.onMeta({ ...meta, name: 'from_meta', status: 'APPROVED' });
		module.onMeta({ ...meta, name: 'made_here', status: 'APPROVED' });
		module.onMeta({ ...meta, name: 'refused', status: 'REJECTED' });

		const res = await call('/v1/templates/sync', { body: {} });
		expect(res.status).toBe(200);
		expect(res.json).toEqual<TemplateSyncResponse>({
			accountsSynced: 1,
			errors: [],
			imported: 1,
			linked: 1,
			skipped: 1,
			updated: 2,
		});
		expect([a, b].map((t) => stored().get(t.id)?.status)).toEqual(['approved', 'rejected']);
		expect(stored().get(local.id)?.whatsapp).toEqual({
			templateName: 'made_here',
			status: 'APPROVED',
		});
		const imported = [...stored().values()].find((t) => t.name === 'from_meta');
		expect(imported).toMatchObject({ status: 'approved', category: 'MARKETING', body: 'Sale!' });

		const one = await call('/v1/templates/sync', { body: { senderId: WHATSAPP_SENDER } });
		expect(one.json).toMatchObject({ accountsSynced: 1, imported: 0, updated: 0 });
		const bad = await call('/v1/templates/sync', { body: { senderId: EMAIL_SENDER } });
		expect([bad.status, bad.json.code]).toEqual([400, 'validation_error']);
	});
});
