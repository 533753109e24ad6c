import type { IDataObject } from 'n8n-workflow';

import { ZavudevApi } from '../credentials/ZavudevApi.credentials';
import { Zavu } from '../nodes/Zavu/Zavu.node';
import { runNode } from '../test/support/n8nCore';
import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';

const ZAVU = 'n8n-nodes-zavudev.zavu';
const types = { nodeTypes: { [ZAVU]: new Zavu() }, credentialTypes: [new ZavudevApi()] };

/** The Send every benchmark runs: an SMS "Bench #n" to each item's `to`. */
export function benchSendParameters(options: Record<string, number>) {
	return {
		resource: 'message',
		operation: 'send',
		to: '={{ $json.to }}',
		channel: 'sms',
		text: '=Bench #{{ $json.n }}',
		options,
	};
}

/**
 * Another client on the same quota: `perSecond` requests per second (GET /v1/me) until stopped.
 * Nothing when `perSecond` is 0 or absent.
 */
export function competeFor(api: ZavuStandIn, perSecond?: number): { stop(): Promise<void> } {
	let competing = true;
	const running = (async () => {
		if (!perSecond) return;
		const gap = 1000 / perSecond;
		for (let k = 0; k < 100_000 && competing; k++) {
			await fetch(`${api.baseUrl}/v1/me`, {
				headers: { authorization: `Bearer ${api.apiKey}` },
			}).then((r) => r.arrayBuffer());
			await new Promise((resolve) => setTimeout(resolve, gap));
		}
	})();
	return {
		async stop() {
			competing = false;
			await running;
		},
	};
}

/** What the rate limit leaves the node, as a bound on the run's time (seconds). */
export function limitBound(
	items: number,
	rateLimit: { limit: number; windowMs: number },
	competitorPerSecond = 0,
): number {
	const available = rateLimit.limit - competitorPerSecond * (rateLimit.windowMs / 1000);
	return (items / available) * (rateLimit.windowMs / 1000);
}

export type BenchRateLimit = {
	limit: number;
	windowMs: number;
	headers?: 'always' | 'on429';
	sliding?: boolean;
};

const ON_429 = { limit: 20, windowMs: 1000, headers: 'on429' as const };

/** Limits that do not announce themselves (issue #9), and Zavu's own headers for comparison. */
export const LIMIT_SCENARIOS: Array<{
	scenario: string;
	rateLimit: BenchRateLimit;
	competitorPerSecond?: number;
}> = [
	{ scenario: 'headers only on 429, fixed window 20/s', rateLimit: ON_429 },
	{ scenario: 'headers only on 429, sliding 20/s', rateLimit: { ...ON_429, sliding: true } },
	{
		scenario: 'same, another client takes 5/s',
		rateLimit: { ...ON_429, sliding: true },
		competitorPerSecond: 5,
	},
	{ scenario: 'Zavu-style headers, fixed window 20/s', rateLimit: { limit: 20, windowMs: 1000 } },
];

export interface SendRow {
	scenario: string;
	inFlight: number;
	items: number;
	seconds: number;
	requests: number;
	tooMany: number;
	duplicates: number;
	lost: number;
	itemsPerSecond: number;
	boundRatio?: number;
}

/** 1,000 (or `items`) sends through real n8n-core's WorkflowExecute against the stand-in. */
export async function benchSends(opts: {
	items: number;
	inFlight: number;
	latencyMs: number;
	rateLimit?: BenchRateLimit;
	/** Another client on the same quota: this many requests per second while the node runs. */
	competitorPerSecond?: number;
	scenario?: string;
	/** The node's Max Attempts (default here 10; the node's own default is 3). */
	maxAttempts?: number;
}): Promise<SendRow> {
	const api = new ZavuStandIn({ latencyMs: opts.latencyMs, rateLimit: opts.rateLimit });
	await api.start();
	const competitor = competeFor(api, opts.competitorPerSecond);
	try {
		const rows: IDataObject[] = Array.from({ length: opts.items }, (_, n) => ({
			to: `+1415${String(5000000 + n)}`,
			n,
		}));
		const started = process.hrtime.bigint();
		const run = await runNode(
			types,
			{
				type: ZAVU,
				parameters: benchSendParameters({
					itemsInFlight: opts.inFlight,
					maxAttempts: opts.maxAttempts ?? 10,
				}),
				credentials: { zavudevApi: { apiKey: api.apiKey, baseUrl: api.baseUrl } },
			},
			rows,
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		await competitor.stop();
		if (run.error && !opts.scenario) throw new Error(`benchmark run failed: ${run.error.message}`);

		const texts = new Map<string, number>();
		for (const message of api.messages.values()) {
			texts.set(String(message.text), (texts.get(String(message.text)) ?? 0) + 1);
		}
		let duplicates = 0;
		let lost = 0;
		for (const row of rows) {
			const count = texts.get(`Bench #${String(row.n)}`) ?? 0;
			if (count === 0) lost++;
			if (count > 1) duplicates += count - 1;
		}
		const outOfOrder = run.items.some((item, k) => item.json.text !== `Bench #${k}`);
		if (!run.error && (outOfOrder || run.items.length !== opts.items))
			throw new Error('output order or count is wrong');

		const sends = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
		return {
			scenario:
				opts.scenario ??
				(opts.rateLimit
					? `rate limit ${opts.rateLimit.limit}/${opts.rateLimit.windowMs / 1000}s`
					: 'no rate limit'),
			inFlight: opts.inFlight,
			items: opts.items,
			seconds,
			requests: sends.length,
			tooMany: sends.filter((r) => r.status === 429).length,
			duplicates,
			lost,
			itemsPerSecond: opts.items / seconds,
			// The bound: the items over what the limit leaves the node (after the other client's share).
			boundRatio: opts.rateLimit
				? seconds / limitBound(opts.items, opts.rateLimit, opts.competitorPerSecond)
				: undefined,
		};
	} finally {
		await competitor.stop();
		await api.stop();
	}
}
