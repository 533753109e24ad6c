/**
 * Zavu's side of webhooks, for the stand-in (shared/zavu-api.md "Webhooks (push delivery)", and
 * the SDK's resources/senders/senders.d.ts: SenderWebhook, WebhookEvent, SenderUpdateParams):
 *
 * - the project webhook (`/v1/invitations/webhook`), where `invitation.status_changed` goes;
 * - the sender webhooks (`webhook*` fields of `PATCH /v1/senders/{id}`, the sender's `webhook`
 *   field, `POST /v1/senders/{id}/webhook/secret`);
 * - signed delivery: `POST <url>` with the JSON event and `X-Zavu-Signature: t=…,v1=…,v2=…`,
 *   retried with the same event id after a non-2xx answer, a network error or a timeout.
 *
 * Delivery is fire and forget: it starts after the API call that caused it has been handled and
 * never changes that call's answer. Every attempt is recorded in `deliveries`; `settle()`
 * resolves once nothing is pending, so tests need not sleep.
 *
 * Node built-ins only at run time (types from the SDK are erased), like the rest of
 * test/stand-in: scripts/n8n/harness.js and cli.ts compile it on its own.
 */
import { createHmac, randomBytes } from 'node:crypto';
import * as http from 'node:http';
import * as https from 'node:https';
import type { SenderWebhook, WebhookEvent } from '@zavudev/sdk/resources/senders/senders';
import { StandInError, isPlainObject, keysOf, validation } from './util';

export type { WebhookEvent };

/** Which `X-Zavu-Signature` scheme a receiver is sent (the SDK's SenderWebhook.signatureVersion). */
export type SignatureVersion = SenderWebhook['signatureVersion'];

/** Every event name the API knows (the SDK's WebhookEvent union: drift fails the typecheck). */
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = keysOf<WebhookEvent>({
	'message.queued': true,
	'message.sent': true,
	'message.delivered': true,
	'message.read': true,
	'message.status': true,
	'message.failed': true,
	'message.inbound': true,
	'message.unsupported': true,
	'broadcast.status_changed': true,
	'conversation.new': true,
	'template.status_changed': true,
	'invitation.status_changed': true,
	'call.initiated': true,
	'call.answered': true,
	'call.completed': true,
	'call.failed': true,
	'domain.verified': true,
	'domain.failed': true,
});

export const SIGNATURE_VERSIONS: readonly SignatureVersion[] = keysOf<SignatureVersion>({
	v1: true,
	'v1+v2': true,
	v2: true,
});

/** The events the project webhook accepts. */
export const PROJECT_WEBHOOK_EVENTS: readonly WebhookEvent[] = ['invitation.status_changed'];

export const SIGNATURE_HEADER = 'X-Zavu-Signature';
/** Zavu waits about 1 min, 5 min, 15 min, 1 h, 4 h; the stand-in, by default, this long (ms). */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS: readonly number[] = [200, 1000, 3000];
/** How long one attempt may take (Zavu asks receivers to answer within 5 s). */
export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
const USER_AGENT = 'Zavu-Webhooks/1.0 (stand-in)';
/** Recorded of a receiver's answer, at most. */
const MAX_RESPONSE_BODY = 64 * 1024;

/** The sender object's `webhook` field. The secret is not kept on it: see `WebhookHub`. */
export type SenderWebhookConfig = Omit<SenderWebhook, 'secret'>;

/** The project webhook as GET and PATCH answer it (POST adds `secret`). */
export interface ProjectWebhook {
	url: string;
	events: WebhookEvent[];
	active: boolean;
}

/** Where an event goes: the project webhook, or a sender's (by sender id). */
export type WebhookTarget = 'project' | (string & {});

/** The JSON body Zavu POSTs. `senderId` is null for the project webhook. */
export interface WebhookPayload {
	id: string;
	type: string;
	/** Unix milliseconds: when the event was dispatched. */
	timestamp: number;
	senderId: string | null;
	projectId: string;
	data: unknown;
}

