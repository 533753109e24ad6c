// Contact → Add Channel, Update Channel, Remove Channel, Set Primary Channel, through real
// n8n-core against the stand-in's contacts module. The contact operations: contact.test.ts.
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { description as contactDescription } from '../../nodes/Zavu/actions/contact';
import { CONTACT_CHANNELS, keysOf } from '../../nodes/Zavu/constants';
import type { Contact, ContactSeed } from '../stand-in/resources/contacts';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const SMS = { channel: 'sms' as const, identifier: '+14155551234' };
const EMAIL = { channel: 'email' as const, identifier: 'john@example.com' };
/** Ids with a space and a slash: the node must send each as one encoded path segment. */
const ODD = 'jx7 odd/1';
const CHANNEL = 'js7 ch/1';
const BASE = '/v1/contacts/jx7%20odd%2F1/channels';
const CHANNEL_PATH = `${BASE}/js7%20ch%2F1`;

const contacts = () => stand.api.modules.contacts;
const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'contact', ...params }, items, settings);
const sent = () =>
	stand.api.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);

/** A contact under id ODD whose second channel (the SMS one) has the id CHANNEL. */
function seedOdd(seed: ContactSeed = { channels: [EMAIL, SMS] }) {
	const contact = contacts().seed(seed);
	contacts().contacts.delete(contact.id);
	const tags = contacts().tags.get(contact.id);
	if (tags) contacts().tags.set(ODD, tags);
	contact.id = ODD;
	contacts().contacts.set(ODD, contact);
	contact.channels[seed.channels.length - 1].id = CHANNEL;
	return contact;
}

describe('Contact → Add Channel', () => {
	it('POSTs the channel to /v1/contacts/{id}/channels and emits it unwrapped', async () => {
		seedOdd({ channels: [SMS] });
		const r = await run({
			operation: 'addChannel',
			contactId: ODD,
			channel: 'whatsapp',
			identifier: ' +14155550000 ',
			additionalFields: { countryCode: 'us', isPrimary: true, label: 'work' },
		});
		expect(r.error).toBeUndefined();
		expect(sent()).toEqual([
			{
				method: 'POST',
				path: BASE,
				query: {},
				body: {
					channel: 'whatsapp',
					identifier: '+14155550000',
					countryCode: 'US',
					isPrimary: true,
					label: 'work',
				},
			},
		]);
		expect(r.json).toEqual([
			expect.objectContaining({
				id: expect.stringMatching(/^js7/),
				channel: 'whatsapp',
				identifier: '+14155550000',
				isPrimary: true,
			}),
		]);
		expect(r.json[0]).not.toHaveProperty('channel.channel');
		expect(paired(r)).toEqual([{ item: 0 }]);
		expect(contacts().contacts.get(ODD)?.availableChannels).toEqual(['sms', 'whatsapp']);
	});
});

describe('Contact → Update Channel', () => {
	it('PATCHes /v1/contacts/{id}/channels/{channelId} with the fields added; an empty label clears it', async () => {
		const contact = seedOdd();
		contact.channels[1].label = 'old';
		const r = await run({
			operation: 'updateChannel',
			contactId: ODD,
			channelId: CHANNEL,
			updateFields: {
				label: '',
				verified: true,
				metadata: { entry: [{ key: 'source', value: 'crm' }] },
			},
		});
		expect(sent()).toEqual([
			{
				method: 'PATCH',
				path: CHANNEL_PATH,
				query: {},
				body: { label: null, verified: true, metadata: { source: 'crm' } },
			},
		]);
		expect(r.json).toEqual([
			expect.objectContaining({ id: CHANNEL, verified: true, metadata: { source: 'crm' } }),
		]);
		expect(r.json[0]).not.toHaveProperty('label');
		expect(paired(r)).toEqual([{ item: 0 }]);
	});
});

