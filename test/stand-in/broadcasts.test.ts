/**
 * The stand-in's broadcasts (resources/broadcasts.ts), answered as Zavu's SDK types and documents
 * them. The node's broadcast suites trust this contract: above all, that adding a contact already
 * in the broadcast is skipped and counted as a duplicate (SDK: ContactAddResponse.duplicates), so a
 * resent batch adds nobody twice, and that 1,000 contacts is the most one request takes.
 */
import type {
	BroadcastCreateResponse,
	BroadcastProgress,
} from '@zavudev/sdk/resources/broadcasts/broadcasts';
import type { ContactAddResponse } from '@zavudev/sdk/resources/broadcasts/contacts';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);
const phones = (n: number, from = 0) =>
	Array.from({ length: n }, (_, k) => ({ recipient: `+1415555${String(1000 + from + k)}` }));

async function draft(body: object = {}) {
	const res = await call('/v1/broadcasts', {
		body: { name: 'Sale', channel: 'sms', text: 'Hi {{name}}', ...body },
	});
	expect(res.status).toBe(201);
	return (res.json as BroadcastCreateResponse).broadcast;
}

describe('create', () => {
	test('a draft in { broadcast }; the same idempotency key answers the same broadcast', async () => {
		const b = await draft({ idempotencyKey: 'k1', metadata: { team: 'growth' } });
		expect(b).toMatchObject({ name: 'Sale', channel: 'sms', messageType: 'text', status: 'draft' });
		expect(b.totalContacts).toBe(0);
		const again = await call('/v1/broadcasts', {
			body: { name: 'Sale', channel: 'sms', text: 'x', idempotencyKey: 'k1' },
		});
		expect(again.json.broadcast.id).toBe(b.id);
		expect(stand.api.modules.broadcasts.broadcasts.size).toBe(1);
	});

	test.each([
		[
			{ channel: 'fax' },
			'channel: must be one of smart, sms, sms_oneway, whatsapp, telegram, email',
		],
		[{ channel: 'email', text: 'x' }, 'emailSubject: required for email broadcasts'],
		[{ text: undefined }, 'text: required for text broadcasts'],
		[
			{ messageType: 'image' },
			'content.mediaUrl: required for image broadcasts (or content.mediaId)',
		],
		[{ bogus: 1 }, 'bogus: unknown field'],
	])('refuses %j with a validation_error', async (extra, message) => {
		const res = await call('/v1/broadcasts', {
			body: { name: 'Sale', channel: 'sms', text: 'Hi', ...extra },
		});
		expect(res.status).toBe(400);
		expect(res.json).toEqual({ code: 'validation_error', message });
	});
});

describe('add contacts', () => {
	test('duplicates are skipped and counted, invalid ones named; a resent batch adds nobody twice', async () => {
		const b = await draft();
		const path = `/v1/broadcasts/${b.id}/contacts`;
		const first = await call(path, {
			body: {
				contacts: [
					...phones(3),
					{ recipient: '+14155551000' },
					{ recipient: 'ana@example.com' },
					{ recipient: '555' },
				],
			},
		});
		expect(first.json as ContactAddResponse).toEqual({
			added: 3,
			duplicates: 1,
			invalid: 2,
			errors: [
				{
					recipient: 'ana@example.com',
					reason: 'sms broadcasts take phone numbers in E.164 format',
				},
				{
					recipient: '555',
					reason: 'Invalid recipient: expected a phone number in E.164 format or an email address',
				},
			],
		});
		const again = await call(path, { body: { contacts: phones(4) } });
		expect(again.json).toEqual({ added: 1, duplicates: 3, invalid: 0 });
		const recipients = stand.api.modules.broadcasts.recipientsOf(b.id).map((c) => c.recipient);
		expect(recipients).toEqual(phones(4).map((p) => p.recipient));
		expect((await call(`/v1/broadcasts/${b.id}`)).json.broadcast.totalContacts).toBe(4);
	});

	test('at most 1,000 per request', async () => {
		const b = await draft();
		const path = `/v1/broadcasts/${b.id}/contacts`;
		expect((await call(path, { body: { contacts: phones(1000) } })).json.added).toBe(1000);
		const res = await call(path, { body: { contacts: phones(1001) } });
		expect(res.status).toBe(400);
		expect(res.json.message).toBe('contacts: must be a list of 1 to 1000 contacts');
	});

	test('list with a status filter, remove one (204), only in draft', async () => {
		const b = await draft();
		await call(`/v1/broadcasts/${b.id}/contacts`, { body: { contacts: phones(3) } });
		const list = await call(`/v1/broadcasts/${b.id}/contacts?status=pending&limit=2`);
		expect(list.json.items).toHaveLength(2);
		expect(list.json.nextCursor).toEqual(expect.any(String));
		const id = list.json.items[0].id;
		const removed = await call(`/v1/broadcasts/${b.id}/contacts/${id}`, { method: 'DELETE' });
		expect(removed.status).toBe(204);
		expect(stand.api.modules.broadcasts.recipientsOf(b.id)).toHaveLength(2);
	});
});

