/**
 * The Zavu Webhook Trigger through n8n-core's own HookContext and WebhookContext
 * (test/support/webhook.ts), against the stand-in playing Zavu: it holds the project and sender
 * webhooks and delivers signed events over real HTTP to the harness's server.
 */
import type { IDataObject } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { ZavuWebhookTrigger } from '../../nodes/ZavuWebhookTrigger/ZavuWebhookTrigger.node';
import type { HarnessTypes } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import type { WebhookHarness } from '../support/webhook';
import { createWebhookHarness } from '../support/webhook';

const TYPE = 'n8n-nodes-zavudev.zavuWebhookTrigger';
const types: HarnessTypes = {
	nodeTypes: { [TYPE]: new ZavuWebhookTrigger() },
	credentialTypes: [new ZavudevApi()],
};

const stand = useStandIn({ perTest: true, webhookRetryDelaysMs: [50] });
let harness: WebhookHarness | undefined;
afterEach(async () => {
	await harness?.close();
	harness = undefined;
});

/** A served trigger (its URL reachable by the stand-in), not yet activated. */
async function served(parameters: IDataObject, credentials = stand.credentials()) {
	harness = createWebhookHarness(types, {
		type: TYPE,
		name: 'Zavu Webhook Trigger',
		parameters: parameters as never,
		credentials: { zavudevApi: credentials },
	});
	await harness.serve();
	return harness;
}

