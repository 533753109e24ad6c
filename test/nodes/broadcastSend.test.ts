// Broadcast → Send (now, scheduled, Wait Until Finished), Reschedule, Cancel, Get Progress, Retry
// Review, Escalate Review, through real n8n-core against the stand-in's broadcasts module.
import type { IDataObject } from 'n8n-workflow';

import type { Broadcast } from '../stand-in/resources/broadcasts';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const stand = useStandIn({ perTest: true });

const bc = () => stand.api.modules.broadcasts;
const run = (params: IDataObject, items?: IDataObject[], settings = {}) =>
	runZavu(stand.credentials(), { resource: 'broadcast', ...params }, items, settings);
const sent = () =>
	stand.api.requests.map((r) => ({ method: r.method, path: r.path, query: r.query, body: r.body }));
const paired = (r: Awaited<ReturnType<typeof run>>) => r.items.map((item) => item.pairedItem);
const hourFromNow = (hours = 1) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** A draft with `n` recipients, under the id `id` when given (e.g. one that needs encoding). */
function ready(n: number, patch: Partial<Broadcast> = {}, id?: string): Broadcast {
	const b = bc().seed({ name: 'Sale', channel: 'sms', text: 'Hi' });
	const contacts = bc().contacts.get(b.id) as Map<string, never>;
	for (let k = 0; k < n; k++) {
		const recipient = `+1415${String(5000000 + k)}`;
		contacts.set(`c${k}`, { id: `c${k}`, recipient, status: 'pending' } as never);
	}
	Object.assign(b, { totalContacts: n }, patch);
	if (id) {
		bc().broadcasts.delete(b.id);
		bc().contacts.set(id, contacts);
		b.id = id;
		bc().broadcasts.set(id, b);
	}
	return b;
}