/** One delivery attempt (recorded when it starts, completed when it ends). */
export interface WebhookDelivery {
	eventId: string;
	type: string;
	target: WebhookTarget;
	url: string;
	/** 1 for the first attempt, 2 for the first retry… (a replay counts on from the last one). */
	attempt: number;
	/** `auto`: caused by a change in the stand-in; `manual`: deliverEvent; `replay`: replayDelivery. */
	source: 'auto' | 'manual' | 'replay';
	signatureVersion: SignatureVersion;
	/** The `t` that was signed (Unix seconds). */
	t: number;
	/** The request headers sent, names as sent (`X-Zavu-Signature`, `Content-Type`…). */
	headers: Record<string, string>;
	/** The body sent, exactly. */
	rawBody: string;
	/** The body the signature covers: `rawBody`, unless the event was tampered with. */
	signedBody: string;
	tampered: boolean;
	/** Wall clock (real Date.now) when the attempt started. */
	at: number;
	/** The receiver's HTTP status, once it answered. */
	status?: number;
	/** The receiver's answer (its first 64 KiB). */
	responseBody?: string;
	/** Why the attempt failed without an answer: network error, timeout, stand-in stopped… */
	error?: string;
	/** Answered 2xx. */
	ok: boolean;
	/** The attempt has ended (answered or failed). */
	done: boolean;
	durationMs?: number;
	/** Another attempt of the same event follows. */
	willRetry: boolean;
}

/** How a hand-made event (deliverEvent) differs from what Zavu would send. */
export interface DeliverOptions {
	/** Sign with this scheme instead of the webhook's own. */
	signatureVersion?: SignatureVersion;
	/** Send a body other than the one signed: `data.tampered = true` is added after signing. */
	tamper?: boolean;
	/** Sign with this `t` (Unix seconds) on every attempt, e.g. 10 minutes ago for a stale event;
	 *  the payload's `timestamp` is then `timestampSec * 1000`. */
	timestampSec?: number;
	/** Use this event id, e.g. one already delivered, for a replay with a fresh signature. */
	eventId?: string;
}

/** What a dispatch sends; `settled` resolves (never rejects) with its attempts once done. */
export interface WebhookDispatch {
	eventId: string;
	type: string;
	target: WebhookTarget;
	url: string;
	payload: WebhookPayload;
	/** The signed body (the body sent too, unless tampered). */
	rawBody: string;
	settled: Promise<WebhookDelivery[]>;
}

/** Stand-in options about webhooks (part of StandInOptions). */
export interface WebhookOptions {
	/**
	 * Delays (ms) before each retry of an attempt that got no 2xx (non-2xx answer, network error,
	 * timeout); as many retries as entries. Default [200, 1000, 3000]. `[]`: no retries.
	 */
	webhookRetryDelaysMs?: number[];
	/** How long (ms) one attempt may take before it counts as failed. Default 5000. */
	webhookTimeoutMs?: number;
	/** The scheme the project webhook's deliveries are signed with. Default `v2`. */
	projectWebhookSignatureVersion?: SignatureVersion;
	/**
	 * Deliver to hosts other than loopback (127.0.0.0/8, localhost, ::1). Off by default, so a
	 * test's `https://example.com` never reaches the network: such an attempt is recorded with
	 * an error and not retried.
	 */
	webhookAllowRemote?: boolean;
	/**
	 * `GET /v1/invitations/webhook` with none configured: `null` answers 200 `{ webhook: null }`
	 * (Zavu's API reference: "webhook is null when none is configured"), `404` answers
	 * 404 `webhook_not_found`. Default `null`.
	 */
	projectWebhookMissing?: 'null' | '404';
}

/** A sender as the hub needs it. */
export interface WebhookSender {
	id: string;
	webhook?: SenderWebhookConfig;
}

/** What the hub needs of the stand-in. */
export interface WebhookHost {
	readonly projectId: string;
	sender(id: string): WebhookSender | undefined;
	senders(): Iterable<WebhookSender>;
	options(): WebhookOptions;
}

interface ResolvedWebhook {
	target: WebhookTarget;
	url: string;
	events: readonly string[];
	active: boolean;
	secret: string;
	signatureVersion: SignatureVersion;
}

