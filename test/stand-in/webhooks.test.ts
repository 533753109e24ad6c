/**
 * Tests of the stand-in's webhooks (./webhooks.ts, wired into ./ZavuStandIn.ts): the project
 * webhook and sender webhook endpoints, signed delivery as Zavu does it (verified here with
 * node:crypto against the raw bytes a local receiver got), retries, the events the stand-in
 * sends on its own, and the hand-made (tampered, stale, replayed) events the trigger's tests use.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
	MESSAGE_STATUSES,
	MESSAGE_STATUS_EVENTS,
	PROJECT_WEBHOOK_EVENTS,
	SIGNATURE_VERSIONS,
	StandInError,
	WEBHOOK_EVENTS,
	isAllowedWebhookUrl,
	type WebhookDelivery,
} from './ZavuStandIn';
import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const DEFAULT_SENDER = 'snd_seed00000000000001';
const EMAIL_SENDER = 'snd_seed00000000000002';
const DAY_MS = 24 * 60 * 60 * 1000;

const stand = useStandIn({ perTest: true, webhookRetryDelaysMs: [20, 40] });

// ------------------------------------------------------------------ helpers

const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

const admin = (path: string, body?: unknown, method = 'POST') =>
	call(`/__admin${path}`, { key: null, method, body });

/** One request a receiver got. */
interface Hit {
	path: string;
	headers: http.IncomingHttpHeaders;
	raw: Buffer;
	body: any;
}

/** How a receiver answers its n-th request (from 1). */
type Reply = number | 'hang' | { status: number; delayMs?: number };

interface Receiver {
	url: string;
	hits: Hit[];
}

const servers: http.Server[] = [];
afterEach(async () => {
	for (const server of servers.splice(0)) {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	}
});

async function receiver(reply: (n: number) => Reply = () => 200): Promise<Receiver> {
	const hits: Hit[] = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			hits.push({
				path: req.url ?? '',
				headers: req.headers,
				raw,
				body: JSON.parse(raw.toString()),
			});
			const r = reply(hits.length);
			if (r === 'hang') return;
			const { status, delayMs = 0 } = typeof r === 'number' ? { status: r } : r;
			setTimeout(() => res.writeHead(status).end(`answer ${hits.length}`), delayMs);
		});
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

const hmac = (secret: string, data: Buffer): Buffer =>
	createHmac('sha256', secret).update(data).digest();

/** Verifies `X-Zavu-Signature` the way a receiver must: over the raw bytes, in constant time. */
function verify(secret: string, raw: Buffer, header: string | string[] | undefined) {
	expect(typeof header).toBe('string');
	const parts = Object.fromEntries(
		(header as string)
			.split(',')
			.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]),
	) as { t: string; v1?: string; v2?: string };
	const same = (expected: Buffer, hex: string) => {
		const got = Buffer.from(hex, 'hex');
		return got.length === expected.length && timingSafeEqual(got, expected);
	};
	return {
		t: Number(parts.t),
		keys: Object.keys(parts),
		v1: parts.v1 === undefined ? undefined : same(hmac(secret, raw), parts.v1),
		v2:
			parts.v2 === undefined
				? undefined
				: same(hmac(secret, Buffer.concat([Buffer.from(`${parts.t}.`), raw])), parts.v2),
	};
}

async function projectWebhook(url: string): Promise<string> {
	const res = await call('/v1/invitations/webhook', {
		body: { url, events: ['invitation.status_changed'] },
	});
	expect(res.status).toBe(200);
	return res.json.webhook.secret;
}

async function senderWebhook(
	senderId: string,
	url: string,
	events: string[],
	extra: Record<string, unknown> = {},
): Promise<string> {
	const res = await call(`/v1/senders/${senderId}`, {
		method: 'PATCH',
		body: { webhookUrl: url, webhookEvents: events, ...extra },
	});
	expect(res.status).toBe(200);
	return res.json.webhook.secret;
}

const nowSec = () => Math.floor(Date.now() / 1000);

// ------------------------------------------------------------------ enums

describe('event names follow the SDK', () => {
	test('every WebhookEvent, the three signature schemes, a mapping for every message status', () => {
		expect(WEBHOOK_EVENTS).toHaveLength(18);
		expect(WEBHOOK_EVENTS).toEqual(
			expect.arrayContaining(['invitation.status_changed', 'message.inbound', 'conversation.new']),
		);
		expect(SIGNATURE_VERSIONS).toEqual(['v1', 'v1+v2', 'v2']);
		expect(PROJECT_WEBHOOK_EVENTS).toEqual(['invitation.status_changed']);
		expect(Object.keys(MESSAGE_STATUS_EVENTS).sort()).toEqual([...MESSAGE_STATUSES].sort());
		for (const e of Object.values(MESSAGE_STATUS_EVENTS)) {
			if (e !== null) expect(WEBHOOK_EVENTS).toContain(e);
		}
	});

	test('https anywhere; http only on loopback', () => {
		expect(isAllowedWebhookUrl('https://example.com/hook')).toBe(true);
		expect(isAllowedWebhookUrl('http://127.0.0.1:5678/webhook/x')).toBe(true);
		expect(isAllowedWebhookUrl('http://localhost:5678/webhook/x')).toBe(true);
		expect(isAllowedWebhookUrl('http://[::1]:5678/')).toBe(true);
		expect(isAllowedWebhookUrl('http://example.com/hook')).toBe(false);
		expect(isAllowedWebhookUrl('http://127.0.0.1.example.com/')).toBe(false);
		expect(isAllowedWebhookUrl('ftp://127.0.0.1/')).toBe(false);
		expect(isAllowedWebhookUrl('not a url')).toBe(false);
	});
});