describe('Contact → Remove Channel', () => {
	it('DELETEs the channel and emits what was removed (Zavu answers 204)', async () => {
		seedOdd();
		const r = await run({ operation: 'removeChannel', contactId: ODD, channelId: CHANNEL });
		expect(sent()).toEqual([{ method: 'DELETE', path: CHANNEL_PATH, query: {}, body: undefined }]);
		expect(stand.api.requests[0].status).toBe(204);
		expect(r.json).toEqual([{ contactId: ODD, channelId: CHANNEL, removed: true }]);
		expect(paired(r)).toEqual([{ item: 0 }]);
		expect(
			contacts()
				.contacts.get(ODD)
				?.channels.map((c) => c.channel),
		).toEqual(['email']);
	});
});

describe('Contact → Set Primary Channel', () => {
	it('POSTs /primary without a body and emits the channel, now primary', async () => {
		const contact = seedOdd({
			channels: [SMS, { channel: 'sms', identifier: '+14155550000' }],
		});
		expect(contact.primaryPhone).toBe(SMS.identifier);
		const r = await run({ operation: 'setPrimaryChannel', contactId: ODD, channelId: CHANNEL });
		expect(sent()).toEqual([
			{ method: 'POST', path: `${CHANNEL_PATH}/primary`, query: {}, body: undefined },
		]);
		expect(stand.api.requests[0].rawBody).toBe('');
		expect(r.json).toEqual([
			expect.objectContaining({ id: CHANNEL, identifier: '+14155550000', isPrimary: true }),
		]);
		expect(contacts().contacts.get(ODD)?.primaryPhone).toBe('+14155550000');
	});
});

describe("Continue On Fail: the failing item carries Zavu's code and message, the next one runs", () => {
	const ids = { contactId: '={{ $json.contactId }}', channelId: '={{ $json.channelId }}' };
	const ok = (channelId = CHANNEL) => ({ contactId: ODD, channelId });
	interface Case {
		operation: string;
		params: IDataObject;
		/** Three items, the middle one failing at the API; `lone`: a contact with one channel. */
		items: (contact: Contact, lone: Contact) => IDataObject[];
		code: string;
		httpCode: number;
		message: string;
	}
	it.each<Case>([
		{
			operation: 'addChannel',
			params: { contactId: ODD, channel: 'sms', identifier: '={{ $json.to }}' },
			items: () => [{ to: '+14155550001' }, { to: SMS.identifier }, { to: '+14155550003' }],
			code: 'contact_channel_exists',
			httpCode: 409,
			message: `sms ${SMS.identifier} already belongs to contact ${ODD} [contact_channel_exists]`,
		},
		{
			operation: 'updateChannel',
			params: { ...ids, updateFields: { verified: true } },
			items: () => [ok(), ok('js7 gone'), ok()],
			code: 'channel_not_found',
			httpCode: 404,
			message: `Channel js7 gone not found on contact ${ODD} [channel_not_found]`,
		},
		{
			operation: 'setPrimaryChannel',
			params: ids,
			items: () => [ok(), ok('js7 gone'), ok()],
			code: 'channel_not_found',
			httpCode: 404,
			message: `Channel js7 gone not found on contact ${ODD} [channel_not_found]`,
		},
		{
			operation: 'removeChannel',
			params: ids,
			items: (contact, lone) => [
				ok(),
				{ contactId: lone.id, channelId: lone.channels[0].id },
				ok(contact.channels[0].id),
			],
			code: 'cannot_remove_last_channel',
			httpCode: 400,
			message: 'Cannot remove the last channel of a contact [cannot_remove_last_channel]',
		},
	])('$operation', async ({ operation, params, items, code, httpCode, message }) => {
		const contact = seedOdd({
			channels: [EMAIL, { channel: 'whatsapp', identifier: '+14155559999' }, SMS],
		});
		const lone = contacts().seed({ channels: [{ channel: 'telegram', identifier: '42' }] });
		const r = await run({ operation, ...params }, items(contact, lone), {
			onError: 'continueRegularOutput',
		});
		expect(r.error).toBeUndefined();
		expect(r.json).toHaveLength(3);
		expect(r.json[1]).toEqual({ error: message, code, httpCode });
		const key = operation === 'removeChannel' ? 'removed' : 'id';
		expect([r.json[0], r.json[2]]).toEqual([
			expect.objectContaining({ [key]: expect.anything() }),
			expect.objectContaining({ [key]: expect.anything() }),
		]);
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		const statuses = stand.api.requests.map((q) => q.status ?? 0);
		expect(statuses).toHaveLength(3);
		expect(statuses[1]).toBe(httpCode);
		expect([statuses[0] < 300, statuses[2] < 300]).toEqual([true, true]);
	});
});

