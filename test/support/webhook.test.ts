/**
 * Proves webhook.ts drives a webhook trigger node through n8n-core's own HookContext and
 * WebhookContext the way n8n's CLI does, with real HTTP: the hooks call the Zavu stand-in
 * (GET /v1/me, authenticated by the real "Zavu API" credential type) and serve() is reached
 * with fetch. The node under test is a tiny inline one.
 */
import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';

import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import type { HarnessTypes, NodeUnderTest } from './n8nCore';
import { useStandIn } from './standIn';
import { createWebhookHarness } from './webhook';
import type { WebhookHarness } from './webhook';

const standIn = useStandIn();

const SECRET = 'whsec_harness';
const sign = (body: Buffer | string) => createHmac('sha256', SECRET).update(body).digest('hex');

// ---------------------------------------------------------------------------------------------
// A tiny webhook trigger node
// ---------------------------------------------------------------------------------------------

type Call = { m: string; url?: string; mode: string; activation: string };

/** GET /v1/me on the stand-in through the node's credential (proves auth works in hooks). */
async function whoAmI(this: IHookFunctions | IWebhookFunctions): Promise<IDataObject> {
	const { baseUrl } = await this.getCredentials<{ baseUrl: string }>('zavudevApi');
	return (await this.helpers.httpRequestWithAuthentication.call(this, 'zavudevApi', {
		method: 'GET',
		url: `${baseUrl}/v1/me`,
		json: true,
	})) as IDataObject;
}

/** Appends to static data by reassigning a top-level key (so n8n sees the change). */
function record(this: IHookFunctions, m: string): IDataObject {
	const data = this.getWorkflowStaticData('node');
	const call: Call = {
		m,
		url: this.getNodeWebhookUrl('default'),
		mode: this.getMode(),
		activation: this.getActivationMode(),
	};
	data.calls = [...((data.calls as Call[] | undefined) ?? []), call];
	return data;
}

const description: INodeTypeDescription = {
	displayName: 'Harness Webhook Trigger',
	name: 'harnessWebhookTrigger',
	group: ['trigger'],
	version: 1,
	description: 'Registers its URL and emits signed events',
	defaults: { name: 'Harness Webhook Trigger' },
	inputs: [],
	outputs: ['main'],
	credentials: [{ name: 'zavudevApi', required: true }],
	webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
	properties: [
		{
			displayName: 'Behaviour',
			name: 'behaviour',
			type: 'options',
			options: [
				{ name: 'Verify and Emit', value: 'emit' },
				{ name: 'Acknowledge Only', value: 'ack' },
				{ name: 'Nothing', value: 'nothing' },
				{ name: 'Throw', value: 'throw' },
				{ name: 'Call API Then Emit', value: 'callApi' },
			],
			default: 'emit',
		},
	],
};

const webhookNode: INodeType = {
	description,
	webhookMethods: {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await whoAmI.call(this);
				const data = record.call(this, 'checkExists');
				return typeof data.webhookId === 'string';
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const me = await whoAmI.call(this);
				const data = record.call(this, 'create');
				data.webhookId = `wh_${String((me.project as IDataObject).id)}`;
				data.registeredUrl = this.getNodeWebhookUrl('default');
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await whoAmI.call(this);
				const data = record.call(this, 'delete');
				data.deletedWebhookId = data.webhookId ?? null;
				delete data.webhookId;
				return true;
			},
		},
	},
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const data = this.getWorkflowStaticData('node');
		data.received = ((data.received as number | undefined) ?? 0) + 1;
		const behaviour = this.getNodeParameter('behaviour') as string;
		if (behaviour === 'throw') throw new NodeOperationError(this.getNode(), 'webhook failed');
		if (behaviour === 'ack') return { webhookResponse: { ok: true } };
		if (behaviour === 'nothing') return {};

		const raw = req.rawBody as Buffer;
		const headers = this.getHeaderData();
		if (headers['x-signature'] !== sign(raw)) {
			const res = this.getResponseObject();
			res.status(401).send('Invalid signature');
			return { noWebhookResponse: true };
		}
		const me = behaviour === 'callApi' ? await whoAmI.call(this) : undefined;
		return {
			workflowData: [
				this.helpers.returnJsonArray({
					body: this.getBodyData(),
					rawBase64: raw.toString('base64'),
					headers: headers as IDataObject,
					query: this.getQueryData() as IDataObject,
					mode: this.getMode(),
					webhookName: this.getWebhookName(),
					seenWebhookId: (data.webhookId as string | undefined) ?? null,
					...(me ? { project: me.project } : {}),
				}),
			],
		};
	},
};

