import type { IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Leave this much of the host's poll budget unused (at most a tenth of it): the last request may take that long. */
const SAFETY_MS = 5_000;

/**
 * Stops a poll that is about to outrun the time the host gives it (`getPollBudgetMs`, on
 * newer n8n versions only). Stopping throws: the state is only written after a complete
 * poll, so the next poll starts from the same place and misses nothing.
 */
export class PollGuard {
	private readonly deadline: number | undefined;

	constructor(private readonly ctx: IPollFunctions) {
		const budget = hostBudgetMs(ctx);
		this.deadline =
			budget === undefined ? undefined : Date.now() + budget - Math.min(SAFETY_MS, budget / 10);
	}

	check(): void {
		if (this.deadline !== undefined && Date.now() > this.deadline) {
			throw new NodeOperationError(
				this.ctx.getNode(),
				'The poll ran out of the time n8n allows it and stopped; nothing was marked as seen, the next poll picks up the same changes',
			);
		}
	}
}

function hostBudgetMs(ctx: IPollFunctions): number | undefined {
	// Older hosts have no getPollBudgetMs: check before calling.
	const fn = (ctx as Partial<Pick<IPollFunctions, 'getPollBudgetMs'>>).getPollBudgetMs;
	if (typeof fn !== 'function') return undefined;
	const budget = fn.call(ctx);
	return typeof budget === 'number' && Number.isFinite(budget) && budget > 0 ? budget : undefined;
}
