import { NodeApiError } from 'n8n-workflow';

import type { ZavuStandIn } from '../stand-in/ZavuStandIn';
import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

// Invitation → Create after a failure where Zavu may have acted (reset, timeout, 5xx): the node
// never sends the POST again; it looks for the invitation among pending ones and emits it with a
// `recovered` marker, or fails saying it may have been created and how to check.

const { api, credentials } = useStandIn();

const POST = { method: 'POST', path: '/v1/invitations' };
let counter = 0;
const nextEmail = () => `client${++counter}@recovery.test`;
const posts = (zavu: ZavuStandIn = api) =>
	zavu.requests.filter((r) => r.method === 'POST' && r.path === '/v1/invitations');
const lists = (zavu: ZavuStandIn = api) =>
	zavu.requests.filter((r) => r.method === 'GET' && r.path === '/v1/invitations');
const withEmail = (email: string, zavu: ZavuStandIn = api) =>
	[...zavu.invitations.values()].filter((inv) => inv.clientEmail === email);
const create = (clientEmail: string, options: object = {}, additionalFields: object = {}) => ({
	resource: 'invitation',
	operation: 'create',
	clientName: 'Recovery Co',
	clientEmail,
	additionalFields,
	options,
});
const RECOVERED_TAIL =
	'; Zavu had created this invitation (the only pending one with these client details created since the request was sent), so it was not created again.';
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

describe('Zavu acted, the answer was lost: the item is the invitation it created, marked recovered', () => {
	interface Case {
		name: string;
		/** The fault on the POST, after Zavu created the invitation. */
		fault: object;
		options: object;
		/** The item's `recovered` marker. */
		recovered: object;
	}
	const cases: Case[] = [
		{
			name: 'a reset after acting',
			fault: { reset: true },
			options: {},
			recovered: {
				code: 'ECONNRESET',
				message: `The connection dropped after the request was sent${RECOVERED_TAIL}`,
			},
		},
		{
			name: 'a timeout after acting (answer later than Timeout)',
			fault: { delayMs: 2500 },
			options: { timeoutSeconds: 1 },
			recovered: {
				code: expect.stringMatching(/^(ECONNABORTED|ETIMEDOUT)$/),
				message: `Zavu did not answer within 1 s (the Timeout option)${RECOVERED_TAIL}`,
			},
		},
		{
			name: 'a 503 after acting',
			fault: { status: 503 },
			options: {},
			recovered: {
				code: 'service_unavailable',
				httpCode: 503,
				message: `Zavu answered HTTP 503 (Injected fault (503))${RECOVERED_TAIL}`,
			},
		},
		{
			name: 'a 500 after acting',
			fault: { status: 500, message: 'Boom' },
			options: {},
			recovered: {
				code: 'internal_error',
				httpCode: 500,
				message: `Zavu answered HTTP 500 (Boom)${RECOVERED_TAIL}`,
			},
		},
		{
			name: 'a 504 after acting',
			fault: { status: 504 },
			options: {},
			recovered: {
				code: 'gateway_timeout',
				httpCode: 504,
				message: expect.stringMatching(/^Zavu answered HTTP 504/),
			},
		},
		{
			name: 'a 408 after acting',
			fault: { status: 408 },
			options: {},
			recovered: {
				code: 'request_timeout',
				httpCode: 408,
				message: expect.stringMatching(/^Zavu answered HTTP 408/),
			},
		},
		{
			name: 'a 2xx that is not JSON',
			fault: { malformed: true },
			options: {},
			recovered: {
				code: 'invalid_response',
				message: `Zavu accepted the request, but its answer could not be read${RECOVERED_TAIL}`,
			},
		},
	];
	it.each(cases)(
		'$name: one POST, one invitation, emitted with the marker',
		async ({ fault, options, recovered }) => {
			const email = nextEmail();
			api.inject({ match: POST, actFirst: true, ...fault });
			const run = await runZavu(credentials(), create(email, options));
			expect(run.error).toBeUndefined();
			expect(posts()).toHaveLength(1);
			const created = withEmail(email);
			expect(created).toHaveLength(1);
			expect(run.json).toEqual([{ ...created[0], recovered }]);
			expect(run.items[0].pairedItem).toEqual({ item: 0 });
			// The look: pending invitations, one page of 100 (newest first: it stops at older ones).
			expect(lists().map((r) => r.query)).toEqual([{ status: 'pending', limit: '100' }]);
		},
	);

	it('ignores look-alikes that are older than the window, not pending, or for another client', async () => {
		const email = nextEmail();
		api.seedInvitations(1, {
			clientName: 'Recovery Co',
			clientEmail: email,
			createdAt: minutesAgo(10),
		});
		api.seedInvitations(1, { clientName: 'Recovery Co', clientEmail: email, status: 'cancelled' });
		api.seedInvitations(1, { clientName: 'Other Co', clientEmail: email });
		api.seedInvitations(1, {
			clientName: 'Recovery Co',
			clientEmail: email,
			clientPhone: '+14155550199',
		});
		const before = new Set(api.invitations.keys());
		api.inject({ match: POST, reset: true, actFirst: true });
		const run = await runZavu(credentials(), create(email));
		const created = [...api.invitations.keys()].filter((id) => !before.has(id));
		expect(created).toHaveLength(1);
		expect(run.json).toEqual([
			expect.objectContaining({
				id: created[0],
				recovered: expect.objectContaining({ code: 'ECONNRESET' }),
			}),
		]);
		expect(posts()).toHaveLength(1);
	});

	it('compares the phone number and connection type that were sent', async () => {
		const email = nextEmail();
		const [pn1, pn2] = [...api.phoneNumbers.keys()];
		api.seedInvitations(1, { clientName: 'Recovery Co', clientEmail: email, phoneNumberId: pn2 });
		api.inject({ match: POST, status: 502, actFirst: true });
		const run = await runZavu(
			credentials(),
			create(email, {}, { phoneNumberId: pn1, connectionType: 'whatsapp_waba' }),
		);
		expect(run.error).toBeUndefined();
		expect(run.json[0]).toMatchObject({
			phoneNumberId: pn1,
			clientEmail: email,
			recovered: { code: 'bad_gateway', httpCode: 502 },
		});
		expect(withEmail(email)).toHaveLength(2);
	});
});

