import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { locatorValue, SENDER } from '../Zavu/actions/common/locator';
import type { TriggerWebhookEvent } from '../Zavu/constants';
import { PROJECT_WEBHOOK_EVENTS } from '../Zavu/constants';
import { asNodeError, encodeId, normalizeBaseUrl, zavuApiRequest } from '../Zavu/transport';

/** A webhook configuration as Zavu shows it, kept to put back what activation replaced. */
export interface WebhookConfig {
	url: string;
	events: string[];
	active: boolean;
}

/**
 * What the trigger keeps in the node's static data between activation and deactivation:
 * the signing secret of each webhook it set up, and the configuration it replaced (if any).
 */
export interface WebhookState {
	project?: { url: string; secret: string; replaced?: WebhookConfig };
	sender?: { senderId: string; url: string; secret: string; replaced?: WebhookConfig };
	/** Recently seen event ids → when (ms): a retried or replayed event starts nothing. */
	seen?: Record<string, number>;
}

export function chosenEvents(ctx: IHookFunctions): {
	project: TriggerWebhookEvent[];
	sender: TriggerWebhookEvent[];
	senderId: string;
} {
	const events = ctx.getNodeParameter('events', []) as TriggerWebhookEvent[];
	const project = events.filter((e) => PROJECT_WEBHOOK_EVENTS.includes(e));
	const sender = events.filter((e) => !PROJECT_WEBHOOK_EVENTS.includes(e));
	// A locator: its id, or the plain string saved before it was one.
	const value = sender.length
		? locatorValue(
				(options) => ctx.getNodeParameter('senderId', '', options),
				(message, description) => {
					throw new NodeOperationError(ctx.getNode(), message, { description });
				},
				'Sender',
				SENDER,
			)
		: '';
	const senderId =
		typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
	if (!events.length) {
		throw new NodeOperationError(ctx.getNode(), 'Choose at least one event under Events');
	}
	if (sender.length && !senderId) {
		throw new NodeOperationError(
			ctx.getNode(),
			`Sender is empty: ${sender.join(', ')} come through a sender's webhook`,
			{ description: 'Pick the sender whose messages, calls or templates to follow.' },
		);
	}
	return { project, sender, senderId };
}

const state = (ctx: IHookFunctions) => ctx.getWorkflowStaticData('node') as WebhookState;

const isLocal = (url: string) =>
	/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/i.test(url);

/** Zavu only delivers to HTTPS: say so before any request (a local stand-in takes http). */
async function webhookUrl(ctx: IHookFunctions): Promise<string> {
	const url = ctx.getNodeWebhookUrl('default') ?? '';
	if (url.startsWith('https://')) return url;
	const credentials = await ctx.getCredentials('zavudevApi');
	if (isLocal(normalizeBaseUrl(credentials.baseUrl))) return url;
	throw new NodeOperationError(
		ctx.getNode(),
		`Zavu delivers webhooks to HTTPS addresses only, and n8n's webhook address is ${url}`,
		{
			description:
				"Set n8n's WEBHOOK_URL to its public https:// address (e.g. behind a reverse proxy or a tunnel), or use the polling Zavu Trigger, which works without one.",
		},
	);
}

async function projectConfig(ctx: IHookFunctions): Promise<WebhookConfig | undefined> {
	try {
		const response = await zavuApiRequest.call(ctx, {
			method: 'GET',
			path: '/v1/invitations/webhook',
			idempotent: true,
		});
		const webhook = response.webhook as IDataObject | undefined;
		return webhook ? asConfig(webhook) : undefined;
	} catch (error) {
		if ((error as { httpCode?: string }).httpCode === '404') return undefined;
		throw asNodeError(ctx.getNode(), error);
	}
}

async function senderConfig(
	ctx: IHookFunctions,
	senderId: string,
): Promise<WebhookConfig | undefined> {
	const response = await zavuApiRequest.call(ctx, {
		method: 'GET',
		path: `/v1/senders/${encodeId(senderId)}`,
		idempotent: true,
	});
	const sender = (response.sender ?? response) as IDataObject;
	const webhook = sender.webhook as IDataObject | undefined;
	return webhook?.url ? asConfig(webhook) : undefined;
}

const asConfig = (webhook: IDataObject): WebhookConfig => ({
	url: String(webhook.url ?? ''),
	events: Array.isArray(webhook.events) ? webhook.events.map(String) : [],
	active: webhook.active !== false,
});

const covers = (config: WebhookConfig | undefined, url: string, events: string[]) =>
	!!config && config.url === url && config.active && events.every((e) => config.events.includes(e));

function refuseForeign(ctx: IHookFunctions, where: string, current: WebhookConfig): never {
	throw new NodeOperationError(
		ctx.getNode(),
		`${where} already sends events to ${current.url}; activating would take it over`,
		{
			description:
				'Turn on Options → Replace Existing Webhook to use it for this workflow anyway: the current configuration is put back when the workflow is deactivated (its signing secret cannot be: senders get a new one).',
		},
	);
}

