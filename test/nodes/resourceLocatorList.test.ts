// The "From List" mode of the resource locators: methods.listSearch through n8n-core's
// LoadOptionsContext (as the editor's /dynamic-node-parameters/resource-locator-results calls
// it) against the stand-in. Reading the chosen value: resourceLocator.test.ts.
import type { INodeListSearchResult } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { ZavuWebhookTrigger } from '../../nodes/ZavuWebhookTrigger/ZavuWebhookTrigger.node';
import type { Sender } from '../stand-in/ZavuStandIn';
import { listSearch } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { ZAVU, types } from './setup';

const stand = useStandIn({ perTest: true });

const search = async (method: string, filter?: string, token?: string) =>
	await listSearch(
		types,
		{
			type: ZAVU,
			parameters: { resource: 'message', operation: 'get' },
			credentials: { zavudevApi: stand.credentials() as never },
		},
		method,
		filter,
		token,
	);
const queries = () => stand.api.requests.map((r) => [r.method, r.path, r.query]);
const contacts = () => stand.api.modules.contacts;
const inbox = (id: string) => `https://dashboard.zavu.dev/en/inbox?conv=${id}`;

describe('list searches: what each entry shows, its id and link', () => {
	it('invitations: client, status and day created; the link is the invite page', async () => {
		const [older] = stand.api.seedInvitations(1, {
			clientName: 'Acme Corp',
			clientEmail: 'a@acme.io',
		});
		const [newer] = stand.api.seedInvitations(1, { clientPhone: '+14155550100' });
		stand.api.seedInvitations(1, { status: 'completed', clientName: 'Beta' });
		const page = await search('searchInvitations');
		const day = (iso: string) => iso.slice(0, 10);
		expect(page.results.slice(1)).toEqual([
			{
				name: `+14155550100 - pending, created ${day(newer.createdAt)}`,
				value: newer.id,
				url: newer.url,
			},
			{
				name: `Acme Corp <a@acme.io> - pending, created ${day(older.createdAt)}`,
				value: older.id,
				url: older.url,
			},
		]);
		expect(page.results[0].name).toMatch(/^Beta - completed, created /);
		expect(page.paginationToken).toBeUndefined();
		expect(queries()).toEqual([['GET', '/v1/invitations', { limit: '100' }]]);
	});

	it('messages: direction, party, channel, status, time and text; the link opens the thread', async () => {
		const m = stand.api.receiveMessage({
			from: '+14155550001',
			text: 'Hello\nthere',
			channel: 'sms',
		});
		const [entry] = (await search('searchMessages')).results;
		const at = m.createdAt.slice(0, 16).replace('T', ' ');
		expect(entry).toEqual({
			name: `From +14155550001 via sms - received (${at}): "Hello there"`,
			value: m.id,
			url: inbox(m.conversationId),
		});
		expect(queries()).toEqual([['GET', '/v1/messages', { limit: '100' }]]);
	});

	it('conversations: who, channels and last text; the link is Zavu inbox deep link', async () => {
		const m = stand.api.receiveMessage({
			from: 'maria@example.com',
			text: 'Hola',
			channel: 'email',
		});
		expect((await search('searchConversations')).results).toEqual([
			{
				name: 'maria@example.com [email]: "Hola"',
				value: m.conversationId,
				url: inbox(m.conversationId),
			},
		]);
	});

	it('contacts: name with the primary phone or email', async () => {
		const john = contacts().seed({
			channels: [{ channel: 'sms', identifier: '+14155551234' }],
			displayName: 'John Doe',
		});
		const mail = contacts().seed({ channels: [{ channel: 'email', identifier: 'x@y.io' }] });
		const { results } = await search('searchContacts');
		expect(results).toEqual(
			expect.arrayContaining([
				{ name: 'John Doe (+14155551234)', value: john.id },
				{ name: 'x@y.io', value: mail.id },
			]),
		);
		expect(results).toHaveLength(2);
	});

	it('senders, templates, phone numbers: labelled as the dropdowns were', async () => {
		expect((await search('searchSenders')).results).toEqual([
			{
				name: 'Default sender (+14155550100) [sms, whatsapp] (default)',
				value: 'snd_seed00000000000001',
			},
			{ name: 'Email sender (hello@example.com) [email]', value: 'snd_seed00000000000002' },
		]);
		expect((await search('searchTemplates')).results).toEqual([
			{ name: 'welcome (en) - approved', value: 'tmpl_seed00000000000001' },
			{
				name: 'order_update (en) - pending',
				value: 'tmpl_seed00000000000002',
				description: 'Not approved yet: WhatsApp will reject sends',
			},
			{ name: 'appointment_reminder (es) - approved', value: 'tmpl_seed00000000000003' },
		]);
		expect((await search('searchPhoneNumbers')).results).toEqual([
			{ name: '+14155550100 (US main line)', value: 'pn_seed00000000000001' },
			{ name: '+525512345678 (Mexico City)', value: 'pn_seed00000000000002' },
		]);
		expect(queries().map(([, path]) => path)).toEqual([
			'/v1/senders',
			'/v1/templates',
			'/v1/phone-numbers',
		]);
	});

	it("the Webhook Trigger's Sender lists the same senders through its own node", async () => {
		const trigger = 'n8n-nodes-zavudev.zavuWebhookTrigger';
		const { results } = await listSearch(
			{ nodeTypes: { [trigger]: new ZavuWebhookTrigger() }, credentialTypes: [new ZavudevApi()] },
			{
				type: trigger,
				parameters: { events: ['message.inbound'] },
				credentials: { zavudevApi: stand.credentials() as never },
			},
			'searchSenders',
		);
		expect(results.map((r) => r.value)).toEqual([
			'snd_seed00000000000001',
			'snd_seed00000000000002',
		]);
	});

	it('an unreadable answer is an error the editor shows, not an empty list', async () => {
		stand.api.inject({ match: { path: '/v1/senders' }, malformed: true });
		await expect(search('searchSenders')).rejects.toThrow(/unexpected response/);
	});
});

