import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials } = useStandIn();

const invitationRequests = () => api.requests.filter((r) => r.path.startsWith('/v1/invitations'));

describe('Invitation → Create', () => {
	it('sends every field to POST /v1/invitations and emits the invitation itself', async () => {
		const phone = [...api.phoneNumbers.values()][0];
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'create',
			clientName: 'Acme Corp',
			clientEmail: 'contact@acme.com',
			additionalFields: {
				clientPhone: '+14155551234',
				expiresInDays: 14,
				allowedPhoneCountries: ['US', 'MX'],
				phoneNumberId: phone.id,
				connectionType: 'whatsapp_waba',
			},
		});

		expect(run.error).toBeUndefined();
		const [request] = invitationRequests();
		expect(invitationRequests()).toHaveLength(1);
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/invitations');
		expect(request.headers.authorization).toBe(`Bearer ${api.apiKey}`);
		expect(request.headers['content-type']).toMatch(/application\/json/);
		expect(request.body).toEqual({
			clientName: 'Acme Corp',
			clientEmail: 'contact@acme.com',
			clientPhone: '+14155551234',
			expiresInDays: 14,
			allowedPhoneCountries: ['US', 'MX'],
			phoneNumberId: phone.id,
			connectionType: 'whatsapp_waba',
		});

		expect(run.json).toHaveLength(1);
		const invitation = run.json[0];
		expect(invitation).not.toHaveProperty('invitation');
		expect(invitation).toMatchObject({
			status: 'pending',
			clientName: 'Acme Corp',
			clientEmail: 'contact@acme.com',
			clientPhone: '+14155551234',
			phoneNumberId: phone.id,
			senderId: null,
		});
		expect(api.invitations.get(invitation.id as string)).toBeDefined();
		expect(invitation.url).toBe(`https://dashboard.zavu.dev/invite/${invitation.token as string}`);
		expect(run.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('sends only what is set: an empty form posts an empty body', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'create',
			clientName: '',
			clientEmail: '',
			additionalFields: {},
		});
		expect(run.error).toBeUndefined();
		expect(invitationRequests()[0].body).toEqual({});
		expect(invitationRequests()[0].headers['content-type']).toMatch(/^application\/json/);
		expect(run.json[0].status).toBe('pending');
	});

	it('resolves expressions per item and pairs each invitation with its row', async () => {
		const rows = [
			{ company: 'Alpha', email: 'a@alpha.io', countries: 'us, mx' },
			{ company: 'Beta', email: 'b@beta.io', countries: 'BR' },
			{ company: 'Gamma', email: 'g@gamma.io', countries: ['co', 'PE', 'co'] },
		];
		const run = await runZavu(
			credentials(),
			{
				resource: 'invitation',
				operation: 'create',
				clientName: '={{ $json.company }}',
				clientEmail: '={{ $json.email }}',
				additionalFields: { allowedPhoneCountries: '={{ $json.countries }}' },
			},
			rows,
		);
		expect(run.error).toBeUndefined();
		expect(invitationRequests().map((r) => r.body)).toEqual([
			{ clientName: 'Alpha', clientEmail: 'a@alpha.io', allowedPhoneCountries: ['US', 'MX'] },
			{ clientName: 'Beta', clientEmail: 'b@beta.io', allowedPhoneCountries: ['BR'] },
			{ clientName: 'Gamma', clientEmail: 'g@gamma.io', allowedPhoneCountries: ['CO', 'PE'] },
		]);
		expect(run.json.map((j) => j.clientName)).toEqual(['Alpha', 'Beta', 'Gamma']);
		expect(run.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	it('shows the API error code and message for what only Zavu can check (an unknown phone number)', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'create',
			clientName: 'Acme',
			clientEmail: '',
			additionalFields: { phoneNumberId: 'pn_unknown' },
		});
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toMatch(/phone number pn_unknown not found \[validation_error\]$/);
		expect(run.error?.message).not.toMatch(/Bad request/);
		expect(run.error?.httpCode).toBe('422');
	});

	it('Messenger: sends connectionType messenger and emits what Zavu returns once the client connects a Page', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'create',
			clientName: 'Acme Shop',
			clientEmail: 'shop@acme.com',
			additionalFields: { connectionType: 'messenger', expiresInDays: 3 },
		});
		expect(run.error).toBeUndefined();
		expect(invitationRequests().map((r) => r.body)).toEqual([
			{
				clientName: 'Acme Shop',
				clientEmail: 'shop@acme.com',
				expiresInDays: 3,
				connectionType: 'messenger',
			},
		]);
		const id = run.json[0].id as string;
		expect(run.json[0]).toMatchObject({
			connectionType: 'messenger',
			phoneNumberId: null,
			connectedAccount: null,
		});

		api.openInvitation(id);
		api.completeInvitation(id);
		const got = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: id,
		});
		expect(got.json[0]).toMatchObject({
			status: 'completed',
			senderId: expect.stringMatching(/^snd_/),
			connectedAccount: { id: expect.any(String), channel: 'messenger', name: expect.any(String) },
		});
	});

	it.each([
		['Client Phone', { clientPhone: '+14155551234' }],
		['Allowed Phone Countries', { allowedPhoneCountries: ['US'] }],
		['Phone Number', { phoneNumberId: 'pn_any' }],
	])(
		'Messenger with %s (WhatsApp Business only): stops before sending, naming the field',
		async (field, extra) => {
			const run = await runZavu(credentials(), {
				resource: 'invitation',
				operation: 'create',
				clientName: 'Acme',
				clientEmail: '',
				additionalFields: { connectionType: 'messenger', ...extra },
			});
			expect(run.thrown).toBeInstanceOf(NodeOperationError);
			expect(run.error?.message).toBe(
				`${field} applies only to the WhatsApp Business connection type, not Messenger (Facebook Page): remove it or change Connection Type [item 0]`,
			);
			expect(invitationRequests()).toHaveLength(0);
		},
	);

	describe('rejects bad input before any request, naming the field and the item', () => {
		// Item 0 is valid and item 1 is not: the error must name item 1, and only item 0 may
		// have reached Zavu (without Continue On Fail n8n stops at the first failing item).
		interface Case {
			name: string;
			/** The parameter, `group.name` inside a collection. */
			field: string;
			good: string | number | string[];
			bad: string | number | string[];
			message: string;
		}
		const cases: Case[] = [
			{
				name: 'an email that is not an email',
				field: 'clientEmail',
				good: 'a@acme.com',
				bad: 'not-an-email',
				message: 'Client Email "not-an-email" is not a valid email address [item 1]',
			},
			{
				name: 'a phone not in E.164',
				field: 'additionalFields.clientPhone',
				good: '+14155551234',
				bad: '555-1234',
				message: 'Client Phone "555-1234" is not in E.164 format [item 1]',
			},
			{
				name: 'an expiry of 0',
				field: 'additionalFields.expiresInDays',
				good: 7,
				bad: 0,
				message: 'Expires In (Days) must be a whole number of at least 1, got 0 [item 1]',
			},
			{
				name: 'a fractional expiry',
				field: 'additionalFields.expiresInDays',
				good: 7,
				bad: 1.5,
				message: 'Expires In (Days) must be a whole number of at least 1, got 1.5 [item 1]',
			},
			{
				name: 'a non-numeric expiry',
				field: 'additionalFields.expiresInDays',
				good: '7',
				bad: 'abc',
				message: 'Expires In (Days) must be a whole number of at least 1, got abc [item 1]',
			},
			{
				name: 'a three-letter country',
				field: 'additionalFields.allowedPhoneCountries',
				good: ['US'],
				bad: ['MX', 'USA'],
				message:
					'Allowed Phone Countries contains "USA", which is not a two-letter ISO 3166-1 country code [item 1]',
			},
			{
				name: 'a client name over 100 characters',
				field: 'clientName',
				good: 'x'.repeat(100),
				bad: 'x'.repeat(101),
				message: 'Client Name is 101 characters long; Zavu accepts at most 100 [item 1]',
			},
			{
				name: 'a connection type Zavu dropped',
				field: 'additionalFields.connectionType',
				good: 'whatsapp_waba',
				bad: 'whatsapp_alt',
				message:
					'Connection Type "whatsapp_alt" is not one Zavu knows (WhatsApp QR Linked is no longer in Zavu\'s API): use whatsapp_waba or messenger [item 1]',
			},
		];

		it.each(cases)('$name', async ({ field, good, bad, message }) => {
			const parameters: Record<string, any> = {
				resource: 'invitation',
				operation: 'create',
				clientName: 'Acme',
				clientEmail: 'a@acme.com',
				additionalFields: {},
			};
			const [group, name] = field.includes('.') ? field.split('.') : [undefined, field];
			(group ? parameters[group] : parameters)[name] = '={{ $json.v }}';

			const run = await runZavu(credentials(), parameters, [{ v: good }, { v: bad }]);

			expect(run.thrown).toBeInstanceOf(NodeOperationError);
			expect(run.error?.message).toBe(message);
			expect(run.error?.context?.itemIndex).toBe(1);
			expect(invitationRequests()).toHaveLength(1);
		});

		it('fails at the bad item only after sending the good ones, and sends nothing for it', async () => {
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
					{ name: 'Good', email: 'good@acme.com' },
					{ name: 'Bad', email: 'bad@' },
					{ name: 'Never', email: 'never@acme.com' },
				],
			);
			expect(run.thrown).toBeInstanceOf(NodeOperationError);
			expect(run.error?.message).toBe('Client Email "bad@" is not a valid email address [item 1]');
			expect(run.error?.context?.itemIndex).toBe(1);
			expect(invitationRequests().map((r) => r.body.clientName)).toEqual(['Good']);
		});
	});
});

