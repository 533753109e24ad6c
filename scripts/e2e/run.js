// @ts-check
// End-to-end suite: the packed tarball installed into a real n8n (its own user folder and
// database), workflows run with `n8n execute`, an activated trigger polled by n8n itself, and an
// activated webhook trigger that the stand-in calls with signed events, against the Zavu
// stand-in on 127.0.0.1. Lines: E2E_LINES=2,1 (default both); E2E_QUICK=1 skips the polling
// trigger's minutes.
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('../n8n/harness');
const { activate, deactivate } = require('./activation');
const { queueSuite } = require('./queue');
const { startStopChecks } = require('./start-stop');

/** @type {{ name: string, ok: boolean, error?: unknown }[]} */
const results = [];
/**
 * Runs one check and records its result; a failure is printed, not thrown.
 * @param {string} name
 * @param {() => Promise<void>} fn
 */
async function check(name, fn) {
	const started = Date.now();
	try {
		await fn();
		results.push({ name, ok: true });
		console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	} catch (error) {
		results.push({ name, ok: false, error });
		console.log(
			`  ✗ ${name}\n    ${String(error.stack || error)
				.split('\n')
				.slice(0, 8)
				.join('\n    ')}`,
		);
	}
}

const CRED = { id: 'zavuCredential01', name: 'Zavu API' };
const BAD_CRED = { id: 'zavuCredBadKey1', name: 'Zavu API (wrong key)' };
const ONBOARDING_3 = 'zavuExOnboard03';
const SUPPORT_INBOX = 'zavuExInbox0001';
const WEBHOOK_TRIGGER_TYPE = 'n8n-nodes-zavudev.zavuWebhookTrigger';
/** An E2E workflow whose webhook trigger takes over a webhook someone else had. */
const REPLACING = { id: 'zavuE2eWebhook1', webhookId: 'e0000000-0000-4000-8000-00000000b001' };
const manual = {
	id: 'e0000000-0000-4000-8000-000000000001',
	name: 'Start',
	type: 'n8n-nodes-base.manualTrigger',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * `n8n execute` that must succeed; on failure the assertion carries n8n's own output.
 * @param {import('../n8n/harness').N8n} n8n
 * @param {string} id
 */
async function executed(n8n, id) {
	const result = await n8n.execute(id);
	assert.ok(
		result.ok,
		`n8n execute --id=${id} failed (exit ${result.exitCode}): ${result.run?.data?.resultData?.error?.message ?? ''}\n${String(result.stdout).slice(-1500)}\n${String(result.stderr).slice(-1500)}`,
	);
	return result;
}

/**
 * A Zavu node of a test workflow.
 * @param {string} name
 * @param {Record<string, unknown>} parameters
 * @param {Record<string, unknown>} [extra]
 * @param {{ id: string, name: string }} [credential]
 */
function zavuNode(name, parameters, extra = {}, credential = CRED) {
	return {
		id: `e0000000-0000-4000-8000-${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-zavudev.zavu',
		typeVersion: 1,
		position: [240, 0],
		parameters,
		credentials: { zavudevApi: credential },
		...extra,
	};
}

/**
 * A workflow: Start → node1 → node2 …
 * @param {string} id
 * @param {string} name
 * @param {{ name: string, position: number[] }[]} nodes
 * @returns {import('../n8n/harness').Workflow}
 */
function chain(id, name, nodes) {
	const all = [manual, ...nodes];
	/** @type {Record<string, unknown>} */
	const connections = {};
	for (let k = 0; k < all.length - 1; k++) {
		connections[all[k].name] = { main: [[{ node: all[k + 1].name, type: 'main', index: 0 }]] };
	}
	all.forEach((node, k) => (node.position = [k * 220, 0]));
	return {
		id,
		name,
		active: false,
		nodes: all,
		connections,
		settings: { executionOrder: 'v1' },
		pinData: {},
	};
}

/**
 * The items (their `json`) a node output in the last of its runs.
 * @param {any} run the execution's JSON (`n8n execute --rawOutput`)
 * @param {string} nodeName
 * @returns {any[]}
 */
const output = (run, nodeName) => {
	const data = run?.data?.resultData?.runData?.[nodeName];
	assert.ok(data, `no run data for node "${nodeName}"`);
	return data[data.length - 1].data.main[0].map((/** @type {{ json: any }} */ item) => item.json);
};

/**
 * Polls `fn` every 2 s until it returns something truthy, and returns that.
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} fn
 * @param {number} [timeoutMs]
 * @returns {Promise<NonNullable<T>>}
 */
async function waitFor(what, fn, timeoutMs = 150_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await fn();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await h.sleep(2000);
	}
}

/**
 * Every check against one n8n line.
 * @param {string} line
 * @param {string} tarball
 * @param {any} standIn the compiled stand-in module (loadStandIn)
 */
async function suite(line, tarball, standIn) {
	const install = h.ensureN8n(line);
	console.log(`\n=== n8n ${install.version} (Node ${h.LINES[line].node}) ===`);
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `zavu-e2e-n8n${line}-`));
	/** @type {import('../n8n/harness').StandIn} */
	const api = new standIn.ZavuStandIn();
	await api.start();
	const n8n = new h.N8n(install, userFolder, {
		port: await h.freePort(),
		brokerPort: await h.freePort(),
	});

	try {
		h.installPackage(userFolder, tarball);

		// Entities the workflows refer to.
		const seeded = api.seedInvitations(260);
		const [toGet, toCancel, completed] = seeded;
		api.completeInvitation(completed.id);
		completed.clientPhone = '+14155559876';
		completed.clientName = 'Completed Co';
		const day = 86_400_000;
		const stale = api.seedInvitations(3, {
			clientName: 'Stale Co',
			createdAt: new Date(Date.now() - 10 * day).toISOString(),
			expiresAt: new Date(Date.now() + 20 * day).toISOString(),
		});

		const workflows = [
			chain('zavuE2eCreate01', 'E2E create', [
				zavuNode('Create', {
					resource: 'invitation',
					operation: 'create',
					clientName: 'E2E Corp',
					clientEmail: 'e2e@corp.io',
					additionalFields: { expiresInDays: 14, allowedPhoneCountries: ['US', 'MX'] },
				}),
			]),
			chain('zavuE2eGet00001', 'E2E get', [
				zavuNode('Get', { resource: 'invitation', operation: 'get', invitationId: toGet.id }),
			]),
			chain('zavuE2eList0001', 'E2E list', [
				zavuNode('List', {
					resource: 'invitation',
					operation: 'getAll',
					returnAll: true,
					filters: {},
				}),
			]),
			chain('zavuE2eCancel01', 'E2E cancel', [
				zavuNode('Cancel', {
					resource: 'invitation',
					operation: 'cancel',
					invitationId: toCancel.id,
				}),
			]),
			chain('zavuE2eSendTpl1', 'E2E send template from the invitation sender', [
				zavuNode('Get', { resource: 'invitation', operation: 'get', invitationId: completed.id }),
				zavuNode('Send', {
					resource: 'message',
					operation: 'send',
					to: '={{ $json.clientPhone }}',
					channel: 'whatsapp',
					messageType: 'template',
					templateId: 'tmpl_seed00000000000001',
					templateVariables: { variable: [{ name: '1', value: '={{ $json.clientName }}' }] },
					options: { senderId: '={{ $json.senderId }}' },
				}),
			]),
			chain('zavuE2eBad40001', 'E2E 4xx from the API', [
				zavuNode('Create', {
					resource: 'invitation',
					operation: 'create',
					clientName: 'Unknown Number Co',
					clientEmail: '',
					additionalFields: { phoneNumberId: 'pn_unknown' },
				}),
			]),
			chain('zavuE2eCof00001', 'E2E continue on fail', [
				zavuNode('Three', {
					resource: 'invitation',
					operation: 'getAll',
					returnAll: false,
					limit: 3,
					filters: { status: 'pending' },
				}),
				zavuNode(
					'Get each',
					{
						resource: 'invitation',
						operation: 'get',
						invitationId: "={{ $itemIndex === 1 ? 'no-such-invitation' : $json.id }}",
					},
					{ onError: 'continueRegularOutput' },
				),
			]),
			{
				id: 'zavuE2eTrigger1',
				name: 'E2E trigger: every invitation change',
				active: false,
				settings: { executionOrder: 'v1', saveDataSuccessExecution: 'all' },
				pinData: {},
				connections: {},
				nodes: [
					{
						id: 'e0000000-0000-4000-8000-00000000a001',
						name: 'Zavu Trigger',
						type: 'n8n-nodes-zavudev.zavuTrigger',
						typeVersion: 1,
						position: [0, 0],
						parameters: {
							pollTimes: { item: [{ mode: 'everyMinute' }] },
							resource: 'invitation',
							statuses: [],
						},
						credentials: { zavudevApi: CRED },
					},
				],
			},
			{
				id: REPLACING.id,
				name: 'E2E webhook trigger: replaces an existing webhook',
				active: false,
				settings: { executionOrder: 'v1' },
				pinData: {},
				connections: {},
				nodes: [
					{
						id: 'e0000000-0000-4000-8000-00000000a002',
						name: 'Zavu Webhook Trigger',
						type: WEBHOOK_TRIGGER_TYPE,
						typeVersion: 1,
						position: [0, 0],
						webhookId: REPLACING.webhookId,
						parameters: {
							events: ['invitation.status_changed'],
							statuses: [],
							options: { replaceExisting: true },
						},
						credentials: { zavudevApi: CRED },
					},
				],
			},
			...h.exampleWorkflows(CRED),
		];

		h.step('importing credentials and workflows');
		await n8n.importCredentials([
			h.zavuCredential({ ...CRED, apiKey: api.apiKey, baseUrl: api.baseUrl }),
			h.zavuCredential({ ...BAD_CRED, apiKey: 'zv_live_wrong_key', baseUrl: api.baseUrl }),
		]);
		await n8n.importWorkflows(workflows);

		await check(
			'invitation create: the body Zavu receives and the invitation n8n emits',
			async () => {
				api.clearRequests();
				const { ok, run } = await n8n.execute('zavuE2eCreate01');
				assert.ok(ok, 'execution failed');
				const [invitation] = output(run, 'Create');
				assert.equal(invitation.status, 'pending');
				assert.equal(invitation.clientName, 'E2E Corp');
				const posts = api.requests.filter(
					(r) => r.method === 'POST' && r.path === '/v1/invitations',
				);
				assert.equal(posts.length, 1);
				assert.equal(posts[0].headers.authorization, `Bearer ${api.apiKey}`);
				assert.deepEqual(posts[0].body, {
					clientName: 'E2E Corp',
					clientEmail: 'e2e@corp.io',
					expiresInDays: 14,
					allowedPhoneCountries: ['US', 'MX'],
				});
				assert.ok(api.invitations.has(invitation.id));
			},
		);

		await check('invitation get', async () => {
			const { run } = await executed(n8n, 'zavuE2eGet00001');
			const items = output(run, 'Get');
			assert.equal(items.length, 1);
			assert.equal(items[0].id, toGet.id);
			assert.equal(items[0].status, 'pending');
		});

		await check('invitation list: Return All over 250+ invitations, each once', async () => {
			api.clearRequests();
			const { run } = await executed(n8n, 'zavuE2eList0001');
			const items = output(run, 'List');
			assert.equal(items.length, api.invitations.size);
			assert.ok(items.length > 250);
			assert.equal(new Set(items.map((i) => i.id)).size, items.length);
			assert.deepEqual(
				api.requests.filter((r) => r.path === '/v1/invitations').map((r) => r.query.limit),
				['100', '100', '100'],
			);
		});

		await check('invitation cancel', async () => {
			const { run } = await executed(n8n, 'zavuE2eCancel01');
			assert.equal(output(run, 'Cancel')[0].status, 'cancelled');
			assert.equal(api.invitations.get(toCancel.id).status, 'cancelled');
		});

		await check(
			'message send: WhatsApp template from the sender of a completed invitation (expression)',
			async () => {
				api.clearRequests();
				const { run } = await executed(n8n, 'zavuE2eSendTpl1');
				const senderId = api.invitations.get(completed.id).senderId;
				assert.match(senderId, /^snd_/);
				const [message] = output(run, 'Send');
				const sends = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
				assert.equal(sends.length, 1);
				assert.equal(sends[0].headers['zavu-sender'], senderId);
				assert.equal(sends[0].body.messageType, 'template');
				assert.equal(sends[0].body.to, '+14155559876');
				assert.deepEqual(sends[0].body.content, {
					templateId: 'tmpl_seed00000000000001',
					templateVariables: { 1: 'Completed Co' },
				});
				assert.match(sends[0].body.idempotencyKey, /^n8n-[0-9a-f]{40}$/);
				assert.equal(message.senderId, senderId);
			},
		);

		await check('a 4xx from Zavu fails the run with its code and message', async () => {
			const { ok, exitCode, run, stdout } = await n8n.execute('zavuE2eBad40001');
			assert.equal(ok, false);
			assert.notEqual(exitCode, 0);
			const message = run?.data?.resultData?.error?.message ?? stdout;
			assert.match(message, /phone number pn_unknown not found \[validation_error\]/);
			assert.doesNotMatch(message, /Bad request - please check your parameters/);
		});

		await check(
			'Continue On Fail over 3 items: the middle one carries the error, the others run',
			async () => {
				const { run } = await executed(n8n, 'zavuE2eCof00001');
				const items = output(run, 'Get each');
				assert.equal(items.length, 3);
				assert.equal(items[1].code, 'invitation_not_found');
				assert.equal(items[1].httpCode, 404);
				assert.match(items[1].error, /\[invitation_not_found\]$/);
				assert.ok(items[0].id && items[2].id && !items[0].error && !items[2].error);
			},
		);

		await check(
			'example "bulk send": one SMS per contact, 5 in flight, nothing doubled',
			async () => {
				api.clearRequests();
				const before = api.messages.size;
				const { run } = await executed(n8n, 'zavuExBulkSend1');
				const items = output(run, 'Send SMS');
				assert.equal(items.length, 6);
				assert.equal(api.messages.size, before + 6);
				const sends = api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages');
				assert.deepEqual(sends.map((r) => r.body.to).sort(), [
					'+14155550101',
					'+14155550102',
					'+14155550103',
					'+14155550104',
					'+14155550105',
					'+14155550106',
				]);
				assert.ok(sends.every((r) => r.body.metadata.campaign === 'reminders'));
			},
		);

		await check(
			'example "housekeeping": cancels pending invitations older than 7 days only',
			async () => {
				const { run } = await executed(n8n, 'zavuExHousekee1');
				const cancelled = output(run, 'Cancel invitation');
				assert.deepEqual(cancelled.map((i) => i.id).sort(), stale.map((i) => i.id).sort());
				for (const inv of stale) assert.equal(api.invitations.get(inv.id).status, 'cancelled');
				assert.equal(api.invitations.get(toGet.id).status, 'pending');
			},
		);

		await check(
			'example "broadcast from a list": one broadcast, the 5 rows added in one request, sent once, its final progress out',
			async () => {
				api.clearRequests();
				const { ok, run, stdout } = await n8n.execute('zavuExBroadcst1');
				assert.ok(ok, `the run failed: ${String(stdout).slice(-1500)}`);
				const [progress] = output(run, 'Send and wait until finished');
				assert.equal(progress.status, 'completed', JSON.stringify(progress));
				assert.equal(
					progress.delivered + progress.failed + progress.skipped,
					5,
					JSON.stringify(progress),
				);
				assert.equal(progress.percentComplete, 100);
				const creates = api
					.requestsTo('POST', '/v1/broadcasts')
					.filter((/** @type {any} */ r) => r.path === '/v1/broadcasts');
				assert.equal(creates.length, 1, 'broadcasts created');
				const adds = api
					.requestsTo('POST', '/v1/broadcasts/')
					.filter((/** @type {any} */ r) => r.path.endsWith('/contacts'));
				assert.equal(adds.length, 1, 'Add Contacts requests');
				assert.deepEqual(
					adds[0].body.contacts.map((/** @type {any} */ c) => c.recipient),
					['+14155550201', '+14155550202', '+14155550203', '+14155550204', '+14155550205'],
				);
				const sends = api
					.requestsTo('POST', '/v1/broadcasts/')
					.filter((/** @type {any} */ r) => r.path.endsWith('/send'));
				assert.equal(sends.length, 1, 'sends');
			},
		);

		await check('example "onboarding 1": creates the invitation', async () => {
			const { run } = await executed(n8n, 'zavuExOnboard01');
			const [invitation] = output(run, 'Create invitation');
			assert.equal(invitation.clientName, 'Acme Corp');
			assert.match(invitation.url, /^https:\/\/dashboard\.zavu\.dev\/invite\//);
		});

		h.step(`starting n8n ${install.version} on ${n8n.url()}`);
		await n8n.start();
		await n8n.login({
			email: 'e2e@example.com',
			firstName: 'E2E',
			lastName: 'Runner',
			password: 'E2e-password-1',
		});
		await n8n.createApiKey();

		await check('n8n loads the package under its own name', async () => {
			const res = await fetch(`${n8n.url()}/types/nodes.json`, {
				headers: { cookie: /** @type {string} */ (n8n.cookie) },
			});
			/** @type {string[]} */
			const types = (await res.json()).map((/** @type {{ name: string }} */ t) => t.name);
			assert.deepEqual(
				[...new Set(types.filter((t) => t.startsWith('n8n-nodes-zavudev.')))].sort(),
				[
					'n8n-nodes-zavudev.zavu',
					// The Zavu node as an AI agent's tool: n8n derives it (usableAsTool).
					'n8n-nodes-zavudev.zavuTool',
					'n8n-nodes-zavudev.zavuTrigger',
					'n8n-nodes-zavudev.zavuWebhookTrigger',
				],
				"the package's node types",
			);
		});

		await check('credential test: good key OK, bad key says the API key is wrong', async () => {
			// As the editor's "Test" button does it: the stored credential, with the form's data.
			/**
			 * @param {{ id: string, name: string }} credential
			 * @param {{ apiKey: string, baseUrl: string }} data
			 */
			const test = async (credential, data) =>
				(
					await n8n.rest('POST', '/credentials/test', {
						credentials: { ...credential, type: 'zavudevApi', data },
					})
				).data;
			api.clearRequests();
			const good = await test(CRED, { apiKey: api.apiKey, baseUrl: `${api.baseUrl}/` });
			assert.deepEqual(good, { status: 'OK', message: 'Connection successful!' });
			assert.ok(
				api.requests.some(
					(r) => r.path === '/v1/me' && r.headers.authorization === `Bearer ${api.apiKey}`,
				),
			);
			const bad = await test(BAD_CRED, { apiKey: 'zv_live_wrong_key', baseUrl: api.baseUrl });
			// n8n 2.x applies the credential's rule for a 401; 1.x's tester only reads rules when
			// the error keeps axios' response, which its RoutingNode drops: n8n's own text there.
			const message =
				line === '2'
					? 'Invalid API key: Zavu answered 401. Check the API Key (zv_live_… or zv_test_…) in the Zavu dashboard under API Keys.'
					: 'Authorization failed - please check your credentials';
			assert.deepEqual(bad, { status: 'Error', message });
		});

		// The polling trigger, polled by n8n itself (every minute is n8n's floor). E2E_QUICK=1
		// skips these minutes while working on the other checks; CI never sets it.
		if (!process.env.E2E_QUICK) await pollingTriggerChecks(api, n8n);
		// After them: zavuExOnboard02 is inactive by now, so the welcome is not sent twice.
		await webhookTriggerChecks(api, n8n, line, standIn);
		await supportInboxCheck(api, n8n, line);
	} finally {
		await n8n.stop();
		await api.stop();
		if (!process.env.E2E_KEEP) fs.rmSync(userFolder, { recursive: true, force: true });
		else console.log(`  (kept ${userFolder})`);
	}
}

/**
 * The polling Zavu Trigger, activated in the running n8n and polled by n8n itself (minutes).
 * @param {import('../n8n/harness').StandIn} api
 * @param {import('../n8n/harness').N8n} n8n
 */
async function pollingTriggerChecks(api, n8n) {
	const phone = '+14155550199';
	const created = [];
	for (const name of ['Trigger One', 'Trigger Two']) {
		const res = await fetch(`${api.baseUrl}/v1/invitations`, {
			method: 'POST',
			headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ clientName: name, clientPhone: phone }),
		});
		created.push((await res.json()).invitation);
	}
	const [one, two] = created;
	/** @param {string} id */
	const executions = async (id) => (await n8n.executions(id)).filter((e) => e.mode === 'trigger');
	/**
	 * @param {any} execution
	 * @returns {any[]}
	 */
	const items = (execution) =>
		execution.data.resultData.runData['Zavu Trigger'][0].data.main[0].map(
			(/** @type {{ json: any }} */ i) => i.json,
		);
	// Oldest execution first (n8n lists newest first).
	/** @param {any[]} list */
	const transitions = (list) =>
		[...list]
			.sort((a, b) => Number(a.id) - Number(b.id))
			.map((e) => items(e).map((i) => [i.id, i.status, i.previousStatus]));

	await n8n.api('POST', '/workflows/zavuE2eTrigger1/activate');
	await n8n.api('POST', '/workflows/zavuExOnboard02/activate');
	// Activation runs the first poll: a baseline, nothing fires.
	await waitFor(
		'the activation poll',
		async () =>
			api.requests.some((r) => r.path === '/v1/invitations' && r.query.status === 'in_progress'),
		30_000,
	);

	await check(
		'trigger: pending → in_progress starts exactly one execution with that item',
		async () => {
			api.openInvitation(one.id);
			const list = await waitFor('an execution', async () =>
				(await executions('zavuE2eTrigger1')).length >= 1 ? executions('zavuE2eTrigger1') : null,
			);
			await h.sleep(3000);
			assert.deepEqual(transitions(await executions('zavuE2eTrigger1')), [
				[[one.id, 'in_progress', 'pending']],
			]);
			assert.equal(list[0].status, 'success');
		},
	);

	await check(
		'trigger: in_progress → failed, one execution; the onboarding example nudges the client with the link',
		async () => {
			api.failInvitation(one.id, 'fb_cancelled');
			await waitFor(
				'a second execution',
				async () => (await executions('zavuE2eTrigger1')).length >= 2,
			);
			const all = transitions(await executions('zavuE2eTrigger1'));
			assert.deepEqual(all[1], [[one.id, 'failed', 'in_progress']]);
			const nudge = await waitFor('the nudge', async () =>
				[...api.messages.values()].find((m) => m.to === phone && m.channel === 'sms'),
			);
			assert.ok(
				nudge.text.includes(api.invitations.get(one.id).url),
				`the nudge carries the link: ${nudge.text}`,
			);
			assert.ok(nudge.text.includes('fb_cancelled'));
			const onboarding = await waitFor('the onboarding execution', async () => {
				const list = (await n8n.executions('zavuExOnboard02')).filter((e) => e.mode === 'trigger');
				return list.length >= 1 ? list : null;
			});
			assert.equal(onboarding.length, 1);
			assert.equal(onboarding[0].status, 'success');
		},
	);

	await check(
		'trigger: the client retries and completes between two polls: both steps in one execution, the welcome sent once from the new sender',
		async () => {
			api.openInvitation(one.id);
			api.completeInvitation(one.id);
			await waitFor(
				'a third execution',
				async () => (await executions('zavuE2eTrigger1')).length >= 3,
			);
			const all = transitions(await executions('zavuE2eTrigger1'));
			assert.equal(all.length, 3);
			assert.deepEqual(all[2], [
				[one.id, 'in_progress', 'failed'],
				[one.id, 'completed', 'in_progress'],
			]);
			const senderId = api.invitations.get(one.id).senderId;
			const welcome = await waitFor('the welcome message', async () =>
				[...api.messages.values()].find((m) => m.senderId === senderId),
			);
			await h.sleep(3000);
			const sent = [...api.sentHeaders.entries()].filter(([, header]) => header === senderId);
			assert.equal(sent.length, 1, 'exactly one message from the new sender');
			assert.equal(api.sentHeaders.get(welcome.id), senderId);
			assert.equal(
				welcome.to,
				'+14155551234',
				'the customer set in "Customer to greet", not the client itself',
			);
			assert.equal(welcome.messageType, 'template');
			assert.deepEqual(api.sentBodies.get(welcome.id).content.templateVariables, {
				1: 'Trigger One',
			});
			const onboarding = (await n8n.executions('zavuExOnboard02')).filter(
				(e) => e.mode === 'trigger',
			);
			assert.equal(onboarding.length, 2, 'one execution for failed, exactly one for completed');
			assert.ok(onboarding.every((e) => e.status === 'success'));
		},
	);

	await check('trigger: pending → cancelled, exactly one more execution', async () => {
		api.cancelInvitation(two.id);
		await waitFor(
			'a fourth execution',
			async () => (await executions('zavuE2eTrigger1')).length >= 4,
		);
		await h.sleep(3000);
		const all = transitions(await executions('zavuE2eTrigger1'));
		assert.equal(all.length, 4);
		assert.ok(
			all.some((t) => JSON.stringify(t) === JSON.stringify([[two.id, 'cancelled', 'pending']])),
		);
	});

	await check('trigger: deactivation stops polling', async () => {
		await n8n.api('POST', '/workflows/zavuE2eTrigger1/deactivate');
		await n8n.api('POST', '/workflows/zavuExOnboard02/deactivate');
		await h.sleep(2000);
		const polls = api.requests.length;
		const [three] = api.seedInvitations(1);
		api.completeInvitation(three.id);
		await h.sleep(75_000);
		assert.equal(api.requests.length, polls, 'n8n still polled the stand-in');
		assert.equal((await executions('zavuE2eTrigger1')).length, 4);
	});
}

/**
 * A call to the stand-in's API with its key, as a Zavu customer would make it; parsed JSON back.
 * @param {import('../n8n/harness').StandIn} api
 * @param {string} method
 * @param {string} route
 * @param {unknown} [body]
 * @returns {Promise<any>}
 */
async function zavu(api, method, route, body) {
	const res = await fetch(`${api.baseUrl}${route}`, {
		method,
		headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await res.text();
	if (!res.ok) throw new Error(`stand-in ${method} ${route}: ${res.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

/**
 * The "support inbox" example, activated: a customer writes to the default sender, Zavu pushes
 * the message to n8n, and the workflow looks the contact up, shows typing, replies from the same
 * sender on the same channel and marks the conversation read.
 * @param {import('../n8n/harness').StandIn} api
 * @param {import('../n8n/harness').N8n} n8n
 * @param {string} line
 */
async function supportInboxCheck(api, n8n, line) {
	await check(
		'example "support inbox": a WhatsApp message from a known contact gets typing and a named reply, an SMS from a stranger a plain one; both conversations marked read',
		async () => {
			const dana = '+14155550142';
			const stranger = '+14155550143';
			api.modules.contacts.seed({
				channels: [{ channel: 'whatsapp', identifier: dana }],
				displayName: 'Dana',
			});
			const activation = await activate(n8n, line, SUPPORT_INBOX);
			assert.ok(activation.ok, `activation: ${activation.message}`);
			try {
				const sender = [...api.senders.values()].find((/** @type {any} */ s) => s.isDefault);
				assert.ok(api.webhookSecret(sender.id), "the sender's webhook is set up");
				/**
				 * One customer message through the running workflow: the requests it made, in order.
				 * @param {string} from
				 * @param {string} channel
				 * @param {number} count executions expected once it ran
				 */
				const converse = async (from, channel, count) => {
					api.clearRequests();
					const inbound = api.receiveMessage({ from, channel, text: 'Is my order on its way?' });
					await api.settleDeliveries(30_000);
					/** @type {any[]} */
					let runs = [];
					for (let k = 0; k < 60 && runs.filter((e) => e.finished).length < count; k++) {
						await h.sleep(500);
						runs = await n8n.executions(SUPPORT_INBOX);
					}
					assert.equal(runs.length, count, 'executions of the support inbox');
					const failure = runs[0].data?.resultData?.error;
					assert.equal(
						runs[0].status,
						'success',
						`the execution: ${runs[0].status} ${failure ? `in ${runs[0].data.resultData.lastNodeExecuted}: ${failure.message} ${failure.description ?? ''}` : ''}`,
					);
					const replies = api
						.requestsTo('POST', '/v1/messages')
						.filter((/** @type {any} */ r) => r.path === '/v1/messages');
					assert.equal(replies.length, 1, 'one reply');
					assert.equal(replies[0].body.to, from);
					assert.equal(replies[0].body.channel, channel);
					assert.equal(replies[0].headers['zavu-sender'], sender.id);
					return {
						inbound,
						reply: replies[0].body,
						requests: api.requests
							.map((/** @type {any} */ r) => `${r.method} ${r.path} ${r.status}`)
							.filter((r) => !r.startsWith('GET /v1/senders')),
					};
				};

				const known = await converse(dana, 'whatsapp', 1);
				assert.deepEqual(
					known.requests,
					[
						`GET /v1/contacts/phone/${encodeURIComponent(dana)} 200`,
						`POST /v1/messages/${known.inbound.id}/typing 200`,
						'POST /v1/messages 201',
						`POST /v1/conversations/${known.inbound.conversationId}/read 200`,
					],
					'WhatsApp, known contact: the requests, in order',
				);
				assert.match(known.reply.text, /^Hi Dana, thanks for your message!/);

				// Typing exists on WhatsApp only; an unknown number still gets an answer.
				const unknown = await converse(stranger, 'sms', 2);
				assert.deepEqual(
					unknown.requests,
					[
						`GET /v1/contacts/phone/${encodeURIComponent(stranger)} 404`,
						'POST /v1/messages 201',
						`POST /v1/conversations/${unknown.inbound.conversationId}/read 200`,
					],
					'SMS, unknown number: the requests, in order',
				);
				assert.match(unknown.reply.text, /^Hi there, thanks for your message!/);
			} finally {
				await deactivate(n8n, line, SUPPORT_INBOX);
			}
		},
	);
}

/**
 * The Zavu Webhook Trigger in the running n8n: activation points Zavu's project webhook at n8n,
 * signed deliveries start the onboarding example at once, forged ones start nothing, and
 * deactivation removes the webhook or puts back the one it replaced. Seconds, no polling.
 * @param {import('../n8n/harness').StandIn} api
 * @param {import('../n8n/harness').N8n} n8n
 * @param {string} line
 * @param {any} standIn the compiled stand-in module (loadStandIn)
 */
async function webhookTriggerChecks(api, n8n, line, standIn) {
	const example = /** @type {import('../n8n/harness').Workflow} */ (
		h.exampleWorkflows(CRED).find((w) => w.id === ONBOARDING_3)
	);
	const triggerNode = example.nodes.find((n) => n.type === WEBHOOK_TRIGGER_TYPE);
	/** @param {string} webhookId */
	const productionUrl = (webhookId) => `${n8n.url()}/webhook/${webhookId}/webhook`;
	/** @returns {Promise<any>} the project webhook as GET /v1/invitations/webhook answers it */
	const projectWebhook = async () => await zavu(api, 'GET', '/v1/invitations/webhook');
	/** @param {string} id */
	const isActive = async (id) => (await n8n.api('GET', `/workflows/${id}`)).active;
	const executions = async () => await n8n.executions(ONBOARDING_3);
	/**
	 * What a delivery carried (the body sent).
	 * @param {any} delivery
	 */
	const payloadOf = (delivery) => JSON.parse(delivery.rawBody);
	/** @param {string} eventId */
	const attemptsOf = (eventId) =>
		api.deliveries.filter((/** @type {any} */ d) => d.eventId === eventId);
	const retries = standIn.DEFAULT_WEBHOOK_RETRY_DELAYS_MS.length;
	const clientPhone = '+14155550177';
	/** @type {any} */
	let completedEvent;

	await check("webhook trigger: activating points Zavu's project webhook at n8n", async () => {
		assert.deepEqual(await projectWebhook(), { webhook: null }, 'a project webhook before');
		api.clearRequests();
		const activation = await activate(n8n, line, ONBOARDING_3);
		assert.ok(activation.ok, `activation: ${activation.message}`);
		assert.equal(await isActive(ONBOARDING_3), true, 'the workflow is active');
		const { webhook } = await projectWebhook();
		assert.ok(webhook, 'no project webhook after activation');
		assert.match(webhook.url, /\/webhook\//);
		assert.deepEqual(webhook, {
			url: productionUrl(triggerNode.webhookId),
			events: ['invitation.status_changed'],
			active: true,
		});
		const posts = api.requests.filter(
			(r) => r.method === 'POST' && r.path === '/v1/invitations/webhook',
		);
		assert.equal(posts.length, 1, 'one POST /v1/invitations/webhook');
		assert.deepEqual(posts[0].body, {
			url: productionUrl(triggerNode.webhookId),
			events: ['invitation.status_changed'],
		});
		assert.ok(api.webhookSecret('project'), 'the project webhook has a secret');
	});

	await check(
		'webhook trigger: a completed invitation starts exactly one execution instantly, with the full invitation; the welcome goes out once from the new sender',
		async () => {
			const { invitation } = await zavu(api, 'POST', '/v1/invitations', {
				clientName: 'Webhook Co',
				clientPhone,
			});
			api.clearDeliveries();
			api.openInvitation(invitation.id);
			// One at a time, as the in_progress event must start nothing on its own.
			await api.settleDeliveries(30_000);
			const completedAt = Date.now();
			api.completeInvitation(invitation.id);
			await api.settleDeliveries(30_000);
			const deliveries = api.deliveries;
			assert.deepEqual(
				deliveries.map((/** @type {any} */ d) => [
					payloadOf(d).data.invitationId,
					payloadOf(d).data.previousStatus,
					payloadOf(d).data.currentStatus,
					d.attempt,
					d.status,
				]),
				[
					[invitation.id, 'pending', 'in_progress', 1, 200],
					[invitation.id, 'in_progress', 'completed', 1, 200],
				],
				`deliveries: ${JSON.stringify(deliveries.map((/** @type {any} */ d) => [d.status, d.error, d.responseBody]))}`,
			);
			completedEvent = deliveries[1];

			const list = await waitFor(
				'the execution',
				async () => {
					const all = await executions();
					return all.some((e) => e.status === 'success') ? all : null;
				},
				60_000,
			);
			await h.sleep(3000);
			const all = await executions();
			assert.equal(all.length, 1, `executions: ${JSON.stringify(list.map((e) => e.status))}`);
			assert.equal(all[0].status, 'success');
			assert.equal(all[0].mode, 'webhook');
			const after = Date.parse(all[0].startedAt) - completedAt;
			assert.ok(after < 10_000, `the execution started ${after} ms after the completion`);
			const items = all[0].data.resultData.runData[triggerNode.name][0].data.main[0].map(
				(/** @type {{ json: any }} */ i) => i.json,
			);
			assert.equal(items.length, 1);
			const senderId = api.invitations.get(invitation.id).senderId;
			assert.match(senderId, /^snd_/);
			assert.equal(items[0].id, invitation.id);
			assert.equal(items[0].status, 'completed');
			assert.equal(items[0].previousStatus, 'in_progress');
			assert.equal(items[0].clientPhone, clientPhone);
			assert.equal(items[0].url, api.invitations.get(invitation.id).url);
			assert.match(items[0].url, /^https:\/\//);
			assert.equal(items[0].senderId, senderId);

			const sent = [...api.sentHeaders.entries()].filter(([, header]) => header === senderId);
			assert.equal(sent.length, 1, 'exactly one message from the new sender');
			const welcome = api.messages.get(sent[0][0]);
			assert.equal(welcome.senderId, senderId);
			assert.equal(welcome.to, '+14155551234', 'the customer set in "Customer to greet"');
			assert.equal(welcome.messageType, 'template');
			assert.deepEqual(api.sentBodies.get(welcome.id).content.templateVariables, {
				1: 'Webhook Co',
			});
			assert.ok(
				![...api.messages.values()].some((m) => m.to === clientPhone),
				'the client was nudged too',
			);
		},
	);

	await check(
		'webhook trigger: tampered, stale and replayed deliveries start nothing',
		async () => {
			assert.ok(completedEvent, 'no completed event delivered (the check above failed)');
			const data = payloadOf(completedEvent).data;
			const tampered = api.deliverEvent('project', 'invitation.status_changed', data, {
				tamper: true,
			});
			const stale = api.deliverEvent('project', 'invitation.status_changed', data, {
				timestampSec: Math.floor(Date.now() / 1000) - 600,
			});
			await api.settleDeliveries(30_000);
			// The completed event again, byte for byte (its signature still in date).
			const replay = api.replayDelivery(completedEvent.eventId);
			await api.settleDeliveries(30_000);
			for (const [what, dispatch, reason] of [
				['tampered', tampered, /the v2 signature does not match/],
				['stale', stale, /timestamp is more than 300 s from now/],
			]) {
				const attempts = attemptsOf(dispatch.eventId);
				assert.deepEqual(
					attempts.map((/** @type {any} */ d) => d.status),
					Array(1 + retries).fill(401),
					`${what}: n8n's answers to the delivery and its retries`,
				);
				assert.match(attempts[0].responseBody, reason);
			}
			assert.deepEqual(
				attemptsOf(replay.eventId).map((/** @type {any} */ d) => [d.source, d.status]),
				[
					['auto', 200],
					['replay', 200],
				],
				'the completed event, then its replay',
			);
			await h.sleep(3000);
			const all = await executions();
			assert.equal(
				all.length,
				1,
				`executions of the onboarding example (the trigger's remembered event ids: ${JSON.stringify(
					Object.keys(
						(await n8n.api('GET', `/workflows/${ONBOARDING_3}`)).staticData?.[
							`node:${triggerNode.name}`
						]?.seen ?? {},
					),
				)}; the replayed one: ${completedEvent.eventId})`,
			);
		},
	);

	await check(
		'webhook trigger: a burst handled at once, then delivered again (as Zavu retries): one execution per event, one welcome each',
		async () => {
			const burst = 30;
			const before = (await executions()).length;
			const messagesBefore = api.messages.size;
			const invitations = api.seedInvitations(burst);
			// All at once: n8n handles them side by side, each loading the trigger's static data
			// before the others saved theirs. Then every event again, all at once, as Zavu does
			// when it got no answer in time (its timeout is not documented; the bench measures a
			// 5 s one under load). A retry must start nothing, whichever save survived.
			for (const inv of invitations) api.completeInvitation(inv.id);
			await api.settleDeliveries(120_000);
			const ids = new Set(invitations.map((/** @type {any} */ inv) => inv.id));
			const firsts = api.deliveries.filter(
				(/** @type {any} */ d) => d.source === 'auto' && ids.has(payloadOf(d).data?.invitationId),
			);
			assert.equal(firsts.length, burst, 'deliveries of the burst');
			const kept = Object.keys(
				(await n8n.api('GET', `/workflows/${ONBOARDING_3}`)).staticData?.[
					`node:${triggerNode.name}`
				]?.seen ?? {},
			);
			const remembered = firsts.filter((/** @type {any} */ d) => kept.includes(d.eventId)).length;
			for (const d of firsts) api.replayDelivery(d.eventId);
			await api.settleDeliveries(120_000);
			const replays = api.deliveries.filter(
				(/** @type {any} */ d) => d.source === 'replay' && ids.has(payloadOf(d).data?.invitationId),
			);
			assert.equal(replays.length, burst, 'replays');
			assert.deepEqual(
				[...new Set(replays.map((/** @type {any} */ d) => d.status))],
				[200],
				'n8n answers a repeated event 200',
			);
			/** @type {any[]} */
			let all = [];
			for (let k = 0; k < 120 && all.length < before + burst; k++) {
				await h.sleep(500);
				all = await executions();
			}
			await h.sleep(3000);
			all = await executions();
			const trigger = (/** @type {any} */ e) =>
				e.data?.resultData?.runData?.[triggerNode.name]?.[0]?.data?.main?.[0]?.[0]?.json?.id;
			const ran = new Map();
			for (const e of all) ran.set(trigger(e), (ran.get(trigger(e)) ?? 0) + 1);
			const runs = invitations.map((/** @type {any} */ inv) => ran.get(inv.id) ?? 0);
			assert.deepEqual(
				runs,
				Array(burst).fill(1),
				`executions per invitation (n8n's saved static data kept ${remembered} of the ${burst} event ids)`,
			);
			assert.equal(all.length, before + burst, 'executions of the onboarding example');
			const welcomes = [...api.messages.values()]
				.slice(messagesBefore)
				.filter((/** @type {any} */ m) => m.channel === 'whatsapp');
			assert.equal(welcomes.length, burst, 'WhatsApp welcomes sent');
			console.log(
				`    (n8n's saved static data kept ${remembered} of the ${burst} event ids; the process memory covered the rest)`,
			);
		},
	);

	await check(
		'webhook trigger: deactivation removes the webhook; a webhook someone else had is put back',
		async () => {
			await deactivate(n8n, line, ONBOARDING_3);
			assert.equal(await isActive(ONBOARDING_3), false);
			assert.deepEqual(await projectWebhook(), { webhook: null }, 'after deactivation');

			const foreign = {
				url: 'https://crm.example.com/zavu',
				events: ['invitation.status_changed'],
				active: true,
			};
			await zavu(api, 'POST', '/v1/invitations/webhook', {
				url: foreign.url,
				events: foreign.events,
			});
			const secret = api.webhookSecret('project');
			const refused = await activate(n8n, line, ONBOARDING_3);
			assert.equal(refused.ok, false, 'n8n activated the workflow over a foreign webhook');
			assert.match(
				refused.message,
				/Zavu's project webhook already sends events to https:\/\/crm\.example\.com\/zavu/,
			);
			if (line === '2') {
				// 2.x keeps the workflow published, its trigger marked failed: unpublish it.
				assert.equal(await isActive(ONBOARDING_3), true);
				await deactivate(n8n, line, ONBOARDING_3);
			}
			assert.equal(await isActive(ONBOARDING_3), false, 'the workflow is active');
			assert.deepEqual(await projectWebhook(), { webhook: foreign }, 'the foreign webhook');
			assert.equal(api.webhookSecret('project'), secret, 'the foreign webhook kept its secret');

			const replacing = await activate(n8n, line, REPLACING.id);
			assert.ok(replacing.ok, `activation with Replace Existing Webhook: ${replacing.message}`);
			assert.deepEqual(
				await projectWebhook(),
				{
					webhook: {
						url: productionUrl(REPLACING.webhookId),
						events: ['invitation.status_changed'],
						active: true,
					},
				},
				'with Replace Existing Webhook',
			);
			await deactivate(n8n, line, REPLACING.id);
			assert.deepEqual(await projectWebhook(), { webhook: foreign }, 'put back');
			await zavu(api, 'DELETE', '/v1/invitations/webhook');
			assert.deepEqual(await projectWebhook(), { webhook: null });
		},
	);
}

async function main() {
	const lines = (process.env.E2E_LINES || '2,1,queue')
		.split(',')
		.map((l) => l.trim())
		.filter(Boolean);
	const tarball = h.buildAndPack(path.join(h.ROOT, '.e2e', 'pack'));
	const standIn = h.loadStandIn();
	for (const line of lines) {
		try {
			if (line === 'queue') await queueSuite(tarball, standIn, check);
			else await suite(line, tarball, standIn);
		} catch (error) {
			results.push({ name: `n8n line ${line}: setup`, ok: false, error });
			console.log(`  ✗ setup of n8n line ${line}: ${error.stack || error}`);
		}
	}
	// `npm start` (n8n 2.x, the README's first command): banner, login, and clean stops.
	if (lines.includes('2') && !process.env.E2E_QUICK) {
		console.log('\n=== npm start ===');
		await startStopChecks(check);
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`\ne2e: ${passed} passed, ${failed} failed`);
	process.exit(failed || !results.length ? 1 : 0);
}

main();
