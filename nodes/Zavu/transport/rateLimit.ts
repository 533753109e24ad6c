import { sleep } from 'n8n-workflow';

/** Longest single wait for a window to reset; Zavu's windows are one minute long. */
const MAX_GATE_WAIT_MS = 65_000;

/**
 * Paces requests by Zavu's `X-RateLimit-Remaining` / `X-RateLimit-Reset` headers, so a bulk
 * run waits for the next window instead of bursting into 429s. One gate is shared by every
 * request of one node run (all items, all concurrent workers): requests in flight count
 * against what the last answer said is left.
 */
export class RateLimitGate {
	private remaining: number | undefined;

	private resetAt: number | undefined;

	private inFlight = 0;

	async acquire(): Promise<void> {
		for (;;) {
			const now = Date.now();
			if (this.resetAt !== undefined && now >= this.resetAt) {
				// A new window: nothing known about it until the next answer.
				this.remaining = undefined;
				this.resetAt = undefined;
			}
			if (this.remaining === undefined || this.remaining - this.inFlight > 0) {
				this.inFlight++;
				return;
			}
			const wait = Math.min(MAX_GATE_WAIT_MS, Math.max(1, (this.resetAt ?? now) - now));
			await sleep(wait);
			// After an over-long wait (clock skew), forget the stale window rather than loop.
			if (wait === MAX_GATE_WAIT_MS) {
				this.remaining = undefined;
				this.resetAt = undefined;
			}
		}
	}

	/** Called once per acquire, with the answer's headers when there was an answer. */
	release(headers?: Record<string, unknown>): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (!headers) return;
		const remaining = Number(first(headers['x-ratelimit-remaining']));
		const resetAt = Number(first(headers['x-ratelimit-reset']));
		if (!Number.isFinite(remaining) || !Number.isFinite(resetAt)) return;
		if (this.resetAt === undefined || resetAt > this.resetAt) {
			this.resetAt = resetAt;
			this.remaining = remaining;
		} else if (resetAt === this.resetAt) {
			// Answers of one window arrive out of order: the smallest count is the latest.
			this.remaining = Math.min(this.remaining ?? remaining, remaining);
		}
	}
}

function first(value: unknown): unknown {
	return Array.isArray(value) ? value[0] : value;
}

const gates = new WeakMap<object, RateLimitGate>();

/** The gate of one node run: `this` is a fresh context object per execution. */
export function gateFor(context: object): RateLimitGate {
	let gate = gates.get(context);
	if (!gate) {
		gate = new RateLimitGate();
		gates.set(context, gate);
	}
	return gate;
}
