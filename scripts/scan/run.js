#!/usr/bin/env node
// @ts-check
// `npm run scan [-- --no-build]`: n8n's verification analyser (@n8n/scan-community-package), run
// offline on this checkout the way n8n runs it on a published version:
//   1. the source: package.json + nodes/ and credentials/ (.ts), the rule set of `n8n-node lint`;
//   2. the tarball: what `npm pack` would publish, unpacked, its compiled .js and package.json.
// Every finding is printed; any error (what n8n's gate refuses) exits 1.
//
// What it cannot check offline: npm provenance (the publish workflow adds it) and that the
// source n8n lints comes from the GitHub commit the provenance names (same files as here).
//
// The analyser lives in scripts/scan/node_modules (its own package.json + package-lock.json,
// installed here with `npm ci` when missing or out of date): it brings its own ESLint, TypeScript
// and plugin versions, which must not replace the project's.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

// A child npm must read its own configuration, not inherit ours (`npm_config_*` from the
// project's .npmrc): the harness's environment and progress lines.
const { cleanEnv, step } = require('../n8n/harness');

const SCAN_DIR = __dirname;
const ROOT = path.resolve(SCAN_DIR, '..', '..');
const SCANNER = '@n8n/scan-community-package';
const SCANNER_DIR = path.join(SCAN_DIR, 'node_modules', ...SCANNER.split('/'));
const SCANNER_ENTRY = path.join(SCANNER_DIR, 'scanner', 'scanner.mjs');
// The analyser's own tarball leg (analyzePackageByName in scanner.mjs); read from its code below
// so an upgrade cannot silently diverge, with this as the fallback.
const DIST_FILE_PATTERNS = ['**/*.js', 'package.json'];

/**
 * @typedef {any} Scanner The analyser's scanner.mjs module, imported at run time from
 *   scripts/scan/node_modules (installed by this script, so not there to type-check against).
 */

const args = new Set(process.argv.slice(2));
if (args.has('--help') || args.has('-h')) {
	console.log(
		'Usage: npm run scan [-- --no-build]\n  --no-build  pack the dist/ that is there instead of running `npm run build` first',
	);
	process.exit(0);
}
const BUILD = !args.has('--no-build');

/**
 * Runs a command in the project (or `opts.cwd`); throws unless it exits 0. With `capture`, returns
 * its standard output (without, the output is shown, not returned).
 * @param {string} cmd
 * @param {string[]} cmdArgs
 * @param {{ cwd?: string, capture?: boolean }} [opts]
 * @returns {string}
 */
function run(cmd, cmdArgs, opts = {}) {
	const result = spawnSync(cmd, cmdArgs, {
		cwd: opts.cwd ?? ROOT,
		env: cleanEnv(),
		encoding: 'utf8',
		stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
		shell: process.platform === 'win32',
	});
	if (result.error) throw result.error;
	if (result.status !== 0) {
		throw new Error(`\`${cmd} ${cmdArgs.join(' ')}\` failed (exit ${result.status})`);
	}
	return result.stdout;
}

/** Installs the analyser from scripts/scan/package-lock.json unless that exact version is there. */
function ensureScanner() {
	const lock = JSON.parse(fs.readFileSync(path.join(SCAN_DIR, 'package-lock.json'), 'utf8'));
	const wanted = lock.packages[`node_modules/${SCANNER}`].version;
	const installedJson = path.join(SCANNER_DIR, 'package.json');
	const installed = fs.existsSync(installedJson)
		? JSON.parse(fs.readFileSync(installedJson, 'utf8')).version
		: null;
	if (installed === wanted && fs.existsSync(SCANNER_ENTRY)) return wanted;
	step(`installing ${SCANNER}@${wanted} into scripts/scan/node_modules (npm ci, once)`);
	// --ignore-scripts: eslint-plugin-n8n-nodes-base 1.x, one of its dependencies, has a
	// `preinstall` that insists on pnpm; nothing in the analyser needs an install script.
	// Run in the folder rather than with --prefix: --prefix also moves npm's global config
	// ({prefix}/etc/npmrc), where a machine's registry or CA settings may live.
	run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: SCAN_DIR,
	});
	return wanted;
}