// ------------------------------------------------------------------ project webhook

describe('project webhook: /v1/invitations/webhook', () => {
	const path = '/v1/invitations/webhook';

	test('POST creates and activates it with a whsec_ secret; GET never shows the secret', async () => {
		expect((await call(path)).json).toEqual({ webhook: null });
		const created = await call(path, {
			body: { url: 'https://a.example/hook', events: ['invitation.status_changed'] },
		});
		expect(created.status).toBe(200);
		expect(created.json).toEqual({
			webhook: {
				url: 'https://a.example/hook',
				events: ['invitation.status_changed'],
				secret: expect.stringMatching(/^whsec_[0-9a-f]{48}$/),
				active: true,
			},
		});
		const got = await call(path);
		expect(got.json).toEqual({
			webhook: {
				url: 'https://a.example/hook',
				events: ['invitation.status_changed'],
				active: true,
			},
		});
		expect(got.text).not.toContain('whsec_');
		expect(stand.api.webhookSecret('project')).toBe(created.json.webhook.secret);
	});

	test('POST again replaces it, keeps the secret and activates it again', async () => {
		const secret = await projectWebhook('https://a.example/hook');
		await call(path, { method: 'PATCH', body: { active: false } });
		const replaced = await call(path, {
			body: { url: 'https://b.example/hook', events: ['invitation.status_changed'] },
		});
		expect(replaced.json.webhook).toEqual({
			url: 'https://b.example/hook',
			events: ['invitation.status_changed'],
			secret,
			active: true,
		});
	});

	test('PATCH changes url, events, active; 404 when there is none; never the secret', async () => {
		const missing = await call(path, { method: 'PATCH', body: { active: false } });
		expect(missing.status).toBe(404);
		expect(missing.json).toEqual({ code: 'webhook_not_found', message: expect.any(String) });

		await projectWebhook('https://a.example/hook');
		const patched = await call(path, {
			method: 'PATCH',
			body: { url: 'http://127.0.0.1:9/x', active: false },
		});
		expect(patched.status).toBe(200);
		expect(patched.json).toEqual({
			webhook: {
				url: 'http://127.0.0.1:9/x',
				events: ['invitation.status_changed'],
				active: false,
			},
		});
		expect((await call(path, { method: 'PATCH', body: {} })).status).toBe(400);
		const bad = await call(path, { method: 'PATCH', body: { active: 'no' } });
		expect(bad.json).toEqual({
			code: 'validation_error',
			message: expect.stringMatching(/^active:/),
		});
		expect((await call(path)).json.webhook.active).toBe(false);
	});

	test('DELETE removes it (and its secret); 404 when there is none', async () => {
		const first = await projectWebhook('https://a.example/hook');
		expect((await call(path, { method: 'DELETE' })).json).toEqual({ deleted: true });
		expect((await call(path)).json).toEqual({ webhook: null });
		const again = await call(path, { method: 'DELETE' });
		expect(again.status).toBe(404);
		expect(again.json.code).toBe('webhook_not_found');
		expect(await projectWebhook('https://a.example/hook')).not.toBe(first);
	});

	test('option projectWebhookMissing: "404" answers GET with 404 webhook_not_found', async () => {
		stand.api.setOptions({ projectWebhookMissing: '404' });
		const res = await call(path);
		expect(res.status).toBe(404);
		expect(res.json).toEqual({ code: 'webhook_not_found', message: expect.any(String) });
	});

	test.each([
		{ name: 'http on a public host', body: { url: 'http://a.example/hook' }, field: 'url' },
		{ name: 'no url', body: { url: undefined }, field: 'url' },
		{ name: 'not a URL', body: { url: 'hook' }, field: 'url' },
		{ name: 'no events', body: { events: undefined }, field: 'events' },
		{ name: 'empty events', body: { events: [] }, field: 'events' },
		{ name: 'unknown event', body: { events: ['invitation.done'] }, field: 'events' },
		{ name: 'a sender event', body: { events: ['message.inbound'] }, field: 'events' },
	])('POST refuses $name with 400 validation_error naming $field', async ({ body, field }) => {
		const res = await call(path, {
			body: { url: 'https://a.example/hook', events: ['invitation.status_changed'], ...body },
		});
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			code: 'validation_error',
			message: expect.stringMatching(new RegExp(`^${field}:`)),
		});
		expect((await call(path)).json).toEqual({ webhook: null });
	});

	test('http on 127.0.0.1 and localhost is allowed (local receivers); the key is required', async () => {
		for (const url of ['http://127.0.0.1:5678/webhook/abc', 'http://localhost:5678/webhook/abc']) {
			expect(
				(await call(path, { body: { url, events: ['invitation.status_changed'] } })).status,
			).toBe(200);
		}
		expect((await call(path, { key: null })).status).toBe(401);
		expect((await call(path, { method: 'PUT' })).status).toBe(404);
	});
});

// ------------------------------------------------------------------ sender webhooks

