// Every resource locator of the Zavu node, through real n8n-core against the stand-in: the id
// reaches Zavu the same whether the field holds a `{ __rl, mode: 'list' | 'id' | 'url', value }`
// or, as workflows saved before the locators hold it, a plain string. A By ID value that is not
// an id is refused before any request. The lists: resourceLocatorList.test.ts; saved workflows
// and n8n's own parameter checks: resourceLocatorCompat.test.ts.
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RecordedRequest } from '../stand-in/ZavuStandIn';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn();

/** An id with a character a path segment must escape: it has to arrive as one segment. */
const ID = 'ab_12/3';
const SEGMENT = 'ab_12%2F3';
const CHANNEL = 'js7chan';

type Value = string | IDataObject;

interface Case {
	/** "invitation get: invitationId". */
	label: string;
	params: (value: Value) => IDataObject;
	/** What Zavu must receive: the first request. */
	check: (request: RecordedRequest) => void;
}

const path = (method: string, expected: string) => (request: RecordedRequest) =>
	expect([request.method, request.path]).toEqual([method, expected]);
const op = (resource: string, operation: string, rest: IDataObject = {}) => ({
	resource,
	operation,
	...rest,
});

const cases: Case[] = [
	...[
		['get', 'GET', `/v1/invitations/${SEGMENT}`],
		['cancel', 'POST', `/v1/invitations/${SEGMENT}/cancel`],
	].map(([operation, method, expected]) => ({
		label: `invitation ${operation}: invitationId`,
		params: (v: Value) => op('invitation', operation, { invitationId: v }),
		check: path(method, expected),
	})),
	...[
		['get', 'GET', `/v1/messages/${SEGMENT}`, {}],
		['react', 'POST', `/v1/messages/${SEGMENT}/reactions`, { emoji: '👍' }],
		['showTyping', 'POST', `/v1/messages/${SEGMENT}/typing`, {}],
		['getAttachments', 'GET', `/v1/messages/${SEGMENT}/attachments`, {}],
	].map(([operation, method, expected, rest]) => ({
		label: `message ${operation as string}: messageId`,
		params: (v: Value) =>
			op('message', operation as string, { ...(rest as IDataObject), messageId: v }),
		check: path(method as string, expected as string),
	})),
	...[
		['get', 'GET', `/v1/conversations/${SEGMENT}`],
		['getMessages', 'GET', `/v1/conversations/${SEGMENT}/messages`],
		['markAsRead', 'POST', `/v1/conversations/${SEGMENT}/read`],
	].map(([operation, method, expected]) => ({
		label: `conversation ${operation}: conversationId`,
		params: (v: Value) => op('conversation', operation, { conversationId: v }),
		check: path(method, expected),
	})),
	...(
		[
			['get', 'GET', '', {}],
			['update', 'PATCH', '', { updateFields: { displayName: 'X' } }],
			['delete', 'DELETE', '', {}],
			['merge', 'POST', '/merge', { sourceContactId: 'jx7other' }],
			['addChannel', 'POST', '/channels', { channel: 'sms', identifier: '+14155550999' }],
			[
				'updateChannel',
				'PATCH',
				`/channels/${CHANNEL}`,
				{ channelId: CHANNEL, updateFields: { label: 'work' } },
			],
			['removeChannel', 'DELETE', `/channels/${CHANNEL}`, { channelId: CHANNEL }],
			['setPrimaryChannel', 'POST', `/channels/${CHANNEL}/primary`, { channelId: CHANNEL }],
		] as Array<[string, string, string, IDataObject]>
	).map(([operation, method, tail, rest]) => ({
		label: `contact ${operation}: contactId`,
		params: (v: Value) => op('contact', operation, { ...rest, contactId: v }),
		check: path(method, `/v1/contacts/${SEGMENT}${tail}`),
	})),
	{
		label: 'contact merge: sourceContactId (sent in the body)',
		params: (v) => op('contact', 'merge', { contactId: 'jx7target', sourceContactId: v }),
		check: (r) => {
			path('POST', '/v1/contacts/jx7target/merge')(r);
			expect(r.body).toEqual({ sourceContactId: ID });
		},
	},
	...[
		['send', { to: '+14155551234', channel: 'sms', text: 'Hi' }, '/v1/messages'],
		['react', { messageId: 'msg_1', emoji: '👍' }, '/v1/messages/msg_1/reactions'],
		['showTyping', { messageId: 'msg_1' }, '/v1/messages/msg_1/typing'],
	].map(([operation, rest, expected]) => ({
		label: `message ${operation as string}: options.senderId (the Zavu-Sender header)`,
		params: (v: Value) =>
			op('message', operation as string, { ...(rest as IDataObject), options: { senderId: v } }),
		check: (r: RecordedRequest) => {
			path('POST', expected as string)(r);
			expect(r.headers['zavu-sender']).toBe(ID);
		},
	})),
	{
		label: 'message send: templateId (in the content)',
		params: (v) =>
			op('message', 'send', {
				to: '+14155551234',
				channel: 'whatsapp',
				messageType: 'template',
				templateId: v,
			}),
		check: (r) => {
			path('POST', '/v1/messages')(r);
			expect(r.body.content).toEqual({ templateId: ID });
		},
	},
	{
		label: 'invitation create: additionalFields.phoneNumberId (in the body)',
		params: (v) => op('invitation', 'create', { additionalFields: { phoneNumberId: v } }),
		check: (r) => {
			path('POST', '/v1/invitations')(r);
			expect(r.body).toEqual({ phoneNumberId: ID });
		},
	},
];

