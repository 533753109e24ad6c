import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { asNodeError, encodeId, zavuApiRequest } from '../Zavu/transport';
import type { WebhookState } from './lifecycle';
import { seenEvents } from './seen';
import { verifySignature } from './signature';

const nothing: IWebhookResponseData = { webhookResponse: { received: true } };

/**
 * Answers 200 itself, then starts the execution with `items`. Answering first makes n8n save the
 * static data (the event id just marked seen) before the execution starts: n8n 2.x starts it
 * before its own answer and the save that comes with the answer then finds nothing changed, so a
 * retried delivery would start a second execution (seen in the real-n8n e2e).
 */
function start(ctx: IWebhookFunctions, json: IDataObject): IWebhookResponseData {
	ctx.getResponseObject().status(200).end();
	return { noWebhookResponse: true, workflowData: [[{ json }]] };
}

/** Answers `status` itself and starts no execution. */
function refuse(ctx: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	ctx.getResponseObject().status(status).json({ error: message });
	return { noWebhookResponse: true };
}

/**
 * One delivery: verified against the raw bytes with the secrets activation stored, before
 * anything else; a repeated event id, an event not chosen, or an invitation in a status not
 * chosen answers 200 and starts nothing.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const kept = this.getWorkflowStaticData('node') as WebhookState;
	const request = this.getRequestObject() as unknown as { rawBody?: Buffer; body?: unknown };
	const raw = Buffer.isBuffer(request.rawBody)
		? request.rawBody
		: Buffer.from(
				typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? {}),
			);
	const secrets = [kept.project?.secret, kept.sender?.secret].filter((s): s is string => !!s);
	const header = this.getHeaderData()['x-zavu-signature'];
	const check = verifySignature(
		Array.isArray(header) ? header.join(',') : (header as string | undefined),
		raw,
		secrets,
		Math.floor(Date.now() / 1000),
	);
	if (!check.ok) return refuse(this, 401, `Signature check failed: ${check.reason}`);

	const event = this.getBodyData() as IDataObject;
	const id = String(event.id ?? '');
	const type = String(event.type ?? '');
	const seen = seenEvents(this, kept);
	if (id && !seen.take(id)) return nothing;

	const events = this.getNodeParameter('events', []) as string[];
	if (!events.includes(type)) return nothing;
	const data = (event.data ?? {}) as IDataObject;

	if (type === 'invitation.status_changed') {
		const statuses = this.getNodeParameter('statuses', []) as string[];
		const current = String(data.currentStatus ?? '');
		if (statuses.length && !statuses.includes(current)) return nothing;
		// The same item as the polling trigger: the invitation as the API returns it (the event
		// lacks clientPhone and url, which the onboarding story needs) and the previous status.
		let response: IDataObject;
		try {
			response = await zavuApiRequest.call(this, {
				method: 'GET',
				path: `/v1/invitations/${encodeId(String(data.invitationId ?? ''))}`,
				idempotent: true,
			});
		} catch (error) {
			// n8n answers with an error and Zavu delivers the event again: that retry must run.
			if (id) seen.giveBack(id);
			throw asNodeError(this.getNode(), error);
		}
		const invitation = (response.invitation ?? {}) as IDataObject;
		return start(this, {
			...invitation,
			status: current || invitation.status,
			previousStatus: data.previousStatus ?? null,
		});
	}
	const meta = { id, type, timestamp: event.timestamp ?? null, senderId: event.senderId ?? null };
	return start(this, { ...data, event: meta });
}
