/**
 * Proves n8nCore.ts runs nodes through real n8n-core, with real HTTP against a local server.
 * Only inline node/credential types are used here.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	ICredentialType,
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';

import {
	createPollHarness,
	jsonIssues,
	listSearch,
	loadOptions,
	runNode,
	testCredential,
} from './n8nCore';
import type { HarnessTypes, NodeUnderTest } from './n8nCore';

// ---------------------------------------------------------------------------------------------
// Local HTTP server
// ---------------------------------------------------------------------------------------------

interface SeenRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
}

const seen: SeenRequest[] = [];
const flakyCounts = new Map<string, number>();
let events: Array<{ id: number; status: string }> = [];
let server: Server;
let base = '';

function send(res: import('node:http').ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

beforeAll(async () => {
	server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const record: SeenRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query: Object.fromEntries(url.searchParams.entries()),
			headers: req.headers,
		};
		seen.push(record);
		req.resume();
		req.on('end', () => {
			const [, first, second] = url.pathname.split('/');
			if (first === 'x') return send(res, 200, { ok: true, query: record.query });
			if (first === 'status') {
				const code = Number(second);
				return send(res, code, { message: `status ${code}` });
			}
			if (first === 'flaky') {
				// fails twice with 503, then succeeds
				const n = (flakyCounts.get(second) ?? 0) + 1;
				flakyCounts.set(second, n);
				return n <= 2
					? send(res, 503, { message: 'try again' })
					: send(res, 200, { ok: true, attempt: n });
			}
			if (first === 'events') {
				const since = Number(url.searchParams.get('since') ?? 0);
				return send(res, 200, { events: events.filter((e) => e.id > since) });
			}
			if (first === 'things') {
				const q = url.searchParams.get('q') ?? '';
				const things = [
					{ id: 'a1', label: 'Alpha' },
					{ id: 'b2', label: 'Beta' },
				].filter((t) => t.label.toLowerCase().includes(q.toLowerCase()));
				return send(res, 200, { things });
			}
			if (first === 'me') {
				return req.headers.authorization === 'Bearer good-key'
					? send(res, 200, { user: 'me' })
					: send(res, 401, { message: 'bad key' });
			}
			return send(res, 404, { message: 'not found' });
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
});

beforeEach(() => {
	seen.length = 0;
});

const requestsTo = (prefix: string) => seen.filter((r) => r.path.startsWith(prefix));

// ---------------------------------------------------------------------------------------------
// Inline credential + node types
// ---------------------------------------------------------------------------------------------

const testApi: ICredentialType = {
	name: 'testApi',
	displayName: 'Test API',
	properties: [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: 'http://127.0.0.1:9' },
	],
	authenticate: {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	},
};

const apiNodeDescription: INodeTypeDescription = {
	displayName: 'Harness API Node',
	name: 'harnessApiNode',
	group: ['transform'],
	version: [1, 2],
	description: 'Calls the test API once per item',
	defaults: { name: 'Harness API Node' },
	inputs: ['main'],
	outputs: ['main'],
	credentials: [{ name: 'testApi', required: true, testedBy: 'testApiTest' }],
	properties: [
		{ displayName: 'Path', name: 'path', type: 'string', default: '/x' },
		{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		{
			displayName: 'Thing',
			name: 'thing',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getThings' },
			default: '',
		},
	],
};

async function getThings(
	this: ILoadOptionsFunctions,
	q = '',
): Promise<Array<{ id: string; label: string }>> {
	const credentials = await this.getCredentials<{ baseUrl: string }>('testApi');
	const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
		method: 'GET',
		url: `${credentials.baseUrl}/things`,
		qs: { q },
		json: true,
	})) as { things: Array<{ id: string; label: string }> };
	return response.things;
}

const apiNode: INodeType = {
	description: apiNodeDescription,
	methods: {
		loadOptions: {
			async getThings(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
				return (await getThings.call(this)).map((t) => ({ name: t.label, value: t.id }));
			},
		},
		listSearch: {
			async searchThings(
				this: ILoadOptionsFunctions,
				filter?: string,
			): Promise<INodeListSearchResult> {
				const things = await getThings.call(this, filter ?? '');
				return {
					results: things.map((t) => ({ name: t.label, value: t.id, url: `${base}/t/${t.id}` })),
				};
			},
		},
		credentialTest: {
			async testApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				const data = credential.data as { apiKey: string; baseUrl: string };
				try {
					await this.helpers.request({
						method: 'GET',
						uri: `${data.baseUrl}/me`,
						headers: { Authorization: `Bearer ${data.apiKey}` },
						json: true,
					});
				} catch (error) {
					return { status: 'Error', message: `Rejected: ${(error as Error).message}` };
				}
				return { status: 'OK', message: 'Connection successful' };
			},
		},
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const credentials = await this.getCredentials<{ baseUrl: string }>('testApi');
		const out: INodeExecutionData[] = [];
		for (let i = 0; i < items.length; i++) {
			const path = this.getNodeParameter('path', i) as string;
			const name = this.getNodeParameter('name', i) as string;
			try {
				const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
					method: 'GET',
					url: `${credentials.baseUrl}${path}`,
					qs: { name },
					json: true,
				})) as IDataObject;
				out.push({
					json: { ...response, name, version: this.getNode().typeVersion },
					pairedItem: { item: i },
				});
			} catch (error) {
				if (this.continueOnFail()) {
					out.push({ json: { error: (error as Error).message }, pairedItem: { item: i } });
					continue;
				}
				throw error;
			}
		}
		return [out];
	},
};

/** Throws a NodeOperationError and does NOT handle continueOnFail itself. */
const throwingNode: INodeType = {
	description: {
		displayName: 'Thrower',
		name: 'thrower',
		group: ['transform'],
		version: 1,
		description: 'Always throws',
		defaults: { name: 'Thrower' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		throw new NodeOperationError(this.getNode(), 'thrower failed', { description: 'on purpose' });
	},
};

/** Echoes its input (json + binary keys) so input handling can be inspected. */
const echoNode: INodeType = {
	description: {
		displayName: 'Echo',
		name: 'echo',
		group: ['transform'],
		version: 1,
		description: 'Echo',
		defaults: { name: 'Echo' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((item, i) => ({
				json: {
					...item.json,
					binaryKeys: Object.keys(item.binary ?? {}),
					mode: this.getMode(),
					executionId: this.getExecutionId(),
				},
				pairedItem: { item: i },
			})),
		];
	},
};

const pollNode: INodeType = {
	description: {
		displayName: 'Harness Poll',
		name: 'harnessPoll',
		group: ['trigger'],
		version: 1,
		description: 'Polls /events',
		defaults: { name: 'Harness Poll' },
		polling: true,
		inputs: [],
		outputs: ['main'],
		credentials: [{ name: 'testApi', required: true }],
		properties: [],
	},
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node');
		const credentials = await this.getCredentials<{ baseUrl: string }>('testApi');
		const manual = this.getMode() === 'manual';
		const since = manual ? 0 : ((state.lastId as number | undefined) ?? 0);
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'testApi', {
			method: 'GET',
			url: `${credentials.baseUrl}/events`,
			qs: { since },
			json: true,
		})) as { events: Array<{ id: number; status: string }> };
		if (manual) {
			const sample = response.events.slice(-1);
			return sample.length ? [this.helpers.returnJsonArray(sample)] : null;
		}
		state.pollCount = ((state.pollCount as number | undefined) ?? 0) + 1;
		if (response.events.length === 0) return null;
		state.lastId = Math.max(...response.events.map((e) => e.id));
		const budget = this.getPollBudgetMs?.();
		return [
			this.helpers.returnJsonArray(
				response.events.map((e) => ({ ...e, budget, activation: this.getActivationMode() })),
			),
		];
	},
};

