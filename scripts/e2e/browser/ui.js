// @ts-check
// What a user does in n8n's editor (2.x), as Playwright steps: open a workflow, search the
// nodes panel, add a node from an action, pick an option in a dropdown or an entry of a resource
// locator's list, read which parameters the node panel (NDV) shows. Test ids are n8n's `data-test-id`s (selectors.setTestIdAttribute).
'use strict';

const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Locator} Locator
 * @typedef {{ x: number, y: number, width: number, height: number }} Box
 */

const ZAVU_DESCRIPTION =
	'Send SMS, WhatsApp and email, onboard clients with partner invitations, and start workflows on their status changes';

/** @param {number} ms */
async function sleep(ms) {
	await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Polls `read` (async, returns a value) until `accept(value)` holds; throws with the last value
 * otherwise. The assertion style for text that arrives asynchronously.
 * @template T
 * @param {string} what
 * @param {() => Promise<T>} read
 * @param {(value: T) => unknown} accept
 * @param {number} [timeoutMs]
 * @returns {Promise<T>}
 */
async function waitUntil(what, read, accept, timeoutMs = 20_000) {
	const deadline = Date.now() + timeoutMs;
	/** @type {T | string | undefined} */
	let last;
	for (;;) {
		try {
			last = await read();
			if (accept(last)) return last;
		} catch (error) {
			last = `(error: ${error.message.split('\n')[0]})`;
		}
		if (Date.now() > deadline)
			throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)}`);
		await sleep(250);
	}
}

/**
 * A fresh tab: each check starts from its own page, so one check's leftovers cannot leak.
 * @param {{ context: import('playwright-core').BrowserContext }} env
 */
async function newPage(env) {
	const page = await env.context.newPage();
	page.on('dialog', (dialog) => dialog.accept().catch(() => {}));
	return page;
}

/**
 * Closes a tab the way a user does: n8n's "beforeunload" handler runs and tells n8n the workflow
 * is closed, which frees its edit lock. A tab closed without it keeps the lock for 2 minutes
 * (n8n 2.x collaboration), and the next tab opening that workflow is read-only ("Editing in
 * another tab"). The "leave with unsaved changes?" prompt is accepted (newPage).
 * @param {Page} page
 */
async function closePage(page) {
	if (page.isClosed()) return;
	const closed = new Promise((resolve) => page.once('close', resolve));
	await page.close({ runBeforeUnload: true }).catch(() => {});
	await Promise.race([closed, sleep(5_000)]);
	if (!page.isClosed()) await page.close({ runBeforeUnload: false }).catch(() => {});
}

/**
 * @param {Page} page
 * @param {string} base n8n's URL
 */
async function openNewWorkflow(page, base) {
	await page.goto(`${base}/workflow/new`);
	await page.getByTestId('canvas-plus-button').waitFor();
}

/**
 * @param {Page} page
 * @param {string} base n8n's URL
 * @param {string} id the workflow's
 */
async function openWorkflow(page, base, id) {
	await page.goto(`${base}/workflow/${id}`);
	await page.getByTestId('canvas-node').first().waitFor();
}

/**
 * The canvas node of that name.
 * @param {Page} page
 * @param {string} name
 */
function canvasNode(page, name) {
	return page.locator(`[data-test-id="canvas-node"][data-node-name="${name}"]`);
}

/**
 * Opens a canvas node's panel (NDV) by double-clicking it.
 * @param {Page} page
 * @param {string} name
 */
async function openNode(page, name) {
	await canvasNode(page, name).dblclick();
	await page.getByTestId('ndv').waitFor();
	await page.getByTestId('node-parameters').waitFor();
}

/**
 * Opens the nodes panel on an empty canvas and searches; returns the panel.
 * @param {Page} page
 * @param {string} text
 */
async function searchNodes(page, text) {
	await page.getByTestId('canvas-plus-button').click();
	const creator = page.getByTestId('node-creator');
	await creator.waitFor();
	await page.getByTestId('node-creator-search-bar').fill(text);
	return creator;
}

/**
 * Rows of the panel's result list whose name is exactly `name`.
 * @param {Locator} creator the nodes panel
 * @param {string} name
 */
function creatorItemsNamed(creator, name) {
	return creator.getByTestId('item-iterator-item').filter({
		has: creator.page().getByTestId('node-creator-item-name').getByText(name, { exact: true }),
	});
}

/**
 * Opens the merged "Zavu" entry of a search (its actions view).
 * @param {Page} page
 */
async function openZavuEntry(page) {
	const creator = await searchNodes(page, 'Zavu');
	await creatorItemsNamed(creator, 'Zavu').click();
	await creator.getByTestId('node-creator-category-item').first().waitFor();
	return creator;
}

/**
 * Expands a category of the actions view ("Triggers (2)", "Actions (7)") if collapsed.
 * @param {Locator} creator the nodes panel
 * @param {string} prefix
 */
async function expandCategory(creator, prefix) {
	const page = creator.page();
	const named = page.getByTestId('node-creator-category-item').filter({ hasText: prefix });
	const wrapper = creator.locator('[data-category-collapsed]').filter({ has: named });
	await wrapper.waitFor();
	if ((await wrapper.getAttribute('data-category-collapsed')) !== 'false')
		await wrapper.getByTestId('node-creator-category-item').click();
	await waitUntil(
		`category "${prefix}" expanded`,
		() => wrapper.getAttribute('data-category-collapsed'),
		(v) => v === 'false',
		10_000,
	);
	return wrapper;
}

/**
 * Adds a Zavu node from the nodes panel by its action ("Create an invitation"); NDV opens.
 * @param {Page} page
 * @param {string} action
 */
async function addZavuAction(page, action) {
	const creator = await openZavuEntry(page);
	await expandCategory(creator, 'Actions');
	await creator.getByTestId('item-iterator-item').filter({ hasText: action }).click();
	await page.getByTestId('ndv').waitFor();
	await page.getByTestId('node-parameters').waitFor();
}

/**
 * Opens an element-plus select (n8n's dropdowns): clicks its input and returns the list it
 * controls (`aria-controls`), so a list still fading out from an earlier select is never read.
 * @param {Page} page
 * @param {Locator} container the parameter's input (or the select itself)
 */
async function openSelect(page, container) {
	const input = container.locator('input').first();
	await input.click();
	const id = await input.getAttribute('aria-controls');
	if (!id) throw new Error('the select has no aria-controls');
	const list = page.locator(`[id="${id}"]`);
	await list.waitFor();
	return list;
}

/**
 * The option names (first line of each item) a dropdown list shows, once loaded.
 * @param {Locator} list
 * @param {{ minCount?: number, timeoutMs?: number }} [options]
 * @returns {Promise<string[]>}
 */
async function optionNames(list, { minCount = 1, timeoutMs = 20_000 } = {}) {
	return await waitUntil(
		'dropdown options',
		async () =>
			(await list.locator('.el-select-dropdown__item').allInnerTexts()).map((t) =>
				t.split('\n')[0].trim(),
			),
		(names) => names.length >= minCount,
		timeoutMs,
	);
}

/**
 * Clicks the option of that name in an open dropdown list; waits for the list to close.
 * @param {Locator} list
 * @param {string} option
 */
async function pickFromList(list, option) {
	const names = await optionNames(list);
	const index = names.indexOf(option);
	if (index < 0) throw new Error(`option "${option}" not in ${JSON.stringify(names)}`);
	await list.locator('.el-select-dropdown__item').nth(index).click();
	await list.waitFor({ state: 'hidden' });
}

/**
 * Picks an option of the parameter `name` (type options) in the open NDV.
 * @param {Page} page
 * @param {string} name
 * @param {string} option
 */
async function selectParameter(page, name, option) {
	const list = await openSelect(
		page,
		page.getByTestId('node-parameters').getByTestId(`parameter-input-${name}`),
	);
	await pickFromList(list, option);
	await waitUntil(
		`${name} = ${option}`,
		() =>
			page
				.getByTestId('node-parameters')
				.getByTestId(`parameter-input-${name}`)
				.locator('input')
				.first()
				.inputValue(),
		(v) => v === option,
		10_000,
	);
}

/**
 * The resource locator of parameter `name` in the open NDV (n8n's `resource-locator-<name>`): a
 * mode dropdown (`rlc-mode-selector`: From list, By ID, By URL) beside the value (`rlc-input`).
 * @param {Page} page
 * @param {string} name
 */
function resourceLocator(page, name) {
	return page.getByTestId('node-parameters').getByTestId(`resource-locator-${name}`);
}

/**
 * The mode a resource locator shows ("From list", "By ID"; '' when it shows none, as for a
 * plain value saved before the field was a locator).
 * @param {Page} page
 * @param {string} name
 */
async function locatorMode(page, name) {
	return await resourceLocator(page, name)
		.getByTestId('rlc-mode-selector')
		.locator('input')
		.first()
		.inputValue();
}

/**
 * What a resource locator's value box shows: the picked entry's name in From list mode, the id
 * in By ID mode.
 * @param {Page} page
 * @param {string} name
 */
async function locatorValue(page, name) {
	return await resourceLocator(page, name).getByTestId('rlc-input').inputValue();
}

/**
 * Switches a resource locator to a mode ("From list", "By ID", "By URL") with its mode dropdown.
 * @param {Page} page
 * @param {string} name
 * @param {string} mode
 */
async function selectLocatorMode(page, name, mode) {
	const list = await openSelect(page, resourceLocator(page, name).getByTestId('rlc-mode-selector'));
	await pickFromList(list, mode);
	await waitUntil(
		`${name} in mode ${mode}`,
		() => locatorMode(page, name),
		(v) => v === mode,
		10_000,
	);
}

/**
 * Opens a resource locator's list (its From list mode, switched to if needed) by clicking its
 * value box, as a user does; returns the list (the popover the box controls). The list loads
 * from the node's listSearch method: read it with locatorEntries.
 * @param {Page} page
 * @param {string} name
 */
async function openLocatorList(page, name) {
	if ((await locatorMode(page, name)) !== 'From list')
		await selectLocatorMode(page, name, 'From list');
	const locator = resourceLocator(page, name);
	await locator.getByTestId('rlc-input').click();
	const trigger = locator.locator('[aria-haspopup="dialog"]').first();
	const id = await waitUntil(
		`the list of ${name} to open`,
		() => trigger.getAttribute('aria-controls'),
		(v) => Boolean(v),
		10_000,
	);
	const list = page.locator(`[id="${id}"]`);
	await list.waitFor();
	return list;
}

/**
 * The entries' names an open resource-locator list shows, once loaded (n8n shows only an entry's
 * name, and a link icon on hover: not its description).
 * @param {Locator} list
 * @param {{ minCount?: number, timeoutMs?: number }} [options]
 * @returns {Promise<string[]>}
 */
async function locatorEntries(list, { minCount = 1, timeoutMs = 20_000 } = {}) {
	return await waitUntil(
		'resource locator list entries',
		async () => (await list.getByTestId('rlc-item').allInnerTexts()).map((t) => t.trim()),
		(names) => names.length >= minCount,
		timeoutMs,
	);
}

/**
 * Clicks the entry of that name in an open resource-locator list; waits for the list to close.
 * @param {Locator} list
 * @param {string} entry
 */
async function pickLocatorEntry(list, entry) {
	const names = await locatorEntries(list);
	const index = names.indexOf(entry);
	if (index < 0) throw new Error(`entry "${entry}" not in ${JSON.stringify(names)}`);
	await list.getByTestId('rlc-item').nth(index).click();
	await list.waitFor({ state: 'hidden' });
}

/**
 * Whether the parameter `name` shows an issue in the open NDV: n8n marks the field
 * (`has-issues`) and puts a warning icon (`parameter-issues`) beside it.
 * @param {Page} page
 * @param {string} name
 */
async function parameterHasIssues(page, name) {
	return await page
		.getByTestId('node-parameters')
		.getByTestId(`parameter-input-${name}`)
		.first()
		.evaluate(
			(input) =>
				input.classList.contains('has-issues') ||
				Boolean(
					input
						.closest('[data-test-id="parameter-item"]')
						?.querySelector('[data-test-id="parameter-issues"]'),
				),
		);
}

/**
 * Adds an item of a collection parameter ("Add Field" / "Add Option") by its display name.
 * @param {Page} page
 * @param {string} collectionName
 * @param {string} option
 */
async function addCollectionOption(page, collectionName, option) {
	const params = page.getByTestId('node-parameters');
	const block = params
		.getByTestId('parameter-item')
		.filter({ has: page.locator(`label[for="${collectionName}"]`) });
	// 2.x: data-test-id collection-parameter-add; 1.x: the same select, without the test id.
	const list = await openSelect(
		page,
		block.getByTestId('collection-parameter-add').or(block.locator('.add-option')).first(),
	);
	await pickFromList(list, option);
}

/**
 * The top-level parameters the open NDV shows, by name: every visible parameter label
 * (`<label for=name>`, collections included) of the Parameters tab. Nested collection items are
 * not top-level and are left out.
 * @param {Page} page
 * @returns {Promise<string[]>}
 */
async function visibleParameters(page) {
	return await page.getByTestId('node-parameters').evaluate((root) => {
		// Runs in the page.
		/** @type {string[]} */
		const names = [];
		/** @type {NodeListOf<HTMLLabelElement>} */
		const labels = root.querySelectorAll('label[for]');
		for (const label of labels) {
			if (!label.offsetParent) continue;
			const item = label.closest('[data-test-id="parameter-item"]');
			// Only items of this list, not items nested inside a collection item.
			if (item?.parentElement?.closest('[data-test-id="parameter-item"]')) continue;
			names.push(/** @type {string} */ (label.getAttribute('for')));
		}
		return names;
	});
}

/**
 * Writes a screenshot (of the page, or clipped to a locator's box with a margin).
 * @param {Page} page
 * @param {string} file
 * @param {{ clip?: Box, locator?: Locator, margin?: number }} [options]
 */
async function screenshot(page, file, { clip, locator, margin = 0 } = {}) {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	let area = clip;
	if (!area && locator) {
		const box = await locator.boundingBox();
		if (box) {
			// The context sets a viewport, so there is one.
			const vp = /** @type {{ width: number, height: number }} */ (page.viewportSize());
			const x = Math.max(0, box.x - margin);
			const y = Math.max(0, box.y - margin);
			area = {
				x,
				y,
				width: Math.min(vp.width - x, box.width + 2 * margin),
				height: Math.min(vp.height - y, box.height + 2 * margin),
			};
		}
	}
	await page.screenshot({ path: file, clip: area });
}

module.exports = {
	ZAVU_DESCRIPTION,
	sleep,
	waitUntil,
	newPage,
	closePage,
	openNewWorkflow,
	openWorkflow,
	canvasNode,
	openNode,
	searchNodes,
	creatorItemsNamed,
	openZavuEntry,
	expandCategory,
	addZavuAction,
	openSelect,
	optionNames,
	pickFromList,
	selectParameter,
	resourceLocator,
	locatorMode,
	locatorValue,
	selectLocatorMode,
	openLocatorList,
	locatorEntries,
	pickLocatorEntry,
	parameterHasIssues,
	addCollectionOption,
	visibleParameters,
	screenshot,
};
