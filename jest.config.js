/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	// n8n-core writes <N8N_USER_FOLDER>/.n8n/config on load: keep it out of $HOME.
	setupFiles: ['<rootDir>/test/support/env.ts'],
	transform: {
		'^.+\\.ts$': [
			'ts-jest',
			{ tsconfig: '<rootDir>/tsconfig.json', diagnostics: { warnOnly: false } },
		],
	},
	testTimeout: 30000,
};
