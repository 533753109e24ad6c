import type { IDataObject } from 'n8n-workflow';

import { ZavudevApi } from '../credentials/ZavudevApi.credentials';
import { Zavu } from '../nodes/Zavu/Zavu.node';
import { runNode } from '../test/harness/n8n';
import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';

const ZAVU = 'n8n-nodes-zavudev.zavu';
const types = { nodeTypes: { [ZAVU]: new Zavu() }, credentialTypes: [new ZavudevApi()] };

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
	rateLimit?: { limit: number; windowMs: number };
}): Promise<SendRow> {
	const api = new ZavuStandIn({ latencyMs: opts.latencyMs, rateLimit: opts.rateLimit });
	await api.start();
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
				parameters: {
					resource: 'message',
					operation: 'send',
					to: '={{ $json.to }}',
					channel: 'sms',
					text: '=Bench #{{ $json.n }}',
					options: { itemsInFlight: opts.inFlight, maxAttempts: 10 },
				},
				credentials: { zavudevApi: { apiKey: api.apiKey, baseUrl: api.baseUrl } },
			},
			rows,
		);
		const seconds = Number(process.hrtime.bigint() - started) / 1e9;
		if (run.error) throw new Error(`benchmark run failed: ${run.error.message}`);

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
		if (outOfOrder || run.items.length !== opts.items) throw new Error('output order or count is wrong');

		return {
			scenario: opts.rateLimit ? `rate limit ${opts.rateLimit.limit}/${opts.rateLimit.windowMs / 1000}s` : 'no rate limit',
			inFlight: opts.inFlight,
			items: opts.items,
			seconds,
			requests: api.requests.length,
			tooMany: api.statusCounts.get(429) ?? 0,
			duplicates,
			lost,
			itemsPerSecond: opts.items / seconds,
			boundRatio: opts.rateLimit
				? seconds / ((opts.items / opts.rateLimit.limit) * (opts.rateLimit.windowMs / 1000))
				: undefined,
		};
	} finally {
		await api.stop();
	}
}