interface Job {
	eventId: string;
	type: string;
	target: WebhookTarget;
	url: string;
	secret: string;
	signatureVersion: SignatureVersion;
	source: WebhookDelivery['source'];
	signedBody: string;
	sentBody: string;
	tampered: boolean;
	timestampSec?: number;
	/** A replay sends these headers as they were (same t, same signature). */
	fixedHeaders?: Record<string, string>;
	firstAttempt: number;
	attempts: number;
	records: WebhookDelivery[];
	generation: number;
	finished: boolean;
	resolve: (records: WebhookDelivery[]) => void;
}

interface Outcome {
	status?: number;
	responseBody?: string;
	error?: string;
	/** Not worth retrying (stand-in policy, not the receiver's answer). */
	final?: boolean;
}

interface Result {
	status: number;
	body: unknown;
}

// ---------------------------------------------------------------------------------------
// Signing and checks (exported for tests and receivers)
// ---------------------------------------------------------------------------------------

export const hmacHex = (secret: string, data: string): string =>
	createHmac('sha256', secret).update(data, 'utf8').digest('hex');

/**
 * The `X-Zavu-Signature` value: `t=<seconds>,v1=<hex>,v2=<hex>` with the parts `version` asks
 * for. v1 = HMAC-SHA256(secret, body), v2 = HMAC-SHA256(secret, `${t}.${body}`).
 */
export function signatureHeader(
	secret: string,
	body: string,
	t: number,
	version: SignatureVersion,
): string {
	const parts = [`t=${t}`];
	if (version === 'v1' || version === 'v1+v2') parts.push(`v1=${hmacHex(secret, body)}`);
	if (version === 'v2' || version === 'v1+v2') parts.push(`v2=${hmacHex(secret, `${t}.${body}`)}`);
	return parts.join(',');
}

export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('hex')}`;

/** Like Zavu's `evt_1705312200000_abc123`. */
export const newEventId = (): string => `evt_${Date.now()}_${randomBytes(6).toString('hex')}`;

export function isLoopbackHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host === '::1' ||
		/^127(\.\d{1,3}){3}$/.test(host)
	);
}

/** Zavu wants https; the stand-in also takes http on loopback (local receivers, the e2e's n8n). */
export function isAllowedWebhookUrl(raw: string): boolean {
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		return false;
	}
	if (url.protocol === 'https:') return url.hostname !== '';
	return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}

function parseUrl(value: unknown, field: string): string {
	if (typeof value !== 'string' || value.trim() === '') throw validation(`${field}: is required`);
	if (!isAllowedWebhookUrl(value)) {
		throw validation(
			`${field}: must be an HTTPS URL (the stand-in also takes http://127.0.0.1 and http://localhost)`,
		);
	}
	return value;
}

function parseEvents(
	value: unknown,
	field: string,
	allowed: readonly WebhookEvent[],
): WebhookEvent[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw validation(`${field}: must be a non-empty array of event names`);
	}
	for (const e of value) {
		if (typeof e !== 'string' || !WEBHOOK_EVENTS.includes(e as WebhookEvent)) {
			throw validation(`${field}: unknown event ${JSON.stringify(e)}`);
		}
		if (!allowed.includes(e as WebhookEvent)) {
			throw validation(`${field}: ${e} is not available here; allowed: ${allowed.join(', ')}`);
		}
	}
	return [...new Set(value as WebhookEvent[])];
}

function parseBoolean(value: unknown, field: string): boolean {
	if (typeof value !== 'boolean') throw validation(`${field}: must be a boolean`);
	return value;
}

function parseVersion(value: unknown, field: string): SignatureVersion {
	if (typeof value !== 'string' || !SIGNATURE_VERSIONS.includes(value as SignatureVersion)) {
		throw validation(`${field}: must be one of ${SIGNATURE_VERSIONS.join(', ')}`);
	}
	return value as SignatureVersion;
}

const present = (body: Record<string, unknown>, field: string): boolean =>
	body[field] !== undefined;

const webhookNotFound = (what: string): StandInError =>
	new StandInError(404, 'webhook_not_found', `No webhook configured for ${what}`);

// ---------------------------------------------------------------------------------------
// The hub
// ---------------------------------------------------------------------------------------

export class WebhookHub {
	/** Every delivery attempt, in the order they started. */
	deliveries: WebhookDelivery[] = [];

