import * as net from 'node:net';

import { NodeApiError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials } = useStandIn();

const posts = () => api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/invitations');
const gets = (id: string) =>
	api.requests.filter((r) => r.method === 'GET' && r.path === `/v1/invitations/${id}`);

let clients = 0;
/** A client e-mail per test: a create that may have reached Zavu looks for invitations by client. */
const create = (options: Record<string, unknown> = {}) => ({
	resource: 'invitation',
	operation: 'create',
	clientName: 'Retry Co',
	clientEmail: `ops${++clients}@retry.co`,
	additionalFields: {},
	options,
});
const created = (email: unknown) =>
	[...api.invitations.values()].filter((inv) => inv.clientEmail === email);

// What the node does after such a failure (it looks the invitation up) is tested in full in
// invitationRecovery.test.ts; here: the POST itself is never sent twice.
describe('create is never sent twice when Zavu may have acted on it', () => {
	it("a 500 is not retried: exactly one POST, and the error carries Zavu's code and says it may have been created", async () => {
		api.inject({
			match: { method: 'POST', path: '/v1/invitations' },
			status: 500,
			code: 'internal_error',
			message: 'Something broke',
		});
		const params = create();
		const run = await runZavu(credentials(), params);
		expect(posts()).toHaveLength(1);
		expect(created(params.clientEmail)).toHaveLength(0);
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toBe(
			`The invitation for ${params.clientEmail} may have been created: Zavu answered HTTP 500 (Something broke) [internal_error] [item 0]`,
		);
		expect(run.error?.httpCode).toBe('500');
	});

	it('a 503 is not retried either', async () => {
		api.inject({ match: { method: 'POST', path: '/v1/invitations' }, status: 503, times: 5 });
		const run = await runZavu(credentials(), create());
		expect(posts()).toHaveLength(1);
		expect(run.error?.httpCode).toBe('503');
	});

	it('a reset connection after Zavu acted is not retried: one POST, one invitation, which the item returns', async () => {
		const before = api.invitations.size;
		api.inject({ match: { method: 'POST', path: '/v1/invitations' }, reset: true, actFirst: true });
		const params = create();
		const run = await runZavu(credentials(), params);
		expect(posts()).toHaveLength(1);
		expect(api.invitations.size).toBe(before + 1);
		const [invitation] = created(params.clientEmail);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			{ ...invitation, recovered: expect.objectContaining({ code: 'ECONNRESET' }) },
		]);
	});

	it('a timeout is not retried: one POST, one invitation, which the item returns', async () => {
		const before = api.invitations.size;
		api.inject({ match: { method: 'POST', path: '/v1/invitations' }, delayMs: 2500 });
		const params = create({ timeoutSeconds: 1 });
		const run = await runZavu(credentials(), params);
		expect(posts()).toHaveLength(1);
		expect(api.invitations.size).toBe(before + 1);
		expect(run.json).toEqual([
			expect.objectContaining({
				id: created(params.clientEmail)[0].id,
				recovered: expect.objectContaining({
					code: expect.stringMatching(/^(ECONNABORTED|ETIMEDOUT)$/),
				}),
			}),
		]);
	});

	it('a timeout before Zavu acted is not retried: one POST, no invitation, the error says it may have been created', async () => {
		api.inject({ match: { method: 'POST', path: '/v1/invitations' }, reset: true, delayMs: 2500 });
		const params = create({ timeoutSeconds: 1 });
		const run = await runZavu(credentials(), params);
		expect(posts()).toHaveLength(1);
		expect(created(params.clientEmail)).toHaveLength(0);
		expect(run.error?.message).toMatch(
			/may have been created: Zavu did not answer within 1 s \(the Timeout option\) \[(ECONNABORTED|ETIMEDOUT)\] \[item 0\]$/,
		);
	});

	it('a 429 then 200 sends twice, waits Retry-After, and succeeds', async () => {
		api.inject({ match: { method: 'POST', path: '/v1/invitations' }, status: 429, retryAfter: 1 });
		const run = await runZavu(credentials(), create());
		expect(run.error).toBeUndefined();
		const sent = posts();
		expect(sent).toHaveLength(2);
		expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(950);
		expect(sent[1].body).toEqual(sent[0].body);
		expect(run.json).toEqual([
			expect.objectContaining({ clientName: 'Retry Co', status: 'pending' }),
		]);
		expect(run.json[0]).not.toHaveProperty('recovered');
	});

	it('a refused connection is retried (nothing reached Zavu) up to Max Attempts', async () => {
		// A port with nothing listening: every try is refused.
		const port = await freePort();
		const run = await runZavu(
			{ apiKey: api.apiKey, baseUrl: `http://127.0.0.1:${port}` },
			create({ maxAttempts: 2 }),
		);
		expect(run.error?.message).toBe(
			`Could not reach Zavu at http://127.0.0.1:${port}: the connection was refused after 2 attempts [ECONNREFUSED]`,
		);
	});
});

