// Real n8n: sends (issue #9). The packed tarball installed into a temporary n8n 2.40.7 user
// folder, workflows run with `n8n execute --rawOutput` against the stand-in in this process.
// Measures the send node's own time (its run data), what the stand-in saw (peak requests in
// flight, messages created), n8n's CPU per item, and CPU profiles of the send node.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ZavuStandIn } from '../test/stand-in/ZavuStandIn';
import { benchSendParameters, competeFor, limitBound, LIMIT_SCENARIOS } from './messages';

// Plain CommonJS shared with `npm start` and the e2e suite (scripts/n8n/harness.js); compiled
// into .bench/bench/, so two levels up is the project root.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const h = require(join(__dirname, '..', '..', 'scripts', 'n8n', 'harness.js'));

const SEND = 'Send';
const ZAVU_CRED = { id: 'zavuBenchCred001', name: 'Zavu API (bench)' };
const HEADER_CRED = { id: 'zavuBenchHdrAuth', name: 'Header Auth (bench)' };

/**
 * Preloaded into `n8n execute` (NODE_OPTIONS=--require): samples the process's CPU time (user +
 * system, all threads: the sqlite3 and libuv pools included) and the main thread's scheduler
 * statistics (time on a CPU, time runnable but waiting for one: other processes on the machine)
 * every 10 ms, and writes the samples when the process exits (n8n ends with process.exit). The
 * send node's share is read off the samples around its run data start and executionTime.
 */
const PROBE = `
const fs = require('node:fs');
const path = require('node:path');
const dir = process.env.ZAVU_CPU_PROBE_DIR;
const t0 = { epochMs: Date.now(), monoUs: Number(process.hrtime.bigint() / 1000n) };
const samples = [];
// The main thread's own scheduler statistics: ns on a CPU, ns runnable but waiting for one.
const schedstat = '/proc/self/task/' + process.pid + '/schedstat';
const sched = () => { try { return fs.readFileSync(schedstat, 'utf8').split(' ').map(Number); } catch { return [0, 0]; } };
const sample = () => { const c = process.cpuUsage(); const s = sched(); samples.push([Date.now(), c.user + c.system, s[0] / 1000, s[1] / 1000]); };
if (dir) {
	sample();
	setInterval(sample, 10).unref();
	process.on('exit', () => {
		try {
			sample();
			const cpu = process.cpuUsage();
			fs.writeFileSync(path.join(dir, 'cpu-' + process.pid + '.json'),
				JSON.stringify({ pid: process.pid, argv: process.argv, userUs: cpu.user, systemUs: cpu.system, t0, samples }));
		} catch {}
	});
}
`;

type Sample = [epochMs: number, processCpuUs: number, mainRunUs: number, mainWaitUs: number];

/** Seconds of each sampled counter between two wall-clock times (the samples just outside them). */
function between(
	samples: Sample[],
	fromMs: number,
	toMs: number,
): { cpu: number; mainRun: number; mainWait: number } {
	let before = samples[0];
	for (const s of samples) if (s[0] <= fromMs) before = s;
	const after = samples.find((s) => s[0] >= toMs) ?? samples[samples.length - 1];
	return {
		cpu: (after[1] - before[1]) / 1e6,
		mainRun: (after[2] - before[2]) / 1e6,
		mainWait: (after[3] - before[3]) / 1e6,
	};
}

export type Variant = 'zavu' | 'httpParam' | 'httpHeaderAuth' | 'baseline';

export interface N8nRun {
	variant: Variant;
	label: string;
	items: number;
	inFlight?: number;
	latencyMs: number;
	/** runData[Send][0].executionTime, seconds. */
	sendSeconds: number;
	/** The whole `n8n execute` process, seconds. */
	wallSeconds: number;
	/** CPU time (user + system, all threads) of the `n8n execute` process (not its task runner), seconds. */
	cpuSeconds: number;
	/** The same, only while the send node ran. */
	sendCpuSeconds: number;
	/** n8n's main thread while the send node ran: seconds on a CPU, and runnable but waiting for a CPU. */
	mainRunSeconds: number;
	mainWaitSeconds: number;
	peakInFlight: number;
	/** Requests open at the stand-in, time-averaged over the send node's run (measured, not derived). */
	meanInFlight: number;
	/** From the send node's start to the first request at the stand-in, and from the last answer to its end (ms). */
	firstRequestMs: number;
	afterLastAnswerMs: number;
	/** Requests open at the stand-in, time-averaged from the first request's arrival to the last answer. */
	meanInFlightSending: number;
	requests: number;
	created: number;
	lost: number;
	duplicates: number;
	outputItems: number;
}

interface Spec {
	variant: Variant;
	label: string;
	inFlight?: number;
}

const SPECS: Spec[] = [
	{ variant: 'zavu', label: 'Zavu node', inFlight: 1 },
	{ variant: 'zavu', label: 'Zavu node', inFlight: 10 },
	{ variant: 'zavu', label: 'Zavu node', inFlight: 20 },
	{ variant: 'httpParam', label: 'HTTP Request, key as a header parameter, batching 10 / 0 ms' },
	{ variant: 'httpHeaderAuth', label: 'HTTP Request, Header Auth credential, batching 10 / 0 ms' },
];

const workflowId = (spec: Spec, items: number) =>
	`zb${{ zavu: 'Zavu', httpParam: 'Hpar', httpHeaderAuth: 'Hcrd', baseline: 'Base' }[spec.variant]}${String(spec.inFlight ?? 0).padStart(2, '0')}n${String(items).padStart(6, '0')}`;