	private project: (ProjectWebhook & { secret: string }) | undefined;
	private senderSecrets = new Map<string, string>();
	private pending = 0;
	private waiters = new Set<() => void>();
	/** Retries waiting for their delay, with the job each one continues. */
	private retries = new Map<NodeJS.Timeout, Job>();
	private inFlight = new Set<http.ClientRequest>();
	/** Bumped by stop(): jobs of an earlier generation end without another attempt. */
	private generation = 0;

	constructor(private readonly host: WebhookHost) {}

	// ------------------------------------------------------------------ project webhook

	/** `POST /v1/invitations/webhook`: create or replace, and activate; the secret is kept. */
	configureProject(body: Record<string, unknown>): ProjectWebhook & { secret: string } {
		const url = parseUrl(body.url, 'url');
		const events = parseEvents(body.events, 'events', PROJECT_WEBHOOK_EVENTS);
		const secret = this.project?.secret ?? newWebhookSecret();
		this.project = { url, events, active: true, secret };
		return { url, events: [...events], secret, active: true };
	}

	/** `GET /v1/invitations/webhook`: never the secret. */
	getProject(): ProjectWebhook | null {
		if (!this.project) {
			if (this.host.options().projectWebhookMissing === '404') throw webhookNotFound('the project');
			return null;
		}
		return publicProject(this.project);
	}

	/** `PATCH /v1/invitations/webhook`: url, events, active; the webhook must exist. */
	updateProject(body: Record<string, unknown>): ProjectWebhook {
		if (!this.project) throw webhookNotFound('the project');
		const url = present(body, 'url') ? parseUrl(body.url, 'url') : undefined;
		const events = present(body, 'events')
			? parseEvents(body.events, 'events', PROJECT_WEBHOOK_EVENTS)
			: undefined;
		const active = present(body, 'active') ? parseBoolean(body.active, 'active') : undefined;
		if (url === undefined && events === undefined && active === undefined) {
			throw validation('body: give at least one of url, events, active');
		}
		this.project = {
			...this.project,
			...(url !== undefined && { url }),
			...(events !== undefined && { events }),
			...(active !== undefined && { active }),
		};
		return publicProject(this.project);
	}

	/** `DELETE /v1/invitations/webhook`: the secret goes with it. */
	deleteProject(): { deleted: true } {
		if (!this.project) throw webhookNotFound('the project');
		this.project = undefined;
		return { deleted: true };
	}

	// ------------------------------------------------------------------ sender webhooks

	/**
	 * The `webhook*` fields of `PATCH /v1/senders/{id}`, applied to `sender.webhook` (all
	 * checked before anything changes). Returns the new secret when this call created the
	 * webhook (a url where there was none), else undefined.
	 */
	updateSender(sender: WebhookSender, body: Record<string, unknown>): string | undefined {
		let url: string | null | undefined;
		if (present(body, 'webhookUrl'))
			url = body.webhookUrl === null ? null : parseUrl(body.webhookUrl, 'webhookUrl');
		const events = present(body, 'webhookEvents')
			? parseEvents(body.webhookEvents, 'webhookEvents', WEBHOOK_EVENTS)
			: undefined;
		const active = present(body, 'webhookActive')
			? parseBoolean(body.webhookActive, 'webhookActive')
			: undefined;
		const version = present(body, 'webhookSignatureVersion')
			? parseVersion(body.webhookSignatureVersion, 'webhookSignatureVersion')
			: undefined;
		const others = events !== undefined || active !== undefined || version !== undefined;
		const current = sender.webhook;

		if (url === null) {
			if (others) {
				throw validation(
					'webhookUrl: null removes the webhook; webhookEvents, webhookActive and webhookSignatureVersion cannot be set with it',
				);
			}
			delete sender.webhook;
			this.senderSecrets.delete(sender.id);
			return undefined;
		}

		if (!current) {
			if (url === undefined) {
				if (others) {
					throw validation(
						'webhookUrl: the sender has no webhook; set webhookUrl (with webhookEvents) to create one',
					);
				}
				return undefined;
			}
			if (events === undefined)
				throw validation('webhookEvents: is required when creating a webhook');
			const secret = newWebhookSecret();
			sender.webhook = {
				url,
				events,
				active: active ?? true,
				// The current scheme, and the default for new webhooks (SDK: SenderWebhook).
				signatureVersion: version ?? 'v2',
			};
			this.senderSecrets.set(sender.id, secret);
			return secret;
		}

		if (version === 'v2' && current.signatureVersion === 'v1') {
			throw validation(
				'webhookSignatureVersion: cannot move from v1 straight to v2; set v1+v2 first, then v2',
			);
		}
		sender.webhook = {
			url: url ?? current.url,
			events: events ?? [...current.events],
			active: active ?? current.active,
			signatureVersion: version ?? current.signatureVersion,
		};
		return undefined;
	}

