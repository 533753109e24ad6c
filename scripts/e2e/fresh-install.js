// @ts-check
// Proves the first-run install a new machine does (what `npm start` and the e2e do with no
// cache): one n8n line installed from nothing into a temporary cache, with an empty HOME (so
// no npm cache either) and the environment `npm run` gives its scripts (including the
// project's `ignore-scripts=true`), then verified. Then the repair path: the cache's SQLite
// driver is broken on purpose and the next start must notice, rebuild it and verify again.
// The real cache is not touched.
// Usage: npm run test:fresh-install [-- 1|2]   (default: 2)
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const line = process.argv[2] || '2';
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'zavu-fresh-install-'));
const home = path.join(scratch, 'home');
fs.mkdirSync(home);
const env = {
	...process.env,
	HOME: home,
	XDG_CACHE_HOME: path.join(home, '.cache'),
	ZAVU_N8N_CACHE: path.join(scratch, 'cache'),
};
const harness = JSON.stringify(path.join(ROOT, 'scripts/n8n/harness'));

/** ensureN8n(line) in a child with the scratch HOME and cache; returns its output and status. */
function ensure() {
	const result = spawnSync(
		process.execPath,
		['-e', `require(${harness}).ensureN8n(${JSON.stringify(line)})`],
		{
			env,
			encoding: 'utf8',
		},
	);
	process.stdout.write(result.stdout + result.stderr);
	return result;
}

/** @type {boolean[]} */
const results = [];
/**
 * Runs one check and records whether it passed; a failure is printed, not thrown.
 * @param {string} name
 * @param {() => void} fn
 */
function check(name, fn) {
	const started = Date.now();
	try {
		fn();
		results.push(true);
		console.log(`  ✓ ${name} (${Math.round((Date.now() - started) / 1000)} s)`);
	} catch (error) {
		results.push(false);
		console.log(
			`  ✗ ${name}\n    ${String(error.message || error)
				.split('\n')
				.join('\n    ')}`,
		);
	}
}

console.log(`» fresh install of n8n line ${line} into ${scratch} (empty HOME, empty caches)`);
check(`n8n line ${line} installs from nothing and is verified`, () => {
	const first = ensure();
	if (first.status !== 0) throw new Error(`install failed (exit ${first.status})`);
	if (!/installed and verified/.test(first.stdout))
		throw new Error('no "installed and verified" line');
});

check(
	'a broken SQLite driver in the cache is noticed, rebuilt and verified on the next start',
	() => {
		const dir = fs.readdirSync(path.join(scratch, 'cache')).find((name) => name.startsWith('n8n-'));
		if (!dir) throw new Error(`no n8n install in ${path.join(scratch, 'cache')}`);
		const binary = path.join(
			scratch,
			'cache',
			dir,
			'node_modules',
			'sqlite3',
			'build',
			'Release',
			'node_sqlite3.node',
		);
		if (!fs.existsSync(binary)) throw new Error(`no SQLite driver at ${binary}`);
		fs.writeFileSync(binary, 'not a shared library');
		const again = ensure();
		if (again.status !== 0)
			throw new Error(`the start after the damage failed (exit ${again.status})`);
		if (!/fails verification .* repairing it/.test(again.stdout))
			throw new Error('the damage went unnoticed');
		if (fs.readFileSync(binary).length < 100_000) throw new Error('the driver was not rebuilt');
		const third = ensure();
		if (third.status !== 0 || /repairing|installing/.test(third.stdout))
			throw new Error('the repaired cache is not used as is');
	},
);

fs.rmSync(scratch, { recursive: true, force: true });
const passed = results.filter(Boolean).length;
console.log(
	`\nfresh-install: ${passed} passed, ${results.length - passed} failed (n8n line ${line})`,
);
process.exit(passed === results.length ? 0 : 1);