function nodeId(k: number): string {
	return `b0000000-0000-4000-8000-${String(k).padStart(12, '0')}`;
}

/** Manual Trigger → Code (N items {to, n}) → Send. */
function workflow(spec: Spec, items: number, baseUrl: string, apiKey: string): object {
	const trigger = {
		id: nodeId(1),
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const code = {
		id: nodeId(2),
		name: 'Items',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position: [220, 0],
		parameters: {
			jsCode: `return Array.from({ length: ${items} }, (_, n) => ({ json: { to: '+1415' + String(5000000 + n), n } }));`,
		},
	};
	const body = {
		sendBody: true,
		contentType: 'json',
		specifyBody: 'keypair',
		bodyParameters: {
			parameters: [
				{ name: 'to', value: '={{ $json.to }}' },
				{ name: 'channel', value: 'sms' },
				{ name: 'text', value: '=Bench #{{ $json.n }}' },
			],
		},
		options: { batching: { batch: { batchSize: 10, batchInterval: 0 } } },
	};
	let send: Record<string, unknown>;
	if (spec.variant === 'zavu' || spec.variant === 'baseline') {
		send = {
			type: 'n8n-nodes-zavudev.zavu',
			typeVersion: 1,
			parameters: benchSendParameters({ itemsInFlight: spec.inFlight ?? 1 }),
			credentials: { zavudevApi: ZAVU_CRED },
			// The baseline: the same workflow, the send node disabled (it passes its input through).
			...(spec.variant === 'baseline' ? { disabled: true } : {}),
		};
	} else if (spec.variant === 'httpParam') {
		send = {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${baseUrl}/v1/messages`,
				sendHeaders: true,
				headerParameters: { parameters: [{ name: 'Authorization', value: `Bearer ${apiKey}` }] },
				...body,
			},
		};
	} else {
		send = {
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: `${baseUrl}/v1/messages`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				...body,
			},
			credentials: { httpHeaderAuth: HEADER_CRED },
		};
	}
	const sendNode = { id: nodeId(3), name: SEND, position: [440, 0], ...send };
	return {
		id: workflowId(spec, items),
		name: `Bench ${spec.label}${spec.inFlight ? `, ${spec.inFlight} in flight` : ''}, ${items} items${spec.variant === 'baseline' ? ' (send disabled)' : ''}`,
		active: false,
		nodes: [trigger, code, sendNode],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: SEND, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/** The harness's n8n, with extra environment for its CLI children (probe, profiler). */
class BenchN8n extends h.N8n {
	extraEnv: Record<string, string> = {};

	constructor(...args: unknown[]) {
		super(...args);
	}

	env(extra: { env?: Record<string, string> } = {}): Record<string, string> {
		return super.env({ ...extra, env: { ...this.extraEnv, ...(extra.env ?? {}) } });
	}
}

export interface N8nBench {
	api: ZavuStandIn;
	n8n: InstanceType<typeof BenchN8n>;
	dir: string;
	probe: string;
	version: string;
	nodeVersion: string;
	close(): Promise<void>;
}

/** Builds and packs, installs into a temp n8n 2.x user folder, imports credentials and workflows. */
export async function setupN8nBench(
	sizes: number[],
	given?: { tarball?: string },
): Promise<N8nBench> {
	const dir = mkdtempSync(join(tmpdir(), 'zavu-bench-n8n-'));
	const tarball = given?.tarball ?? h.buildAndPack(join(dir, 'pack'));
	const install = h.ensureN8n('2');
	const userFolder = join(dir, 'user');
	mkdirSync(userFolder);
	h.installPackage(userFolder, tarball);
	const probe = join(dir, 'cpu-probe.js');
	writeFileSync(probe, PROBE);

	const api = new ZavuStandIn({ latencyMs: 50 });
	await api.start();
	const n8n = new BenchN8n(install, userFolder, { port: await h.freePort() });
	await n8n.importCredentials([
		h.zavuCredential({ ...ZAVU_CRED, apiKey: api.apiKey, baseUrl: api.baseUrl }),
		{
			...HEADER_CRED,
			type: 'httpHeaderAuth',
			data: { name: 'Authorization', value: `Bearer ${api.apiKey}` },
		},
	]);
	const workflows = [];
	for (const items of sizes) {
		for (const spec of [...SPECS, { variant: 'baseline' as const, label: 'baseline' }]) {
			workflows.push(workflow(spec, items, api.baseUrl, api.apiKey));
		}
	}
	await n8n.importWorkflows(workflows);
	return {
		api,
		n8n,
		dir,
		probe,
		version: install.version,
		nodeVersion: h.LINES['2'].node,
		async close() {
			await api.stop();
			if (!process.env.BENCH_KEEP) rmSync(dir, { recursive: true, force: true });
		},
	};
}

interface ExecuteResult {
	run: any;
	cpuSeconds: number;
	wallSeconds: number;
	probeDir: string;
	mainPid: number;
	t0: { epochMs: number; monoUs: number };
	samples: Sample[];
}

/** One `n8n execute`, with the CPU probe (and the V8 profiler when `profileDir` is given). */
async function execute(bench: N8nBench, id: string, profileDir?: string): Promise<ExecuteResult> {
	const probeDir = mkdtempSync(join(bench.dir, 'probe-'));
	const nodeOptions = [`--require=${bench.probe}`];
	if (profileDir) nodeOptions.push('--cpu-prof', `--cpu-prof-dir=${profileDir}`);
	bench.n8n.extraEnv = { NODE_OPTIONS: nodeOptions.join(' '), ZAVU_CPU_PROBE_DIR: probeDir };
	const started = Date.now();
	let result;
	try {
		result = await bench.n8n.execute(id);
	} finally {
		bench.n8n.extraEnv = {};
	}
	const wallSeconds = (Date.now() - started) / 1000;
	if (!result.ok) {
		throw new Error(
			`n8n execute --id=${id} failed (exit ${result.exitCode}):\n${String(result.stdout).slice(-2000)}\n${String(result.stderr).slice(-2000)}`,
		);
	}
	// The main process is the one started as `<n8n cli> execute`; the task runner has its own file.
	const probes = readdirSync(probeDir).map((f) =>
		JSON.parse(readFileSync(join(probeDir, f), 'utf8')),
	);
	const main = probes.find((p) => p.argv.includes('execute'));
	if (!main)
		throw new Error(`no CPU probe from the n8n process (found ${probes.length} probe files)`);
	return {
		run: result.run,
		cpuSeconds: (main.userUs + main.systemUs) / 1e6,
		wallSeconds,
		probeDir,
		mainPid: main.pid,
		t0: main.t0,
		samples: main.samples,
	};
}

function windowCpu(samples: Sample[], send: { startTime: number; executionTime: number }) {
	const w = between(samples, send.startTime, send.startTime + send.executionTime);
	return { sendCpuSeconds: w.cpu, mainRunSeconds: w.mainRun, mainWaitSeconds: w.mainWait };
}

function sendRunData(run: any): any {
	const data = run?.data?.resultData?.runData?.[SEND];
	if (!data?.[0]) throw new Error('no run data for the send node');
	return data[0];
}

/** What every run reports of its timing, CPU and concurrency. */
function sendingSpan(api: N8nBench['api'], send: { startTime: number; executionTime: number }) {
	const span = api.requestSpan();
	if (!span) return { firstRequestMs: NaN, afterLastAnswerMs: NaN, meanInFlightSending: NaN };
	return {
		firstRequestMs: span.firstMs - send.startTime,
		afterLastAnswerMs: send.startTime + send.executionTime - span.lastMs,
		meanInFlightSending: api.meanInFlight(span.firstMs, span.lastMs),
	};
}

function measured(
	spec: Spec,
	items: number,
	latencyMs: number,
	send: any,
	result: Awaited<ReturnType<typeof execute>>,
	api: N8nBench['api'],
) {
	return {
		variant: spec.variant,
		label: spec.label,
		items,
		inFlight: spec.inFlight,
		latencyMs,
		sendSeconds: send.executionTime / 1000,
		wallSeconds: result.wallSeconds,
		cpuSeconds: result.cpuSeconds,
		...windowCpu(result.samples, send),
		peakInFlight: api.maxInFlight,
		meanInFlight: api.meanInFlight(send.startTime, send.startTime + send.executionTime),
		...sendingSpan(api, send),
	};
}

/** One measured run of one variant. */
export async function runVariant(
	bench: N8nBench,
	spec: Spec,
	items: number,
	latencyMs: number,
): Promise<N8nRun> {
	const { api } = bench;
	api.setOptions({ latencyMs });
	api.clearRequests();
	if (api.maxInFlight !== 0)
		throw new Error(`the stand-in still has ${api.maxInFlight} requests in flight before the run`);
	const before = api.messages.size;
	const result = await execute(bench, workflowId(spec, items));
	const send = sendRunData(result.run);
	const output = send.data?.main?.[0] ?? [];

	const created = [...api.messages.values()].slice(before);
	const counts = new Map<string, number>();
	for (const m of created) counts.set(String(m.text), (counts.get(String(m.text)) ?? 0) + 1);
	let lost = 0;
	let duplicates = 0;
	if (spec.variant !== 'baseline') {
		for (let n = 0; n < items; n++) {
			const count = counts.get(`Bench #${n}`) ?? 0;
			if (count === 0) lost++;
			if (count > 1) duplicates += count - 1;
		}
		if (output.length !== items)
			throw new Error(`${spec.label}: ${output.length} output items, expected ${items}`);
		if (
			spec.variant === 'zavu' &&
			output.some((item: any, k: number) => item.json.text !== `Bench #${k}`)
		) {
			throw new Error(`${spec.label}: output order is wrong`);
		}
	}
	return {
		...measured(spec, items, latencyMs, send, result, api),
		requests: api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages').length,
		created: created.length,
		lost,
		duplicates,
		outputItems: output.length,
	};
}

/**
 * One run with n8n's query log on (DB_LOGGING_*): the database queries, by table, per run.
 * Not timed (logging every query costs time itself).
 */
export async function dbQueries(
	bench: N8nBench,
	spec: Spec,
	items: number,
): Promise<Map<string, number>> {
	bench.api.setOptions({ latencyMs: 0 });
	bench.api.clearRequests();
	bench.n8n.extraEnv = {
		DB_LOGGING_ENABLED: 'true',
		DB_LOGGING_OPTIONS: 'query',
		DB_LOGGING_MAX_EXECUTION_TIME: '0',
	};
	let result;
	try {
		result = await bench.n8n.execute(workflowId(spec, items));
	} finally {
		bench.n8n.extraEnv = {};
	}
	if (!result.ok)
		throw new Error(
			`n8n execute --id=${workflowId(spec, items)} with the query log failed (exit ${result.exitCode})`,
		);
	const counts = new Map<string, number>();
	for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
		const at = line.indexOf('query:');
		if (at < 0) continue;
		const sql = line.slice(at + 6).trim();
		const table =
			/^(?:SELECT .*? FROM|UPDATE|INSERT INTO|DELETE FROM) "(\w+)"/.exec(sql)?.[1] ??
			sql.split(/\s+/).slice(0, 2).join(' ');
		counts.set(table, (counts.get(table) ?? 0) + 1);
	}
	return counts;
}