/** Keeps its cursor in a NESTED object and mutates it in place (a real n8n pitfall). */
const nestedPollNode: INodeType = {
	description: { ...pollNode.description, name: 'harnessNestedPoll', credentials: [] },
	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const state = this.getWorkflowStaticData('node') as { cursor?: { id: number } };
		if (state.cursor === undefined) state.cursor = { id: 1 };
		else state.cursor.id += 1; // in-place mutation of a nested object
		return [[{ json: { id: state.cursor.id } }]];
	},
};

/** Has a required parameter, to show n8n's pre-run parameter check. */
const requiredParamNode: INodeType = {
	description: {
		...echoNode.description,
		name: 'requiredParam',
		properties: [{ displayName: 'ID', name: 'id', type: 'string', required: true, default: '' }],
	},
	execute: echoNode.execute,
};

const API = 'harness-test.apiNode';
const THROWER = 'harness-test.thrower';
const ECHO = 'harness-test.echo';
const POLL = 'harness-test.poll';
const NESTED_POLL = 'harness-test.nestedPoll';
const REQUIRED = 'harness-test.required';

const types: HarnessTypes = {
	nodeTypes: {
		[API]: apiNode,
		[THROWER]: throwingNode,
		[ECHO]: echoNode,
		[POLL]: pollNode,
		[NESTED_POLL]: nestedPollNode,
		[REQUIRED]: requiredParamNode,
	},
	credentialTypes: [testApi],
};