describe('sender webhooks: PATCH /v1/senders/{id}', () => {
	const sender = `/v1/senders/${DEFAULT_SENDER}`;

	test('GET /v1/senders/{id} answers the sender; 404 sender_not_found', async () => {
		const res = await call(sender);
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ id: DEFAULT_SENDER, isDefault: true });
		expect(res.json.webhook).toBeUndefined();
		const missing = await call('/v1/senders/snd_nope');
		expect(missing.status).toBe(404);
		expect(missing.json.code).toBe('sender_not_found');
	});

	test('creating the webhook answers its secret once; reads never show it', async () => {
		const created = await call(sender, {
			method: 'PATCH',
			body: { webhookUrl: 'https://a.example/hook', webhookEvents: ['message.inbound'] },
		});
		expect(created.status).toBe(200);
		expect(created.json.webhook).toEqual({
			url: 'https://a.example/hook',
			events: ['message.inbound'],
			active: true,
			signatureVersion: 'v2',
			secret: expect.stringMatching(/^whsec_/),
		});
		const secret = created.json.webhook.secret;
		expect(stand.api.webhookSecret(DEFAULT_SENDER)).toBe(secret);

		const got = await call(sender);
		expect(got.json.webhook).toEqual({
			url: 'https://a.example/hook',
			events: ['message.inbound'],
			active: true,
			signatureVersion: 'v2',
		});
		const list = await call('/v1/senders');
		expect(list.text).not.toContain(secret);
		expect(list.json.items.find((s: any) => s.id === DEFAULT_SENDER).webhook.url).toBe(
			'https://a.example/hook',
		);

		// Changing it (url included) keeps the secret and does not answer it.
		const changed = await call(sender, {
			method: 'PATCH',
			body: {
				webhookUrl: 'https://b.example/hook',
				webhookEvents: ['message.inbound', 'conversation.new'],
				webhookActive: false,
			},
		});
		expect(changed.json.webhook).toEqual({
			url: 'https://b.example/hook',
			events: ['message.inbound', 'conversation.new'],
			active: false,
			signatureVersion: 'v2',
		});
		expect(stand.api.webhookSecret(DEFAULT_SENDER)).toBe(secret);
	});

	test('POST /v1/senders/{id}/webhook/secret rotates it; 404 without a webhook or sender', async () => {
		const noHook = await call(`${sender}/webhook/secret`, { method: 'POST' });
		expect(noHook.status).toBe(404);
		expect(noHook.json.code).toBe('webhook_not_found');
		expect((await call('/v1/senders/snd_nope/webhook/secret', { method: 'POST' })).json.code).toBe(
			'sender_not_found',
		);

		const first = await senderWebhook(DEFAULT_SENDER, 'https://a.example/hook', ['message.sent']);
		const rotated = await call(`${sender}/webhook/secret`, { method: 'POST' });
		expect(rotated.status).toBe(200);
		expect(rotated.json).toEqual({ secret: expect.stringMatching(/^whsec_/) });
		expect(rotated.json.secret).not.toBe(first);
		expect(stand.api.webhookSecret(DEFAULT_SENDER)).toBe(rotated.json.secret);
		expect((await call(sender)).text).not.toContain(rotated.json.secret);
	});

	test('signature version: v2 → v1 and v1 → v1+v2 → v2 are fine, v1 → v2 is 400', async () => {
		await senderWebhook(DEFAULT_SENDER, 'https://a.example/hook', ['message.sent']);
		const patch = (webhookSignatureVersion: unknown) =>
			call(sender, { method: 'PATCH', body: { webhookSignatureVersion } });
		expect((await patch('v1')).json.webhook.signatureVersion).toBe('v1');
		const refused = await patch('v2');
		expect(refused.status).toBe(400);
		expect(refused.json).toEqual({
			code: 'validation_error',
			message: expect.stringMatching(/^webhookSignatureVersion: .*v1\+v2/),
		});
		expect((await call(sender)).json.webhook.signatureVersion).toBe('v1');
		expect((await patch('v1+v2')).json.webhook.signatureVersion).toBe('v1+v2');
		expect((await patch('v2')).json.webhook.signatureVersion).toBe('v2');
		expect((await patch('v3')).status).toBe(400);
	});

	test('a new webhook may start on v1; webhookUrl null removes it, and a new one gets a new secret', async () => {
		const first = await senderWebhook(DEFAULT_SENDER, 'https://a.example/hook', ['message.sent'], {
			webhookSignatureVersion: 'v1',
		});
		expect((await call(sender)).json.webhook.signatureVersion).toBe('v1');
		const removed = await call(sender, { method: 'PATCH', body: { webhookUrl: null } });
		expect(removed.status).toBe(200);
		expect(removed.json.webhook).toBeUndefined();
		expect(stand.api.webhookSecret(DEFAULT_SENDER)).toBeUndefined();
		const again = await senderWebhook(DEFAULT_SENDER, 'https://a.example/hook', ['message.sent']);
		expect(again).not.toBe(first);
		expect((await call(sender)).json.webhook.signatureVersion).toBe('v2');
	});

	test.each([
		{
			name: 'http on a public host',
			body: { webhookUrl: 'http://a.example/h' },
			field: 'webhookUrl',
		},
		{ name: 'a non-string url', body: { webhookUrl: 42 }, field: 'webhookUrl' },
		{ name: 'no events on create', body: { webhookEvents: undefined }, field: 'webhookEvents' },
		{ name: 'empty events', body: { webhookEvents: [] }, field: 'webhookEvents' },
		{ name: 'unknown events', body: { webhookEvents: ['message.nope'] }, field: 'webhookEvents' },
		{ name: 'non-boolean active', body: { webhookActive: 'yes' }, field: 'webhookActive' },
		{
			name: 'unknown signature version',
			body: { webhookSignatureVersion: 'v3' },
			field: 'webhookSignatureVersion',
		},
		{ name: 'an empty name', body: { name: '' }, field: 'name' },
	])('refuses $name with 400 naming $field, changing nothing', async ({ body, field }) => {
		const res = await call(sender, {
			method: 'PATCH',
			body: {
				name: 'Renamed',
				webhookUrl: 'https://a.example/hook',
				webhookEvents: ['message.inbound'],
				...body,
			},
		});
		expect(res.status).toBe(400);
		expect(res.json).toEqual({
			code: 'validation_error',
			message: expect.stringMatching(new RegExp(`^${field}:`)),
		});
		const after = (await call(sender)).json;
		expect(after.webhook).toBeUndefined();
		expect(after.name).toBe('Default sender');
	});

	test('webhook fields without a webhook, or with webhookUrl null, are 400', async () => {
		const noHook = await call(sender, { method: 'PATCH', body: { webhookActive: false } });
		expect(noHook.status).toBe(400);
		expect(noHook.json.message).toMatch(/^webhookUrl:/);
		await senderWebhook(DEFAULT_SENDER, 'https://a.example/hook', ['message.sent']);
		const both = await call(sender, {
			method: 'PATCH',
			body: { webhookUrl: null, webhookActive: true },
		});
		expect(both.status).toBe(400);
		expect((await call(sender)).json.webhook.url).toBe('https://a.example/hook');
	});

	test('http on 127.0.0.1 is allowed; name and setAsDefault change too; 404 for an unknown sender', async () => {
		const res = await call(`/v1/senders/${EMAIL_SENDER}`, {
			method: 'PATCH',
			body: {
				name: 'Mail',
				setAsDefault: true,
				webhookUrl: 'http://127.0.0.1:5678/webhook/x',
				webhookEvents: ['message.inbound'],
			},
		});
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({ name: 'Mail', isDefault: true });
		expect((await call(sender)).json.isDefault).toBe(false);
		const missing = await call('/v1/senders/snd_nope', { method: 'PATCH', body: { name: 'x' } });
		expect(missing.status).toBe(404);
	});
});