describe('not found, ambiguous or not looked up: an error that says it may exist, never a resend', () => {
	const expectCheckHint = (description: unknown, email: string) => {
		expect(description).toMatch(
			/It was not sent again: creating an invitation has no idempotency key/,
		);
		expect(description).toContain(
			`Zavu → Invitation → Get Many, Filters → Status "Pending", and look for Client Email "${email}", Client Name "Recovery Co"`,
		);
	};

	it('a reset before Zavu acted: no invitation, one POST, the error says it may have been created and how to check', async () => {
		const email = nextEmail();
		api.inject({ match: POST, reset: true });
		const run = await runZavu(credentials(), create(email));
		expect(posts()).toHaveLength(1);
		expect(withEmail(email)).toHaveLength(0);
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toBe(
			`The invitation for ${email} may have been created: the connection dropped after the request was sent [ECONNRESET] [item 0]`,
		);
		expect(run.error?.description).toMatch(
			/^No pending invitation with these client details created since the request was sent \(allowing 2 minutes of clock difference\) was found, but that does not prove none was created/,
		);
		expectCheckHint(run.error?.description, email);
		expect(`${run.error?.message} ${run.error?.description}`).not.toMatch(
			/Check the Base URL|Could not reach/,
		);
		expect(lists()).toHaveLength(1);
	});

	it("a 503 before Zavu acted keeps the HTTP status and Zavu's code", async () => {
		const email = nextEmail();
		api.inject({ match: POST, status: 503, code: 'unavailable', message: 'Down' });
		const run = await runZavu(credentials(), create(email));
		expect(posts()).toHaveLength(1);
		expect(run.error?.httpCode).toBe('503');
		expect(run.error?.message).toBe(
			`The invitation for ${email} may have been created: Zavu answered HTTP 503 (Down) [unavailable] [item 0]`,
		);
	});

	it('two identical invitations already in the window: ambiguous, named, not resent', async () => {
		const email = nextEmail();
		const seeded = api.seedInvitations(2, { clientName: 'Recovery Co', clientEmail: email });
		api.inject({ match: POST, reset: true, actFirst: true });
		const run = await runZavu(credentials(), create(email));
		expect(posts()).toHaveLength(1);
		const all = withEmail(email);
		expect(all).toHaveLength(3);
		expect(run.json).toEqual([]);
		expect(run.error?.message).toMatch(
			/may have been created: the connection dropped after the request was sent \[ECONNRESET\] \[item 0\]$/,
		);
		expect(run.error?.description).toMatch(
			/^3 pending invitations with these client details were created since the request was sent \(/,
		);
		for (const inv of all) expect(run.error?.description).toContain(inv.id);
		expect(run.error?.description).toMatch(
			/If they are duplicates, keep one and cancel the others/,
		);
		expect(seeded.every((inv) => api.invitations.get(inv.id)?.status === 'pending')).toBe(true);
	});

	it("the lookup itself fails: says so, keeps the POST's code", async () => {
		const email = nextEmail();
		api.inject(
			{ match: POST, reset: true, actFirst: true },
			{
				match: { method: 'GET', path: '/v1/invitations' },
				status: 500,
				message: 'List down',
				times: 5,
			},
		);
		const run = await runZavu(credentials(), create(email, { maxAttempts: 1 }));
		expect(posts()).toHaveLength(1);
		expect(withEmail(email)).toHaveLength(1);
		expect(run.error?.message).toMatch(/may have been created: .* \[ECONNRESET\] \[item 0\]$/);
		expect(run.error?.description).toMatch(
			/^Looking for it failed: List down \[internal_error\]\. It was not sent again/,
		);
	});

	interface Certain {
		name: string;
		/** The fault on the POST, before Zavu acts (none: Zavu's own answer). */
		fault: object;
		fields: object;
		/** How many POSTs reach Zavu. */
		sent: number;
		message: RegExp;
	}
	const certain: Certain[] = [
		{
			name: 'a 409',
			fault: { status: 409 },
			fields: {},
			sent: 1,
			message: /^Injected fault \(409\) \[conflict\]$/,
		},
		{
			name: "a 422 from Zavu's validation",
			fault: {},
			fields: { phoneNumberId: 'pn_missing' },
			sent: 1,
			message: /phone number pn_missing not found \[validation_error\]$/,
		},
		{
			name: 'a 501',
			fault: { status: 501, code: 'not_implemented' },
			fields: {},
			sent: 1,
			message: /\[not_implemented\]$/,
		},
		{
			name: 'a 429 asking for more than Max Retry Wait',
			fault: { status: 429, retryAfter: 30 },
			fields: {},
			sent: 1,
			message: /\[rate_limit_exceeded\]$/,
		},
	];
	it.each(certain)(
		'$name is a certain failure: no lookup, the error as before',
		async ({ fault, fields, sent, message }) => {
			const email = nextEmail();
			if (Object.keys(fault).length) api.inject({ match: POST, ...fault });
			const run = await runZavu(
				credentials(),
				create(email, { maxAttempts: 2, maxRetryWaitSeconds: 5 }, fields),
			);
			expect(posts()).toHaveLength(sent);
			expect(lists()).toHaveLength(0);
			expect(run.error?.message).toMatch(message);
			expect(withEmail(email)).toHaveLength(0);
		},
	);
});

describe('the lookup reads at most 2 pages of 100, whatever the list order', () => {
	const own = useStandIn();
	afterEach(() => {
		own.api.setOptions({ listOrder: 'newest' });
		for (const inv of own.api.invitations.values())
			if (inv.status === 'pending') own.api.cancelInvitation(inv.id);
	});
	const others = (n: number, createdAt?: string) =>
		own.api.seedInvitations(n, {
			clientName: 'Someone Else',
			clientEmail: 'else@other.test',
			...(createdAt ? { createdAt } : {}),
		});
	const run = async (email: string) => {
		own.api.inject({ match: POST, reset: true, actFirst: true });
		return await runZavu(own.credentials(), create(email));
	};

	it('newest first: stops at the first page that reaches invitations older than the window', async () => {
		others(250, minutesAgo(60));
		const email = nextEmail();
		const result = await run(email);
		expect(result.json[0]).toMatchObject({ clientEmail: email, recovered: { code: 'ECONNRESET' } });
		expect(lists(own.api)).toHaveLength(1);
	});

	it('oldest first, the invitation on page 2 and the list ends there: found', async () => {
		own.api.setOptions({ listOrder: 'oldest' });
		others(150);
		const email = nextEmail();
		const result = await run(email);
		expect(result.json[0]).toMatchObject({ clientEmail: email, recovered: { code: 'ECONNRESET' } });
		expect(lists(own.api).map((r) => Boolean(r.query.cursor))).toEqual([false, true]);
	});

	it.each(['oldest', 'random'] as const)(
		'%s order with more than 200 pending: 2 pages, then an inconclusive error',
		async (order) => {
			own.api.setOptions({ listOrder: order });
			others(250, order === 'oldest' ? undefined : minutesAgo(60));
			const email = nextEmail();
			const result = await run(email);
			expect(posts(own.api)).toHaveLength(1);
			expect(withEmail(email, own.api)).toHaveLength(1);
			expect(lists(own.api)).toHaveLength(2);
			expect(result.error?.message).toMatch(/may have been created: .* \[ECONNRESET\] \[item 0\]$/);
			expect(result.error?.description).toMatch(
				/^Only the first 200 pending invitations of the list were checked \((none matched|found \w+)\) and there are more, so this is not conclusive\./,
			);
		},
	);

	it('random order with one page of pending invitations: found', async () => {
		own.api.setOptions({ listOrder: 'random' });
		others(60, minutesAgo(60));
		const email = nextEmail();
		const result = await run(email);
		expect(result.json[0]).toMatchObject({ clientEmail: email, recovered: { code: 'ECONNRESET' } });
		expect(lists(own.api)).toHaveLength(1);
	});
});

describe('several items', () => {
	const rows = () => [
		{ name: 'One', email: nextEmail() },
		{ name: 'Two', email: nextEmail() },
		{ name: 'Three', email: nextEmail() },
	];
	const params = {
		resource: 'invitation',
		operation: 'create',
		clientName: '={{ $json.name }}',
		clientEmail: '={{ $json.email }}',
		additionalFields: {},
	};

	it('Continue On Fail, the middle one uncertain and not found: it carries the error, the others are created', async () => {
		const input = rows();
		// The first POST only answers a millisecond late; the second is reset before Zavu acts.
		api.inject({ match: POST, delayMs: 1 }, { match: POST, reset: true });
		const run = await runZavu(credentials(), params, input, { onError: 'continueRegularOutput' });
		expect(run.error).toBeUndefined();
		expect(posts().map((r) => r.body.clientEmail)).toEqual(input.map((r) => r.email));
		expect(run.json[0]).toMatchObject({ clientEmail: input[0].email, status: 'pending' });
		expect(run.json[0]).not.toHaveProperty('recovered');
		expect(run.json[1]).toEqual({
			error: `The invitation for ${input[1].email} may have been created: the connection dropped after the request was sent [ECONNRESET] [item 1]`,
			code: 'ECONNRESET',
			description: expect.stringMatching(/^No pending invitation with these client details/),
		});
		expect(run.json[2]).toMatchObject({ clientEmail: input[2].email, status: 'pending' });
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(input.map((r) => withEmail(r.email).length)).toEqual([1, 0, 1]);
	});

	it('Continue On Fail, the middle one a 503 after acting: recovered, every invitation exactly once', async () => {
		const input = rows();
		api.inject({ match: POST, delayMs: 1 }, { match: POST, status: 503, actFirst: true });
		const run = await runZavu(credentials(), params, input, { onError: 'continueRegularOutput' });
		expect(posts()).toHaveLength(3);
		expect(input.map((r) => withEmail(r.email).length)).toEqual([1, 1, 1]);
		expect(run.json.map((j) => j.clientEmail)).toEqual(input.map((r) => r.email));
		expect(
			run.json.map((j) => (j.recovered as { httpCode?: number } | undefined)?.httpCode),
		).toEqual([undefined, 503, undefined]);
	});

	it('two rows with the same client: the second never takes the invitation the first created', async () => {
		const email = nextEmail();
		const same = [
			{ name: 'Twin', email },
			{ name: 'Twin', email },
			{ name: 'Twin', email },
		];
		// Row 1: reset before Zavu acts (only row 0's invitation exists); row 2: reset after acting.
		api.inject(
			{ match: POST, delayMs: 1 },
			{ match: POST, reset: true },
			{ match: POST, reset: true, actFirst: true },
		);
		const run = await runZavu(credentials(), params, same, { onError: 'continueRegularOutput' });
		expect(posts()).toHaveLength(3);
		const all = withEmail(email);
		expect(all).toHaveLength(2);
		expect(run.json[0]).toMatchObject({ id: all[0].id });
		expect(run.json[1]).toMatchObject({
			code: 'ECONNRESET',
			error: expect.stringMatching(/may have been created: .*\[item 1\]$/),
		});
		expect(run.json[2]).toMatchObject({ id: all[1].id, recovered: { code: 'ECONNRESET' } });
	});

	it('without Continue On Fail the uncertain item stops the node; the next one is not sent', async () => {
		const input = rows();
		api.inject({ match: POST, delayMs: 1 }, { match: POST, reset: true });
		const run = await runZavu(credentials(), params, input);
		expect(run.error?.message).toMatch(/may have been created: .* \[ECONNRESET\] \[item 1\]$/);
		expect(posts().map((r) => r.body.clientEmail)).toEqual([input[0].email, input[1].email]);
	});
});