describe('send and progress', () => {
	test('send: sending; each progress read delivers more, then completed', async () => {
		const b = await draft();
		stand.api.modules.broadcasts.failing.add('+14155551003');
		await call(`/v1/broadcasts/${b.id}/contacts`, { body: { contacts: phones(4) } });
		const sent = await call(`/v1/broadcasts/${b.id}/send`, { body: {} });
		expect(sent.json.broadcast).toMatchObject({ status: 'sending', estimatedCost: 0.04 });
		const p1: BroadcastProgress = (await call(`/v1/broadcasts/${b.id}/progress`)).json;
		expect(p1).toMatchObject({ status: 'sending', total: 4, delivered: 2, pending: 2 });
		expect(p1.percentComplete).toBe(50);
		const p2: BroadcastProgress = (await call(`/v1/broadcasts/${b.id}/progress`)).json;
		expect(p2).toMatchObject({ status: 'completed', delivered: 3, failed: 1, pending: 0 });
		expect(p2.percentComplete).toBe(100);
	});

	test('scheduled, rescheduled, cancelled (pending contacts skipped)', async () => {
		const b = await draft();
		await call(`/v1/broadcasts/${b.id}/contacts`, { body: { contacts: phones(2) } });
		const at = new Date(Date.now() + 3_600_000).toISOString();
		const later = new Date(Date.now() + 7_200_000).toISOString();
		const sent = await call(`/v1/broadcasts/${b.id}/send`, { body: { scheduledAt: at } });
		expect(sent.json.broadcast).toMatchObject({ status: 'scheduled', scheduledAt: at });
		const moved = await call(`/v1/broadcasts/${b.id}/schedule`, {
			method: 'PATCH',
			body: { scheduledAt: later },
		});
		expect(moved.json.broadcast.scheduledAt).toBe(later);
		const cancelled = await call(`/v1/broadcasts/${b.id}/cancel`, { method: 'POST' });
		expect(cancelled.json.broadcast.status).toBe('cancelled');
		expect((await call(`/v1/broadcasts/${b.id}/progress`)).json.skipped).toBe(2);
		const again = await call(`/v1/broadcasts/${b.id}/cancel`, { method: 'POST' });
		expect(again.status).toBe(409);
	});

	test('review rejected → retry review (at most 3) or escalate', async () => {
		const b = await draft();
		await call(`/v1/broadcasts/${b.id}/contacts`, { body: { contacts: phones(1) } });
		stand.api.modules.broadcasts.review = 'reject';
		expect((await call(`/v1/broadcasts/${b.id}/send`, { body: {} })).json.broadcast.status).toBe(
			'rejected',
		);
		await call(`/v1/broadcasts/${b.id}/retry-review`, { method: 'POST' });
		await call(`/v1/broadcasts/${b.id}/retry-review`, { method: 'POST' });
		const last = await call(`/v1/broadcasts/${b.id}/retry-review`, { method: 'POST' });
		expect(last.json.code).toBe('review_attempts_exhausted');
		const other = await draft();
		await call(`/v1/broadcasts/${other.id}/contacts`, { body: { contacts: phones(1) } });
		await call(`/v1/broadcasts/${other.id}/send`, { body: {} });
		const escalated = await call(`/v1/broadcasts/${other.id}/escalate`, { method: 'POST' });
		expect(escalated.json.broadcast.status).toBe('escalated');
	});

	test('only a draft can be updated (or a rejected one) and deleted', async () => {
		const b = await draft();
		const patched = await call(`/v1/broadcasts/${b.id}`, { method: 'PATCH', body: { name: 'X' } });
		expect(patched.json.broadcast.name).toBe('X');
		await call(`/v1/broadcasts/${b.id}/contacts`, { body: { contacts: phones(1) } });
		await call(`/v1/broadcasts/${b.id}/send`, { body: {} });
		expect((await call(`/v1/broadcasts/${b.id}`, { method: 'DELETE' })).status).toBe(409);
		const other = await draft();
		expect((await call(`/v1/broadcasts/${other.id}`, { method: 'DELETE' })).status).toBe(204);
		expect((await call(`/v1/broadcasts/${other.id}`)).json.code).toBe('broadcast_not_found');
	});
});
