import { useStandIn } from '../support/standIn';
import { rows, send, sorted, trigger } from './setup';

const HOUR = 3_600_000;
const MINUTE = 60_000;

const at = (iso: string) => Date.parse(iso);

/**
 * An n8n instance that upgrades the package restarts with the state the previous version saved
 * (format v1, built here by hand exactly as that version wrote it) and runs its activation poll:
 * it must report what the previous version would have reported, nothing missed, nothing twice.
 * Each of the v1 fields but `m` decides at least one row below (a test run with any one of them
 * changed fails); `m` shows in the state stored after that poll.
 */
describe.each(['newest', 'oldest', 'random'] as const)(
	'Zavu Trigger, state saved by the previous version (v1), list order %s',
	(listOrder) => {
		const stand = useStandIn({ perTest: true, listOrder });

		it('invitations: the next poll reports exactly the changes since the v1 state', async () => {
			const realNow = stand.api.now;
			let clock = realNow() - 3 * HOUR;
			stand.api.now = () => clock++;
			const [a, b, c, d, e, f, g] = stand.api.seedInvitations(7);
			// Ten minutes later, before the previous version's last poll: g cancelled, e opened and
			// failed, f opened and completed (the newest change). That poll reported all three.
			clock += 10 * MINUTE;
			stand.api.cancelInvitation(g.id);
			stand.api.openInvitation(e.id);
			stand.api.failInvitation(e.id);
			stand.api.openInvitation(f.id);
			const fDone = at(stand.api.completeInvitation(f.id).updatedAt);
			stand.api.now = realNow;
			const v1 = {
				v: 1,
				// still active, status coded p(ending) / i(n_progress) / f(ailed)
				a: { [a.id]: 'p', [b.id]: 'p', [c.id]: 'p', [d.id]: 'p', [e.id]: 'f' },
				// newest createdAt seen: g, seeded last
				m: at(g.createdAt),
				// newest updatedAt the look for new invitations saw: f's completion
				u: fDone,
				// finished at or after `u` and reported: f (g finished before `u`)
				t: { [f.id]: fDone },
			};

			// Since then: a opened, b cancelled, e retried and completed, h created and completed,
			// i created. f (in `t`) and g (before `u`) were reported already.
			stand.api.openInvitation(a.id);
			stand.api.cancelInvitation(b.id);
			stand.api.openInvitation(e.id);
			stand.api.completeInvitation(e.id);
			const [h] = stand.api.seedInvitations(1);
			stand.api.completeInvitation(h.id);
			const [i] = stand.api.seedInvitations(1);

			const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
			poll.setStaticData({ invitation: v1 });
			poll.simulateRestart();
			expect(sorted(rows(await poll.activate()))).toEqual(
				sorted([
					[a.id, 'in_progress', 'pending'],
					[b.id, 'cancelled', 'pending'],
					[e.id, 'in_progress', 'failed'],
					[e.id, 'completed', 'in_progress'],
					[h.id, 'completed', null],
					[i.id, 'pending', null],
				]),
			);
			// Stored in the current format, readable names only.
			expect(poll.staticData()).toEqual({
				invitation: {
					v: 2,
					active: { [a.id]: 'i', [c.id]: 'p', [d.id]: 'p', [i.id]: 'p' },
					newestCreatedAt: at(i.createdAt),
					seenUpdatedAt: expect.any(Number),
					seenFinished: expect.any(Object),
				},
			});
			expect(rows(await poll.poll())).toEqual([]);
			stand.api.cancelInvitation(d.id);
			expect(rows(await poll.poll())).toEqual([[d.id, 'cancelled', 'pending']]);
			stand.api.completeInvitation(c.id);
			expect(rows(await poll.poll())).toEqual([
				[c.id, 'in_progress', 'pending'],
				[c.id, 'completed', 'in_progress'],
			]);
			expect(rows(await poll.poll())).toEqual([]);
		});
	},
);

describe.each(['newest', 'random'] as const)(
	'Zavu Trigger, message state saved by the previous version (v1), list order %s',
	(listOrder) => {
		const stand = useStandIn({ perTest: true, listOrder });

		it('messages: the next poll reports exactly the changes since the v1 state', async () => {
			const realNow = stand.api.now;
			const t0 = realNow() - 2 * HOUR;
			let clock = t0 - 5 * MINUTE;
			stand.api.now = () => clock++;
			// Before the trigger started watching: o0 long before (outside the minute of overlap),
			// o1 just before, o2 the newest message then (its createdAt is `b`).
			const o0 = await send(stand.api, '+14155550020', 'o0');
			stand.api.setMessageStatus(o0.id, 'delivered');
			clock = t0 - 10_000;
			const o1 = await send(stand.api, '+14155550021', 'o1');
			stand.api.setMessageStatus(o1.id, 'delivered');
			clock = t0;
			const o2 = await send(stand.api, '+14155550022', 'o2');
			// Then, before the previous version's last poll (which reported them): m0 sent and
			// failed, m2 sent, m1 sent and read (the newest change).
			clock = t0 + MINUTE;
			const m0 = await send(stand.api, '+14155550023', 'm0');
			clock += MINUTE;
			stand.api.setMessageStatus(m0.id, 'failed');
			clock += MINUTE;
			const m2 = await send(stand.api, '+14155550024', 'm2');
			clock += MINUTE;
			const m1 = await send(stand.api, '+14155550025', 'm1');
			clock += MINUTE;
			const m1Read = at(stand.api.setMessageStatus(m1.id, 'read').updatedAt);
			stand.api.now = realNow;
			const v1 = {
				v: 1,
				// not yet final, within the window the last poll read (o0 was outside it)
				s: { [o1.id]: 'delivered', [o2.id]: 'queued', [m2.id]: 'queued' },
				// watching since the newest createdAt the first poll saw
				b: at(o2.createdAt),
				// the newest updatedAt seen, and the final messages updated exactly then
				u: m1Read,
				t: [m1.id],
			};

			// Since then: o0 read (sent before watching: never ours), o1 read, m2 delivered, m3
			// sent. m0 (final before `u`) and m1 (in `t`) were reported already.
			stand.api.setMessageStatus(o0.id, 'read');
			stand.api.setMessageStatus(o1.id, 'read');
			stand.api.setMessageStatus(m2.id, 'delivered');
			const m3 = await send(stand.api, '+14155550026', 'm3');

			const poll = trigger(stand.api, { resource: 'message', statuses: [] });
			poll.setStaticData({ message: v1 });
			poll.simulateRestart();
			expect(sorted(rows(await poll.activate()))).toEqual(
				sorted([
					[o1.id, 'read', 'delivered'],
					[m2.id, 'delivered', 'queued'],
					[m3.id, 'queued', null],
				]),
			);
			expect(poll.staticData()).toEqual({
				message: {
					v: 2,
					inFlight: { [o2.id]: 'queued', [m2.id]: 'delivered', [m3.id]: 'queued' },
					watchingSince: v1.b,
					seenUpdatedAt: expect.any(Number),
					seenFinished: expect.any(Array),
				},
			});
			expect(rows(await poll.poll())).toEqual([]);
			stand.api.setMessageStatus(m3.id, 'sent');
			stand.api.setMessageStatus(o2.id, 'failed');
			expect(sorted(rows(await poll.poll()))).toEqual(
				sorted([
					[m3.id, 'sent', 'queued'],
					[o2.id, 'failed', 'queued'],
				]),
			);
			expect(rows(await poll.poll())).toEqual([]);
		});
	},
);
