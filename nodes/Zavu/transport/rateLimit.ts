import { sleep } from 'n8n-workflow';

/** Longest a window may keep the gate shut; Zavu's windows are one minute long. */
const MAX_GATE_WAIT_MS = 65_000;
/** How often a gate that waits on requests in flight looks again (one may end without headers). */
const IN_FLIGHT_POLL_MS = 25;
/** Longest single sleep of the gate, so it notices changes (and leaves no long timer behind). */
const MAX_SLEEP_MS = 1_000;

interface Waiter {
	ticket: number;
	go: () => void;
}

/**
 * Paces the requests of one node run (all items, all concurrent workers) by what Zavu says:
 * - `X-RateLimit-Remaining` / `X-RateLimit-Reset`: requests in flight count against what the
 *   last answer said is left, so a bulk run waits for the next window instead of bursting
 *   into 429s;
 * - a 429 shuts the gate for everyone until its `Retry-After`, so requests already waiting
 *   do not rush into a window that is known to be spent (limits whose headers come only with
 *   the 429, a gateway in front of the API, a quota shared with another client).
 * Waiting requests go through in ticket order, and a request keeps its ticket when it is
 * tried again: retried requests go ahead of newer ones, first come, first served, so none
 * starves behind a stream of new items.
 */
export class RateLimitGate {
	private remaining: number | undefined;

	private resetAt: number | undefined;

	private inFlight = 0;

	private closedUntil = 0;

	private nextTicket = 0;

	private readonly waiting: Waiter[] = [];

	private pumping = false;

	/** A place in line for a new request; pass it to every `acquire` of that request. */
	ticket(): number {
		return this.nextTicket++;
	}

	async acquire(ticket = this.ticket()): Promise<void> {
		if (!this.waiting.length && this.open(Date.now())) {
			this.inFlight++;
			return;
		}
		await new Promise<void>((go) => {
			const at = this.waiting.findIndex((w) => w.ticket > ticket);
			this.waiting.splice(at < 0 ? this.waiting.length : at, 0, { ticket, go });
			void this.pump();
		});
	}

	/** Called once per acquire, with the answer's headers when there was an answer. */
	release(headers?: Record<string, unknown>): void {
		this.inFlight = Math.max(0, this.inFlight - 1);
		if (!headers) return;
		const remaining = Number(first(headers['x-ratelimit-remaining']));
		const reported = Number(first(headers['x-ratelimit-reset']));
		if (!Number.isFinite(remaining) || !Number.isFinite(reported)) return;
		// A reset far away (clock skew, a bad header) must not shut the gate for longer than a window.
		const resetAt = Math.min(reported, Date.now() + MAX_GATE_WAIT_MS);
		if (this.resetAt === undefined || resetAt > this.resetAt) {
			this.resetAt = resetAt;
			this.remaining = remaining;
		} else if (resetAt === this.resetAt) {
			// Answers of one window arrive out of order: the smallest count is the latest.
			this.remaining = Math.min(this.remaining ?? remaining, remaining);
		}
	}

	/** After a 429: nobody goes through for `ms` (the answer's `Retry-After`). */
	closeFor(ms: number): void {
		this.closedUntil = Math.max(this.closedUntil, Date.now() + Math.min(ms, MAX_GATE_WAIT_MS));
	}

	private open(now: number): boolean {
		if (now < this.closedUntil) return false;
		if (this.resetAt !== undefined && now >= this.resetAt) {
			// A new window: nothing known about it until the next answer.
			this.remaining = undefined;
			this.resetAt = undefined;
		}
		return this.remaining === undefined || this.remaining - this.inFlight > 0;
	}

	/** Lets waiting requests through, in ticket order, as the gate opens. One pump at a time. */
	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.waiting.length) {
				const now = Date.now();
				if (this.open(now)) {
					this.inFlight++;
					this.waiting.shift()!.go();
					continue;
				}
				let wait: number;
				if (now < this.closedUntil) wait = this.closedUntil - now;
				else if (this.inFlight > 0) wait = IN_FLIGHT_POLL_MS;
				else wait = Math.max(1, (this.resetAt ?? now) - now);
				await sleep(Math.min(wait, MAX_SLEEP_MS));
			}
		} finally {
			this.pumping = false;
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
