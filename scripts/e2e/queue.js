// @ts-check
// The e2e line `queue` (E2E_LINES=queue): the packed package in n8n 2.x's queue mode, one main
// and two workers on PostgreSQL and Redis (./queue/stack.js), against the Zavu stand-in. What a
// single process never shows: executions run by workers that each keep their own rate-limit
// gate, webhook deliveries taken by the main and run elsewhere, binary data a worker must read.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('../n8n/harness');
const { activate, deactivate } = require('./activation');
const { startQueueStack } = require('./queue/stack');

const CRED = { id: 'zavuCredential01', name: 'Zavu API' };
const ONBOARDING_2 = 'zavuExOnboard02';
const ONBOARDING_3 = 'zavuExOnboard03';
/** The polling trigger's node in the onboarding 2 example. */
const POLL_NODE = 'When an invitation completes or fails';
const BULK = { id: 'zavuQueueBulk01', path: 'queue-bulk' };
const BASIC = { id: 'zavuQueueBasic1', path: 'queue-basic' };
const FILES = { id: 'zavuQueueFile01', path: 'queue-file' };

/**
 * A workflow started by n8n's Webhook node (POST /webhook/<path>): in queue mode the main takes
 * the call and a worker runs the execution.
 * @param {{ id: string, path: string }} spec
 * @param {string} name
 * @param {any[]} nodes after the webhook, in a chain
 * @returns {import('../n8n/harness').Workflow}
 */