// ---------------------------------------------------------------------------------------
// CPU profiles
// ---------------------------------------------------------------------------------------

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}

interface CpuProfile {
	nodes: ProfileNode[];
	startTime: number;
	endTime: number;
	samples: number[];
	timeDeltas: number[];
}

/** Where a sample's time goes, first match over the whole stack (see `CATEGORIES`). */
export interface Category {
	name: string;
	test: (frame: ProfileNode['callFrame']) => boolean;
}

const fn = (name: string, url?: RegExp) => (f: ProfileNode['callFrame']) =>
	f.functionName === name && (!url || url.test(f.url));
const any =
	(...tests: Array<(f: ProfileNode['callFrame']) => boolean>) =>
	(f: ProfileNode['callFrame']) =>
		tests.some((t) => t(f));

/**
 * Categories in precedence order: a sample belongs to the first category any frame of its stack
 * matches. Credential handling first (whatever it calls: expressions, the database, crypto), then
 * parameters, then the HTTP client, then our code.
 */
export const CATEGORIES: Category[] = [
	{
		name: 'credentials: authenticate (CredentialsHelper.authenticate, its expressions)',
		test: fn('authenticate', /credentials-helper|credentials\.helper/),
	},
	{
		name: 'credentials: load + decrypt (getCredentials, getDecrypted, Cipher), synchronous part',
		test: any(
			fn('getCredentials'),
			fn('_getCredentials'),
			fn('getDecrypted'),
			fn('getCredentialsEntity'),
			fn('applyDefaultsAndOverwrites'),
			fn('getData', /credentials/),
			(f) =>
				/encryption\/|cipher|credentials-helper|credentials\.helper|credentials-overwrites/i.test(
					f.url,
				),
		),
	},
	{
		name: 'database queries (typeorm, sqlite3)',
		test: (f) => /node_modules\/(typeorm|sqlite3|@n8n\/typeorm|@n8n\/db)\//.test(f.url),
	},
	{
		name: 'parameters and expressions (getNodeParameter, expression engine)',
		test: any(fn('getNodeParameter'), fn('_getNodeParameter'), fn('getWorkflowDataProxy'), (f) =>
			/workflow-expression|\/expression\.js|workflow-data-proxy|expression-runtime|@n8n\/tournament|\/recast\/|\/ast-types\/|esprima/.test(
				f.url,
			),
		),
	},
	{
		name: 'HTTP client (httpRequest, axios, sockets)',
		test: any(
			fn('httpRequest'),
			fn('httpRequestWithAuthentication'),
			fn('requestWithAuthentication'),
			(f) =>
				/node_modules\/(axios|follow-redirects|form-data|proxy-from-env|agent-base|http-proxy-agent|https-proxy-agent|@n8n\/backend-network)\//.test(
					f.url,
				),
			(f) =>
				/^node:(_http|http|net|https|tls|dns|stream|internal\/(streams|http|net|stream_base|dns|url))/.test(
					f.url,
				),
			(f) => /request-helpers|request-helper-functions/.test(f.url),
		),
	},
	{ name: 'our code (dist/nodes/Zavu)', test: (f) => /n8n-nodes-zavudev\/dist\//.test(f.url) },
	{ name: 'HTTP Request node code', test: (f) => /nodes\/HttpRequest\//.test(f.url) },
	{ name: 'garbage collector', test: (f) => f.functionName === '(garbage collector)' },
	{ name: 'idle', test: (f) => f.functionName === '(idle)' },
];

const OTHER = 'other (n8n engine, runtime, program)';

export interface ProfileSummary {
	windowMs: number;
	sampledMs: number;
	categories: Array<{ name: string; ms: number }>;
	self: Array<{ key: string; ms: number }>;
	total: Array<{ key: string; ms: number }>;
	named: Array<{ key: string; ms: number }>;
	/** Top self time among the samples no category took. */
	other: Array<{ key: string; ms: number }>;
	file: string;
}

/** Functions whose inclusive time the report names (stack-synchronous time only: an await cuts the stack). */
const NAMED: Array<[string, (f: ProfileNode['callFrame']) => boolean]> = [
	['httpRequestWithAuthentication', fn('httpRequestWithAuthentication')],
	['requestWithAuthentication', fn('requestWithAuthentication')],
	['getCredentials (node context)', any(fn('getCredentials'), fn('_getCredentials'))],
	['CredentialsHelper.getDecrypted', fn('getDecrypted')],
	['Credentials.getData', fn('getData', /credentials/)],
	[
		'Cipher.decryptV2 (key lookup, HKDF, AES)',
		any(fn('decryptV2', /cipher/), fn('decrypt', /cipher/)),
	],
	['Cipher.decryptDEKWithInstanceKey (HKDF + AES-GCM)', fn('decryptDEKWithInstanceKey', /cipher/)],
	['CredentialsHelper.authenticate', fn('authenticate', /credentials-helper|credentials\.helper/)],
	['applyDefaultsAndOverwrites', fn('applyDefaultsAndOverwrites')],
	['getNodeParameter', any(fn('getNodeParameter'), fn('_getNodeParameter'))],
	[
		'expression engine (isolated-vm bridge execute)',
		(f) => f.functionName === 'execute' && /isolated-vm-bridge/.test(f.url),
	],
	['getWorkflowDataProxy', fn('getWorkflowDataProxy')],
	[
		'typeorm / sqlite3 (any frame)',
		(f) => /node_modules\/(typeorm|sqlite3|@n8n\/typeorm)\//.test(f.url),
	],
	['ours: dist/nodes/Zavu (any frame)', (f) => /n8n-nodes-zavudev\/dist\//.test(f.url)],
	['ours: router', fn('router', /n8n-nodes-zavudev/)],
	['ours: zavuApiRequest', fn('zavuApiRequest', /n8n-nodes-zavudev/)],
	['ours: buildSendRequest', fn('buildSendRequest', /n8n-nodes-zavudev/)],
	['ours: derivedIdempotencyKey', fn('derivedIdempotencyKey', /n8n-nodes-zavudev/)],
	['HttpRequestV3.execute', (f) => f.functionName === 'execute' && /HttpRequestV3/.test(f.url)],
];

function frameKey(f: ProfileNode['callFrame']): string {
	const url = f.url.replace(/^file:\/\//, '');
	const short = url.includes('node_modules/')
		? url.slice(url.lastIndexOf('node_modules/') + 'node_modules/'.length)
		: url.replace(/^.*\/(dist|lib)\//, '$1/');
	return `${f.functionName || '(anonymous)'} ${short ? `${short}:${f.lineNumber + 1}` : ''}`.trim();
}

/**
 * Reads a .cpuprofile and summarises the samples taken while the send node ran (its run data
 * start and executionTime, mapped onto the profile's monotonic clock with the probe's t0).
 */
export function summariseProfile(
	file: string,
	window: { startEpochMs: number; ms: number },
	t0: { epochMs: number; monoUs: number },
): ProfileSummary {
	const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
	const byId = new Map<number, ProfileNode>();
	const parent = new Map<number, number>();
	for (const node of profile.nodes) {
		byId.set(node.id, node);
		for (const child of node.children ?? []) parent.set(child, node.id);
	}
	const fromUs = t0.monoUs + (window.startEpochMs - t0.epochMs) * 1000;
	const toUs = fromUs + window.ms * 1000;

	const self = new Map<string, number>();
	const total = new Map<string, number>();
	const categories = new Map<string, number>();
	const named = new Map<string, number>();
	const other = new Map<string, number>();
	const stacks = new Map<number, ProfileNode['callFrame'][]>();
	const stackOf = (id: number) => {
		let frames = stacks.get(id);
		if (!frames) {
			frames = [];
			for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
				frames.push(byId.get(at)!.callFrame);
			stacks.set(id, frames);
		}
		return frames;
	};

	let t = profile.startTime;
	let sampledUs = 0;
	for (let k = 0; k < profile.samples.length; k++) {
		t += profile.timeDeltas[k];
		// A sample's time is the gap to the next sample.
		const dt = k + 1 < profile.timeDeltas.length ? profile.timeDeltas[k + 1] : 0;
		if (t < fromUs || t >= toUs) continue;
		sampledUs += dt;
		const frames = stackOf(profile.samples[k]);
		const leaf = frames[0];
		self.set(frameKey(leaf), (self.get(frameKey(leaf)) ?? 0) + dt);
		const seen = new Set<string>();
		for (const f of frames) {
			const key = frameKey(f);
			if (seen.has(key)) continue;
			seen.add(key);
			total.set(key, (total.get(key) ?? 0) + dt);
		}
		const category = CATEGORIES.find((c) => frames.some(c.test))?.name ?? OTHER;
		if (category === OTHER) other.set(frameKey(leaf), (other.get(frameKey(leaf)) ?? 0) + dt);
		categories.set(category, (categories.get(category) ?? 0) + dt);
		for (const [name, test] of NAMED)
			if (frames.some(test)) named.set(name, (named.get(name) ?? 0) + dt);
	}
	const ms = (m: Map<string, number>) =>
		[...m.entries()].map(([key, us]) => ({ key, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
	return {
		windowMs: window.ms,
		sampledMs: sampledUs / 1000,
		categories: ms(categories).map(({ key, ms }) => ({ name: key, ms })),
		self: ms(self).slice(0, 25),
		total: ms(total).slice(0, 40),
		named: NAMED.map(([name]) => ({ key: name, ms: (named.get(name) ?? 0) / 1000 })),
		other: ms(other).slice(0, 10),
		file,
	};
}

/** A profiled run: returns the summary of the send node's window. */
export async function profileVariant(
	bench: N8nBench,
	spec: Spec,
	items: number,
	latencyMs: number,
): Promise<ProfileSummary & { run: N8nRun }> {
	const { api } = bench;
	api.setOptions({ latencyMs });
	api.clearRequests();
	const profileDir = mkdtempSync(join(bench.dir, 'profile-'));
	const before = api.messages.size;
	const result = await execute(bench, workflowId(spec, items), profileDir);
	const send = sendRunData(result.run);
	const file =
		readdirSync(profileDir).find((f) => f.endsWith(`.${result.mainPid}.0.001.cpuprofile`)) ??
		readdirSync(profileDir).find((f) => f.includes(`.${result.mainPid}.`));
	if (!file) throw new Error(`no .cpuprofile for pid ${result.mainPid} in ${profileDir}`);
	const summary = summariseProfile(
		join(profileDir, file),
		{ startEpochMs: send.startTime, ms: send.executionTime },
		result.t0,
	);
	return {
		...summary,
		run: {
			...measured(spec, items, latencyMs, send, result, api),
			requests: api.requests.length,
			created: api.messages.size - before,
			lost: 0,
			duplicates: 0,
			outputItems: send.data?.main?.[0]?.length ?? 0,
		},
	};
}

// ---------------------------------------------------------------------------------------
// The section
// ---------------------------------------------------------------------------------------

const range = (values: number[], digits: number) => {
	const lo = Math.min(...values);
	const hi = Math.max(...values);
	return lo.toFixed(digits) === hi.toFixed(digits)
		? lo.toFixed(digits)
		: `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
};
const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
};
const variantName = (r: { label: string; inFlight?: number }) =>
	r.inFlight ? `${r.label}, ${r.inFlight} in flight` : r.label;

export async function benchN8n(opts: {
	sizes: number[];
	repeat: number;
	profile: boolean;
	profileItems: number;
	log: (line: string) => void;
}): Promise<void> {
	const { log } = opts;
	const sizes = [...new Set([...opts.sizes, ...(opts.profile ? [opts.profileItems] : [])])];
	const bench = await setupN8nBench(sizes);
	try {
		console.error(
			`  n8n ${bench.version} (Node ${bench.nodeVersion}), stand-in ${bench.api.baseUrl}`,
		);
		const runs: N8nRun[] = [];
		const baselines: N8nRun[] = [];
		// Repetitions outermost, so that a slow spell of the machine spreads over every variant.
		for (let rep = 1; rep <= opts.repeat; rep++) {
			for (const items of opts.sizes) {
				const base = await runVariant(bench, { variant: 'baseline', label: 'baseline' }, items, 0);
				baselines.push(base);
				console.error(
					`  [${rep}/${opts.repeat}] ${items} items, send disabled: CPU ${base.cpuSeconds.toFixed(2)} s, wall ${base.wallSeconds.toFixed(1)} s`,
				);
				for (const latencyMs of [50, 0]) {
					for (const spec of SPECS) {
						const run = await runVariant(bench, spec, items, latencyMs);
						runs.push(run);
						console.error(
							`  [${rep}/${opts.repeat}] ${items} items, ${latencyMs} ms, ${variantName(spec)}: send ${run.sendSeconds.toFixed(2)} s, peak ${run.peakInFlight}, CPU ${run.cpuSeconds.toFixed(2)} s (send ${run.sendCpuSeconds.toFixed(2)} s, main thread ${run.mainRunSeconds.toFixed(2)} s + waiting ${run.mainWaitSeconds.toFixed(2)} s), created ${run.created}, lost ${run.lost}, dup ${run.duplicates}`,
						);
					}
				}
			}
		}

		const cpuPerItem = (r: N8nRun) => {
			const base = median(baselines.filter((b) => b.items === r.items).map((b) => b.cpuSeconds));
			return ((r.cpuSeconds - base) / r.items) * 1000;
		};
		for (const latencyMs of [50, 0]) {
			log(
				`\n### Real n8n ${bench.version}: sends, stand-in latency ${latencyMs} ms (${opts.repeat} runs each, min–max)\n`,
			);
			log(
				'| sender | items | send node time (s) | msgs/s | peak requests in flight | mean requests in flight (Little’s law) | mean requests open at the stand-in (measured) | CPU busy while sending (% of one core) | main thread on a CPU / waiting for one (% of send time) | n8n CPU per item, send node (ms) | n8n CPU per item, process − baseline (ms) | requests | messages created | lost | duplicates |',
			);
			log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
			for (const items of opts.sizes) {
				for (const spec of SPECS) {
					const rs = runs.filter(
						(r) =>
							r.items === items &&
							r.latencyMs === latencyMs &&
							r.variant === spec.variant &&
							r.inFlight === spec.inFlight,
					);
					const cells = [
						range(
							rs.map((r) => r.sendSeconds),
							2,
						),
						range(
							rs.map((r) => r.items / r.sendSeconds),
							0,
						),
						range(
							rs.map((r) => r.peakInFlight),
							0,
						),
						// Little's law with the stand-in's latency only (its own work and the network add a little).
						latencyMs
							? range(
									rs.map((r) => (r.items * latencyMs) / 1000 / r.sendSeconds),
									1,
								)
							: '–',
						latencyMs
							? range(
									rs.map((r) => r.meanInFlight),
									1,
								)
							: '–',
						range(
							rs.map((r) => (100 * r.sendCpuSeconds) / r.sendSeconds),
							0,
						),
						`${range(
							rs.map((r) => (100 * r.mainRunSeconds) / r.sendSeconds),
							0,
						)} / ${range(
							rs.map((r) => (100 * r.mainWaitSeconds) / r.sendSeconds),
							0,
						)}`,
						range(
							rs.map((r) => (r.sendCpuSeconds / r.items) * 1000),
							1,
						),
						range(rs.map(cpuPerItem), 1),
						range(
							rs.map((r) => r.requests),
							0,
						),
						range(
							rs.map((r) => r.created),
							0,
						),
						range(
							rs.map((r) => r.lost),
							0,
						),
						range(
							rs.map((r) => r.duplicates),
							0,
						),
					];
					log(`| ${variantName(spec)} | ${items} | ${cells.join(' | ')} |`);
				}
			}
		}
		log(
			`\nBaseline (the same workflow, send node disabled): n8n CPU per \`n8n execute\`, min–max of ${opts.repeat}: ` +
				opts.sizes
					.map(
						(items) =>
							`${items} items ${range(
								baselines.filter((b) => b.items === items).map((b) => b.cpuSeconds),
								2,
							)} s`,
					)
					.join(', ') +
				'.',
		);

		// What each send costs in database queries (n8n's query log, one run each).
		const queryItems = Math.min(...opts.sizes);
		const baseQueries = await dbQueries(
			bench,
			{ variant: 'baseline', label: 'baseline' },
			queryItems,
		);
		const queryRows: Array<{ spec: Spec; perItem: Map<string, number> }> = [];
		for (const spec of SPECS.filter((sp) => sp.variant !== 'zavu' || sp.inFlight === 20)) {
			const counts = await dbQueries(bench, spec, queryItems);
			const perItem = new Map<string, number>();
			for (const [table, count] of counts) {
				const extra = count - (baseQueries.get(table) ?? 0);
				if (extra > 0) perItem.set(table, extra / queryItems);
			}
			queryRows.push({ spec, perItem });
			console.error(
				`  queries per item, ${variantName(spec)}: ${[...perItem].map(([t, c]) => `${t} ${c.toFixed(2)}`).join(', ')}`,
			);
		}
		const tables = [...new Set(queryRows.flatMap((r) => [...r.perItem.keys()]))].sort();
		log(
			`\n### Database queries per item (n8n's query log, ${queryItems} items, minus the run with the send node disabled)\n`,
		);
		log(`| sender | ${tables.map((t) => `\`${t}\``).join(' | ')} | total |`);
		log(`|---|${tables.map(() => '---:').join('|')}|---:|`);
		for (const r of queryRows) {
			const total = [...r.perItem.values()].reduce((a, b) => a + b, 0);
			log(
				`| ${variantName(r.spec)} | ${tables.map((t) => (r.perItem.get(t) ?? 0).toFixed(2)).join(' | ')} | ${total.toFixed(2)} |`,
			);
		}

		if (!opts.profile) return;
		// Three senders at 0 ms latency (all CPU), and our node sending one at a time at 50 ms.
		const n = opts.profileItems;
		const profiled: Array<{
			spec: Spec;
			items: number;
			latencyMs: number;
			summaries: Array<ProfileSummary & { run: N8nRun }>;
		}> = [
			{ spec: SPECS[2], items: n, latencyMs: 0, summaries: [] },
			{ spec: SPECS[4], items: n, latencyMs: 0, summaries: [] },
			{ spec: SPECS[3], items: n, latencyMs: 0, summaries: [] },
			{ spec: SPECS[0], items: Math.min(...opts.sizes), latencyMs: 50, summaries: [] },
		];
		const title = (p: (typeof profiled)[number]) =>
			`${variantName(p.spec)}, ${p.items} items, ${p.latencyMs} ms`;
		for (let rep = 1; rep <= opts.repeat; rep++) {
			for (const p of profiled) {
				const summary = await profileVariant(bench, p.spec, p.items, p.latencyMs);
				p.summaries.push(summary);
				console.error(
					`  [${rep}/${opts.repeat}] profile ${title(p)}: send ${summary.run.sendSeconds.toFixed(2)} s, sampled ${summary.sampledMs.toFixed(0)} ms (${summary.file})`,
				);
			}
		}
		const cols = (f: (p: (typeof profiled)[number]) => string) => profiled.map(f).join(' | ');
		log(
			`\n### CPU profile of the send node: \`--cpu-prof\` on n8n's main thread (${opts.repeat} runs each, min–max, ms per item)\n`,
		);
		log(
			'Samples taken while the send node ran (its run data start + executionTime); each sample counted in the first category, top to bottom, that any frame of its stack matches.\n',
		);
		log(`| category | ${cols(title)} |`);
		log(`|---|${profiled.map(() => '---:').join('|')}|`);
		const names = [...CATEGORIES.map((c) => c.name), OTHER];
		const per = (s: ProfileSummary, name: string, items: number) =>
			(s.categories.find((c) => c.name === name)?.ms ?? 0) / items;
		for (const name of names) {
			log(
				`| ${name} | ${cols((p) =>
					range(
						p.summaries.map((s) => per(s, name, p.items)),
						2,
					),
				)} |`,
			);
		}
		log(
			`| **busy (all but idle)** | ${cols((p) =>
				range(
					p.summaries.map(
						(s) => (s.sampledMs - (s.categories.find((c) => c.name === 'idle')?.ms ?? 0)) / p.items,
					),
					2,
				),
			)} |`,
		);
		log(
			`| of which credential handling (the three credential/database rows) | ${cols((p) =>
				range(
					p.summaries.map(
						(s) =>
							s.categories
								.filter((c) => /^credentials|^database/.test(c.name))
								.reduce((a, c) => a + c.ms, 0) / p.items,
					),
					2,
				),
			)} |`,
		);
		log(
			`| send node time (wall) | ${cols((p) =>
				range(
					p.summaries.map((s) => s.windowMs / p.items),
					2,
				),
			)} |`,
		);

		log(
			`\nInclusive time of named functions (synchronous stack only: time after an \`await\` shows under the continuation, not the caller), ms per item:\n`,
		);
		log(`| function | ${cols(title)} |`);
		log(`|---|${profiled.map(() => '---:').join('|')}|`);
		for (const [name] of NAMED) {
			log(
				`| ${name} | ${cols((p) =>
					range(
						p.summaries.map((s) => (s.named.find((x) => x.key === name)?.ms ?? 0) / p.items),
						2,
					),
				)} |`,
			);
		}
		for (const p of profiled) {
			const s = p.summaries[0];
			const k = p.items;
			log(`\nTop self time, ${title(p)} (first run, ms per item):\n`);
			log('| function | self | total |');
			log('|---|---:|---:|');
			for (const row of s.self.slice(0, 15)) {
				const totalMs = s.total.find((x) => x.key === row.key)?.ms ?? row.ms;
				log(`| \`${row.key}\` | ${(row.ms / k).toFixed(3)} | ${(totalMs / k).toFixed(3)} |`);
			}
			log(
				`\nTop self time in "other": ${s.other
					.slice(0, 6)
					.map((o) => `\`${o.key}\` ${(o.ms / k).toFixed(3)}`)
					.join(', ')}`,
			);
			log(`\nTop total time, ${title(p)} (first run, ms per item):\n`);
			log('| function | total |');
			log('|---|---:|');
			for (const row of s.total.slice(0, 25))
				log(`| \`${row.key}\` | ${(row.ms / k).toFixed(3)} |`);
		}
	} finally {
		await bench.close();
	}
}