/** n8n's checkExists: every webhook this trigger needs points at this workflow, and it has the secrets. */
export async function checkExists(this: IHookFunctions): Promise<boolean> {
	const { project, sender, senderId } = chosenEvents(this);
	const url = this.getNodeWebhookUrl('default') ?? '';
	const kept = state(this);
	if (project.length) {
		if (!kept.project?.secret || !covers(await projectConfig(this), url, project)) return false;
	}
	if (sender.length) {
		if (kept.sender?.senderId !== senderId || !kept.sender.secret) return false;
		if (!covers(await senderConfig(this, senderId), url, sender)) return false;
	}
	return true;
}

/** n8n's create: point the webhooks at this workflow, keep their secrets and what they replaced. */
export async function create(this: IHookFunctions): Promise<boolean> {
	const { project, sender, senderId } = chosenEvents(this);
	const url = await webhookUrl(this);
	const replace = (this.getNodeParameter('options', {}) as IDataObject).replaceExisting === true;
	const kept = state(this);

	if (project.length) {
		const current = await projectConfig(this);
		const foreign = current && current.url !== url && current.active ? current : undefined;
		if (foreign && !replace) refuseForeign(this, "Zavu's project webhook", foreign);
		const response = await zavuApiRequest.call(this, {
			method: 'POST',
			path: '/v1/invitations/webhook',
			body: { url, events: project },
			idempotent: true,
		});
		const secret = String((response.webhook as IDataObject | undefined)?.secret ?? '');
		if (!secret)
			throw new NodeOperationError(
				this.getNode(),
				'Zavu returned no signing secret for the project webhook',
			);
		kept.project = {
			url,
			secret,
			replaced: kept.project?.replaced ?? (current && current.url !== url ? current : undefined),
		};
	}

	if (sender.length) {
		const current = await senderConfig(this, senderId);
		const foreign = current && current.url !== url && current.active ? current : undefined;
		if (foreign && !replace) refuseForeign(this, `Sender ${senderId}'s webhook`, foreign);
		const response = await zavuApiRequest.call(this, {
			method: 'PATCH',
			path: `/v1/senders/${encodeId(senderId)}`,
			body: { webhookUrl: url, webhookEvents: sender, webhookActive: true },
			idempotent: true,
		});
		const returned = ((response.sender ?? response) as IDataObject).webhook as
			| IDataObject
			| undefined;
		let secret = String(returned?.secret ?? '');
		if (!secret && kept.sender?.senderId === senderId && current?.url === url)
			secret = kept.sender.secret;
		if (!secret) {
			// Zavu shows a sender's secret only when its webhook is created: one that already
			// existed needs a new secret for this trigger to verify deliveries.
			const rotated = await zavuApiRequest.call(this, {
				method: 'POST',
				path: `/v1/senders/${encodeId(senderId)}/webhook/secret`,
				idempotent: false,
			});
			secret = String(rotated.secret ?? '');
		}
		if (!secret)
			throw new NodeOperationError(
				this.getNode(),
				`Zavu returned no signing secret for sender ${senderId}`,
			);
		const replaced = kept.sender?.senderId === senderId ? kept.sender.replaced : undefined;
		kept.sender = {
			senderId,
			url,
			secret,
			replaced: replaced ?? (current && current.url !== url ? current : undefined),
		};
	}
	return true;
}

/** n8n's delete: remove what this trigger set up, or put back what it replaced. */
export async function remove(this: IHookFunctions): Promise<boolean> {
	const kept = state(this);
	if (kept.project) {
		const { replaced, url } = kept.project;
		const current = await projectConfig(this);
		if (current?.url === url) {
			if (replaced) {
				await zavuApiRequest.call(this, {
					method: 'POST',
					path: '/v1/invitations/webhook',
					body: { url: replaced.url, events: replaced.events },
					idempotent: true,
				});
				if (!replaced.active) {
					await zavuApiRequest.call(this, {
						method: 'PATCH',
						path: '/v1/invitations/webhook',
						body: { active: false },
						idempotent: true,
					});
				}
			} else {
				await zavuApiRequest.call(this, {
					method: 'DELETE',
					path: '/v1/invitations/webhook',
					idempotent: true,
				});
			}
		}
		delete kept.project;
	}
	if (kept.sender) {
		const { replaced, url, senderId } = kept.sender;
		const current = await senderConfig(this, senderId);
		if (current?.url === url) {
			const body: IDataObject = replaced
				? {
						webhookUrl: replaced.url,
						webhookEvents: replaced.events,
						webhookActive: replaced.active,
					}
				: { webhookUrl: null };
			await zavuApiRequest.call(this, {
				method: 'PATCH',
				path: `/v1/senders/${encodeId(senderId)}`,
				body,
				idempotent: true,
			});
		}
		delete kept.sender;
	}
	delete kept.seen;
	return true;
}