// ------------------------------------------------------------------ signed delivery

describe('signed delivery', () => {
	test('project webhook: POST JSON signed v2 only, over the exact raw bytes, t ≈ now', async () => {
		const hook = await receiver();
		const secret = await projectWebhook(hook.url);
		const data = { invitationId: 'inv_1', clientName: 'Zoë — 日本 👋' };
		const dispatch = stand.api.deliverEvent('project', 'invitation.status_changed', data);
		expect(dispatch.eventId).toMatch(/^evt_\d+_[0-9a-f]+$/);
		await stand.api.settleDeliveries();

		expect(hook.hits).toHaveLength(1);
		const [hit] = hook.hits;
		expect(hit.path).toBe('/hook');
		expect(hit.headers['content-type']).toBe('application/json');
		const sig = verify(secret, hit.raw, hit.headers['x-zavu-signature']);
		expect(sig).toEqual({ t: expect.any(Number), keys: ['t', 'v2'], v1: undefined, v2: true });
		expect(Math.abs(sig.t - nowSec())).toBeLessThanOrEqual(5);
		expect(hit.raw.toString('utf8')).toBe(dispatch.rawBody);
		expect(hit.body).toEqual({
			id: dispatch.eventId,
			type: 'invitation.status_changed',
			timestamp: expect.any(Number),
			senderId: null,
			projectId: 'prj_standin0001',
			data,
		});
		expect(Math.abs(hit.body.timestamp - Date.now())).toBeLessThan(5000);
		// A signature over anything but the raw bytes fails (here: the re-serialized body).
		const reserialized = Buffer.from(JSON.stringify(JSON.parse(hit.raw.toString()), null, 1));
		expect(verify(secret, reserialized, hit.headers['x-zavu-signature']).v2).toBe(false);

		expect(stand.api.deliveries).toEqual([
			expect.objectContaining({
				eventId: dispatch.eventId,
				type: 'invitation.status_changed',
				target: 'project',
				url: hook.url,
				attempt: 1,
				source: 'manual',
				status: 200,
				ok: true,
				done: true,
				willRetry: false,
				responseBody: 'answer 1',
				rawBody: dispatch.rawBody,
				headers: expect.objectContaining({ 'X-Zavu-Signature': hit.headers['x-zavu-signature'] }),
			}),
		]);
	});

	test('sender webhooks sign as their signatureVersion says: v1 only, v1+v2 (one t), v2', async () => {
		const hook = await receiver();
		const secret = await senderWebhook(DEFAULT_SENDER, hook.url, ['message.inbound'], {
			webhookSignatureVersion: 'v1',
		});
		const patch = (v: string) =>
			call(`/v1/senders/${DEFAULT_SENDER}`, {
				method: 'PATCH',
				body: { webhookSignatureVersion: v },
			});

		stand.api.deliverEvent(DEFAULT_SENDER, 'message.inbound', { n: 1 });
		await stand.api.settleDeliveries();
		await patch('v1+v2');
		stand.api.deliverEvent(DEFAULT_SENDER, 'message.inbound', { n: 2 });
		await stand.api.settleDeliveries();
		await patch('v2');
		stand.api.deliverEvent(DEFAULT_SENDER, 'message.inbound', { n: 3 });
		await stand.api.settleDeliveries();

		const sigs = hook.hits.map((h) => verify(secret, h.raw, h.headers['x-zavu-signature']));
		expect(sigs.map((s) => s.keys)).toEqual([
			['t', 'v1'],
			['t', 'v1', 'v2'],
			['t', 'v2'],
		]);
		expect(sigs.map((s) => [s.v1, s.v2])).toEqual([
			[true, undefined],
			[true, true],
			[undefined, true],
		]);
		expect(hook.hits.map((h) => h.body.senderId)).toEqual([
			DEFAULT_SENDER,
			DEFAULT_SENDER,
			DEFAULT_SENDER,
		]);
		expect(stand.api.deliveries.map((d) => d.signatureVersion)).toEqual(['v1', 'v1+v2', 'v2']);
	});

	test('the project scheme follows projectWebhookSignatureVersion; deliverEvent can override it', async () => {
		const hook = await receiver();
		const secret = await projectWebhook(hook.url);
		stand.api.setOptions({ projectWebhookSignatureVersion: 'v1' });
		stand.api.deliverEvent('project', 'invitation.status_changed', {});
		await stand.api.settleDeliveries();
		stand.api.deliverEvent(
			'project',
			'invitation.status_changed',
			{},
			{ signatureVersion: 'v1+v2' },
		);
		await stand.api.settleDeliveries();
		expect(hook.hits.map((h) => verify(secret, h.raw, h.headers['x-zavu-signature']).keys)).toEqual(
			[
				['t', 'v1'],
				['t', 'v1', 'v2'],
			],
		);
	});

	test('a 500 is retried with the same event id and body, each attempt recorded', async () => {
		const hook = await receiver((n) => (n < 3 ? 500 : 204));
		const secret = await projectWebhook(hook.url);
		const dispatch = stand.api.deliverEvent('project', 'invitation.status_changed', { a: 1 });
		const attempts = await dispatch.settled;

		expect(hook.hits).toHaveLength(3);
		expect(new Set(hook.hits.map((h) => h.body.id))).toEqual(new Set([dispatch.eventId]));
		expect(new Set(hook.hits.map((h) => h.raw.toString()))).toEqual(new Set([dispatch.rawBody]));
		for (const h of hook.hits)
			expect(verify(secret, h.raw, h.headers['x-zavu-signature']).v2).toBe(true);
		expect(attempts.map((d) => [d.attempt, d.status, d.ok, d.willRetry])).toEqual([
			[1, 500, false, true],
			[2, 500, false, true],
			[3, 204, true, false],
		]);
		expect(stand.api.deliveries).toEqual(attempts);
		// The configured delays (20, 40 ms) separate the attempts.
		expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(15);
		expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(35);
	});

	test('retries stop after webhookRetryDelaysMs runs out; network errors and timeouts are retried', async () => {
		const down = await receiver(() => 503);
		await projectWebhook(down.url);
		await stand.api.deliverEvent('project', 'invitation.status_changed', {}).settled;
		expect(down.hits).toHaveLength(3); // 1 + two retries

		// Nothing listening: a connection error, recorded, retried.
		stand.api.setOptions({ webhookRetryDelaysMs: [10] });
		await call('/v1/invitations/webhook', {
			body: { url: 'http://127.0.0.1:1/hook', events: ['invitation.status_changed'] },
		});
		const refused = await stand.api.deliverEvent('project', 'invitation.status_changed', {})
			.settled;
		expect(refused.map((d) => [d.status, d.ok, d.willRetry])).toEqual([
			[undefined, false, true],
			[undefined, false, false],
		]);
		expect(refused[0].error).toMatch(/ECONNREFUSED|connect/);

		// A receiver that never answers: timed out, retried.
		stand.api.setOptions({ webhookTimeoutMs: 100, webhookRetryDelaysMs: [] });
		const slow = await receiver(() => 'hang');
		await call('/v1/invitations/webhook', {
			body: { url: slow.url, events: ['invitation.status_changed'] },
		});
		const [timedOut] = await stand.api.deliverEvent('project', 'invitation.status_changed', {})
			.settled;
		expect(timedOut.error).toBe('timed out after 100 ms');
		expect(timedOut.durationMs).toBeGreaterThanOrEqual(90);
	});

	test('a remote host is not contacted unless webhookAllowRemote', async () => {
		await projectWebhook('https://receiver.invalid/hook');
		const [attempt] = await stand.api.deliverEvent('project', 'invitation.status_changed', {})
			.settled;
		expect(attempt).toMatchObject({ ok: false, willRetry: false, attempt: 1 });
		expect(attempt.error).toMatch(/not a loopback host/);
		expect(stand.api.deliveries).toHaveLength(1);
	});

	test('delivery never holds up or fails the API call that caused it', async () => {
		const hook = await receiver(() => ({ status: 500, delayMs: 1500 }));
		stand.api.setOptions({ webhookRetryDelaysMs: [] });
		await projectWebhook(hook.url);
		const [inv] = stand.api.seedInvitations(1);
		const t0 = Date.now();
		const res = await call(`/v1/invitations/${inv.id}/cancel`, { method: 'POST' });
		expect(Date.now() - t0).toBeLessThan(1000);
		expect(res.status).toBe(200);
		expect(res.json.invitation.status).toBe('cancelled');
		expect(stand.api.webhooks.pendingCount).toBe(1);
		await stand.api.settleDeliveries();
		expect(stand.api.deliveries.map((d) => d.status)).toEqual([500]);
	});

	test('settleDeliveries resolves at once when idle and rejects after its timeout; stop() ends retries', async () => {
		await expect(stand.api.settleDeliveries()).resolves.toBeUndefined();
		const hook = await receiver(() => 500);
		stand.api.setOptions({ webhookRetryDelaysMs: [60_000] });
		await projectWebhook(hook.url);
		const dispatch = stand.api.deliverEvent('project', 'invitation.status_changed', {});
		await expect(stand.api.settleDeliveries(300)).rejects.toThrow(/1 deliveries still pending/);
		await stand.api.stop();
		expect((await dispatch.settled).map((d) => d.willRetry)).toEqual([true]);
		expect(stand.api.webhooks.pendingCount).toBe(0);
		expect(hook.hits).toHaveLength(1);
	});
});

