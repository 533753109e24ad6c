// @ts-check
// Fails the build loudly when dist/ misses a file package.json promises to n8n (or an icon
// a node or credential refers to), instead of publishing a package that cannot load.
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = require(path.join(root, 'package.json'));
const problems = [];

for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
	const full = path.join(root, file);
	if (!fs.existsSync(full)) {
		problems.push(`missing ${file}`);
		continue;
	}
	const exported = require(full);
	const classes = Object.values(exported).filter((value) => typeof value === 'function');
	if (classes.length !== 1) problems.push(`${file} should export exactly one class`);
	for (const Cls of classes) {
		const instance = new Cls();
		const icon = instance.description ? instance.description.icon : instance.icon;
		const icons = typeof icon === 'string' ? [icon] : icon ? Object.values(icon) : [];
		for (const ref of icons) {
			const iconPath = path.resolve(path.dirname(full), String(ref).replace(/^file:/, ''));
			if (!fs.existsSync(iconPath)) problems.push(`${file}: icon ${ref} not found in dist`);
		}
		if (instance.description) {
			const codex = full.replace(/\.js$/, '.json');
			if (!fs.existsSync(codex))
				problems.push(`${file}: codex ${path.basename(codex)} not found in dist`);
		}
	}
}

// The package has no runtime dependencies (n8n's rule for verified community nodes): compiled
// code may load only its own files, Node's built-ins and the n8n-workflow peer. Types from dev
// dependencies (@zavudev/sdk) must stay `import type`, which TypeScript erases.
const { builtinModules } = require('module');
const allowed = new Set(['n8n-workflow', ...builtinModules]);
/** @param {string} dir */
function walk(dir) {
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) walk(full);
		else if (entry.name.endsWith('.js')) {
			const source = fs.readFileSync(full, 'utf8');
			for (const match of source.matchAll(/require\((['"])([^'"]+)\1\)/g)) {
				const spec = match[2];
				if (spec.startsWith('.') || allowed.has(spec.replace(/^node:/, ''))) continue;
				problems.push(
					`${path.relative(root, full)} loads "${spec}" at run time (only n8n-workflow, Node built-ins and the package's own files may be)`,
				);
			}
		}
	}
}
walk(path.join(root, 'dist'));

if (problems.length) {
	console.error('dist/ is not fit to publish:\n- ' + problems.join('\n- '));
	process.exit(1);
}
console.log(
	`dist/ ok: ${pkg.n8n.nodes.length} node(s), ${pkg.n8n.credentials.length} credential(s)`,
);