const creds = (apiKey = 'secret-1'): Record<string, ICredentialDataDecryptedObject> => ({
	testApi: { apiKey, baseUrl: base },
});

const apiNodeUnderTest = (overrides: Partial<NodeUnderTest> = {}): NodeUnderTest => ({
	type: API,
	parameters: { path: '/x' },
	credentials: creds(),
	...overrides,
});

// ---------------------------------------------------------------------------------------------
// runNode
// ---------------------------------------------------------------------------------------------

describe('runNode (WorkflowExecute)', () => {
	it('authenticates through the credential type (generic bearer header) with real HTTP', async () => {
		const result = await runNode(types, apiNodeUnderTest(), [{ a: 1 }]);

		expect(result.error).toBeUndefined();
		expect(requestsTo('/x')).toHaveLength(1);
		expect(requestsTo('/x')[0].headers.authorization).toBe('Bearer secret-1');
		expect(result.run.finished).toBe(true);
		expect(result.run.status).toBe('success');
	});

	it('returns items with pairedItem, uses the latest version by default', async () => {
		const result = await runNode(types, apiNodeUnderTest(), [{ a: 1 }, { a: 2 }, { a: 3 }]);

		expect(result.items).toHaveLength(3);
		expect(result.outputs).toHaveLength(1);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(result.items[0].json).toMatchObject({ ok: true, version: 2 });
		expect(result.runCount).toBe(1);
		expect(result.executeCalls).toBe(1);

		const v1 = await runNode(types, apiNodeUnderTest({ typeVersion: 1 }), [{}]);
		expect(v1.items[0].json.version).toBe(1);
	});

	it('resolves expression parameters per item', async () => {
		const result = await runNode(
			types,
			apiNodeUnderTest({ parameters: { path: '/x', name: '={{ $json.name }}' } }),
			[{ name: 'alice' }, { name: 'bob' }],
		);

		expect(result.items.map((i) => i.json.name)).toEqual(['alice', 'bob']);
		expect(requestsTo('/x').map((r) => r.query.name)).toEqual(['alice', 'bob']);
	});

	it('passes full INodeExecutionData (binary) through the Input node; manual mode by default', async () => {
		const result = await runNode(
			types,
			{ type: ECHO, parameters: {} },
			[
				{
					json: { a: 1 },
					binary: { file: { data: Buffer.from('hi').toString('base64'), mimeType: 'text/plain' } },
				},
				{ b: 2 },
			],
			{ executionId: 'exec-42' },
		);

		expect(result.items.map((i) => i.json)).toEqual([
			{ a: 1, binaryKeys: ['file'], mode: 'manual', executionId: 'exec-42' },
			{ b: 2, binaryKeys: [], mode: 'manual', executionId: 'exec-42' },
		]);
	});

	it('node-level retryOnFail re-runs the whole node (one runData entry; waitBetweenTries 0 means 1000 ms)', async () => {
		const started = Date.now();
		const result = await runNode(
			types,
			apiNodeUnderTest({
				parameters: { path: '/flaky/retry-a' },
				retryOnFail: true,
				maxTries: 3,
				waitBetweenTries: 0,
			}),
			[{}],
		);
		const elapsed = Date.now() - started;

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ ok: true, attempt: 3 });
		expect(requestsTo('/flaky/retry-a')).toHaveLength(3);
		expect(result.executeCalls).toBe(3);
		expect(result.runCount).toBe(1); // retries are NOT separate runData entries
		expect(result.thrownErrors).toHaveLength(2);
		expect(result.thrownErrors[0]).toBeInstanceOf(NodeApiError);
		// n8n-core: `waitBetweenTries || 1000` -> 0 is treated as unset
		expect(elapsed).toBeGreaterThanOrEqual(1900);
	});

	it('retryOnFail with waitBetweenTries 1 is fast, and stops after maxTries with the error', async () => {
		const result = await runNode(
			types,
			apiNodeUnderTest({
				parameters: { path: '/status/503' },
				retryOnFail: true,
				maxTries: 2,
				waitBetweenTries: 1,
			}),
			[{}],
		);

		expect(requestsTo('/status/503')).toHaveLength(2);
		expect(result.executeCalls).toBe(2);
		expect(result.runCount).toBe(1);
		expect(result.error?.httpCode).toBe('503');
	});

	it("onError 'continueRegularOutput': a node that honours continueOnFail() yields items with json.error", async () => {
		const result = await runNode(
			types,
			apiNodeUnderTest({ parameters: { path: '/status/500' }, onError: 'continueRegularOutput' }),
			[{ a: 1 }, { a: 2 }],
		);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(2);
		expect(result.items[0].json.error).toEqual(expect.any(String));
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.run.status).toBe('success');
	});

	it("onError 'continueRegularOutput' on a node that throws: n8n passes the INPUT items through", async () => {
		const result = await runNode(
			types,
			{ type: THROWER, parameters: {}, onError: 'continueRegularOutput' },
			[{ a: 1 }, { a: 2 }],
		);

		expect(result.items.map((i) => i.json)).toEqual([{ a: 1 }, { a: 2 }]);
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.nodeError?.message).toBe('thrower failed');
		// n8n-core 2.40 quirk: the error of the LAST executed node stays in `executionError`, so the
		// run is still reported as failed although the node continued.
		expect(result.run.status).toBe('error');
		expect(result.error?.message).toBe('thrower failed');
		expect(result.thrownErrors[0]).toBeInstanceOf(NodeOperationError);
	});

	it("onError 'continueErrorOutput': json.error items go to output 1, merged with their input item's json", async () => {
		const result = await runNode(
			types,
			apiNodeUnderTest({ parameters: { path: '/status/500' }, onError: 'continueErrorOutput' }),
			[{ a: 1 }],
		);

		expect(result.outputs).toHaveLength(2);
		expect(result.outputs[0]).toEqual([]);
		expect(result.outputs[1]).toHaveLength(1);
		expect(result.outputs[1][0].json).toEqual({ a: 1, error: expect.any(String) });
		expect(result.run.status).toBe('success');
	});

	it('a node that throws (no continue-on-fail) makes the workflow report the error', async () => {
		const result = await runNode(types, apiNodeUnderTest({ parameters: { path: '/status/500' } }), [
			{},
		]);

		expect(result.run.status).toBe('error');
		expect(result.run.finished).toBeFalsy();
		expect(result.items).toEqual([]);
		expect(result.error).toBeDefined();
		expect(result.error?.httpCode).toBe('500');
		expect(result.error?.name).toBe('NodeApiError');
		expect(result.error).not.toBeInstanceOf(NodeApiError); // stored as a plain-object spread
		expect(result.thrownErrors).toHaveLength(1);
		expect(result.thrownErrors[0]).toBeInstanceOf(NodeApiError); // same n8n-workflow across core
		expect(result.run.data.resultData.lastNodeExecuted).toBe('Node');
	});

	it('a 401 makes n8n-core send the request a second time (preAuthentication retry path)', async () => {
		const result = await runNode(types, apiNodeUnderTest({ parameters: { path: '/status/401' } }), [
			{},
		]);

		expect(result.error?.httpCode).toBe('401');
		expect(requestsTo('/status/401')).toHaveLength(2);
	});

	it('rejects like n8n (WorkflowHasIssuesError) when a required parameter is empty', async () => {
		await expect(runNode(types, { type: REQUIRED, parameters: {} }, [{}])).rejects.toThrow(
			/issues/i,
		);
		const ok = await runNode(types, { type: REQUIRED, parameters: { id: 'x' } }, [{}]);
		expect(ok.items).toHaveLength(1);
	});

	it('rejects like n8n when the node type is unknown', async () => {
		await expect(runNode(types, { type: 'nope.nope', parameters: {} }, [{}])).rejects.toThrow(
			/unknown node type/,
		);
	});
});