const shapes: Array<[string, Value]> = [
	['a plain string (saved before the locator)', ` ${ID} `],
	['From List', { __rl: true, mode: 'list', value: ID, cachedResultName: 'Shown name' }],
	['By ID', { __rl: true, mode: 'id', value: ID }],
	['By ID, an expression', { __rl: true, mode: 'id', value: '={{ $json.id }}' }],
];

describe.each(cases)('$label', ({ params, check }) => {
	it.each(shapes)('%s reaches Zavu as the id', async (_shape, value) => {
		await runZavu(stand.credentials(), params(value), [{ id: ID }]);
		expect(stand.api.requests.length).toBeGreaterThan(0);
		check(stand.api.requests[0]);
	});
});

describe('Conversation By URL: the id from a Zavu inbox link', () => {
	it.each([
		`https://dashboard.zavu.dev/en/inbox?conv=conv_abc123`,
		`https://dashboard.zavu.dev/es/inbox?tab=open&conv=conv_abc123&x=1#top`,
	])('%s', async (url) => {
		await runZavu(stand.credentials(), {
			resource: 'conversation',
			operation: 'get',
			conversationId: { __rl: true, mode: 'url', value: url },
		});
		expect(stand.api.requests.map((r) => r.path)).toEqual(['/v1/conversations/conv_abc123']);
	});

	it('a link that is not an inbox link is refused before any request', async () => {
		const run = await runZavu(stand.credentials(), {
			resource: 'conversation',
			operation: 'get',
			conversationId: { __rl: true, mode: 'url', value: '={{ "https://example.com/x?conv=1" }}' },
		});
		expect(run.error?.message).toMatch(/URL entered is incorrect/);
		expect(stand.api.requests).toEqual([]);
	});
});

describe('a By ID value that is not an id is refused before any request', () => {
	it('typed in: n8n itself refuses the run (the mode validation)', async () => {
		const run = runZavu(stand.credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: { __rl: true, mode: 'id', value: 'inv 123' },
		});
		await expect(run).rejects.toThrow(
			"The 'Node' node has issues:\n- Not a valid invitation ID: an ID has no spaces, e.g. jh7am5bng9p3v2x1k4r8",
		);
		expect(stand.api.requests).toEqual([]);
	});

	it.each([
		[
			'an expression',
			{ resource: 'message', operation: 'get', messageId: '={{ $json.id }}' },
			'Message ID "msg 1" is not a valid message ID [item 0]',
		],
		[
			'inside a collection (n8n does not check those)',
			{
				resource: 'message',
				operation: 'send',
				to: '+14155551234',
				channel: 'sms',
				text: 'Hi',
				options: { senderId: 'snd bad' },
			},
			'Sender "snd bad" is not a valid sender ID [item 0]',
		],
		[
			'the template of a send',
			{
				resource: 'message',
				operation: 'send',
				to: '+14155551234',
				channel: 'whatsapp',
				messageType: 'template',
				templateId: '={{ "tpl x" }}',
			},
			'Template "tpl x" is not a valid template ID [item 0]',
		],
	])('%s: the node refuses it, naming the field and the item', async (_what, params, message) => {
		const byId = (value: unknown) => ({ __rl: true, mode: 'id', value });
		const parameters: IDataObject = { ...params };
		if (parameters.messageId) parameters.messageId = byId('={{ "msg 1" }}');
		if (parameters.templateId) parameters.templateId = byId(parameters.templateId);
		if (parameters.options) parameters.options = { senderId: byId('snd bad') };
		const run = await runZavu(stand.credentials(), parameters);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toBe(message);
		expect(run.error?.description).toBe(
			`An ID has no spaces, e.g. ${{ Message: 'msg_abc123', Sender: 'sender_12345', Template: 'tpl_abc123' }[message.split(' ')[0]]}.`,
		);
		expect(stand.api.requests).toEqual([]);
	});

	it('an empty locator is refused as before (an expression that gives nothing)', async () => {
		const run = await runZavu(stand.credentials(), {
			resource: 'contact',
			operation: 'get',
			contactId: { __rl: true, mode: 'list', value: '={{ "" }}' },
		});
		expect(run.error?.message).toBe('Contact ID is empty [item 0]');
		expect(stand.api.requests).toEqual([]);
	});
});
