import './env';

import { benchSends, LIMIT_SCENARIOS, type SendRow } from './messages';
import { benchN8n, benchN8nLimits } from './n8n';
import { benchBroadcast } from './broadcast';
import { benchQueue } from './queue';
import { benchWebhook } from './webhook';
import { benchTrigger, type TriggerRow } from './trigger';

// `npm run bench [-- --only=sends|limits|trigger|n8n|n8n-limits|signature|webhook|queue|broadcast] [-- --items=1000]`: prints Markdown tables for BENCHMARKS.md.
const args = new Map(
	process.argv.slice(2).map((arg) => {
		const [key, value] = arg.replace(/^--/, '').split('=');
		return [key, value ?? 'true'] as const;
	}),
);
const only = args.get('only');
const items = Number(args.get('items') ?? 1000);

async function sends(): Promise<void> {
	const rows: SendRow[] = [];
	const latencyMs = 50;
	for (const rateLimit of [undefined, { limit: 100, windowMs: 1000 }]) {
		for (const inFlight of [1, 5, 10, 20]) {
			const row = await benchSends({ items, inFlight, latencyMs, rateLimit });
			rows.push(row);
			console.error(`  ${row.scenario}, ${inFlight} in flight: ${row.seconds.toFixed(2)} s`);
		}
	}
	const sequential = rows.find((r) => r.scenario === 'no rate limit' && r.inFlight === 1)!;
	console.log(`\n### Bulk send: ${items} messages, stand-in latency ${latencyMs} ms\n`);
	console.log(
		'| scenario | items in flight | time (s) | msgs/s | vs sequential | requests | 429s | duplicates | lost | time ÷ rate-limit bound |',
	);
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		console.log(
			`| ${r.scenario} | ${r.inFlight} | ${r.seconds.toFixed(2)} | ${r.itemsPerSecond.toFixed(1)} | ${(sequential.seconds / r.seconds).toFixed(1)}× | ${r.requests} | ${r.tooMany} | ${r.duplicates} | ${r.lost} | ${r.boundRatio === undefined ? '–' : r.boundRatio.toFixed(3)} |`,
		);
	}
}

/** Limits that do not announce themselves (issue #9): headers only with the 429s, a shared quota. */
async function limits(): Promise<void> {
	const n = Number(args.get('items') ?? 200);
	const rows: SendRow[] = [];
	for (const s of LIMIT_SCENARIOS) {
		const row = await benchSends({ items: n, inFlight: 10, latencyMs: 20, maxAttempts: 3, ...s });
		rows.push(row);
		console.error(`  ${row.scenario}: ${row.seconds.toFixed(2)} s`);
	}
	console.log(
		`\n### Rate limits that do not announce themselves: ${n} sends, 10 in flight, stand-in latency 20 ms\n`,
	);
	console.log('| scenario | time (s) | send requests | 429s | duplicates | lost | time ÷ bound |');
	console.log('|---|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		console.log(
			`| ${r.scenario} | ${r.seconds.toFixed(2)} | ${r.requests} | ${r.tooMany} | ${r.duplicates} | ${r.lost} | ${r.boundRatio?.toFixed(3)} |`,
		);
	}
}

async function trigger(): Promise<void> {
	const rows: TriggerRow[] = [];
	for (const total of [100, 1000, 10000]) {
		for (const order of ['newest', 'oldest', 'random'] as const) {
			const row = await benchTrigger(total, order);
			rows.push(row);
			console.error(
				`  ${total} invitations, ${order} first: quiet poll ${row.quietRequests} requests`,
			);
		}
	}
	console.log(
		'\n### Zavu Trigger (invitations): requests per poll and stored state, 50 active invitations\n',
	);
	console.log(
		'| invitations | list order | baseline poll | quiet poll | poll with 13 changes | items emitted | state (bytes) | bytes per active invitation |',
	);
	console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		console.log(
			`| ${r.invitations} | ${r.order} | ${r.baselineRequests} | ${r.quietRequests} | ${r.changeRequests} | ${r.emitted} | ${r.stateBytes} | ${r.bytesPerActive.toFixed(0)} |`,
		);
	}
}