describe('reads and cancels retry transient failures', () => {
	it('GET retries 502/503/504 with backoff and then succeeds', async () => {
		const [inv] = api.seedInvitations(1);
		api.inject(
			{ match: { method: 'GET', path: `/v1/invitations/${inv.id}` }, status: 502 },
			{ match: { method: 'GET', path: `/v1/invitations/${inv.id}` }, status: 503 },
		);
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: inv.id,
		});
		expect(run.error).toBeUndefined();
		const sent = gets(inv.id);
		expect(sent).toHaveLength(3);
		expect(sent[1].at - sent[0].at).toBeGreaterThanOrEqual(450);
		expect(sent[2].at - sent[1].at).toBeGreaterThanOrEqual(950);
		expect(run.json[0].id).toBe(inv.id);
	});

	it('GET retries a reset connection and a timeout', async () => {
		const [inv] = api.seedInvitations(1);
		api.inject(
			{ match: { method: 'GET', path: `/v1/invitations/${inv.id}` }, reset: true },
			{ match: { method: 'GET', path: `/v1/invitations/${inv.id}` }, delayMs: 2500 },
		);
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: inv.id,
			options: { timeoutSeconds: 1 },
		});
		expect(run.error).toBeUndefined();
		expect(gets(inv.id)).toHaveLength(3);
	});

	it('cancel retries a 504', async () => {
		const [inv] = api.seedInvitations(1);
		api.inject({
			match: { method: 'POST', path: `/v1/invitations/${inv.id}/cancel` },
			status: 504,
		});
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'cancel',
			invitationId: inv.id,
		});
		expect(run.error).toBeUndefined();
		expect(api.requests.filter((r) => r.path.endsWith('/cancel'))).toHaveLength(2);
		expect(run.json[0].status).toBe('cancelled');
	});

	it('gives up after Max Attempts and says so', async () => {
		const [inv] = api.seedInvitations(1);
		api.inject({
			match: { method: 'GET', path: `/v1/invitations/${inv.id}` },
			status: 503,
			message: 'Down for maintenance',
			times: 10,
		});
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: inv.id,
			options: { maxAttempts: 2 },
		});
		expect(gets(inv.id)).toHaveLength(2);
		expect(run.error?.message).toBe('Down for maintenance [service_unavailable]');
		expect(run.error?.description).toMatch(/Gave up after 2 attempts/);
	});

	it('Max Attempts 1 never retries', async () => {
		const [inv] = api.seedInvitations(1);
		api.inject({ match: { method: 'GET', path: `/v1/invitations/${inv.id}` }, status: 503 });
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: inv.id,
			options: { maxAttempts: 1 },
		});
		expect(gets(inv.id)).toHaveLength(1);
		expect(run.error?.httpCode).toBe('503');
	});

	it('does not retry a 4xx other than 408/429', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: 'nope',
		});
		expect(gets('nope')).toHaveLength(1);
		expect(run.error?.httpCode).toBe('404');
	});

	it('a Retry-After beyond Max Retry Wait fails at once instead of waiting', async () => {
		const [inv] = api.seedInvitations(1);
		api.inject({
			match: { method: 'GET', path: `/v1/invitations/${inv.id}` },
			status: 429,
			retryAfter: 30,
		});
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: inv.id,
			options: { maxRetryWaitSeconds: 5 },
		});
		expect(gets(inv.id)).toHaveLength(1);
		expect(run.error?.httpCode).toBe('429');
		expect(run.error?.message).toMatch(/\[rate_limit_exceeded\]$/);
		expect(run.error?.description).toMatch(/wait 30 s, more than "Max Retry Wait" allows/);
	});

	it('a response that is not JSON is reported, not emitted', async () => {
		const [inv] = api.seedInvitations(1);
		api.inject({ match: { method: 'GET', path: `/v1/invitations/${inv.id}` }, malformed: true });
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: inv.id,
		});
		expect(run.error?.message).toMatch(
			/^Zavu returned an unexpected response: expected a JSON object from GET \/v1\/invitations\/\w+, got text "not json\{" \[invalid_response\]$/,
		);
		expect(run.items).toEqual([]);
	});
});

async function freePort(): Promise<number> {
	return await new Promise((resolve) => {
		const server = net.createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}