// ---------------------------------------------------------------------------------------
// Rate limits in a real n8n
// ---------------------------------------------------------------------------------------

/**
 * The fault-injection run of issue #9, as a benchmark: N sends, 10 in flight, the node's default
 * options (Max Attempts 3, Max Retry Wait 60 s), against limits whose headers come only with the
 * 429s, in a real n8n (`n8n execute`). Counts what the stand-in created against the items: a lost
 * item is one the execution failed on (the node does not continue on fail here).
 */
export async function benchN8nLimits(opts: {
	items: number;
	repeat: number;
	tarball?: string;
	log: (line: string) => void;
}): Promise<void> {
	const { log, items } = opts;
	const spec: Spec = { variant: 'zavu', label: 'Zavu node', inFlight: 10 };
	const bench = await setupN8nBench([items], { tarball: opts.tarball });
	const latencyMs = 20;
	const rows: Array<{
		scenario: string;
		seconds: number[];
		requests: number[];
		tooMany: number[];
		lost: number[];
		duplicates: number[];
		ratio: number[];
		errors: string[];
	}> = [];
	try {
		console.error(
			`  n8n ${bench.version}, ${opts.tarball ? `tarball ${opts.tarball}` : 'this build'}`,
		);
		for (const s of LIMIT_SCENARIOS) {
			const row = {
				scenario: s.scenario,
				seconds: [],
				requests: [],
				tooMany: [],
				lost: [],
				duplicates: [],
				ratio: [],
				errors: [],
			} as (typeof rows)[number];
			for (let rep = 1; rep <= opts.repeat; rep++) {
				const { api } = bench;
				api.setOptions({ latencyMs, rateLimit: s.rateLimit });
				api.clearRequests();
				const before = api.messages.size;
				const competitor = competeFor(api, s.competitorPerSecond);
				let result;
				try {
					result = await bench.n8n.execute(workflowId(spec, items));
				} finally {
					await competitor.stop();
				}
				const send = result.run?.data?.resultData?.runData?.[SEND]?.[0];
				const counts = new Map<string, number>();
				for (const m of [...api.messages.values()].slice(before))
					counts.set(String(m.text), (counts.get(String(m.text)) ?? 0) + 1);
				let lost = 0;
				let duplicates = 0;
				for (let n = 0; n < items; n++) {
					const count = counts.get(`Bench #${n}`) ?? 0;
					if (count === 0) lost++;
					if (count > 1) duplicates += count - 1;
				}
				const sends = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
				const seconds = (send?.executionTime ?? NaN) / 1000;
				const error =
					result.run?.data?.resultData?.error?.message ??
					(result.ok ? '' : `exit ${result.exitCode}`);
				row.seconds.push(seconds);
				row.requests.push(sends.length);
				row.tooMany.push(sends.filter((r) => r.status === 429).length);
				row.lost.push(lost);
				row.duplicates.push(duplicates);
				row.ratio.push(seconds / limitBound(items, s.rateLimit, s.competitorPerSecond));
				if (error) row.errors.push(error);
				console.error(
					`  [${rep}/${opts.repeat}] ${s.scenario}: ${seconds.toFixed(2)} s, ${sends.length} requests, lost ${lost}, dup ${duplicates}${error ? `, error: ${error}` : ''}`,
				);
			}
			rows.push(row);
		}
	} finally {
		await bench.close();
		bench.api.setOptions({ rateLimit: undefined });
	}
	log(
		`\n### Real n8n ${bench.version}: rate limits that do not announce themselves, ${items} sends, 10 in flight, node defaults, stand-in latency ${latencyMs} ms (${opts.repeat} runs each, min–max)\n`,
	);
	log(
		'| scenario | send node time (s) | send requests | 429s | duplicates | lost | time ÷ bound | execution errors |',
	);
	log('|---|---:|---:|---:|---:|---:|---:|---|');
	for (const r of rows) {
		log(
			`| ${r.scenario} | ${range(r.seconds, 2)} | ${range(r.requests, 0)} | ${range(r.tooMany, 0)} | ${range(r.duplicates, 0)} | ${range(r.lost, 0)} | ${range(r.ratio, 3)} | ${r.errors.length ? [...new Set(r.errors)].join('; ') : '–'} |`,
		);
	}
}