/**
 * Real n8n (issue #9): the packed tarball in n8n 2.40.7, `n8n execute`, against the stand-in.
 * `--sizes=300,1000` (items per run), `--repeat=3`, `--profile=false` skips the CPU profiles.
 */
async function n8n(): Promise<void> {
	await benchN8n({
		sizes: (args.get('sizes') ?? '300,1000').split(',').map(Number),
		repeat: Number(args.get('repeat') ?? 3),
		profile: args.get('profile') !== 'false',
		profileItems: Number(args.get('profile-items') ?? 1000),
		log: (line) => console.log(line),
	});
}

/**
 * The same limits in a real n8n (issue #9: where the losses were first seen). `--items=200`,
 * `--repeat=3`, `--tarball=<file>` measures another build (e.g. an older commit's `npm pack`).
 */
async function n8nLimits(): Promise<void> {
	await benchN8nLimits({
		items: Number(args.get('items') ?? 200),
		repeat: Number(args.get('repeat') ?? 3),
		tarball: args.get('tarball'),
		log: (line) => console.log(line),
	});
}

/**
 * Zavu Webhook Trigger (issue #12): what checking one delivery's signature costs, by body size
 * (the rest of a delivery's cost is n8n's own webhook handling, not measured here yet).
 */
async function signature(): Promise<void> {
	const { createHmac } = await import('node:crypto');
	const { verifySignature } = await import('../nodes/ZavuWebhookTrigger/signature');
	const secret = 'whsec_bench';
	console.log('\n### Zavu Webhook Trigger: signature check per delivery (verifySignature, v2)\n');
	console.log('| body (bytes) | checks | µs per check |');
	console.log('|---:|---:|---:|');
	for (const size of [500, 5_000, 50_000]) {
		const body = Buffer.from(
			JSON.stringify({ id: 'evt_1', data: 'x'.repeat(size) }).slice(0, size),
		);
		const t = Math.floor(Date.now() / 1000);
		const v2 = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex');
		const header = `t=${t},v2=${v2}`;
		const n = 20_000;
		for (let k = 0; k < 1_000; k++) verifySignature(header, body, [secret], t); // warm-up
		const started = process.hrtime.bigint();
		for (let k = 0; k < n; k++) {
			if (!verifySignature(header, body, [secret], t).ok)
				throw new Error('bench signature refused');
		}
		const us = Number(process.hrtime.bigint() - started) / 1e3 / n;
		console.log(`| ${body.length} | ${n} | ${us.toFixed(1)} |`);
	}
}

async function main(): Promise<void> {
	console.log(`node ${process.version}, ${new Date().toISOString()}`);
	if (!only || only === 'sends') await sends();
	if (!only || only === 'limits') await limits();
	if (!only || only === 'trigger') await trigger();
	if (!only || only === 'n8n') await n8n();
	if (!only || only === 'n8n-limits') await n8nLimits();
	if (!only || only === 'signature') await signature();
	if (!only || only === 'broadcast')
		await benchBroadcast({
			contacts: Number(args.get('contacts') ?? 10_000),
			latencyMs: Number(args.get('latency') ?? 5),
			log: (line) => console.log(line),
		});
	if (!only || only === 'queue')
		await benchQueue({ repeat: Number(args.get('repeat') ?? 2), log: (line) => console.log(line) });
	if (!only || only === 'webhook')
		await benchWebhook({
			sequential: Number(args.get('sequential') ?? 50),
			burst: Number(args.get('burst') ?? 200),
			pollEvents: Number(args.get('poll-events') ?? 6),
			pollMinutes: Number(args.get('poll-minutes') ?? 3),
			log: (line) => console.log(line),
		});
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
