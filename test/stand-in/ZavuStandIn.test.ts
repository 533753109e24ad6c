/**
 * Tests of the stand-in itself: other suites trust it to behave like Zavu, so its
 * contract (status codes, error bodies, headers, pagination, faults) is pinned here.
 */
import type { Invitation as SdkInvitation } from '@zavudev/sdk/resources/invitations';
import type { Message as SdkMessage } from '@zavudev/sdk/resources/messages';
import {
	CHANNELS,
	CONNECTION_TYPES,
	INVITATION_STATUSES,
	MESSAGE_TYPES,
	ZavuStandIn,
	type Invitation,
	type Message,
} from './ZavuStandIn';
import { useStandIn } from '../support/standIn';
import { callStandIn, KEY } from './call';
import type { CallOptions } from './call';

const DAY_MS = 24 * 60 * 60 * 1000;

const stand = useStandIn({ perTest: true });

const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

/** Follows nextCursor to the end, running `between` after each page. */
async function walk(path: string, between?: (page: number) => void): Promise<any[]> {
	const seen: any[] = [];
	let cursor: string | null = null;
	let page = 0;
	do {
		const sep = path.includes('?') ? '&' : '?';
		const url: string = cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path;
		const res = await call(url);
		expect(res.status).toBe(200);
		seen.push(...res.json.items);
		cursor = res.json.nextCursor;
		between?.(++page);
	} while (cursor);
	return seen;
}

const ids = (items: Array<{ id: string }>) => items.map((i) => i.id);

