import type { INodeParameters, INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import { ZavuTrigger } from '../../nodes/ZavuTrigger/ZavuTrigger.node';
import { ZavuWebhookTrigger } from '../../nodes/ZavuWebhookTrigger/ZavuWebhookTrigger.node';
import { backoffMs, normalizeBaseUrl, retryAfterMs } from '../../nodes/Zavu/transport';
import pkg from '../../package.json';

// ../shared/node-interface.md: names saved workflows depend on. Renaming any is a break.
describe('public interface', () => {
	const node = new Zavu();
	const props = node.description.properties;
	const shownFor = (p: INodeProperties, resource: string, operation: string) =>
		(p.displayOptions?.show?.resource ?? [resource]).includes(resource) &&
		(p.displayOptions?.show?.operation ?? [operation]).includes(operation);
	const namesFor = (resource: string, operation: string) =>
		props.filter(
			(p) => p.name !== 'operation' && p.name !== 'resource' && shownFor(p, resource, operation),
		);
	const sub = (p: INodeProperties | undefined) =>
		((p?.options ?? []) as INodeProperties[]).map((o) => o.name).sort();

	it('package, node and credential names', () => {
		expect(pkg.name).toBe('n8n-nodes-zavudev');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.license).toBe('MIT');
		expect((pkg as { dependencies?: object }).dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(node.description.name).toBe('zavu');
		expect(node.description.usableAsTool).toBe(true);
		const credential = new ZavudevApi();
		expect(credential.name).toBe('zavudevApi');
		expect(credential.displayName).toBe('Zavu API');
		expect(credential.properties.map((p) => [p.name, p.default])).toEqual([
			['apiKey', ''],
			['baseUrl', 'https://api.zavu.dev'],
		]);
		expect(credential.properties[0].typeOptions?.password).toBe(true);
		// The credential tests itself (a declarative `test`, as n8n's verification expects: no
		// node-level `testedBy` function on the legacy `request` helper).
		for (const described of [node, new ZavuTrigger()]) {
			expect(described.description.credentials).toEqual([{ name: 'zavudevApi', required: true }]);
			expect(
				(described as { methods?: { credentialTest?: object } }).methods?.credentialTest,
			).toBeUndefined();
		}
		expect(credential.test.request).toMatchObject({ method: 'GET', url: '/v1/me' });
		expect(credential.test.rules?.map((r) => r.properties.value)).toEqual([401, 404]);
	});

	it('invitation operations and their parameter names', () => {
		const operation = props.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('invitation'),
		);
		expect((operation?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([
			'cancel',
			'create',
			'get',
			'getAll',
		]);

		const create = namesFor('invitation', 'create');
		expect(create.map((p) => p.name)).toEqual([
			'clientName',
			'clientEmail',
			'additionalFields',
			'options',
		]);
		expect(sub(create.find((p) => p.name === 'additionalFields'))).toEqual([
			'allowedPhoneCountries',
			'clientPhone',
			'connectionType',
			'expiresInDays',
			'phoneNumberId',
		]);
		expect(namesFor('invitation', 'get').map((p) => p.name)).toEqual(['invitationId', 'options']);
		expect(namesFor('invitation', 'cancel').map((p) => p.name)).toEqual([
			'invitationId',
			'options',
		]);
		const getAll = namesFor('invitation', 'getAll');
		expect(getAll.map((p) => p.name)).toEqual(['returnAll', 'limit', 'filters', 'options']);
		expect(sub(getAll.find((p) => p.name === 'filters'))).toEqual(['status']);
	});

	it('message operations and their parameter names', () => {
		const operation = props.find(
			(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes('message'),
		);
		expect((operation?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([
			'get',
			'getAll',
			'getAttachments',
			'react',
			'send',
			'showTyping',
		]);
		const send = namesFor('message', 'send');
		const names = send.map((p) => p.name);
		for (const name of [
			'to',
			'channel',
			'messageType',
			'text',
			'templateId',
			'templateVariables',
			'options',
		]) {
			expect(names).toContain(name);
		}
		expect(send.find((p) => p.name === 'channel')?.default).toBe('auto');
		expect(send.find((p) => p.name === 'messageType')?.default).toBe('text');
		const variable = (
			send.find((p) => p.name === 'templateVariables')?.options as INodeProperties[]
		)[0] as unknown as {
			name: string;
			values: INodeProperties[];
		};
		expect(variable.name).toBe('variable');
		expect(variable.values.map((v) => v.name)).toEqual(['name', 'value']);
		expect(sub(send.find((p) => p.name === 'options'))).toEqual(
			expect.arrayContaining(['senderId', 'idempotencyKey', 'metadata', 'fallbackEnabled']),
		);
		// Every channel and message type the API lists.
		const values = (name: string) =>
			(send.find((p) => p.name === name)?.options as Array<{ value: string }>)
				.map((o) => o.value)
				.sort();
		expect(values('channel')).toEqual([
			'auto',
			'email',
			'instagram',
			'messenger',
			'sms',
			'sms_oneway',
			'telegram',
			'voice',
			'whatsapp',
		]);
		expect(values('messageType')).toEqual([
			'audio',
			'buttons',
			'contact',
			'cta_url',
			'document',
			'image',
			'list',
			'location',
			'location_request',
			'reaction',
			'request_contact_info',
			'sticker',
			'template',
			'text',
			'video',
		]);
		expect(namesFor('message', 'get').map((p) => p.name)).toEqual(['messageId', 'options']);
		const getAll = namesFor('message', 'getAll');
		expect(getAll.map((p) => p.name)).toEqual(['returnAll', 'limit', 'filters', 'options']);
		expect(sub(getAll.find((p) => p.name === 'filters'))).toEqual(['channel', 'status', 'to']);
	});

	it('Zavu Webhook Trigger: type, package entry and parameter names (shared/node-interface.md)', () => {
		const trigger = new ZavuWebhookTrigger().description;
		expect(trigger.name).toBe('zavuWebhookTrigger');
		expect(trigger.displayName).toBe('Zavu Webhook Trigger');
		expect(pkg.n8n.nodes).toContain('dist/nodes/ZavuWebhookTrigger/ZavuWebhookTrigger.node.js');
		expect(trigger.credentials).toEqual([{ name: 'zavudevApi', required: true }]);
		const names = trigger.properties.map((p) => p.name);
		for (const name of ['events', 'senderId', 'statuses']) expect(names).toContain(name);
		expect(trigger.webhooks?.map((w) => [w.name, w.httpMethod])).toEqual([['default', 'POST']]);
	});

	it('retry options are visible on every operation', () => {
		for (const op of ['create', 'get', 'getAll', 'cancel']) {
			expect(sub(namesFor('invitation', op).find((p) => p.name === 'options'))).toEqual([
				'maxAttempts',
				'maxRetryWaitSeconds',
				'timeoutSeconds',
			]);
		}
	});
});

// What the editor shows, computed by n8n-workflow's own NodeHelpers as the editor does: a
// field hidden by another hidden field is lost from the form (and from the saved workflow).
describe('fields the editor shows', () => {
	const shown = (description: INodeTypeDescription, values: INodeParameters) => {
		const node = { typeVersion: 1 } as never;
		const resolved =
			NodeHelpers.getNodeParameters(
				description.properties,
				values,
				true,
				false,
				node,
				description,
			) ?? {};
		return [
			...new Set(
				description.properties
					.filter((p) => NodeHelpers.displayParameter(resolved, p, node, description))
					.map((p) => p.name),
			),
		];
	};
	const send = (values: INodeParameters) =>
		shown(new Zavu().description, { resource: 'message', operation: 'send', to: 'x', ...values });

	interface Case {
		name: string;
		/** Message → Send parameters, over To "x". */
		values: INodeParameters;
		/** Fields the form shows, among others. */
		visible: string[];
		/** Fields it does not show. */
		hidden: string[];
	}
	it.each<Case>([
		{
			name: 'SMS text',
			values: { channel: 'sms', messageType: 'text' },
			visible: ['to', 'channel', 'messageType', 'text', 'options'],
			hidden: ['subject', 'templateId'],
		},
		{
			name: 'SMS with the type never touched',
			values: { channel: 'sms' },
			visible: ['text'],
			hidden: ['subject'],
		},
		{
			name: 'Email',
			values: { channel: 'email' },
			visible: ['text', 'subject', 'emailFields'],
			hidden: ['voiceLanguage'],
		},
		{
			name: 'Auto text (the default: no email fields)',
			values: { channel: 'auto', messageType: 'text' },
			visible: ['text'],
			hidden: ['subject', 'emailFields'],
		},
		{
			name: 'Voice',
			values: { channel: 'voice' },
			visible: ['text', 'voiceLanguage'],
			hidden: ['subject'],
		},
		{
			name: 'WhatsApp template',
			values: { channel: 'whatsapp', messageType: 'template' },
			visible: [
				'templateId',
				'templateVariables',
				'templateHeaderVariables',
				'templateButtonVariables',
			],
			hidden: ['text', 'subject'],
		},
		{
			name: 'WhatsApp image',
			values: { channel: 'whatsapp', messageType: 'image' },
			visible: ['text', 'mediaUrl', 'mediaId', 'mimeType'],
			hidden: ['filename'],
		},
		{
			name: 'WhatsApp CTA with a text header',
			values: { channel: 'whatsapp', messageType: 'cta_url', ctaHeaderType: 'text' },
			visible: ['text', 'ctaUrl', 'ctaDisplayText', 'ctaHeaderText', 'footerText'],
			hidden: ['ctaHeaderMediaUrl'],
		},
		{
			name: 'WhatsApp list',
			values: { channel: 'whatsapp', messageType: 'list' },
			visible: ['text', 'listButton', 'listRows'],
			hidden: [],
		},
		{
			name: 'WhatsApp location request',
			values: { channel: 'whatsapp', messageType: 'location_request' },
			visible: ['text'],
			hidden: ['latitude', 'mediaUrl'],
		},
		{
			name: 'WhatsApp contact-info request',
			values: { channel: 'whatsapp', messageType: 'request_contact_info' },
			visible: ['text'],
			hidden: ['contacts'],
		},
	])('Send, $name', ({ values, visible, hidden }) => {
		const names = send(values);
		for (const name of visible) expect(names).toContain(name);
		for (const name of hidden) expect(names).not.toContain(name);
	});

	it('Invitation Create and the trigger', () => {
		expect(shown(new Zavu().description, { resource: 'invitation', operation: 'create' })).toEqual(
			expect.arrayContaining(['clientName', 'clientEmail', 'additionalFields', 'options']),
		);
		const trigger = new ZavuTrigger().description;
		expect(shown(trigger, { resource: 'message' })).toEqual([
			'resource',
			'statuses',
			'lookbackHours',
		]);
		expect(shown(trigger, { resource: 'invitation' })).toEqual(['resource', 'statuses']);
	});
});

describe('transport helpers', () => {
	it('normalizes the base URL the same way everywhere', () => {
		expect(normalizeBaseUrl(' https://api.zavu.dev/// ')).toBe('https://api.zavu.dev');
		expect(normalizeBaseUrl('http://127.0.0.1:4010/')).toBe('http://127.0.0.1:4010');
		expect(normalizeBaseUrl('')).toBe('https://api.zavu.dev');
		expect(normalizeBaseUrl(undefined)).toBe('https://api.zavu.dev');
	});

	it('reads Retry-After in seconds (or as an HTTP date)', () => {
		expect(retryAfterMs('2')).toBe(2000);
		expect(retryAfterMs('0.2')).toBe(200);
		expect(retryAfterMs(undefined)).toBeUndefined();
		expect(retryAfterMs('soon')).toBeUndefined();
		const inFive = new Date(Date.now() + 5000).toUTCString();
		expect(retryAfterMs(inFive)).toBeGreaterThan(3000);
	});

	it('backs off exponentially, capped', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
	});
});
