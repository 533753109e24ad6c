// Sender → Update (sender fields, WhatsApp Business profile, webhook fields), Delete and
// Regenerate Webhook Secret, through real n8n-core against the stand-in; Create/Get: sender.test.ts.
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	BUSINESS_VERTICALS,
	keysOf,
	SENDER_WEBHOOK_EVENTS,
	WEBHOOK_SIGNATURE_VERSIONS,
} from '../../nodes/Zavu/constants';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const DEFAULT = 'snd_seed00000000000001'; // sms + whatsapp
const EMAIL = 'snd_seed00000000000002'; // email only: no WhatsApp profile
const HOOK = 'https://example.com/zavu/events';

const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'sender', ...params }, items, settings);
const sent = () => stand.api.requests.map((r) => [r.method, r.path, r.body]);
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const withWebhook = (id: string) =>
	stand.api.webhooks.updateSender(stand.api.senders.get(id)!, {
		webhookUrl: HOOK,
		webhookEvents: ['message.inbound'],
	});

describe('Sender → Update', () => {
	it('sends only the fields added: the webhook a trigger set up is left as it was', async () => {
		const secret = withWebhook(DEFAULT);
		const r = await run({
			operation: 'update',
			senderId: byId(DEFAULT),
			updateFields: { name: ' Main ', emailCatchAllEnabled: false, enableSmsOneway: true },
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			[
				'PATCH',
				`/v1/senders/${DEFAULT}`,
				{ emailCatchAllEnabled: false, enableSmsOneway: true, name: 'Main' },
			],
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: DEFAULT,
				name: 'Main',
				webhook: { url: HOOK, events: ['message.inbound'], active: true, signatureVersion: 'v2' },
			}),
		]);
		expect(stand.api.webhookSecret(DEFAULT)).toBe(secret);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('the Business Profile goes to …/profile after the sender fields; the item carries both', async () => {
		const r = await run({
			operation: 'update',
			senderId: byId(DEFAULT),
			updateFields: { setAsDefault: true },
			businessProfile: {
				about: 'Succulent specialists!',
				vertical: 'RETAIL',
				websites: 'https://www.example.com, https://shop.example.com',
				email: 'contact@example.com',
			},
		});
		expect(r.error).toBeUndefined();
		const profile = {
			about: 'Succulent specialists!',
			email: 'contact@example.com',
			vertical: 'RETAIL',
			websites: ['https://www.example.com', 'https://shop.example.com'],
		};
		expect(sent()).toEqual([
			['PATCH', `/v1/senders/${DEFAULT}`, { setAsDefault: true }],
			['PATCH', `/v1/senders/${DEFAULT}/profile`, profile],
		]);
		expect(r.json).toEqual([expect.objectContaining({ id: DEFAULT, isDefault: true, profile })]);
		expect(stand.api.modules.senders.profiles.get(DEFAULT)).toEqual(profile);
	});

	it('only profile fields: one request, the item is { id, profile }', async () => {
		const r = await run({
			operation: 'update',
			senderId: byId(DEFAULT),
			businessProfile: { address: '1 Main St' },
		});
		expect(sent()).toEqual([['PATCH', `/v1/senders/${DEFAULT}/profile`, { address: '1 Main St' }]]);
		expect(r.json).toEqual([{ id: DEFAULT, profile: { address: '1 Main St' } }]);
	});

	it('webhook fields only when added; Remove Webhook sends webhookUrl null', async () => {
		withWebhook(DEFAULT);
		await run({
			operation: 'update',
			senderId: byId(DEFAULT),
			webhookFields: {
				webhookEvents: 'message.sent, message.failed',
				webhookActive: false,
				webhookSignatureVersion: 'v1+v2',
			},
		});
		await run({
			operation: 'update',
			senderId: byId(DEFAULT),
			webhookFields: { removeWebhook: true },
		});
		expect(sent()).toEqual([
			[
				'PATCH',
				`/v1/senders/${DEFAULT}`,
				{
					webhookEvents: ['message.sent', 'message.failed'],
					webhookActive: false,
					webhookSignatureVersion: 'v1+v2',
				},
			],
			['PATCH', `/v1/senders/${DEFAULT}`, { webhookUrl: null }],
		]);
		expect(stand.api.senders.get(DEFAULT)!.webhook).toBeUndefined();
	});

	it('Continue On Fail: the profile of a sender without WhatsApp fails (saying what was saved), the next item runs', async () => {
		const r = await run(
			{
				operation: 'update',
				senderId: byId('={{ $json.id }}'),
				updateFields: { name: '={{ $json.name }}' },
				businessProfile: { about: 'Hi' },
			},
			[
				{ id: EMAIL, name: 'Mail' },
				{ id: DEFAULT, name: 'Main' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(sent().map(([method, path]) => `${method} ${path}`)).toEqual([
			`PATCH /v1/senders/${EMAIL}`,
			`PATCH /v1/senders/${EMAIL}/profile`,
			`PATCH /v1/senders/${DEFAULT}`,
			`PATCH /v1/senders/${DEFAULT}/profile`,
		]);
		expect(r.json).toEqual([
			{
				error: `Sender ${EMAIL} has no WhatsApp Business Account connected [whatsapp_not_connected]`,
				code: 'whatsapp_not_connected',
				httpCode: 400,
				description: 'The sender fields were saved; only the Business Profile was not.',
			},
			expect.objectContaining({ id: DEFAULT, name: 'Main', profile: { about: 'Hi' } }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(stand.api.senders.get(EMAIL)!.name).toBe('Mail');
	});

	it.each([
		[{}, 'Nothing to update: add Update Fields, Business Profile or Webhook Fields [item 0]'],
		[{ updateFields: { name: '' } }, 'Name is empty [item 0]'],
		[
			{ webhookFields: { removeWebhook: true, webhookUrl: HOOK } },
			'Remove Webhook cannot be combined with other webhook fields [item 0]',
		],
		[
			{ webhookFields: { webhookEvents: ['message.sent', 'sms.sent'] } },
			'Webhook Events contains "sms.sent", which is not a Zavu webhook event [item 0]',
		],
		[
			{ businessProfile: { about: 'x'.repeat(140) } },
			'About is 140 characters long; Zavu accepts at most 139 [item 0]',
		],
		[
			{ businessProfile: { websites: 'https://a.com, https://b.com, https://c.com' } },
			'Websites has 3 URLs; WhatsApp takes at most 2 [item 0]',
		],
		[
			{ businessProfile: { vertical: 'SPACE' } },
			'Vertical "SPACE" is not a WhatsApp business category [item 0]',
		],
	])('refuses %j before any request', async (parameters, message) => {
		const r = await run({ operation: 'update', senderId: byId(DEFAULT), ...parameters });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Sender → Delete / Regenerate Webhook Secret', () => {
	it('DELETEs each sender (id encoded); the item says what was deleted; a 404 is carried', async () => {
		const created = await run({
			operation: 'create',
			name: 'Temp',
			additionalFields: { enableSmsOneway: true },
		});
		const id = created.json[0].id as string;
		stand.api.clearRequests();
		const r = await run(
			{ operation: 'delete', senderId: '={{ $json.id }}' },
			[{ id: 'snd gone/1' }, { id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(sent()).toEqual([
			['DELETE', '/v1/senders/snd%20gone%2F1', undefined],
			['DELETE', `/v1/senders/${id}`, undefined],
		]);
		expect(r.json).toEqual([
			{
				error: 'Sender snd gone/1 not found [sender_not_found]',
				code: 'sender_not_found',
				httpCode: 404,
			},
			{ id, deleted: true },
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(stand.api.senders.has(id)).toBe(false);
	});

	it('POSTs …/webhook/secret and emits the new secret; a sender without a webhook is carried', async () => {
		const old = withWebhook(DEFAULT);
		const r = await run(
			{ operation: 'regenerateWebhookSecret', senderId: byId('={{ $json.id }}') },
			[{ id: EMAIL }, { id: DEFAULT }],
			{ onError: 'continueRegularOutput' },
		);
		expect(sent()).toEqual([
			['POST', `/v1/senders/${EMAIL}/webhook/secret`, undefined],
			['POST', `/v1/senders/${DEFAULT}/webhook/secret`, undefined],
		]);
		expect(r.json).toEqual([
			{
				error: `No webhook configured for sender ${EMAIL} [webhook_not_found]`,
				code: 'webhook_not_found',
				httpCode: 404,
			},
			{ senderId: DEFAULT, secret: stand.api.webhookSecret(DEFAULT) },
		]);
		expect(r.json[1].secret).not.toBe(old);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each(['delete', 'regenerateWebhookSecret'])(
		'%s refuses an empty sender before any request',
		async (operation) => {
			const r = await run({ operation, senderId: byId('={{ $json.nothing }}') });
			expect(r.error?.message).toBe('Sender ID is empty [item 0]');
			expect(stand.api.requests).toHaveLength(0);
		},
	);
});

describe('the Sender resource, as the editor and AI agents see it', () => {
	const props = new Zavu().description.properties;
	const shown = (op: string) =>
		props.filter(
			(p) =>
				p.displayOptions?.show?.resource?.includes('sender') &&
				(p.displayOptions?.show?.operation ?? [op]).includes(op),
		);
	const field = (op: string, collection: string, name: string) =>
		(shown(op).find((p) => p.name === collection)!.options as INodeProperties[]).find(
			(o) => o.name === name,
		)!;
	const values = (p: INodeProperties) => (p.options as INodePropertyOptions[]).map((o) => o.value);

	it('operations and fields are described; option lists are the SDK-typed records', () => {
		const operation = props.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('sender'),
		)!;
		const options = operation.options as INodePropertyOptions[];
		expect(options.map((o) => o.value)).toEqual([
			'create',
			'delete',
			'get',
			'getAll',
			'regenerateWebhookSecret',
			'update',
		]);
		for (const o of options)
			expect([o.description, o.action]).toEqual([expect.any(String), expect.any(String)]);
		for (const op of options.map((o) => o.value as string)) {
			for (const p of shown(op).filter((q) => q.name !== 'operation')) {
				for (const f of [p, ...((p.options ?? []) as INodeProperties[])]) {
					if (
						'displayName' in f &&
						f.type !== 'collection' &&
						!['returnAll', 'limit'].includes(f.name)
					)
						expect([f.name, typeof f.description]).toEqual([f.name, 'string']);
				}
			}
		}
		expect(values(field('create', 'additionalFields', 'webhookEvents'))).toEqual(
			keysOf(SENDER_WEBHOOK_EVENTS),
		);
		expect(values(field('update', 'webhookFields', 'webhookSignatureVersion'))).toEqual(
			keysOf(WEBHOOK_SIGNATURE_VERSIONS),
		);
		expect(values(field('update', 'businessProfile', 'vertical'))).toEqual(
			keysOf(BUSINESS_VERTICALS),
		);
		expect(shown('update').map((p) => p.name)).toEqual([
			'operation',
			'senderId',
			'updateFields',
			'businessProfile',
			'webhookFields',
			'options',
		]);
	});
});
