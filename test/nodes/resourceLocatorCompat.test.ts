// Workflows saved before the ids became resource locators hold them as plain strings and
// expressions. The same node version reads both: n8n-core's extractValue hands a non-object value
// back unchanged, and n8n's parameter checks accept a plain string for a resourceLocator. Here an
// old workflow's JSON runs through real n8n-core against the stand-in, then the same workflow
// with its ids in the new `{ __rl, mode, value }` shape; both must send the same requests.
import { extractValue } from 'n8n-core/dist/execution-engine/node-execution-context/utils/extract-value';
import { validateValueAgainstSchema } from 'n8n-core/dist/execution-engine/node-execution-context/utils/validate-value-against-schema';
import type { IDataObject, INode, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { runNode } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { ZAVU, types } from './setup';

const stand = useStandIn({ perTest: true });

/** Zavu nodes as saved before (defaults left out, as n8n saves them), one item in. */
const OLD_WORKFLOW = `{
	"name": "Saved before the resource locators",
	"nodes": [
		{ "name": "Get invitation", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "operation": "get", "invitationId": "={{ $json.invitationId }}" } },
		{ "name": "Cancel invitation", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "operation": "cancel", "invitationId": "INVITATION" } },
		{ "name": "Invite with a number", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "clientName": "Acme", "additionalFields": { "phoneNumberId": "pn_seed00000000000001" } } },
		{ "name": "Welcome", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "message", "to": "+14155551234", "channel": "whatsapp",
		    "messageType": "template", "templateId": "tmpl_seed00000000000001",
		    "options": { "senderId": "={{ $json.senderId }}" } } },
		{ "name": "Get message", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "message", "operation": "get", "messageId": "={{ $json.messageId }}" } },
		{ "name": "React", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "message", "operation": "react", "messageId": "={{ $json.messageId }}",
		    "emoji": "👍", "options": { "senderId": "snd_seed00000000000001" } } },
		{ "name": "Typing", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "message", "operation": "showTyping", "messageId": "={{ $json.messageId }}" } },
		{ "name": "Attachments", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "message", "operation": "getAttachments", "messageId": "={{ $json.messageId }}" } },
		{ "name": "Thread", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "conversation", "operation": "markAsRead", "conversationId": "={{ $json.conversationId }}" } },
		{ "name": "Contact", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "contact", "contactId": "={{ $json.contactId }}" } },
		{ "name": "Merge", "type": "n8n-nodes-zavudev.zavu", "typeVersion": 1,
		  "parameters": { "resource": "contact", "operation": "merge", "contactId": "={{ $json.contactId }}", "sourceContactId": "SOURCE" } }
	]
}`;

/** The saved nodes, their ids placed, with `shape` applied to every locator value. */
function savedNodes(ids: Record<string, string>, shape: (value: string) => unknown = (v) => v) {
	const json = OLD_WORKFLOW.replace('"INVITATION"', `"${ids.cancel}"`).replace(
		'"SOURCE"',
		`"${ids.source}"`,
	);
	const nodes = (JSON.parse(json) as { nodes: INode[] }).nodes;
	const locators = ['invitationId', 'templateId', 'messageId', 'conversationId', 'contactId'];
	for (const { parameters } of nodes) {
		for (const name of [...locators, 'sourceContactId']) {
			if (typeof parameters[name] === 'string') parameters[name] = shape(parameters[name]) as never;
		}
		for (const [collection, name] of [
			['options', 'senderId'],
			['additionalFields', 'phoneNumberId'],
		]) {
			const holder = parameters[collection] as IDataObject | undefined;
			if (typeof holder?.[name] === 'string') holder[name] = shape(holder[name] as string) as never;
		}
	}
	return nodes;
}

/** Runs each saved node over `item`: what Zavu received, per node. */
async function runSaved(nodes: INode[], item: IDataObject) {
	const seen: Array<[string, string, string, IDataObject]> = [];
	for (const node of nodes) {
		stand.api.clearRequests();
		const run = await runNode(
			types,
			{
				type: node.type,
				typeVersion: node.typeVersion,
				name: node.name,
				parameters: node.parameters,
				credentials: { zavudevApi: stand.credentials() as never },
			},
			[item],
		);
		expect([node.name, run.error?.message]).toEqual([node.name, undefined]);
		for (const r of stand.api.requests) {
			// The idempotency key of a send is derived per execution: left out to compare runs.
			const { idempotencyKey: _key, ...body } = (r.body ?? {}) as IDataObject;
			const sender = r.headers['zavu-sender'];
			seen.push([node.name, r.method, r.path, sender ? { sender, ...body } : body]);
		}
	}
	return seen;
}

/** The entities the saved nodes act on (`n`: a second set in the same stand-in). */
function world(n = 0) {
	const [kept, cancel] = stand.api.seedInvitations(2);
	const inbound = stand.api.receiveMessage({
		from: `+1415555001${n}`,
		text: 'Hi',
		channel: 'whatsapp',
	});
	const contacts = stand.api.modules.contacts;
	const target = contacts.seed({ channels: [{ channel: 'sms', identifier: `+1415555000${n}` }] });
	const source = contacts.seed({ channels: [{ channel: 'email', identifier: `a${n}@b.io` }] });
	const item = {
		invitationId: kept.id,
		senderId: 'snd_seed00000000000001',
		messageId: inbound.id,
		conversationId: inbound.conversationId,
		contactId: target.id,
	};
	return {
		ids: { cancel: cancel.id, source: source.id },
		item,
		kept,
		cancel,
		inbound,
		target,
		source,
	};
}

describe('a workflow saved before the locators runs unchanged, and so does its new shape', () => {
	it('old JSON: plain ids and expressions reach Zavu as before', async () => {
		const w = world();
		const seen = await runSaved(savedNodes(w.ids), w.item);
		const sender = 'snd_seed00000000000001';
		expect(seen).toEqual([
			['Get invitation', 'GET', `/v1/invitations/${w.kept.id}`, {}],
			['Cancel invitation', 'POST', `/v1/invitations/${w.cancel.id}/cancel`, {}],
			[
				'Invite with a number',
				'POST',
				'/v1/invitations',
				{ clientName: 'Acme', phoneNumberId: 'pn_seed00000000000001' },
			],
			[
				'Welcome',
				'POST',
				'/v1/messages',
				{
					sender,
					to: '+14155551234',
					channel: 'whatsapp',
					messageType: 'template',
					content: { templateId: 'tmpl_seed00000000000001' },
				},
			],
			['Get message', 'GET', `/v1/messages/${w.inbound.id}`, {}],
			['React', 'POST', `/v1/messages/${w.inbound.id}/reactions`, { sender, emoji: '👍' }],
			['Typing', 'POST', `/v1/messages/${w.inbound.id}/typing`, {}],
			['Attachments', 'GET', `/v1/messages/${w.inbound.id}/attachments`, {}],
			['Thread', 'POST', `/v1/conversations/${w.inbound.conversationId}/read`, {}],
			['Contact', 'GET', `/v1/contacts/${w.target.id}`, {}],
			['Merge', 'POST', `/v1/contacts/${w.target.id}/merge`, { sourceContactId: w.source.id }],
		]);
	});

	it.each([
		['list', (v: string) => ({ __rl: true, mode: 'list', value: v, cachedResultName: 'Name' })],
		['id', (v: string) => ({ __rl: true, mode: 'id', value: v })],
	])('the same workflow with every id in mode %s sends the same requests', async (_mode, shape) => {
		const old = world();
		const before = await runSaved(savedNodes(old.ids), old.item);
		const w = world(1);
		const after = await runSaved(savedNodes(w.ids, shape), w.item);
		const ids = (seen: typeof before, x: ReturnType<typeof world>) =>
			JSON.stringify(seen)
				.replaceAll(x.kept.id, 'KEPT')
				.replaceAll(x.cancel.id, 'CANCEL')
				.replaceAll(x.inbound.conversationId, 'CONV')
				.replaceAll(x.inbound.id, 'MSG')
				.replaceAll(x.target.id, 'TARGET')
				.replaceAll(x.source.id, 'SOURCE');
		expect(ids(after, w)).toBe(ids(before, old));
		expect(after).toHaveLength(11);
	});
});

describe("n8n's own parameter handling accepts a plain string for a resourceLocator", () => {
	const nodeType = new Zavu() as INodeType;
	const node = (parameters: IDataObject): INode => ({
		id: '1',
		name: 'Zavu',
		type: ZAVU,
		typeVersion: 1,
		position: [0, 0],
		parameters: NodeHelpers.getNodeParameters(
			nodeType.description.properties,
			parameters as never,
			true,
			false,
			null,
			nodeType.description,
		) as never,
	});
	const saved = node({ resource: 'invitation', operation: 'get', invitationId: 'inv_123' });

	it('loading keeps it as saved (no default object put in its place)', () => {
		expect(saved.parameters.invitationId).toBe('inv_123');
	});

	it('validateValueAgainstSchema (run on every getNodeParameter) returns it unchanged', () => {
		expect(validateValueAgainstSchema(saved, nodeType, 'inv_123', 'invitationId', 0, 0)).toBe(
			'inv_123',
		);
		const send = node({ resource: 'message', operation: 'send', options: { senderId: 'snd_1' } });
		expect(validateValueAgainstSchema(send, nodeType, 'snd_1', 'options.senderId', 0, 0)).toBe(
			'snd_1',
		);
	});

	it('extractValue returns it unchanged, and a By URL value as its id', () => {
		expect(extractValue('inv_123', 'invitationId', saved, nodeType)).toBe('inv_123');
		const url = 'https://dashboard.zavu.dev/en/inbox?conv=conv_9';
		const thread = node({ resource: 'conversation', operation: 'get' });
		expect(
			extractValue({ __rl: true, mode: 'url', value: url }, 'conversationId', thread, nodeType),
		).toBe('conv_9');
	});

	it('the pre-run issue check: none for a saved id, "required" for an empty one, as before', () => {
		const issues = (n: INode) =>
			NodeHelpers.getNodeParametersIssues(nodeType.description.properties, n, nodeType.description);
		expect(issues(saved)).toBeNull();
		const empty = node({ resource: 'invitation', operation: 'get', invitationId: '' });
		expect(issues(empty)?.parameters?.invitationId).toEqual([
			'Parameter "Invitation" is required.',
		]);
	});
});
