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
			if (!fs.existsSync(codex)) problems.push(`${file}: codex ${path.basename(codex)} not found in dist`);
		}
	}
}

if (problems.length) {
	console.error('dist/ is incomplete:\n- ' + problems.join('\n- '));
	process.exit(1);
}
console.log(`dist/ ok: ${pkg.n8n.nodes.length} node(s), ${pkg.n8n.credentials.length} credential(s)`);