/** Same node, answering 202 with no body (responseData 'noData'). */
const quietNode: INodeType = {
	...webhookNode,
	description: {
		...description,
		name: 'harnessQuietTrigger',
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				responseCode: '={{ 202 }}',
				responseData: 'noData',
				path: 'events',
			},
		],
	},
};

/** typeVersion 2: n8n only reads (and parses) JSON, text, form and XML bodies for it. */
const rawProbeNode: INodeType = {
	description: {
		...description,
		name: 'harnessRawProbe',
		version: 2,
		credentials: [],
	},
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const req = this.getRequestObject();
		const readBefore = req.rawBody !== undefined;
		await req.readRawBody(); // what a node does to get other bodies
		return {
			workflowData: [
				[
					{
						json: {
							readBefore,
							raw: (req.rawBody as Buffer).toString('utf8'),
							body: (this.getBodyData() as unknown) ?? null,
						},
					},
				],
			],
		};
	},
};

const TRIGGER = 'harness-test.webhookTrigger';
const QUIET = 'harness-test.quietTrigger';
const RAW_PROBE = 'harness-test.rawProbe';

const types: HarnessTypes = {
	nodeTypes: { [TRIGGER]: webhookNode, [QUIET]: quietNode, [RAW_PROBE]: rawProbeNode },
	credentialTypes: [new ZavudevApi()],
};

const trigger = (overrides: Partial<NodeUnderTest> = {}): NodeUnderTest => ({
	type: TRIGGER,
	parameters: {},
	credentials: { zavudevApi: standIn.credentials() },
	...overrides,
});

const event = { type: 'message.delivered', data: { id: 'msg_1', text: 'héllo 👋' } };
/** Unusual spacing and key order on purpose: only the raw bytes verify. */
const eventBody = Buffer.from(
	`{ "type":"message.delivered",  "data": {"id":"msg_1","text":"héllo 👋"} }\n`,
);
const signed = (body: Buffer = eventBody) => ({
	method: 'POST',
	headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Signature': sign(body) },
	body,
});

const meCalls = () => standIn.api.requestsTo('GET', '/v1/me');

let harnesses: WebhookHarness[] = [];
function harness(node: NodeUnderTest = trigger(), opts = {}): WebhookHarness {
	const h = createWebhookHarness(types, node, opts);
	harnesses.push(h);
	return h;
}

afterEach(async () => {
	await Promise.all(harnesses.map((h) => h.close()));
	harnesses = [];
});

// ---------------------------------------------------------------------------------------------
// Activation / deactivation (HookContext)
// ---------------------------------------------------------------------------------------------