// ------------------------------------------------------------------ automatic events

describe('events the stand-in sends on its own', () => {
	const bodies = (hook: Receiver) => hook.hits.map((h) => h.body);

	test('invitation.status_changed on open, fail, reopen and complete, with the right data', async () => {
		const hook = await receiver();
		const secret = await projectWebhook(hook.url);
		const inv = (
			await call('/v1/invitations', {
				body: { clientName: 'Acme', clientEmail: 'ops@acme.test' },
			})
		).json.invitation;
		await admin(`/invitations/${inv.id}/open`);
		await admin(`/invitations/${inv.id}/fail`, { reason: 'fb_not_authorized' });
		await stand.api.settleDeliveries();
		stand.api.openInvitation(inv.id);
		const done = stand.api.completeInvitation(inv.id);
		await stand.api.settleDeliveries();

		const base = {
			invitationId: inv.id,
			clientName: 'Acme',
			clientEmail: 'ops@acme.test',
			connectionType: 'whatsapp_waba',
		};
		const events = bodies(hook).sort((a, b) => a.timestamp - b.timestamp);
		expect(events.map((e) => e.type)).toEqual(Array(4).fill('invitation.status_changed'));
		const byTransition = Object.fromEntries(
			events.map((e) => [`${e.data.previousStatus}>${e.data.currentStatus}`, e.data]),
		);
		expect(byTransition['pending>in_progress']).toEqual({
			...base,
			previousStatus: 'pending',
			currentStatus: 'in_progress',
		});
		expect(byTransition['in_progress>failed']).toEqual({
			...base,
			previousStatus: 'in_progress',
			currentStatus: 'failed',
			failureReason: 'fb_not_authorized',
		});
		expect(byTransition['failed>in_progress']).toEqual({
			...base,
			previousStatus: 'failed',
			currentStatus: 'in_progress',
		});
		expect(byTransition['in_progress>completed']).toEqual({
			...base,
			previousStatus: 'in_progress',
			currentStatus: 'completed',
			senderId: done.senderId,
			connectedAccount: done.connectedAccount,
		});
		expect(done.connectedAccount).toMatchObject({ channel: 'whatsapp' });
		for (const h of hook.hits) {
			expect(verify(secret, h.raw, h.headers['x-zavu-signature']).v2).toBe(true);
			expect(h.body).toMatchObject({ senderId: null, projectId: 'prj_standin0001' });
		}
		expect(new Set(events.map((e) => e.id)).size).toBe(4);
		expect(stand.api.deliveries.every((d) => d.source === 'auto')).toBe(true);
	});

	test('cancel (API), expire (admin) and lazy expiry send it too; an inactive webhook gets nothing', async () => {
		const hook = await receiver();
		await projectWebhook(hook.url);
		const [a, b, c, d] = stand.api.seedInvitations(4);
		await call(`/v1/invitations/${a.id}/cancel`, { method: 'POST' });
		await admin(`/invitations/${b.id}/expire`);
		c.expiresAt = new Date(Date.now() + DAY_MS).toISOString();
		stand.api.now = () => Date.now() + 2 * DAY_MS;
		await call(`/v1/invitations/${c.id}`); // lazy expiry on read
		await stand.api.settleDeliveries();
		const transitions = bodies(hook).map(
			(e) => `${e.data.invitationId}:${e.data.previousStatus}>${e.data.currentStatus}`,
		);
		expect(transitions).toEqual(
			expect.arrayContaining([
				`${a.id}:pending>cancelled`,
				`${b.id}:pending>expired`,
				`${c.id}:pending>expired`,
			]),
		);

		await call('/v1/invitations/webhook', { method: 'PATCH', body: { active: false } });
		const before = hook.hits.length;
		stand.api.now = () => Date.now();
		stand.api.openInvitation(d.id);
		await stand.api.settleDeliveries();
		expect(hook.hits).toHaveLength(before);
	});

	test('message.<status> to the sender webhook subscribed to it, with data = the message', async () => {
		const hook = await receiver();
		const secret = await senderWebhook(DEFAULT_SENDER, hook.url, [
			'message.queued',
			'message.delivered',
			'message.failed',
		]);
		const sent = (await call('/v1/messages', { body: { to: '+14155551234', text: 'hi' } })).json
			.message;
		await stand.api.settleDeliveries();
		expect(bodies(hook)).toEqual([
			expect.objectContaining({ type: 'message.queued', senderId: DEFAULT_SENDER, data: sent }),
		]);

		await admin(`/messages/${sent.id}/status`, { status: 'sent' }); // not subscribed
		await admin(`/messages/${sent.id}/status`, { status: 'delivered' });
		await admin(`/messages/${sent.id}/status`, { status: 'delivered' }); // no change, no event
		await stand.api.settleDeliveries();
		expect(bodies(hook).map((b) => b.type)).toEqual(['message.queued', 'message.delivered']);
		const delivered = bodies(hook)[1].data;
		expect(delivered).toMatchObject({ id: sent.id, status: 'delivered', direction: 'outbound' });
		expect(delivered.providerMessageId).toMatch(/^prov_/);
		for (const h of hook.hits)
			expect(verify(secret, h.raw, h.headers['x-zavu-signature']).v2).toBe(true);

		// Another sender's message goes to that sender's webhook, not this one.
		const other = await receiver();
		await senderWebhook(EMAIL_SENDER, other.url, ['message.queued']);
		await call('/v1/messages', {
			body: { to: 'a@b.test', subject: 'S', text: 'x' },
			headers: { 'Zavu-Sender': EMAIL_SENDER },
		});
		await stand.api.settleDeliveries();
		expect(other.hits.map((h) => [h.body.type, h.body.senderId])).toEqual([
			['message.queued', EMAIL_SENDER],
		]);
		expect(hook.hits).toHaveLength(2);
	});

	test('an inbound message sends message.inbound, and conversation.new for the first one', async () => {
		const hook = await receiver();
		await senderWebhook(DEFAULT_SENDER, hook.url, ['message.inbound', 'conversation.new']);
		const first = stand.api.receiveMessage({
			from: '+14155559876',
			text: 'Hola',
			channel: 'whatsapp',
			profileName: 'Ana',
		});
		expect(first).toMatchObject({
			direction: 'inbound',
			status: 'received',
			from: '+14155559876',
			to: '+14155550100',
			senderId: DEFAULT_SENDER,
			channel: 'whatsapp',
			text: 'Hola',
		});
		expect((await call(`/v1/messages/${first.id}`)).json.message.conversationId).toBe(
			first.conversationId,
		);
		await stand.api.settleDeliveries();
		const byType = Object.fromEntries(bodies(hook).map((b) => [b.type, b]));
		expect(Object.keys(byType).sort()).toEqual(['conversation.new', 'message.inbound']);
		expect(byType['message.inbound'].data).toMatchObject({
			id: first.id,
			direction: 'inbound',
			conversationId: null, // a brand-new thread: conversation.new carries the id
			providerTimestamp: expect.any(Number),
		});
		expect(byType['conversation.new'].data).toEqual({
			conversationId: first.conversationId,
			phoneNumber: '+14155559876',
			channel: 'whatsapp',
			firstMessageId: first.id,
			firstMessageText: 'Hola',
			profileName: 'Ana',
		});

		// The second message from the same contact, through the admin route: no conversation.new.
		const res = await admin('/messages/inbound', {
			from: '+14155559876',
			text: 'Otra',
			channel: 'whatsapp',
		});
		expect(res.status).toBe(200);
		await stand.api.settleDeliveries();
		expect(
			bodies(hook)
				.map((b) => b.type)
				.sort(),
		).toEqual(['conversation.new', 'message.inbound', 'message.inbound']);
		expect(bodies(hook).at(-1).data).toMatchObject({
			id: res.json.message.id,
			conversationId: first.conversationId,
		});

		expect((await admin('/messages/inbound', { text: 'no from' })).status).toBe(400);
		expect((await admin('/messages/inbound', { from: 'x', senderId: 'snd_nope' })).status).toBe(
			404,
		);
	});

	test('an email contact: conversation.new carries email, providerTimestamp is null', async () => {
		const hook = await receiver();
		await senderWebhook(EMAIL_SENDER, hook.url, ['message.inbound', 'conversation.new']);
		const msg = stand.api.receiveMessage({
			senderId: EMAIL_SENDER,
			from: 'ana@x.test',
			text: 'Hi',
		});
		expect(msg).toMatchObject({ channel: 'email', to: 'hello@example.com' });
		await stand.api.settleDeliveries();
		const byType = Object.fromEntries(bodies(hook).map((b) => [b.type, b.data]));
		expect(byType['conversation.new']).toMatchObject({ email: 'ana@x.test', channel: 'email' });
		expect(byType['message.inbound'].providerTimestamp).toBeNull();
	});

	test('no webhook, or one not subscribed: nothing is sent', async () => {
		const hook = await receiver();
		stand.api.receiveMessage({ from: '+14155559876', text: 'x' });
		await senderWebhook(DEFAULT_SENDER, hook.url, ['message.failed']);
		stand.api.receiveMessage({ from: '+14155559876', text: 'y' });
		await call('/v1/messages', { body: { to: '+14155551234', text: 'hi' } });
		await stand.api.settleDeliveries();
		expect(hook.hits).toEqual([]);
		expect(stand.api.deliveries).toEqual([]);
	});
});

