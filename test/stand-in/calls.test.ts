/** The stand-in's voice calls (resources/calls.ts), answered as Zavu's SDK types them. */
import type {
	CallCreateResponse,
	CallHangupResponse,
	CallRetrieveResponse,
} from '@zavudev/sdk/resources/calls';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts = {}) => callStandIn(stand.api, path, opts);
const calls = () => stand.api.modules.calls;

test('create: from the default sender (or the one given), queued; bad input is a 400, unknown sender a 404', async () => {
	const res = await call('/v1/calls', { body: { to: '+14155551234', metadata: { a: '1' } } });
	const answer: CallCreateResponse = res.json;
	expect(res.status).toBe(201);
	expect(answer.call).toMatchObject({
		from: '+14155550100',
		to: '+14155551234',
		status: 'queued',
		direction: 'outbound',
		metadata: { a: '1' },
	});
	const cases: Array<[object, number]> = [
		[{ to: '415' }, 400],
		[{ to: '+14155551234', agentId: 'a' }, 400],
		[{ to: '+14155551234', maxDurationMinutes: 0 }, 400],
		[{ to: '+14155551234', senderId: 'snd_seed00000000000002' }, 400],
		[{ to: '+14155551234', senderId: 'snd_nope' }, 404],
	];
	for (const [body, status] of cases)
		expect((await call('/v1/calls', { body })).status).toBe(status);
});

test('get has the transcript, the list does not; filters and the cursor', async () => {
	const a = calls().seed({
		status: 'completed',
		transcript: [{ role: 'user', seq: 0, text: 'Hi' }],
	});
	const b = calls().seed({ status: 'busy', direction: 'inbound' });
	const one: CallRetrieveResponse = (await call(`/v1/calls/${a.id}`)).json;
	expect(one.call.transcript).toHaveLength(1);
	const list = await call('/v1/calls?limit=1');
	expect(list.json.items).toEqual([expect.not.objectContaining({ transcript: expect.anything() })]);
	expect(list.json.items[0].id).toBe(b.id);
	const next = await call(`/v1/calls?limit=1&cursor=${list.json.nextCursor}`);
	expect(next.json).toEqual({ items: [expect.objectContaining({ id: a.id })], nextCursor: null });
	expect(
		(await call('/v1/calls?direction=inbound')).json.items.map((c: { id: string }) => c.id),
	).toEqual([b.id]);
	expect((await call('/v1/calls?status=nope')).status).toBe(400);
	expect((await call('/v1/calls/call%20x')).json.code).toBe('call_not_found');
});

test('hang up: a ringing call is canceled, an answered one completed, an ended one a 409', async () => {
	const ringing = calls().seed({ status: 'ringing' });
	const live = calls().seed({ status: 'in_progress' });
	const r1: CallHangupResponse = (await call(`/v1/calls/${ringing.id}/hangup`, { method: 'POST' }))
		.json;
	const r2: CallHangupResponse = (await call(`/v1/calls/${live.id}/hangup`, { method: 'POST' }))
		.json;
	expect([r1.call.status, r2.call.status, r2.call.endReason]).toEqual([
		'canceled',
		'completed',
		'hangup',
	]);
	const again = await call(`/v1/calls/${live.id}/hangup`, { method: 'POST' });
	expect([again.status, again.json.code]).toEqual([409, 'call_not_active']);
});
