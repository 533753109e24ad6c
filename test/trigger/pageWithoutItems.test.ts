import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';

import type { ZavuStandIn } from '../stand-in/ZavuStandIn';
import { useStandIn } from '../support/standIn';
import { rows, send, sorted, trigger } from './setup';

/** Headers a proxy must not copy: they describe the hop (fetch has already decoded the body). */
const HOP = new Set([
	'connection',
	'content-encoding',
	'content-length',
	'keep-alive',
	'transfer-encoding',
]);

/**
 * Sits between the trigger and the stand-in, passing requests on, except that it answers the
 * next GET of `breakNext(path)` with a page that has no `items` array (the stand-in cannot).
 */
async function proxy(api: ZavuStandIn) {
	let broken: string | undefined;
	const server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://proxy');
		if (req.method === 'GET' && url.pathname === broken) {
			broken = undefined;
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ data: [], nextCursor: null }));
			return;
		}
		void (async () => {
			const answer = await fetch(`${api.baseUrl}${req.url}`, {
				method: req.method,
				headers: { authorization: req.headers.authorization ?? '' },
			});
			const headers: Record<string, string> = {};
			answer.headers.forEach((value, name) => {
				if (!HOP.has(name)) headers[name] = value;
			});
			res.writeHead(answer.status, headers);
			res.end(await answer.text());
		})().catch(() => res.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		apiKey: api.apiKey,
		baseUrl: `http://127.0.0.1:${port}`,
		breakNext: (path: string) => {
			broken = path;
		},
		stop: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

// Out here, so that each test's proxy starts after its stand-in and stops before it.
const stand = useStandIn({ perTest: true });

/**
 * A list page without `items` cannot be read as "nothing new": taken as empty, the invitation
 * trigger would never see an invitation created and finished meanwhile, and the message trigger
 * would forget every message in flight. The poll fails instead, the state stays, and the next
 * poll reports the changes.
 */
describe('Zavu Trigger: a list page without items', () => {
	let via: Awaited<ReturnType<typeof proxy>>;
	beforeEach(async () => {
		via = await proxy(stand.api);
	});
	afterEach(async () => {
		await via.stop();
	});

	it('invitations: fails the poll, keeps the state; the next poll reports the changes', async () => {
		const [a] = stand.api.seedInvitations(3);
		const poll = trigger(via, { resource: 'invitation', statuses: [] });
		await poll.activate();
		stand.api.openInvitation(a.id);
		const [fresh] = stand.api.seedInvitations(1);
		stand.api.completeInvitation(fresh.id);
		const before = poll.staticData();

		via.breakNext('/v1/invitations'); // the look for new invitations
		await expect(poll.poll()).rejects.toThrow(/no "items" array in a list response/);
		expect(poll.staticData()).toEqual(before);

		expect(sorted(rows(await poll.poll()))).toEqual(
			sorted([
				[a.id, 'in_progress', 'pending'],
				[fresh.id, 'completed', null],
			]),
		);
		expect(rows(await poll.poll())).toEqual([]);
	});

	it('messages: fails the poll, keeps the state; the next poll reports the changes', async () => {
		const poll = trigger(via, { resource: 'message', statuses: [] });
		await poll.activate();
		const m = await send(stand.api, '+14155550030', 'm');
		expect(rows(await poll.poll())).toEqual([[m.id, 'queued', null]]);
		stand.api.setMessageStatus(m.id, 'delivered');
		const before = poll.staticData();

		via.breakNext('/v1/messages');
		await expect(poll.poll()).rejects.toThrow(/no "items" array in a list response/);
		expect(poll.staticData()).toEqual(before);

		expect(rows(await poll.poll())).toEqual([[m.id, 'delivered', 'queued']]);
		expect(rows(await poll.poll())).toEqual([]);
	});

	it('on the baseline poll: fails, stores nothing, and the next poll takes the baseline', async () => {
		stand.api.seedInvitations(2);
		const poll = trigger(via, { resource: 'invitation', statuses: [] });
		via.breakNext('/v1/invitations');
		await expect(poll.activate()).rejects.toThrow(/no "items" array/);
		expect(poll.staticData()).toEqual({});
		expect(await poll.poll()).toBeNull();
		expect(poll.staticData()).toHaveProperty('invitation.v', 2);
	});
});
