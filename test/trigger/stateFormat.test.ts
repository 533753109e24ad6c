import { invitationSource } from '../../nodes/ZavuTrigger/sources/invitation';
import { messageSource } from '../../nodes/ZavuTrigger/sources/message';
import { useStandIn } from '../support/standIn';
import type { Json } from './setup';
import { rows, send, trigger } from './setup';

describe('Zavu Trigger state: format', () => {
	it('a v1 state reads as v2 by renaming its fields, values untouched', () => {
		const invitation = { v: 1, a: { inv_1: 'p', inv_2: 'i', inv_3: 'f' }, m: 5, u: 7, t: { x: 7 } };
		expect(invitationSource.load(invitation)).toStrictEqual({
			v: 2,
			active: { inv_1: 'p', inv_2: 'i', inv_3: 'f' },
			newestCreatedAt: 5,
			seenUpdatedAt: 7,
			seenFinished: { x: 7 },
		});
		const message = { v: 1, s: { msg_1: 'queued', msg_2: 'sent' }, b: 3, u: 9, t: ['msg_3'] };
		expect(messageSource.load(message)).toStrictEqual({
			v: 2,
			inFlight: { msg_1: 'queued', msg_2: 'sent' },
			watchingSince: 3,
			seenUpdatedAt: 9,
			seenFinished: ['msg_3'],
		});
	});

	it('a v2 state reads as itself', () => {
		const invitation = {
			v: 2,
			active: { inv_1: 'f' },
			newestCreatedAt: 0,
			seenUpdatedAt: 0,
			seenFinished: {},
		};
		expect(invitationSource.load(invitation)).toStrictEqual(invitation);
		const message = { v: 2, inFlight: {}, watchingSince: 0, seenUpdatedAt: 0, seenFinished: [] };
		expect(messageSource.load(message)).toStrictEqual(message);
	});

	it('an active invitation costs its id and 7 bytes (id → one-letter status)', () => {
		const ids = Array.from({ length: 50 }, (_, k) => `inv_${String(k).padStart(16, '0')}`);
		const state = (active: Record<string, string>) =>
			JSON.stringify({
				invitation: {
					v: 2,
					active,
					newestCreatedAt: Date.now(),
					seenUpdatedAt: Date.now(),
					seenFinished: {},
				},
			}).length;
		const empty = state({});
		const full = state(Object.fromEntries(ids.map((id) => [id, 'p'])));
		// `"<id>":"p",` for each, less the last comma.
		expect(full - empty).toBe(ids.length * (ids[0].length + 7) - 1);
		expect(empty).toBeLessThan(120);
	});
});

/** States this version cannot read: a new baseline, nothing fired, as for a first activation. */
describe('Zavu Trigger state: unreadable', () => {
	const stand = useStandIn({ perTest: true });

	it.each<[string, unknown]>([
		[
			'a newer version',
			{ v: 3, active: {}, newestCreatedAt: 0, seenUpdatedAt: 0, seenFinished: {} },
		],
		['v1 with fields missing', { v: 1, a: {} }],
		[
			'an unknown status code',
			{ v: 2, active: { x: 'completed' }, newestCreatedAt: 0, seenUpdatedAt: 0, seenFinished: {} },
		],
		['not an object', 'garbage'],
	])('invitations, %s: new baseline, fires nothing', async (_, stored) => {
		const [a] = stand.api.seedInvitations(2);
		const poll = trigger(stand.api, { resource: 'invitation', statuses: [] });
		poll.setStaticData({ invitation: stored as Json });
		stand.api.openInvitation(a.id);
		expect(await poll.poll()).toBeNull();
		expect(invitationSource.load(poll.staticData().invitation)).toBeDefined();
		stand.api.completeInvitation(a.id);
		expect(rows(await poll.poll())).toEqual([[a.id, 'completed', 'in_progress']]);
	});

	it.each<[string, unknown]>([
		[
			'a newer version',
			{ v: 3, inFlight: {}, watchingSince: 0, seenUpdatedAt: 0, seenFinished: [] },
		],
		['v1 with a time that is not a number', { v: 1, s: {}, b: 'yesterday', u: 0, t: [] }],
		[
			'v2 with seenFinished not a list',
			{ v: 2, inFlight: {}, watchingSince: 0, seenUpdatedAt: 0, seenFinished: {} },
		],
		['null', null],
	])('messages, %s: new baseline, fires nothing', async (_, stored) => {
		const poll = trigger(stand.api, { resource: 'message', statuses: [] });
		const m = await send(stand.api, '+14155550040', 'm');
		poll.setStaticData({ message: stored as Json });
		expect(await poll.poll()).toBeNull();
		expect(messageSource.load(poll.staticData().message)).toBeDefined();
		stand.api.setMessageStatus(m.id, 'delivered');
		expect(rows(await poll.poll())).toEqual([[m.id, 'delivered', 'queued']]);
	});
});
