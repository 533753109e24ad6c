import { createHash } from 'node:crypto';

import type { IExecuteFunctions } from 'n8n-workflow';

/**
 * The same key when n8n re-runs this node for the same item of the same execution (node
 * "Retry On Fail" resends every item), a different one for another item, run or execution.
 */
export function derivedIdempotencyKey(ctx: IExecuteFunctions, i: number): string {
	const runIndex = ctx.getWorkflowDataProxy(i).$runIndex;
	const seed = [
		ctx.getWorkflow().id ?? '',
		ctx.getExecutionId() ?? '',
		ctx.getNode().id ?? ctx.getNode().name,
		runIndex,
		i,
	];
	return `n8n-${createHash('sha256').update(JSON.stringify(seed)).digest('hex').slice(0, 40)}`;
}
