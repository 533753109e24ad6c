// @ts-check
// `npm run screenshots`: regenerates the README's pictures of the editor in docs/images/, from
// the same world as the browser test (scripts/e2e/browser/env.js): the packed package in a real
// n8n 2.x, the Zavu stand-in, headless Debian Chromium. Each picture is cropped to its panel.
// Env: SCREENSHOTS_DIR (docs/images), SCREENSHOTS_ONLY=nodes-panel,trigger (a subset).
'use strict';
/* global document, getComputedStyle -- only in page.evaluate() callbacks, which run in the page */

const net = require('node:net');
const path = require('node:path');

const h = require('./n8n/harness');
const { startEnvironment, stopOnSignals } = require('./e2e/browser/env');
const ui = require('./e2e/browser/ui');

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Locator} Locator
 * @typedef {import('./e2e/browser/ui').Box} Box
 * @typedef {import('./e2e/browser/env').BrowserEnv} BrowserEnv
 */

const OUT = process.env.SCREENSHOTS_DIR
	? path.resolve(process.env.SCREENSHOTS_DIR)
	: path.join(h.ROOT, 'docs', 'images');
const ONLY = (process.env.SCREENSHOTS_ONLY || '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);

/** The stand-in on 4010 when it is free (the Base URL README's `npm start` shows), else any port. */
async function standInPort() {
	const free = await new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(4010, '127.0.0.1', () => server.close(() => resolve(true)));
	});
	return free ? 4010 : await h.freePort();
}

/**
 * The smallest box around the given boxes, plus a margin, kept inside the viewport.
 * @param {Page} page
 * @param {Box[]} boxes
 * @param {{ margin?: number, top?: number, bottom?: number, right?: number }} [options]
 * @returns {Box}
 */
