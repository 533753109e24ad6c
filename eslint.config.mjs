// n8n's community-node rules (the ones n8n's verification runs) plus the classic
// eslint-plugin-n8n-nodes-base rule sets for package.json, credentials and nodes; and ESLint's
// recommended rules for the Node scripts in scripts/ (npm start, e2e, browser, scan, build) and
// for the jest suites in test/.
import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tsParser from '@typescript-eslint/parser';
import jsonParser from 'jsonc-eslint-parser';
// Both come with eslint itself (its own dependencies, at the versions it was released with).
import js from '@eslint/js';
import globals from 'globals';

const legacy = (name) => n8nNodesBase.configs[name].rules;

export default [
	{ ignores: ['dist/**', 'node_modules/**', '*.js', '*.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tsParser, parserOptions: { sourceType: 'module' } },
	},
	// For the package's own files only: the nodes, the credentials and package.json (its
	// package.json rules), never the scripts.
	{
		...n8nCommunityNodesPlugin.configs.recommended,
		files: ['nodes/**', 'credentials/**', 'package.json'],
	},
	{
		files: ['package.json'],
		languageOptions: { parser: jsonParser },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: legacy('community'),
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacy('credentials'),
			// "Only applicable to nodes in the main repository" (its own docs): a community
			// credential links to its vendor's docs by full URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...legacy('nodes'),
			// These two want the string 'main'; the newer community rule
			// (node-connection-type-literal) requires NodeConnectionTypes.Main. The newer one wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// Plain CommonJS run by Node directly (no build step); type-checked by
		// scripts/tsconfig.json. scripts/scan/node_modules is ignored like every node_modules.
		files: ['scripts/**/*.js'],
		languageOptions: {
			sourceType: 'commonjs',
			globals: { ...globals.node },
		},
		rules: {
			...js.configs.recommended.rules,
			'prefer-const': 'error',
			eqeqeq: ['error', 'smart'],
			'no-empty': ['error', { allowEmptyCatch: true }],
			'no-constant-condition': ['error', { checkLoops: false }],
		},
	},
	{
		// The jest suites, the stand-in and the n8n-core runner: TypeScript, type-checked by
		// tsconfig.json (strict, noUnusedLocals). ESLint's recommended rules less those the
		// compiler enforces (as typescript-eslint's eslint-recommended config does, except
		// no-unreachable: tsconfig.json does not make unreachable code an error).
		files: ['test/**/*.ts'],
		languageOptions: {
			parser: tsParser,
			parserOptions: { sourceType: 'module' },
			globals: { ...globals.node, ...globals.jest },
		},
		rules: {
			...js.configs.recommended.rules,
			'constructor-super': 'off',
			'getter-return': 'off',
			'no-class-assign': 'off',
			'no-const-assign': 'off',
			'no-dupe-args': 'off',
			'no-dupe-class-members': 'off',
			'no-dupe-keys': 'off',
			'no-func-assign': 'off',
			'no-import-assign': 'off',
			'no-new-native-nonconstructor': 'off',
			'no-obj-calls': 'off',
			'no-redeclare': 'off',
			'no-setter-return': 'off',
			'no-this-before-super': 'off',
			'no-undef': 'off',
			'no-unsafe-negation': 'off',
			'no-unused-vars': 'off',
			'no-var': 'error',
			'prefer-const': 'error',
			'prefer-rest-params': 'error',
			'prefer-spread': 'error',
			eqeqeq: ['error', 'smart'],
			'no-empty': ['error', { allowEmptyCatch: true }],
			'no-constant-condition': ['error', { checkLoops: false }],
		},
	},
];
