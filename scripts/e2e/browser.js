// @ts-check
// Browser test: what a user sees of this package in n8n's editor. The packed tarball installed
// into a real n8n (2.40.7; E2E_BROWSER_LINE=1 for 1.x), the Zavu stand-in behind the "Zavu API"
// credential, and headless Debian Chromium driven by playwright-core: the nodes panel, the node
// panels of every operation, the resource locators' lists that load from Zavu (and a plain id
// saved before they were locators), the credential test, the trigger's "Fetch Test Event", the
// webhook trigger's panel and the onboarding example run from the canvas.
// A failed check leaves a screenshot in .e2e/browser/<check>.png. Env: E2E_BROWSER_LINE (2),
// E2E_BROWSER_ONLY (check slugs, e.g. a,c2), E2E_KEEP=1 (keep n8n's user folder).
'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const h = require('../n8n/harness');
const { startEnvironment, stopOnSignals } = require('./browser/env');
const ui = require('./browser/ui');

const SHOTS = path.join(h.ROOT, '.e2e', 'browser');
const CHECK_TIMEOUT_MS = 4 * 60 * 1000;

/** @typedef {import('playwright-core').Page} Page */

/**
 * What "More details" says for a wrong key. n8n 2.x shows the 401 rule of the credential's
 * declarative test (credentials/ZavudevApi.credentials.ts, `test.rules`); n8n 1.x never applies
 * those rules and shows its own 401 message (README, "Credential: Zavu API"). Written out by hand
 * on purpose: the test must fail if the message the user sees changes.
 * @type {Record<string, string>}
 */
const WRONG_KEY_MESSAGE = {
	2: 'Invalid API key: Zavu answered 401. Check the API Key (zv_live_… or zv_test_…) in the Zavu dashboard under API Keys.',
	1: 'Authorization failed - please check your credentials',
};

/**
 * The Zavu node's actions as its entry in the nodes panel lists them: one per operation, its
 * `action` (nodes/Zavu/actions/<resource>/, written out by hand).
 */
const ACTIONS = [
	// Account
	'Get the account balance',
	'Get the current project',
	// Agent
	'Connect a sender to an agent',
	'Create an agent',
	'Delete an agent',
	'Disconnect a sender from an agent',
	'Get an agent',
	'Get many agents',
	'Test an agent',
	'Update an agent',
	// Broadcast
	'Add contacts to a broadcast',
	'Cancel a broadcast',
	'Create a broadcast',
	'Delete a broadcast',
	'Escalate the review of a broadcast',
	'Get a broadcast',
	'Get contacts of a broadcast',
	'Get many broadcasts',
	'Get the progress of a broadcast',
	'Remove a contact from a broadcast',
	'Reschedule a broadcast',
	'Retry the review of a broadcast',
	'Send a broadcast',
	'Update a broadcast',
	// Call
	'Create a call',
	'Get a call',
	'Get many calls',
	'Hang up a call',
	// Contact
	'Add a channel to a contact',
	'Create a contact',
	'Delete a contact',
	'Get a contact',
	'Get a contact by phone number',
	'Get many contacts',
	'Merge two contacts',
	'Remove a channel from a contact',
	'Set the primary channel of a contact',
	'Update a contact',
	'Update a contact channel',
	// Conversation
	'Get a conversation',
	'Get many conversations',
	'Get messages of a conversation',
	'Mark a conversation as read',
	// Custom API Call
	'Make an API call',
	// Invitation
	'Cancel an invitation',
	'Create an invitation',
	'Get an invitation',
	'Get many invitations',
	// Lookup
	'Validate an email address',
	'Validate a phone number',
	// Message
	'Get a message',
	'Get attachments of a message',
	'Get many messages',
	'React to a message',
	'Send a message',
	'Show typing for a message',
	// Phone Number
	'Get a phone number',
	'Get many phone numbers',
	'Get phone number requirements',
	'Purchase a phone number',
	'Release a phone number',
	'Search available phone numbers',
	'Update a phone number',
	// Sender
	'Create a sender',
	'Delete a sender',
	'Get a sender',
	'Get many senders',
	'Regenerate the webhook secret of a sender',
	'Update a sender',
	// Template
	'Create a template',
	'Delete a template',
	'Get a template',
	'Get many templates',
	'Submit a template for approval',
	'Sync templates from Meta',
	// URL
	'Get a URL',
	'Get many URLs',
	'Submit a URL for verification',
];