// ---------------------------------------------------------------------------------------------
// Polling
// ---------------------------------------------------------------------------------------------

describe('createPollHarness (PollContext + PollTriggerExecutor)', () => {
	beforeEach(() => {
		events = [
			{ id: 1, status: 'sent' },
			{ id: 2, status: 'delivered' },
		];
	});

	it('polls through a real PollContext; node static data persists across polls', async () => {
		const h = createPollHarness(types, {
			type: POLL,
			parameters: {},
			credentials: creds('poll-key'),
		});

		const first = await h.poll();
		expect(first?.[0].map((i) => i.json.id)).toEqual([1, 2]);
		expect(requestsTo('/events')[0].headers.authorization).toBe('Bearer poll-key');
		expect(h.staticData()).toEqual({ lastId: 2, pollCount: 1 });

		expect(await h.poll()).toBeNull();
		expect(requestsTo('/events')[1].query.since).toBe('2');
		expect(h.staticData()).toEqual({ lastId: 2, pollCount: 2 });

		events.push({ id: 3, status: 'read' });
		const third = await h.poll();
		expect(third?.[0].map((i) => i.json.id)).toEqual([3]);
		expect(h.staticData()).toEqual({ lastId: 3, pollCount: 3 });
		expect(h.emitted).toHaveLength(2);
	});

	it('static data is saved only when a poll emits; simulateRestart() drops unsaved changes', async () => {
		const h = createPollHarness(types, { type: POLL, parameters: {}, credentials: creds() });

		await h.poll(); // emits -> saved
		expect(h.savedStaticData()).toEqual({ lastId: 2, pollCount: 1 });
		await h.poll(); // null -> in memory only
		expect(h.staticData()).toEqual({ lastId: 2, pollCount: 2 });
		expect(h.savedStaticData()).toEqual({ lastId: 2, pollCount: 1 });

		h.simulateRestart();
		expect(h.staticData()).toEqual({ lastId: 2, pollCount: 1 });
		expect(await h.poll()).toBeNull();
		expect(h.staticData()).toEqual({ lastId: 2, pollCount: 2 });
	});

	it('manual mode (Fetch Test Event) returns a sample and leaves state alone', async () => {
		const h = createPollHarness(types, { type: POLL, parameters: {}, credentials: creds() });
		h.setStaticData({ lastId: 1, pollCount: 5 });

		const sample = await h.poll({ mode: 'manual' });
		expect(sample?.[0].map((i) => i.json.id)).toEqual([2]);
		expect(h.staticData()).toEqual({ lastId: 1, pollCount: 5 });
		expect(h.savedStaticData()).toEqual({ lastId: 1, pollCount: 5 });
		expect(h.emitted).toHaveLength(0);
	});

	it('activate(): pollTimes added like the loader, activation poll, static data saved, budget passed', async () => {
		const h = createPollHarness(
			types,
			{ type: POLL, parameters: {}, credentials: creds() },
			{ getPollBudgetMs: () => 1234 },
		);
		expect(h.node.parameters.pollTimes).toBeUndefined(); // defaults are applied inside the Workflow

		const result = await h.activate();
		expect(result?.[0][0].json).toMatchObject({ id: 1, budget: 1234, activation: 'activate' });
		expect(h.savedStaticData()).toEqual({ lastId: 2, pollCount: 1 });

		h.simulateRestart();
		events.push({ id: 3, status: 'read' });
		const afterRestart = await h.poll();
		expect(afterRestart?.[0][0].json).toMatchObject({ id: 3, activation: 'init' });
	});

	it('poll errors are rethrown (as the real NodeApiError) and nothing is saved', async () => {
		const h = createPollHarness(types, {
			type: POLL,
			parameters: {},
			credentials: { testApi: { apiKey: 'k', baseUrl: `${base}/status/500?x=` } },
		});
		await expect(h.poll()).rejects.toBeInstanceOf(NodeApiError);
		expect(h.savedStaticData()).toEqual({});
	});

	it('in-place mutation of a NESTED static-data object is not detected, so it is not saved', async () => {
		const h = createPollHarness(types, { type: NESTED_POLL, parameters: {} });

		await h.poll(); // assigns state.cursor = { id: 1 } -> flagged -> saved
		await h.poll(); // state.cursor.id = 2 (in place) -> NOT flagged -> not saved, although it emitted
		expect(h.staticData()).toEqual({ cursor: { id: 2 } });
		expect(h.savedStaticData()).toEqual({ cursor: { id: 1 } });

		h.simulateRestart(); // loaded objects are wrapped as observable again
		await h.poll();
		expect(h.savedStaticData()).toEqual({ cursor: { id: 2 } });
	});

	it('staticData() refuses non-JSON values', () => {
		expect(jsonIssues({ a: new Date(0), b: [1, undefined], c: { d: 'ok' } })).toEqual([
			'$.a (Date)',
			'$.b[1] (undefined)',
		]);
	});
});