// ------------------------------------------------------------------ hand-made events

describe('hand-made events: tampered, stale, replayed', () => {
	test('tamper: the body sent is not the body signed', async () => {
		const hook = await receiver();
		const secret = await projectWebhook(hook.url);
		const dispatch = stand.api.deliverEvent(
			'project',
			'invitation.status_changed',
			{ invitationId: 'inv_1' },
			{ tamper: true },
		);
		await stand.api.settleDeliveries();
		const [hit] = hook.hits;
		expect(hit.body.data).toEqual({ invitationId: 'inv_1', tampered: true });
		expect(verify(secret, hit.raw, hit.headers['x-zavu-signature']).v2).toBe(false);
		const [attempt] = stand.api.deliveries;
		expect(attempt.tampered).toBe(true);
		expect(attempt.signedBody).toBe(dispatch.rawBody);
		expect(
			verify(secret, Buffer.from(attempt.signedBody), hit.headers['x-zavu-signature']).v2,
		).toBe(true);
	});

	test('timestampSec: a correctly signed but stale event', async () => {
		const hook = await receiver();
		const secret = await projectWebhook(hook.url);
		const stale = nowSec() - 600;
		stand.api.deliverEvent('project', 'invitation.status_changed', {}, { timestampSec: stale });
		await stand.api.settleDeliveries();
		const [hit] = hook.hits;
		expect(verify(secret, hit.raw, hit.headers['x-zavu-signature'])).toMatchObject({
			t: stale,
			v2: true,
		});
		expect(hit.body.timestamp).toBe(stale * 1000);
	});

	test('eventId: an id already delivered, freshly signed (what a retry or replay looks like)', async () => {
		const hook = await receiver();
		const secret = await projectWebhook(hook.url);
		const first = stand.api.deliverEvent('project', 'invitation.status_changed', { n: 1 });
		await stand.api.settleDeliveries();
		stand.api.deliverEvent(
			'project',
			'invitation.status_changed',
			{ n: 2 },
			{ eventId: first.eventId },
		);
		await stand.api.settleDeliveries();
		expect(hook.hits.map((h) => h.body.id)).toEqual([first.eventId, first.eventId]);
		expect(hook.hits.map((h) => verify(secret, h.raw, h.headers['x-zavu-signature']).v2)).toEqual([
			true,
			true,
		]);
		expect(stand.api.deliveries.map((d) => d.attempt)).toEqual([1, 2]);
	});

	test('replayDelivery: the same bytes and the same signature header, once', async () => {
		const hook = await receiver();
		await projectWebhook(hook.url);
		const first = stand.api.deliverEvent('project', 'invitation.status_changed', { n: 1 });
		await stand.api.settleDeliveries();
		stand.api.replayDelivery(first.eventId);
		await stand.api.settleDeliveries();
		expect(hook.hits).toHaveLength(2);
		expect(hook.hits[1].raw.equals(hook.hits[0].raw)).toBe(true);
		expect(hook.hits[1].headers['x-zavu-signature']).toBe(hook.hits[0].headers['x-zavu-signature']);
		expect(stand.api.deliveries.map((d) => [d.source, d.attempt])).toEqual([
			['manual', 1],
			['replay', 2],
		]);
		expect(() => stand.api.replayDelivery('evt_unknown')).toThrow(StandInError);
	});

	test('hand-made events need a webhook (404), not an active or subscribed one', async () => {
		expect(() => stand.api.deliverEvent('project', 'invitation.status_changed')).toThrow(
			expect.objectContaining({ status: 404, code: 'webhook_not_found' }),
		);
		expect(() => stand.api.deliverEvent('snd_nope', 'message.inbound')).toThrow(
			expect.objectContaining({ status: 404 }),
		);
		const hook = await receiver();
		await senderWebhook(DEFAULT_SENDER, hook.url, ['message.failed'], { webhookActive: false });
		stand.api.deliverEvent(DEFAULT_SENDER, 'message.inbound', { x: 1 });
		stand.api.deliverEvent(DEFAULT_SENDER, 'something.new', { y: 2 });
		await stand.api.settleDeliveries();
		expect(hook.hits.map((h) => h.body.type).sort()).toEqual(['message.inbound', 'something.new']);
	});

	test('the admin routes drive it all over HTTP', async () => {
		const hook = await receiver((n) => (n === 1 ? 500 : 200));
		const secret = await projectWebhook(hook.url);

		const config = await admin('/webhooks', undefined, 'GET');
		expect(config.json).toEqual({
			project: {
				url: hook.url,
				events: ['invitation.status_changed'],
				active: true,
				secret,
				signatureVersion: 'v2',
			},
			senders: [],
		});

		const stale = nowSec() - 3600;
		const delivered = await admin('/webhooks/deliver', {
			target: 'project',
			type: 'invitation.status_changed',
			data: { invitationId: 'inv_9' },
			signatureVersion: 'v1+v2',
			tamper: true,
			timestampSec: stale,
			eventId: 'evt_fixed_1',
			wait: true,
		});
		expect(delivered.status).toBe(200);
		expect(delivered.json).toMatchObject({
			eventId: 'evt_fixed_1',
			type: 'invitation.status_changed',
			target: 'project',
			url: hook.url,
			payload: { id: 'evt_fixed_1', timestamp: stale * 1000, data: { invitationId: 'inv_9' } },
		});
		expect(
			delivered.json.deliveries.map((d: WebhookDelivery) => [d.status, d.t, d.tampered]),
		).toEqual([
			[500, stale, true],
			[200, stale, true],
		]);

		const listed = await admin('/webhooks/deliveries?eventId=evt_fixed_1', undefined, 'GET');
		expect(listed.json.items).toHaveLength(2);
		expect(listed.json.pending).toBe(0);
		expect((await admin('/webhooks/deliveries?type=nope', undefined, 'GET')).json.items).toEqual(
			[],
		);

		const replayed = await admin('/webhooks/replay', { eventId: 'evt_fixed_1' });
		expect(replayed.status).toBe(200);
		const settled = await admin('/webhooks/settle', {});
		expect(settled.json.items).toHaveLength(3);
		expect(hook.hits).toHaveLength(3);

		const noHook = await admin('/webhooks/deliver', {
			target: EMAIL_SENDER,
			type: 'message.inbound',
		});
		expect(noHook.status).toBe(404);
		expect(noHook.json.code).toBe('webhook_not_found');
		expect((await admin('/webhooks/deliver', { type: 'x' })).status).toBe(400);
		const badJson = await call('/__admin/webhooks/deliver', {
			key: null,
			rawBody: '{',
			method: 'POST',
		});
		expect(badJson.status).toBe(400);
		expect((await admin('/webhooks/nope', {})).status).toBe(404);

		await admin('/reset');
		expect(stand.api.deliveries).toEqual([]);
		// The control plane is not recorded as API traffic.
		expect(stand.api.requests.every((r) => !r.path.startsWith('/__admin'))).toBe(true);
	});
});