describe('server and auth', () => {
	test('listens on 127.0.0.1 with a random port', () => {
		expect(stand.api.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(stand.api.baseUrl).not.toMatch(/:4010$/);
	});

	test('missing or wrong bearer answers 401 JSON with rate-limit headers', async () => {
		for (const key of [null, 'zv_test_wrong']) {
			const res = await call('/v1/me', { key });
			expect(res.status).toBe(401);
			expect(res.headers.get('content-type')).toBe('application/json');
			expect(res.json).toEqual({ code: 'unauthorized', message: 'Invalid API key' });
			expect(res.headers.get('x-ratelimit-limit')).toBe('1000000');
			expect(res.headers.get('x-ratelimit-remaining')).not.toBeNull();
		}
	});

	test('GET /v1/me describes the key', async () => {
		const res = await call('/v1/me');
		expect(res.status).toBe(200);
		expect(res.json).toMatchObject({
			project: { id: expect.any(String), name: expect.any(String), isSubAccount: false },
			team: { id: expect.any(String), name: expect.any(String) },
			apiKey: { id: expect.any(String) },
			isTestMode: true,
		});
		stand.api.setOptions({ apiKey: 'zv_live_abc' });
		expect((await call('/v1/me', { key: 'zv_live_abc' })).json.isTestMode).toBe(false);
	});

	test('unknown routes and ids answer 404 with a code', async () => {
		expect((await call('/v1/nope')).json.code).toBe('not_found');
		const inv = await call('/v1/invitations/doesnotexist');
		expect(inv.status).toBe(404);
		expect(inv.json).toEqual({ code: 'invitation_not_found', message: expect.any(String) });
		expect((await call('/v1/messages/msg_missing')).json.code).toBe('message_not_found');
	});

	test('stop() closes the server', async () => {
		const url = stand.api.baseUrl;
		await stand.api.stop();
		await expect(fetch(`${url}/v1/me`)).rejects.toThrow();
	});
});

describe('rate limits', () => {
	test('headers are always sent; without an explicit limit nothing is enforced', async () => {
		const t0 = Date.now();
		const first = await call('/v1/me');
		expect(first.headers.get('x-ratelimit-limit')).toBe('1000000');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('999999');
		const reset = Number(first.headers.get('x-ratelimit-reset'));
		expect(reset).toBeGreaterThanOrEqual(t0 + 60_000);
		expect(reset).toBeLessThanOrEqual(Date.now() + 60_000);
		for (let i = 0; i < 6; i++) {
			await Promise.all(Array.from({ length: 100 }, () => call('/v1/me')));
		}
		const after = await call('/v1/me');
		expect(after.status).toBe(200);
		expect(after.headers.get('x-ratelimit-remaining')).toBe(String(1_000_000 - 602));
	});

	test('an explicit limit is enforced with 429 and Retry-After in seconds', async () => {
		let clock = 1_700_000_000_000;
		stand.api.now = () => clock;
		stand.api.setOptions({ rateLimit: { limit: 2, windowMs: 2500 } });
		expect((await call('/v1/me')).headers.get('x-ratelimit-remaining')).toBe('1');
		expect((await call('/v1/me')).status).toBe(200);
		clock += 1000;
		const limited = await call('/v1/me');
		expect(limited.status).toBe(429);
		expect(limited.json.code).toBe('rate_limit_exceeded');
		expect(limited.headers.get('retry-after')).toBe('2'); // ceil(1.5 s)
		expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
		expect(limited.headers.get('x-ratelimit-reset')).toBe(String(1_700_000_002_500));
		clock += 1500;
		expect((await call('/v1/me')).status).toBe(200);
	});
});

describe('invitations', () => {
	test('create returns 201 with a pending invitation', async () => {
		const now = Date.parse('2025-03-01T12:00:00.000Z');
		stand.api.now = () => now;
		const res = await call('/v1/invitations', {
			body: {
				clientName: 'Acme Corp',
				clientEmail: 'contact@acme.com',
				allowedPhoneCountries: ['US', 'MX'],
			},
		});
		expect(res.status).toBe(201);
		const inv: Invitation = res.json.invitation;
		expect(inv.id).toMatch(/^[a-z0-9]{20}$/);
		expect(inv).toMatchObject({
			status: 'pending',
			clientName: 'Acme Corp',
			clientEmail: 'contact@acme.com',
			clientPhone: null,
			phoneNumberId: null,
			connectionType: 'whatsapp_waba',
			allowedPhoneCountries: ['US', 'MX'],
			senderId: null,
			connectedAccount: null,
			failedAt: null,
			failureReason: null,
			viewedAt: null,
			startedAt: null,
			completedAt: null,
			createdAt: '2025-03-01T12:00:00.000Z',
			expiresAt: new Date(now + 7 * DAY_MS).toISOString(),
		});
		expect(inv.url).toBe(`https://dashboard.zavu.dev/invite/${inv.token}`);

		const custom = await call('/v1/invitations', {
			body: { expiresInDays: 14, phoneNumberId: 'pn_seed00000000000001' },
		});
		expect(custom.json.invitation.expiresAt).toBe(new Date(now + 14 * DAY_MS).toISOString());
		expect((await call(`/v1/invitations/${inv.id}`)).json.invitation).toEqual(inv);
	});

	// Each answers code validation_error, with a message that starts with `prefix`.
	test.each<{ body: object; status: number; prefix: string }>([
		{ body: { clientName: 'x'.repeat(101) }, status: 400, prefix: 'clientName:' },
		{ body: { clientEmail: 'not-an-email' }, status: 400, prefix: 'clientEmail:' },
		{ body: { clientPhone: '4155551234' }, status: 400, prefix: 'clientPhone:' },
		{ body: { expiresInDays: 0 }, status: 400, prefix: 'expiresInDays:' },
		{ body: { expiresInDays: 1.5 }, status: 400, prefix: 'expiresInDays:' },
		{ body: { expiresInDays: 31 }, status: 400, prefix: 'expiresInDays:' },
		{ body: { allowedPhoneCountries: ['us'] }, status: 400, prefix: 'allowedPhoneCountries:' },
		{ body: { connectionType: 'sms' }, status: 400, prefix: 'connectionType:' },
		{
			body: { connectionType: 'whatsapp_alt' },
			status: 400,
			prefix: 'connectionType: must be one of whatsapp_waba, messenger',
		},
		{ body: { phoneNumberId: 'pn_missing' }, status: 422, prefix: 'phoneNumberId:' },
	])('create rejects $body', async ({ body, status, prefix }) => {
		const res = await call('/v1/invitations', { body });
		expect(res.status).toBe(status);
		expect(res.json.code).toBe('validation_error');
		expect(res.json.message.startsWith(prefix)).toBe(true);
		expect(stand.api.invitations.size).toBe(0);
	});

	test('invalid JSON body answers invalid_json', async () => {
		const res = await call('/v1/invitations', {
			rawBody: '{"clientName":',
			headers: { 'Content-Type': 'application/json' },
		});
		expect(res.status).toBe(400);
		expect(res.json.code).toBe('invalid_json');
	});

	test('cancel follows the lifecycle and always moves updatedAt', async () => {
		const [a, b] = stand.api.seedInvitations(2);
		const cancelled = await call(`/v1/invitations/${a.id}/cancel`, { method: 'POST' });
		expect(cancelled.status).toBe(200);
		expect(cancelled.json.invitation.status).toBe('cancelled');
		expect(Date.parse(cancelled.json.invitation.updatedAt)).toBeGreaterThan(
			Date.parse(a.createdAt),
		);

		const again = await call(`/v1/invitations/${a.id}/cancel`, { method: 'POST' });
		expect(again.status).toBe(409);
		expect(again.json.code).toBe('invitation_not_cancellable');

		stand.api.completeInvitation(b.id);
		const completed = await call(`/v1/invitations/${b.id}/cancel`, { method: 'POST' });
		expect(completed.status).toBe(409);
		expect(completed.json).toEqual({
			code: 'invitation_completed',
			message: 'Cannot cancel a completed invitation',
		});
	});

	test('open and complete transitions create a WhatsApp sender', async () => {
		const [inv] = stand.api.seedInvitations(1, { clientName: 'Acme', clientPhone: '+14155551234' });
		const opened = stand.api.openInvitation(inv.id);
		expect(opened.status).toBe('in_progress');
		expect(opened.viewedAt).not.toBeNull();
		expect(opened.startedAt).not.toBeNull();
		const openedAt = opened.updatedAt;
		const done = stand.api.completeInvitation(inv.id);
		expect(done.status).toBe('completed');
		expect(done.completedAt).not.toBeNull();
		expect(done.updatedAt > openedAt).toBe(true);
		const sender = stand.api.senders.get(done.senderId!);
		expect(sender).toMatchObject({
			id: expect.stringMatching(/^snd_/),
			channels: ['whatsapp'],
			phoneNumber: '+14155551234',
		});
		expect(done.connectedAccount).toEqual({
			id: expect.stringMatching(/^[1-9]\d{14}$/),
			channel: 'whatsapp',
			name: 'Acme',
		});
		expect(done.failedAt).toBeNull();
		expect(done.failureReason).toBeNull();
		expect(() => stand.api.openInvitation(inv.id)).toThrow(/completed/);
		expect((await call(`/v1/invitations/${inv.id}`)).json.invitation.senderId).toBe(sender!.id);
	});

	test('an invitation past expiresAt reads as expired', async () => {
		let clock = Date.parse('2025-03-01T00:00:00.000Z');
		stand.api.now = () => clock;
		const inv = (await call('/v1/invitations', { body: { expiresInDays: 1 } })).json
			.invitation as Invitation;
		clock += DAY_MS + 1;
		const res = await call(`/v1/invitations/${inv.id}`);
		expect(res.json.invitation.status).toBe('expired');
		expect(res.json.invitation.updatedAt).toBe(new Date(clock).toISOString());
		expect((await call('/v1/invitations?status=pending')).json.items).toEqual([]);
	});
});

describe('types and enums follow the SDK', () => {
	test('stand-in entities are SDK entities; the enum lists match the SDK unions', async () => {
		const [inv] = stand.api.seedInvitations(1);
		const asSdk: SdkInvitation = inv; // compile-time: the stand-in Invitation is assignable
		expect(asSdk.id).toBe(inv.id);
		const msg: Message = (await call('/v1/messages', { body: { to: '+14155551234', text: 'x' } }))
			.json.message;
		const msgAsSdk: SdkMessage = stand.api.messages.get(msg.id)!;
		expect(msgAsSdk.direction).toBe('outbound');
		expect([...INVITATION_STATUSES].sort()).toEqual([
			'cancelled',
			'completed',
			'expired',
			'failed',
			'in_progress',
			'pending',
		]);
		expect(CONNECTION_TYPES).toEqual(['whatsapp_waba', 'messenger']);
		expect(CHANNELS).not.toContain('whatsapp_alt');
		expect(MESSAGE_TYPES).toEqual(
			expect.arrayContaining(['location_request', 'request_contact_info']),
		);
	});
});

describe('invitation failures and retries', () => {
	test('pending → in_progress → failed → in_progress → completed', async () => {
		let clock = Date.parse('2025-03-01T12:00:00.000Z');
		stand.api.now = () => clock;
		const [inv] = stand.api.seedInvitations(1, { clientName: 'Retry Co' });
		const stamps = [inv.updatedAt];

		expect(() => stand.api.failInvitation(inv.id)).toThrow(
			/Cannot fail an invitation that is pending/,
		);
		stand.api.openInvitation(inv.id);
		stamps.push(inv.updatedAt);

		clock += 1000;
		const failed = stand.api.failInvitation(inv.id);
		expect(failed).toMatchObject({
			status: 'failed',
			failedAt: new Date(clock).toISOString(),
			failureReason: 'fb_cancelled',
			updatedAt: new Date(clock).toISOString(),
			senderId: null,
			connectedAccount: null,
		});
		stamps.push(failed.updatedAt);
		const read = (await call(`/v1/invitations/${inv.id}`)).json.invitation;
		expect(read).toMatchObject({
			status: 'failed',
			failureReason: 'fb_cancelled',
			failedAt: failed.failedAt,
		});
		expect(ids((await call('/v1/invitations?status=failed')).json.items)).toEqual([inv.id]);

		// Failed is not final, but only opening it again leads on.
		expect(() => stand.api.completeInvitation(inv.id)).toThrow(
			/Cannot complete an invitation that is failed/,
		);
		expect(() => stand.api.failInvitation(inv.id)).toThrow(
			/Cannot fail an invitation that is failed/,
		);

		const failedAt = failed.failedAt;
		const retried = stand.api.openInvitation(inv.id); // same clock: updatedAt still moves
		expect(retried.status).toBe('in_progress');
		expect(retried.failureReason).toBeNull();
		expect(retried.failedAt).toBe(failedAt); // the last failure stays on record
		stamps.push(retried.updatedAt);
		expect(() => stand.api.openInvitation(inv.id)).toThrow(
			/Cannot open an invitation that is in_progress/,
		);

		const second = stand.api.failInvitation(inv.id, 'fb_not_authorized');
		expect(second.failureReason).toBe('fb_not_authorized');
		expect(Date.parse(second.failedAt!)).toBeGreaterThan(Date.parse(failedAt!));
		stamps.push(second.updatedAt);
		stand.api.openInvitation(inv.id);
		stamps.push(inv.updatedAt);

		const done = stand.api.completeInvitation(inv.id);
		stamps.push(done.updatedAt);
		expect(done).toMatchObject({
			status: 'completed',
			failureReason: null,
			senderId: expect.stringMatching(/^snd_/),
		});
		expect(done.failedAt).toBe(second.failedAt);
		for (let i = 1; i < stamps.length; i++)
			expect(Date.parse(stamps[i])).toBeGreaterThan(Date.parse(stamps[i - 1]));

		expect(() => stand.api.failInvitation(inv.id)).toThrow(/completed/);
		let status = 0;
		try {
			stand.api.openInvitation(inv.id);
		} catch (err) {
			status = (err as { status: number }).status;
		}
		expect(status).toBe(409);
	});

	test('a failed invitation can be cancelled or expired', async () => {
		const [a, b] = stand.api.seedInvitations(2);
		for (const inv of [a, b]) {
			stand.api.openInvitation(inv.id);
			stand.api.failInvitation(inv.id);
		}
		const cancelled = await call(`/v1/invitations/${a.id}/cancel`, { method: 'POST' });
		expect(cancelled.status).toBe(200);
		expect(cancelled.json.invitation).toMatchObject({
			status: 'cancelled',
			failureReason: 'fb_cancelled',
		});
		const expired = stand.api.expireInvitation(b.id);
		expect(expired.status).toBe('expired');
		expect(Date.parse(expired.expiresAt)).toBeLessThanOrEqual(Date.parse(expired.updatedAt));
		// Both ends are final.
		expect((await call(`/v1/invitations/${b.id}/cancel`, { method: 'POST' })).status).toBe(409);
		expect(() => stand.api.openInvitation(a.id)).toThrow(/cancelled/);
		expect(() => stand.api.expireInvitation(a.id)).toThrow(
			/Cannot expire an invitation that is cancelled/,
		);
	});

	test('a failed invitation past expiresAt reads as expired', async () => {
		let clock = Date.parse('2025-03-01T00:00:00.000Z');
		stand.api.now = () => clock;
		const inv = (await call('/v1/invitations', { body: { expiresInDays: 1 } })).json
			.invitation as Invitation;
		stand.api.openInvitation(inv.id);
		clock += 1000;
		stand.api.failInvitation(inv.id, 'signup_abandoned');
		clock += DAY_MS;
		const res = await call(`/v1/invitations/${inv.id}`);
		expect(res.json.invitation.status).toBe('expired');
		expect(res.json.invitation.updatedAt).toBe(new Date(clock).toISOString());
		expect((await call('/v1/invitations?status=failed')).json.items).toEqual([]);
		expect(() => stand.api.openInvitation(inv.id)).toThrow(/expired/);
	});

	test('admin fail route, with a reason, on an id or on latest', async () => {
		const admin = (path: string, body?: unknown) =>
			call(`/__admin${path}`, { key: null, method: 'POST', body });
		stand.api.invitations.clear();
		const older = (await call('/v1/invitations', { body: { clientName: 'Older' } })).json
			.invitation;
		const newer = (await call('/v1/invitations', { body: { clientName: 'Newer' } })).json
			.invitation;

		const early = await admin('/invitations/latest/fail');
		expect(early.status).toBe(409); // newest is still pending
		expect(early.json.code).toBe('invalid_transition');

		await admin(`/invitations/${older.id}/open`);
		const byId = await admin(`/invitations/${older.id}/fail`, { reason: 'meta_no_pages' });
		expect(byId.status).toBe(200);
		expect(byId.json.invitation).toMatchObject({
			id: older.id,
			status: 'failed',
			failureReason: 'meta_no_pages',
		});
		expect(byId.json.invitation.failedAt).toBe(byId.json.invitation.updatedAt);

		await admin('/invitations/latest/open');
		const latest = await admin('/invitations/latest/fail');
		expect(latest.status).toBe(200);
		expect(latest.json.invitation).toMatchObject({
			id: newer.id,
			status: 'failed',
			failureReason: 'fb_cancelled',
		});

		// latest counts failed invitations as active: retry and complete them through it.
		expect((await admin('/invitations/latest/open')).json.invitation).toMatchObject({
			id: newer.id,
			status: 'in_progress',
			failureReason: null,
		});
		expect((await admin('/invitations/latest/complete')).json.invitation.id).toBe(newer.id);
		expect((await admin('/invitations/latest/open')).json.invitation).toMatchObject({
			id: older.id,
			status: 'in_progress',
		});

		const badReason = await admin(`/invitations/${older.id}/fail`, { reason: 42 });
		expect(badReason.status).toBe(400);
		expect(badReason.json.code).toBe('validation_error');
		expect(stand.api.invitations.get(older.id)!.status).toBe('in_progress');
		expect((await admin('/invitations/nope/fail')).json.code).toBe('invitation_not_found');

		await admin(`/invitations/${older.id}/fail`);
		expect((await admin('/invitations/latest/expire')).json.invitation).toMatchObject({
			id: older.id,
			status: 'expired',
		});
		const none = await admin('/invitations/latest/fail');
		expect(none.status).toBe(404);
		expect(none.json.message).toMatch(/Zavu onboarding 1/);
	});
});

describe('connection types', () => {
	test('messenger: created without WABA fields, completed into a Facebook Page sender', async () => {
		const res = await call('/v1/invitations', {
			body: { clientName: 'Acme', clientEmail: 'a@acme.com', connectionType: 'messenger' },
		});
		expect(res.status).toBe(201);
		const inv: Invitation = res.json.invitation;
		expect(inv).toMatchObject({
			connectionType: 'messenger',
			phoneNumberId: null,
			clientPhone: null,
			connectedAccount: null,
		});
		expect(inv).not.toHaveProperty('allowedPhoneCountries');

		const done = stand.api.completeInvitation(inv.id);
		expect(done.connectedAccount).toEqual({
			id: expect.stringMatching(/^[1-9]\d{14}$/),
			channel: 'messenger',
			name: 'Acme Page',
		});
		expect(done.phoneNumberId).toBeNull();
		expect(stand.api.senders.get(done.senderId!)).toMatchObject({
			channels: ['messenger'],
			phoneNumber: null,
			emailAddress: null,
		});
		expect((await call(`/v1/invitations/${inv.id}`)).json.invitation.connectedAccount).toEqual(
			done.connectedAccount,
		);

		const anonymous = (await call('/v1/invitations', { body: { connectionType: 'messenger' } }))
			.json.invitation;
		expect(stand.api.completeInvitation(anonymous.id).connectedAccount).toMatchObject({
			channel: 'messenger',
			name: 'Client Page',
		});
	});

	test('whatsapp_waba (the default) completes into a WhatsApp number', async () => {
		const inv = (await call('/v1/invitations', { body: {} })).json.invitation;
		expect(inv.connectionType).toBe('whatsapp_waba');
		const done = stand.api.completeInvitation(inv.id);
		expect(done.connectedAccount).toEqual({
			id: expect.stringMatching(/^\d+$/),
			channel: 'whatsapp',
			name: 'WhatsApp Business',
		});
		expect(stand.api.senders.get(done.senderId!)).toMatchObject({
			channels: ['whatsapp'],
			phoneNumber: expect.stringMatching(/^\+/),
		});
	});

	test.each([
		['phoneNumberId', 'pn_seed00000000000001'],
		['allowedPhoneCountries', ['US']],
		['clientPhone', '+14155551234'],
	])('messenger with %s answers 400 naming the field', async (field, value) => {
		const res = await call('/v1/invitations', {
			body: { connectionType: 'messenger', [field]: value },
		});
		expect(res.status).toBe(400);
		expect(res.json.code).toBe('validation_error');
		expect(res.json.message.startsWith(`${field}:`)).toBe(true);
		expect(res.json.message).toMatch(/only to connectionType whatsapp_waba/);
		expect(stand.api.invitations.size).toBe(0);
		// The same field is fine with whatsapp_waba.
		const waba = await call('/v1/invitations', {
			body: { connectionType: 'whatsapp_waba', [field]: value },
		});
		expect(waba.status).toBe(201);
	});
});

describe('pagination', () => {
	test('limit and cursor are validated', async () => {
		const tooBig = await call('/v1/invitations?limit=101');
		expect(tooBig.status).toBe(400);
		expect(tooBig.json.code).toBe('validation_error');
		for (const bad of ['garbage', Buffer.from('{"t":"nope","o":1}').toString('base64url')]) {
			const res = await call(`/v1/invitations?cursor=${bad}`);
			expect(res.status).toBe(400);
			expect(res.json.code).toBe('invalid_cursor');
		}
		// A cursor from one list is not valid for another.
		stand.api.seedInvitations(3);
		const first = await call('/v1/invitations?limit=1');
		expect((await call(`/v1/messages?cursor=${first.json.nextCursor}`)).json.code).toBe(
			'invalid_cursor',
		);
	});

	test('default page is 50, newest first, nextCursor null on the last page', async () => {
		const seeded = stand.api.seedInvitations(120);
		const first = await call('/v1/invitations');
		expect(first.json.items).toHaveLength(50);
		expect(first.json.items[0].id).toBe(seeded[119].id);
		const all = await walk('/v1/invitations?limit=100');
		expect(ids(all)).toEqual(ids(seeded).reverse());
		const page1 = await call('/v1/invitations?limit=100');
		const page2 = await call(`/v1/invitations?limit=100&cursor=${page1.json.nextCursor}`);
		expect(page2.json.items).toHaveLength(20);
		expect(page2.json.nextCursor).toBeNull();
	});

	test('oldest and random orders visit every item exactly once', async () => {
		const seeded = stand.api.seedInvitations(37);
		stand.api.setOptions({ listOrder: 'oldest' });
		expect(ids(await walk('/v1/invitations?limit=10'))).toEqual(ids(seeded));

		stand.api.setOptions({ listOrder: 'random' });
		const r1 = ids(await walk('/v1/invitations?limit=7'));
		const r2 = ids(await walk('/v1/invitations?limit=100'));
		expect(new Set(r1).size).toBe(37);
		expect([...r1].sort()).toEqual(ids(seeded).sort());
		expect(r1).toEqual(r2); // stable across calls
		expect(r1).not.toEqual(ids(seeded)); // 1 in 37! chance of a false failure
	});

	test('a walk is neither duplicated nor skipped while the list changes', async () => {
		const seeded = stand.api.seedInvitations(60);
		const walked = await walk('/v1/invitations?limit=10&status=pending', (page) => {
			// New invitations land at the head of "newest"; without a snapshot they would
			// shift every later page and cause duplicates.
			stand.api.seedInvitations(5);
			if (page < 6) stand.api.openInvitation(seeded[59 - page * 10].id);
		});
		expect(walked).toHaveLength(60);
		expect(new Set(ids(walked)).size).toBe(60);
		expect([...ids(walked)].sort()).toEqual(ids(seeded).sort());
		// Items are returned in their current state.
		expect(walked.find((i) => i.id === seeded[39].id).status).toBe('in_progress');
	});

	test('status filter applies', async () => {
		const [a, b] = stand.api.seedInvitations(3);
		stand.api.completeInvitation(a.id);
		stand.api.expireInvitation(b.id);
		expect(ids((await call('/v1/invitations?status=completed')).json.items)).toEqual([a.id]);
		expect(ids((await call('/v1/invitations?status=expired')).json.items)).toEqual([b.id]);
		expect((await call('/v1/invitations?status=pending')).json.items).toHaveLength(1);
		expect((await call('/v1/invitations?status=bogus')).json.code).toBe('validation_error');
	});

	test('senders, templates and phone numbers are seeded and paginated', async () => {
		const senders = (await call('/v1/senders')).json;
		expect(senders.nextCursor).toBeNull();
		expect(senders.items).toHaveLength(2);
		expect(senders.items.find((s: any) => s.isDefault)).toMatchObject({
			channels: ['sms', 'whatsapp'],
		});
		expect(senders.items.find((s: any) => !s.isDefault)).toMatchObject({ channels: ['email'] });

		const templates = await walk('/v1/templates?limit=2');
		expect(templates).toHaveLength(3);
		expect(templates.find((t) => t.name === 'welcome')).toMatchObject({
			language: 'en',
			status: 'approved',
		});
		expect(templates.map((t) => t.status)).toContain('pending');

		const numbers = (await call('/v1/phone-numbers')).json.items;
		expect(numbers).toHaveLength(2);
		expect(numbers[0].id).toMatch(/^pn_/);
		// Deterministic seeds.
		expect(ids(numbers)).toEqual(ids([...new ZavuStandIn().phoneNumbers.values()]));
	});
});

describe('messages', () => {
	test('send text: 201, queued, sms via the default sender; the raw body is kept aside', async () => {
		const body = { to: '+14155551234', text: 'Hello', metadata: { orderId: '42' } };
		const res = await call('/v1/messages', { body });
		expect(res.status).toBe(201);
		const msg: Message = res.json.message;
		expect(msg).toMatchObject({
			id: expect.stringMatching(/^msg_/),
			to: '+14155551234',
			channel: 'sms',
			messageType: 'text',
			status: 'queued',
			text: 'Hello',
			senderId: 'snd_seed00000000000001',
			metadata: { orderId: '42' },
			direction: 'outbound',
			conversationId: expect.stringMatching(/^conv_/),
		});
		// Fields the SDK types without null are absent rather than null.
		expect(msg).not.toHaveProperty('content');
		expect(msg).not.toHaveProperty('providerMessageId');
		const again = (await call('/v1/messages', { body: { to: '+14155551234', text: 'Again' } })).json
			.message;
		expect(again.conversationId).toBe(msg.conversationId);
		const other = (await call('/v1/messages', { body: { to: '+14155559876', text: 'Other' } })).json
			.message;
		expect(other.conversationId).not.toBe(msg.conversationId);
		expect(res.json.message).not.toHaveProperty('__request');
		expect(stand.api.sentBodies.get(msg.id)).toEqual(body);
		expect(stand.api.sentHeaders.get(msg.id)).toBeNull();
		expect((await call(`/v1/messages/${msg.id}`)).json.message).toEqual(msg);
	});

	test('channel is inferred; email needs a subject', async () => {
		const email = await call('/v1/messages', {
			body: { to: 'a@b.co', text: 'Hi', subject: 'Hello' },
		});
		expect(email.json.message.channel).toBe('email');
		const image = await call('/v1/messages', {
			body: {
				to: '+14155551234',
				messageType: 'image',
				content: { mediaUrl: 'https://x.test/a.png' },
			},
		});
		expect(image.json.message.channel).toBe('whatsapp');
		const given = await call('/v1/messages', {
			body: { to: '+14155551234', text: 'x', channel: 'telegram' },
		});
		expect(given.json.message.channel).toBe('telegram');

		const noSubject = await call('/v1/messages', { body: { to: 'a@b.co', text: 'Hi' } });
		expect(noSubject.status).toBe(400);
		expect(noSubject.json).toEqual({
			code: 'validation_error',
			message: 'subject is required for email',
		});
		const noTo = await call('/v1/messages', { body: { text: 'Hi' } });
		expect(noTo.json.code).toBe('validation_error');
	});

	test('Zavu-Sender must name an existing sender and is recorded', async () => {
		const missing = await call('/v1/messages', {
			body: { to: '+14155551234', text: 'x' },
			headers: { 'Zavu-Sender': 'snd_nope' },
		});
		expect(missing.status).toBe(404);
		expect(missing.json.code).toBe('sender_not_found');
		expect(stand.api.messages.size).toBe(0);

		const ok = await call('/v1/messages', {
			body: { to: 'a@b.co', text: 'x', subject: 's' },
			headers: { 'Zavu-Sender': 'snd_seed00000000000002' },
		});
		expect(ok.json.message.senderId).toBe('snd_seed00000000000002');
		expect(ok.json.message.from).toBe('hello@example.com');
		expect(stand.api.sentHeaders.get(ok.json.message.id)).toBe('snd_seed00000000000002');
	});

	test('a repeated idempotencyKey returns the same message with 200', async () => {
		const body = { to: '+14155551234', text: 'once', idempotencyKey: 'k-1' };
		const first = await call('/v1/messages', { body });
		const second = await call('/v1/messages', { body });
		expect(first.status).toBe(201);
		expect(second.status).toBe(200);
		expect(second.json.message.id).toBe(first.json.message.id);
		expect(stand.api.messages.size).toBe(1);
	});

	test('template messages validate their content', async () => {
		const send = (content: unknown) =>
			call('/v1/messages', { body: { to: '+14155551234', messageType: 'template', content } });
		const good = await send({
			templateId: 'tmpl_seed00000000000001',
			templateVariables: { '1': 'John' },
		});
		expect(good.status).toBe(201);
		expect(good.json.message.channel).toBe('whatsapp');
		expect((await send({ templateVariables: { '1': 'John' } })).json.code).toBe('validation_error');
		const mixed = await send({
			templateId: 'tmpl_seed00000000000003',
			templateVariables: { '1': 'a', name: 'b' },
		});
		expect(mixed.json.message).toMatch(/cannot be mixed/);
	});

	test('whatsapp_alt is no longer a channel', async () => {
		const res = await call('/v1/messages', {
			body: { to: '+14155551234', text: 'x', channel: 'whatsapp_alt' },
		});
		expect(res.status).toBe(400);
		expect(res.json.code).toBe('validation_error');
		expect(res.json.message).toMatch(/^channel: must be one of /);
		expect(res.json.message).not.toMatch(/whatsapp_alt/);
		expect(stand.api.messages.size).toBe(0);
		expect((await call('/v1/messages?channel=whatsapp_alt')).status).toBe(400);
		// A group JID now goes over plain WhatsApp.
		const group = await call('/v1/messages', {
			body: { to: '120363025246125486@g.us', text: 'hi all' },
		});
		expect(group.json.message.channel).toBe('whatsapp');
	});

	test.each(['location_request', 'request_contact_info'])(
		'%s: WhatsApp-only, text only, at most 1024 characters',
		async (messageType) => {
			const send = (body: Record<string, unknown>) =>
				call('/v1/messages', { body: { to: '+14155551234', messageType, ...body } });
			const explicit = await send({ channel: 'whatsapp', text: 'Where are you?' });
			expect(explicit.status).toBe(201);
			expect(explicit.json.message).toMatchObject({
				channel: 'whatsapp',
				messageType,
				text: 'Where are you?',
				direction: 'outbound',
			});
			expect(explicit.json.message).not.toHaveProperty('content');
			const auto = await send({ text: 'x'.repeat(1024), content: {} });
			expect(auto.status).toBe(201);
			expect(auto.json.message.channel).toBe('whatsapp');
			expect(stand.api.messages.size).toBe(2);

			const refused: Array<[Record<string, unknown>, RegExp]> = [
				[{ text: 'x', content: { latitude: 1, longitude: 2 } }, /^content: .*takes no content/],
				[{}, /^text: is required/],
				[{ text: '   ' }, /^text: is required/],
				[{ text: 'x'.repeat(1025) }, /^text: must be at most 1024 characters/],
				[{ text: 'x', channel: 'sms' }, /^messageType: .*WhatsApp-only/],
				[{ text: 'x', channel: 'telegram' }, /^messageType: .*WhatsApp-only/],
				[{ text: 'x', to: 'a@b.co', subject: 's' }, /^messageType: .*WhatsApp-only/],
			];
			for (const [body, message] of refused) {
				const res = await send(body);
				expect({ body, status: res.status, code: res.json.code }).toEqual({
					body,
					status: 400,
					code: 'validation_error',
				});
				expect(res.json.message).toMatch(message);
			}
			expect(stand.api.messages.size).toBe(2);
		},
	);

	test('template button variables are keyed by button index from 0', async () => {
		const send = (templateButtonVariables: unknown) =>
			call('/v1/messages', {
				body: {
					to: '+14155551234',
					messageType: 'template',
					content: {
						templateId: 'tmpl_seed00000000000001',
						templateVariables: { '1': 'John' },
						templateButtonVariables,
					},
				},
			});
		expect((await send({ '0': 'abc123' })).status).toBe(201);
		expect((await send({ '0': 'a', '1': 'b', '2': 'c' })).status).toBe(201);
		for (const key of ['1a', 'button', '3', '-1']) {
			const res = await send({ [key]: 'abc123' });
			expect(res.status).toBe(400);
			expect(res.json.code).toBe('validation_error');
			expect(res.json.message).toMatch(
				/^content\.templateButtonVariables: button variables are keyed by the button's index from 0/,
			);
			expect(res.json.message).toContain(`"${key}"`);
		}
		const notStrings = await send({ '0': 5 });
		expect(notStrings.status).toBe(400);
		expect(stand.api.messages.size).toBe(2);
	});

	test('list filters by status, channel and to; setMessageStatus moves status', async () => {
		const a = (await call('/v1/messages', { body: { to: '+14155551234', text: 'a' } })).json
			.message;
		await call('/v1/messages', { body: { to: '+14155559999', text: 'b' } });
		await call('/v1/messages', { body: { to: 'x@y.co', text: 'c', subject: 's' } });
		const failed = stand.api.setMessageStatus(a.id, 'failed');
		expect(failed.errorCode).not.toBeNull();
		expect(failed.updatedAt > a.updatedAt).toBe(true);

		expect(ids((await call('/v1/messages?status=failed')).json.items)).toEqual([a.id]);
		expect((await call('/v1/messages?channel=email')).json.items).toHaveLength(1);
		expect((await call('/v1/messages?to=%2B14155559999')).json.items[0].text).toBe('b');
		expect(await walk('/v1/messages?limit=2')).toHaveLength(3);
	});
});

describe('faults', () => {
	test('status faults answer {code,message} with Retry-After, then run out', async () => {
		stand.api.inject(
			{ match: { method: 'GET', path: '/v1/me' }, status: 503, retryAfter: 3, times: 2 },
			{ match: { path: /^\/v1\/invitations/ }, status: 500, code: 'boom', message: 'Kaboom' },
		);
		for (let i = 0; i < 2; i++) {
			const res = await call('/v1/me');
			expect(res.status).toBe(503);
			expect(res.headers.get('retry-after')).toBe('3');
			expect(res.headers.get('content-type')).toBe('application/json');
			expect(res.json).toEqual({ code: 'service_unavailable', message: expect.any(String) });
		}
		expect((await call('/v1/me')).status).toBe(200);
		expect((await call('/v1/invitations')).json).toEqual({ code: 'boom', message: 'Kaboom' });
		expect((await call('/v1/invitations')).status).toBe(200);
	});

	test('reset destroys the connection; malformed sends broken JSON', async () => {
		stand.api.inject({ reset: true }, { malformed: true });
		await expect(
			fetch(`${stand.api.baseUrl}/v1/me`, { headers: { Authorization: `Bearer ${KEY}` } }),
		).rejects.toThrow();
		const res = await fetch(`${stand.api.baseUrl}/v1/me`, {
			headers: { Authorization: `Bearer ${KEY}` },
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json');
		await expect(res.json()).rejects.toThrow();
	});

	test('actFirst performs the operation before failing', async () => {
		stand.api.inject({
			match: { method: 'POST', path: '/v1/messages' },
			status: 502,
			actFirst: true,
		});
		const body = { to: '+14155551234', text: 'x', idempotencyKey: 'retry-me' };
		expect((await call('/v1/messages', { body })).status).toBe(502);
		expect(stand.api.messages.size).toBe(1);
		const retry = await call('/v1/messages', { body });
		expect(retry.status).toBe(200);
		expect(retry.json.message.id).toBe([...stand.api.messages.keys()][0]);
	});

	test('latency and delayMs slow the answer down', async () => {
		stand.api.setOptions({ latencyMs: 60 });
		stand.api.inject({ delayMs: 120 });
		let t = Date.now();
		expect((await call('/v1/me')).status).toBe(200);
		expect(Date.now() - t).toBeGreaterThanOrEqual(170);
		t = Date.now();
		await call('/v1/me');
		const plain = Date.now() - t;
		expect(plain).toBeGreaterThanOrEqual(55);
		expect(plain).toBeLessThan(170);
	});
});

describe('recording and admin endpoints', () => {
	test('every API request is recorded, including 401s and faulted ones', async () => {
		stand.api.inject({ status: 500 });
		await call('/v1/me');
		await call('/v1/me', { key: 'bad' });
		await call('/v1/invitations?limit=5', { body: undefined });
		await call('/v1/invitations', { body: { clientName: 'A' } });
		expect(stand.api.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v1/me',
			'GET /v1/me',
			'GET /v1/invitations',
			'POST /v1/invitations',
		]);
		const post = stand.api.requestsTo('post', '/v1/invitations')[0];
		expect(post.body).toEqual({ clientName: 'A' });
		expect(post.rawBody).toBe('{"clientName":"A"}');
		expect(post.headers.authorization).toBe(`Bearer ${KEY}`);
		expect(stand.api.requestsTo('GET', '/v1/invitations')[0].query).toEqual({ limit: '5' });
		expect(post.at).toBeGreaterThan(0);
		stand.api.clearRequests();
		expect(stand.api.requests).toEqual([]);
	});

	test('requests open at once, time-averaged (what the benchmarks report as requests in flight)', async () => {
		stand.api.setOptions({ latencyMs: 150 });
		stand.api.clearRequests();
		expect(stand.api.requestSpan()).toBeUndefined();
		const before = performance.timeOrigin + performance.now();
		await Promise.all([call('/v1/me'), call('/v1/me')]);
		const span = stand.api.requestSpan()!;
		expect(span.firstMs).toBeGreaterThanOrEqual(before);
		expect(span.lastMs - span.firstMs).toBeGreaterThanOrEqual(149);
		// Two answers of 150 ms side by side: two open for (nearly) the whole span, none outside it.
		expect(stand.api.meanInFlight(span.firstMs, span.lastMs)).toBeGreaterThan(1.8);
		expect(stand.api.meanInFlight(span.firstMs, span.lastMs)).toBeLessThanOrEqual(2);
		expect(stand.api.meanInFlight(span.lastMs, span.lastMs + 100)).toBe(0);
		expect(stand.api.maxInFlight).toBe(2);
	});

	test('admin endpoints move state, queue faults and reset, without auth or recording', async () => {
		const admin = (path: string, body?: unknown) =>
			call(`/__admin${path}`, { key: null, method: 'POST', body });
		const [a, b, c] = stand.api.seedInvitations(3);
		expect((await admin(`/invitations/${a.id}/open`)).json.invitation.status).toBe('in_progress');
		expect((await admin(`/invitations/${a.id}/complete`)).json.invitation.senderId).toMatch(
			/^snd_/,
		);
		expect((await admin(`/invitations/${b.id}/expire`)).json.invitation.status).toBe('expired');
		expect((await admin(`/invitations/${b.id}/open`)).status).toBe(409);
		expect((await admin('/invitations/nope/open')).json.code).toBe('invitation_not_found');

		const msg = (await call('/v1/messages', { body: { to: '+14155551234', text: 'x' } })).json
			.message;
		expect(
			(await admin(`/messages/${msg.id}/status`, { status: 'delivered' })).json.message.status,
		).toBe('delivered');

		expect(
			(await admin('/faults', { match: { path: `/v1/invitations/${c.id}` }, status: 500 })).status,
		).toBe(200);
		expect((await call(`/v1/invitations/${c.id}`)).status).toBe(500);

		const requests = await call('/__admin/requests', { key: null });
		expect(requests.json.items.map((r: any) => r.path)).toEqual([
			'/v1/messages',
			`/v1/invitations/${c.id}`,
		]);

		await admin('/faults', { status: 500 });
		await admin('/reset');
		expect(stand.api.requests).toEqual([]);
		expect((await call('/v1/me')).status).toBe(200);
	});

	test('admin "latest" completes the newest invitation still pending or in progress', async () => {
		const admin = (path: string) => call(`/__admin${path}`, { key: null, method: 'POST' });
		stand.api.invitations.clear();
		const older = (await call('/v1/invitations', { body: { clientName: 'Older' } })).json
			.invitation;
		const newer = (await call('/v1/invitations', { body: { clientName: 'Newer' } })).json
			.invitation;
		expect((await admin('/invitations/latest/complete')).json.invitation.id).toBe(newer.id);
		expect((await admin('/invitations/latest/complete')).json.invitation.id).toBe(older.id);
		expect((await admin('/invitations/latest/complete')).status).toBe(404);
	});
});