// ---------------------------------------------------------------------------------------------
// loadOptions / listSearch / credential test
// ---------------------------------------------------------------------------------------------

describe('loadOptions / listSearch (LoadOptionsContext)', () => {
	it('calls methods.loadOptions with an authenticated request', async () => {
		const options = await loadOptions(
			types,
			apiNodeUnderTest({ credentials: creds('lo-key') }),
			'getThings',
		);

		expect(options).toEqual([
			{ name: 'Alpha', value: 'a1' },
			{ name: 'Beta', value: 'b2' },
		]);
		expect(requestsTo('/things')[0].headers.authorization).toBe('Bearer lo-key');
	});

	it('calls methods.listSearch with the filter', async () => {
		const result = await listSearch(types, apiNodeUnderTest(), 'searchThings', 'bet');

		expect(result.results.map((r) => r.value)).toEqual(['b2']);
		expect(requestsTo('/things')[0].query.q).toBe('bet');
	});
});

describe("testCredential: a node's testedBy function (CredentialTestContext)", () => {
	it('returns OK for a good key', async () => {
		const result = await testCredential(types, 'testApi', { apiKey: 'good-key', baseUrl: base });
		expect(result).toEqual({ status: 'OK', message: 'Connection successful' });
		expect(requestsTo('/me')).toHaveLength(1);
	});

	it('returns Error for a bad key', async () => {
		const result = await testCredential(types, 'testApi', { apiKey: 'bad', baseUrl: base });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/Rejected/);
	});
});

