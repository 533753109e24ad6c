// @ts-check
// The world the browser test and the screenshots look at: the packed package installed into a
// real n8n (its own temp user folder), the Zavu stand-in, the "Zavu API" credential and the
// example workflows, an owner logged in, and a headless Chromium (Debian's, never downloaded)
// with that owner's session. Shared by scripts/e2e/browser.js and scripts/screenshots.js.
//
// Run directly (`node scripts/e2e/browser/env.js`) it starts the same world and keeps it up
// until Ctrl-C: handy for writing a new check against the editor by hand.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('../../n8n/harness');

/**
 * @typedef {object} BrowserEnv What startEnvironment starts (each field set once started).
 * @property {() => Promise<void>} stop Ends what was started, latest first.
 * @property {import('../../n8n/harness').Install} install
 * @property {string} userFolder n8n's user folder (a temp folder).
 * @property {string} tarball The packed package.
 * @property {import('../../n8n/harness').StandIn} api The Zavu stand-in.
 * @property {import('../../n8n/harness').N8n} n8n
 * @property {import('../../n8n/harness').Workflow[]} workflows The example workflows.
 * @property {import('../../n8n/harness').Owner} owner
 * @property {string} profile Chromium's profile folder (a temp folder).
 * @property {import('playwright-core').BrowserContext} context
 * @property {import('playwright-core').Page} page
 */

const OWNER = {
	email: 'browser@example.com',
	firstName: 'Browser',
	lastName: 'Test',
	password: 'Browser-test-1',
};
const CRED = { id: 'zavuCredential01', name: 'Zavu API' };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/**
 * The environment being started or running, for stopOnSignals.
 * @type {BrowserEnv | undefined}
 */
let current;

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--disable-dev-shm-usage',
];

/**
 * Starts everything. Returns { install, n8n, api, workflows, owner, userFolder, context, page, stop }.
 * `stop()` ends the browser, n8n and the stand-in (each attempted even if another fails) and
 * removes the temp folders; call it in a finally.
 * @param {{
 *   line?: string,
 *   viewport?: { width: number, height: number },
 *   standInPort?: number,
 * }} [options]
 * @returns {Promise<BrowserEnv>}
 */
async function startEnvironment({
	line = process.env.E2E_BROWSER_LINE || '2',
	viewport = { width: 1280, height: 800 },
	standInPort,
} = {}) {
	/** @type {[string, () => unknown][]} What to stop, in the order it was started. */
	const stack = [];
	// Filled in below as each part starts; stop() only reaches the parts started so far.
	const env = (current = /** @type {BrowserEnv} */ ({
		async stop() {
			while (stack.length) {
				const [what, fn] = /** @type {[string, () => unknown]} */ (stack.pop());
				try {
					await fn();
				} catch (error) {
					console.error(`  (stopping ${what} failed: ${error.message})`);
				}
			}
		},
	}));
	try {
		const tarball = h.buildAndPack(path.join(h.ROOT, '.e2e', 'pack'));
		const standIn = h.loadStandIn();
		env.install = h.ensureN8n(line);
		env.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `zavu-browser-n8n${line}-`));
		stack.push([
			'the user folder',
			() =>
				process.env.E2E_KEEP
					? console.log(`  (kept ${env.userFolder})`)
					: fs.rmSync(env.userFolder, { recursive: true, force: true }),
		]);
		env.tarball = tarball;
		h.installPackage(env.userFolder, tarball);

		env.api = new standIn.ZavuStandIn({ port: standInPort ?? (await h.freePort()) });
		await env.api.start();
		stack.push(['the stand-in', () => env.api.stop()]);
		h.step(`Zavu stand-in on ${env.api.baseUrl}`);

		env.n8n = new h.N8n(env.install, env.userFolder, {
			port: await h.freePort(),
			brokerPort: await h.freePort(),
		});
		h.step('importing the "Zavu API" credential and the example workflows');
		await env.n8n.importCredentials([
			h.zavuCredential({ ...CRED, apiKey: env.api.apiKey, baseUrl: env.api.baseUrl }),
		]);
		env.workflows = h.exampleWorkflows(CRED);
		await env.n8n.importWorkflows(env.workflows);

		h.step(`starting n8n ${env.install.version} on ${env.n8n.url()} (log: ${env.n8n.logFile})`);
		stack.push(['n8n', () => env.n8n.stop()]);
		process.on('exit', () => env.n8n.killGroup());
		await env.n8n.start();
		await env.n8n.login(OWNER);
		env.owner = OWNER;

		h.step('starting Chromium');
		const { chromium, selectors } = require('playwright-core');
		selectors.setTestIdAttribute('data-test-id');
		env.profile = fs.mkdtempSync(path.join(os.tmpdir(), 'zavu-browser-chromium-'));
		stack.push([
			'the Chromium profile',
			() => fs.rmSync(env.profile, { recursive: true, force: true }),
		]);
		env.context = await chromium.launchPersistentContext(env.profile, {
			executablePath: CHROMIUM,
			headless: true,
			args: CHROMIUM_ARGS,
			viewport,
			locale: 'en-US',
			timezoneId: 'UTC',
			// Ctrl-C and SIGTERM are ours (stopOnSignals): Playwright's own handler would exit
			// before n8n and the stand-in are stopped.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
		});
		stack.push(['Chromium', () => env.context.close()]);
		env.context.setDefaultTimeout(30_000);
		// The owner's session from n8n.login: the editor opens logged in.
		const [name, ...value] = /** @type {string} */ (env.n8n.cookie).split('=');
		await env.context.addCookies([{ name, value: value.join('='), url: env.n8n.url() }]);
		env.page = env.context.pages()[0] ?? (await env.context.newPage());
		return env;
	} catch (error) {
		await env.stop();
		throw error;
	}
}

/**
 * Ctrl-C, SIGTERM or SIGHUP while a run is under way: stop what startEnvironment started so
 * far (even halfway through), then exit. n8n runs in a process group of its own and would
 * otherwise outlive us.
 */
function stopOnSignals() {
	let stopping = false;
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(signal, async () => {
			if (stopping) return;
			stopping = true;
			console.log(`\n${signal}: stopping the browser, n8n and the stand-in…`);
			if (current) await current.stop();
			process.exit(130);
		});
	}
}

module.exports = { startEnvironment, stopOnSignals, OWNER, CRED, CHROMIUM, CHROMIUM_ARGS };

if (require.main === module) {
	(async () => {
		stopOnSignals();
		const env = await startEnvironment();
		fs.writeFileSync(
			path.join(h.ROOT, '.e2e', 'browser-env.json'),
			JSON.stringify({
				url: env.n8n.url(),
				cookie: env.n8n.cookie,
				standIn: env.api.baseUrl,
				apiKey: env.api.apiKey,
			}),
		);
		console.log(
			`n8n: ${env.n8n.url()}  (${OWNER.email} / ${OWNER.password})\nstand-in: ${env.api.baseUrl}\nCtrl-C stops.`,
		);
	})().catch((error) => {
		console.error(error.stack || error);
		process.exit(1);
	});
}
