/** The stand-in's URL verification (resources/urls.ts), answered as Zavu's SDK types it. */
import type { URLSubmitForVerificationResponse } from '@zavudev/sdk/resources/urls';

import { useStandIn } from '../support/standIn';
import { callStandIn } from './call';
import type { CallOptions } from './call';

const stand = useStandIn({ perTest: true });
const call = (path: string, opts: CallOptions = {}) => callStandIn(stand.api, path, opts);

test('POST /v1/urls: approved, rejected (shortener) or malicious; a repeat answers the same record', async () => {
	const statuses = [];
	for (const url of ['https://example.com/x', 'https://bit.ly/x', 'https://malware.example/x']) {
		const res = await call('/v1/urls', { body: { url } });
		const answer: URLSubmitForVerificationResponse = res.json;
		statuses.push([res.status, answer.url.status, answer.url.domain]);
	}
	expect(statuses).toEqual([
		[201, 'approved', 'example.com'],
		[201, 'rejected', 'bit.ly'],
		[201, 'malicious', 'malware.example'],
	]);
	const again = await call('/v1/urls', { body: { url: 'https://example.com/x' } });
	expect(again.status).toBe(200);
	expect(stand.api.modules.urls.urls.size).toBe(3);
	const got = await call(`/v1/urls/${again.json.url.id}`);
	expect(got.json).toEqual({ url: again.json.url });
});

test.each([
	[{}, 'url: is required'],
	[{ url: 'example.com' }, 'url: must be an absolute http(s) URL'],
	[{ url: 'ftp://example.com' }, 'url: must be an absolute http(s) URL'],
	[{ url: 'https://a.com', note: 1 }, 'note: is not a field of this request'],
])('POST /v1/urls refuses %j', async (body, message) => {
	const res = await call('/v1/urls', { body });
	expect([res.status, res.json]).toEqual([400, { code: 'validation_error', message }]);
});

test('GET /v1/urls filters by status and pages; an unknown status is a 400', async () => {
	const urls = stand.api.modules.urls;
	const pending = [
		urls.seed('https://a.com', { status: 'pending' }),
		urls.seed('https://b.com', { status: 'pending' }),
	];
	urls.seed('https://c.com');
	const page = await call('/v1/urls?status=pending&limit=1');
	expect(page.json.items.map((u: { id: string }) => u.id)).toEqual([pending[1].id]);
	const next = await call(`/v1/urls?status=pending&limit=1&cursor=${page.json.nextCursor}`);
	expect(next.json).toEqual({ items: [pending[0]], nextCursor: null });
	const bad = await call('/v1/urls?status=verified');
	expect([bad.status, bad.json.code]).toEqual([400, 'validation_error']);
});
