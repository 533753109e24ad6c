// Zavu Webhook Trigger in a real n8n (issue #12): the packed tarball in n8n 2.40.7 (`n8n start`),
// workflows with only a trigger, activated; the stand-in in this process plays Zavu and delivers
// signed `invitation.status_changed` events over HTTP. Measured:
//   1. one delivery at a time: n8n's answer (the stand-in's clock) and the delay from Zavu's POST
//      to the execution's start (n8n's `startedAt`);
//   2. many at once, no retries: deliveries per second, answers within Zavu's timeout;
//   3. many at once with Zavu's retries on (timeout 5 s, retries after 2 s and 5 s: Zavu's own
//      come after about 1 and 5 minutes): every event must start exactly one execution;
//   4. the polling Zavu Trigger beside it, on the same events: its delay and the requests both
//      make. The bench stops with an error when an event ran twice or not at all.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require(join(__dirname, '..', '..', 'scripts', 'n8n', 'harness.js'));

const HOOK = 'zavuBenchHook001';
const POLL = 'zavuBenchPoll001';
const HOOK_NODE = 'Zavu Webhook Trigger';
const POLL_NODE = 'Zavu Trigger';
const CREDENTIAL = { id: 'zavuBenchCredHk', name: 'Zavu API (bench)' };

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function workflow(id: string, node: Record<string, unknown>) {
	return {
		id,
		name: `Bench ${String(node.name)}`,
		active: false,
		nodes: [{ position: [0, 0], credentials: { zavudevApi: CREDENTIAL }, ...node }],
		connections: {},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** Every execution of a workflow (the public API pages by cursor), with its data. */
async function allExecutions(n8n: any, workflowId: string): Promise<any[]> {
	const out: any[] = [];
	let cursor: string | undefined;
	do {
		const page = await n8n.api(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
		);
		out.push(...page.data);
		cursor = page.nextCursor ?? undefined;
	} while (cursor);
	return out;
}

/** Invitation id → the executions its event started (the trigger's first item is the invitation). */
function runsByInvitation(executions: any[], node: string): Map<string, any[]> {
	const runs = new Map<string, any[]>();
	for (const e of executions) {
		const items = e.data?.resultData?.runData?.[node]?.[0]?.data?.main?.[0] ?? [];
		for (const item of items) {
			const id = String(item.json?.id);
			runs.set(id, [...(runs.get(id) ?? []), e]);
		}
	}
	return runs;
}

/** Waits until `ids` all have an execution (or `ms` passed), then a little longer for late doubles. */
async function executionsFor(
	n8n: any,
	workflowId: string,
	node: string,
	ids: string[],
	ms: number,
) {
	const until = Date.now() + ms;
	let runs = new Map<string, any[]>();
	while (Date.now() < until) {
		runs = runsByInvitation(await allExecutions(n8n, workflowId), node);
		if (ids.every((id) => runs.has(id))) break;
		await sleep(1000);
	}
	await sleep(3000);
	return runsByInvitation(await allExecutions(n8n, workflowId), node);
}

/**
 * Lost (no execution) and doubled (more than one) events among `ids`. Throws on a double, and on
 * a lost event unless `mayLose` (without Zavu's retries a delivery n8n failed is lost by design).
 */
function exactlyOnce(runs: Map<string, any[]>, ids: string[], what: string, mayLose = false) {
	const lost = ids.filter((id) => !runs.has(id));
	const doubled = ids.filter((id) => (runs.get(id)?.length ?? 0) > 1).length;
	if ((lost.length && !mayLose) || doubled)
		throw new Error(
			`${what}: ${lost.length} events lost (${lost.join(', ')}), ${doubled} ran twice`,
		);
	return { lost, doubled };
}

export async function benchWebhook(opts: {
	sequential: number;
	burst: number;
	/** Events for the polling-versus-webhook comparison, spread over `pollMinutes`. */
	pollEvents: number;
	pollMinutes: number;
	log: (line: string) => void;
}) {
	const dir = mkdtempSync(join(tmpdir(), 'zavu-bench-hook-'));
	const api = new ZavuStandIn({ webhookRetryDelaysMs: [] });
	await api.start();
	const n8n = new h.N8n(h.ensureN8n('2'), join(dir, 'user'), { port: await h.freePort() });
	const log = opts.log;
	try {
		mkdirSync(join(dir, 'user'));
		h.installPackage(join(dir, 'user'), h.buildAndPack(join(dir, 'pack')));
		await n8n.importCredentials([
			h.zavuCredential({ ...CREDENTIAL, apiKey: api.apiKey, baseUrl: api.baseUrl }),
		]);
		await n8n.importWorkflows([
			workflow(HOOK, {
				id: 'd0000000-0000-4000-8000-000000000001',
				name: HOOK_NODE,
				type: 'n8n-nodes-zavudev.zavuWebhookTrigger',
				typeVersion: 1,
				webhookId: '6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
				parameters: { events: ['invitation.status_changed'], statuses: [], options: {} },
			}),
			workflow(POLL, {
				id: 'd0000000-0000-4000-8000-000000000002',
				name: POLL_NODE,
				type: 'n8n-nodes-zavudev.zavuTrigger',
				typeVersion: 1,
				parameters: {
					pollTimes: { item: [{ mode: 'everyMinute' }] },
					resource: 'invitation',
					statuses: ['completed'],
				},
			}),
		]);
		await n8n.start();
		await n8n.login({
			email: 'bench@example.com',
			firstName: 'Bench',
			lastName: 'Runner',
			password: 'Bench-password-1',
		});
		await n8n.createApiKey();
		await n8n.api('POST', `/workflows/${HOOK}/activate`);
		for (let k = 0; k < 100; k++) {
			const res = await fetch(`${api.baseUrl}/v1/invitations/webhook`, {
				headers: { authorization: `Bearer ${api.apiKey}` },
			});
			if (((await res.json()) as { webhook: unknown }).webhook) break;
			await sleep(100);
		}

		// 1. One at a time: n8n's answer, and the delay to the execution's start.
		const seq = api.seedInvitations(opts.sequential);
		api.clearDeliveries();
		const postedAt = new Map<string, number>();
		for (const invitation of seq) {
			api.completeInvitation(invitation.id);
			await api.settleDeliveries();
			const delivery = api.deliveries.find(
				(d) => JSON.parse(d.rawBody).data?.invitationId === invitation.id,
			);
			if (!delivery) throw new Error(`no delivery for ${invitation.id}`);
			postedAt.set(invitation.id, delivery.at);
		}
		const answered = api.deliveries.filter((d) => d.ok).map((d) => d.durationMs ?? NaN);
		const seqIds = seq.map((i) => i.id);
		const seqRuns = await executionsFor(n8n, HOOK, HOOK_NODE, seqIds, 60_000);
		exactlyOnce(seqRuns, seqIds, 'one at a time');
		const delays = seqIds.map(
			(id) => Date.parse(seqRuns.get(id)![0].startedAt) - postedAt.get(id)!,
		);

		// 2. All at once, no retries: deliveries per second.
		const burst = api.seedInvitations(opts.burst);
		api.clearDeliveries();
		const t0 = Date.now();
		for (const invitation of burst) api.completeInvitation(invitation.id);
		await api.settleDeliveries(180_000);
		const burstSeconds = (Date.now() - t0) / 1000;
		const burstOk = api.deliveries.filter((d) => d.ok).length;
		const burstAnswer = api.deliveries.filter((d) => d.ok).map((d) => d.durationMs ?? NaN);
		const errors = new Map<string, number>();
		for (const d of api.deliveries.filter((x) => !x.ok)) {
			const why = (d.error ?? `HTTP ${d.status}`).replace(/\d+ ms/, 'N ms');
			errors.set(why, (errors.get(why) ?? 0) + 1);
		}
		const burstIds = burst.map((i) => i.id);
		const burstLost = exactlyOnce(
			await executionsFor(n8n, HOOK, HOOK_NODE, burstIds, 60_000),
			burstIds,
			'all at once',
			true,
		).lost.map((id) => {
			const d = api.deliveries.find((x) => JSON.parse(x.rawBody).data?.invitationId === id);
			return d?.error ?? `HTTP ${d?.status}`;
		});

		// 3. All at once with Zavu's retries: the late answers are retried; still once each.
		const retried = api.seedInvitations(opts.burst);
		api.clearDeliveries();
		api.setOptions({ webhookRetryDelaysMs: [2000, 5000] });
		for (const invitation of retried) api.completeInvitation(invitation.id);
		await api.settleDeliveries(300_000);
		api.setOptions({ webhookRetryDelaysMs: [] });
		const attempts = api.deliveries;
		const timedOut = attempts.filter((d) => /timed out/.test(d.error ?? '')).length;
		const retriesAnswered = attempts.filter((d) => d.attempt > 1 && d.ok).length;
		const retriedIds = retried.map((i) => i.id);
		exactlyOnce(
			await executionsFor(n8n, HOOK, HOOK_NODE, retriedIds, 120_000),
			retriedIds,
			'all at once, with retries',
		);

		// 4. The polling trigger beside it: the same events, both triggers active.
		api.clearRequests();
		const pollFrom = Date.now();
		await n8n.api('POST', `/workflows/${POLL}/activate`);
		// n8n polls once on activation: that poll is the trigger's starting point.
		for (let k = 0; k < 300 && !api.requestsTo('GET', '/v1/invitations').length; k++)
			await sleep(100);
		await sleep(1000);
		const spread = opts.pollMinutes * 60_000;
		const events = api.seedInvitations(opts.pollEvents);
		const changedAt = new Map<string, number>();
		for (const [k, invitation] of events.entries()) {
			// Spread over the minutes, off any poll's rhythm.
			const at = pollFrom + 5_000 + ((k + Math.random()) * spread) / opts.pollEvents;
			await sleep(Math.max(0, at - Date.now()));
			api.completeInvitation(invitation.id);
			changedAt.set(invitation.id, Date.now());
		}
		const eventIds = events.map((i) => i.id);
		const hookRuns = await executionsFor(n8n, HOOK, HOOK_NODE, eventIds, 30_000);
		const pollRuns = await executionsFor(n8n, POLL, POLL_NODE, eventIds, 130_000);
		const pollTo = Date.now();
		await n8n.api('POST', `/workflows/${POLL}/deactivate`);
		exactlyOnce(hookRuns, eventIds, 'webhook trigger beside the polling one');
		exactlyOnce(pollRuns, eventIds, 'polling trigger');
		const delayOf = (runs: Map<string, any[]>) =>
			eventIds.map((id) => Date.parse(runs.get(id)![0].startedAt) - changedAt.get(id)!);
		const hookDelays = delayOf(hookRuns);
		const pollDelays = delayOf(pollRuns);
		const minutes = (pollTo - pollFrom) / 60_000;
		const lists = api.requests.filter((r) => r.method === 'GET' && r.path === '/v1/invitations');
		const reads = api.requests.filter(
			(r) => r.method === 'GET' && /^\/v1\/invitations\/(?!webhook$)[^/]+$/.test(r.path),
		);

		log(
			`\n### Zavu Webhook Trigger in a real n8n ${h.LINES['2'].n8n}: deliveries of invitation.status_changed\n`,
		);
		log('| measure | value |');
		log('|---|---:|');
		log(`| one at a time: deliveries | ${answered.length} of ${opts.sequential} answered 2xx |`);
		log(
			`| one at a time: n8n's answer, median / p95 (ms) | ${percentile(answered, 50).toFixed(0)} / ${percentile(answered, 95).toFixed(0)} |`,
		);
		log(
			`| one at a time: Zavu's POST → execution started, median / p95 / max (ms) | ${percentile(delays, 50).toFixed(0)} / ${percentile(delays, 95).toFixed(0)} / ${Math.max(...delays).toFixed(0)} |`,
		);
		log(`| all at once (${opts.burst}), no retries: answered 2xx | ${burstOk} of ${opts.burst} |`);
		log(`| all at once: time until every delivery ended (s) | ${burstSeconds.toFixed(1)} |`);
		log(
			`| all at once: answer of those answered, median / p95 (ms) | ${percentile(burstAnswer, 50).toFixed(0)} / ${percentile(burstAnswer, 95).toFixed(0)} |`,
		);
		log(
			`| all at once: failed deliveries | ${[...errors].map(([why, n]) => `${n}× ${why}`).join('; ') || '–'} |`,
		);
		log(
			`| all at once: executions | ${opts.burst - burstLost.length} of ${opts.burst} events, none twice${burstLost.length ? ` (no execution after: ${burstLost.join('; ')})` : ''} |`,
		);
		log(
			`| all at once (${opts.burst}) with retries after 2 s and 5 s: attempts / timed out / retries answered 2xx | ${attempts.length} / ${timedOut} / ${retriesAnswered} |`,
		);
		log(`| all at once with retries: executions | one per event (0 lost, 0 twice) |`);

		log(
			`\n### The same events to both triggers (${opts.pollEvents} completed invitations over ${minutes.toFixed(1)} min; polling every minute)\n`,
		);
		log(
			'| trigger | change → execution started, median / max (s) | requests to Zavu in the window | requests per event |',
		);
		log('|---|---:|---:|---:|');
		log(
			`| Zavu Webhook Trigger | ${(percentile(hookDelays, 50) / 1000).toFixed(2)} / ${(Math.max(...hookDelays) / 1000).toFixed(2)} | ${reads.length} (GET one invitation per event) | ${(reads.length / opts.pollEvents).toFixed(1)} |`,
		);
		log(
			`| Zavu Trigger (polling) | ${(percentile(pollDelays, 50) / 1000).toFixed(1)} / ${(Math.max(...pollDelays) / 1000).toFixed(1)} | ${lists.length} (list pages, every poll, events or not) | ${(lists.length / opts.pollEvents).toFixed(1)} |`,
		);
		return { delays, hookDelays, pollDelays };
	} finally {
		await n8n.stop();
		await api.stop();
		if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
	}
}