describe('activate / deactivate (HookContext, like ActiveWorkflowManager)', () => {
	it('activation: checkExists then create, in mode trigger, authenticated against the API; static data saved', async () => {
		const h = harness(trigger(), { baseUrl: 'http://127.0.0.1:5999/', webhookId: 'wh-uuid' });
		const url = 'http://127.0.0.1:5999/webhook/wh-uuid/webhook';
		expect(h.productionUrl()).toBe(url);

		await h.activate();

		expect(h.active).toBe(true);
		expect(h.calls.map((c) => [c.method, c.mode, c.activation, c.webhookUrl, c.result])).toEqual([
			['checkExists', 'trigger', 'activate', url, false],
			['create', 'trigger', 'activate', url, true],
		]);
		expect(meCalls()).toHaveLength(2);
		expect(meCalls()[0].headers.authorization).toBe(`Bearer ${standIn.api.apiKey}`);
		expect(h.savedStaticData()).toEqual({
			calls: [
				{ m: 'checkExists', url, mode: 'trigger', activation: 'activate' },
				{ m: 'create', url, mode: 'trigger', activation: 'activate' },
			],
			webhookId: 'wh_prj_standin0001',
			registeredUrl: url,
		});
	});

	it('does not call create when checkExists answers true', async () => {
		const h = harness();
		h.setStaticData({ webhookId: 'wh_existing' });

		await h.activate();

		expect(h.calls.map((c) => c.method)).toEqual(['checkExists']);
		expect(h.savedStaticData().webhookId).toBe('wh_existing');
	});

	it('deactivation: delete on a Workflow loaded from the saved data (mode internal, activation update); saved', async () => {
		const h = harness();
		await h.activate();
		const url = h.productionUrl();

		expect(await h.deactivate()).toEqual({});

		expect(h.active).toBe(false);
		const del = h.calls[2];
		expect([del.method, del.mode, del.activation, del.webhookUrl]).toEqual([
			'delete',
			'internal',
			'update',
			url,
		]);
		expect(meCalls()).toHaveLength(3);
		const saved = h.savedStaticData();
		expect(saved.webhookId).toBeUndefined();
		expect(saved.deletedWebhookId).toBe('wh_prj_standin0001');
		expect((saved.calls as Call[]).map((c) => c.m)).toEqual(['checkExists', 'create', 'delete']);
	});

	it('a failing hook fails the activation; n8n cleans up with delete (on the saved data)', async () => {
		const h = harness(
			trigger({ credentials: { zavudevApi: { ...standIn.credentials(), apiKey: 'zv_bad' } } }),
		);
		await expect(h.activate()).rejects.toBeInstanceOf(NodeApiError);
		expect(h.active).toBe(false);
		// checkExists threw (401), then clearWebhooks ran delete, which threw too (only logged)
		expect(h.calls.map((c) => [c.method, Boolean(c.error)])).toEqual([
			['checkExists', true],
			['delete', true],
		]);
		expect(h.savedStaticData()).toEqual({});
	});

	it('a delete error is only logged, like n8n: deactivated, static data not saved', async () => {
		const h = harness();
		await h.activate();
		const { apiKey } = standIn.api;
		standIn.api.setOptions({ apiKey: 'zv_rotated' }); // the node's key no longer works
		try {
			const { error } = await h.deactivate();
			expect(error).toBeInstanceOf(NodeApiError);
		} finally {
			standIn.api.setOptions({ apiKey });
		}
		expect(h.active).toBe(false);
		expect(h.savedStaticData().webhookId).toBe('wh_prj_standin0001');
	});

	it('activate() twice is refused unless it is a restart (init), which registers again', async () => {
		const h = harness();
		await h.activate();
		await expect(h.activate()).rejects.toThrow(/already active/);
		await h.activate('init');
		expect(h.calls.slice(2).map((c) => [c.method, c.activation, c.result])).toEqual([
			['checkExists', 'init', true],
		]);
	});

	it('without a webhookId the URL is /webhook/<workflowId>/<node name>/<path>', () => {
		const h = harness(trigger({ name: 'Zavu Events' }), { webhookId: null, workflowId: 'wf1' });
		expect(h.productionUrl()).toBe('http://localhost:5678/webhook/wf1/zavu%20events/webhook');
		expect(h.testUrl()).toBe('http://localhost:5678/webhook-test/wf1/zavu%20events/webhook');
	});
});

// ---------------------------------------------------------------------------------------------
// receive (WebhookContext)
// ---------------------------------------------------------------------------------------------

