// The locator fields as n8n sees them (names kept, modes, list methods, By ID checks), and the
// Zavu Webhook Trigger's Sender read in each shape through n8n-core's HookContext.
import type { INodeProperties } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { ZavuWebhookTrigger } from '../../nodes/ZavuWebhookTrigger/ZavuWebhookTrigger.node';
import { useStandIn } from '../support/standIn';
import type { WebhookHarness } from '../support/webhook';
import { createWebhookHarness } from '../support/webhook';

const stand = useStandIn({ perTest: true });

describe('every id a user picks is a resource locator, under its old name', () => {
	const locators = (properties: INodeProperties[]): INodeProperties[] =>
		properties.flatMap((p) =>
			p.type === 'resourceLocator'
				? [p]
				: p.type === 'collection'
					? locators((p.options ?? []) as INodeProperties[])
					: [],
		);
	const zavu = new Zavu();
	const trigger = new ZavuWebhookTrigger();

	it('names, modes, list methods and By ID checks', () => {
		const found = [
			...locators(zavu.description.properties).map((p) => ['zavu', p]),
			...locators(trigger.description.properties).map((p) => ['trigger', p]),
		] as Array<[string, INodeProperties]>;
		expect([...new Set(found.map(([n, p]) => `${n}.${p.name}`))].sort()).toEqual([
			'trigger.senderId',
			'zavu.agentId',
			'zavu.broadcastId',
			'zavu.callId',
			'zavu.contactId',
			'zavu.conversationId',
			'zavu.invitationId',
			'zavu.messageId',
			'zavu.phoneNumberId',
			'zavu.senderId',
			'zavu.sourceContactId',
			'zavu.templateId',
			'zavu.urlId',
		]);
		for (const [n, p] of found) {
			const methods = (n === 'zavu' ? zavu : trigger).methods.listSearch as object;
			const [list, byId, ...rest] = p.modes ?? [];
			expect(list.typeOptions?.searchListMethod).toBeDefined();
			expect(Object.keys(methods)).toContain(list.typeOptions?.searchListMethod);
			expect(byId).toMatchObject({ name: 'id', type: 'string', placeholder: expect.any(String) });
			expect(byId.validation?.[0]).toMatchObject({ type: 'regex' });
			expect(p.description).toMatch(/Pick it from the list or give its ID, e\.g\. \S+[^.]\.( |$)/);
			// By URL only where Zavu documents a dashboard address (its inbox, for threads); there
			// By ID links to the thread too (an n8n expression over the id).
			expect(rest.map((m) => m.name)).toEqual(p.name === 'conversationId' ? ['url'] : []);
			expect(byId.url).toBe(
				p.name === 'conversationId'
					? '=https://dashboard.zavu.dev/en/inbox?conv={{$value}}'
					: undefined,
			);
		}
		const searchable = found
			.filter(([, p]) => p.modes?.[0].typeOptions?.searchable)
			.map(([, p]) => p.name);
		expect([...new Set(searchable)].sort()).toEqual([
			'contactId',
			'conversationId',
			'sourceContactId',
		]);
	});
});

describe("Zavu Webhook Trigger's Sender", () => {
	const TYPE = 'n8n-nodes-zavudev.zavuWebhookTrigger';
	let harness: WebhookHarness | undefined;
	afterEach(async () => {
		await harness?.close();
		harness = undefined;
	});

	it.each([
		['a plain string (saved before)', 'snd_seed00000000000002'],
		['From List', { __rl: true, mode: 'list', value: 'snd_seed00000000000002' }],
		['By ID', { __rl: true, mode: 'id', value: 'snd_seed00000000000002' }],
	])('%s: activation points that sender webhook at n8n', async (_shape, senderId) => {
		harness = createWebhookHarness(
			{ nodeTypes: { [TYPE]: trigger() }, credentialTypes: [new ZavudevApi()] },
			{
				type: TYPE,
				name: 'Zavu Webhook Trigger',
				parameters: { events: ['message.inbound'], senderId } as never,
				credentials: { zavudevApi: stand.credentials() },
			},
		);
		await harness.serve();
		await harness.activate();
		expect(stand.api.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([
			'/v1/senders/snd_seed00000000000002',
		]);
	});

	it('a By ID value that is not an id fails activation before any request', async () => {
		harness = createWebhookHarness(
			{ nodeTypes: { [TYPE]: trigger() }, credentialTypes: [new ZavudevApi()] },
			{
				type: TYPE,
				name: 'Zavu Webhook Trigger',
				parameters: {
					events: ['message.inbound'],
					senderId: { __rl: true, mode: 'id', value: '={{ "snd 2" }}' },
				} as never,
				credentials: { zavudevApi: stand.credentials() },
			},
		);
		await harness.serve();
		await expect(harness.activate()).rejects.toThrow('Sender "snd 2" is not a valid sender ID');
		expect(stand.api.requests.filter((r) => r.path.startsWith('/v1/senders'))).toEqual([]);
	});

	const trigger = () => new ZavuWebhookTrigger();
});