describe('bad input fails before any request, naming the field and the item', () => {
	it.each([
		[
			'addChannel',
			{ contactId: ODD, channel: 'email', identifier: 'john-at-example' },
			'Identifier "john-at-example" is not a valid email address [item 0]',
		],
		[
			'addChannel',
			{ contactId: ODD, channel: 'voice', identifier: '4155551234' },
			'Identifier "4155551234" is not in E.164 format [item 0]',
		],
		[
			'updateChannel',
			{ contactId: ODD, channelId: CHANNEL, updateFields: {} },
			'Update Fields is empty: add Label, Metadata or Verified [item 0]',
		],
		['removeChannel', { contactId: ODD, channelId: '={{ "" }}' }, 'Channel ID is empty [item 0]'],
		[
			'setPrimaryChannel',
			{ contactId: '={{ " " }}', channelId: CHANNEL },
			'Contact ID is empty [item 0]',
		],
	])('%s: %j', async (operation, params, message) => {
		const r = await run({ operation, ...params });
		expect(r.thrown).toBeInstanceOf(NodeOperationError);
		expect(r.error?.message).toBe(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('the fields read well to an AI model (the node is usableAsTool)', () => {
	it('every operation has a description and an action; every field a description', () => {
		const operation = contactDescription.find((p) => p.name === 'operation');
		const options = (operation?.options ?? []) as Array<{ description?: string; action?: string }>;
		expect(options).toHaveLength(11);
		for (const option of options) {
			expect(option.description).toMatch(/\w{3}/);
			expect(option.action).toMatch(/\w{3}/);
		}
		const undescribed: string[] = [];
		const visit = (props: INodeProperties[], path: string) => {
			for (const p of props) {
				const at = `${path}${p.name}`;
				if (['operation', 'options', 'returnAll', 'limit'].includes(p.name)) continue;
				if (p.type === 'collection' || p.type === 'fixedCollection') {
					const nested = (p.options ?? []) as Array<
						INodeProperties & { values?: INodeProperties[] }
					>;
					visit(
						nested.flatMap((o) => o.values ?? [o]),
						`${at}.`,
					);
					if (p.type === 'collection') continue;
				}
				if (!p.description && !['key', 'value'].includes(p.name)) undescribed.push(at);
			}
		};
		visit(contactDescription, '');
		expect(undescribed).toEqual([]);
	});
});

describe('channel option lists are the SDK-typed CONTACT_CHANNELS of constants.ts', () => {
	const values = (p: INodeProperties | undefined) =>
		((p?.options ?? []) as Array<{ value: string }>).map((o) => o.value).sort();
	const find = (operation: string, name: string) =>
		contactDescription.find(
			(p) => p.name === name && p.displayOptions?.show?.operation?.includes(operation),
		);
	const channels = [...keysOf(CONTACT_CHANNELS)].sort();

	it('Add Channel, Create (each channel), Update (Default Channel, plus None)', () => {
		expect(channels).toEqual([
			'email',
			'instagram',
			'messenger',
			'sms',
			'telegram',
			'voice',
			'whatsapp',
		]);
		expect(values(find('addChannel', 'channel'))).toEqual(channels);
		const entry = (find('create', 'channels')?.options as Array<{ values: INodeProperties[] }>)[0];
		expect(values(entry.values.find((v) => v.name === 'channel'))).toEqual(channels);
		const fields = find('update', 'updateFields')?.options as INodeProperties[];
		expect(values(fields.find((f) => f.name === 'defaultChannel'))).toEqual(
			[...channels, 'clear'].sort(),
		);
	});
});
