import { ZavudevApi } from '../credentials/ZavudevApi.credentials';
import { ZavuTrigger } from '../nodes/ZavuTrigger/ZavuTrigger.node';
import { createPollHarness } from '../test/support/n8nCore';
import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';

const TRIGGER = 'n8n-nodes-zavudev.zavuTrigger';
const types = { nodeTypes: { [TRIGGER]: new ZavuTrigger() }, credentialTypes: [new ZavudevApi()] };

export interface TriggerRow {
	invitations: number;
	order: 'newest' | 'oldest' | 'random';
	baselineRequests: number;
	quietRequests: number;
	changeRequests: number;
	emitted: number;
	expectedEmitted: number;
	stateBytes: number;
	bytesPerActive: number;
}

/**
 * `total` invitations created over the past days, of which 50 still active (40 pending, 10
 * failed: the client gave up halfway, the link still usable); a third of the finished ones went
 * through `failed` before completing. Then a quiet poll and a poll with 13 changes: 4 opened, 3
 * completed from pending, 3 created and completed since the last poll, 2 failed ones retried and
 * completed, 1 failed one cancelled.
 */
export async function benchTrigger(total: number, order: TriggerRow['order']): Promise<TriggerRow> {
	const api = new ZavuStandIn({ listOrder: order });
	await api.start();
	try {
		// Created one every few minutes over the past weeks, as a real project would.
		const realNow = api.now;
		const start = realNow() - total * 5 * 60_000;
		const seeded = [];
		for (let k = 0; k < total; k++) {
			api.now = () => start + k * 5 * 60_000;
			seeded.push(...api.seedInvitations(1));
		}
		const finished = seeded.slice(0, total - 50);
		finished.forEach((inv, k) => {
			let at = Date.parse(inv.createdAt) + 60_000;
			api.now = () => at++;
			if (k % 3 === 0) api.cancelInvitation(inv.id);
			else if (k % 3 === 1) {
				api.openInvitation(inv.id);
				api.failInvitation(inv.id, 'fb_cancelled');
				api.openInvitation(inv.id);
				api.completeInvitation(inv.id);
			} else api.completeInvitation(inv.id);
		});
		const active = seeded.slice(total - 50);
		const failed = active.slice(40);
		failed.forEach((inv) => {
			let at = Date.parse(inv.createdAt) + 60_000;
			api.now = () => at++;
			api.openInvitation(inv.id);
			api.failInvitation(inv.id, 'signup_abandoned');
		});
		api.now = realNow;

		const poll = createPollHarness(types, {
			type: TRIGGER,
			name: 'Zavu Trigger',
			parameters: { resource: 'invitation', statuses: [] },
			credentials: { zavudevApi: { apiKey: api.apiKey, baseUrl: api.baseUrl } },
		});
		api.clearRequests();
		await poll.activate();
		const baselineRequests = api.requests.length;

		api.clearRequests();
		const quiet = await poll.poll();
		if (quiet !== null) throw new Error('a quiet poll emitted');
		const quietRequests = api.requests.length;

		active.slice(0, 4).forEach((inv) => api.openInvitation(inv.id));
		active.slice(4, 7).forEach((inv) => api.completeInvitation(inv.id));
		for (let k = 0; k < 3; k++) {
			const [fresh] = api.seedInvitations(1);
			api.completeInvitation(fresh.id);
		}
		failed.slice(0, 2).forEach((inv) => {
			api.openInvitation(inv.id);
			api.completeInvitation(inv.id);
		});
		api.cancelInvitation(failed[2].id);
		api.clearRequests();
		const changed = await poll.poll();
		const changeRequests = api.requests.length;
		// 4 opened + 3 completed from pending (opened then completed: 2 each) + 3 new + 2 failed,
		// retried and completed (2 each) + 1 failed and cancelled.
		const expectedEmitted = 4 + 3 * 2 + 3 + 2 * 2 + 1;
		const emitted = changed ? changed[0].length : 0;
		if (emitted !== expectedEmitted)
			throw new Error(`emitted ${emitted}, expected ${expectedEmitted}`);

		const stateBytes = JSON.stringify(poll.staticData()).length;
		const stillActive = 50 - 3 - 3;
		return {
			invitations: total,
			order,
			baselineRequests,
			quietRequests,
			changeRequests,
			emitted,
			expectedEmitted,
			stateBytes,
			bytesPerActive: stateBytes / stillActive,
		};
	} finally {
		await api.stop();
	}
}
