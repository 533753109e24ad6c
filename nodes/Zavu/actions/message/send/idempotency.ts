import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The same key when n8n re-runs this node for the same item of the same execution (node
 * "Retry On Fail" resends every item), a different one for another item, run or execution.
 */
export function derivedIdempotencyKey(ctx: IExecuteFunctions, i: number): string {
	const seed = [...runSeed(ctx), i];
	return `n8n-${createHash('sha256').update(JSON.stringify(seed)).digest('hex').slice(0, 40)}`;
}

/**
 * Workflow, execution, node and run index: the same for every item of one node run (`ctx` is a
 * fresh context per run), so read once. Building the data proxy for `$runIndex` for every item
 * cost about 3 % of a send's CPU in a real n8n (BENCHMARKS.md).
 */
const runSeeds = new WeakMap<IExecuteFunctions, unknown[]>();
function runSeed(ctx: IExecuteFunctions): unknown[] {
	let seed = runSeeds.get(ctx);
	if (!seed) {
		seed = [
			ctx.getWorkflow().id ?? '',
			ctx.getExecutionId() ?? '',
			ctx.getNode().id ?? ctx.getNode().name,
			ctx.getWorkflowDataProxy(0).$runIndex,
		];
		runSeeds.set(ctx, seed);
	}
	return seed;
}