	/** `POST /v1/senders/{id}/webhook/secret`: a new secret; the old one stops working at once. */
	rotateSenderSecret(sender: WebhookSender): { secret: string } {
		if (!sender.webhook) throw webhookNotFound(`sender ${sender.id}`);
		const secret = newWebhookSecret();
		this.senderSecrets.set(sender.id, secret);
		return { secret };
	}

	/** The current signing secret of a target's webhook (undefined when it has none). */
	secretOf(target: WebhookTarget): string | undefined {
		return this.resolve(target)?.secret;
	}

	/** The configuration of every webhook, secrets included (admin view). */
	snapshot(): {
		project: (ProjectWebhook & { secret: string; signatureVersion: SignatureVersion }) | null;
		senders: Array<SenderWebhookConfig & { senderId: string; secret: string }>;
	} {
		const project = this.project
			? { ...publicProject(this.project), secret: this.project.secret, ...this.projectVersion() }
			: null;
		const senders = [];
		for (const s of this.host.senders()) {
			const r = this.resolve(s.id);
			if (s.webhook && r) senders.push({ senderId: s.id, ...s.webhook, secret: r.secret });
		}
		return { project, senders };
	}

	// ------------------------------------------------------------------ delivery

	/**
	 * An event caused by a change in the stand-in: sent when the target's webhook exists, is
	 * active and is subscribed to `type`; otherwise nothing happens (undefined).
	 */
	emit(target: WebhookTarget, type: WebhookEvent, data: unknown): WebhookDispatch | undefined {
		const webhook = this.resolve(target);
		if (!webhook || !webhook.active || !webhook.events.includes(type)) return undefined;
		return this.dispatch(webhook, type, data, 'auto', {});
	}

	/**
	 * A hand-made event to a target's webhook, whatever its `active` and `events` (the webhook
	 * must exist: 404 otherwise), possibly signed another way, tampered with, stale or reusing
	 * an event id. Retried like any other. `type` need not be a known event name.
	 */
	deliverEvent(
		target: WebhookTarget,
		type: string,
		data: unknown = {},
		opts: DeliverOptions = {},
	): WebhookDispatch {
		if (typeof type !== 'string' || type === '') throw validation('type: is required');
		if (opts.signatureVersion !== undefined)
			parseVersion(opts.signatureVersion, 'signatureVersion');
		if (
			opts.timestampSec !== undefined &&
			(typeof opts.timestampSec !== 'number' || !Number.isInteger(opts.timestampSec))
		) {
			throw validation('timestampSec: must be an integer (Unix seconds)');
		}
		if (opts.eventId !== undefined && (typeof opts.eventId !== 'string' || opts.eventId === '')) {
			throw validation('eventId: must be a non-empty string');
		}
		if (opts.tamper !== undefined && typeof opts.tamper !== 'boolean') {
			throw validation('tamper: must be a boolean');
		}
		const webhook = this.resolve(target);
		if (!webhook) throw webhookNotFound(target === 'project' ? 'the project' : `sender ${target}`);
		return this.dispatch(webhook, type, data, 'manual', opts);
	}

