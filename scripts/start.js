// @ts-check
// `npm start`: a real n8n with this package and the example workflows, ready to run.
// Without ZAVU_API_KEY it runs against the local Zavu stand-in; with it, against Zavu.
// Env: N8N_LINE (2 = n8n 2.40.7, default; 1 = n8n 1.123.81), N8N_PORT (5678),
// ZAVU_STANDIN_PORT (4010), ZAVU_API_KEY, ZAVU_BASE_URL. Ctrl-C stops everything.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const h = require('./n8n/harness');

const OWNER = {
	email: 'owner@example.com',
	firstName: 'Zavu',
	lastName: 'Developer',
	password: 'Zavu-n8n-1',
};

async function main() {
	const line = process.env.N8N_LINE || '2';
	const port = Number(process.env.N8N_PORT || 5678);
	const useStandIn = !process.env.ZAVU_API_KEY;

	const tarball = h.buildAndPack(path.join(h.ROOT, '.e2e', 'pack'));
	const install = h.ensureN8n(line);
	const userFolder = path.join(h.CACHE, `start-user-n8n-${install.version}`);
	fs.mkdirSync(userFolder, { recursive: true });
	h.installPackage(userFolder, tarball);

	/** @type {any} The stand-in (compiled from test/stand-in at run time: untyped), if used. */
	let standIn;
	let credential;
	if (useStandIn) {
		const { ZavuStandIn } = h.loadStandIn();
		standIn = new ZavuStandIn({ port: Number(process.env.ZAVU_STANDIN_PORT || 4010) });
		await standIn.start();
		h.step(`Zavu stand-in on ${standIn.baseUrl} (no ZAVU_API_KEY set)`);
		credential = h.zavuCredential({ apiKey: standIn.apiKey, baseUrl: standIn.baseUrl });
	} else {
		credential = h.zavuCredential({
			apiKey: /** @type {string} */ (process.env.ZAVU_API_KEY),
			baseUrl: process.env.ZAVU_BASE_URL || 'https://api.zavu.dev',
		});
		h.step(`using Zavu at ${credential.data.baseUrl} with your API key`);
	}

	const n8n = new h.N8n(install, userFolder, { port, brokerPort: await h.freePort() });
	h.step('importing the "Zavu API" credential and the example workflows');
	await n8n.importCredentials([credential]);
	const examples = h.exampleWorkflows(credential);
	await n8n.importWorkflows(examples);

	// Nothing may outlive `npm start`, however it is stopped: Ctrl-C (SIGINT), SIGTERM sent to
	// npm, to this process or to n8n (a process manager, an IDE's stop button), or the terminal
	// closing (SIGHUP). n8n runs in a process group of its own, so this process stops it.
	let stopping = false;
	/** @param {string} why */
	const shutdown = async (why) => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${why}: stopping n8n${standIn ? ' and the stand-in' : ''}…`);
		await n8n.stop();
		if (standIn) await standIn.stop();
		process.exit(0);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
		process.on(signal, () => void shutdown(signal));
	// A last resort if this process ends any other way (an uncaught error, process.exit).
	process.on('exit', () => n8n.killGroup());
	// SIGTERM to npm ends npm and its shell but not always this process: when the parent is gone
	// (this process was re-parented), stop too.
	const parent = process.ppid;
	setInterval(() => {
		if (process.ppid !== parent) void shutdown('npm exited');
	}, 500).unref();

	h.step(`starting n8n ${install.version} (log: ${n8n.logFile})`);
	await n8n.start();
	if (stopping) return;
	// n8n.start() has set n8n.exited.
	/** @type {Promise<import('./n8n/harness').Exit>} */ (n8n.exited).then(({ code, signal }) => {
		if (!stopping) {
			console.error(`n8n stopped (${signal ?? `exit ${code}`}); see ${n8n.logFile}`);
			void shutdown('n8n exited');
		}
	});
	await n8n.login(OWNER);
	if (standIn) {
		// The onboarding story runs by itself against the stand-in: its trigger is active.
		await n8n.createApiKey();
		await n8n.api('POST', '/workflows/zavuExOnboard02/activate');
	}

	const url = n8n.url();
	console.log(`
n8n ${install.version} with n8n-nodes-zavudev is running: ${url}
  Log in: ${OWNER.email} / ${OWNER.password}
  Example workflows (Overview):
${examples.map((w) => `    - ${w.name}`).join('\n')}
${
	standIn
		? `
Try the onboarding story:
  1. Open "Zavu onboarding 1" and click "Execute workflow": it creates an invitation.
  2. Then play the client finishing onboarding (before step 1 there is nothing to complete):
       curl -s -X POST ${standIn.baseUrl}/__admin/invitations/latest/complete
  3. Within a minute "Zavu onboarding 2" (active) fires: the client's new sender greets a
     customer with the WhatsApp template. See its Executions tab, or what reached the stand-in:
       curl -s ${standIn.baseUrl}/__admin/requests
`
		: `
Using your Zavu project: pick one of your approved templates in "Zavu onboarding 2" before
activating it.
`
}
Ctrl-C (or closing this terminal, or SIGTERM) stops everything.`);
}

main().catch((error) => {
	console.error(error.stack || error);
	process.exit(1);
});