const projectWebhook = async () => {
	const res = await fetch(`${stand.api.baseUrl}/v1/invitations/webhook`, {
		headers: { authorization: `Bearer ${stand.api.apiKey}` },
	});
	return ((await res.json()) as { webhook: IDataObject | null }).webhook;
};
const setProjectWebhook = async (body: IDataObject) =>
	await fetch(`${stand.api.baseUrl}/v1/invitations/webhook`, {
		method: 'POST',
		headers: { authorization: `Bearer ${stand.api.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
const executions = (h: WebhookHarness) => h.received.filter((r) => r.execution === 'started');
const items = (h: WebhookHarness) =>
	executions(h).flatMap((r) => (r.workflowData ?? []).flat().map((i) => i.json));

describe('Zavu Webhook Trigger: invitations', () => {
	it('activation points the project webhook at n8n; a completed invitation starts one execution with the full invitation', async () => {
		const h = await served({ events: ['invitation.status_changed'], statuses: ['completed'] });
		await h.activate();
		expect(await projectWebhook()).toEqual({
			url: h.productionUrl(),
			events: ['invitation.status_changed'],
			active: true,
		});
		const secret = (h.savedStaticData() as { project?: { secret: string } }).project?.secret;
		expect(secret).toEqual(stand.api.webhookSecret('project'));

		const [invitation] = stand.api.seedInvitations(1, {
			clientName: 'Hook Co',
			clientPhone: '+14155550123',
		});
		stand.api.openInvitation(invitation.id); // in_progress: not a chosen status
		stand.api.completeInvitation(invitation.id);
		await stand.api.settleDeliveries();

		expect(h.received.map((r) => r.status)).toEqual([200, 200]);
		expect(items(h)).toEqual([
			expect.objectContaining({
				id: invitation.id,
				status: 'completed',
				previousStatus: 'in_progress',
				clientPhone: '+14155550123',
				url: invitation.url,
				senderId: expect.stringMatching(/^snd_/),
				connectedAccount: expect.objectContaining({ channel: 'whatsapp' }),
			}),
		]);
	});

	it('re-activation (an n8n restart) finds the webhook in place: no second create, no new secret', async () => {
		const h = await served({ events: ['invitation.status_changed'] });
		await h.activate();
		const secret = stand.api.webhookSecret('project');
		stand.api.clearRequests();
		await h.activate('init');
		expect(h.calls.map((c) => c.method)).toEqual(['checkExists', 'create', 'checkExists']);
		expect(stand.api.requests.filter((r) => r.method !== 'GET')).toEqual([]);
		expect(stand.api.webhookSecret('project')).toBe(secret);
	});

	it('never takes over a webhook someone else set up: stops naming its URL, changes nothing', async () => {
		await setProjectWebhook({
			url: 'https://crm.example.com/zavu',
			events: ['invitation.status_changed'],
		});
		const h = await served({ events: ['invitation.status_changed'] });
		await expect(h.activate()).rejects.toThrow(
			"Zavu's project webhook already sends events to https://crm.example.com/zavu; activating would take it over",
		);
		expect((await projectWebhook())?.url).toBe('https://crm.example.com/zavu');
	});

	it('Replace Existing Webhook takes it over and puts it back on deactivation', async () => {
		await setProjectWebhook({
			url: 'https://crm.example.com/zavu',
			events: ['invitation.status_changed'],
		});
		const theirs = stand.api.webhookSecret('project');
		const h = await served({
			events: ['invitation.status_changed'],
			options: { replaceExisting: true },
		});
		await h.activate();
		expect((await projectWebhook())?.url).toBe(h.productionUrl());
		await h.deactivate();
		expect(await projectWebhook()).toEqual({
			url: 'https://crm.example.com/zavu',
			events: ['invitation.status_changed'],
			active: true,
		});
		expect(stand.api.webhookSecret('project')).toBe(theirs);
	});

	it('deactivation removes a webhook it created', async () => {
		const h = await served({ events: ['invitation.status_changed'] });
		await h.activate();
		await h.deactivate();
		expect(await projectWebhook()).toBeNull();
		expect(h.savedStaticData()).toEqual({});
	});

	it('a tampered, a stale and a replayed delivery start nothing; an unsigned one gets 401', async () => {
		const h = await served({ events: ['invitation.status_changed'] });
		await h.activate();
		const [invitation] = stand.api.seedInvitations(1);
		const data = {
			invitationId: invitation.id,
			previousStatus: 'pending',
			currentStatus: 'in_progress',
		};

		await stand.api.deliverEvent('project', 'invitation.status_changed', data, { tamper: true })
			.settled;
		const stale = Math.floor(Date.now() / 1000) - 600;
		await stand.api.deliverEvent('project', 'invitation.status_changed', data, {
			timestampSec: stale,
		}).settled;
		const good = stand.api.deliverEvent('project', 'invitation.status_changed', data);
		await good.settled;
		await stand.api.replayDelivery(good.eventId);
		await stand.api.deliverEvent('project', 'invitation.status_changed', data, {
			eventId: good.eventId,
		}).settled;
		await stand.api.settleDeliveries();
		const unsigned = await fetch(h.productionUrl(), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ id: 'evt_x', type: 'invitation.status_changed', data }),
		});

		// Zavu retries a refused delivery (once here): the tampered and the stale one twice each.
		expect(h.received.map((r) => r.status)).toEqual([401, 401, 401, 401, 200, 200, 200, 401]);
		expect(unsigned.status).toBe(401);
		expect(h.received[0].body).toMatch(/does not match/);
		expect(h.received[2].body).toMatch(/more than 300 s from now/);
		expect(executions(h)).toHaveLength(1);
		expect(items(h)).toEqual([
			expect.objectContaining({ id: invitation.id, previousStatus: 'pending' }),
		]);
	});

	it('deliveries handled at the same time, then retried by Zavu: still one execution per event', async () => {
		const h = await served({ events: ['invitation.status_changed'] });
		await h.activate();
		const invitations = stand.api.seedInvitations(6);
		// All six are in n8n at once: each loads the static data before any of them saved it.
		stand.api.setOptions({ latencyMs: 40 });
		const deliveries = invitations.map((invitation) =>
			stand.api.deliverEvent('project', 'invitation.status_changed', {
				invitationId: invitation.id,
				previousStatus: 'pending',
				currentStatus: 'in_progress',
			}),
		);
		await Promise.all(deliveries.map((d) => d.settled));
		expect(executions(h)).toHaveLength(6);
		// n8n saves a webhook's static data whole, last writer wins: ids the others added are
		// gone from it. This is the race the process memory covers.
		const stored = Object.keys((h.savedStaticData() as { seen?: IDataObject }).seen ?? {});
		expect(stored.length).toBeLessThan(6);

		// Zavu retries each (as when n8n answered too late): nothing starts again.
		for (const d of deliveries) await stand.api.replayDelivery(d.eventId);
		await stand.api.settleDeliveries();
		expect(h.received.filter((r) => r.status === 200)).toHaveLength(12);
		expect(executions(h)).toHaveLength(6);
		expect(items(h).map((i) => i.id)).toEqual(expect.arrayContaining(invitations.map((i) => i.id)));
	});

	it('a delivery whose invitation cannot be read fails, and Zavu’s retry of it starts the execution', async () => {
		const h = await served({ events: ['invitation.status_changed'] });
		await h.activate();
		const [invitation] = stand.api.seedInvitations(1);
		stand.api.inject({
			match: { method: 'GET', path: `/v1/invitations/${invitation.id}` },
			status: 503,
			code: 'service_unavailable',
			message: 'Try again later',
			times: 3,
		});
		await stand.api.deliverEvent('project', 'invitation.status_changed', {
			invitationId: invitation.id,
			previousStatus: 'pending',
			currentStatus: 'completed',
		}).settled;
		await stand.api.settleDeliveries();

		// The first attempt answered with an error; the stand-in's retry (50 ms later) ran.
		expect(h.received.map((r) => r.status)).toEqual([500, 200]);
		expect(executions(h)).toHaveLength(1);
		expect(items(h)).toEqual([expect.objectContaining({ id: invitation.id })]);
	});

	it('an http:// n8n address against the real Zavu: a clear error before any request', async () => {
		const h = await served(
			{ events: ['invitation.status_changed'] },
			{
				apiKey: stand.api.apiKey,
				baseUrl: 'https://api.zavu.example',
			},
		);
		await expect(h.activate()).rejects.toThrow(/Zavu delivers webhooks to HTTPS addresses only/);
	});
});

describe('Zavu Webhook Trigger: "Listen for test event" in the editor', () => {
	it('points the project webhook at the test URL, takes one event, then removes it again', async () => {
		const h = await served({ events: ['invitation.status_changed'] });
		await h.activateTest();
		expect((await projectWebhook())?.url).toBe(h.testUrl());

		const [invitation] = stand.api.seedInvitations(1, { clientName: 'Test Event Co' });
		stand.api.openInvitation(invitation.id);
		await stand.api.settleDeliveries();

		const [received] = h.received;
		expect(received).toMatchObject({ target: 'test', status: 200, execution: 'started' });
		expect(received.workflowData?.[0][0].json).toMatchObject({
			id: invitation.id,
			status: 'in_progress',
			previousStatus: 'pending',
		});
		// n8n takes a test webhook down after its first execution: so does Zavu's side.
		expect(received.testWebhookDeactivated).toBe(true);
		expect(await projectWebhook()).toBeNull();
	});
});

describe('Zavu Webhook Trigger: sender events', () => {
	it('without a Sender: says which events need one', async () => {
		const h = await served({ events: ['message.inbound'] });
		await expect(h.activate()).rejects.toThrow(
			"Sender is empty: message.inbound come through a sender's webhook",
		);
	});

	it("subscribes the sender's webhook; an inbound message starts an execution with the event's data and meta", async () => {
		const sender = [...stand.api.senders.values()][0];
		const h = await served({
			events: ['message.inbound', 'invitation.status_changed'],
			senderId: sender.id,
		});
		await h.activate();
		const kept = h.savedStaticData() as { sender?: { senderId: string; secret: string } };
		expect(kept.sender?.senderId).toBe(sender.id);
		expect(kept.sender?.secret).toMatch(/\S/);

		stand.api.receiveMessage({ senderId: sender.id, from: '+14155550999', text: 'Hi there' });
		await stand.api.settleDeliveries();
		const inbound = items(h);
		expect(inbound).toEqual([
			expect.objectContaining({
				text: 'Hi there',
				event: expect.objectContaining({
					type: 'message.inbound',
					senderId: sender.id,
					id: expect.stringMatching(/^evt_/),
				}),
			}),
		]);

		await h.deactivate();
		const after = await fetch(`${stand.api.baseUrl}/v1/senders/${sender.id}`, {
			headers: { authorization: `Bearer ${stand.api.apiKey}` },
		});
		expect(((await after.json()) as IDataObject).webhook ?? null).toBeNull();
	});
});