	/**
	 * Sends the last attempt of an event again, byte for byte: same body, same headers (same
	 * `t`, same signature), to the same URL; once, without retries. What an attacker who
	 * captured a delivery can do.
	 */
	replayDelivery(eventId: string): WebhookDispatch {
		const last = [...this.deliveries].reverse().find((d) => d.eventId === eventId);
		if (!last) {
			throw new StandInError(404, 'delivery_not_found', `No delivery of event ${eventId} yet`);
		}
		const payload = JSON.parse(last.signedBody) as WebhookPayload;
		return this.start({
			eventId,
			type: last.type,
			target: last.target,
			url: last.url,
			secret: '',
			signatureVersion: last.signatureVersion,
			source: 'replay',
			signedBody: last.signedBody,
			sentBody: last.rawBody,
			tampered: last.tampered,
			timestampSec: last.t,
			fixedHeaders: { ...last.headers },
			firstAttempt: Math.max(...this.attemptsOf(eventId)) + 1,
			payload,
		});
	}

	/** Resolves once no delivery is pending (now, if none is); rejects after `timeoutMs`. */
	settle(timeoutMs?: number): Promise<void> {
		if (this.pending === 0) return Promise.resolve();
		return new Promise((resolve, reject) => {
			let timer: NodeJS.Timeout | undefined;
			const done = () => {
				if (timer) clearTimeout(timer);
				resolve();
			};
			this.waiters.add(done);
			if (timeoutMs !== undefined) {
				timer = setTimeout(() => {
					this.waiters.delete(done);
					reject(
						new Error(
							`settleDeliveries: ${this.pending} deliveries still pending after ${timeoutMs} ms`,
						),
					);
				}, timeoutMs);
			}
		});
	}

	/** Deliveries not yet finished (in flight, or waiting for a retry). */
	get pendingCount(): number {
		return this.pending;
	}

	clearDeliveries(): void {
		this.deliveries = [];
	}

	/** Ends every pending delivery: retries are dropped, requests in flight aborted. */
	stop(): Promise<void> {
		this.generation++;
		for (const [timer, job] of this.retries) {
			clearTimeout(timer);
			this.finish(job);
		}
		this.retries.clear();
		for (const req of this.inFlight) req.destroy(new Error('stand-in stopped'));
		return this.settle();
	}

	// ------------------------------------------------------------------ admin routes

	/** `/__admin/webhooks…` (control plane: no auth, not recorded). */
	async routeAdmin(
		method: string,
		seg: string[],
		query: URLSearchParams,
		body: unknown,
	): Promise<Result> {
		const ok = (b: unknown): Result => ({ status: 200, body: b });
		const obj = isPlainObject(body) ? body : {};
		const [, , action] = seg; // ['__admin', 'webhooks', action?]

		if (method === 'GET' && seg.length === 2) return ok(this.snapshot());
		if (method === 'GET' && action === 'deliveries' && seg.length === 3) {
			const eventId = query.get('eventId');
			const type = query.get('type');
			const target = query.get('target');
			const items = this.deliveries.filter(
				(d) =>
					(!eventId || d.eventId === eventId) &&
					(!type || d.type === type) &&
					(!target || d.target === target),
			);
			return ok({ items, pending: this.pending });
		}
		if (method === 'POST' && seg.length === 3) {
			if (action === 'deliver') {
				if (typeof obj.target !== 'string' || obj.target === '')
					throw validation('target: "project" or a sender id is required');
				const dispatch = this.deliverEvent(obj.target, obj.type as string, obj.data ?? {}, {
					signatureVersion: obj.signatureVersion as SignatureVersion | undefined,
					tamper: obj.tamper as boolean | undefined,
					timestampSec: obj.timestampSec as number | undefined,
					eventId: obj.eventId as string | undefined,
				});
				return ok(await describeDispatch(dispatch, obj.wait === true));
			}
			if (action === 'replay') {
				if (typeof obj.eventId !== 'string') throw validation('eventId: is required');
				return ok(await describeDispatch(this.replayDelivery(obj.eventId), obj.wait === true));
			}
			if (action === 'settle') {
				const timeoutMs = typeof obj.timeoutMs === 'number' ? obj.timeoutMs : 30_000;
				try {
					await this.settle(timeoutMs);
				} catch (err) {
					throw new StandInError(504, 'settle_timeout', (err as Error).message);
				}
				return ok({ pending: 0, items: this.deliveries });
			}
			if (action === 'clear') {
				this.clearDeliveries();
				return ok({ cleared: true });
			}
		}
		throw new StandInError(404, 'not_found', 'Route not found');
	}

