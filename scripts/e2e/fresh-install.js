// Proves the first-run install a new machine does (what `npm start` and the e2e do with no
// cache): one n8n line installed from nothing into a temporary cache, with an empty HOME (so
// no npm cache either) and the environment `npm run` gives its scripts (including the
// project's `ignore-scripts=true`), then verified. The real cache is not touched.
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
const started = Date.now();
console.log(`» fresh install of n8n line ${line} into ${scratch} (empty HOME, empty caches)`);
const result = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(ROOT, 'scripts/n8n/harness'))}).ensureN8n(${JSON.stringify(line)})`], {
	stdio: 'inherit',
	env: {
		...process.env,
		HOME: home,
		XDG_CACHE_HOME: path.join(home, '.cache'),
		ZAVU_N8N_CACHE: path.join(scratch, 'cache'),
	},
});
const seconds = Math.round((Date.now() - started) / 1000);
fs.rmSync(scratch, { recursive: true, force: true });
const ok = result.status === 0;
console.log(`\nfresh-install: ${ok ? 1 : 0} passed, ${ok ? 0 : 1} failed (n8n line ${line}, ${seconds} s)`);
process.exit(ok ? 0 : 1);
