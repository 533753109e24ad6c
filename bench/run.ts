import './env';

import { benchSends, type SendRow } from './messages';

// `npm run bench [-- --only=sends] [-- --items=1000]`: prints Markdown tables for BENCHMARKS.md.
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
	console.log('| scenario | items in flight | time (s) | msgs/s | vs sequential | requests | 429s | duplicates | lost | time ÷ rate-limit bound |');
	console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
	for (const r of rows) {
		console.log(
			`| ${r.scenario} | ${r.inFlight} | ${r.seconds.toFixed(2)} | ${r.itemsPerSecond.toFixed(1)} | ${(sequential.seconds / r.seconds).toFixed(1)}× | ${r.requests} | ${r.tooMany} | ${r.duplicates} | ${r.lost} | ${r.boundRatio === undefined ? '–' : r.boundRatio.toFixed(3)} |`,
		);
	}
}

async function main(): Promise<void> {
	console.log(`node ${process.version}, ${new Date().toISOString()}`);
	if (!only || only === 'sends') await sends();
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
