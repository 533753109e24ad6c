import { useStandIn } from '../support/standIn';
import { runZavu } from './setup';

const { api } = useStandIn();

describe('the API key never leaks', () => {
	const secret = 'zv_live_s3cr3t_never_shown_0123456789';

	beforeAll(() => {
		api.apiKey = secret;
	});

	it('not in output items, error items or thrown errors', async () => {
		const [inv] = api.seedInvitations(1);
		api.completeInvitation(inv.id);
		const creds = { apiKey: secret, baseUrl: api.baseUrl };
		const runs = [
			await runZavu(creds, { resource: 'invitation', operation: 'get', invitationId: inv.id }),
			await runZavu(creds, { resource: 'invitation', operation: 'cancel', invitationId: inv.id }),
			await runZavu(
				creds,
				{ resource: 'invitation', operation: 'cancel', invitationId: inv.id },
				[{}],
				{ onError: 'continueRegularOutput' },
			),
			await runZavu(
				{ apiKey: secret, baseUrl: 'http://127.0.0.1:9' },
				{
					resource: 'invitation',
					operation: 'get',
					invitationId: 'x',
					options: { maxAttempts: 1 },
				},
			),
			await runZavu(
				{ apiKey: secret, baseUrl: 'http://127.0.0.1:9' },
				{
					resource: 'invitation',
					operation: 'get',
					invitationId: 'x',
					options: { maxAttempts: 1 },
				},
				[{}],
				{ onError: 'continueRegularOutput' },
			),
		];
		// The runs did produce data and errors to look at.
		expect(runs[0].json[0].id).toBe(inv.id);
		expect(runs[1].error).toBeDefined();
		expect(runs[2].json[0].code).toBe('invitation_completed');
		expect(runs[3].error?.message).toMatch(/ECONNREFUSED/);
		expect(runs[4].json[0].code).toBe('ECONNREFUSED');
		for (const run of runs) {
			expect(JSON.stringify(run.items)).not.toContain(secret);
			expect(JSON.stringify(run.run.data.resultData)).not.toContain(secret);
			if (run.error) {
				expect(run.error.message).not.toContain(secret);
				expect(String(run.error.description ?? '')).not.toContain(secret);
				expect(JSON.stringify(run.error)).not.toContain(secret);
			}
		}
	});
});