	// ------------------------------------------------------------------ internals

	private projectVersion(): { signatureVersion: SignatureVersion } {
		return { signatureVersion: this.host.options().projectWebhookSignatureVersion ?? 'v2' };
	}

	private resolve(target: WebhookTarget): ResolvedWebhook | undefined {
		if (target === 'project') {
			if (!this.project) return undefined;
			return { target, ...this.project, ...this.projectVersion() };
		}
		const sender = this.host.sender(target);
		if (!sender?.webhook) return undefined;
		let secret = this.senderSecrets.get(sender.id);
		if (secret === undefined) {
			// A webhook put straight on a sender by a test: give it a secret on first use.
			secret = newWebhookSecret();
			this.senderSecrets.set(sender.id, secret);
		}
		return { target, ...sender.webhook, secret };
	}

	private attemptsOf(eventId: string): number[] {
		return this.deliveries.filter((d) => d.eventId === eventId).map((d) => d.attempt);
	}

	private dispatch(
		webhook: ResolvedWebhook,
		type: string,
		data: unknown,
		source: 'auto' | 'manual',
		opts: DeliverOptions,
	): WebhookDispatch {
		const eventId = opts.eventId ?? newEventId();
		const payload: WebhookPayload = {
			id: eventId,
			type,
			timestamp: opts.timestampSec !== undefined ? opts.timestampSec * 1000 : Date.now(),
			senderId: webhook.target === 'project' ? null : webhook.target,
			projectId: this.host.projectId,
			data: data === undefined ? {} : data,
		};
		// Serialized now: later changes to the entity do not reach this event.
		const signedBody = JSON.stringify(payload);
		const sentBody = opts.tamper
			? JSON.stringify({
					...payload,
					data: isPlainObject(payload.data)
						? { ...payload.data, tampered: true }
						: { value: payload.data, tampered: true },
				})
			: signedBody;
		const earlier = this.attemptsOf(eventId);
		return this.start({
			eventId,
			type,
			target: webhook.target,
			url: webhook.url,
			secret: webhook.secret,
			signatureVersion: opts.signatureVersion ?? webhook.signatureVersion,
			source,
			signedBody,
			sentBody,
			tampered: opts.tamper === true,
			timestampSec: opts.timestampSec,
			firstAttempt: earlier.length ? Math.max(...earlier) + 1 : 1,
			payload,
		});
	}

	private start(
		spec: Omit<Job, 'attempts' | 'records' | 'generation' | 'finished' | 'resolve'> & {
			payload: WebhookPayload;
		},
	): WebhookDispatch {
		const { payload, ...rest } = spec;
		let resolve!: (records: WebhookDelivery[]) => void;
		const settled = new Promise<WebhookDelivery[]>((r) => (resolve = r));
		const job: Job = {
			...rest,
			attempts: 0,
			records: [],
			generation: this.generation,
			finished: false,
			resolve,
		};
		this.pending++;
		// After the API call that caused it has been answered.
		setImmediate(() => void this.attempt(job));
		return {
			eventId: job.eventId,
			type: job.type,
			target: job.target,
			url: job.url,
			payload,
			rawBody: job.signedBody,
			settled,
		};
	}

