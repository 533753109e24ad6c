import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { BroadcastStatus } from '../../constants';
import { fetchProgress } from './getProgress.operation';

/** Where a broadcast stops by itself: nothing more will be delivered without a new action. */
export const FINISHED: readonly BroadcastStatus[] = [
	'completed',
	'cancelled',
	'failed',
	'rejected',
	'rejected_final',
];

/** The first poll, then doubling up to the cap: quick for small sends, light for 50,000. */
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 30_000;

/**
 * Polls Get Progress with backoff until the broadcast is finished, or fails once `timeoutMs` has
 * passed, saying the broadcast goes on without the node and how to follow it. n8n's `sleep`:
 * node code has no timers of its own.
 */
export async function waitUntilFinished(
	this: IExecuteFunctions,
	i: number,
	id: string,
	segment: string,
	timeoutMs: number,
): Promise<IDataObject> {
	const started = Date.now();
	let delay = FIRST_POLL_MS;
	for (;;) {
		const left = timeoutMs - (Date.now() - started);
		await sleep(Math.max(0, Math.min(delay, left)));
		const progress = await fetchProgress.call(this, i, segment);
		if (FINISHED.includes(progress.status as BroadcastStatus)) return progress;
		if (Date.now() - started >= timeoutMs) throw timedOut(this, i, id, progress, timeoutMs);
		delay = Math.min(delay * 2, MAX_POLL_MS);
	}
}

function timedOut(
	ctx: IExecuteFunctions,
	i: number,
	id: string,
	progress: IDataObject,
	timeoutMs: number,
): NodeOperationError {
	const done = Number(progress.delivered ?? 0) + Number(progress.failed ?? 0);
	const seconds = Math.round(timeoutMs / 1000);
	const error = new NodeOperationError(
		ctx.getNode(),
		`Broadcast ${id} is still ${String(progress.status)} after waiting ${seconds} s (${done} of ${String(progress.total ?? '?')} contacts done) [item ${i}]`,
		{
			itemIndex: i,
			description:
				'The broadcast was sent and keeps going without this node: the timeout only stops the waiting. Follow it with Broadcast → Get Progress (or Get) on this ID, or raise Options → Wait Timeout.',
		},
	);
	error.context.zavuCode = 'wait_timeout';
	error.context.broadcastId = id;
	return error;
}
