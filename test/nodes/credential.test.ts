import { Workflow } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { testCredential } from '../support/n8nCore';
import { useStandIn } from '../support/standIn';
import { runZavu, types } from './setup';

// The "Zavu API" credential at work: how the node authenticates with it, and its Test button.
// (Its names and fields, which saved credentials depend on, are pinned in contract.test.ts.)

const { api } = useStandIn();

describe('Zavu API credential', () => {
	it('the node authenticates with the bearer key and a base URL with spaces and trailing slashes', async () => {
		const [inv] = api.seedInvitations(1);
		const run = await runZavu(
			{ apiKey: api.apiKey, baseUrl: `  ${api.baseUrl}///  ` },
			{ resource: 'invitation', operation: 'get', invitationId: inv.id },
		);
		expect(run.error).toBeUndefined();
		expect(api.requests[0].path).toBe(`/v1/invitations/${inv.id}`);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${api.apiKey}`);
	});

	// The editor's "Test" button, as n8n 2.40's CredentialsTester runs the credential's own `test`
	// request (through n8n-core's RoutingNode, on a NoOp node).
	it('test with a good key: GET /v1/me with the bearer key, base URL with spaces and trailing slashes', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: api.apiKey,
			baseUrl: `  ${api.baseUrl}/// `,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(api.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['GET', '/v1/me', `Bearer ${api.apiKey}`],
		]);
	});

	it('test with a bad key says the key is wrong', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: 'zv_live_wrong',
			baseUrl: api.baseUrl,
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'Invalid API key: Zavu answered 401. Check the API Key (zv_live_… or zv_test_…) in the Zavu dashboard under API Keys.',
		});
		// n8n-core's httpRequestWithAuthentication sends a request answered 401 once more after
		// its preAuthentication step (for token refreshes), even when the credential has none.
		expect(api.requests.map((r) => [r.path, r.headers.authorization])).toEqual([
			['/v1/me', 'Bearer zv_live_wrong'],
			['/v1/me', 'Bearer zv_live_wrong'],
		]);
	});

	it('test with an empty key asks Zavu too and shows the same message', async () => {
		const result = await testCredential(types, 'zavudevApi', { apiKey: ' ', baseUrl: api.baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Invalid API key: Zavu answered 401\./);
	});

	it('test against a base URL without Zavu behind it (404) says so', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: api.apiKey,
			baseUrl: `${api.baseUrl}/not-zavu`,
		});
		expect(result).toEqual({
			status: 'Error',
			message:
				'No Zavu API at this Base URL: GET /v1/me answered 404. Leave the Base URL as https://api.zavu.dev unless you use a sandbox or a local stand-in.',
		});
	});

	it('test against an unreachable base URL shows the network error', async () => {
		const result = await testCredential(types, 'zavudevApi', {
			apiKey: api.apiKey,
			baseUrl: 'http://127.0.0.1:9',
		});
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
		expect(api.requests).toHaveLength(0);
	});

	it('test with the Base URL left empty goes to https://api.zavu.dev', async () => {
		const credential = new ZavudevApi();
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: {
				getByName: () => undefined,
				getByNameAndVersion: () => undefined,
				getKnownTypes: () => ({}),
			} as never,
		});
		const resolve = (baseUrl: unknown) =>
			workflow.expression.getSimpleParameterValue(
				{ id: 'n', name: 'N', type: 'noOp', typeVersion: 1, position: [0, 0], parameters: {} },
				credential.test.request.baseURL as string,
				'internal',
				{ $credentials: { apiKey: 'k', baseUrl } } as never,
			);
		expect(resolve('')).toBe('https://api.zavu.dev');
		expect(resolve('  ')).toBe('https://api.zavu.dev');
		expect(resolve(' http://127.0.0.1:4010// ')).toBe('http://127.0.0.1:4010');
	});

	it('a node run with a bad key surfaces the 401 from Zavu', async () => {
		const run = await runZavu(
			{ apiKey: 'zv_live_wrong', baseUrl: api.baseUrl },
			{ resource: 'invitation', operation: 'get', invitationId: 'x' },
		);
		expect(run.error?.message).toBe('Invalid API key [unauthorized]');
		expect(run.error?.httpCode).toBe('401');
		expect(run.error?.description).toMatch(/Check the API key/);
	});
});
