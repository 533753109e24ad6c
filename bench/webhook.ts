// Zavu Webhook Trigger in a real n8n (issue #12): the packed tarball in n8n 2.40.7 (`n8n start`),
// a workflow with only the webhook trigger, activated; the stand-in in this process plays Zavu
// and delivers signed `invitation.status_changed` events over HTTP. Measured: how long n8n takes
// to answer a delivery (the stand-in's clock) and deliveries per second when many arrive at
// once, and that each delivery started exactly one execution.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require(join(__dirname, '..', '..', 'scripts', 'n8n', 'harness.js'));

const WORKFLOW = 'zavuBenchHook001';
const CREDENTIAL = { id: 'zavuBenchCredHk', name: 'Zavu API (bench)' };

const percentile = (values: number[], p: number) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export async function benchWebhook(opts: {
	sequential: number;
	burst: number;
	log: (line: string) => void;
}) {
	const dir = mkdtempSync(join(tmpdir(), 'zavu-bench-hook-'));
	const api = new ZavuStandIn({ webhookRetryDelaysMs: [] });
	await api.start();
	const n8n = new h.N8n(h.ensureN8n('2'), join(dir, 'user'), { port: await h.freePort() });
	try {
		mkdirSync(join(dir, 'user'));
		h.installPackage(join(dir, 'user'), h.buildAndPack(join(dir, 'pack')));
		await n8n.importCredentials([
			h.zavuCredential({ ...CREDENTIAL, apiKey: api.apiKey, baseUrl: api.baseUrl }),
		]);
		await n8n.importWorkflows([
			{
				id: WORKFLOW,
				name: 'Bench webhook trigger',
				active: false,
				nodes: [
					{
						id: 'd0000000-0000-4000-8000-000000000001',
						name: 'Zavu Webhook Trigger',
						type: 'n8n-nodes-zavudev.zavuWebhookTrigger',
						typeVersion: 1,
						position: [0, 0],
						webhookId: '6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
						parameters: { events: ['invitation.status_changed'], statuses: [], options: {} },
						credentials: { zavudevApi: CREDENTIAL },
					},
				],
				connections: {},
				settings: { executionOrder: 'v1' },
				pinData: {},
			},
		]);
		await n8n.start();
		await n8n.login({
			email: 'bench@example.com',
			firstName: 'Bench',
			lastName: 'Runner',
			password: 'Bench-password-1',
		});
		await n8n.createApiKey();
		await n8n.api('POST', `/workflows/${WORKFLOW}/activate`);
		for (let k = 0; k < 100; k++) {
			const res = await fetch(`${api.baseUrl}/v1/invitations/webhook`, {
				headers: { authorization: `Bearer ${api.apiKey}` },
			});
			if (((await res.json()) as { webhook: unknown }).webhook) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}

		// One at a time: answer time and delay to the execution's start.
		const seq = api.seedInvitations(opts.sequential);
		api.clearDeliveries();
		for (const invitation of seq) {
			api.openInvitation(invitation.id);
			await api.settleDeliveries();
		}
		const answered = api.deliveries.filter((d) => d.ok).map((d) => d.durationMs ?? NaN);

		// All at once: deliveries per second.
		const burst = api.seedInvitations(opts.burst);
		api.clearDeliveries();
		const t0 = Date.now();
		for (const invitation of burst) api.openInvitation(invitation.id);
		await api.settleDeliveries(120_000);
		const burstSeconds = (Date.now() - t0) / 1000;
		const burstOk = api.deliveries.filter((d) => d.ok).length;
		const burstAnswer = api.deliveries.filter((d) => d.ok).map((d) => d.durationMs ?? NaN);
		const errors = new Map<string, number>();
		for (const d of api.deliveries.filter((x) => !x.ok)) {
			const why = d.error ?? `HTTP ${d.status}`;
			errors.set(why, (errors.get(why) ?? 0) + 1);
		}

		let executions: Array<{ startedAt: string; data?: any }> = [];
		for (let k = 0; k < 100; k++) {
			executions = await n8n.executions(WORKFLOW);
			if (executions.length >= opts.sequential + opts.burst) break;
			await new Promise((resolve) => setTimeout(resolve, 300));
		}
		opts.log(
			`\n### Zavu Webhook Trigger in a real n8n ${h.LINES['2'].n8n}: deliveries of invitation.status_changed\n`,
		);
		opts.log('| measure | value |');
		opts.log('|---|---:|');
		opts.log(
			`| one at a time: deliveries | ${answered.length} of ${opts.sequential} answered 2xx |`,
		);
		opts.log(
			`| one at a time: n8n's answer, median / p95 (ms) | ${percentile(answered, 50).toFixed(0)} / ${percentile(answered, 95).toFixed(0)} |`,
		);
		opts.log(`| all at once: deliveries answered 2xx | ${burstOk} of ${opts.burst} |`);
		opts.log(`| all at once: time until every delivery ended (s) | ${burstSeconds.toFixed(1)} |`);
		opts.log(
			`| all at once: answer of those answered, median / p95 (ms) | ${percentile(burstAnswer, 50).toFixed(0)} / ${percentile(burstAnswer, 95).toFixed(0)} |`,
		);
		opts.log(
			`| all at once: failed deliveries | ${[...errors].map(([why, n]) => `${n}× ${why}`).join('; ') || '–'} |`,
		);
		opts.log(
			`| executions started | ${executions.length} (expected ${opts.sequential + opts.burst}) |`,
		);
	} finally {
		await n8n.stop();
		await api.stop();
		if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
	}
}
