import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials } = useStandIn();

const call = (params: Record<string, unknown>) => ({
	resource: 'customApiCall',
	operation: 'request',
	method: 'GET',
	options: {},
	...params,
});
const query = (pairs: Record<string, string>) => ({
	parameters: Object.entries(pairs).map(([name, value]) => ({ name, value })),
});
const SENDER = 'snd_seed00000000000001';

// First in the file: the stand-in then holds exactly these invitations.
describe('Return All', () => {
	it('follows nextCursor over 3 pages and emits every invitation once, in list order', async () => {
		const seeded = api.seedInvitations(250);
		expect(api.invitations.size).toBe(250);
		const run = await runZavu(
			credentials(),
			call({ path: '/v1/invitations', returnAll: true, queryParameters: query({ limit: '100' }) }),
		);
		expect(run.error).toBeUndefined();
		const pages = api.requestsTo('GET', '/v1/invitations');
		const next = { limit: '100', cursor: expect.any(String) };
		expect(pages.map((r) => r.query)).toEqual([{ limit: '100' }, next, next]);
		expect(pages[2].query.cursor).not.toBe(pages[1].query.cursor);
		// Newest first, as Zavu lists them: the reverse of creation.
		expect(run.json.map((j) => j.id)).toEqual(seeded.map((inv) => inv.id).reverse());
		expect(run.json[0]).toEqual(api.invitations.get(run.json[0].id as string));
		expect(run.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('keeps the query as given (no limit added): only the cursor comes with later pages', async () => {
		const run = await runZavu(
			credentials(),
			call({
				path: '/v1/invitations',
				returnAll: true,
				queryParameters: query({ status: 'pending' }),
			}),
			[{}, {}],
		);
		// The stand-in's default page is 50: 5 pages per item.
		const pages = api.requestsTo('GET', '/v1/invitations');
		expect(pages.map((r) => Object.keys(r.query).sort().join())).toEqual([
			'status',
			...Array(4).fill('cursor,status'),
			'status',
			...Array(4).fill('cursor,status'),
		]);
		expect(run.json).toHaveLength(500);
		expect(run.items.map((i) => (i.pairedItem as { item: number }).item)).toEqual([
			...Array(250).fill(0),
			...Array(250).fill(1),
		]);
	});

	it('off: a list answer is emitted as it is, one item', async () => {
		const run = await runZavu(
			credentials(),
			call({ path: '/v1/invitations', returnAll: false, queryParameters: query({ limit: '3' }) }),
		);
		expect(api.requests).toHaveLength(1);
		expect(run.json).toEqual([{ items: expect.any(Array), nextCursor: expect.any(String) }]);
		expect(run.json[0].items).toHaveLength(3);
	});

	it('on an endpoint that is not a list: says so instead of emitting nothing', async () => {
		const run = await runZavu(credentials(), call({ path: '/v1/me', returnAll: true }));
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toBe(
			'Zavu returned an unexpected response: no "items" array in the answer to GET /v1/me; Return All is for list endpoints: turn it off to get the response as one item [invalid_response]',
		);
	});
});

describe('retries follow the method', () => {
	it("POST is not retried after a 500: one request reached Zavu, the error carries Zavu's code", async () => {
		api.inject({
			match: { method: 'POST', path: '/v1/messages' },
			status: 500,
			code: 'internal_error',
			message: 'Something broke',
		});
		const run = await runZavu(
			credentials(),
			call({ method: 'POST', path: '/v1/messages', body: '{"to":"+14155551234","text":"Hi"}' }),
		);
		expect(api.requests).toHaveLength(1);
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toBe('Something broke [internal_error]');
		expect(run.error?.httpCode).toBe('500');
		expect(run.error?.description ?? '').not.toMatch(/Gave up/);
	});

	it('GET is retried after a 503 and then succeeds', async () => {
		api.inject({ match: { method: 'GET', path: '/v1/me' }, status: 503 });
		const run = await runZavu(credentials(), call({ path: '/v1/me' }));
		expect(run.error).toBeUndefined();
		const sent = api.requestsTo('GET', '/v1/me');
		expect(sent.map((r) => r.status)).toEqual([503, 200]);
		expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(450);
		expect(run.json).toEqual([expect.objectContaining({ isTestMode: true })]);
	});

	it.each([
		['GET', 2],
		['PUT', 2],
		['DELETE', 2],
		['POST', 1],
		['PATCH', 1],
	])('%s after a 503: %i request(s)', async (method, requests) => {
		api.inject({ match: { path: '/v1/retry-probe' }, status: 503 });
		const run = await runZavu(credentials(), call({ method, path: '/v1/retry-probe', body: '' }));
		expect(api.requests).toHaveLength(requests);
		// The retry reaches the stand-in, which has no such route.
		expect(run.error?.message).toBe(
			requests === 2 ? 'Route not found [not_found]' : 'Injected fault (503) [service_unavailable]',
		);
	});

	it('POST is retried after a 429 (Zavu did not act on it)', async () => {
		api.inject({ match: { method: 'POST', path: '/v1/retry-probe' }, status: 429, retryAfter: 0 });
		const run = await runZavu(credentials(), call({ method: 'POST', path: '/v1/retry-probe' }));
		expect(api.requests.map((r) => r.status)).toEqual([429, 404]);
		expect(run.error?.message).toBe('Route not found [not_found]');
	});
});

describe('the request is sent as given', () => {
	it('POST: query and JSON body exactly as given; the answer is emitted as it is', async () => {
		const body = { to: '+14155551234', text: 'Hi', channel: 'sms', idempotencyKey: 'k-1' };
		const run = await runZavu(
			credentials(),
			call({
				method: 'POST',
				path: '/v1/messages',
				queryParameters: query({ source: 'n8n', 'tag[]': 'a b&c' }),
				body: JSON.stringify(body),
			}),
		);
		expect(run.error).toBeUndefined();
		const [request] = api.requests;
		expect([request.method, request.path]).toEqual(['POST', '/v1/messages']);
		expect(request.query).toEqual({ source: 'n8n', 'tag[]': 'a b&c' });
		expect(request.body).toEqual(body);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect(request.headers.authorization).toBe(`Bearer ${api.apiKey}`);
		expect(run.json).toEqual([{ message: expect.objectContaining({ to: '+14155551234' }) }]);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('PATCH: a body given as an object by an expression, per item', async () => {
		const run = await runZavu(
			credentials(),
			call({
				method: 'PATCH',
				path: `=/v1/senders/{{ $json.id }}`,
				body: '={{ { name: $json.name } }}',
			}),
			['Renamed', 'Again'].map((name) => ({ id: SENDER, name })),
		);
		expect(run.error).toBeUndefined();
		expect(api.requests.map((r) => [r.method, r.path, r.body])).toEqual([
			['PATCH', `/v1/senders/${SENDER}`, { name: 'Renamed' }],
			['PATCH', `/v1/senders/${SENDER}`, { name: 'Again' }],
		]);
		expect(run.json.map((j) => `${j.id as string}: ${j.name as string}`)).toEqual([
			`${SENDER}: Renamed`,
			`${SENDER}: Again`,
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it.each([
		['GET', '{"ignored":true}', ''],
		['DELETE', '{"ignored":true}', ''],
		['POST', '', ''],
		['POST', '{}', '{}'],
		['PUT', '  ', ''],
	])('%s with body %j sends %j', async (method, body, rawBody) => {
		await runZavu(credentials(), call({ method, path: '/v1/probe', body }));
		expect(api.requests.map((r) => [r.method, r.rawBody])).toEqual([[method, rawBody]]);
	});

	it('Zavu-Sender only when a sender is set', async () => {
		await runZavu(credentials(), call({ path: '/v1/me', options: { senderId: SENDER } }));
		await runZavu(credentials(), call({ path: '/v1/me', options: { senderId: '  ' } }));
		await runZavu(credentials(), call({ path: '/v1/me' }));
		const sent = api.requests.map((r) => r.headers['zavu-sender']);
		expect(sent).toEqual([SENDER, undefined, undefined]);
	});
});

describe('Continue On Fail', () => {
	it("the failing item carries Zavu's code and message, the next one runs", async () => {
		const [inv] = api.seedInvitations(1);
		const run = await runZavu(
			credentials(),
			call({ path: '=/v1/invitations/{{ $json.id }}' }),
			[{ id: 'inv_missing' }, { id: inv.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{
				error: expect.stringMatching(/\[invitation_not_found\]$/),
				code: 'invitation_not_found',
				httpCode: 404,
			},
			{ invitation: expect.objectContaining({ id: inv.id }) },
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		const paths = api.requests.map((r) => r.path);
		expect(paths).toEqual(['/v1/invitations/inv_missing', `/v1/invitations/${inv.id}`]);
	});
});

describe('paths that would leave the base URL are refused before any request', () => {
	const HOST = "names another host: give only the path under the credential's base URL";
	const DOTS = 'contains a "." or ".." segment, which would move out of the path it names';
	const PREFIX = "must start with /v1/ or /v2/ (Zavu's API versions), e.g. /v1/contacts";
	it.each([
		['https://other.host/v1/me', HOST],
		['HTTP://127.0.0.1/v1/me', HOST],
		['//other.host/v1/me', HOST],
		['javascript:alert(1)', HOST],
		['/v1/../admin', DOTS],
		['/v1/contacts/..', DOTS],
		['/v1/./me', DOTS],
		['/v1/%2e%2e/admin', DOTS],
		['/v1/%2E%2e/admin', DOTS],
		['/v1/.%2E/admin', DOTS],
		['/v1/contacts/..%2F..%2Fadmin', DOTS],
		['/v1/%252e%252e/admin', DOTS],
		['/v1\\..\\admin', 'contains a backslash: separate segments with "/"'],
		['/v1/contacts/%5C..', 'contains an encoded backslash or control character (e.g. %5C)'],
		['/v1/me%00', 'contains an encoded backslash or control character'],
		['/v1/%zz', 'contains a malformed percent-escape in "%zz"'],
		['v1/me', PREFIX],
		['/v3/me', PREFIX],
		['/admin', PREFIX],
		['/v1', PREFIX],
		['/v1/me?limit=1', 'contains a query string: put its parameters in Query Parameters instead'],
		['/v1/me#x', 'contains a query string'],
		['/v1/me x', 'contains a space or control character: percent-encode it (a space is %20)'],
		['/v1//me', 'contains an empty segment ("//")'],
		['', 'Path is empty'],
	])('%j', async (path, problem) => {
		const run = await runZavu(credentials(), call({ path: '={{ $json.path }}' }), [{ path }]);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toMatch(/^Path .*\[item 0\]$/);
		expect(run.error?.message).toContain(problem);
		expect(run.error?.context?.itemIndex).toBe(0);
		expect(api.requests).toHaveLength(0);
	});

	it('the message names the field, the value and what is expected', async () => {
		const run = await runZavu(credentials(), call({ path: 'https://evil.example/v1/me' }));
		expect(run.error?.message).toBe(
			`Path "https://evil.example/v1/me" ${HOST}, e.g. /v1/contacts [item 0]`,
		);
		expect(run.error?.description).toMatch(/API key is sent with the request/);
		const bare = await runZavu(credentials(), call({ path: 'contacts' }));
		expect(bare.error?.message).toBe(`Path "contacts" ${PREFIX} [item 0]`);
		expect(api.requests).toHaveLength(0);
	});

	it('a valid path with an encoded ID is sent as it is', async () => {
		await runZavu(credentials(), call({ path: '/v2/contacts/phone/%2B14155551234/' }));
		expect(api.requests.map((r) => r.path)).toEqual(['/v2/contacts/phone/%2B14155551234/']);
	});
});

describe('other bad input fails before any request, naming the field', () => {
	const limitTwice = [
		{ name: 'limit', value: '1' },
		{ name: 'limit', value: '2' },
	];
	it.each([
		[{ method: 'POST', body: '{"to": ' }, 'JSON Body is not valid JSON: '],
		[{ method: 'POST', body: '[1, 2]' }, 'JSON Body must be a JSON object ({ ... }), got an array'],
		[{ method: 'PUT', body: '"text"' }, 'JSON Body must be a JSON object ({ ... }), got string'],
		[{ queryParameters: { parameters: limitTwice } }, 'Query Parameters: "limit" is given twice'],
		[{ queryParameters: query({ ' ': 'x' }) }, 'Query Parameters: the value "x" has no name'],
		[{ method: '={{ "FETCH" }}' }, 'Method "FETCH" is not one of DELETE, GET, PATCH, POST, PUT'],
		[{ options: { maxAttempts: 11 } }, 'Max Attempts must be a whole number from 1 to 10, got 11'],
	])('%j', async (params, message) => {
		const run = await runZavu(credentials(), call({ path: '/v1/invitations', ...params }));
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toMatch(/ \[item 0\]$/);
		expect(run.error?.message.startsWith(message)).toBe(true);
		expect(api.requests).toHaveLength(0);
	});
});
