import { RateLimitGate } from '../../nodes/Zavu/transport/rateLimit';
import { useStandIn } from '../support/standIn';
import { runZavu, sendRows as rows, smsSendParams as sendParams } from './setup';

// Rate limits that do not announce themselves: headers only on the 429s, a quota another
// client shares. A 429 says "nothing happened, come back later": no item may be lost to it.

const stand = useStandIn({ perTest: true });
const { credentials, sends } = stand;

/** Every item sent once, in order, none failed; each message at Zavu once. */
function expectAllSentOnce(run: Awaited<ReturnType<typeof runZavu>>, n: number) {
	expect(run.error).toBeUndefined();
	expect(run.json.filter((j) => j.error)).toEqual([]);
	expect(run.json.map((j) => j.to)).toEqual(rows(n).map((r) => r.to));
	expect(stand.api.messages.size).toBe(n);
	expect(new Set([...stand.api.messages.values()].map((m) => m.to)).size).toBe(n);
	const accepted = sends().filter(
		(r) => r.status !== undefined && r.status >= 200 && r.status < 300,
	);
	expect(accepted).toHaveLength(n);
	expect(new Set(accepted.map((r) => r.body.idempotencyKey)).size).toBe(n);
}

describe('rate limits whose headers come only with the 429s', () => {
	it('200 sends, 10 in flight, 20 per second: every item sent exactly once, none fails', async () => {
		stand.api.setOptions({ rateLimit: { limit: 20, windowMs: 1000, headers: 'on429' } });
		const run = await runZavu(credentials(), sendParams({ itemsInFlight: 10 }), rows(200));
		expectAllSentOnce(run, 200);
		// The limit was really hit (so the test exercised 429s) and answered without headers.
		const limited = sends().filter((r) => r.status === 429);
		expect(limited.length).toBeGreaterThan(0);
		expect(
			sends().find((r) => r.status !== 429)?.responseHeaders?.['x-ratelimit-remaining'],
		).toBeUndefined();
	}, 60_000);

	it('a second client eats the same quota (a sliding-log limit) meanwhile: still nothing lost or doubled', async () => {
		stand.api.setOptions({
			rateLimit: { limit: 20, windowMs: 1000, headers: 'on429', sliding: true },
		});
		let stop = false;
		const other = (async () => {
			// Another integration on the same project: a few reads every 100 ms, bounded.
			for (let k = 0; k < 300 && !stop; k++) {
				await Promise.all(
					[1, 2].map(() =>
						fetch(`${stand.api.baseUrl}/v1/me`, {
							headers: { authorization: `Bearer ${stand.api.apiKey}` },
						}).then((r) => r.arrayBuffer()),
					),
				);
				await new Promise((resolve) => setTimeout(resolve, 100));
			}
		})();
		const run = await runZavu(credentials(), sendParams({ itemsInFlight: 10 }), rows(100));
		stop = true;
		await other;
		expectAllSentOnce(run, 100);
		expect(
			stand.api.requests.filter((r) => r.path === '/v1/me' && r.status === 429).length,
		).toBeGreaterThan(0);
	}, 60_000);
});

describe('a 429 is bounded by Max Retry Wait, not by Max Attempts', () => {
	it('five 429s in a row with Max Attempts 2: the item still goes out, once', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/messages' }, retryAfter: 1, times: 5 });
		const run = await runZavu(credentials(), sendParams({ maxAttempts: 2 }), rows(1));
		expectAllSentOnce(run, 1);
		expect(sends().map((r) => (r.status === 429 ? 429 : 'ok'))).toEqual([
			429,
			429,
			429,
			429,
			429,
			'ok',
		]);
	}, 30_000);

	it("past Max Retry Wait the item fails with Zavu's code and how long it waited", async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/messages' }, retryAfter: 2, times: 10 });
		// 429 → 2 s at the shut gate → 429: 2 s more would pass the 3 s allowed.
		const run = await runZavu(credentials(), sendParams({ maxRetryWaitSeconds: 3 }), rows(1));
		expect(run.error?.message).toMatch(/\[rate_limit_exceeded\]$/);
		expect(run.error?.description).toMatch(
			/Still rate limited after waiting [23] s; Zavu asked for 2 s more than "Max Retry Wait" allows\./,
		);
		expect(sends().map((r) => r.status)).toEqual([429, 429]);
		expect(stand.api.messages.size).toBe(0);
	}, 30_000);
});

describe('RateLimitGate', () => {
	it('a 429 shuts the gate for everyone; then retried requests go first, in ticket order', async () => {
		const gate = new RateLimitGate();
		const t = [0, 1, 2, 3, 4].map(() => gate.ticket());
		gate.closeFor(50);
		const order: number[] = [];
		const started = Date.now();
		// New requests 4 and 2 queue first; 1 and 3 come back from a 429 afterwards.
		const all = [t[4], t[2], t[3], t[1]].map((ticket) =>
			gate.acquire(ticket).then(() => order.push(ticket)),
		);
		await Promise.all(all);
		expect(Date.now() - started).toBeGreaterThanOrEqual(45);
		expect(order).toEqual([1, 2, 3, 4]);
	});

	it('with the window spent, waits for its reset; a request in flight counts against it', async () => {
		const gate = new RateLimitGate();
		await gate.acquire();
		gate.release({ 'x-ratelimit-remaining': '1', 'x-ratelimit-reset': String(Date.now() + 80) });
		await gate.acquire(); // the last one of the window
		let second = false;
		const waiting = gate.acquire().then(() => (second = true));
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(second).toBe(false);
		await waiting;
		expect(second).toBe(true);
	});
});