	private async attempt(job: Job): Promise<void> {
		if (job.generation !== this.generation) {
			this.finish(job);
			return;
		}
		const t = job.timestampSec ?? Math.floor(Date.now() / 1000);
		const headers = job.fixedHeaders ?? {
			'Content-Type': 'application/json',
			'Content-Length': String(Buffer.byteLength(job.sentBody, 'utf8')),
			'User-Agent': USER_AGENT,
			[SIGNATURE_HEADER]: signatureHeader(job.secret, job.signedBody, t, job.signatureVersion),
		};
		const record: WebhookDelivery = {
			eventId: job.eventId,
			type: job.type,
			target: job.target,
			url: job.url,
			attempt: job.firstAttempt + job.attempts,
			source: job.source,
			signatureVersion: job.signatureVersion,
			t,
			headers,
			rawBody: job.sentBody,
			signedBody: job.signedBody,
			tampered: job.tampered,
			at: Date.now(),
			ok: false,
			done: false,
			willRetry: false,
		};
		job.attempts++;
		job.records.push(record);
		this.deliveries.push(record);

		let outcome: Outcome;
		try {
			outcome = await this.post(job.url, headers, job.sentBody);
		} catch (err) {
			outcome = { error: err instanceof Error ? err.message : String(err) };
		}
		record.durationMs = Date.now() - record.at;
		if (outcome.status !== undefined) record.status = outcome.status;
		if (outcome.responseBody !== undefined) record.responseBody = outcome.responseBody;
		if (outcome.error !== undefined) record.error = outcome.error;
		record.ok = outcome.error === undefined && isSuccess(outcome.status);
		record.done = true;

		const delays = this.host.options().webhookRetryDelaysMs ?? DEFAULT_WEBHOOK_RETRY_DELAYS_MS;
		const retry =
			!record.ok &&
			!outcome.final &&
			job.source !== 'replay' &&
			job.generation === this.generation &&
			job.attempts <= delays.length;
		if (!retry) {
			this.finish(job);
			return;
		}
		record.willRetry = true;
		const timer = setTimeout(
			() => {
				this.retries.delete(timer);
				void this.attempt(job);
			},
			Math.max(0, delays[job.attempts - 1]),
		);
		this.retries.set(timer, job);
	}

	private finish(job: Job): void {
		if (job.finished) return;
		job.finished = true;
		this.pending--;
		job.resolve(job.records);
		if (this.pending === 0) {
			const waiters = [...this.waiters];
			this.waiters.clear();
			for (const w of waiters) w();
		}
	}

	/** One POST; never rejects. */
	private post(rawUrl: string, headers: Record<string, string>, body: string): Promise<Outcome> {
		let url: URL;
		try {
			url = new URL(rawUrl);
		} catch {
			return Promise.resolve({ error: `invalid URL ${rawUrl}`, final: true });
		}
		if (!isLoopbackHost(url.hostname) && !this.host.options().webhookAllowRemote) {
			return Promise.resolve({
				error: `not sent: ${url.hostname} is not a loopback host (stand-in option webhookAllowRemote)`,
				final: true,
			});
		}
		const timeoutMs = this.host.options().webhookTimeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
		return new Promise<Outcome>((resolve) => {
			let done = false;
			let status: number | undefined;
			const finish = (outcome: Outcome) => {
				if (done) return;
				done = true;
				clearTimeout(timer);
				this.inFlight.delete(req);
				resolve(outcome);
			};
			const send = url.protocol === 'https:' ? https.request : http.request;
			let req: http.ClientRequest;
			try {
				// agent: false: a connection per attempt, closed after it (nothing left open).
				req = send(url, { method: 'POST', headers, agent: false }, (res) => {
					status = res.statusCode;
					const chunks: Buffer[] = [];
					let size = 0;
					res.on('data', (chunk: Buffer) => {
						if (size < MAX_RESPONSE_BODY) chunks.push(chunk);
						size += chunk.length;
					});
					res.on('end', () =>
						finish({
							status,
							responseBody: Buffer.concat(chunks).toString('utf8').slice(0, MAX_RESPONSE_BODY),
						}),
					);
					res.on('error', (err) => finish({ status, error: err.message }));
					res.on('close', () => {
						if (!res.complete) finish({ status, error: 'response aborted' });
					});
				});
			} catch (err) {
				resolve({ error: err instanceof Error ? err.message : String(err), final: true });
				return;
			}
			const timer = setTimeout(
				() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)),
				timeoutMs,
			);
			this.inFlight.add(req);
			req.on('error', (err) => finish({ status, error: err.message }));
			req.end(body, 'utf8');
		});
	}
}

const isSuccess = (status: number | undefined): boolean =>
	status !== undefined && status >= 200 && status < 300;

const publicProject = (p: ProjectWebhook): ProjectWebhook => ({
	url: p.url,
	events: [...p.events],
	active: p.active,
});

async function describeDispatch(dispatch: WebhookDispatch, wait: boolean) {
	const { settled, ...rest } = dispatch;
	return wait ? { ...rest, deliveries: await settled } : rest;
}