/**
 * The Zavu Webhook Trigger as the nodes panel shows it: n8n merges only `zavuTrigger` into the
 * "Zavu" entry (the node's name with "Trigger" removed), so the webhook trigger has an entry of
 * its own, named without " Trigger", with one trigger action per option of its Events field.
 * Written out by hand (nodes/ZavuWebhookTrigger, nodes/Zavu/constants.ts WEBHOOK_EVENTS).
 */
const WEBHOOK_ENTRY = 'Zavu Webhook';
const WEBHOOK_DESCRIPTION =
	'Starts the workflow the moment Zavu sends an event: an invitation completes, a customer writes in, a message is delivered';
const WEBHOOK_TRIGGER_ACTIONS = [
	'On invitation status changed',
	'On message received',
	'On unsupported message received',
	'On new conversation',
	'On message queued',
	'On message sent',
	'On message delivered',
	'On message read',
	'On message failed',
	'On template status changed',
	'On broadcast status changed',
	'On call started',
	'On call answered',
	'On call completed',
	'On call failed',
];
const HTTPS_NOTICE =
	'Zavu delivers to public HTTPS addresses only: n8n must be reachable over https (WEBHOOK_URL). Without one, use the polling Zavu Trigger.';

/** The parameters each operation's panel shows (from nodes/Zavu/**, written out by hand). */
const PANELS = [
	{
		resource: 'Invitation',
		operation: 'Create',
		fields: ['clientName', 'clientEmail', 'additionalFields', 'options'],
	},
	{ resource: 'Invitation', operation: 'Get', fields: ['invitationId', 'options'] },
	{
		resource: 'Invitation',
		operation: 'Get Many',
		fields: ['returnAll', 'limit', 'filters', 'options'],
	},
	{ resource: 'Invitation', operation: 'Cancel', fields: ['invitationId', 'options'] },
	{
		resource: 'Message',
		operation: 'Send',
		fields: ['to', 'channel', 'messageType', 'text', 'options'],
		absent: ['subject', 'emailFields', 'voiceLanguage', 'templateId', 'mediaUrl'],
	},
	{
		resource: 'Message',
		operation: 'Send',
		set: { channel: 'Email' },
		fields: ['to', 'channel', 'messageType', 'text', 'subject', 'emailFields', 'options'],
	},
	{
		resource: 'Message',
		operation: 'Send',
		set: { channel: 'Voice' },
		fields: ['to', 'channel', 'messageType', 'text', 'voiceLanguage', 'options'],
	},
	{
		resource: 'Message',
		operation: 'Send',
		set: { channel: 'WhatsApp', messageType: 'Template' },
		fields: [
			'to',
			'channel',
			'messageType',
			'templateId',
			'templateVariables',
			'templateHeaderVariables',
			'templateButtonVariables',
			'options',
		],
	},
	{ resource: 'Message', operation: 'Get', fields: ['messageId', 'options'] },
	{
		resource: 'Message',
		operation: 'Get Many',
		fields: ['returnAll', 'limit', 'filters', 'options'],
	},
];
/** Parameters that are collections (no `parameter-input-<name>` of their own, only a label). */
const COLLECTIONS = new Set([
	'additionalFields',
	'options',
	'filters',
	'emailFields',
	'templateVariables',
	'templateHeaderVariables',
	'templateButtonVariables',
]);

/** @type {{ name: string, ok: boolean, error?: unknown }[]} */
const results = [];
/** @type {import('./browser/env').BrowserEnv} Set by main() before any check runs. */
let env;

/** E2E_BROWSER_ONLY=a,c2: only the checks whose slug starts with one of these (while working on them). */
const ONLY = (process.env.E2E_BROWSER_ONLY || '')
	.split(',')
	.map((s) => s.trim())
	.filter(Boolean);

/**
 * Runs one check in a fresh tab, with a time limit; a failure is printed with a screenshot.
 * @param {string} slug
 * @param {string} name
 * @param {(page: Page) => Promise<void>} fn
 */
