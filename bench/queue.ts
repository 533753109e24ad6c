// Queue mode (issue #14): sends per second in n8n 2.40.7's queue mode with 1 and 2 workers, with
// the stand-in enforcing a rate limit and without one, so users see where Zavu's limit, not n8n,
// becomes the ceiling. The e2e line's stack (scripts/e2e/queue/stack.js: PostgreSQL, Redis, a main,
// workers with `--concurrency=2`) and its bulk workflow: 1,000 sends as 4 executions of 250 rows,
// each 10 in flight. Time: from the first webhook call to the last accepted send.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';

/* eslint-disable @typescript-eslint/no-require-imports */
const h = require(join(__dirname, '..', '..', 'scripts', 'n8n', 'harness.js'));
const { startQueueStack } = require(
	join(__dirname, '..', '..', 'scripts', 'e2e', 'queue', 'stack.js'),
);
const { activate } = require(join(__dirname, '..', '..', 'scripts', 'e2e', 'activation.js'));
const q = require(join(__dirname, '..', '..', 'scripts', 'e2e', 'queue.js'));
/* eslint-enable @typescript-eslint/no-require-imports */

interface Row {
	workers: number;
	limit: number | undefined;
	seconds: number;
	rejected: number;
	lost: number;
	doubled: number;
}

async function runOnce(tarball: string, workers: number, limit: number | undefined): Promise<Row> {
	const api = new ZavuStandIn(limit ? { rateLimit: { limit, windowMs: 1000 } } : {});
	await api.start();
	const root = mkdtempSync(join(tmpdir(), 'zavu-bench-queue-'));
	let stack: any;
	try {
		stack = await startQueueStack({
			install: h.ensureN8n('2'),
			tarball,
			root,
			workers,
			credentials: [h.zavuCredential({ ...q.CRED, apiKey: api.apiKey, baseUrl: api.baseUrl })],
			workflows: [q.bulkWorkflow()],
		});
		await stack.main.login({
			email: 'bench@example.com',
			firstName: 'Bench',
			lastName: 'Runner',
			password: 'Bench-password-1',
		});
		await stack.main.createApiKey();
		const activation = await activate(stack.main, '2', q.BULK.id);
		if (!activation.ok) throw new Error(activation.message);
		api.clearRequests();
		const t0 = Date.now();
		await Promise.all(
			[0, 250, 500, 750].map((from) =>
				fetch(`${stack.main.url()}/webhook/${q.BULK.path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ from, count: 250 }),
				}),
			),
		);
		for (let k = 0; k < 600; k++) {
			const runs = await stack.main.executions(q.BULK.id);
			if (runs.filter((e: any) => e.stoppedAt).length >= 4) break;
			await h.sleep(500);
		}
		const sends = api.requestsTo('POST', '/v1/messages');
		const accepted = sends.filter((r) => r.status === 201);
		const counts = new Map<string, number>();
		for (const m of api.messages.values())
			counts.set(String(m.text), (counts.get(String(m.text)) ?? 0) + 1);
		let lost = 0;
		for (let n = 0; n < 1000; n++) if (!counts.has(`Queue #${n}`)) lost++;
		return {
			workers,
			limit,
			seconds: (Math.max(...accepted.map((r) => r.at)) - t0) / 1000,
			rejected: sends.length - accepted.length,
			lost,
			doubled: [...counts.values()].filter((c) => c > 1).length,
		};
	} finally {
		await stack?.stop();
		await api.stop();
		rmSync(root, { recursive: true, force: true });
	}
}

export async function benchQueue(opts: { repeat: number; log: (line: string) => void }) {
	const dir = mkdtempSync(join(tmpdir(), 'zavu-bench-queue-pack-'));
	try {
		const tarball = h.buildAndPack(join(dir, 'pack'));
		const rows: Row[] = [];
		for (let rep = 0; rep < opts.repeat; rep++) {
			for (const limit of [100, undefined]) {
				for (const workers of [1, 2]) {
					const row = await runOnce(tarball, workers, limit);
					rows.push(row);
					console.error(
						`  ${workers} worker(s), limit ${limit ?? 'none'}: ${row.seconds.toFixed(1)} s, ${row.rejected} × 429, lost ${row.lost}, doubled ${row.doubled}`,
					);
				}
			}
		}
		const range = (values: number[], digits: number) => {
			const lo = Math.min(...values).toFixed(digits);
			const hi = Math.max(...values).toFixed(digits);
			return lo === hi ? lo : `${lo}–${hi}`;
		};
		opts.log(
			`\n### Queue mode, n8n ${h.LINES['2'].n8n}: 1,000 sends as 4 executions of 250, 10 in flight each (${opts.repeat} runs each, min–max)\n`,
		);
		opts.log(
			'| workers (concurrency 2 each) | stand-in rate limit | time (s) | sends/s | time ÷ rate-limit bound | 429s answered (retried inside the node) | lost | doubled |',
		);
		opts.log('|---:|---|---:|---:|---:|---:|---:|---:|');
		for (const limit of [100, undefined]) {
			for (const workers of [1, 2]) {
				const rs = rows.filter((r) => r.workers === workers && r.limit === limit);
				opts.log(
					`| ${workers} | ${limit ? `${limit}/s` : 'none'} | ${range(
						rs.map((r) => r.seconds),
						1,
					)} | ${range(
						rs.map((r) => 1000 / r.seconds),
						0,
					)} | ${
						limit
							? range(
									rs.map((r) => r.seconds / (1000 / limit - 1)),
									2,
								)
							: '–'
					} | ${range(
						rs.map((r) => r.rejected),
						0,
					)} | ${range(
						rs.map((r) => r.lost),
						0,
					)} | ${range(
						rs.map((r) => r.doubled),
						0,
					)} |`,
				);
			}
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}
