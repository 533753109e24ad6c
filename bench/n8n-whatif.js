// What-if for "Items In Flight 20 keeps ≥ 18 requests out at 50 ms" (issue #9): the real-n8n
// measurement with prototype patches in the INSTALLED copy of the package (the temp n8n user
// folder), never in the sources. It measures what a change would save before anyone writes it;
// the patches are string replacements on today's dist/, so the script stops with "patch … did not
// apply" once the code it patches has changed (then it has served its purpose or needs new patches).
// (The previous what-if, credential once / own header / one start per turn, is in git history and
// in BENCHMARKS.md; those changes are in the node now.)
//
//   npx tsc -p bench/tsconfig.json && node bench/n8n-whatif.js [--repeat=3] [--sizes=1000] [--profile]
//
// Variants (all Zavu node, 20 items in flight, stand-in at 50 ms):
//   current     the package as built
//   immediate   the router's one-start-per-turn uses setImmediate instead of sleep(0) (a 1 ms
//               timer); diagnostic only: n8n's community lint forbids setImmediate in node code
//   params      parameters whose saved value holds no expression are read once per node run
//               (getNodeParameter evaluates, cleans and validates them again for every item)
//   both        immediate + params
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
const sizes = (args.get('sizes') ?? '1000').split(',').map(Number);

function replaceOnce(src, from, to, what) {
	if (!src.includes(from)) throw new Error(`patch "${what}" did not apply: the dist code changed`);
	return src.replace(from, to);
}

const immediate = (src) =>
	replaceOnce(
		src,
		'turn = (0, n8n_workflow_1.sleep)(0).then(',
		'turn = new Promise((resolve) => setImmediate(resolve)).then(',
		'setImmediate turns',
	);

const params = (src) =>
	replaceOnce(
		src,
		'    const runItem = async (i) => {',
		`    {
        const __orig = this.getNodeParameter;
        const __params = this.getNode().parameters;
        const __cache = new Map();
        const __hasExpression = (v) => typeof v === 'string' ? v.startsWith('=') : v !== null && typeof v === 'object' ? Object.values(v).some(__hasExpression) : false;
        this.getNodeParameter = (name, i, fallback, options) => {
            if (options) return __orig(name, i, fallback, options);
            let hit = __cache.get(name);
            if (hit === undefined) {
                const raw = name.split('.').reduce((o, k) => (o === undefined || o === null ? undefined : o[k]), __params);
                hit = raw === undefined || __hasExpression(raw) ? null : { value: __orig(name, i, fallback) };
                __cache.set(name, hit);
            }
            if (hit === null) return __orig(name, i, fallback, options);
            return hit.value !== null && typeof hit.value === 'object' ? structuredClone(hit.value) : hit.value;
        };
    }
    const runItem = async (i) => {`,
		'parameter cache',
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
	// --engine=legacy|vm|quickjs: n8n's expression engine (N8N_EXPRESSION_ENGINE) for the runs.
	if (args.has('engine')) {
		const env = bench.n8n.env.bind(bench.n8n);
		bench.n8n.env = (extra = {}) => ({ ...env(extra), N8N_EXPRESSION_ENGINE: args.get('engine') });
	}
	try {
		const routerFile = path.join(
			bench.n8n.userFolder,
			'.n8n',
			'nodes',
			'node_modules',
			'n8n-nodes-zavudev',
			'dist',
			'nodes',
			'Zavu',
			'actions',
			'router.js',
		);
		const router = fs.readFileSync(routerFile, 'utf8');
		const variants = args.has('current-only')
			? [['current', router]]
			: [
					['current', router],
					['immediate', immediate(router)],
					['params', params(router)],
					['both', params(immediate(router))],
				];
		const spec = { variant: 'zavu', label: 'Zavu node', inFlight: 20 };
		if (args.has('profile')) {
			for (const [name, rout] of variants) {
				fs.writeFileSync(routerFile, rout);
				const p = await b.profileVariant(bench, spec, 1000, 0);
				console.log(`\n#### profile ${name}, 1000 items, 0 ms: ${p.run.sendSeconds.toFixed(2)} s`);
				for (const c of p.categories)
					console.log(`  ${(c.ms / 1000).toFixed(3)} ms/item  ${c.name}`);
				for (const s of p.self.slice(0, 15))
					console.log(`  self ${(s.ms / 1000).toFixed(3)}  ${s.key}`);
				for (const s of p.named) console.log(`  named ${(s.ms / 1000).toFixed(3)}  ${s.key}`);
			}
		}
		const runs = [];
		for (let rep = 1; rep <= repeat; rep++) {
			for (const items of sizes) {
				for (const [name, rout] of variants) {
					fs.writeFileSync(routerFile, rout);
					const run = await b.runVariant(bench, spec, items, 50);
					runs.push({ name, ...run });
					console.error(
						`  [${rep}/${repeat}] ${items} items, ${name}: send ${run.sendSeconds.toFixed(2)} s, mean in flight ${((items * 0.05) / run.sendSeconds).toFixed(1)} (measured ${run.meanInFlight.toFixed(1)}; first request after ${run.firstRequestMs.toFixed(0)} ms, ${run.afterLastAnswerMs.toFixed(0)} ms after the last answer, ${run.meanInFlightSending.toFixed(1)} in flight in between), CPU/item ${((run.sendCpuSeconds / items) * 1000).toFixed(2)} ms, lost ${run.lost}, dup ${run.duplicates}, load ${fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`,
					);
				}
			}
		}
		console.log(
			`\n### What-if (prototype patches of the installed package), Zavu node, 20 in flight, 50 ms, n8n ${bench.version} (${repeat} runs each, min–max)\n`,
		);
		console.log(
			'| variant | items | send node time (s) | msgs/s | mean requests in flight (Little’s law) | mean requests open at the stand-in (measured) | first request after the node started (ms) | mean open from the first request to the last answer | main thread on a CPU (% of send time) | n8n CPU per item, send node (ms) | lost | duplicates |',
		);
		console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
		for (const items of sizes) {
			for (const [name] of variants) {
				const rs = runs.filter((r) => r.name === name && r.items === items);
				console.log(
					`| ${name} | ${items} | ${range(
						rs.map((r) => r.sendSeconds),
						2,
					)} | ${range(
						rs.map((r) => r.items / r.sendSeconds),
						0,
					)} | ${range(
						rs.map((r) => (r.items * 0.05) / r.sendSeconds),
						1,
					)} | ${range(
						rs.map((r) => r.meanInFlight),
						1,
					)} | ${range(
						rs.map((r) => r.firstRequestMs),
						0,
					)} | ${range(
						rs.map((r) => r.meanInFlightSending),
						1,
					)} | ${range(
						rs.map((r) => (100 * r.mainRunSeconds) / r.sendSeconds),
						0,
					)} | ${range(
						rs.map((r) => (r.sendCpuSeconds / r.items) * 1000),
						2,
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