describe("testCredential: the credential's own test request (RoutingNode, as n8n's CredentialsTester)", () => {
	// An inline credential with a declarative `test`; n8n prefers it over any node's testedBy.
	const requestApi: ICredentialType = {
		name: 'requestApi',
		displayName: 'Request API',
		properties: [
			{
				displayName: 'API Key',
				name: 'apiKey',
				type: 'string',
				typeOptions: { password: true },
				default: '',
			},
			{ displayName: 'Base URL', name: 'baseUrl', type: 'string', default: '' },
		],
		authenticate: {
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		},
		test: {
			request: { baseURL: '={{ $credentials.baseUrl.replace(/\\/+$/, "") }}', url: '/me' },
			rules: [{ type: 'responseCode', properties: { value: 401, message: 'Key refused' } }],
		},
	};
	const requestTypes: HarnessTypes = {
		nodeTypes: {
			[API]: {
				...apiNode,
				description: {
					...apiNode.description,
					credentials: [{ name: 'requestApi', required: true, testedBy: 'testApiTest' }],
				},
			},
		},
		credentialTypes: [requestApi],
	};

	it('a 2xx is "Connection successful!"; the authenticate block and expressions apply', async () => {
		const result = await testCredential(requestTypes, 'requestApi', {
			apiKey: 'good-key',
			baseUrl: `${base}//`,
		});
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		// The credential's test ran, not the node's testedBy function.
		expect(requestsTo('/me').map((r) => [r.method, r.headers.authorization])).toEqual([
			['GET', 'Bearer good-key'],
		]);
	});

	it("a status with a responseCode rule shows the rule's message", async () => {
		expect(
			await testCredential(requestTypes, 'requestApi', { apiKey: 'bad', baseUrl: base }),
		).toEqual({
			status: 'Error',
			message: 'Key refused',
		});
	});

	it('another status shows its HTTP status text', async () => {
		const result = await testCredential(requestTypes, 'requestApi', {
			apiKey: 'good-key',
			baseUrl: `${base}/status/403?`,
		});
		expect(result).toEqual({ status: 'Error', message: 'Forbidden' });
	});

	it('no answer shows the network error code', async () => {
		const result = await testCredential(requestTypes, 'requestApi', {
			apiKey: 'good-key',
			baseUrl: 'http://127.0.0.1:9',
		});
		expect(result).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('a responseSuccessBody rule can fail a 2xx', async () => {
		const strict: HarnessTypes = {
			...requestTypes,
			credentialTypes: [
				{
					...requestApi,
					test: {
						request: requestApi.test!.request,
						rules: [
							{
								type: 'responseSuccessBody',
								properties: { key: 'user', value: 'me', message: 'Not that user' },
							},
						],
					},
				},
			],
		};
		expect(
			await testCredential(strict, 'requestApi', { apiKey: 'good-key', baseUrl: base }),
		).toEqual({
			status: 'Error',
			message: 'Not that user',
		});
	});

	it('a credential without any test', async () => {
		const none: HarnessTypes = {
			nodeTypes: {},
			credentialTypes: [{ ...requestApi, test: undefined }],
		};
		expect(await testCredential(none, 'requestApi', { apiKey: 'k', baseUrl: base })).toEqual({
			status: 'Error',
			message: 'No testing function found for this credential.',
		});
	});
});
