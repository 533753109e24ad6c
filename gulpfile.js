// Copies what tsc does not: node/credential icons and codex JSON files, into dist/ beside
// the compiled files that reference them.
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

// encoding: false keeps binary icons intact (gulp 5 decodes files as UTF-8 by default).
const copyNodeAssets = () =>
	src(path.resolve('nodes', '**', '*.{png,svg,json}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'nodes')),
	);
const copyCredentialAssets = () =>
	src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false, allowEmpty: true }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);

task('build:icons', parallel(copyNodeAssets, copyCredentialAssets));