describe('Broadcast → Send', () => {
	it('POSTs /send with an empty body (id encoded) and emits the broadcast, now sending', async () => {
		ready(2, {}, 'jh7 odd/1');
		const r = await run({ operation: 'send', broadcastId: '={{ $json.id }}' }, [
			{ id: 'jh7 odd/1' },
		]);
		expect(sent()).toEqual([
			{ method: 'POST', path: '/v1/broadcasts/jh7%20odd%2F1/send', query: {}, body: {} },
		]);
		expect(r.json).toEqual([expect.objectContaining({ id: 'jh7 odd/1', status: 'sending' })]);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('scheduled: sends scheduledAt', async () => {
		const b = ready(1);
		const at = hourFromNow();
		const r = await run({
			operation: 'send',
			broadcastId: b.id,
			when: 'scheduled',
			scheduledAt: at,
		});
		expect(sent()[0].body).toEqual({ scheduledAt: at });
		expect(r.json[0]).toMatchObject({ status: 'scheduled', scheduledAt: at });
	});

	it('a 5xx is not resent (a resend could message everyone twice)', async () => {
		const b = ready(1);
		stand.api.inject({
			match: { method: 'POST', path: `/v1/broadcasts/${b.id}/send` },
			status: 503,
		});
		const r = await run({ operation: 'send', broadcastId: b.id });
		expect(r.thrown).toBeDefined();
		expect(stand.api.requests).toHaveLength(1);
	});

	it('Continue On Fail: a broadcast that cannot be sent carries the 409, the other is sent', async () => {
		const done = ready(1, { status: 'completed' });
		const b = ready(1);
		const r = await run(
			{ operation: 'send', broadcastId: '={{ $json.id }}' },
			[{ id: done.id }, { id: b.id }],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(r.json[0]).toEqual({
			error: 'Cannot send a broadcast in status completed [invalid_status]',
			code: 'invalid_status',
			httpCode: 409,
		});
		expect(r.json[1]).toMatchObject({ id: b.id, status: 'sending' });
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		[{ when: 'scheduled', scheduledAt: '2001-01-01T00:00:00Z' }, /^Scheduled At .* is in the past/],
		[{ when: 'scheduled', scheduledAt: 'soon' }, /^Scheduled At "soon" is not a date and time/],
		[
			{ when: 'scheduled', scheduledAt: hourFromNow(), options: { waitUntilFinished: true } },
			/^Wait Until Finished works only with When Now \[item 0\]$/,
		],
	])('refuses %j before any request', async (change, message) => {
		const r = await run({ operation: 'send', broadcastId: 'jh7a', ...change });
		expect(r.thrown?.message).toMatch(message);
		expect(stand.api.requests).toHaveLength(0);
	});
});

describe('Broadcast → Send, Wait Until Finished', () => {
	it('polls Get Progress with backoff until completed and emits the final progress', async () => {
		const b = ready(4);
		bc().failing.add('+14155000003');
		const r = await run({
			operation: 'send',
			broadcastId: b.id,
			options: { waitUntilFinished: true },
		});
		expect(r.error).toBeUndefined();
		expect(sent().map((s) => [s.method, s.path])).toEqual([
			['POST', `/v1/broadcasts/${b.id}/send`],
			['GET', `/v1/broadcasts/${b.id}/progress`],
			['GET', `/v1/broadcasts/${b.id}/progress`],
		]);
		const [, first, second] = stand.api.requests;
		// Backoff: the second wait is longer than the first.
		expect(second.at - first.at).toBeGreaterThanOrEqual(900);
		expect(r.json).toEqual([
			expect.objectContaining({
				broadcastId: b.id,
				status: 'completed',
				total: 4,
				delivered: 3,
				failed: 1,
				pending: 0,
				percentComplete: 100,
			}),
		]);
		expect(paired(r)).toEqual([{ item: 0 }]);
	});

	it('times out with a clear error: the broadcast keeps going, check it with Get Progress', async () => {
		const b = ready(100);
		bc().deliverPerRead = 1;
		const r = await run(
			{
				operation: 'send',
				broadcastId: b.id,
				options: { waitUntilFinished: true, waitTimeoutSeconds: 1 },
			},
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(r.json).toEqual([
			{
				error: `Broadcast ${b.id} is still sending after waiting 1 s (2 of 100 contacts done) [item 0]`,
				code: 'wait_timeout',
				description: expect.stringMatching(
					/keeps going without this node.*Broadcast → Get Progress.*Wait Timeout/,
				),
			},
		]);
		expect(bc().broadcasts.get(b.id)?.status).toBe('sending');
		expect(stand.api.requestsTo('POST', '/v1/broadcasts/')).toHaveLength(1);
	});
});

describe('Broadcast → Reschedule, Cancel, Get Progress', () => {
	it('PATCHes /schedule with the new time', async () => {
		const b = ready(1, { status: 'scheduled', scheduledAt: hourFromNow() });
		const at = hourFromNow(5);
		const r = await run({ operation: 'reschedule', broadcastId: b.id, scheduledAt: at });
		expect(sent()).toEqual([
			{
				method: 'PATCH',
				path: `/v1/broadcasts/${b.id}/schedule`,
				query: {},
				body: { scheduledAt: at },
			},
		]);
		expect(r.json[0]).toMatchObject({ scheduledAt: at, status: 'scheduled' });
	});

	it('Reschedule refuses an empty time before any request; Continue On Fail carries a 409', async () => {
		const empty = await run({
			operation: 'reschedule',
			broadcastId: 'jh7a',
			scheduledAt: '={{ "" }}',
		});
		expect(empty.thrown?.message).toMatch(/^Scheduled At "" is not a date and time/);
		expect(stand.api.requests).toHaveLength(0);
		const b = ready(1);
		const r = await run(
			{ operation: 'reschedule', broadcastId: b.id, scheduledAt: hourFromNow() },
			[{}],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(r.json[0]).toMatchObject({ code: 'invalid_status', httpCode: 409 });
	});

	it('POSTs /cancel and emits the broadcast, cancelled', async () => {
		const b = ready(2, { status: 'sending' });
		const r = await run({ operation: 'cancel', broadcastId: b.id });
		expect(sent()).toEqual([
			{ method: 'POST', path: `/v1/broadcasts/${b.id}/cancel`, query: {}, body: undefined },
		]);
		expect(r.json[0]).toMatchObject({ id: b.id, status: 'cancelled' });
	});

	it('GETs /progress and emits it as Zavu answers it', async () => {
		const b = ready(2, { status: 'sending' });
		const r = await run(
			{ operation: 'getProgress', broadcastId: '={{ $json.id }}' },
			[{ id: b.id }, { id: 'nope' }],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(sent().map((s) => s.path)).toEqual([
			`/v1/broadcasts/${b.id}/progress`,
			'/v1/broadcasts/nope/progress',
		]);
		expect(r.json[0]).toMatchObject({ broadcastId: b.id, total: 2, delivered: 1, pending: 1 });
		expect(r.json[1]).toMatchObject({ code: 'broadcast_not_found', httpCode: 404 });
		expect(paired(r)).toEqual([{ item: 0 }, { item: 1 }]);
	});
});

describe('Broadcast → Retry Review, Escalate Review', () => {
	it('POSTs /retry-review and is not resent after a 5xx (each review counts)', async () => {
		const b = ready(1, { status: 'rejected' });
		const r = await run({ operation: 'retryReview', broadcastId: b.id });
		expect(sent()).toEqual([
			{ method: 'POST', path: `/v1/broadcasts/${b.id}/retry-review`, query: {}, body: undefined },
		]);
		expect(r.json[0]).toMatchObject({ status: 'sending', reviewAttempts: 1 });

		stand.api.clearRequests();
		const c = ready(1, { status: 'rejected' });
		stand.api.inject({
			match: { method: 'POST', path: `/v1/broadcasts/${c.id}/retry-review` },
			status: 502,
		});
		const failed = await run({ operation: 'retryReview', broadcastId: c.id });
		expect(failed.thrown).toBeDefined();
		expect(stand.api.requests).toHaveLength(1);
	});

	it('POSTs /escalate; Continue On Fail carries a 409 for one not rejected', async () => {
		const b = ready(1, { status: 'rejected' });
		const d = ready(1);
		const r = await run(
			{ operation: 'escalateReview', broadcastId: '={{ $json.id }}' },
			[{ id: b.id }, { id: d.id }],
			{
				onError: 'continueRegularOutput',
			},
		);
		expect(sent().map((s) => [s.method, s.path])).toEqual([
			['POST', `/v1/broadcasts/${b.id}/escalate`],
			['POST', `/v1/broadcasts/${d.id}/escalate`],
		]);
		expect(r.json[0]).toMatchObject({ id: b.id, status: 'escalated' });
		expect(r.json[1]).toMatchObject({ code: 'invalid_status', httpCode: 409 });
	});
});
