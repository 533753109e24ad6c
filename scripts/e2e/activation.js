// @ts-check
// Activating and deactivating a workflow through n8n's public API, and waiting until n8n has
// really set up (or taken down) its triggers: shared by the e2e lines.
'use strict';

const assert = require('node:assert/strict');

const h = require('../n8n/harness');

/**
 * Activates (publishes) a workflow through n8n's public API and waits until n8n has set up its
 * triggers. n8n 1.x does that within the call: a trigger that fails makes it answer 400 with
 * the trigger's message, and the workflow stays inactive. n8n 2.x answers at once (`active:
 * true`) and applies it in the background (its publication outbox, retrying a failing trigger
 * for about 15 s); its publication status says when it is done, and why a trigger failed.
 * @param {import('../n8n/harness').N8n} n8n
 * @param {string} line
 * @param {string} id
 * @returns {Promise<{ ok: boolean, message: string }>}
 */
async function activate(n8n, line, id) {
	try {
		await n8n.api('POST', `/workflows/${id}/activate`);
	} catch (error) {
		if (line === '2') throw error;
		return { ok: false, message: String(error.message) };
	}
	if (line !== '2') return { ok: true, message: '' };
	const status = await settledPublication(n8n, id);
	const failures = status.triggers.filter((/** @type {any} */ t) => t.status !== 'activated');
	return {
		ok: status.status === 'published' && !failures.length,
		message: `${status.status}: ${failures.map((/** @type {any} */ t) => t.errorMessage).join('; ')}`,
	};
}

/**
 * Deactivates (unpublishes) a workflow through n8n's public API and waits until n8n has taken
 * its triggers down (at once on 1.x, in the background on 2.x).
 * @param {import('../n8n/harness').N8n} n8n
 * @param {string} line
 * @param {string} id
 */
async function deactivate(n8n, line, id) {
	await n8n.api('POST', `/workflows/${id}/deactivate`);
	if (line !== '2') return;
	const status = await settledPublication(n8n, id);
	assert.equal(status.status, 'not_published', `${id} after deactivation`);
}

/**
 * n8n 2.x: the workflow's publication status once no publication of it is in progress.
 * @param {import('../n8n/harness').N8n} n8n
 * @param {string} id
 * @returns {Promise<{ status: string, triggers: any[] }>}
 */
async function settledPublication(n8n, id) {
	const deadline = Date.now() + 60_000;
	for (;;) {
		const { data } = await n8n.rest('GET', `/workflows/${id}/publication-status`);
		if (data.status !== 'in_progress') return data;
		if (Date.now() > deadline) throw new Error(`the publication of ${id} is still in progress`);
		await h.sleep(500);
	}
}

module.exports = { activate, deactivate, settledPublication };
