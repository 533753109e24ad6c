// What-if for "Real n8n: sends" (issue #9): the same real-n8n measurement with prototype changes
// patched into the INSTALLED copy of the package (the temp n8n user folder), never into the
// sources. It measures what a change would save before anyone writes it; the patches are string
// replacements on today's dist/, so the script stops with "patch … did not apply" once the code
// it patches has changed (then it has served its purpose or needs new patches).
//
//   npx tsc -p bench/tsconfig.json && node bench/n8n-whatif.js [--repeat=3] [--sizes=300,1000]
//
// (tsc compiles bench/n8n.ts into .bench/, as `npm run bench` does; this script reuses its setup
// and measurement: build + pack, install into n8n 2.40.7, the stand-in at 50 / 0 ms.)
//
// Variants (all Zavu node, 20 items in flight):
//   current   the package as built
//   A         credential read once per node run; httpRequestWithAuthentication(type, options,
//             { credentialsDecrypted }) on every call: no per-call getCredentials (DB + decrypt),
//             n8n still applies the credential's `authenticate` (an expression) per call
//   B         credential read once per node run; the node sets Authorization itself and calls
//             helpers.httpRequest: no per-call credential work at all
//   A + turns, B + turns   the same, and the router starts at most one item per event-loop turn
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const b = require(path.join(__dirname, '..', '.bench', 'bench', 'n8n.js'));

const args = new Map(
	process.argv.slice(2).map((arg) => {
		const [key, value] = arg.replace(/^--/, '').split('=');
		return [key, value ?? 'true'];
	}),
);
const repeat = Number(args.get('repeat') ?? 3);
const sizes = (args.get('sizes') ?? '300,1000').split(',').map(Number);

function replaceOnce(src, from, to, what) {
	if (!src.includes(from)) throw new Error(`patch "${what}" did not apply: the dist code changed`);
	return src.replace(from, to);
}

/** Reads the credential once per node run (per execute context, as gateFor keeps its gate). */
function credentialOnce(src) {
	src = replaceOnce(
		src,
		'async function zavuApiRequest(',
		'const __credentialsOfRun = new WeakMap();\nasync function zavuApiRequest(',
		'credential cache',
	);
	return replaceOnce(
		src,
		'    const credentials = await this.getCredentials(exports.CREDENTIAL_TYPE, request.itemIndex);',
		`    let __once = __credentialsOfRun.get(this);
    if (!__once) {
        const __ref = this.getNode().credentials?.[exports.CREDENTIAL_TYPE] ?? {};
        __once = this.getCredentials(exports.CREDENTIAL_TYPE, request.itemIndex).then((data) => ({ id: __ref.id ?? null, name: __ref.name ?? '', type: exports.CREDENTIAL_TYPE, data }));
        __credentialsOfRun.set(this, __once);
    }
    const __decrypted = await __once;
    const credentials = __decrypted.data;`,
		'credential once',
	);
}

const CALL =
	'(await this.helpers.httpRequestWithAuthentication.call(this, exports.CREDENTIAL_TYPE, { ...options, headers: options.headers ? { ...options.headers } : undefined }))';

const passDecrypted = (src) =>
	replaceOnce(
		src,
		CALL,
		'(await this.helpers.httpRequestWithAuthentication.call(this, exports.CREDENTIAL_TYPE, { ...options, headers: options.headers ? { ...options.headers } : undefined }, { credentialsDecrypted: __decrypted }))',
		'credentialsDecrypted',
	);

const ownHeader = (src) =>
	replaceOnce(
		src,
		CALL,
		'(await this.helpers.httpRequest({ ...options, headers: { ...(options.headers ?? {}), Authorization: `Bearer ${credentials.apiKey}` } }))',
		'own Authorization header',
	);

/** At most one item starts per event-loop turn (a chain of setImmediate). */
const oneStartPerTurn = (src) =>
	replaceOnce(
		src,
		`    const worker = async () => {
        while (next < items.length && !failure) {
            const i = next++;
            await runItem(i);`,
		`    let __turn = Promise.resolve();
    const __nextTurn = () => (__turn = __turn.then(() => new Promise((resolve) => setImmediate(resolve))));
    const worker = async () => {
        while (next < items.length && !failure) {
            const i = next++;
            await __nextTurn();
            await runItem(i);`,
		'one start per turn',
	);