describe('receive (WebhookContext, like LiveWebhooks + WebhookHelpers.executeWebhook)', () => {
	it('gives the node the exact raw bytes, the headers and the parsed body; answers 200', async () => {
		const h = harness();
		await h.activate();

		const r = await h.receive({ ...signed(), query: { a: '1' } });

		expect(r.execution).toBe('started');
		expect(r.workflowData).toHaveLength(1);
		const json = r.workflowData![0][0].json;
		expect(Buffer.from(json.rawBase64 as string, 'base64').equals(eventBody)).toBe(true);
		expect(json.body).toEqual(event);
		expect(json.headers).toMatchObject({
			'content-type': 'application/json; charset=utf-8',
			'x-signature': sign(eventBody),
			'content-length': String(eventBody.length),
		});
		expect(json).toMatchObject({
			query: { a: '1' },
			mode: 'webhook',
			webhookName: 'default',
			seenWebhookId: 'wh_prj_standin0001',
		});
		// n8n's onReceived answer: `responseData` defaults to 'firstEntryJson', sent as is.
		expect(r.status).toBe(200);
		expect(r.body).toBe('firstEntryJson');
		expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(r.headers['content-security-policy']).toMatch(/^sandbox /);
		expect(r.noWebhookResponse).toBe(false);
		expect(r.staticDataSaved).toBe(true);
		expect(h.savedStaticData().received).toBe(1);
	});

	it('the description can set the code and no body (responseCode / responseData)', async () => {
		const h = harness(trigger({ type: QUIET }), { webhookId: 'q' });
		await h.activate();
		expect(h.productionUrl()).toBe('http://localhost:5678/webhook/q/events');

		const r = await h.receive(signed());

		expect(r.execution).toBe('started');
		expect(r.status).toBe(202);
		expect(r.body).toBe('');
	});

	it("the node's own 401 (getResponseObject + noWebhookResponse): nothing runs, static data still saved", async () => {
		const h = harness();
		await h.activate();

		const r = await h.receive({ ...signed(), headers: { 'x-signature': 'forged' } });

		expect(r.status).toBe(401);
		expect(r.body).toBe('Invalid signature');
		expect(r.noWebhookResponse).toBe(true);
		expect(r.workflowData).toBeUndefined();
		expect(r.execution).toBe('none');
		expect(r.ended).toBe(true);
		expect(r.staticDataSaved).toBe(true);
		expect(h.savedStaticData().received).toBe(1);
	});

	it('webhookResponse without workflowData is the body; nothing at all gives "Webhook call received"', async () => {
		const ack = harness(trigger({ parameters: { behaviour: 'ack' } }));
		await ack.activate();
		const a = await ack.receive(signed());
		expect([a.status, a.json, a.execution]).toEqual([200, { ok: true }, 'none']);

		const nothing = harness(trigger({ parameters: { behaviour: 'nothing' } }));
		await nothing.activate();
		const n = await nothing.receive(signed());
		expect([n.status, n.json]).toEqual([200, { message: 'Webhook call received' }]);
	});

	it('webhook() throwing: n8n answers 500, records a failed execution, saves nothing', async () => {
		const h = harness(trigger({ parameters: { behaviour: 'throw' } }));
		await h.activate();
		const before = h.savedStaticData();

		const r = await h.receive(signed());

		expect(r.status).toBe(500);
		expect(r.json).toEqual({
			code: 0,
			message: 'Workflow Webhook Error: Workflow could not be started!',
		});
		expect(r.error).toBeInstanceOf(NodeOperationError);
		expect(r.execution).toBe('failed');
		expect(r.staticDataSaved).toBe(false);
		expect(h.staticData().received).toBe(1); // in memory only
		expect(h.savedStaticData()).toEqual(before);
	});

	it('webhook() reaches the API through the credential', async () => {
		const h = harness(trigger({ parameters: { behaviour: 'callApi' } }));
		await h.activate();
		standIn.api.clearRequests();

		const r = await h.receive(signed());

		expect(r.workflowData![0][0].json.project).toMatchObject({ id: 'prj_standin0001' });
		expect(meCalls()[0].headers.authorization).toBe(`Bearer ${standIn.api.apiKey}`);
	});

	it("an unparsable JSON body is n8n's 422, before the node runs", async () => {
		const h = harness();
		await h.activate();
		const body = Buffer.from('{"broken":');

		const r = await h.receive({ ...signed(body) });

		expect(r.status).toBe(422);
		expect(r.json).toMatchObject({ code: 422, message: 'Failed to parse request body' });
		expect(r.returned).toBeUndefined();
		expect(h.savedStaticData().received).toBeUndefined();
	});

	it('reads the body like n8n: decodes gzip; for typeVersion > 1 only JSON/text/form/XML', async () => {
		const h = harness();
		await h.activate();
		const gz = await h.receive({
			...signed(),
			headers: { ...signed().headers, 'content-encoding': 'gzip' },
			body: gzipSync(eventBody),
		});
		expect(gz.status).toBe(200);
		expect(gz.workflowData![0][0].json.body).toEqual(event);

		const v2 = harness({ type: RAW_PROBE, parameters: {} });
		await v2.activate();
		const json = await v2.receive(signed());
		expect(json.workflowData![0][0].json).toMatchObject({ readBefore: true, body: event });
		const octets = await v2.receive({
			headers: { 'content-type': 'application/octet-stream' },
			body: 'abc',
		});
		expect(octets.workflowData![0][0].json).toEqual({ readBefore: false, raw: 'abc', body: null });
	});

	it("not active, or the wrong method: n8n's 404", async () => {
		const h = harness();
		const inactive = await h.receive(signed());
		expect(inactive.status).toBe(404);
		expect((inactive.json as IDataObject).message).toMatch(
			/^The requested webhook "POST .*\/webhook" is not registered\.$/,
		);

		await h.activate();
		const get = await h.receive({ method: 'GET' });
		expect(get.status).toBe(404);
		expect((get.json as IDataObject).message).toBe(
			'This webhook is not registered for GET requests. Did you mean to make a POST request?',
		);
	});

	it('static data persists activate -> receive -> deactivate (each step loads what the last saved)', async () => {
		const h = harness();
		await h.activate();
		await h.receive(signed());
		await h.receive(signed());
		await h.deactivate();

		expect(h.savedStaticData()).toMatchObject({
			received: 2,
			deletedWebhookId: 'wh_prj_standin0001',
		});
		expect((h.savedStaticData().calls as Call[]).map((c) => c.m)).toEqual([
			'checkExists',
			'create',
			'delete',
		]);
		expect(h.received.map((r) => r.status)).toEqual([200, 200]);
	});
});

