import { useStandIn } from '../support/standIn';
import { createInvitation, rows, sorted, trigger } from './setup';

describe.each(['newest', 'oldest', 'random'] as const)(
	'Zavu Trigger, invitations, list order %s',
	(listOrder) => {
		const stand = useStandIn({ perTest: true, listOrder });

		it('baseline, then each transition exactly once, over 250+ invitations on several pages', async () => {
			const seeded = stand.api.seedInvitations(260);
			const [a, b, c, d, e] = seeded;
			stand.api.completeInvitation(seeded[259].id); // finished before activation: history, never reported
			const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });

			expect(rows(await poll.activate())).toEqual([]);
			expect(rows(await poll.poll())).toEqual([]);

			stand.api.openInvitation(a.id);
			expect(rows(await poll.poll())).toEqual([[a.id, 'in_progress', 'pending']]);
			expect(rows(await poll.poll())).toEqual([]);

			stand.api.completeInvitation(a.id);
			stand.api.cancelInvitation(b.id);
			stand.api.expireInvitation(c.id);
			const changed = await poll.poll();
			expect(sorted(rows(changed))).toEqual(
				sorted([
					[a.id, 'completed', 'in_progress'],
					[b.id, 'cancelled', 'pending'],
					[c.id, 'expired', 'pending'],
				]),
			);
			const completed = changed![0].find((item) => item.json.id === a.id)!.json;
			expect(completed.senderId).toEqual(expect.stringMatching(/^snd_/));
			expect(completed.clientName).toBe(a.clientName);

			// Opened and completed between two polls: both transitions, in order.
			stand.api.openInvitation(d.id);
			stand.api.completeInvitation(d.id);
			// Pending straight to cancelled: one transition.
			stand.api.cancelInvitation(e.id);
			expect(sorted(rows(await poll.poll()))).toEqual(
				sorted([
					[d.id, 'in_progress', 'pending'],
					[d.id, 'completed', 'in_progress'],
					[e.id, 'cancelled', 'pending'],
				]),
			);
			expect(rows(await poll.poll())).toEqual([]);
		});

		it('an invitation created and completed between two polls fires with previousStatus null', async () => {
			stand.api.seedInvitations(120);
			const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
			await poll.activate();

			const fresh = await createInvitation(stand.api, 'Fresh Co');
			stand.api.openInvitation(fresh.id);
			stand.api.completeInvitation(fresh.id);
			const pendingOnly = await createInvitation(stand.api, 'Later Co');

			const result = await poll.poll();
			expect(sorted(rows(result))).toEqual(
				sorted([
					[fresh.id, 'completed', null],
					[pendingOnly.id, 'pending', null],
				]),
			);
			const item = result![0].find((i) => i.json.id === fresh.id)!.json;
			expect(item.clientName).toBe('Fresh Co');
			expect(item.senderId).toEqual(expect.stringMatching(/^snd_/));

			// Seen now: its later changes have a previous status, and nothing repeats.
			expect(rows(await poll.poll())).toEqual([]);
			stand.api.cancelInvitation(pendingOnly.id);
			expect(rows(await poll.poll())).toEqual([[pendingOnly.id, 'cancelled', 'pending']]);
		});

		it('the statuses filter fires only on those statuses, and still tracks the rest', async () => {
			const [a, b] = stand.api.seedInvitations(3);
			const poll = trigger(stand.api, { resource: 'invitation', statuses: ['completed'] });
			await poll.activate();
			stand.api.openInvitation(a.id);
			stand.api.cancelInvitation(b.id);
			expect(await poll.poll()).toBeNull();
			stand.api.completeInvitation(a.id);
			expect(rows(await poll.poll())).toEqual([[a.id, 'completed', 'in_progress']]);
		});

		// `failed` is not final: the client can retry the same link (in_progress → failed →
		// in_progress → completed). The trigger keeps tracking a failed invitation and fires on it.
		it('fail, retry, complete: each transition once, in order, the last with senderId and connectedAccount', async () => {
			const [a] = stand.api.seedInvitations(3);
			const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
			await poll.activate();

			stand.api.openInvitation(a.id);
			expect(rows(await poll.poll())).toEqual([[a.id, 'in_progress', 'pending']]);
			stand.api.failInvitation(a.id, 'fb_cancelled');
			const failed = await poll.poll();
			expect(rows(failed)).toEqual([[a.id, 'failed', 'in_progress']]);
			expect(failed![0][0].json).toMatchObject({
				failureReason: 'fb_cancelled',
				failedAt: expect.any(String),
				senderId: null,
			});
			expect(rows(await poll.poll())).toEqual([]);
			expect(Object.keys((poll.staticData().invitation as { active: object }).active)).toContain(
				a.id,
			);

			stand.api.openInvitation(a.id);
			expect(rows(await poll.poll())).toEqual([[a.id, 'in_progress', 'failed']]);
			stand.api.completeInvitation(a.id);
			const done = await poll.poll();
			expect(rows(done)).toEqual([[a.id, 'completed', 'in_progress']]);
			expect(done![0][0].json).toMatchObject({
				senderId: expect.stringMatching(/^snd_/),
				connectedAccount: { id: expect.any(String), channel: 'whatsapp' },
			});
			expect(rows(await poll.poll())).toEqual([]);
			expect(
				Object.keys((poll.staticData().invitation as { active: object }).active),
			).not.toContain(a.id);
		});

		it('retries between two polls: failed → in_progress may collapse, completed is never missed or doubled', async () => {
			const [a, b, c, d] = stand.api.seedInvitations(5);
			const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
			await poll.activate();
			for (const inv of [a, b, c]) stand.api.openInvitation(inv.id);
			await poll.poll();

			// a: fails and is retried between two polls: still in progress, nothing to say.
			stand.api.failInvitation(a.id);
			stand.api.openInvitation(a.id);
			// b: fails, is retried and completes between two polls: completed, once.
			stand.api.failInvitation(b.id);
			stand.api.openInvitation(b.id);
			stand.api.completeInvitation(b.id);
			// c: seen failed, then retried and completed between two polls: both steps.
			stand.api.failInvitation(c.id);
			// d: opened and failed between two polls: both steps.
			stand.api.openInvitation(d.id);
			stand.api.failInvitation(d.id, 'fb_not_authorized');
			expect(sorted(rows(await poll.poll()))).toEqual(
				sorted([
					[b.id, 'completed', 'in_progress'],
					[c.id, 'failed', 'in_progress'],
					[d.id, 'in_progress', 'pending'],
					[d.id, 'failed', 'in_progress'],
				]),
			);
			stand.api.openInvitation(c.id);
			stand.api.completeInvitation(c.id);
			const completed = await poll.poll();
			expect(rows(completed)).toEqual([
				[c.id, 'in_progress', 'failed'],
				[c.id, 'completed', 'in_progress'],
			]);
			// The retry step shows the invitation as it was in progress, not yet completed.
			expect(completed![0][0].json).toMatchObject({
				senderId: null,
				completedAt: null,
				connectedAccount: null,
			});
			expect(completed![0][1].json.senderId).toEqual(expect.stringMatching(/^snd_/));
			stand.api.completeInvitation(a.id);
			expect(rows(await poll.poll())).toEqual([[a.id, 'completed', 'in_progress']]);
			expect(rows(await poll.poll())).toEqual([]);
		});

		it('a failed invitation that is then cancelled or expires fires once more and is forgotten', async () => {
			const [a, b] = stand.api.seedInvitations(3);
			const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
			await poll.activate();
			for (const inv of [a, b]) {
				stand.api.openInvitation(inv.id);
				stand.api.failInvitation(inv.id);
			}
			expect(rows(await poll.poll())).toHaveLength(4);
			stand.api.cancelInvitation(a.id);
			stand.api.expireInvitation(b.id);
			expect(sorted(rows(await poll.poll()))).toEqual(
				sorted([
					[a.id, 'cancelled', 'failed'],
					[b.id, 'expired', 'failed'],
				]),
			);
			expect(rows(await poll.poll())).toEqual([]);
			const tracked = Object.keys((poll.staticData().invitation as { active: object }).active);
			expect(tracked).not.toContain(a.id);
			expect(tracked).not.toContain(b.id);
		});

		it('Statuses [completed]: a client who fails twice and then succeeds starts the workflow exactly once', async () => {
			const [a] = stand.api.seedInvitations(2);
			const poll = trigger(stand.api, { resource: 'invitation', statuses: ['completed'] });
			await poll.activate();
			const fired: Array<[string, string, string | null]> = [];
			const step = async (move: () => unknown) => {
				move();
				fired.push(...rows(await poll.poll()));
			};
			await step(() => stand.api.openInvitation(a.id));
			await step(() => stand.api.failInvitation(a.id));
			await step(() => stand.api.openInvitation(a.id));
			await step(() => stand.api.failInvitation(a.id, 'signup_abandoned'));
			await step(() => stand.api.openInvitation(a.id));
			await step(() => stand.api.completeInvitation(a.id));
			await step(() => undefined);
			expect(fired).toEqual([[a.id, 'completed', 'in_progress']]);
		});

		it('Statuses [failed]: fires each time the client fails, for a nudge', async () => {
			const [a] = stand.api.seedInvitations(2);
			const poll = trigger(stand.api, { resource: 'invitation', statuses: ['failed'] });
			await poll.activate();
			stand.api.openInvitation(a.id);
			stand.api.failInvitation(a.id, 'fb_cancelled');
			const first = await poll.poll();
			expect(rows(first)).toEqual([[a.id, 'failed', 'in_progress']]);
			expect(first![0][0].json.failureReason).toBe('fb_cancelled');
			stand.api.openInvitation(a.id);
			expect(await poll.poll()).toBeNull();
			stand.api.failInvitation(a.id, 'fb_not_authorized');
			const second = await poll.poll();
			expect(rows(second)).toEqual([[a.id, 'failed', 'in_progress']]);
			expect(second![0][0].json.failureReason).toBe('fb_not_authorized');
		});
	},
);
