import { useStandIn } from '../support/standIn';
import { runZavu, sendRows as rows, smsSendParams as sendParams } from './setup';

// Each test gets its own stand-in: these tests change latency and rate limits.
const stand = useStandIn({ perTest: true });
const { credentials, sends } = stand;

describe('no duplicate sends', () => {
	it('node Retry On Fail after the 3rd of 5 items fails once: exactly 5 messages at Zavu', async () => {
		// The 3rd send fails with a 500 the node does not retry itself (Max Attempts 1), so the
		// node fails and n8n re-runs it whole, resending items 1 and 2 with the same keys.
		stand.api.inject(
			{ match: { method: 'POST', path: '/v1/messages' }, delayMs: 1, times: 2 },
			{
				match: { method: 'POST', path: '/v1/messages' },
				status: 500,
				message: 'Upstream carrier error',
			},
		);
		const run = await runZavu(credentials(), sendParams({ maxAttempts: 1 }), rows(5), {
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 1,
		});
		expect(run.error).toBeUndefined();
		expect(run.executeCalls).toBe(2);
		expect(sends()).toHaveLength(2 + 1 + 5);
		expect(stand.api.messages.size).toBe(5);
		expect([...stand.api.messages.values()].map((m) => m.text).sort()).toEqual(
			rows(5)
				.map((r) => `Hello #${r.n}`)
				.sort(),
		);
		// The resent items got the same key as the first time.
		const keys = sends().map((r) => r.body.idempotencyKey);
		expect(keys.slice(3, 5)).toEqual(keys.slice(0, 2));
		expect(new Set(keys).size).toBe(5);
		expect(run.json.map((j) => j.text)).toEqual(rows(5).map((r) => `Hello #${r.n}`));
		expect(run.items.map((i) => i.pairedItem)).toEqual([0, 1, 2, 3, 4].map((item) => ({ item })));
	});

	it('a send Zavu performed but whose answer was lost (500) is retried safely: one message', async () => {
		stand.api.inject({
			match: { method: 'POST', path: '/v1/messages' },
			status: 500,
			actFirst: true,
		});
		const run = await runZavu(credentials(), sendParams(), rows(1));
		expect(run.error).toBeUndefined();
		expect(sends()).toHaveLength(2);
		expect(sends()[1].body.idempotencyKey).toBe(sends()[0].body.idempotencyKey);
		expect(stand.api.messages.size).toBe(1);
		expect(run.json[0].id).toBe([...stand.api.messages.keys()][0]);
	});

	it('a send that timed out after Zavu acted is retried with the same key: one message', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/messages' }, delayMs: 2500 });
		const run = await runZavu(credentials(), sendParams({ timeoutSeconds: 1 }), rows(1));
		expect(run.error).toBeUndefined();
		expect(sends()).toHaveLength(2);
		expect(stand.api.messages.size).toBe(1);
	});

	it('keys differ across items and across executions of the same workflow', async () => {
		await runZavu(credentials(), sendParams(), rows(2), {}, 'exec-1');
		await runZavu(credentials(), sendParams(), rows(2), {}, 'exec-2');
		const keys = sends().map((r) => r.body.idempotencyKey);
		expect(new Set(keys).size).toBe(4);
		expect(stand.api.messages.size).toBe(4);
	});
});

describe('bulk sending', () => {
	it('Items In Flight sends concurrently and keeps output order and pairing', async () => {
		stand.api.setOptions({ latencyMs: 20 });
		// The first item is answered late: with 5 in flight the others go on meanwhile.
		stand.api.inject({ match: { method: 'POST', path: '/v1/messages' }, delayMs: 400 });
		const run = await runZavu(credentials(), sendParams({ itemsInFlight: 5 }), rows(20));
		expect(run.error).toBeUndefined();
		expect(run.json.map((j) => j.to)).toEqual(rows(20).map((r) => r.to));
		expect(run.items.map((i) => i.pairedItem)).toEqual(rows(20).map((r) => ({ item: r.n })));
		expect(stand.api.messages.size).toBe(20);
		expect(stand.api.maxInFlight).toBe(5);
		expect(sends()).toHaveLength(20);
	});

	it('sequential by default: each send starts after the previous answer', async () => {
		stand.api.setOptions({ latencyMs: 10 });
		stand.api.inject({ match: { method: 'POST', path: '/v1/messages' }, delayMs: 200 });
		await runZavu(credentials(), sendParams(), rows(4));
		expect(stand.api.maxInFlight).toBe(1);
		expect([...stand.api.messages.values()].map((m) => m.to)).toEqual(rows(4).map((r) => r.to));
	});

	it('reads the credential once per run, not once (or twice) per request', async () => {
		const run = await runZavu(credentials(), sendParams({ itemsInFlight: 5 }), rows(25));
		expect(run.error).toBeUndefined();
		expect(sends()).toHaveLength(25);
		// Every send carried the key all the same.
		expect(sends().every((r) => r.headers.authorization === `Bearer ${stand.api.apiKey}`)).toBe(
			true,
		);
		expect(run.credentialReads).toBe(1);
	});

	it('paces itself by X-RateLimit-* headers: no 429 and nothing lost or doubled', async () => {
		stand.api.setOptions({ rateLimit: { limit: 10, windowMs: 1000 } });
		const run = await runZavu(credentials(), sendParams({ itemsInFlight: 5 }), rows(35));
		expect(run.error).toBeUndefined();
		// Every request beyond the limit would have been a 429 and been sent again.
		expect(sends()).toHaveLength(35);
		expect(stand.api.messages.size).toBe(35);
		expect(run.json.map((j) => j.to)).toEqual(rows(35).map((r) => r.to));
		// 35 sends at 10 per window need at least 4 windows.
		const span = sends()[34].at - sends()[0].at;
		expect(span).toBeGreaterThanOrEqual(2900);
	});

	it('a 429 anyway: waits Retry-After and carries on, every item sent once', async () => {
		stand.api.inject({ match: { method: 'POST', path: '/v1/messages' }, retryAfter: 1, times: 2 });
		const run = await runZavu(credentials(), sendParams({ itemsInFlight: 3 }), rows(6));
		expect(run.error).toBeUndefined();
		expect(sends()).toHaveLength(8);
		expect(stand.api.messages.size).toBe(6);
		expect(new Set([...stand.api.messages.values()].map((m) => m.to)).size).toBe(6);
		expect(run.json.map((j) => j.to)).toEqual(rows(6).map((r) => r.to));
	});

	it('without Continue On Fail a failing item stops the node and names that item', async () => {
		const run = await runZavu(
			credentials(),
			{ ...sendParams({ itemsInFlight: 4 }), to: '={{ $json.n === 5 ? "bad" : $json.to }}' },
			rows(12),
		);
		expect(run.error?.message).toBe(
			'To "bad" is not valid for channel sms: expected a phone number in E.164 format, e.g. +14155551234 [item 5]',
		);
		// Every item before the failing one was sent, once; items after it that were not yet
		// started are never sent (with 4 in flight, at most items 6–8 were already out).
		const texts = sends().map((r) => r.body.text);
		for (let n = 0; n < 5; n++) expect(texts.filter((t) => t === `Hello #${n}`)).toHaveLength(1);
		expect(texts).not.toContain('Hello #5');
		for (let n = 9; n < 12; n++) expect(texts).not.toContain(`Hello #${n}`);
	});
});