/** The tarball leg's patterns as the analyser itself passes them, or the fallback. */
function distPatterns() {
	const source = fs.readFileSync(SCANNER_ENTRY, 'utf8');
	const match = /analyzePackage\(\s*packageDir\s*,\s*(\[[^\]]*\])\s*\)/.exec(source);
	if (!match) {
		console.warn(
			`  (could not read the tarball patterns from ${SCANNER}; using ${JSON.stringify(DIST_FILE_PATTERNS)})`,
		);
		return DIST_FILE_PATTERNS;
	}
	return JSON.parse(match[1].replace(/'/g, '"'));
}

/**
 * `npm pack` into a temp dir, unpacked there: returns the `package/` folder.
 * @param {string} tmp
 */
function packAndUnpack(tmp) {
	const out = run('npm', ['pack', '--json', '--pack-destination', tmp, '--loglevel=error'], {
		capture: true,
	});
	const [{ filename, files }] = JSON.parse(out);
	const tarball = path.join(tmp, path.basename(filename));
	run('tar', ['-xzf', tarball, '-C', tmp]);
	return {
		dir: path.join(tmp, 'package'),
		tarball: path.basename(filename),
		fileCount: files.length,
	};
}

/**
 * Every finding (errors and warnings) with the analyser's own ESLint and configuration
 * (`buildScanConfig`, the options `analyzePackage` uses); `analyzePackage` itself decides pass/fail.
 * @param {Scanner} scanner
 * @param {string} dir
 * @param {string[]} patterns
 */
async function findings(scanner, dir, patterns) {
	const requireFromScanner = require('node:module').createRequire(SCANNER_ENTRY);
	const { ESLint } = await import(pathToFileURL(requireFromScanner.resolve('eslint')).href);
	const glob = requireFromScanner('fast-glob');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, {
		cwd: dir,
		absolute: true,
		ignore: ['node_modules/**', '**/package-lock.json'],
	});
	const results = files.length ? await eslint.lintFiles(files) : [];
	const list = [];
	for (const result of results) {
		for (const m of result.messages) {
			list.push({
				file: path.relative(dir, result.filePath),
				line: m.line ?? 0,
				column: m.column ?? 0,
				severity: m.severity === 2 ? 'error' : 'warning',
				rule: m.ruleId ?? '(parser)',
				message: m.message,
			});
		}
	}
	return { files: files.length, list };
}

/**
 * One leg of the scan (the source or the tarball): its findings printed; whether it passed.
 * @param {Scanner} scanner
 * @param {string} label
 * @param {string} dir
 * @param {string[]} patterns
 * @returns {Promise<boolean>}
 */
async function leg(scanner, label, dir, patterns) {
	step(`${label}: ${JSON.stringify(patterns)} in ${dir}`);
	const verdict = await scanner.analyzePackage(dir, patterns);
	const { files, list } = await findings(scanner, dir, patterns);
	for (const f of list) {
		console.log(
			`  ${f.severity === 'error' ? '✗' : '!'} ${f.file}:${f.line}:${f.column} ${f.severity} ${f.message} [${f.rule}]`,
		);
	}
	const errors = list.filter((f) => f.severity === 'error').length;
	const warnings = list.length - errors;
	if (!verdict.passed) {
		// The analyser's own report (same findings; also covers a crash of the analysis itself).
		console.log(`  analyzePackage: ${verdict.message}`);
		if (verdict.details && list.length === 0) console.log(verdict.details);
	}
	const passed = verdict.passed && errors === 0;
	console.log(
		`  ${passed ? '✓' : '✗'} ${label}: ${files} file(s), ${errors} error(s), ${warnings} warning(s)`,
	);
	return passed;
}

async function main() {
	const version = ensureScanner();
	// The analyser makes a temp dir when loaded (for downloads it does not do here): have `tmp`
	// remove it on exit.
	require('node:module').createRequire(SCANNER_ENTRY)('tmp').setGracefulCleanup();
	const scanner = await import(pathToFileURL(SCANNER_ENTRY).href);
	console.log(`n8n verification analyser: ${SCANNER}@${version}`);

	const sourceOk = await leg(scanner, 'source', ROOT, scanner.SOURCE_FILE_PATTERNS);

	if (BUILD) {
		step('npm run build (the tarball must hold what these sources compile to)');
		run('npm', ['run', 'build', '--silent']);
	}
	const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zavu-scan-'));
	let distOk;
	try {
		const pkg = packAndUnpack(tmp);
		step(`npm pack: ${pkg.tarball}, ${pkg.fileCount} file(s)`);
		distOk = await leg(scanner, 'tarball', pkg.dir, distPatterns());
	} finally {
		fs.rmSync(tmp, { recursive: true, force: true });
	}

	if (sourceOk && distOk) {
		console.log('\nscan: passed');
		return 0;
	}
	console.log('\nscan: FAILED (n8n would refuse this package)');
	return 1;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`scan: ${error.stack || error}`);
		process.exit(2);
	},
);
