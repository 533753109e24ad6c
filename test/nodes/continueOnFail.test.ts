import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

// With the node's On Error set to Continue (regular output), a failing item becomes an item that
// carries the error, paired with its input row, and the other items still run. (The per-operation
// suites have more: bad send input, invitation creates that may have reached Zavu.)

const { api, credentials } = useStandIn();

describe('Continue On Fail', () => {
	it('3 items, the middle one fails at the API: it carries the error, the others run', async () => {
		const [a, c] = api.seedInvitations(2);
		const run = await runZavu(
			credentials(),
			{ resource: 'invitation', operation: 'get', invitationId: '={{ $json.id }}' },
			[{ id: a.id }, { id: 'does-not-exist' }, { id: c.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.error).toBeUndefined();
		expect(run.json).toEqual([
			expect.objectContaining({ id: a.id, status: 'pending' }),
			{
				error: expect.stringMatching(/\[invitation_not_found\]$/),
				code: 'invitation_not_found',
				httpCode: 404,
			},
			expect.objectContaining({ id: c.id, status: 'pending' }),
		]);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(api.requests.map((r) => r.path)).toEqual([
			`/v1/invitations/${a.id}`,
			'/v1/invitations/does-not-exist',
			`/v1/invitations/${c.id}`,
		]);
	});

	it('Continue On Fail items: httpCode is a number when Zavu answered, absent for network and parse failures', async () => {
		const [a, b, c] = api.seedInvitations(3);
		api.inject(
			{ match: { method: 'GET', path: `/v1/invitations/${a.id}` }, reset: true, times: 5 },
			{ match: { method: 'GET', path: `/v1/invitations/${b.id}` }, malformed: true, times: 5 },
			{
				match: { method: 'GET', path: `/v1/invitations/${c.id}` },
				status: 503,
				code: 'unavailable',
				message: 'Down',
				times: 5,
			},
		);
		const run = await runZavu(
			credentials(),
			{
				resource: 'invitation',
				operation: 'get',
				invitationId: '={{ $json.id }}',
				options: { maxAttempts: 1 },
			},
			[{ id: a.id }, { id: b.id }, { id: c.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json.map((j) => [j.code, j.httpCode, typeof j.httpCode])).toEqual([
			['ECONNRESET', undefined, 'undefined'],
			['invalid_response', undefined, 'undefined'],
			['unavailable', 503, 'number'],
		]);
		expect(run.json.every((j) => !('httpCode' in j) || typeof j.httpCode === 'number')).toBe(true);
	});

	it('3 items, the middle one fails validation: no request for it, the others are created', async () => {
		const run = await runZavu(
			credentials(),
			{
				resource: 'invitation',
				operation: 'create',
				clientName: '={{ $json.name }}',
				clientEmail: '={{ $json.email }}',
				additionalFields: {},
			},
			[
				{ name: 'One', email: 'one@acme.com' },
				{ name: 'Two', email: 'two-at-acme.com' },
				{ name: 'Three', email: 'three@acme.com' },
			],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json[0]).toMatchObject({ clientName: 'One', status: 'pending' });
		expect(run.json[1]).toEqual({
			error: 'Client Email "two-at-acme.com" is not a valid email address [item 1]',
			code: 'invalid_parameter',
		});
		expect(run.json[2]).toMatchObject({ clientName: 'Three', status: 'pending' });
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(api.requests.map((r) => r.body?.clientName)).toEqual(['One', 'Three']);
	});

	it('a completed invitation in a cancel batch keeps the hint in its item', async () => {
		const [a, b] = api.seedInvitations(2);
		api.completeInvitation(b.id);
		const run = await runZavu(
			credentials(),
			{ resource: 'invitation', operation: 'cancel', invitationId: '={{ $json.id }}' },
			[{ id: a.id }, { id: b.id }],
			{ onError: 'continueRegularOutput' },
		);
		expect(run.json[0]).toMatchObject({ id: a.id, status: 'cancelled' });
		expect(run.json[1]).toMatchObject({
			error: 'Cannot cancel a completed invitation [invitation_completed]',
			code: 'invitation_completed',
			httpCode: 409,
			description: expect.stringMatching(/Manage the sender instead/),
		});
	});
});
