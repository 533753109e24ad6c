import { useStandIn } from '../support/standIn';
import { rows, sorted, trigger } from './setup';

describe('Zavu Trigger, invitations: failures, manual mode, state', () => {
	const stand = useStandIn({ perTest: true });

	it('a poll failing mid-pagination throws, keeps the state, and the next poll reports the change', async () => {
		const seeded = stand.api.seedInvitations(250);
		const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
		await poll.activate();
		stand.api.openInvitation(seeded[10].id);
		const before = poll.staticData();

		// The scan's page and the first page of the pending list pass; the second page of the
		// pending list fails on every try.
		stand.api.inject({ match: { method: 'GET', path: '/v1/invitations' }, delayMs: 1, times: 2 });
		stand.api.inject({ match: { method: 'GET', path: '/v1/invitations' }, status: 503, times: 3 });
		await expect(poll.poll()).rejects.toThrow(/\[service_unavailable\]/);
		expect(poll.staticData()).toEqual(before);

		expect(rows(await poll.poll())).toEqual([[seeded[10].id, 'in_progress', 'pending']]);
	});

	it('an invitation created and finished while a poll runs is reported by the next poll', async () => {
		const day = 86_400_000;
		const [old] = stand.api.seedInvitations(1, {
			createdAt: new Date(Date.now() - 3 * day).toISOString(),
			expiresAt: new Date(Date.now() + 3 * day).toISOString(),
		});
		stand.api.seedInvitations(5);
		const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
		await poll.activate();

		// The look for new invitations passes; the pending list answers late. Meanwhile a new
		// invitation is created and completed, then a tracked one completes too (the poll
		// fetches that one afterwards, with a newer updatedAt than the new invitation's).
		stand.api.inject(
			{ match: { method: 'GET', path: '/v1/invitations' }, delayMs: 1 },
			{ match: { method: 'GET', path: '/v1/invitations' }, delayMs: 300 },
		);
		let fresh: { id: string } | undefined;
		const meanwhile = new Promise<void>((resolve) =>
			setTimeout(() => {
				[fresh] = stand.api.seedInvitations(1);
				stand.api.completeInvitation(fresh.id);
				setTimeout(() => {
					stand.api.completeInvitation(old.id);
					resolve();
				}, 5);
			}, 100),
		);
		const first = await poll.poll();
		await meanwhile;
		expect(rows(first)).toEqual([
			[old.id, 'in_progress', 'pending'],
			[old.id, 'completed', 'in_progress'],
		]);
		expect(rows(await poll.poll())).toEqual([[fresh!.id, 'completed', null]]);
		expect(rows(await poll.poll())).toEqual([]);
	});

	it("a poll that outruns the host's poll budget stops, keeps the state, and loses nothing", async () => {
		const seeded = stand.api.seedInvitations(5);
		let budget = 60_000;
		const poll = trigger(
			stand.api,
			{ resource: 'invitation', statuses: [] },
			{ getPollBudgetMs: () => budget },
		);
		await poll.activate();
		stand.api.completeInvitation(seeded[0].id);
		const before = poll.staticData();
		stand.api.setOptions({ latencyMs: 40 });
		budget = 1; // smaller than one request: the guard stops after the first
		await expect(poll.poll()).rejects.toThrow(/ran out of the time n8n allows/);
		expect(poll.staticData()).toEqual(before);
		budget = 60_000;
		// Completing implies the client opened the link first (startedAt): two transitions.
		expect(rows(await poll.poll())).toEqual([
			[seeded[0].id, 'in_progress', 'pending'],
			[seeded[0].id, 'completed', 'in_progress'],
		]);
	});

	it('Fetch Test Event (manual) returns the latest matching invitation and leaves the state alone', async () => {
		const [a, b] = stand.api.seedInvitations(4);
		const poll = trigger(stand.api, { resource: 'invitation', statuses: ['completed'] });
		await poll.activate();
		const saved = poll.savedStaticData();
		stand.api.completeInvitation(a.id);
		stand.api.completeInvitation(b.id);
		const sample = await poll.poll({ mode: 'manual' });
		expect(rows(sample)).toEqual([[b.id, 'completed', null]]);
		expect(poll.savedStaticData()).toEqual(saved);
		// The real poll still reports both.
		expect(sorted(rows(await poll.poll()))).toEqual(
			sorted([
				[a.id, 'completed', 'in_progress'],
				[b.id, 'completed', 'in_progress'],
			]),
		);
	});

	it('manual mode with nothing matching returns nothing', async () => {
		stand.api.seedInvitations(2);
		const poll = trigger(stand.api, { resource: 'invitation', statuses: ['expired'] });
		expect(await poll.poll({ mode: 'manual' })).toBeNull();
	});

	it('state stays bounded: thousands of finished invitations are forgotten, active ones cost < 100 bytes each', async () => {
		const poll = trigger(stand.api, { resource: 'invitation', statuses: ['completed'] });
		// Created over the past days (the stand-in's clock), then finished in one go.
		const realNow = stand.api.now;
		stand.api.now = () => realNow() - 3 * 86_400_000;
		const seeded = stand.api.seedInvitations(3000);
		stand.api.now = realNow;
		await poll.activate();
		const atStart = JSON.stringify(poll.staticData()).length;
		for (const inv of seeded.slice(0, 2950)) stand.api.completeInvitation(inv.id);
		const result = await poll.poll();
		expect(rows(result)).toHaveLength(2950);
		expect(new Set(rows(result).map((r) => r[0]))).toEqual(
			new Set(seeded.slice(0, 2950).map((i) => i.id)),
		);
		const state = poll.staticData() as {
			invitation: { active: Record<string, string> };
		};
		expect(Object.keys(state.invitation.active).sort()).toEqual(
			seeded
				.slice(2950)
				.map((i) => i.id)
				.sort(),
		);
		const size = JSON.stringify(state).length;
		expect(size / 50).toBeLessThan(100);
		expect(size).toBeLessThan(atStart);
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
	});

	it('survives a restart from the saved state without repeating or missing a change', async () => {
		const [a, b] = stand.api.seedInvitations(3);
		const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
		await poll.activate();
		stand.api.openInvitation(a.id);
		expect(rows(await poll.poll())).toEqual([[a.id, 'in_progress', 'pending']]);
		poll.simulateRestart();
		await poll.activate();
		expect(rows(await poll.poll())).toEqual([]);
		stand.api.cancelInvitation(b.id);
		expect(rows(await poll.poll())).toEqual([[b.id, 'cancelled', 'pending']]);
	});
});
