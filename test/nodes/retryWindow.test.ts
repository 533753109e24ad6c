import type { IN8nHttpFullResponse } from 'n8n-workflow';

import { retryWindowMs } from '../../nodes/Zavu/transport';

const answer = (headers: Record<string, string>): IN8nHttpFullResponse => ({
	statusCode: 429,
	headers,
	body: { code: 'rate_limit_exceeded', message: 'Too many requests' },
});

describe('how long a 429 waits', () => {
	it('Retry-After alone: its seconds', () => {
		expect(retryWindowMs(answer({ 'retry-after': '2' }))).toBe(2000);
	});

	it('a window that reopens within the rounded-up second: until it reopens, not the whole second', () => {
		const reset = Date.now() + 200;
		const wait = retryWindowMs(answer({ 'retry-after': '1', 'x-ratelimit-reset': String(reset) }))!;
		expect(wait).toBeGreaterThanOrEqual(150);
		expect(wait).toBeLessThanOrEqual(210);
	});

	it('a reset that does not match Retry-After (sooner by more than a second, later, or garbage): Retry-After', () => {
		const now = Date.now();
		expect(
			retryWindowMs(answer({ 'retry-after': '3', 'x-ratelimit-reset': String(now + 500) })),
		).toBe(3000);
		expect(
			retryWindowMs(answer({ 'retry-after': '1', 'x-ratelimit-reset': String(now + 5000) })),
		).toBe(1000);
		expect(retryWindowMs(answer({ 'retry-after': '1', 'x-ratelimit-reset': 'soon' }))).toBe(1000);
		expect(
			retryWindowMs(answer({ 'retry-after': '1', 'x-ratelimit-reset': String(now - 1000) })),
		).toBe(1000);
	});

	it('no Retry-After, or 0: none (the caller backs off)', () => {
		expect(retryWindowMs(answer({}))).toBeUndefined();
		expect(retryWindowMs(answer({ 'retry-after': '0' }))).toBeUndefined();
	});
});