// ---------------------------------------------------------------------------------------------
// Test webhooks
// ---------------------------------------------------------------------------------------------

describe('test webhooks (like TestWebhooks)', () => {
	it('uses /webhook-test/ URLs, mode manual, empty static data; production data untouched', async () => {
		const h = harness();
		await h.activate();
		const saved = h.savedStaticData();
		expect(h.testUrl()).not.toBe(h.productionUrl());
		expect(h.testUrl()).toBe(h.productionUrl().replace('/webhook/', '/webhook-test/'));

		await h.activateTest();

		const [check, create] = h.calls.slice(2);
		expect([check.method, check.mode, check.activation, check.webhookUrl, check.result]).toEqual([
			'checkExists',
			'manual',
			'manual',
			h.testUrl(),
			false, // test mode starts from empty static data
		]);
		expect([create.method, create.webhookUrl]).toEqual(['create', h.testUrl()]);
		expect(h.testStaticData()).toMatchObject({ registeredUrl: h.testUrl() });
		expect(h.savedStaticData()).toEqual(saved);
	});

	it('one call: an execution starts, then the test webhook is deleted; the next call is a 404', async () => {
		const h = harness();
		await h.activateTest();

		const r = await h.receive(signed(), { test: true });

		expect(r.target).toBe('test');
		expect(r.execution).toBe('started');
		expect(r.workflowData![0][0].json).toMatchObject({
			mode: 'manual',
			seenWebhookId: 'wh_prj_standin0001',
		});
		expect(r.staticDataSaved).toBe(false);
		expect(r.testWebhookDeactivated).toBe(true);
		expect(h.testActive).toBe(false);
		const del = h.calls.at(-1)!;
		expect([del.method, del.mode, del.activation, del.webhookUrl]).toEqual([
			'delete',
			'internal',
			'update',
			h.testUrl(),
		]);
		expect(h.savedStaticData()).toEqual({});

		const again = await h.receive(signed(), { test: true });
		expect(again.status).toBe(404);
	});

	it('a rejected call (no execution) keeps listening; deactivateTest() deletes', async () => {
		const h = harness();
		await h.activateTest();

		const r = await h.receive(
			{ ...signed(), headers: { 'x-signature': 'forged' } },
			{ test: true },
		);
		expect(r.status).toBe(401);
		expect(h.testActive).toBe(true);

		await h.deactivateTest();
		expect(h.testActive).toBe(false);
		expect(h.calls.map((c) => c.method)).toEqual(['checkExists', 'create', 'delete']);
	});
});

// ---------------------------------------------------------------------------------------------
// serve (real HTTP)
// ---------------------------------------------------------------------------------------------

describe('serve (node:http in front of receive)', () => {
	it('delivers real HTTP requests to the production and test URLs', async () => {
		const h = harness();
		const base = await h.serve();
		expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(h.productionUrl().startsWith(`${base}/webhook/`)).toBe(true);
		await h.activate();
		expect(h.savedStaticData().registeredUrl).toBe(h.productionUrl());

		const ok = await fetch(h.productionUrl(), signed());
		expect(ok.status).toBe(200);
		expect(await ok.text()).toBe('firstEntryJson');
		const delivered = h.received.at(-1)!;
		expect(
			Buffer.from(delivered.workflowData![0][0].json.rawBase64 as string, 'base64').equals(
				eventBody,
			),
		).toBe(true);
		expect(delivered.workflowData![0][0].json.headers).toMatchObject({ host: base.slice(7) });

		const forged = await fetch(h.productionUrl(), { ...signed(), headers: { 'x-signature': 'x' } });
		expect([forged.status, await forged.text()]).toEqual([401, 'Invalid signature']);

		const unknown = await fetch(`${base}/webhook/nope`, signed());
		expect(unknown.status).toBe(404);

		expect((await fetch(h.testUrl(), signed())).status).toBe(404); // not listening
		await h.activateTest();
		const test = await fetch(h.testUrl(), signed());
		expect(test.status).toBe(200);
		expect(h.received.at(-1)!.target).toBe('test');
	});
});