const range = (values, digits) => {
	const lo = Math.min(...values);
	const hi = Math.max(...values);
	return lo.toFixed(digits) === hi.toFixed(digits)
		? lo.toFixed(digits)
		: `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
};

async function main() {
	const bench = await b.setupN8nBench(sizes);
	try {
		const dir = path.join(
			bench.n8n.userFolder,
			'.n8n',
			'nodes',
			'node_modules',
			'n8n-nodes-zavudev',
			'dist',
			'nodes',
			'Zavu',
		);
		const requestFile = path.join(dir, 'transport', 'request.js');
		const routerFile = path.join(dir, 'helpers', 'router.js');
		const request = fs.readFileSync(requestFile, 'utf8');
		const router = fs.readFileSync(routerFile, 'utf8');
		const variants = [
			['current', request, router],
			['A: credential once, credentialsDecrypted', passDecrypted(credentialOnce(request)), router],
			['B: credential once, own header + httpRequest', ownHeader(credentialOnce(request)), router],
			['A + one start per turn', passDecrypted(credentialOnce(request)), oneStartPerTurn(router)],
			['B + one start per turn', ownHeader(credentialOnce(request)), oneStartPerTurn(router)],
		];
		const spec = { variant: 'zavu', label: 'Zavu node', inFlight: 20 };
		const runs = [];
		for (let rep = 1; rep <= repeat; rep++) {
			for (const items of sizes) {
				for (const latencyMs of [50, 0]) {
					for (const [name, req, rout] of variants) {
						fs.writeFileSync(requestFile, req);
						fs.writeFileSync(routerFile, rout);
						const run = await b.runVariant(bench, spec, items, latencyMs);
						const check = bench.api.requests.find((r) => r.path === '/v1/messages');
						if (check?.headers.authorization !== `Bearer ${bench.api.apiKey}`)
							throw new Error(`${name}: wrong Authorization header`);
						runs.push({ name, ...run });
						console.error(
							`  [${rep}/${repeat}] ${items} items, ${latencyMs} ms, ${name}: send ${run.sendSeconds.toFixed(2)} s, peak ${run.peakInFlight}, CPU/item ${((run.sendCpuSeconds / items) * 1000).toFixed(2)} ms, lost ${run.lost}, dup ${run.duplicates}, load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
						);
					}
				}
			}
		}
		console.log(
			`\n### What-if (prototype patches of the installed package), Zavu node, 20 in flight, n8n ${bench.version} (${repeat} runs each, min–max)\n`,
		);
		console.log(
			'| variant | items | stand-in latency (ms) | send node time (s) | msgs/s | peak requests in flight | mean requests in flight | main thread on a CPU (% of send time) | n8n CPU per item, send node (ms) | messages created | lost | duplicates |',
		);
		console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const latencyMs of [50, 0]) {
			for (const items of sizes) {
				for (const [name] of variants) {
					const rs = runs.filter(
						(r) => r.name === name && r.items === items && r.latencyMs === latencyMs,
					);
					console.log(
						`| ${name} | ${items} | ${latencyMs} | ${range(
							rs.map((r) => r.sendSeconds),
							2,
						)} | ${range(
							rs.map((r) => r.items / r.sendSeconds),
							0,
						)} | ${range(
							rs.map((r) => r.peakInFlight),
							0,
						)} | ${
							latencyMs
								? range(
										rs.map((r) => (r.items * latencyMs) / 1000 / r.sendSeconds),
										1,
									)
								: '–'
						} | ${range(
							rs.map((r) => (100 * r.mainRunSeconds) / r.sendSeconds),
							0,
						)} | ${range(
							rs.map((r) => (r.sendCpuSeconds / r.items) * 1000),
							1,
						)} | ${range(
							rs.map((r) => r.created),
							0,
						)} | ${range(
							rs.map((r) => r.lost),
							0,
						)} | ${range(
							rs.map((r) => r.duplicates),
							0,
						)} |`,
					);
				}
			}
		}
	} finally {
		await bench.close();
	}
}

main().then(
	() => process.exit(0),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