/** 120 more entities of each list than one page (100) holds. */
const fill: Record<string, () => void> = {
	searchInvitations: () => void stand.api.seedInvitations(120),
	searchMessages: () => {
		for (let k = 0; k < 120; k++) stand.api.receiveMessage({ from: '+14155550001', text: `m${k}` });
	},
	searchConversations: () => {
		for (let k = 0; k < 120; k++) stand.api.receiveMessage({ from: `+1415555${1000 + k}` });
	},
	searchContacts: () => {
		for (let k = 0; k < 120; k++) {
			contacts().seed({ channels: [{ channel: 'sms', identifier: `+1415555${1000 + k}` }] });
		}
	},
	searchSenders: () => {
		const seed = [...stand.api.senders.values()][1];
		for (let k = 0; k < 120; k++) {
			const sender: Sender = { ...seed, id: `snd_more${k}`, name: `Sender ${k}` };
			stand.api.senders.set(sender.id, sender);
		}
	},
	searchTemplates: () => {
		const seed = [...stand.api.templates.values()][0];
		for (let k = 0; k < 120; k++) stand.api.templates.set(`tpl_${k}`, { ...seed, id: `tpl_${k}` });
	},
	searchPhoneNumbers: () => {
		const seed = [...stand.api.phoneNumbers.values()][0];
		for (let k = 0; k < 120; k++) {
			stand.api.phoneNumbers.set(`pn_${k}`, {
				...seed,
				id: `pn_${k}`,
				phoneNumber: `+1415555${k}`,
			});
		}
	},
};

describe('paging: Zavu nextCursor is n8n paginationToken, handed back as cursor', () => {
	it.each(Object.keys(fill))('%s walks every page once', async (method) => {
		fill[method]();
		const pages: INodeListSearchResult[] = [];
		let token: string | undefined;
		do {
			const page = await search(method, undefined, token);
			pages.push(page);
			token = page.paginationToken;
		} while (token !== undefined && pages.length < 10);

		expect(pages.length).toBeGreaterThan(1);
		expect(pages.at(-1)?.paginationToken).toBeUndefined();
		const ids = pages.flatMap((p) => p.results.map((r) => r.value));
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids.length).toBeGreaterThanOrEqual(120);
		// Each request after the first carries the token the previous page gave, as `cursor`.
		const cursors = stand.api.requests.map((r) => r.query.cursor);
		expect(cursors).toEqual([undefined, ...pages.slice(0, -1).map((p) => p.paginationToken)]);
		expect(stand.api.requests.every((r) => r.query.limit === '100')).toBe(true);
	});
});

describe('search: the typed filter goes to Zavu where the list takes one', () => {
	it('contacts: sent as `search`, trimmed; only matches come back', async () => {
		const maria = contacts().seed({
			channels: [{ channel: 'email', identifier: 'maria@example.com' }],
			displayName: 'María Pérez',
		});
		contacts().seed({
			channels: [{ channel: 'sms', identifier: '+14155550002' }],
			displayName: 'Bob',
		});
		const { results } = await search('searchContacts', '  maria ');
		expect(results).toEqual([{ name: 'María Pérez (maria@example.com)', value: maria.id }]);
		expect(queries()).toEqual([['GET', '/v1/contacts', { limit: '100', search: 'maria' }]]);
	});

	it('conversations: sent as `search`; a blank filter is not sent (Zavu would find nothing)', async () => {
		const a = stand.api.receiveMessage({ from: '+14155550001' });
		stand.api.receiveMessage({ from: '+5215512345678' });
		expect((await search('searchConversations', '+1415')).results.map((r) => r.value)).toEqual([
			a.conversationId,
		]);
		expect((await search('searchConversations', '   ')).results).toHaveLength(2);
		expect(queries()).toEqual([
			['GET', '/v1/conversations', { limit: '100', search: '+1415' }],
			['GET', '/v1/conversations', { limit: '100' }],
		]);
	});

	it('the other lists take no search: a filter given anyway is not sent', async () => {
		for (const method of ['searchInvitations', 'searchMessages', 'searchSenders']) {
			await search(method, 'acme');
		}
		expect(stand.api.requests.map((r) => r.query)).toEqual([
			{ limit: '100' },
			{ limit: '100' },
			{ limit: '100' },
		]);
	});
});
