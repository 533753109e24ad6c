// @ts-check
// n8n in queue mode, as teams run it when they outgrow one process: a main (editor, triggers,
// webhooks) that puts executions on a Redis queue, and workers (`n8n worker`) that run them,
// all on one PostgreSQL database. Each process has its own user folder (the package installed in
// each, as on separate machines), its own ports and its own log; the services come from
// ./services.js. Binary data: queue mode's default, `database` (n8n stores files in PostgreSQL so
// every process can read them; its filesystem mode would need one folder shared by all).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const h = require('../../n8n/harness');
const { startPostgres, startRedis } = require('./services');

/**
 * @typedef {object} QueueStack
 * @property {import('../../n8n/harness').N8n} main
 * @property {import('../../n8n/harness').N8n[]} workers
 * @property {(sql: string) => string} query SQL against n8n's database
 * @property {(executionId: string) => string | undefined} ranBy the worker ("worker-1"…) whose log says it started that execution; undefined if none
 * @property {() => Promise<void>} restartMain stops the main and starts it again (workers and services stay up)
 * @property {() => Promise<void>} stop
 */

/**
 * Starts PostgreSQL, Redis, the main and `workers` workers, with the package and the given
 * credentials and workflows imported.
 * @param {{ install: import('../../n8n/harness').Install, tarball: string, root: string, workers?: number,
 *   credentials: import('../../n8n/harness').Credential[], workflows: import('../../n8n/harness').Workflow[] }} o
 * @returns {Promise<QueueStack>}
 */
async function startQueueStack(o) {
	/** @type {Array<() => Promise<void>>} */
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) {
			try {
				await stop();
			} catch (error) {
				console.log(`    (stopping: ${error})`);
			}
		}
	};
	try {
		h.step('queue mode: PostgreSQL and Redis');
		const pg = await startPostgres(o.root);
		stops.push(() => pg.stop());
		const redis = await startRedis(o.root);
		stops.push(() => redis.stop());

		/** @type {NodeJS.ProcessEnv} */
		const shared = {
			EXECUTIONS_MODE: 'queue',
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: pg.db.host,
			DB_POSTGRESDB_PORT: String(pg.db.port),
			DB_POSTGRESDB_DATABASE: pg.db.database,
			DB_POSTGRESDB_USER: pg.db.user,
			DB_POSTGRESDB_PASSWORD: pg.db.password,
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redis.port),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// Manual runs too go to the workers (n8n 2.x warns that running them on the main is going away).
			OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '15',
		};

		const mainFolder = path.join(o.root, 'main');
		fs.mkdirSync(mainFolder);
		h.installPackage(mainFolder, o.tarball);
		const main = new h.N8n(o.install, mainFolder, {
			port: await h.freePort(),
			brokerPort: await h.freePort(),
			env: shared,
		});
		// The first command also runs n8n's migrations on the empty database.
		await main.importCredentials(o.credentials);
		await main.importWorkflows(o.workflows);

		/** @type {import('../../n8n/harness').N8n[]} */
		const workers = [];
		/** @type {string[]} */
		const health = [];
		for (let k = 1; k <= (o.workers ?? 2); k++) {
			const folder = path.join(o.root, `worker-${k}`);
			// The package installed in each worker's own folder, as on its own machine.
			fs.cpSync(path.join(mainFolder, '.n8n', 'nodes'), path.join(folder, '.n8n', 'nodes'), {
				recursive: true,
			});
			const healthPort = await h.freePort();
			health.push(`http://127.0.0.1:${healthPort}/healthz/readiness`);
			workers.push(
				new h.N8n(o.install, folder, {
					brokerPort: await h.freePort(),
					env: {
						...shared,
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(healthPort),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
					},
				}),
			);
		}
		h.step(`queue mode: n8n main on ${main.url()} and ${workers.length} workers`);
		stops.push(() => main.stop());
		for (const w of workers) stops.push(() => w.stop());
		await Promise.all([
			main.start(),
			...workers.map((w, k) =>
				w.start({ args: ['worker', '--concurrency=2'], readyUrl: health[k] }),
			),
		]);

		return {
			main,
			workers,
			query: pg.query,
			ranBy(executionId) {
				const started = new RegExp(`Worker started execution ${executionId}\\b`);
				const k = workers.findIndex((w) => started.test(fs.readFileSync(w.logFile, 'utf8')));
				return k < 0 ? undefined : `worker-${k + 1}`;
			},
			async restartMain() {
				await main.stop();
				await main.start();
			},
			stop: stopAll,
		};
	} catch (error) {
		await stopAll();
		throw error;
	}
}

module.exports = { startQueueStack };
