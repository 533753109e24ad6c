// @ts-check
// The services n8n's queue mode needs, started by the test itself from Debian's packages, on
// loopback ports, in a temp folder: PostgreSQL (its own cluster, run as the `postgres` user: it
// refuses root) and Redis (its own process, nothing persisted). Nothing shared with the
// machine's own services; `stop()` leaves no process behind.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const h = require('../../n8n/harness');

/** Where Debian's postgresql package puts the server (the `postgresql` metapackage's version). */
function pgBin() {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (!versions.length)
		throw new Error('PostgreSQL is not installed: apt-get install postgresql (as .ci/run does)');
	return path.join(root, versions[0], 'bin');
}

/**
 * Runs a command to completion; throws with its output unless it exits 0.
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [opts]
 * @returns {string}
 */
function run(cmd, args, opts = {}) {
	const result = spawnSync(cmd, args, { encoding: 'utf8', ...opts });
	if (result.status !== 0) {
		throw new Error(
			`${cmd} ${args.join(' ')} failed (exit ${result.status}): ${result.error?.message ?? ''}\n${result.stdout ?? ''}${result.stderr ?? ''}`,
		);
	}
	return String(result.stdout);
}

/**
 * Polls `check` until it returns true; throws after `timeoutMs`, or at once when `alive` throws.
 * @param {string} what
 * @param {() => boolean} check
 * @param {() => void} alive
 * @param {number} [timeoutMs]
 */
async function waitFor(what, check, alive, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		alive();
		if (check()) return;
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await h.sleep(200);
	}
}

/** A long-running child in its own process group, its output in a log file. */
class Service {
	/**
	 * @param {string} name
	 * @param {string} cmd
	 * @param {string[]} args
	 * @param {string} logFile
	 */
	constructor(name, cmd, args, logFile) {
		this.name = name;
		this.logFile = logFile;
		const out = fs.openSync(logFile, 'a');
		this.child = spawn(cmd, args, { stdio: ['ignore', out, out], detached: true });
		fs.closeSync(out);
		/** @type {{ code: number | null, signal: string | null } | undefined} */
		this.exit = undefined;
		/** @type {Promise<void>} */
		this.exited = new Promise((resolve) =>
			this.child.on('exit', (code, signal) => {
				this.exit = { code, signal };
				resolve();
			}),
		);
	}

	assertAlive() {
		if (this.exit) {
			const log = fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-20).join('\n');
			throw new Error(`${this.name} exited (${JSON.stringify(this.exit)}):\n${log}`);
		}
	}

	/** @param {NodeJS.Signals} signal */
	signal(signal) {
		try {
			process.kill(-(/** @type {number} */ (this.child.pid)), signal);
		} catch {
			// already gone
		}
	}

	/** SIGTERM to the group, SIGKILL after `graceMs`, and a final SIGKILL to the group. */
	async stop(graceMs = 15_000) {
		if (!this.exit) {
			this.signal('SIGTERM');
			const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
			await this.exited;
			clearTimeout(timer);
		}
		this.signal('SIGKILL');
	}
}

/**
 * PostgreSQL: a fresh cluster in `<root>/pg`, on 127.0.0.1:<port>, with a database and a user for
 * n8n. Durability is off (a throwaway test database).
 * @param {string} root a temp folder
 */
async function startPostgres(root) {
	const bin = pgBin();
	const dir = path.join(root, 'pg');
	const data = path.join(dir, 'data');
	const socket = path.join(dir, 'socket');
	fs.mkdirSync(data, { recursive: true, mode: 0o700 });
	fs.mkdirSync(socket, { recursive: true });
	// The postgres user must reach its folders: the temp root is 0700 by default.
	fs.chmodSync(root, 0o755);
	const { uid, gid } = fs.statSync('/var/lib/postgresql');
	const logFile = path.join(dir, 'postgres.log');
	fs.writeFileSync(logFile, '');
	for (const p of [dir, data, socket, logFile]) fs.chownSync(p, uid, gid);
	const asPostgres = (/** @type {string} */ cmd, /** @type {string[]} */ args) =>
		run('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args]);

	asPostgres('initdb', [
		'-D',
		data,
		'-U',
		'postgres',
		'-E',
		'UTF8',
		'--locale=C',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
		'--no-sync',
	]);
	const port = await h.freePort();
	const service = new Service(
		'postgres',
		'runuser',
		[
			'-u',
			'postgres',
			'--',
			path.join(bin, 'postgres'),
			'-D',
			data,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			`unix_socket_directories=${socket}`,
			'-c',
			'fsync=off',
			'-c',
			'synchronous_commit=off',
			'-c',
			'full_page_writes=off',
		],
		logFile,
	);
	await waitFor(
		'PostgreSQL to accept connections',
		() =>
			spawnSync(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)]).status === 0,
		() => service.assertAlive(),
	);
	const db = {
		host: '127.0.0.1',
		port,
		database: 'n8n',
		user: 'n8n',
		password: 'n8n-e2e-password',
	};
	const psql = (/** @type {string} */ sql) =>
		run(path.join(bin, 'psql'), [
			'-h',
			socket,
			'-p',
			String(port),
			'-U',
			'postgres',
			'-v',
			'ON_ERROR_STOP=1',
			'-qAt',
			'-c',
			sql,
		]);
	psql(`CREATE USER ${db.user} WITH PASSWORD '${db.password}'`);
	psql(`CREATE DATABASE ${db.database} OWNER ${db.user}`);
	return {
		db,
		/**
		 * SQL against n8n's database; rows as tab-separated lines.
		 * @param {string} sql
		 */
		query: (sql) =>
			run(path.join(bin, 'psql'), [
				'-h',
				socket,
				'-p',
				String(port),
				'-U',
				'postgres',
				'-d',
				db.database,
				'-v',
				'ON_ERROR_STOP=1',
				'-qAtF',
				'\t',
				'-c',
				sql,
			]).trim(),
		async stop() {
			if (!service.exit) {
				try {
					asPostgres('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
				} catch {
					// the group's SIGTERM/SIGKILL below ends it
				}
			}
			await service.stop();
		},
	};
}

/**
 * Redis on 127.0.0.1:<port>, its folder in `<root>/redis`, nothing saved to disk.
 * @param {string} root a temp folder
 */
async function startRedis(root) {
	const dir = path.join(root, 'redis');
	fs.mkdirSync(dir, { recursive: true });
	const port = await h.freePort();
	const service = new Service(
		'redis',
		'redis-server',
		[
			'--bind',
			'127.0.0.1',
			'--port',
			String(port),
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
			'--daemonize',
			'no',
		],
		path.join(dir, 'redis.log'),
	);
	const cli = (/** @type {string[]} */ ...args) =>
		spawnSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8' });
	await waitFor(
		'Redis to answer PING',
		() => cli('ping').stdout?.trim() === 'PONG',
		() => service.assertAlive(),
	);
	return {
		port,
		async stop() {
			if (!service.exit) cli('shutdown', 'nosave');
			await service.stop(5_000);
		},
	};
}

/** Whether this machine can run the queue line (the services' binaries are installed). */
function missingServices() {
	const missing = [];
	if (spawnSync('redis-server', ['--version']).status !== 0) missing.push('redis-server');
	try {
		pgBin();
	} catch {
		missing.push('postgresql');
	}
	return missing;
}

module.exports = { startPostgres, startRedis, missingServices, Service };
