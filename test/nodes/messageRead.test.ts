import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api, credentials } = useStandIn();

const lists = () => api.requests.filter((r) => r.method === 'GET' && r.path === '/v1/messages');

describe('Message → Get', () => {
	it('GETs the message by id, encoded, and emits it unwrapped', async () => {
		const sent = await runZavu(credentials(), {
			resource: 'message',
			operation: 'send',
			to: '+14155551234',
			channel: 'sms',
			text: 'Hi',
		});
		const id = sent.json[0].id as string;
		api.setMessageStatus(id, 'delivered');
		api.clearRequests();
		const run = await runZavu(credentials(), {
			resource: 'message',
			operation: 'get',
			messageId: `={{ "${id}" }}`,
		});
		expect(api.requests.map((r) => [r.method, r.path])).toEqual([['GET', `/v1/messages/${id}`]]);
		expect(run.json).toEqual([
			expect.objectContaining({ id, status: 'delivered', to: '+14155551234' }),
		]);
	});

	it("an unknown id shows Zavu's code", async () => {
		const run = await runZavu(credentials(), {
			resource: 'message',
			operation: 'get',
			messageId: 'msg_nope x',
		});
		expect(api.requests[0].path).toBe('/v1/messages/msg_nope%20x');
		expect(run.error?.message).toMatch(/\[message_not_found\]$/);
		expect(run.error?.httpCode).toBe('404');
	});
});

describe('Message → Get Many', () => {
	beforeAll(async () => {
		const rows = Array.from({ length: 130 }, (_, k) => ({
			to: k % 2 ? '+14155550001' : '+14155550002',
			n: k,
		}));
		await runZavu(
			credentials(),
			{
				resource: 'message',
				operation: 'send',
				to: '={{ $json.to }}',
				channel: 'sms',
				text: '={{ "m" + $json.n }}',
				options: { itemsInFlight: 10 },
			},
			rows,
		);
		const ids = [...api.messages.keys()];
		ids.slice(0, 7).forEach((id) => api.setMessageStatus(id, 'failed'));
	});

	it('Return All pages through every message', async () => {
		const run = await runZavu(credentials(), {
			resource: 'message',
			operation: 'getAll',
			returnAll: true,
			filters: {},
		});
		// 130 sent here plus the one from the Get tests above.
		expect(api.messages.size).toBe(131);
		expect(run.json).toHaveLength(131);
		expect(new Set(run.json.map((j) => j.id))).toEqual(new Set(api.messages.keys()));
		expect(lists().map((r) => r.query.limit)).toEqual(['100', '100']);
	});

	it('Limit 120 takes 100 + 20', async () => {
		const run = await runZavu(credentials(), {
			resource: 'message',
			operation: 'getAll',
			returnAll: false,
			limit: 120,
			filters: {},
		});
		expect(run.json).toHaveLength(120);
		expect(lists().map((r) => r.query.limit)).toEqual(['100', '20']);
	});

	it('filters by status, channel and recipient', async () => {
		const run = await runZavu(credentials(), {
			resource: 'message',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'failed', channel: 'sms', to: ' +14155550002 ' },
		});
		expect(lists()[0].query).toEqual({
			limit: '100',
			status: 'failed',
			channel: 'sms',
			to: '+14155550002',
		});
		const expected = [...api.messages.values()].filter(
			(m) => m.status === 'failed' && m.to === '+14155550002',
		);
		expect(expected.length).toBeGreaterThan(0);
		expect(run.json.map((j) => j.id).sort()).toEqual(expected.map((m) => m.id).sort());
	});
});

describe('the onboarding story', () => {
	it('create an invitation → the client completes it → a WhatsApp template from its senderId', async () => {
		const created = await runZavu(
			credentials(),
			{
				resource: 'invitation',
				operation: 'create',
				clientName: '={{ $json.company }}',
				clientEmail: '={{ $json.email }}',
				additionalFields: { expiresInDays: 7 },
			},
			[{ company: 'Acme Corp', email: 'contact@acme.com', phone: '+14155551234' }],
		);
		const invitation = created.json[0];
		expect(invitation.url).toMatch(/^https:\/\/dashboard\.zavu\.dev\/invite\//);

		api.openInvitation(invitation.id as string);
		api.completeInvitation(invitation.id as string);

		const got = await runZavu(credentials(), {
			resource: 'invitation',
			operation: 'get',
			invitationId: invitation.id,
		});
		const completed = got.json[0];
		expect(completed.status).toBe('completed');
		expect(completed.senderId).toEqual(expect.stringMatching(/^snd_/));

		api.clearRequests();
		const sent = await runZavu(
			credentials(),
			{
				resource: 'message',
				operation: 'send',
				to: '+14155551234',
				channel: 'whatsapp',
				messageType: 'template',
				templateId: 'tmpl_seed00000000000001',
				templateVariables: { variable: [{ name: '1', value: '={{ $json.clientName }}' }] },
				options: { senderId: '={{ $json.senderId }}' },
			},
			[completed],
		);
		expect(sent.error).toBeUndefined();
		const [request] = api.requests;
		expect(request.headers['zavu-sender']).toBe(completed.senderId);
		expect(request.body).toMatchObject({
			to: '+14155551234',
			channel: 'whatsapp',
			messageType: 'template',
			content: { templateId: 'tmpl_seed00000000000001', templateVariables: { '1': 'Acme Corp' } },
		});
		expect(sent.json[0]).toMatchObject({ senderId: completed.senderId, messageType: 'template' });
	});
});