function webhookChain(spec, name, nodes) {
	const tag = Buffer.from(spec.id).toString('hex').slice(-12).padStart(12, '0');
	const start = {
		id: `f0000000-0000-4000-8000-${tag}`,
		name: 'Webhook',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		position: [0, 0],
		webhookId: `f1000000-0000-4000-8000-${tag}`,
		parameters: { httpMethod: 'POST', path: spec.path, responseMode: 'onReceived', options: {} },
	};
	const all = [start, ...nodes];
	/** @type {Record<string, unknown>} */
	const connections = {};
	all.forEach((node, k) => {
		node.position = [k * 220, 0];
		if (k < all.length - 1)
			connections[node.name] = { main: [[{ node: all[k + 1].name, type: 'main', index: 0 }]] };
	});
	return {
		id: spec.id,
		name,
		active: false,
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * @param {string} name
 * @param {Record<string, unknown>} parameters
 */
const zavuNode = (name, parameters) => ({
	id: `e1000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
	name,
	type: 'n8n-nodes-zavudev.zavu',
	typeVersion: 1,
	position: [0, 0],
	parameters,
	credentials: { zavudevApi: CRED },
});

/**
 * @param {string} name
 * @param {string} jsCode
 */
const codeNode = (name, jsCode) => ({
	id: `e2000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
	name,
	type: 'n8n-nodes-base.code',
	typeVersion: 2,
	position: [0, 0],
	parameters: { jsCode },
});

/**
 * Bulk send: POST /webhook/queue-bulk with `{ from, count }` → a Code node makes `count` rows →
 * Zavu → Message → Send, 10 in flight, one SMS per row with the text `Queue #<n>`.
 * @returns {import('../n8n/harness').Workflow}
 */
function bulkWorkflow() {
	return webhookChain(BULK, 'Queue: bulk send', [
		codeNode(
			'Rows',
			"const { from, count } = $json.body;\nreturn Array.from({ length: count }, (_, k) => ({ json: { to: '+1415555' + String(from + k).padStart(4, '0'), n: from + k } }));",
		),
		zavuNode('Send', {
			resource: 'message',
			operation: 'send',
			to: '={{ $json.to }}',
			channel: 'sms',
			text: '=Queue #{{ $json.n }}',
			options: { itemsInFlight: 10, maxRetryWait: 120 },
		}),
	]);
}

/**
 * The line.
 * @param {string} tarball
 * @param {any} standIn the compiled stand-in module
 * @param {(name: string, fn: () => Promise<void>) => Promise<void>} check
 */
async function queueSuite(tarball, standIn, check) {
	console.log('\n=== queue mode: n8n 2.x main + 2 workers, PostgreSQL, Redis ===');
	const install = h.ensureN8n('2');
	const api = new standIn.ZavuStandIn();
	await api.start();
	const root = fs.mkdtempSync(path.join(os.tmpdir(), 'zavu-e2e-queue-'));
	/** @type {import('./queue/stack').QueueStack | undefined} */
	let stack;
	try {
		const [completed] = api.seedInvitations(1, { clientName: 'Queue Co' });
		api.completeInvitation(completed.id);
		const workflows = [
			...h.exampleWorkflows(CRED),
			webhookChain(BASIC, 'Queue: invitation and message', [
				zavuNode('Get invitation', {
					resource: 'invitation',
					operation: 'get',
					invitationId: '={{ $json.body.invitationId }}',
				}),
				zavuNode('Send', {
					resource: 'message',
					operation: 'send',
					to: '+14155550123',
					channel: 'whatsapp',
					messageType: 'template',
					templateId: 'tmpl_seed00000000000001',
					templateVariables: { variable: [{ name: '1', value: '={{ $json.clientName }}' }] },
					options: { senderId: '={{ $json.senderId }}' },
				}),
			]),
			bulkWorkflow(),
			webhookChain(FILES, 'Queue: e-mail with a file from binary data', [
				codeNode(
					'File',
					"return [{ json: {}, binary: { data: { data: Buffer.from('Invoice 42: 100 USD').toString('base64'), mimeType: 'text/plain', fileName: 'invoice-42.txt' } } }];",
				),
				zavuNode('Send', {
					resource: 'message',
					operation: 'send',
					to: 'billing@example.com',
					channel: 'email',
					text: 'Your invoice is attached.',
					subject: 'Invoice 42',
					emailFields: {
						attachments: { attachment: [{ source: 'binary', binaryPropertyName: 'data' }] },
					},
				}),
			]),
		];
		stack = await startQueueStack({
			install,
			tarball,
			root,
			credentials: [h.zavuCredential({ ...CRED, apiKey: api.apiKey, baseUrl: api.baseUrl })],
			workflows,
		});
		const { main } = stack;
		await main.login({
			email: 'queue@example.com',
			firstName: 'Queue',
			lastName: 'Runner',
			password: 'Queue-password-1',
		});
		await main.createApiKey();
		const s = stack;

		/**
		 * POSTs to a Webhook node's production URL.
		 * @param {string} webhookPath
		 * @param {unknown} body
		 */
		const call = async (webhookPath, body) => {
			const res = await fetch(`${main.url()}/webhook/${webhookPath}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			assert.equal(
				res.status,
				200,
				`POST /webhook/${webhookPath}: ${res.status} ${await res.text()}`,
			);
		};
		/**
		 * The workflow's finished executions, once there are `count` of them.
		 * @param {string} id
		 * @param {number} count
		 * @param {number} [timeoutMs]
		 */
		const finished = async (id, count, timeoutMs = 120_000) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const runs = (await main.executions(id)).filter(
					(/** @type {any} */ e) => e.finished || e.stoppedAt,
				);
				if (runs.length >= count) return runs;
				if (Date.now() > deadline)
					throw new Error(`${id}: ${runs.length} of ${count} executions finished`);
				await h.sleep(500);
			}
		};
		/** @param {any[]} runs */
		const workersOf = (runs) => runs.map((e) => s.ranBy(String(e.id)) ?? `not a worker (${e.id})`);

		await check(
			'queue: the invitation → WhatsApp template workflow runs on the workers, same result as one process',
			async () => {
				const activation = await activate(main, '2', BASIC.id);
				assert.ok(activation.ok, activation.message);
				api.clearRequests();
				for (let k = 0; k < 4; k++) await call(BASIC.path, { invitationId: completed.id });
				const runs = await finished(BASIC.id, 4);
				assert.deepEqual(
					runs.map((/** @type {any} */ e) => e.status),
					['success', 'success', 'success', 'success'],
				);
				const ran = workersOf(runs);
				assert.ok(
					ran.every((w) => w.startsWith('worker-')),
					`run by: ${ran.join(', ')}`,
				);
				const sends = api.requestsTo('POST', '/v1/messages');
				assert.equal(sends.length, 4, 'sends');
				for (const r of sends) {
					assert.equal(r.headers['zavu-sender'], completed.senderId);
					assert.equal(r.body.content?.templateId, 'tmpl_seed00000000000001');
					assert.deepEqual(r.body.content?.templateVariables, { 1: completed.clientName });
				}
				await deactivate(main, '2', BASIC.id);
			},
		);

		await check(
			'queue: 1,000 sends in 4 executions on 2 workers under Zavu’s rate limit: none lost, none doubled, no 429 to the user, within 15 % of the bound',
			async () => {
				const perSecond = 100;
				api.setOptions({ rateLimit: { limit: perSecond, windowMs: 1000 } });
				try {
					const activation = await activate(main, '2', BULK.id);
					assert.ok(activation.ok, activation.message);
					api.clearRequests();
					const before = api.messages.size;
					const t0 = Date.now();
					await Promise.all(
						[0, 250, 500, 750].map((from) => call(BULK.path, { from, count: 250 })),
					);
					const runs = await finished(BULK.id, 4, 300_000);
					const sends = api.requestsTo('POST', '/v1/messages');
					const accepted = sends.filter((/** @type {any} */ r) => r.status === 201);
					const seconds = (Math.max(...accepted.map((/** @type {any} */ r) => r.at)) - t0) / 1000;
					const failedRuns = runs.filter((/** @type {any} */ e) => e.status !== 'success');
					assert.deepEqual(
						failedRuns.map((/** @type {any} */ e) => e.id),
						[],
						'executions that failed',
					);
					const created = [...api.messages.values()].slice(before);
					const counts = new Map();
					for (const m of created) counts.set(m.text, (counts.get(m.text) ?? 0) + 1);
					const lost = Array.from({ length: 1000 }, (_, n) => `Queue #${n}`).filter(
						(t) => !counts.has(t),
					);
					const doubled = [...counts.values()].filter((c) => c > 1).length;
					assert.deepEqual({ lost: lost.length, doubled }, { lost: 0, doubled: 0 });
					const ran = new Set(workersOf(runs));
					assert.deepEqual(
						[...ran].sort(),
						['worker-1', 'worker-2'],
						'the executions were split over both workers',
					);
					// The first window opens with the first request: 1,000 at 100 a second end after 9 s.
					const bound = 1000 / perSecond - 1;
					const rejected = sends.length - accepted.length;
					console.log(
						`    (1,000 sends in ${seconds.toFixed(1)} s, bound ${bound} s: ×${(seconds / bound).toFixed(2)}; ${rejected} requests answered 429 and retried inside the node)`,
					);
					assert.ok(seconds <= bound * 1.15, `${seconds.toFixed(1)} s for a bound of ${bound} s`);
				} finally {
					api.setOptions({ rateLimit: undefined });
					await deactivate(main, '2', BULK.id);
				}
			},
		);

		await check(
			'queue: an e-mail attachment from binary data made in one step is sent by the worker (n8n’s database binary mode)',
			async () => {
				const activation = await activate(main, '2', FILES.id);
				assert.ok(activation.ok, activation.message);
				try {
					api.clearRequests();
					await call(FILES.path, {});
					const [run] = await finished(FILES.id, 1);
					assert.equal(
						run.status,
						'success',
						`the execution: ${JSON.stringify(run.data?.resultData?.error?.message ?? run.status)}`,
					);
					const [send] = api.requestsTo('POST', '/v1/messages');
					assert.ok(send, 'no send reached Zavu');
					const [attachment] = send.body.attachments ?? [];
					assert.equal(
						Buffer.from(attachment?.content ?? '', 'base64').toString(),
						'Invoice 42: 100 USD',
					);
					assert.equal(attachment.filename, 'invoice-42.txt');
					assert.equal(attachment.content_type, 'text/plain');
					assert.ok(s.ranBy(String(run.id))?.startsWith('worker-'), 'run by a worker');
					const mode = (await main.rest('GET', '/settings')).data?.binaryDataMode;
					assert.equal(mode, 'database', "n8n's binary data mode in queue mode");
				} finally {
					await deactivate(main, '2', FILES.id);
				}
			},
		);

		await check(
			'queue: the webhook trigger takes deliveries on the main, the workers run them, each event exactly once',
			async () => {
				const activation = await activate(main, '2', ONBOARDING_3);
				assert.ok(activation.ok, activation.message);
				try {
					const invitations = api.seedInvitations(6);
					const messagesBefore = api.messages.size;
					for (const inv of invitations) api.completeInvitation(inv.id);
					await api.settleDeliveries(60_000);
					// Zavu retries: every event again, at once.
					const ids = new Set(invitations.map((/** @type {any} */ i) => i.id));
					for (const d of api.deliveries.filter((/** @type {any} */ d) =>
						ids.has(JSON.parse(d.rawBody).data?.invitationId),
					))
						api.replayDelivery(d.eventId);
					await api.settleDeliveries(60_000);
					const runs = await finished(ONBOARDING_3, 6);
					await h.sleep(3000);
					const all = await main.executions(ONBOARDING_3);
					assert.equal(all.length, 6, 'executions');
					assert.ok(
						workersOf(all).every((w) => w.startsWith('worker-')),
						`run by: ${workersOf(all).join(', ')}`,
					);
					assert.deepEqual(
						runs.map((/** @type {any} */ e) => e.status),
						Array(6).fill('success'),
					);
					const welcomes = [...api.messages.values()]
						.slice(messagesBefore)
						.filter((/** @type {any} */ m) => m.channel === 'whatsapp');
					assert.equal(welcomes.length, 6, 'WhatsApp welcomes');
				} finally {
					await deactivate(main, '2', ONBOARDING_3);
				}
			},
		);

		// The polling trigger runs on the main; its state lives in PostgreSQL. Minutes (n8n polls
		// at most every minute): skipped with E2E_QUICK=1, as on the other lines.
		if (!process.env.E2E_QUICK) {
			await check(
				'queue: the polling trigger on the main emits each change once, run by a worker, and misses nothing across a restart of the main',
				async () => {
					const activation = await activate(main, '2', ONBOARDING_2);
					assert.ok(activation.ok, activation.message);
					try {
						const [a, b, c] = api.seedInvitations(3);
						const before = (await main.executions(ONBOARDING_2)).length;
						/** The trigger's items in the executions since `before` (a poll emits each change it finds). */
						const changes = async () => {
							const every = await main.executions(ONBOARDING_2);
							const runs = every.slice(0, every.length - before);
							const items = runs.flatMap(
								(/** @type {any} */ e) =>
									e.data?.resultData?.runData?.[POLL_NODE]?.[0]?.data?.main?.[0] ?? [],
							);
							return {
								runs,
								seen: items.map((/** @type {any} */ i) => `${i.json?.id} ${i.json?.status}`),
							};
						};
						/** @param {number} count */
						const until = async (count) => {
							const deadline = Date.now() + 150_000;
							while ((await changes()).seen.length < count && Date.now() < deadline)
								await h.sleep(1000);
						};
						api.completeInvitation(a.id);
						await until(1);
						// The main goes down; one client finishes and another gives up meanwhile.
						await main.stop();
						api.completeInvitation(b.id);
						api.openInvitation(c.id);
						api.failInvitation(c.id);
						await main.start();
						await until(3);
						await h.sleep(65_000); // one more poll: nothing may come twice
						const { runs: all, seen } = await changes();
						assert.deepEqual(
							seen.sort(),
							[`${a.id} completed`, `${b.id} completed`, `${c.id} failed`].sort(),
							'each change once',
						);
						assert.ok(
							workersOf(all).every((w) => w.startsWith('worker-')),
							`run by: ${workersOf(all).join(', ')}`,
						);
						const state = s.query(
							`SELECT "staticData" FROM workflow_entity WHERE id = '${ONBOARDING_2}'`,
						);
						assert.match(state, /node:/, "the trigger's state is in PostgreSQL");
					} finally {
						await deactivate(main, '2', ONBOARDING_2);
					}
				},
			);
		}
	} finally {
		await stack?.stop();
		await api.stop();
		if (!process.env.E2E_KEEP) fs.rmSync(root, { recursive: true, force: true });
	}
}

module.exports = { queueSuite, bulkWorkflow, BULK, CRED };