describe('Invitation → Get', () => {
	it('GETs the invitation by id and emits it unwrapped', async () => {
		const [seeded] = api.seedInvitations(1, { clientName: 'Seeded' });
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: seeded.id,
		});
		expect(run.error).toBeUndefined();
		expect(invitationRequests().map((r) => [r.method, r.path])).toEqual([
			['GET', `/v1/invitations/${seeded.id}`],
		]);
		expect(run.json).toEqual([
			expect.objectContaining({ id: seeded.id, clientName: 'Seeded', status: 'pending' }),
		]);
	});

	it('encodes the id as one path segment', async () => {
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: '../me x?y=1',
		});
		expect(invitationRequests().map((r) => r.path)).toEqual([
			'/v1/invitations/..%2Fme%20x%3Fy%3D1',
		]);
		expect(api.requests.some((r) => r.path === '/v1/me')).toBe(false);
		expect(run.error?.message).toMatch(/\[invitation_not_found\]$/);
		expect(run.error?.httpCode).toBe('404');
	});

	// A literally empty required field is refused by n8n itself before the run; the node's own
	// check matters when an expression resolves to nothing.
	it.each([
		['empty', ''],
		['blank', '   '],
		['a dot segment', '..'],
	])('rejects an %s invitation id before any request', async (_label, id) => {
		const run = await runZavu(
			credentials(),
			{ resource: 'invitation', operation: 'get', invitationId: '={{ $json.id }}' },
			[{ id }],
		);
		expect(run.thrown).toBeInstanceOf(NodeOperationError);
		expect(run.error?.message).toMatch(/^Invitation ID .*\[item 0\]$/);
		expect(api.requests).toHaveLength(0);
	});
});