async function check(slug, name, fn) {
	if (ONLY.length && !ONLY.some((prefix) => slug.startsWith(prefix))) return;
	const started = Date.now();
	const page = await ui.newPage(env);
	let timer;
	try {
		await Promise.race([
			fn(page),
			new Promise((_, reject) => {
				timer = setTimeout(
					() => reject(new Error(`check timed out after ${CHECK_TIMEOUT_MS / 1000} s`)),
					CHECK_TIMEOUT_MS,
				);
			}),
		]);
		results.push({ name, ok: true });
		console.log(`  ✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
	} catch (error) {
		results.push({ name, ok: false, error });
		const shot = path.join(SHOTS, `${slug}.png`);
		await ui.screenshot(page, shot).catch(() => {});
		console.log(
			`  ✗ ${name}\n    ${String(error.stack || error)
				.split('\n')
				.slice(0, 10)
				.join('\n    ')}\n    screenshot: ${path.relative(h.ROOT, shot)}`,
		);
	} finally {
		clearTimeout(timer);
		await ui.closePage(page);
	}
}

/**
 * @param {string[]} actual
 * @param {string[]} expected
 * @param {string} what
 */
const sameSet = (actual, expected, what) =>
	assert.deepEqual(
		[...actual].sort(),
		[...expected].sort(),
		`${what}: shown ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`,
	);

/**
 * Requests the stand-in received for `method path` since its requests were last cleared.
 * @param {string} method
 * @param {string} route
 */
const received = (method, route) =>
	env.api.requests.filter((r) => r.method === method && r.path === route);

/**
 * The stand-in got the list request of a resource locator, with the credential's API key.
 * @param {string} route
 */
function assertListRequest(route) {
	const calls = received('GET', route);
	assert.ok(calls.length >= 1, `the stand-in got no GET ${route}`);
	assert.equal(calls[0].headers.authorization, `Bearer ${env.api.apiKey}`, `GET ${route}: key`);
}

/**
 * A resource locator holds the entry just picked from its list: it shows the entry's name in
 * From list mode, and its id once switched to By ID (what the node will send).
 * @param {Page} page
 * @param {string} name the parameter
 * @param {string} entry the entry's name
 * @param {string} id the entity's id at the stand-in
 */
async function assertPicked(page, name, entry, id) {
	await ui.waitUntil(
		`${name} to show "${entry}"`,
		() => ui.locatorValue(page, name),
		(v) => v === entry,
		10_000,
	);
	assert.equal(await ui.locatorMode(page, name), 'From list', `${name}: mode after the pick`);
	await ui.selectLocatorMode(page, name, 'By ID');
	assert.equal(await ui.locatorValue(page, name), id, `${name}: the id By ID shows`);
	assert.equal(await ui.parameterHasIssues(page, name), false, `${name}: an issue is shown`);
}

async function checks() {
	const base = env.n8n.url();
	/** @param {Page} page */
	const params = (page) => page.getByTestId('node-parameters');
	/**
	 * @param {Page} page
	 * @param {string} name
	 */
	const inputValue = (page, name) =>
		params(page).getByTestId(`parameter-input-${name}`).locator('input').first().inputValue();

	await check(
		'a-nodes-panel',
		'nodes panel: one "Zavu" entry with the app description, its triggers and actions; "Zavu Webhook" beside it with its events',
		async (page) => {
			await ui.openNewWorkflow(page, base);
			const creator = await ui.searchNodes(page, 'Zavu');
			const names = await ui.waitUntil(
				'search results for "Zavu"',
				() =>
					creator
						.getByTestId('item-iterator-item')
						.getByTestId('node-creator-item-name')
						.allInnerTexts(),
				(list) => list.some((n) => n.trim() === 'Zavu'),
			);
			await ui.sleep(500); // the search is debounced: read the settled list
			const settled = (
				await creator
					.getByTestId('item-iterator-item')
					.getByTestId('node-creator-item-name')
					.allInnerTexts()
			).map((n) => n.trim());
			assert.equal(
				settled.filter((n) => n === 'Zavu').length,
				1,
				`entries named "Zavu": ${JSON.stringify(settled)} (first read ${JSON.stringify(names)})`,
			);
			assert.ok(
				!settled.some((n) => /zavu trigger/i.test(n)),
				`"Zavu Trigger" listed on its own: ${JSON.stringify(settled)}`,
			);
			assert.equal(
				settled.filter((n) => n === WEBHOOK_ENTRY).length,
				1,
				`entries named "${WEBHOOK_ENTRY}" (the webhook trigger): ${JSON.stringify(settled)}`,
			);
			const row = ui.creatorItemsNamed(creator, 'Zavu');
			// n8n 2.x shows it in the result row too; 1.x shows a community node's row without one.
			if (env.install.line === '2') {
				assert.equal(
					(await row.getByTestId('node-creator-item-description').innerText()).trim(),
					ui.ZAVU_DESCRIPTION,
					"the row's description",
				);
				assert.equal(
					(
						await ui
							.creatorItemsNamed(creator, WEBHOOK_ENTRY)
							.getByTestId('node-creator-item-description')
							.innerText()
					).trim(),
					WEBHOOK_DESCRIPTION,
					"the webhook trigger row's description",
				);
			}

			await row.click();
			// The actions view slides in over the search list (both are in the DOM for a moment).
			const view = creator
				.locator('aside')
				.filter({ has: page.getByTestId('nodes-list-header').filter({ hasText: 'Node details' }) });
			await view.waitFor();
			await ui.waitUntil(
				'the search list to slide out',
				() => creator.locator('aside').count(),
				(n) => n === 1,
			);
			// Both lines show a community node's description in the info block of its actions view.
			const info = view.getByText(ui.ZAVU_DESCRIPTION, { exact: true });
			await info.first().waitFor();
			assert.equal(await info.count(), 1, 'the description in the actions view');
			assert.ok(await info.isVisible(), 'the description in the actions view is visible');

			/** @param {import('playwright-core').Locator} wrapper */
			const actionNames = async (wrapper) =>
				(await wrapper.locator('[data-keyboard-nav-type="action"]').allInnerTexts()).map((t) =>
					t.trim(),
				);
			const triggers = await ui.expandCategory(creator, 'Triggers');
			assert.deepEqual(
				await actionNames(triggers),
				['On invitation status change', 'On message status change'],
				'trigger actions',
			);
			const actions = await ui.expandCategory(creator, 'Actions');
			// n8n renders a long list a batch per animation frame: read it once all are there.
			const shownActions = await ui
				.waitUntil(
					`all ${ACTIONS.length} actions`,
					() => actionNames(actions),
					(names) => names.length >= ACTIONS.length,
					10_000,
				)
				.catch(() => actionNames(actions));
			sameSet(shownActions, ACTIONS, 'actions');
			assert.match(
				await creator
					.getByTestId('node-creator-category-item')
					.filter({ hasText: 'Triggers' })
					.innerText(),
				/Triggers \(2\)/,
			);
			assert.match(
				await creator
					.getByTestId('node-creator-category-item')
					.filter({ hasText: 'Actions' })
					.innerText(),
				new RegExp(`Actions \\(${ACTIONS.length}\\)`),
			);

			// The webhook trigger's own entry: its events as trigger actions, no actions.
			await ui.openNewWorkflow(page, base);
			const again = await ui.searchNodes(page, 'Zavu');
			await ui.creatorItemsNamed(again, WEBHOOK_ENTRY).click();
			const webhookView = again.locator('aside').filter({
				has: page.getByTestId('nodes-list-header').filter({ hasText: 'Node details' }),
			});
			await webhookView.waitFor();
			await ui.waitUntil(
				'the search list to slide out',
				() => again.locator('aside').count(),
				(n) => n === 1,
			);
			const webhookTriggers = await ui.expandCategory(again, 'Triggers');
			assert.deepEqual(
				await actionNames(webhookTriggers),
				WEBHOOK_TRIGGER_ACTIONS,
				"the webhook trigger's trigger actions",
			);
			assert.deepEqual(
				(await again.getByTestId('node-creator-category-item').allInnerTexts()).map((t) =>
					t.trim(),
				),
				[`Triggers (${WEBHOOK_TRIGGER_ACTIONS.length})`],
				"the webhook trigger's categories",
			);
		},
	);

	await check(
		'b-node-panels',
		'node panels: every resource and operation shows its own fields',
		async (page) => {
			await ui.openNewWorkflow(page, base);
			await ui.addZavuAction(page, 'Create an invitation');
			assert.equal(await inputValue(page, 'resource'), 'Invitation', 'the action preset Resource');
			assert.equal(await inputValue(page, 'operation'), 'Create', 'the action preset Operation');
			for (const panel of PANELS) {
				const what = `${panel.resource} → ${panel.operation}${
					panel.set
						? ` (${Object.entries(panel.set)
								.map(([k, v]) => `${k} ${v}`)
								.join(', ')})`
						: ''
				}`;
				if ((await inputValue(page, 'resource')) !== panel.resource)
					await ui.selectParameter(page, 'resource', panel.resource);
				if ((await inputValue(page, 'operation')) !== panel.operation)
					await ui.selectParameter(page, 'operation', panel.operation);
				// Back to the defaults the case does not set, then the case's own choices.
				if (panel.resource === 'Message' && panel.operation === 'Send') {
					const wanted = { channel: 'Auto', messageType: 'Text', ...panel.set };
					for (const [name, value] of Object.entries(wanted)) {
						if ((await inputValue(page, name)) !== value)
							await ui.selectParameter(page, name, value);
					}
				}
				const expected = ['resource', 'operation', ...panel.fields];
				const shown = await ui
					.waitUntil(
						what,
						() => ui.visibleParameters(page),
						(list) => list.length && [...list].sort().join() === [...expected].sort().join(),
						5_000,
					)
					.catch(async () => await ui.visibleParameters(page));
				sameSet(shown, expected, what);
				for (const name of panel.fields.filter((f) => !COLLECTIONS.has(f))) {
					assert.ok(
						await params(page).getByTestId(`parameter-input-${name}`).isVisible(),
						`${what}: parameter-input-${name} not visible`,
					);
				}
				for (const name of panel.absent ?? []) {
					assert.equal(
						await params(page).getByTestId(`parameter-input-${name}`).count(),
						0,
						`${what}: ${name} shown`,
					);
				}
			}
		},
	);

	await check(
		'c1-template-locator',
		"Send → Template: the Template locator's list shows the project's templates (GET /v1/templates), the picked one is kept by id",
		async (page) => {
			await ui.openNewWorkflow(page, base);
			await ui.addZavuAction(page, 'Send a message');
			assert.equal(await inputValue(page, 'operation'), 'Send');
			await ui.selectParameter(page, 'messageType', 'Template');
			assert.equal(await ui.locatorMode(page, 'templateId'), 'From list', 'the default mode');
			env.api.clearRequests();
			const list = await ui.openLocatorList(page, 'templateId');
			// n8n's list shows each entry's name only (not its description, "Not approved yet…").
			assert.deepEqual(await ui.locatorEntries(list), [
				'welcome (en) - approved',
				'order_update (en) - pending',
				'appointment_reminder (es) - approved',
			]);
			assertListRequest('/v1/templates');
			await ui.pickLocatorEntry(list, 'welcome (en) - approved');
			await assertPicked(page, 'templateId', 'welcome (en) - approved', 'tmpl_seed00000000000001');
			// By ID checks what is typed: the field shows an issue for an id with spaces.
			await ui.resourceLocator(page, 'templateId').getByTestId('rlc-input').fill('not an id');
			await params(page).locator('label[for="templateId"]').click(); // leave the field
			await ui.waitUntil(
				'the Template field to show an issue for "not an id"',
				() => ui.parameterHasIssues(page, 'templateId'),
				(issues) => issues,
				10_000,
			);
		},
	);

	await check(
		'c2-sender-locator',
		"Send → Options → Sender: the Sender locator's list shows the project's senders (GET /v1/senders)",
		async (page) => {
			await ui.openNewWorkflow(page, base);
			await ui.addZavuAction(page, 'Send a message');
			await ui.addCollectionOption(page, 'options', 'Sender');
			env.api.clearRequests();
			const list = await ui.openLocatorList(page, 'senderId');
			assert.deepEqual(await ui.locatorEntries(list), [
				'Default sender (+14155550100) [sms, whatsapp] (default)',
				'Email sender (hello@example.com) [email]',
			]);
			assertListRequest('/v1/senders');
			await ui.pickLocatorEntry(list, 'Email sender (hello@example.com) [email]');
			await assertPicked(
				page,
				'senderId',
				'Email sender (hello@example.com) [email]',
				'snd_seed00000000000002',
			);
		},
	);

	await check(
		'c3-phone-number-locator',
		"Invitation Create → Additional Fields → Phone Number: the locator's list shows the project's numbers (GET /v1/phone-numbers)",
		async (page) => {
			await ui.openNewWorkflow(page, base);
			await ui.addZavuAction(page, 'Create an invitation');
			await ui.addCollectionOption(page, 'additionalFields', 'Phone Number');
			env.api.clearRequests();
			const list = await ui.openLocatorList(page, 'phoneNumberId');
			assert.deepEqual(await ui.locatorEntries(list), [
				'+14155550100 (US main line)',
				'+525512345678 (Mexico City)',
			]);
			assertListRequest('/v1/phone-numbers');
			await ui.pickLocatorEntry(list, '+525512345678 (Mexico City)');
			await assertPicked(
				page,
				'phoneNumberId',
				'+525512345678 (Mexico City)',
				'pn_seed00000000000002',
			);
		},
	);

	await check(
		'c4-saved-plain-id',
		'a workflow saved before the locators ("Zavu onboarding 2": Template as a plain id) still shows its id, without an issue',
		async (page) => {
			// The example must still hold the id as saved before: a plain string, not a locator value.
			const example = env.workflows.find((w) => w.id === 'zavuExOnboard02');
			const send = example?.nodes.find((n) => n.name === 'Send WhatsApp welcome template');
			assert.equal(
				send?.parameters?.templateId,
				'tmpl_seed00000000000001',
				'the example no longer holds templateId as a plain string',
			);
			await ui.openWorkflow(page, base, 'zavuExOnboard02');
			await ui.openNode(page, 'Send WhatsApp welcome template');
			assert.equal(await inputValue(page, 'messageType'), 'Template');
			await ui.resourceLocator(page, 'templateId').waitFor();
			assert.equal(await ui.locatorValue(page, 'templateId'), 'tmpl_seed00000000000001');
			// n8n 2.40.7 shows a plain value with no mode chosen (the "Mode..." placeholder).
			const mode = await ui.locatorMode(page, 'templateId');
			assert.ok(['', 'By ID'].includes(mode), `the Template field's mode: "${mode}"`);
			await ui.sleep(500); // issues are drawn after the parameters
			assert.equal(
				await ui.parameterHasIssues(page, 'templateId'),
				false,
				'the Template field shows an issue',
			);
			await page.keyboard.press('Escape');
			await page.getByTestId('ndv').waitFor({ state: 'hidden' });
			assert.equal(
				await ui
					.canvasNode(page, 'Send WhatsApp welcome template')
					.getByTestId('node-issues')
					.count(),
				0,
				'the Send node shows issues on the canvas',
			);
		},
	);

	await check(
		'e-trigger',
		'Zavu Trigger: Event and Statuses hint shown, "Fetch Test Event" outputs the completed invitation',
		async (page) => {
			const [invitation] = env.api.seedInvitations(1, {
				clientName: 'Browser Test Co',
				clientPhone: '+14155550123',
			});
			env.api.completeInvitation(invitation.id);
			env.api.clearRequests();
			await ui.openWorkflow(page, base, 'zavuExOnboard02');
			await ui.openNode(page, 'When an invitation completes or fails');
			const eventLabel = params(page).locator('label[for="resource"]');
			assert.equal((await eventLabel.innerText()).trim(), 'Event');
			assert.equal(await inputValue(page, 'resource'), 'Invitation Status Change');
			const statuses = params(page)
				.getByTestId('parameter-item')
				.filter({ has: page.locator('label[for="statuses"]') });
			await statuses
				.getByText('Leave empty to fire on every status change', { exact: true })
				.waitFor();
			const fetch = page.getByTestId('ndv').getByTestId('node-execute-button');
			assert.equal((await fetch.innerText()).trim(), 'Fetch Test Event');
			await fetch.click();
			const count = page.getByTestId('output-panel').getByTestId('ndv-items-count');
			await ui.waitUntil(
				'the output item count',
				() => count.innerText(),
				(t) => /^1 item\b/.test(t.trim()),
				60_000,
			);
			await page.getByTestId('output-panel').getByText(invitation.id).first().waitFor();
			const polls = received('GET', '/v1/invitations');
			assert.ok(polls.length >= 1, 'the stand-in got no GET /v1/invitations');
		},
	);

	await check(
		'g-webhook-trigger',
		'Zavu Webhook Trigger: Events and the https notice shown, Sender only once a sender event is chosen',
		async (page) => {
			await ui.openWorkflow(page, base, 'zavuExOnboard03');
			await ui.openNode(page, 'When an invitation completes or fails (webhook)');
			await params(page).getByText(HTTPS_NOTICE, { exact: true }).waitFor();
			/** @param {string} name the parameter's label (its first line: not Fixed / Expression) */
			const label = async (name) =>
				(await params(page).locator(`label[for="${name}"]`).innerText()).split('\n')[0].trim();
			assert.equal(await label('events'), 'Events');
			sameSet(
				await ui.visibleParameters(page),
				['events', 'statuses', 'options'],
				'invitation events only',
			);
			assert.equal(
				await params(page).getByTestId('parameter-input-senderId').count(),
				0,
				'Sender shown for invitation events',
			);

			const list = await ui.openSelect(page, params(page).getByTestId('parameter-input-events'));
			const names = await ui.optionNames(list);
			assert.equal(
				names.length,
				WEBHOOK_TRIGGER_ACTIONS.length,
				`events: ${JSON.stringify(names)}`,
			);
			assert.equal(names[0], 'Invitation Status Changed');
			// A multiple select: the list stays open after a pick.
			await list
				.locator('.el-select-dropdown__item')
				.nth(names.indexOf('Message Received'))
				.click();
			const shown = await ui.waitUntil(
				'Sender to appear',
				() => ui.visibleParameters(page),
				(names) => names.includes('senderId'),
				10_000,
			);
			sameSet(shown, ['events', 'senderId', 'statuses', 'options'], 'with Message Received');
			assert.ok(
				await params(page).getByTestId('parameter-input-senderId').isVisible(),
				'parameter-input-senderId not visible',
			);
			assert.equal(await label('senderId'), 'Sender');
			assert.ok(
				await ui.resourceLocator(page, 'senderId').isVisible(),
				'Sender is not a resource locator',
			);
		},
	);

	await check(
		'h-webhook-test-event',
		'Zavu Webhook Trigger: "Listen for test event" points Zavu at the test URL, shows the completed invitation, then removes the webhook',
		async (page) => {
			const projectWebhook = () => env.api.webhooks.getProject() ?? undefined;
			assert.equal(projectWebhook(), undefined, 'a project webhook before listening');
			const [invitation] = env.api.seedInvitations(1, {
				clientName: 'Listening Co',
				clientPhone: '+14155550124',
			});
			await ui.openWorkflow(page, base, 'zavuExOnboard03');
			await ui.openNode(page, 'When an invitation completes or fails (webhook)');
			// The trigger panel's button: "Listen for test event" in n8n 1.x, "Execute step" in 2.x.
			const listen = page.getByTestId('ndv').getByTestId('trigger-execute-button');
			assert.match((await listen.innerText()).trim(), /^(Listen for test event|Execute step)$/);
			await listen.click();
			const url = await ui.waitUntil(
				"Zavu's project webhook to point at n8n's test URL",
				async () => projectWebhook()?.url ?? '',
				(u) => u.includes('/webhook-test/'),
				30_000,
			);
			assert.match(url, /^http:\/\/(localhost|127\.0\.0\.1):\d+\/webhook-test\/[^/]+\/webhook$/);
			env.api.completeInvitation(invitation.id);
			const count = page.getByTestId('output-panel').getByTestId('ndv-items-count');
			await ui.waitUntil(
				'the output item count',
				() => count.innerText(),
				(t) => /^1 item\b/.test(t.trim()),
				60_000,
			);
			const output = page.getByTestId('output-panel');
			await output.getByText(invitation.id).first().waitFor();
			await output.getByText('Listening Co').first().waitFor();
			await ui.waitUntil(
				'the project webhook to be removed after the test event',
				async () => projectWebhook(),
				(w) => w === undefined,
				30_000,
			);
		},
	);

	await check(
		'f-onboarding-example',
		'"Zavu onboarding 1" run from the canvas creates exactly one invitation for Acme Corp',
		async (page) => {
			await ui.openWorkflow(page, base, 'zavuExOnboard01');
			env.api.clearRequests();
			await page.getByTestId('execute-workflow-button').click();
			await ui
				.canvasNode(page, 'Create invitation')
				.getByTestId('canvas-node-status-success')
				.waitFor({ timeout: 60_000 });
			const posts = received('POST', '/v1/invitations');
			assert.equal(posts.length, 1, `POST /v1/invitations received ${posts.length} times`);
			assert.equal(posts[0].body.clientName, 'Acme Corp');
			assert.equal(posts[0].body.clientEmail, 'contact@acme.com');
			const created = [...env.api.invitations.values()].filter((i) => i.clientName === 'Acme Corp');
			assert.equal(created.length, 1);
		},
	);

	// Last: it saves a wrong key into the credential before putting the right one back.
	await check(
		'd-credential',
		'"Zavu API" credential: test succeeds with the key, fails with a wrong one and says why',
		async (page) => {
			env.api.clearRequests();
			await page.goto(`${base}/home/credentials`);
			await page.getByTestId('resources-list-item').filter({ hasText: 'Zavu API' }).click();
			const modal = page.getByTestId('editCredential-modal');
			await modal.getByTestId('credentials-config-container-test-success').waitFor();
			const me = () => received('GET', '/v1/me');
			assert.ok(
				me().length >= 1,
				'opening the credential did not test it against the stand-in (no GET /v1/me)',
			);
			assert.equal(me()[0].headers.authorization, `Bearer ${env.api.apiKey}`);

			const key = modal.getByTestId('parameter-input-apiKey').locator('input');
			await key.fill('zv_live_wrong_key');
			await modal.getByTestId('credential-save-button').click();
			const banner = modal
				.locator('.el-tag--danger')
				.filter({ hasText: /Couldn.t connect with these settings/ });
			await banner.waitFor();
			assert.ok(
				!(await modal.getByTestId('credentials-config-container-test-success').isVisible()),
				'the success banner is still shown',
			);
			assert.ok(
				me().some((r) => r.headers.authorization === 'Bearer zv_live_wrong_key'),
				'the wrong key never reached the stand-in',
			);
			await banner.getByText('More details').click();
			const expected = WRONG_KEY_MESSAGE[env.install.line];
			await ui.waitUntil(
				'the failure details',
				() => banner.innerText(),
				(t) => t.includes(expected),
			);

			// Put the right key back: the test passes again.
			await key.fill(env.api.apiKey);
			await modal.getByTestId('credential-save-button').click();
			await modal.getByTestId('credentials-config-container-test-success').waitFor();
			assert.equal(await banner.count(), 0, 'the error banner is still shown');
		},
	);
}

async function main() {
	const started = Date.now();
	fs.rmSync(SHOTS, { recursive: true, force: true });
	stopOnSignals();
	try {
		env = await startEnvironment();
		console.log(`\n=== editor of n8n ${env.install.version} in Chromium ===`);
		await checks();
	} catch (error) {
		results.push({ name: 'setup', ok: false, error });
		console.log(`  ✗ setup: ${error.stack || error}`);
	} finally {
		if (env) await env.stop();
	}
	const passed = results.filter((r) => r.ok).length;
	const failed = results.length - passed;
	console.log(`\n(${Math.round((Date.now() - started) / 1000)} s in all)`);
	console.log(`browser: ${passed} passed, ${failed} failed`);
	process.exit(failed || !results.length ? 1 : 0);
}

main();
