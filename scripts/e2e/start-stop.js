// @ts-check
// `npm start` as a user runs it: the banner comes up, the story's first steps work, and
// nothing is left running however it is stopped (Ctrl-C, SIGTERM to npm or to n8n, the
// terminal closing).
'use strict';

const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const net = require('node:net');

const h = require('../n8n/harness');

/**
 * @typedef {{ pid: number, ppid: number, args: string }} Proc A running process.
 * @typedef {{
 *   child: import('node:child_process').ChildProcess,
 *   exited: Promise<import('../n8n/harness').Exit>,
 *   output: () => string,
 *   processes: Proc[],
 * }} NpmStart An `npm start` up to its banner, and the processes it was made of then.
 * @typedef {(name: string, fn: () => Promise<void>) => Promise<void>} Check
 *   Runs one check and records its result (scripts/e2e/run.js).
 */

/**
 * Every process as { pid, ppid, args }.
 * @returns {Proc[]}
 */
function processes() {
	const out = spawnSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' }).stdout;
	return out
		.split('\n')
		.map((line) => line.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
		.filter((match) => match !== null)
		.map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args }));
}

/**
 * `root` and all its descendants, alive now.
 * @param {number} root
 * @returns {Proc[]}
 */
function tree(root) {
	const all = processes();
	const found = new Map([[root, all.find((p) => p.pid === root)]]);
	for (let grew = true; grew; ) {
		grew = false;
		for (const p of all) {
			if (found.has(p.ppid) && !found.has(p.pid)) {
				found.set(p.pid, p);
				grew = true;
			}
		}
	}
	return [...found.values()].filter((p) => p !== undefined);
}

/** @param {number} pid */
const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

/**
 * Whether something accepts connections on 127.0.0.1:port.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
async function listening(port) {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(true)));
		socket.once('error', () => resolve(false));
	});
}

/**
 * Starts `npm start` in a process group of its own, as a terminal would; resolves at the banner.
 * @param {{ n8n: number, standIn: number }} ports
 * @returns {Promise<NpmStart>}
 */
async function npmStart(ports) {
	const child = spawn('npm', ['start'], {
		cwd: h.ROOT,
		env: { ...h.cleanEnv(), N8N_PORT: String(ports.n8n), ZAVU_STANDIN_PORT: String(ports.standIn) },
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	/** @type {Promise<import('../n8n/harness').Exit>} */
	const exited = new Promise((resolve) =>
		child.on('exit', (code, signal) => resolve({ code, signal })),
	);
	const deadline = Date.now() + 10 * 60_000;
	while (!/is running: http/.test(output)) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`npm start ended before its banner:\n${output.slice(-3000)}`);
		if (Date.now() > deadline)
			throw new Error(`no banner from npm start in 10 minutes:\n${output.slice(-3000)}`);
		await h.sleep(500);
	}
	return {
		child,
		exited,
		output: () => output,
		processes: tree(/** @type {number} */ (child.pid)),
	};
}

/**
 * The `npm start` checks: the banner and its story, then each way of stopping it.
 * @param {Check} check
 */
async function startStopChecks(check) {
	const ports = { n8n: await h.freePort(), standIn: await h.freePort() };

	/**
	 * @param {string} name how it is stopped
	 * @param {(run: NpmStart, started: Proc[]) => void} send stops it
	 */
	const stopWith = async (name, send) => {
		await check(
			`npm start, then ${name}: n8n, its task runner and the stand-in all stop`,
			async () => {
				const run = await npmStart(ports);
				assert.ok(await listening(ports.n8n), 'n8n is not listening');
				assert.ok(await listening(ports.standIn), 'the stand-in is not listening');
				const started = run.processes;
				assert.ok(
					started.some((p) => /n8n\/bin\/n8n start/.test(p.args)),
					'no n8n process under npm start',
				);
				send(run, started);
				const deadline = Date.now() + 45_000;
				let left = started.filter((p) => alive(p.pid));
				while (left.length && Date.now() < deadline) {
					await h.sleep(500);
					left = started.filter((p) => alive(p.pid));
				}
				// Clean up whatever a failure left behind, then report it.
				for (const p of left) {
					try {
						process.kill(p.pid, 'SIGKILL');
					} catch {
						// gone
					}
				}
				assert.deepEqual(
					left.map((p) => p.args.slice(0, 120)),
					[],
					'processes left running',
				);
				assert.equal(await listening(ports.n8n), false, `port ${ports.n8n} (n8n) still open`);
				assert.equal(
					await listening(ports.standIn),
					false,
					`port ${ports.standIn} (stand-in) still open`,
				);
			},
		);
	};

	await check(
		'npm start: the banner, the login and the story steps in an order that works',
		async () => {
			const run = await npmStart(ports);
			try {
				const banner = run.output();
				assert.match(banner, /Log in: owner@example\.com \/ Zavu-n8n-1/);
				const step1 = banner.indexOf('Zavu onboarding 1');
				const curl = banner.indexOf('/__admin/invitations/latest/complete');
				assert.ok(
					step1 >= 0 && curl > step1,
					'the banner does not say to run "Zavu onboarding 1" before the curl',
				);
				const base = `http://127.0.0.1:${ports.standIn}`;
				// Before step 1 the curl says what to do first …
				const early = await fetch(`${base}/__admin/invitations/latest/complete`, {
					method: 'POST',
				});
				assert.equal(early.status, 404);
				assert.match((await early.json()).message, /Zavu onboarding 1/);
				const login = await fetch(`http://127.0.0.1:${ports.n8n}/rest/login`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({
						emailOrLdapLoginId: 'owner@example.com',
						email: 'owner@example.com',
						password: 'Zavu-n8n-1',
					}),
				});
				assert.equal(login.status, 200, 'the printed login does not work');
			} finally {
				process.kill(-(/** @type {number} */ (run.child.pid)), 'SIGINT');
				await run.exited;
			}
		},
	);

	/** @param {NpmStart} run */
	const npmPid = (run) => /** @type {number} */ (run.child.pid);
	await stopWith("Ctrl-C (SIGINT to the terminal's process group)", (run) =>
		process.kill(-npmPid(run), 'SIGINT'),
	);
	await stopWith("SIGTERM to npm only (a process manager, an IDE's stop button)", (run) =>
		process.kill(npmPid(run), 'SIGTERM'),
	);
	await stopWith('SIGTERM to n8n only', (run, started) => {
		// There is one: the check asserted it before calling this.
		const n8n = /** @type {Proc} */ (started.find((p) => /n8n\/bin\/n8n start/.test(p.args)));
		process.kill(n8n.pid, 'SIGTERM');
	});
	await stopWith('the terminal closing (SIGHUP to its process group)', (run) =>
		process.kill(-npmPid(run), 'SIGHUP'),
	);
}

module.exports = { startStopChecks };