describe('Invitation → Cancel', () => {
	it('POSTs /cancel and emits the cancelled invitation', async () => {
		const [seeded] = api.seedInvitations(1);
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'cancel',
			invitationId: seeded.id,
		});
		expect(run.error).toBeUndefined();
		const requests = invitationRequests();
		expect(requests.map((r) => [r.method, r.path])).toEqual([
			['POST', `/v1/invitations/${seeded.id}/cancel`],
		]);
		expect(requests[0].rawBody).toBe('');
		expect(run.json).toEqual([expect.objectContaining({ id: seeded.id, status: 'cancelled' })]);
		expect(api.invitations.get(seeded.id)?.status).toBe('cancelled');
	});

	it('explains that a completed invitation cannot be cancelled and points to the sender', async () => {
		const [seeded] = api.seedInvitations(1);
		api.completeInvitation(seeded.id);
		const run = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'cancel',
			invitationId: seeded.id,
		});
		expect(run.thrown).toBeInstanceOf(NodeApiError);
		expect(run.error?.message).toBe('Cannot cancel a completed invitation [invitation_completed]');
		expect(run.error?.description).toMatch(/Manage the sender instead/);
		expect(run.error?.httpCode).toBe('409');
		expect(api.invitations.get(seeded.id)?.status).toBe('completed');
	});

	it('rejects an empty invitation id before any request', async () => {
		const run = await runZavu(
			credentials(),
			{ resource: 'invitation', operation: 'cancel', invitationId: '={{ $json.id }}' },
			[{ id: null }],
		);
		expect(run.error?.message).toBe('Invitation ID is empty [item 0]');
		expect(api.requests).toHaveLength(0);
	});
});