function around(page, boxes, { margin = 0, top, bottom, right } = {}) {
	// The context sets a viewport, so there is one.
	const vp = /** @type {{ width: number, height: number }} */ (page.viewportSize());
	const x1 = Math.max(0, Math.min(...boxes.map((b) => b.x)) - margin);
	const y1 = Math.max(0, top ?? Math.min(...boxes.map((b) => b.y)) - margin);
	const x2 = Math.min(vp.width, right ?? Math.max(...boxes.map((b) => b.x + b.width)) + margin);
	const y2 = Math.min(vp.height, bottom ?? Math.max(...boxes.map((b) => b.y + b.height)) + margin);
	return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/**
 * @param {Locator} locator
 * @returns {Promise<Box>}
 */
async function box(locator) {
	const b = await locator.boundingBox();
	if (!b) throw new Error(`no box for ${locator}`);
	return b;
}

/** @type {Record<string, (env: BrowserEnv, page: Page) => Promise<void>>} */
const SHOTS = {
	/** The nodes panel, searched for "Zavu": one entry, the app's description. */
	async 'nodes-panel'(env, page) {
		await ui.openNewWorkflow(page, env.n8n.url());
		const creator = await ui.searchNodes(page, 'Zavu');
		const row = ui.creatorItemsNamed(creator, 'Zavu');
		await row.waitFor();
		await ui.sleep(800);
		await page.mouse.move(0, 0);
		const panel = await box(creator.locator('aside').first());
		const entry = await box(row);
		await ui.screenshot(page, file('nodes-panel'), {
			clip: around(page, [panel], { top: panel.y, bottom: entry.y + entry.height + 24 }),
		});
	},

	/** The entry opened: description, the trigger's two events, the node's seven actions. */
	async 'nodes-panel-actions'(env, page) {
		await page.setViewportSize({ width: 1280, height: 1060 });
		await ui.openNewWorkflow(page, env.n8n.url());
		const creator = await ui.openZavuEntry(page);
		await ui.expandCategory(creator, 'Triggers');
		const actions = await ui.expandCategory(creator, 'Actions');
		await ui.sleep(800);
		await page.mouse.move(0, 0);
		const panel = await box(creator.locator('aside').last());
		const last = await box(actions.locator('[data-keyboard-nav-type="action"]').last());
		await ui.screenshot(page, file('nodes-panel-actions'), {
			clip: around(page, [panel], { top: panel.y, bottom: last.y + last.height + 16 }),
		});
	},

	/** The "Zavu onboarding 2" example on the canvas: its note and the three nodes it frames. */
	async 'example-onboarding'(env, page) {
		await page.setViewportSize({ width: 1280, height: 800 });
		await ui.openWorkflow(page, env.n8n.url(), 'zavuExOnboard02');
		await ui.canvasNode(page, 'Send WhatsApp welcome template').waitFor();
		// Fit the workflow to the view ("1" is n8n's zoom-to-fit shortcut), then let it settle.
		await page.keyboard.press('1');
		await ui.sleep(1000);
		await page.mouse.move(0, 0);
		await ui.screenshot(page, file('example-onboarding'));
	},

	/** Create an invitation, as the "Zavu onboarding 1" example has it. */
	async 'invitation-create'(env, page) {
		await page.setViewportSize({ width: 1280, height: 860 });
		await ui.openWorkflow(page, env.n8n.url(), 'zavuExOnboard01');
		await ui.openNode(page, 'Create invitation');
		await ui.addCollectionOption(page, 'additionalFields', 'Phone Number');
		const list = await ui.openLocatorList(page, 'phoneNumberId');
		await ui.pickLocatorEntry(list, '+14155550100 (US main line)');
		await page.evaluate(() => /** @type {HTMLElement | null} */ (document.activeElement)?.blur());
		await page.mouse.move(0, 0);
		await ui.sleep(500);
		await shootParameters(page, 'invitation-create');
	},

	/** Send a WhatsApp template: the Template locator's list, loaded from the project. */
	async 'send-template'(env, page) {
		await page.setViewportSize({ width: 1280, height: 860 });
		await ui.openNewWorkflow(page, env.n8n.url());
		await ui.addZavuAction(page, 'Send a message');
		await page
			.getByTestId('node-parameters')
			.getByTestId('parameter-input-to')
			.locator('input, textarea')
			.first()
			.fill('+14155551234');
		await ui.selectParameter(page, 'channel', 'WhatsApp');
		await ui.selectParameter(page, 'messageType', 'Template');
		const list = await ui.openLocatorList(page, 'templateId');
		await ui.locatorEntries(list, { minCount: 3 });
		await list.getByTestId('rlc-item').first().hover();
		await ui.sleep(500);
		await shootParameters(page, 'send-template');
	},

	/** The trigger of "Zavu onboarding 2" after "Fetch Test Event": a completed invitation. */
	async trigger(env, page) {
		await page.setViewportSize({ width: 1280, height: 800 });
		const [invitation] = env.api.seedInvitations(1, {
			clientName: 'Acme Corp',
			clientEmail: 'contact@acme.com',
			clientPhone: '+14155551234',
		});
		env.api.completeInvitation(invitation.id);
		await ui.openWorkflow(page, env.n8n.url(), 'zavuExOnboard02');
		await ui.openNode(page, 'When an invitation completes or fails');
		await page.getByTestId('ndv').getByTestId('node-execute-button').click();
		const output = page.getByTestId('output-panel');
		await ui.waitUntil(
			'1 item',
			() => output.getByTestId('ndv-items-count').innerText(),
			(t) => /^1 item/.test(t.trim()),
			60_000,
		);
		await output.getByTestId('radio-button-json').click();
		await output.getByText('"completed"').first().waitFor();
		// Let the "Node executed successfully" toast and the pin hint go.
		await page.mouse.move(0, 0);
		await page
			.locator('.el-notification .el-notification__closeBtn')
			.first()
			.click()
			.catch(() => {});
		// n8n's one-time hint "You can pin this output…" comes and goes with timing: keep it out.
		await ui.sleep(1500);
		await page.evaluate(() => {
			/** @type {NodeListOf<HTMLElement>} */
			const elements = document.querySelectorAll('body *');
			for (const el of elements) {
				if (el.children.length || !/You can pin this output/.test(el.textContent ?? '')) continue;
				/** @type {HTMLElement | null} */
				let box = el;
				while (box && !['absolute', 'fixed'].includes(getComputedStyle(box).position))
					box = box.parentElement;
				if (box && box !== document.body) box.style.visibility = 'hidden';
			}
		});
		await ui.sleep(200);
		const params = await box(page.getByTestId('node-parameters'));
		const out = await box(output);
		const { top, bottom, right } = await ndvBody(page);
		await ui.screenshot(page, file('trigger'), {
			clip: around(page, [params, out], { margin: 16, top, bottom, right }),
		});
	},

	/** The "Zavu API" credential, tested against the stand-in. */
	async credential(env, page) {
		await page.setViewportSize({ width: 1280, height: 800 });
		await page.goto(`${env.n8n.url()}/home/credentials`);
		await page.getByTestId('resources-list-item').filter({ hasText: 'Zavu API' }).click();
		const modal = page.getByTestId('editCredential-modal');
		await modal.getByTestId('credentials-config-container-test-success').waitFor();
		await page.mouse.move(0, 0);
		await ui.sleep(800);
		const dialog = modal.locator('.el-dialog').first();
		const target = (await dialog.count()) ? dialog : modal;
		await ui.screenshot(page, file('credential'), { locator: target });
	},
};

/** @param {string} name */
function file(name) {
	return path.join(OUT, `${name}.png`);
}

/**
 * The NDV below its header (the dialog's test id is `ndv`).
 * @param {Page} page
 */
async function ndvBody(page) {
	const ndv = await box(page.getByTestId('ndv'));
	const header = await box(page.getByTestId('ndv').locator('header').first());
	return { top: header.y + header.height, bottom: ndv.y + ndv.height, right: ndv.x + ndv.width };
}

/**
 * The NDV's parameters column (tabs and parameters), below the NDV's header.
 * @param {Page} page
 * @param {string} name
 */
async function shootParameters(page, name) {
	const params = await box(page.getByTestId('node-parameters'));
	const { top, bottom } = await ndvBody(page);
	await ui.screenshot(page, file(name), {
		clip: around(page, [params], { margin: 16, top, bottom }),
	});
}

async function main() {
	const started = Date.now();
	stopOnSignals();
	let env;
	let failed = 0;
	try {
		env = await startEnvironment({ standInPort: await standInPort() });
		for (const [name, shoot] of Object.entries(SHOTS)) {
			if (ONLY.length && !ONLY.includes(name)) continue;
			const page = await ui.newPage(env);
			try {
				await shoot(env, page);
				console.log(`  ✓ ${path.relative(h.ROOT, file(name))}`);
			} catch (error) {
				failed++;
				const shot = path.join(h.ROOT, '.e2e', 'screenshots', `${name}-failed.png`);
				await ui.screenshot(page, shot).catch(() => {});
				console.log(
					`  ✗ ${name}: ${String(error.stack || error)
						.split('\n')
						.slice(0, 6)
						.join('\n    ')}\n    page: ${path.relative(h.ROOT, shot)}`,
				);
			} finally {
				await ui.closePage(page);
			}
		}
	} catch (error) {
		failed++;
		console.error(error.stack || error);
	} finally {
		if (env) await env.stop();
	}
	console.log(
		`\nscreenshots: ${failed ? `${failed} failed` : 'all written'} (${Math.round((Date.now() - started) / 1000)} s)`,
	);
	process.exit(failed ? 1 : 0);
}

main();
