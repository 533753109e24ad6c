import { useStandIn } from '../support/standIn';
import { rows, send, sorted, trigger } from './setup';

describe.each(['newest', 'random'] as const)(
	'Zavu Trigger, messages, list order %s',
	(listOrder) => {
		const stand = useStandIn({ perTest: true, listOrder });

		it('fires once per message and chosen status; earlier messages are not history to replay', async () => {
			const old = await send(stand.api, '+14155550001', 'before activation');
			stand.api.setMessageStatus(old.id, 'delivered');
			const poll = trigger(stand.api, { resource: 'message', statuses: ['delivered', 'failed'] });
			expect(await poll.activate()).toBeNull();

			const a = await send(stand.api, '+14155550002', 'a');
			const b = await send(stand.api, '+14155550003', 'b');
			expect(await poll.poll()).toBeNull(); // queued: not a chosen status

			stand.api.setMessageStatus(a.id, 'sent');
			stand.api.setMessageStatus(a.id, 'delivered');
			stand.api.setMessageStatus(b.id, 'failed');
			stand.api.setMessageStatus(old.id, 'read');
			const result = await poll.poll();
			expect(sorted(rows(result))).toEqual(
				sorted([
					[a.id, 'delivered', 'queued'],
					[b.id, 'failed', 'queued'],
				]),
			);
			expect(result![0].find((i) => i.json.id === a.id)!.json.to).toBe('+14155550002');

			expect(await poll.poll()).toBeNull();
			stand.api.setMessageStatus(a.id, 'read');
			expect(await poll.poll()).toBeNull(); // read is not chosen; delivered was reported already
			expect(await poll.poll()).toBeNull(); // and the failed message is not reported again
		});

		it('a step skipped between two polls is still reported when chosen (read implies delivered)', async () => {
			const poll = trigger(stand.api, { resource: 'message', statuses: ['delivered', 'read'] });
			await poll.activate();
			const m = await send(stand.api, '+14155550004', 'm');
			stand.api.setMessageStatus(m.id, 'sent');
			expect(await poll.poll()).toBeNull();
			stand.api.setMessageStatus(m.id, 'delivered');
			stand.api.setMessageStatus(m.id, 'read');
			expect(rows(await poll.poll())).toEqual([
				[m.id, 'delivered', 'sent'],
				[m.id, 'read', 'delivered'],
			]);
			expect(await poll.poll()).toBeNull();
		});

		it('no statuses chosen: every change, with the status it had before', async () => {
			const poll = trigger(stand.api, { resource: 'message', statuses: [] });
			await poll.activate();
			const m = await send(stand.api, '+14155550005', 'm');
			expect(rows(await poll.poll())).toEqual([[m.id, 'queued', null]]);
			stand.api.setMessageStatus(m.id, 'sent');
			expect(rows(await poll.poll())).toEqual([[m.id, 'sent', 'queued']]);
			stand.api.setMessageStatus(m.id, 'failed');
			expect(rows(await poll.poll())).toEqual([[m.id, 'failed', 'sent']]);
			expect(await poll.poll()).toBeNull();
		});
	},
);

describe('Zavu Trigger, messages: state and failures', () => {
	const stand = useStandIn({ perTest: true });

	it('forgets final messages, keeps only those still in flight', async () => {
		// A clock that moves on with every event, as real updates spread over time.
		let clock = Date.now();
		stand.api.now = () => clock++;
		const poll = trigger(stand.api, { resource: 'message', statuses: ['read'] });
		await poll.activate();
		const sent = [];
		for (let n = 0; n < 150; n++) sent.push(await send(stand.api, '+14155550006', `m${n}`));
		sent.slice(0, 140).forEach((m) => stand.api.setMessageStatus(m.id, 'read'));
		const result = await poll.poll();
		expect(new Set(rows(result).map((r) => r[0]))).toEqual(
			new Set(sent.slice(0, 140).map((m) => m.id)),
		);
		const state = poll.staticData() as { message: { inFlight: Record<string, string> } };
		expect(Object.keys(state.message.inFlight).sort()).toEqual(
			sent
				.slice(140)
				.map((m) => m.id)
				.sort(),
		);
		expect(JSON.stringify(state).length / 10).toBeLessThan(100);
		expect(await poll.poll()).toBeNull();
	});

	it("Zavu's clock behind n8n's: messages sent right after activation are still reported", async () => {
		// "Sent before the trigger started watching" must be judged on Zavu's clock: here Zavu's
		// timestamps are 5 s behind this host's, so every message below is "older" than a
		// host-clock activation time.
		stand.api.now = () => Date.now() - 5_000;
		await send(stand.api, '+14155550010', 'before');
		const poll = trigger(stand.api, { resource: 'message', statuses: [] });
		await poll.activate();
		const m = await send(stand.api, '+14155550010', 'after');
		expect(rows(await poll.poll())).toEqual([[m.id, 'queued', null]]);
		stand.api.setMessageStatus(m.id, 'delivered');
		expect(rows(await poll.poll())).toEqual([[m.id, 'delivered', 'queued']]);
	});

	it("Zavu's clock behind n8n's and no message yet at activation: the first one is reported", async () => {
		stand.api.now = () => Date.now() - 5_000;
		const poll = trigger(stand.api, { resource: 'message', statuses: [] });
		await poll.activate();
		const m = await send(stand.api, '+14155550011', 'first');
		expect(rows(await poll.poll())).toEqual([[m.id, 'queued', null]]);
	});

	it('a failing poll throws and keeps the state; the next poll reports the change', async () => {
		const poll = trigger(stand.api, { resource: 'message', statuses: ['delivered'] });
		await poll.activate();
		const m = await send(stand.api, '+14155550007', 'm');
		stand.api.setMessageStatus(m.id, 'delivered');
		const before = poll.staticData();
		stand.api.inject({ match: { method: 'GET', path: '/v1/messages' }, status: 502, times: 3 });
		await expect(poll.poll()).rejects.toThrow(/\[bad_gateway\]/);
		expect(poll.staticData()).toEqual(before);
		expect(rows(await poll.poll())).toEqual([[m.id, 'delivered', null]]);
	});

	it('Fetch Test Event returns the latest message in a chosen status, state untouched', async () => {
		const poll = trigger(stand.api, { resource: 'message', statuses: ['delivered'] });
		await poll.activate();
		const saved = poll.savedStaticData();
		const a = await send(stand.api, '+14155550008', 'a');
		stand.api.setMessageStatus(a.id, 'delivered');
		expect(rows(await poll.poll({ mode: 'manual' }))).toEqual([[a.id, 'delivered', null]]);
		expect(poll.savedStaticData()).toEqual(saved);
		expect(stand.api.requests.at(-1)?.query).toEqual({ limit: '100', status: 'delivered' });
	});
});
