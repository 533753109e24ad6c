/**
 * A local stand-in of the Zavu API (https://api.zavu.dev), built on plain `node:http`.
 *
 * Why: the node and trigger must be exercised against real HTTP (status codes, headers,
 * sockets that reset, slow answers, pagination that races with writes) without touching
 * Zavu itself. The stand-in mimics the documented wire format (see shared/zavu-api.md) and
 * adds knobs to inject failures and to move invitations through their lifecycle.
 *
 * No run-time dependencies beyond Node built-ins, so the CLI (./cli.ts) can run it anywhere.
 */
import { randomBytes, randomInt } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
// Types only (erased at run time): Zavu's SDK is the reference for every entity and enum.
import type { Invitation as SdkInvitation } from '@zavudev/sdk/resources/invitations';
import type {
	Channel,
	Message as SdkMessage,
	MessageContent,
	MessageStatus,
	MessageType,
} from '@zavudev/sdk/resources/messages';
import { StandInError, isPlainObject, keysOf, validation } from './util';
import { RESOURCE_MODULES } from './resources';
import type { ResourceModules } from './resources';
import type {
	ApiResult,
	FileResult,
	ResourceModule,
	RouteContext,
	StandInHost,
} from './resources/types';
import {
	WebhookHub,
	type DeliverOptions,
	type SenderWebhookConfig,
	type WebhookDelivery,
	type WebhookDispatch,
	type WebhookEvent,
	type WebhookOptions,
	type WebhookTarget,
} from './webhooks';

// ---------------------------------------------------------------------------------------
// Entity types (field names as on the wire: camelCase, ISO 8601 strings)
//
// Zavu's own TypeScript SDK (@zavudev/sdk, a dev dependency) is the reference for every field
// and enum: the entities below are its types, so a field or value the API adds, renames or drops
// fails the typecheck here instead of drifting silently. `import type` only: nothing of the SDK
// is loaded at run time, and nothing outside test/stand-in is imported, so the stand-in still
// compiles on its own (cli.ts, scripts/n8n/harness.js compile it with --rootDir test/stand-in).
// Webhooks (the project's and the senders', signed delivery) are in ./webhooks.ts.
// ---------------------------------------------------------------------------------------

export { StandInError };
export * from './webhooks';

export type { Channel, MessageContent, MessageStatus, MessageType };
export type InvitationStatus = SdkInvitation['status'];
export type ConnectionType = NonNullable<SdkInvitation['connectionType']>;
export type ConnectedAccount = SdkInvitation.ConnectedAccount;

export const INVITATION_STATUSES: readonly InvitationStatus[] = keysOf<InvitationStatus>({
	pending: true,
	in_progress: true,
	failed: true,
	completed: true,
	expired: true,
	cancelled: true,
});

/** Statuses an invitation can still leave (failed is not final: the client can retry). */
export const ACTIVE_INVITATION_STATUSES: readonly InvitationStatus[] = [
	'pending',
	'in_progress',
	'failed',
];

export const CONNECTION_TYPES: readonly ConnectionType[] = keysOf<ConnectionType>({
	whatsapp_waba: true,
	messenger: true,
});

/** Create fields that only apply to `whatsapp_waba` (Zavu answers 400 with `messenger`). */
export const WHATSAPP_WABA_ONLY_FIELDS = [
	'phoneNumberId',
	'allowedPhoneCountries',
	'clientPhone',
] as const;

/**
 * The SDK's Invitation with every field present (null where the SDK allows it), plus the
 * create-time `allowedPhoneCountries`, echoed back only when it was given.
 */
export interface Invitation extends Required<SdkInvitation> {
	allowedPhoneCountries?: string[];
}

export const MESSAGE_STATUSES: readonly MessageStatus[] = keysOf<MessageStatus>({
	queued: true,
	sending: true,
	sent: true,
	delivered: true,
	read: true,
	failed: true,
	received: true,
	pending_url_verification: true,
});

/**
 * The webhook event a message status sends (`message.<status>`), null for statuses without one.
 * A Record over the SDK's MessageStatus, so a new status fails the typecheck until it is mapped.
 */
export const MESSAGE_STATUS_EVENTS: Readonly<Record<MessageStatus, WebhookEvent | null>> = {
	queued: 'message.queued',
	sending: null,
	sent: 'message.sent',
	delivered: 'message.delivered',
	read: 'message.read',
	failed: 'message.failed',
	received: null,
	pending_url_verification: null,
};

export const CHANNELS: readonly Channel[] = keysOf<Channel>({
	auto: true,
	sms: true,
	sms_oneway: true,
	whatsapp: true,
	telegram: true,
	email: true,
	instagram: true,
	messenger: true,
	voice: true,
});

export const MESSAGE_TYPES: readonly MessageType[] = keysOf<MessageType>({
	text: true,
	image: true,
	video: true,
	audio: true,
	document: true,
	sticker: true,
	location: true,
	contact: true,
	buttons: true,
	list: true,
	cta_url: true,
	request_contact_info: true,
	location_request: true,
	reaction: true,
	template: true,
});

/** WhatsApp-only prompts: no `content`, the prompt in `text` (at most this many characters). */
export const PROMPT_MESSAGE_TYPES: readonly MessageType[] = [
	'location_request',
	'request_contact_info',
];
export const PROMPT_TEXT_MAX = 1024;

/** Template button variables are keyed by the button's index in the template, from 0 (at most 3 buttons). */
export const TEMPLATE_BUTTON_INDEXES: readonly string[] = ['0', '1', '2'];

/**
 * The SDK's Message as the stand-in stores and answers it. Fields the SDK types without null
 * (`from`, `text`, `content`, `senderId`, `metadata`, `providerMessageId`) are left out when
 * unknown instead of being null; the nullable ones are always present.
 */
export interface Message extends SdkMessage {
	/** Always a concrete channel: `auto` is resolved at send time. */
	channel: Exclude<Channel, 'auto'>;
	conversationId: string;
	updatedAt: string;
	errorCode: string | null;
	errorMessage: string | null;
	cost: number | null;
	costProvider: number | null;
	costTotal: number | null;
}

export interface Sender {
	id: string;
	name: string;
	phoneNumber: string | null;
	emailAddress: string | null;
	channels: string[];
	isDefault: boolean;
	createdAt: string;
	updatedAt: string;
	/** Present once a webhook is set (PATCH webhookUrl); its secret is never kept here. */
	webhook?: SenderWebhookConfig;
}

export interface Template {
	id: string;
	name: string;
	language: string;
	status: 'approved' | 'pending' | 'rejected';
	category: string;
	body: string;
	/** Variable keys used by `body`: positional ("1") or named ("name"), never mixed. */
	variables: string[];
	createdAt: string;
	updatedAt: string;
}

export interface PhoneNumber {
	id: string;
	phoneNumber: string;
	name: string;
	countryCode: string;
	capabilities: string[];
	createdAt: string;
}

// ---------------------------------------------------------------------------------------
// Public harness types
// ---------------------------------------------------------------------------------------

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: Record<string, string | string[] | undefined>;
	rawBody: string;
	/** Parsed JSON, or undefined when the body is empty or not JSON. */
	body: any;
	/** Wall-clock arrival (real Date.now, not the overridable `now`, so retry gaps can be measured). */
	at: number;
	/** The status answered with, once answered (unset for a reset connection). */
	status?: number;
	/** The headers answered with (names in lower case), once answered. */
	responseHeaders?: Record<string, string>;
}

export interface Fault {
	/** Omitted = any request. `path` is matched against the pathname only: a string matches
	 *  exactly, or as a prefix when it ends with `*`; a RegExp is tested. */
	match?: { method?: string; path?: string | RegExp };
	/** Respond with this status and a `{code,message}` body. */
	status?: number;
	code?: string;
	message?: string;
	/** Seconds, sent as Retry-After. Without status/reset/malformed it implies status 429. */
	retryAfter?: number;
	/** Destroy the socket without responding. */
	reset?: boolean;
	/** 200 with body `not json{` and content-type application/json. */
	malformed?: boolean;
	/** Wait this long before responding, on top of latency. Alone (no status/reset/malformed)
	 *  the request is handled normally and only the answer is late. */
	delayMs?: number;
	/** How many matching requests it applies to (default 1). */
	times?: number;
	/** Perform the real operation, then answer with the fault ("acted, response lost"). */
	actFirst?: boolean;
}

/** Webhook options (retry delays, timeouts, signature scheme…): see WebhookOptions in ./webhooks. */
export interface StandInOptions extends WebhookOptions {
	apiKey?: string;
	latencyMs?: number;
	listOrder?: 'newest' | 'oldest' | 'random';
	/**
	 * Fixed window, enforced with 429 when given. Headers are sent on every answer (1,000,000
	 * per 60 s when not given), or with `headers: 'on429'` only on the 429s, as a gateway in
	 * front of an API, a per-endpoint limit or a shared quota would. `sliding`: at most `limit`
	 * accepted requests in any `windowMs` (a sliding log, as many gateways count) instead of
	 * fixed windows; rejected requests do not count.
	 */
	rateLimit?: { limit: number; windowMs: number; headers?: 'always' | 'on429'; sliding?: boolean };
	port?: number;
	host?: string;
	invitationTtlDays?: number;
}

/** A simulated inbound message (receiveMessage, POST /__admin/messages/inbound). */
export interface InboundMessageInput {
	/** The sender (business profile) receiving it; the default sender when omitted. */
	senderId?: string;
	/** The contact: E.164 phone, email address, chat id… */
	from: string;
	text?: string;
	/** Default: email when `from` is an address, else the sender's first channel (sms if none). */
	channel?: Exclude<Channel, 'auto'>;
	messageType?: MessageType;
	/** The contact's profile name, carried by `conversation.new`. */
	profileName?: string;
}

// ---------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------

const DEFAULT_API_KEY = 'zv_test_standin_key';
/** Headers when no limit is enforced: a budget no test reaches, so clients that pace
 *  themselves by X-RateLimit-Remaining are not slowed by a limit that does not exist. */
const UNENFORCED_RATE_LIMIT = { limit: 1_000_000, windowMs: 60_000 };
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 100;
const MAX_EXPIRES_IN_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Old snapshots are dropped beyond this; their cursors then answer invalid_cursor. */
const MAX_SNAPSHOTS = 2000;
const MAX_BODY_BYTES = 50 * 1024 * 1024;
const SEED_TIME = '2025-01-01T00:00:00.000Z';
const PROJECT_ID = 'prj_standin0001';

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const COUNTRY = /^[A-Z]{2}$/;

const ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomId(length: number): string {
	const bytes = randomBytes(length);
	let out = '';
	// 256 % 36 bias is irrelevant for test ids.
	for (let i = 0; i < length; i++) out += ALNUM[bytes[i] % ALNUM.length];
	return out;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** A provider-side numeric id (WhatsApp phone number id, Facebook Page id), as a string. */
function numericId(length: number): string {
	let out = String(randomInt(1, 10));
	for (let i = 1; i < length; i++) out += String(randomInt(0, 10));
	return out;
}

const DEFAULT_ERROR_CODES: Record<number, string> = {
	400: 'bad_request',
	401: 'unauthorized',
	403: 'forbidden',
	404: 'not_found',
	408: 'request_timeout',
	409: 'conflict',
	422: 'validation_error',
	429: 'rate_limit_exceeded',
	500: 'internal_error',
	502: 'bad_gateway',
	503: 'service_unavailable',
	504: 'gateway_timeout',
};

type Kind = 'invitations' | 'messages' | 'senders' | 'templates' | 'phone-numbers';

interface Snapshot {
	/** A Kind, or a resource module's list name. */
	kind: string;
	ids: string[];
}

/** Creation order and a random rank fixed at creation ('random' list order). */
interface EntityMeta {
	seq: number;
	rank: number;
}

interface ActiveFault {
	fault: Fault;
	remaining: number;
}

interface RateState {
	limit: number;
	remaining: number;
	resetAt: number;
}

// ---------------------------------------------------------------------------------------
// The stand-in
// ---------------------------------------------------------------------------------------

/** Wall-clock milliseconds with sub-millisecond precision (comparable with n8n's run data times). */
const epochMs = () => performance.timeOrigin + performance.now();

export class ZavuStandIn {
	apiKey: string;
	requests: RecordedRequest[] = [];

	/** Which recorded request a response answers, so its status and headers can be noted. */
	private readonly recordOf = new WeakMap<http.ServerResponse, RecordedRequest>();

	invitations = new Map<string, Invitation>();
	messages = new Map<string, Message>();
	senders = new Map<string, Sender>();
	templates = new Map<string, Template>();
	phoneNumbers = new Map<string, PhoneNumber>();

	/** Raw POST /v1/messages bodies by message id (kept out of the API output). */
	sentBodies = new Map<string, any>();
	/** The `Zavu-Sender` header each message was sent with (null when absent). */
	sentHeaders = new Map<string, string | null>();

	now: () => number = () => Date.now();

	/** API requests being handled right now, and the most seen at once (since clearRequests). */
	inFlight = 0;
	maxInFlight = 0;
	/**
	 * Every change of `inFlight` since clearRequests, as [epoch ms, requests open after it]: the
	 * time-averaged number of requests out, over any window (`meanInFlight`).
	 */
	private inFlightLog: Array<[number, number]> = [];
	/** Responses written, by HTTP status (for benchmarks: how many 429s were seen). */
	statusCounts = new Map<number, number>();

	private opts: StandInOptions;
	private server: http.Server | undefined;
	private sockets = new Set<Socket>();
	private timers = new Set<NodeJS.Timeout>();
	private url = '';

	private faults: ActiveFault[] = [];
	private snapshots = new Map<string, Snapshot>();
	private idempotency = new Map<string, string>();
	private conversations = new Map<string, string>();
	private meta = new Map<string, EntityMeta>();
	private seq = 0;
	private lastCreatedMs = 0;
	private rateWindow: { start: number; count: number } | undefined;

	/** Accepted requests' times, for a sliding-log limit. */
	private rateLog: number[] = [];

	/** Contacts that have written in (sender|channel|from), for `conversation.new`. */
	private inboundContacts = new Set<string>();

	/**
	 * Zavu's side of webhooks: the project webhook, the senders' secrets, and every delivery.
	 * The methods below (deliveries, deliverEvent, settleDeliveries…) are shortcuts to it.
	 */
	readonly webhooks: WebhookHub;

	/** The resource modules (./resources): contacts, conversations, lookups… */
	readonly modules: ResourceModules;

	constructor(opts: StandInOptions = {}) {
		this.opts = { ...opts };
		this.apiKey = opts.apiKey ?? DEFAULT_API_KEY;
		this.webhooks = new WebhookHub({
			projectId: PROJECT_ID,
			sender: (id) => this.senders.get(id),
			senders: () => this.senders.values(),
			options: () => this.opts,
		});
		this.seed();
		const host: StandInHost = {
			now: () => this.now(),
			page: <T>(
				kind: string,
				map: Map<string, T>,
				ids: string[] | (() => string[]),
				query: URLSearchParams,
			) => this.page(kind, ids, query, map) as { items: T[]; nextCursor: string | null },
			ordered: (items) => this.ordered(items),
			senders: this.senders,
			messages: this.messages,
			phoneNumbers: this.phoneNumbers,
			webhooks: this.webhooks,
			templates: this.templates,
		};
		this.modules = Object.fromEntries(
			Object.entries(RESOURCE_MODULES as Record<string, (host: StandInHost) => ResourceModule>).map(
				([name, create]) => [name, create(host)],
			),
		) as ResourceModules;
	}

	get baseUrl(): string {
		return this.url;
	}

	// ------------------------------------------------------------------ lifecycle

	start(): Promise<string> {
		if (this.server) return Promise.resolve(this.url);
		const server = http.createServer((req, res) => {
			if (!req.url?.startsWith('/__admin')) {
				this.inFlight++;
				this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
				this.inFlightLog.push([epochMs(), this.inFlight]);
				let done = false;
				const finish = () => {
					if (!done) {
						this.inFlight--;
						this.inFlightLog.push([epochMs(), this.inFlight]);
					}
					done = true;
				};
				res.on('close', finish);
			}
			this.onRequest(req, res).catch((err: unknown) => {
				// Last resort: never leave a request hanging because of a stand-in bug.
				if (!res.headersSent && !res.destroyed) {
					this.writeJson(res, 500, { code: 'internal_error', message: String(err) }, {});
				}
			});
		});
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		this.server = server;
		return new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(this.opts.port ?? 0, this.opts.host ?? '127.0.0.1', () => {
				server.off('error', reject);
				const addr = server.address() as AddressInfo;
				const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
				this.url = `http://${host}:${addr.port}`;
				resolve(this.url);
			});
		});
	}

	/** Also ends pending webhook deliveries (retries dropped, requests in flight aborted). */
	stop(): Promise<void> {
		const deliveries = this.webhooks.stop();
		const server = this.server;
		if (!server) return deliveries;
		this.server = undefined;
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
		// Keep-alive sockets would otherwise hold close() open (and jest with it).
		for (const s of this.sockets) s.destroy();
		this.sockets.clear();
		return Promise.all([
			deliveries,
			new Promise<void>((resolve) => server.close(() => resolve())),
		]).then(() => undefined);
	}

	// ------------------------------------------------------------------ webhooks

	/** Every webhook delivery attempt so far, in the order they started (see WebhookDelivery). */
	get deliveries(): WebhookDelivery[] {
		return this.webhooks.deliveries;
	}

	/**
	 * Sends a hand-made event to the project webhook (`'project'`) or a sender's (its id), signed
	 * with its secret, whatever its `active` and `events`; 404 (StandInError) when it has none.
	 * `opts` can sign it another way, tamper with it, date it (stale) or reuse an event id
	 * (replay). Fire and forget: await `settleDeliveries()` or the returned `settled`.
	 */
	deliverEvent(
		target: WebhookTarget,
		type: WebhookEvent | (string & {}),
		data: unknown = {},
		opts: DeliverOptions = {},
	): WebhookDispatch {
		return this.webhooks.deliverEvent(target, type, data, opts);
	}

	/** Sends the last attempt of an event again, byte for byte (same `t` and signature), once. */
	replayDelivery(eventId: string): WebhookDispatch {
		return this.webhooks.replayDelivery(eventId);
	}

	/** Resolves when no delivery is pending (retries included); rejects after `timeoutMs` if given. */
	settleDeliveries(timeoutMs?: number): Promise<void> {
		return this.webhooks.settle(timeoutMs);
	}

	clearDeliveries(): void {
		this.webhooks.clearDeliveries();
	}

	/** The current signing secret of the project webhook (`'project'`) or a sender's. */
	webhookSecret(target: WebhookTarget): string | undefined {
		return this.webhooks.secretOf(target);
	}

	// ------------------------------------------------------------------ harness controls

	requestsTo(method: string, pathPrefix: string): RecordedRequest[] {
		const m = method.toUpperCase();
		return this.requests.filter((r) => r.method === m && r.path.startsWith(pathPrefix));
	}

	clearRequests(): void {
		this.requests = [];
		this.maxInFlight = this.inFlight;
		this.inFlightLog = [[epochMs(), this.inFlight]];
	}

	/**
	 * Requests open at the stand-in (from their arrival to the end of their answer), averaged over
	 * the window [fromMs, toMs) in epoch milliseconds: how many requests a client really kept out.
	 */
	meanInFlight(fromMs: number, toMs: number): number {
		if (!(toMs > fromMs)) return 0;
		let area = 0;
		let open = 0;
		let at = fromMs;
		for (const [t, count] of this.inFlightLog) {
			if (t <= fromMs) {
				open = count;
				continue;
			}
			if (t >= toMs) break;
			area += open * (t - at);
			at = t;
			open = count;
		}
		area += open * (toMs - at);
		return area / (toMs - fromMs);
	}

	/** When the first request since clearRequests arrived and the last answer ended (epoch ms). */
	requestSpan(): { firstMs: number; lastMs: number } | undefined {
		const log = this.inFlightLog;
		const first = log.findIndex(([, count], k) => k > 0 && count > log[k - 1][1]);
		if (first < 0) return undefined;
		return { firstMs: log[first][0], lastMs: log[log.length - 1][0] };
	}

	inject(...faults: Fault[]): void {
		for (const fault of faults) this.faults.push({ fault, remaining: fault.times ?? 1 });
	}

	clearFaults(): void {
		this.faults = [];
	}

	setOptions(partial: Partial<StandInOptions>): void {
		this.opts = { ...this.opts, ...partial };
		if (partial.apiKey !== undefined) this.apiKey = partial.apiKey;
		// A new limit starts a fresh window so tests get predictable counts.
		if ('rateLimit' in partial) {
			this.rateWindow = undefined;
			this.rateLog = [];
		}
	}

	// ------------------------------------------------------------------ state helpers

	seedInvitations(n: number, overrides: Partial<Invitation> = {}): Invitation[] {
		const base = overrides.createdAt !== undefined ? Date.parse(overrides.createdAt) : undefined;
		const out: Invitation[] = [];
		// Distinct, increasing createdAt so list order is unambiguous. A batch is placed just
		// before "now" (never in the future, where it would sort after entities created later),
		// unless earlier entities already took those milliseconds.
		const start = base ?? Math.max(this.lastCreatedMs + 1, this.now() - n);
		if (base === undefined) this.lastCreatedMs = Math.max(this.lastCreatedMs, start + n - 1);
		for (let i = 0; i < n; i++) {
			const createdMs = start + i;
			const inv = this.buildInvitation(createdMs, {});
			const rest: Partial<Invitation> = { ...overrides };
			delete rest.createdAt; // handled above, per item
			Object.assign(inv, rest);
			if (overrides.updatedAt === undefined) inv.updatedAt = inv.createdAt;
			this.invitations.set(inv.id, inv);
			out.push(inv);
		}
		return out;
	}

	/**
	 * The client opens the link: pending → in_progress, or failed → in_progress (a retry of the
	 * same link: failureReason is cleared, failedAt keeps the time of the last failure).
	 */
	openInvitation(id: string): Invitation {
		const inv = this.mustInvitation(id);
		if (inv.status !== 'pending' && inv.status !== 'failed') {
			throw new StandInError(
				409,
				'invalid_transition',
				`Cannot open an invitation that is ${inv.status}`,
			);
		}
		const previous = inv.status;
		const ts = this.touch(inv.updatedAt);
		inv.status = 'in_progress';
		inv.viewedAt = inv.viewedAt ?? ts;
		inv.startedAt = inv.startedAt ?? ts;
		inv.failureReason = null;
		inv.updatedAt = ts;
		this.invitationChanged(inv, previous);
		return inv;
	}

	/**
	 * The client's attempt did not finish (closed Meta's dialog, denied a permission, left):
	 * in_progress → failed. Not final: openInvitation retries it. `reason` is Zavu's stable
	 * code, e.g. fb_cancelled, fb_not_authorized, signup_abandoned, meta_no_pages, internal_error.
	 */
	failInvitation(id: string, reason = 'fb_cancelled'): Invitation {
		const inv = this.mustInvitation(id);
		if (inv.status !== 'in_progress') {
			throw new StandInError(
				409,
				'invalid_transition',
				`Cannot fail an invitation that is ${inv.status}`,
			);
		}
		const ts = this.touch(inv.updatedAt);
		inv.status = 'failed';
		inv.failedAt = ts;
		inv.failureReason = reason;
		inv.updatedAt = ts;
		this.invitationChanged(inv, 'in_progress');
		return inv;
	}

	/**
	 * The client finishes: pending or in_progress → completed (a failed one must be opened
	 * again first). Creates the sender the connection brings into the project: a WhatsApp
	 * number for whatsapp_waba, a Facebook Page's Messenger inbox for messenger.
	 */
	completeInvitation(id: string): Invitation {
		const inv = this.mustInvitation(id);
		if (inv.status !== 'pending' && inv.status !== 'in_progress') {
			throw new StandInError(
				409,
				'invalid_transition',
				`Cannot complete an invitation that is ${inv.status}`,
			);
		}
		const ts = this.touch(inv.updatedAt);
		let sender: Sender;
		let account: ConnectedAccount;
		if (inv.connectionType === 'messenger') {
			account = {
				id: numericId(15),
				channel: 'messenger',
				name: `${inv.clientName ?? 'Client'} Page`,
			};
			sender = {
				id: `snd_${randomId(20)}`,
				name: account.name ?? 'Messenger sender',
				phoneNumber: null,
				emailAddress: null,
				channels: ['messenger'],
				isDefault: false,
				createdAt: ts,
				updatedAt: ts,
			};
		} else {
			const phone =
				inv.clientPhone ??
				(inv.phoneNumberId ? this.phoneNumbers.get(inv.phoneNumberId)?.phoneNumber : undefined);
			account = {
				id: numericId(15),
				channel: 'whatsapp',
				name: inv.clientName ?? 'WhatsApp Business',
			};
			sender = {
				id: `snd_${randomId(20)}`,
				name: inv.clientName ?? 'WhatsApp sender',
				phoneNumber: phone ?? `+1555${randomInt(1_000_000, 9_999_999)}`,
				emailAddress: null,
				channels: ['whatsapp'],
				isDefault: false,
				createdAt: ts,
				updatedAt: ts,
			};
		}
		this.senders.set(sender.id, sender);
		const previous = inv.status;
		inv.status = 'completed';
		inv.viewedAt = inv.viewedAt ?? ts;
		inv.startedAt = inv.startedAt ?? ts;
		inv.completedAt = ts;
		inv.senderId = sender.id;
		inv.connectedAccount = account;
		inv.updatedAt = ts;
		this.invitationChanged(inv, previous);
		return inv;
	}

	expireInvitation(id: string): Invitation {
		const inv = this.mustInvitation(id);
		if (!ACTIVE_INVITATION_STATUSES.includes(inv.status)) {
			throw new StandInError(
				409,
				'invalid_transition',
				`Cannot expire an invitation that is ${inv.status}`,
			);
		}
		const previous = inv.status;
		const ts = this.touch(inv.updatedAt);
		inv.status = 'expired';
		// Keep the object coherent: an expired invitation's expiresAt is not in the future.
		if (Date.parse(inv.expiresAt) > Date.parse(ts)) inv.expiresAt = ts;
		inv.updatedAt = ts;
		this.invitationChanged(inv, previous);
		return inv;
	}

	setMessageStatus(id: string, status: MessageStatus): Message {
		const msg = this.messages.get(id);
		if (!msg) throw new StandInError(404, 'message_not_found', `Message ${id} not found`);
		if (!MESSAGE_STATUSES.includes(status)) {
			throw validation(`status: must be one of ${MESSAGE_STATUSES.join(', ')}`);
		}
		const changed = msg.status !== status;
		msg.status = status;
		msg.updatedAt = this.touch(msg.updatedAt);
		if (['sent', 'delivered', 'read'].includes(status) && msg.providerMessageId === undefined) {
			msg.providerMessageId = `prov_${randomId(16)}`;
		}
		if (status === 'failed' && msg.errorCode === null) {
			msg.errorCode = 'delivery_failed';
			msg.errorMessage = 'Simulated delivery failure';
		}
		if (changed) this.messageChanged(msg);
		return msg;
	}

	/**
	 * A contact writes in: creates an inbound message (status `received`) on the sender (the
	 * default sender when `senderId` is omitted) and delivers `message.inbound` to the sender's
	 * webhook, plus `conversation.new` for the contact's first message to that sender on that
	 * channel. As Zavu documents, `message.inbound`'s `data.conversationId` is null when the
	 * message opened a brand-new thread (`conversation.new` carries the id; GET has it).
	 */
	receiveMessage(input: InboundMessageInput): Message {
		if (!isPlainObject(input)) throw validation('body: must be a JSON object');
		const from = input.from;
		if (typeof from !== 'string' || from.trim() === '') throw validation('from: is required');
		let sender: Sender | undefined;
		if (input.senderId !== undefined && input.senderId !== null) {
			sender = this.senders.get(input.senderId);
			if (!sender)
				throw new StandInError(404, 'sender_not_found', `Sender ${input.senderId} not found`);
		} else {
			sender = [...this.senders.values()].find((s) => s.isDefault);
			if (!sender) throw new StandInError(404, 'sender_not_found', 'No default sender');
		}
		const channel =
			input.channel ??
			(from.includes('@')
				? 'email'
				: ((sender.channels.find((c) => c !== 'email') as Exclude<Channel, 'auto'>) ?? 'sms'));
		if (!CHANNELS.includes(channel) || (channel as Channel) === 'auto') {
			throw validation(
				`channel: must be one of ${CHANNELS.filter((c) => c !== 'auto').join(', ')}`,
			);
		}
		const messageType = input.messageType ?? 'text';
		if (!MESSAGE_TYPES.includes(messageType))
			throw validation(`messageType: must be one of ${MESSAGE_TYPES.join(', ')}`);
		if (input.text !== undefined && input.text !== null && typeof input.text !== 'string')
			throw validation('text: must be a string');
		if (
			input.profileName !== undefined &&
			input.profileName !== null &&
			typeof input.profileName !== 'string'
		)
			throw validation('profileName: must be a string');

		const threadKey = `${sender.id}|${channel}|${from}`;
		const newThread = !this.conversations.has(threadKey);
		const firstFromContact = !this.inboundContacts.has(threadKey);
		this.inboundContacts.add(threadKey);

		const ts = iso(this.now());
		const to = (channel === 'email' ? sender.emailAddress : sender.phoneNumber) ?? sender.id;
		const msg: Message = {
			id: `msg_${randomId(20)}`,
			to,
			from,
			channel,
			direction: 'inbound',
			messageType,
			status: 'received',
			senderId: sender.id,
			conversationId: this.conversationFor(sender.id, channel, from),
			errorCode: null,
			errorMessage: null,
			cost: null,
			costProvider: null,
			costTotal: null,
			createdAt: ts,
			updatedAt: ts,
		};
		if (typeof input.text === 'string') msg.text = input.text;
		this.metaFor(msg.id);
		this.messages.set(msg.id, msg);

		const received = Date.parse(ts);
		this.webhooks.emit(sender.id, 'message.inbound', {
			...msg,
			conversationId: newThread ? null : msg.conversationId,
			// The channel's own receive time; null for SMS and email (SDK: WebhookEvent).
			providerTimestamp: channel === 'sms' || channel === 'email' ? null : received,
		});
		if (firstFromContact) {
			this.webhooks.emit(sender.id, 'conversation.new', {
				conversationId: msg.conversationId,
				...(channel === 'email' ? { email: from } : { phoneNumber: from }),
				channel,
				firstMessageId: msg.id,
				firstMessageText: msg.text ?? null,
				profileName: input.profileName ?? null,
			});
		}
		return msg;
	}

	/**
	 * `message.<status>` to the webhook of the message's sender (the default sender for a message
	 * without one), for the statuses that have an event.
	 */
	private messageChanged(msg: Message): void {
		const type = MESSAGE_STATUS_EVENTS[msg.status];
		const senderId = msg.senderId ?? [...this.senders.values()].find((s) => s.isDefault)?.id;
		if (type && senderId !== undefined) this.webhooks.emit(senderId, type, msg);
	}

	/** `invitation.status_changed` to the project webhook (SDK: WebhookEvent's doc comment). */
	private invitationChanged(inv: Invitation, previousStatus: InvitationStatus): void {
		if (inv.status === previousStatus) return;
		this.webhooks.emit('project', 'invitation.status_changed', {
			invitationId: inv.id,
			clientName: inv.clientName,
			clientEmail: inv.clientEmail,
			connectionType: inv.connectionType,
			previousStatus,
			currentStatus: inv.status,
			...(inv.status === 'completed' && {
				senderId: inv.senderId,
				connectedAccount: inv.connectedAccount,
			}),
			...(inv.status === 'failed' && { failureReason: inv.failureReason }),
		});
	}

	/** Lazy expiry, applied before every API request; call it to see expiry in the maps. */
	expireDue(): void {
		const now = this.now();
		for (const inv of this.invitations.values()) {
			if (ACTIVE_INVITATION_STATUSES.includes(inv.status) && Date.parse(inv.expiresAt) <= now) {
				const previous = inv.status;
				inv.status = 'expired';
				inv.updatedAt = this.touch(inv.updatedAt);
				this.invitationChanged(inv, previous);
			}
		}
	}

	// ------------------------------------------------------------------ HTTP plumbing

	private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://stand-in');
		const method = (req.method ?? 'GET').toUpperCase();
		const rawBody = await readBody(req);
		if (rawBody === null) {
			this.writeJson(res, 413, { code: 'payload_too_large', message: 'Body too large' }, {});
			return;
		}
		let body: any;
		let bodyIsJson = true;
		if (rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody);
			} catch {
				bodyIsJson = false;
			}
		}

		if (url.pathname.startsWith('/__files/')) {
			// Signed download URLs (a module's `file`): no API key, as a real signed URL needs none.
			this.writeFile(res, url.pathname.slice('/__files/'.length), req);
			return;
		}
		if (url.pathname === '/__admin/webhooks' || url.pathname.startsWith('/__admin/webhooks/')) {
			// Control plane for webhooks (./webhooks.ts); asynchronous: `wait`, settle.
			let result: ApiResult;
			if (!bodyIsJson) {
				result = this.run(() => {
					throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
				});
			} else {
				const seg = url.pathname.split('/').filter(Boolean);
				result = await this.webhooks
					.routeAdmin(method, seg, url.searchParams, body)
					.catch((err: unknown) =>
						this.run(() => {
							throw err;
						}),
					);
			}
			this.writeJson(res, result.status, result.body, {});
			return;
		}
		if (url.pathname === '/__admin' || url.pathname.startsWith('/__admin/')) {
			// Control plane: no auth, latency, faults or recording.
			const result = this.run(() => this.routeAdmin(method, url.pathname, body, bodyIsJson));
			this.writeJson(res, result.status, result.body, {});
			return;
		}

		const record: RecordedRequest = {
			method,
			path: url.pathname,
			query: Object.fromEntries(url.searchParams),
			headers: { ...req.headers },
			rawBody,
			body,
			at: Date.now(),
		};
		this.requests.push(record);
		this.recordOf.set(res, record);

		this.expireDue();
		const latency = this.opts.latencyMs ?? 0;

		// Auth comes first: limits and faults are per project, and only a valid key names one.
		if (req.headers.authorization !== `Bearer ${this.apiKey}`) {
			const rate = this.rateState(false);
			await this.sleep(latency);
			this.writeJson(
				res,
				401,
				{ code: 'unauthorized', message: 'Invalid API key' },
				rateHeaders(rate),
			);
			return;
		}

		const rate = this.rateState(true);
		const headers = this.opts.rateLimit?.headers === 'on429' ? {} : rateHeaders(rate);
		if (this.opts.rateLimit && rate.remaining < 0) {
			const wait = Math.max(1, Math.ceil((rate.resetAt - this.now()) / 1000));
			await this.sleep(latency);
			this.writeJson(
				res,
				429,
				{ code: 'rate_limit_exceeded', message: `Rate limit exceeded, retry in ${wait} s` },
				{ ...rateHeaders(rate), 'Retry-After': String(wait) },
			);
			return;
		}

		const ctx: RouteContext = {
			method,
			path: url.pathname,
			query: url.searchParams,
			body,
			bodyIsJson,
			req,
		};
		const fault = this.takeFault(method, url.pathname);
		const terminal =
			fault &&
			(fault.status !== undefined ||
				fault.reset ||
				fault.malformed ||
				fault.retryAfter !== undefined);

		if (!fault || !terminal) {
			const result = this.run(() => this.routeApi(ctx));
			await this.sleep(latency + (fault?.delayMs ?? 0));
			this.writeJson(res, result.status, result.body, headers);
			return;
		}

		if (fault.actFirst) this.run(() => this.routeApi(ctx));
		await this.sleep(latency + (fault.delayMs ?? 0));

		if (fault.reset) {
			req.socket.destroy();
			return;
		}
		if (fault.malformed) {
			const record = this.recordOf.get(res);
			if (record) record.status = 200;
			res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
			res.end('not json{');
			return;
		}
		const status = fault.status ?? 429;
		const extra: Record<string, string> = {};
		if (fault.retryAfter !== undefined) extra['Retry-After'] = String(fault.retryAfter);
		this.writeJson(
			res,
			status,
			{
				code: fault.code ?? DEFAULT_ERROR_CODES[status] ?? 'error',
				message: fault.message ?? `Injected fault (${status})`,
			},
			{ ...headers, ...extra },
		);
	}

	/** `/__files/<token>`: the module that signed the token answers; anything else is a 404. */
	private writeFile(res: http.ServerResponse, token: string, req: http.IncomingMessage): void {
		let file: FileResult | undefined;
		for (const module of Object.values(this.modules) as ResourceModule[]) {
			file = module.file?.(token, req);
			if (file) break;
		}
		if (!file) {
			this.writeJson(res, 404, { code: 'not_found', message: 'File not found' }, {});
			return;
		}
		const body = typeof file.body === 'string' ? Buffer.from(file.body) : file.body;
		res.writeHead(file.status, { ...file.headers, 'Content-Length': body.length });
		res.end(body);
	}

	/** Runs a handler, mapping thrown StandInErrors to `{code,message}` results. */
	private run(fn: () => ApiResult): ApiResult {
		try {
			return fn();
		} catch (err) {
			if (err instanceof StandInError)
				return { status: err.status, body: { code: err.code, message: err.message } };
			return {
				status: 500,
				body: { code: 'internal_error', message: err instanceof Error ? err.message : String(err) },
			};
		}
	}

	private writeJson(
		res: http.ServerResponse,
		status: number,
		body: unknown,
		headers: Record<string, string>,
	): void {
		if (res.destroyed) return;
		const record = this.recordOf.get(res);
		if (record) {
			record.status = status;
			record.responseHeaders = Object.fromEntries(
				Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
			);
		}
		this.statusCounts.set(status, (this.statusCounts.get(status) ?? 0) + 1);
		const text = JSON.stringify(body);
		res.writeHead(status, {
			...headers,
			'Content-Type': 'application/json',
			'Content-Length': Buffer.byteLength(text),
		});
		res.end(text);
	}

	private sleep(ms: number): Promise<void> {
		if (ms <= 0) return Promise.resolve();
		return new Promise((resolve) => {
			const t = setTimeout(() => {
				this.timers.delete(t);
				resolve();
			}, ms);
			this.timers.add(t);
		});
	}

	private takeFault(method: string, path: string): Fault | undefined {
		const active = this.faults.find((f) => f.remaining > 0 && faultMatches(f.fault, method, path));
		if (!active) return undefined;
		active.remaining--;
		this.faults = this.faults.filter((f) => f.remaining > 0);
		return active.fault;
	}

	/** Fixed window starting at the first request after the previous window ran out. */
	private rateState(consume: boolean): RateState {
		const { limit, windowMs } = this.opts.rateLimit ?? UNENFORCED_RATE_LIMIT;
		const now = this.now();
		if (this.opts.rateLimit?.sliding) {
			this.rateLog = this.rateLog.filter((at) => now - at < windowMs);
			const allowed = this.rateLog.length < limit;
			if (consume && allowed) this.rateLog.push(now);
			const resetAt = (this.rateLog[0] ?? now) + windowMs;
			return { limit, remaining: allowed ? limit - this.rateLog.length : -1, resetAt };
		}
		if (!this.rateWindow || now >= this.rateWindow.start + windowMs)
			this.rateWindow = { start: now, count: 0 };
		if (consume) this.rateWindow.count++;
		return {
			limit,
			remaining: limit - this.rateWindow.count,
			resetAt: this.rateWindow.start + windowMs,
		};
	}

	// ------------------------------------------------------------------ routing

	private routeApi(ctx: RouteContext): ApiResult {
		const { method, path } = ctx;
		const seg = path.split('/').filter(Boolean);
		if (seg[0] !== 'v1') throw notFound();
		const [, resource, id, action] = seg;

		if (seg.length === 2 && resource === 'me' && method === 'GET') return ok(this.me());

		if (resource === 'invitations') {
			// Before GET /v1/invitations/{id}: "webhook" is not an invitation id.
			if (seg.length === 3 && id === 'webhook') return this.routeProjectWebhook(ctx);
			if (seg.length === 2 && method === 'POST')
				return { status: 201, body: { invitation: this.createInvitation(ctx) } };
			if (seg.length === 2 && method === 'GET') return ok(this.listInvitations(ctx.query));
			if (seg.length === 3 && method === 'GET') return ok({ invitation: this.mustInvitation(id) });
			if (seg.length === 4 && action === 'cancel' && method === 'POST') {
				return ok({ invitation: this.cancelInvitation(id) });
			}
		}

		if (resource === 'messages') {
			if (seg.length === 2 && method === 'POST') return this.sendMessage(ctx);
			if (seg.length === 2 && method === 'GET') return ok(this.listMessages(ctx.query));
			if (seg.length === 3 && method === 'GET') {
				const msg = this.messages.get(id);
				if (!msg) throw new StandInError(404, 'message_not_found', `Message ${id} not found`);
				return ok({ message: msg });
			}
		}

		if (resource === 'senders') {
			if (seg.length === 3 && method === 'GET') return ok(this.mustSender(id));
			if (seg.length === 3 && method === 'PATCH') return ok(this.updateSender(id, ctx));
			if (seg.length === 5 && action === 'webhook' && seg[4] === 'secret' && method === 'POST') {
				return ok(this.webhooks.rotateSenderSecret(this.mustSender(id)));
			}
		}

		if (seg.length === 2 && method === 'GET') {
			if (resource === 'senders')
				return ok(this.page('senders', [...this.senders.keys()], ctx.query));
			if (resource === 'templates')
				return ok(this.page('templates', [...this.templates.keys()], ctx.query));
			if (resource === 'phone-numbers') {
				return ok(this.page('phone-numbers', [...this.phoneNumbers.keys()], ctx.query));
			}
		}

		for (const module of Object.values(this.modules) as ResourceModule[]) {
			const result = module.route(ctx, seg.slice(1));
			if (result) return result;
		}
		throw notFound();
	}

	/** `/v1/invitations/webhook`: the project webhook (./webhooks.ts). */
	private routeProjectWebhook(ctx: RouteContext): ApiResult {
		switch (ctx.method) {
			case 'GET':
				return ok({ webhook: this.webhooks.getProject() });
			case 'POST':
				return ok({ webhook: this.webhooks.configureProject(requireObjectBody(ctx, false)) });
			case 'PATCH':
				return ok({ webhook: this.webhooks.updateProject(requireObjectBody(ctx, false)) });
			case 'DELETE':
				return ok(this.webhooks.deleteProject());
		}
		throw notFound();
	}

	private routeAdmin(method: string, path: string, body: any, bodyIsJson: boolean): ApiResult {
		if (!bodyIsJson) throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
		const seg = path.split('/').filter(Boolean); // ['__admin', ...]

		if (method === 'POST' && seg.length === 4 && seg[1] === 'invitations') {
			// `latest`: the newest invitation still pending, in progress or failed, so a person
			// can move "the one I just created" with a one-line curl.
			const id = seg[2] === 'latest' ? this.latestActiveInvitationId() : seg[2];
			if (seg[3] === 'open') return ok({ invitation: this.openInvitation(id) });
			if (seg[3] === 'complete') return ok({ invitation: this.completeInvitation(id) });
			if (seg[3] === 'expire') return ok({ invitation: this.expireInvitation(id) });
			if (seg[3] === 'fail') {
				// Optional body {reason}: Zavu's failure code (fb_cancelled when absent).
				const reason: unknown = isPlainObject(body) ? body.reason : undefined;
				if (
					reason !== undefined &&
					reason !== null &&
					(typeof reason !== 'string' || reason === '')
				) {
					throw validation('reason: must be a non-empty string');
				}
				return ok({
					invitation: this.failInvitation(id, typeof reason === 'string' ? reason : undefined),
				});
			}
		}
		if (method === 'POST' && seg.length === 3 && seg[1] === 'messages' && seg[2] === 'inbound') {
			// Body: InboundMessageInput ({ senderId?, from, text?, channel?, messageType?, profileName? }).
			return ok({ message: this.receiveMessage(body) });
		}
		if (method === 'POST' && seg.length === 4 && seg[1] === 'messages' && seg[3] === 'status') {
			const status = isPlainObject(body) ? body.status : undefined;
			if (typeof status !== 'string') throw validation('status: is required');
			return ok({ message: this.setMessageStatus(seg[2], status as MessageStatus) });
		}
		if (method === 'GET' && seg.length === 2 && seg[1] === 'requests')
			return ok({ items: this.requests });
		if (method === 'POST' && seg.length === 2 && seg[1] === 'faults') {
			const list: unknown[] = Array.isArray(body) ? body : [body];
			if (!list.every(isPlainObject))
				throw validation('body: must be a fault object or an array of them');
			this.inject(...(list as Fault[]));
			return ok({ queued: this.faults.length });
		}
		if (method === 'POST' && seg.length === 2 && seg[1] === 'reset') {
			this.clearRequests();
			this.clearFaults();
			this.clearDeliveries();
			return ok({ reset: true });
		}
		throw notFound();
	}

	private latestActiveInvitationId(): string {
		const active = [...this.invitations.values()].filter((i) =>
			ACTIVE_INVITATION_STATUSES.includes(i.status),
		);
		if (!active.length)
			throw new StandInError(
				404,
				'invitation_not_found',
				'No pending, in-progress or failed invitation yet: create one first (in n8n, run the "Zavu onboarding 1" example)',
			);
		active.sort(
			(a, b) =>
				Date.parse(b.createdAt) - Date.parse(a.createdAt) ||
				this.metaFor(b.id).seq - this.metaFor(a.id).seq,
		);
		return active[0].id;
	}

	// ------------------------------------------------------------------ /v1/me

	private me() {
		return {
			project: { id: PROJECT_ID, name: 'Stand-in Project', isSubAccount: false },
			team: { id: 'team_standin0001', name: 'Stand-in Team' },
			apiKey: { id: 'key_standin0001' },
			isTestMode: this.apiKey.startsWith('zv_test_'),
		};
	}

	// ------------------------------------------------------------------ invitations

	private createInvitation(ctx: RouteContext): Invitation {
		const body = requireObjectBody(ctx, true);

		let connectionType: ConnectionType = 'whatsapp_waba';
		if (body.connectionType !== undefined && body.connectionType !== null) {
			// whatsapp_alt is gone from the API: refused like any other unknown value.
			if (!CONNECTION_TYPES.includes(body.connectionType)) {
				throw validation(`connectionType: must be one of ${CONNECTION_TYPES.join(', ')}`);
			}
			connectionType = body.connectionType;
		}
		if (connectionType !== 'whatsapp_waba') {
			for (const field of WHATSAPP_WABA_ONLY_FIELDS) {
				if (body[field] !== undefined && body[field] !== null) {
					throw validation(
						`${field}: applies only to connectionType whatsapp_waba, not ${connectionType}`,
					);
				}
			}
		}

		const clientName = optionalString(body, 'clientName');
		if (clientName !== null && clientName.length > 100)
			throw validation('clientName: must be at most 100 characters');
		const clientEmail = optionalString(body, 'clientEmail');
		if (clientEmail !== null && !EMAIL.test(clientEmail))
			throw validation('clientEmail: must be a valid email address');
		const clientPhone = optionalString(body, 'clientPhone');
		if (clientPhone !== null && !E164.test(clientPhone)) {
			throw validation('clientPhone: must be an E.164 phone number (e.g. +14155551234)');
		}

		let days = this.opts.invitationTtlDays ?? 7;
		if (body.expiresInDays !== undefined && body.expiresInDays !== null) {
			const d = body.expiresInDays;
			if (typeof d !== 'number' || !Number.isInteger(d) || d < 1 || d > MAX_EXPIRES_IN_DAYS) {
				throw validation(`expiresInDays: must be an integer between 1 and ${MAX_EXPIRES_IN_DAYS}`);
			}
			days = d;
		}

		let allowedPhoneCountries: string[] | undefined;
		if (body.allowedPhoneCountries !== undefined && body.allowedPhoneCountries !== null) {
			const c = body.allowedPhoneCountries;
			if (!Array.isArray(c) || !c.every((x) => typeof x === 'string' && COUNTRY.test(x))) {
				throw validation(
					'allowedPhoneCountries: must be an array of ISO 3166-1 alpha-2 codes (e.g. "US")',
				);
			}
			allowedPhoneCountries = [...(c as string[])];
		}

		const phoneNumberId = optionalString(body, 'phoneNumberId');
		// Well-formed but pointing nowhere: a semantic error, hence 422 rather than 400.
		if (phoneNumberId !== null && !this.phoneNumbers.has(phoneNumberId)) {
			throw validation(`phoneNumberId: phone number ${phoneNumberId} not found`, 422);
		}

		const createdMs = this.now();
		const inv = this.buildInvitation(createdMs, {
			clientName,
			clientEmail,
			clientPhone,
			// Always null for messenger (refused above when sent).
			phoneNumberId,
			connectionType,
			expiresAt: iso(createdMs + days * DAY_MS),
		});
		if (allowedPhoneCountries) inv.allowedPhoneCountries = allowedPhoneCountries;
		this.invitations.set(inv.id, inv);
		return inv;
	}

	cancelInvitation(id: string): Invitation {
		const inv = this.mustInvitation(id);
		if (inv.status === 'completed') {
			throw new StandInError(409, 'invitation_completed', 'Cannot cancel a completed invitation');
		}
		if (!ACTIVE_INVITATION_STATUSES.includes(inv.status)) {
			throw new StandInError(
				409,
				'invitation_not_cancellable',
				`Cannot cancel an invitation that is ${inv.status}`,
			);
		}
		const previous = inv.status;
		inv.status = 'cancelled';
		inv.updatedAt = this.touch(inv.updatedAt);
		this.invitationChanged(inv, previous);
		return inv;
	}

	private listInvitations(query: URLSearchParams) {
		const status = query.get('status');
		if (
			status !== null &&
			status !== '' &&
			!INVITATION_STATUSES.includes(status as InvitationStatus)
		) {
			throw validation(`status: must be one of ${INVITATION_STATUSES.join(', ')}`);
		}
		return this.page(
			'invitations',
			() => {
				const all = [...this.invitations.values()].filter((i) => !status || i.status === status);
				return this.ordered(all).map((i) => i.id);
			},
			query,
		);
	}

	private buildInvitation(createdMs: number, fields: Partial<Invitation>): Invitation {
		const token = randomId(24);
		const created = iso(createdMs);
		const inv: Invitation = {
			id: randomId(20),
			url: `https://dashboard.zavu.dev/invite/${token}`,
			token,
			status: 'pending',
			clientName: null,
			clientEmail: null,
			clientPhone: null,
			phoneNumberId: null,
			senderId: null,
			connectionType: 'whatsapp_waba',
			connectedAccount: null,
			failedAt: null,
			failureReason: null,
			createdAt: created,
			updatedAt: created,
			expiresAt: iso(createdMs + (this.opts.invitationTtlDays ?? 7) * DAY_MS),
			viewedAt: null,
			startedAt: null,
			completedAt: null,
			...fields,
		};
		this.metaFor(inv.id);
		return inv;
	}

	private mustInvitation(id: string): Invitation {
		this.expireDue();
		const inv = this.invitations.get(id);
		if (!inv) throw new StandInError(404, 'invitation_not_found', `Invitation ${id} not found`);
		return inv;
	}

	// ------------------------------------------------------------------ senders

	private mustSender(id: string): Sender {
		const sender = this.senders.get(id);
		if (!sender) throw new StandInError(404, 'sender_not_found', `Sender ${id} not found`);
		return sender;
	}

	/**
	 * `PATCH /v1/senders/{id}`: `name`, `setAsDefault` and the webhook fields (`webhookUrl`,
	 * `webhookEvents`, `webhookActive`, `webhookSignatureVersion`); other fields are ignored.
	 * Answers the sender; `webhook.secret` only when this call created the webhook.
	 */
	private updateSender(
		id: string,
		ctx: RouteContext,
	): Omit<Sender, 'webhook'> & { webhook?: SenderWebhookConfig & { secret?: string } } {
		const sender = this.mustSender(id);
		const body = requireObjectBody(ctx, false);
		let name: string | undefined;
		if (body.name !== undefined) {
			if (typeof body.name !== 'string' || body.name.trim() === '')
				throw validation('name: must be a non-empty string');
			name = body.name;
		}
		if (body.setAsDefault !== undefined && typeof body.setAsDefault !== 'boolean')
			throw validation('setAsDefault: must be a boolean');
		// Checks every webhook field before changing anything, then applies them.
		const secret = this.webhooks.updateSender(sender, body);
		if (name !== undefined) sender.name = name;
		if (body.setAsDefault === true) {
			for (const s of this.senders.values()) s.isDefault = s.id === sender.id;
		}
		sender.updatedAt = this.touch(sender.updatedAt);
		if (secret !== undefined && sender.webhook) {
			return { ...sender, webhook: { ...sender.webhook, secret } };
		}
		return sender;
	}

	// ------------------------------------------------------------------ messages

	private sendMessage(ctx: RouteContext): ApiResult {
		const body = requireObjectBody(ctx, false);

		const to = body.to;
		if (typeof to !== 'string' || to.trim() === '') throw validation('to: is required');

		const senderHeader = headerValue(ctx.req.headers['zavu-sender']);
		let sender: Sender | undefined;
		if (senderHeader !== null) {
			sender = this.senders.get(senderHeader);
			if (!sender)
				throw new StandInError(404, 'sender_not_found', `Sender ${senderHeader} not found`);
		} else {
			sender = [...this.senders.values()].find((s) => s.isDefault);
		}

		const messageType = (body.messageType ?? 'text') as MessageType;
		if (!MESSAGE_TYPES.includes(messageType))
			throw validation(`messageType: must be one of ${MESSAGE_TYPES.join(', ')}`);

		const requested = (body.channel ?? 'auto') as Channel;
		if (!CHANNELS.includes(requested))
			throw validation(`channel: must be one of ${CHANNELS.join(', ')}`);
		const channel = requested === 'auto' ? autoChannel(to, messageType) : requested;

		const text = optionalString(body, 'text');
		if (body.content !== undefined && body.content !== null && !isPlainObject(body.content)) {
			throw validation('content: must be an object');
		}
		const content = (body.content ?? null) as Record<string, unknown> | null;

		if (PROMPT_MESSAGE_TYPES.includes(messageType)) {
			// location_request / request_contact_info: WhatsApp-only prompts with a fixed button.
			if (channel !== 'whatsapp') {
				throw validation(
					`messageType: ${messageType} is WhatsApp-only (channel whatsapp or auto), not ${channel}`,
				);
			}
			if (content !== null && Object.keys(content).length > 0) {
				throw validation(`content: ${messageType} takes no content; put the prompt in text`);
			}
			if (text === null || text.trim() === '')
				throw validation(`text: is required for ${messageType} messages`);
			if (text.length > PROMPT_TEXT_MAX) {
				throw validation(
					`text: must be at most ${PROMPT_TEXT_MAX} characters for ${messageType} messages`,
				);
			}
		}

		if (channel === 'email') {
			if (typeof body.subject !== 'string' || body.subject.trim() === '') {
				throw validation('subject is required for email');
			}
			if (text === null && typeof body.htmlBody !== 'string')
				throw validation('text: text or htmlBody is required for email');
		} else if (messageType === 'text' && (text === null || text === '')) {
			throw validation('text: is required for text messages');
		}
		if (messageType === 'template') this.validateTemplateContent(content);

		let metadata: Record<string, string> | null = null;
		if (body.metadata !== undefined && body.metadata !== null) {
			if (
				!isPlainObject(body.metadata) ||
				!Object.values(body.metadata).every((v) => typeof v === 'string')
			) {
				throw validation('metadata: must be an object of string values');
			}
			metadata = { ...(body.metadata as Record<string, string>) };
		}

		const idempotencyKey = optionalString(body, 'idempotencyKey');
		if (idempotencyKey !== null) {
			const existingId = this.idempotency.get(idempotencyKey);
			const existing = existingId ? this.messages.get(existingId) : undefined;
			// Replay: same message, nothing new is created or sent.
			if (existing) return ok({ message: existing });
		}

		const ts = iso(this.now());
		const from = sender ? (channel === 'email' ? sender.emailAddress : sender.phoneNumber) : null;
		const msg: Message = {
			id: `msg_${randomId(20)}`,
			to,
			channel,
			direction: 'outbound',
			messageType,
			status: 'queued',
			conversationId: this.conversationFor(sender?.id ?? null, channel, to),
			errorCode: null,
			errorMessage: null,
			cost: null,
			costProvider: null,
			costTotal: null,
			createdAt: ts,
			updatedAt: ts,
		};
		// Optional in the SDK and never null there: absent when unknown.
		if (from !== null) msg.from = from;
		if (text !== null) msg.text = text;
		if (content !== null) msg.content = content as MessageContent;
		if (sender) msg.senderId = sender.id;
		if (metadata !== null) msg.metadata = metadata;
		this.metaFor(msg.id);
		this.messages.set(msg.id, msg);
		this.sentBodies.set(msg.id, body);
		this.sentHeaders.set(msg.id, senderHeader);
		if (idempotencyKey !== null) this.idempotency.set(idempotencyKey, msg.id);
		this.messageChanged(msg);
		return { status: 201, body: { message: msg } };
	}

	private validateTemplateContent(content: Record<string, unknown> | null): void {
		const templateId = content?.templateId;
		if (typeof templateId !== 'string' || templateId === '') {
			throw validation('content.templateId: is required for template messages');
		}
		if (!this.templates.has(templateId))
			throw validation(`content.templateId: template ${templateId} not found`, 422);
		const vars = content?.templateVariables;
		if (vars !== undefined && vars !== null) {
			if (!isPlainObject(vars) || !Object.values(vars).every((v) => typeof v === 'string')) {
				throw validation('content.templateVariables: must be an object of string values');
			}
			const keys = Object.keys(vars);
			const positional = keys.filter((k) => /^\d+$/.test(k)).length;
			if (positional !== 0 && positional !== keys.length) {
				throw validation(
					'content.templateVariables: positional and named variables cannot be mixed',
				);
			}
		}
		const buttonVars = content?.templateButtonVariables;
		if (buttonVars !== undefined && buttonVars !== null) {
			if (
				!isPlainObject(buttonVars) ||
				!Object.values(buttonVars).every((v) => typeof v === 'string')
			) {
				throw validation('content.templateButtonVariables: must be an object of string values');
			}
			const bad = Object.keys(buttonVars).find((k) => !TEMPLATE_BUTTON_INDEXES.includes(k));
			if (bad !== undefined) {
				throw validation(
					`content.templateButtonVariables: button variables are keyed by the button's index from 0 ` +
						`(${TEMPLATE_BUTTON_INDEXES.map((k) => `"${k}"`).join(', ')}), unlike body variables which start at 1; got "${bad}"`,
				);
			}
		}
	}

	private listMessages(query: URLSearchParams) {
		const status = query.get('status') || null;
		const channel = query.get('channel') || null;
		const to = query.get('to') || null;
		if (status !== null && !MESSAGE_STATUSES.includes(status as MessageStatus)) {
			throw validation(`status: must be one of ${MESSAGE_STATUSES.join(', ')}`);
		}
		if (channel !== null && !CHANNELS.includes(channel as Channel)) {
			throw validation(`channel: must be one of ${CHANNELS.join(', ')}`);
		}
		return this.page(
			'messages',
			() => {
				const all = [...this.messages.values()].filter(
					(m) =>
						(!status || m.status === status) &&
						(!channel || m.channel === channel) &&
						(!to || m.to === to),
				);
				return this.ordered(all).map((m) => m.id);
			},
			query,
		);
	}

	// ------------------------------------------------------------------ pagination

	/**
	 * Cursor pagination over a snapshot: the first page fixes the ordered id list, later
	 * pages walk that list, so a walk never repeats or skips an item even while entities are
	 * created or change status in between. Items are returned in their current state.
	 */
	private page(
		kind: string,
		ids: string[] | (() => string[]),
		query: URLSearchParams,
		map: Map<string, unknown> = this.mapFor(kind as Kind),
	) {
		const limit = parseLimit(query.get('limit'));
		const cursor = query.get('cursor');
		let snapshot: Snapshot;
		let offset = 0;
		let token: string;
		if (cursor) {
			const decoded = decodeCursor(cursor);
			const snap = decoded ? this.snapshots.get(decoded.t) : undefined;
			if (!decoded || !snap || snap.kind !== kind || decoded.o > snap.ids.length) {
				throw new StandInError(400, 'invalid_cursor', 'The cursor is invalid or has expired');
			}
			snapshot = snap;
			offset = decoded.o;
			token = decoded.t;
		} else {
			snapshot = { kind, ids: typeof ids === 'function' ? ids() : ids };
			token = randomId(16);
		}

		const slice = snapshot.ids.slice(offset, offset + limit);
		const items = slice.map((id) => map.get(id)).filter((x) => x !== undefined);
		const nextOffset = offset + slice.length;
		let nextCursor: string | null = null;
		if (nextOffset < snapshot.ids.length) {
			if (!this.snapshots.has(token)) {
				this.snapshots.set(token, snapshot);
				if (this.snapshots.size > MAX_SNAPSHOTS) {
					const oldest = this.snapshots.keys().next().value;
					if (oldest !== undefined) this.snapshots.delete(oldest);
				}
			}
			nextCursor = encodeCursor({ t: token, o: nextOffset });
		}
		return { items, nextCursor };
	}

	private mapFor(kind: Kind): Map<string, unknown> {
		switch (kind) {
			case 'invitations':
				return this.invitations;
			case 'messages':
				return this.messages;
			case 'senders':
				return this.senders;
			case 'templates':
				return this.templates;
			case 'phone-numbers':
				return this.phoneNumbers;
		}
	}

	private ordered<T extends { id: string; createdAt: string }>(items: T[]): T[] {
		const order = this.opts.listOrder ?? 'newest';
		const key = (x: T) => ({ t: Date.parse(x.createdAt), ...this.metaFor(x.id) });
		const withKeys = items.map((x) => ({ x, k: key(x) }));
		withKeys.sort((a, b) => {
			if (order === 'random') return a.k.rank - b.k.rank || a.k.seq - b.k.seq;
			const byTime = a.k.t - b.k.t || a.k.seq - b.k.seq;
			return order === 'oldest' ? byTime : -byTime;
		});
		return withKeys.map((w) => w.x);
	}

	// ------------------------------------------------------------------ misc

	/** One conversation (inbox thread) per sender, channel and recipient. */
	private conversationFor(senderId: string | null, channel: string, to: string): string {
		const key = `${senderId ?? ''}|${channel}|${to}`;
		let id = this.conversations.get(key);
		if (!id) {
			id = `conv_${randomId(20)}`;
			this.conversations.set(key, id);
		}
		return id;
	}

	/** Also covers entities a test put straight into a map. */
	private metaFor(id: string): EntityMeta {
		let m = this.meta.get(id);
		if (!m) {
			m = { seq: ++this.seq, rank: Math.random() };
			this.meta.set(id, m);
		}
		return m;
	}

	/** A transition time strictly after `previous`, so updatedAt changes on every transition. */
	private touch(previous: string): string {
		return iso(Math.max(this.now(), Date.parse(previous) + 1));
	}

	/** Deterministic reference data, so dropdowns have something to show. */
	private seed(): void {
		const phoneNumbers: PhoneNumber[] = [
			{
				id: 'pn_seed00000000000001',
				phoneNumber: '+14155550100',
				name: 'US main line',
				countryCode: 'US',
				capabilities: ['sms', 'voice', 'whatsapp'],
				createdAt: SEED_TIME,
			},
			{
				id: 'pn_seed00000000000002',
				phoneNumber: '+525512345678',
				name: 'Mexico City',
				countryCode: 'MX',
				capabilities: ['sms', 'whatsapp'],
				createdAt: SEED_TIME,
			},
		];
		const senders: Sender[] = [
			{
				id: 'snd_seed00000000000001',
				name: 'Default sender',
				phoneNumber: '+14155550100',
				emailAddress: null,
				channels: ['sms', 'whatsapp'],
				isDefault: true,
				createdAt: SEED_TIME,
				updatedAt: SEED_TIME,
			},
			{
				id: 'snd_seed00000000000002',
				name: 'Email sender',
				phoneNumber: null,
				emailAddress: 'hello@example.com',
				channels: ['email'],
				isDefault: false,
				createdAt: SEED_TIME,
				updatedAt: SEED_TIME,
			},
		];
		const templates: Template[] = [
			{
				id: 'tmpl_seed00000000000001',
				name: 'welcome',
				language: 'en',
				status: 'approved',
				category: 'UTILITY',
				body: 'Hi {{1}}, welcome aboard!',
				variables: ['1'],
				createdAt: SEED_TIME,
				updatedAt: SEED_TIME,
			},
			{
				id: 'tmpl_seed00000000000002',
				name: 'order_update',
				language: 'en',
				status: 'pending',
				category: 'UTILITY',
				body: 'Your order {{1}} has shipped.',
				variables: ['1'],
				createdAt: SEED_TIME,
				updatedAt: SEED_TIME,
			},
			{
				id: 'tmpl_seed00000000000003',
				name: 'appointment_reminder',
				language: 'es',
				status: 'approved',
				category: 'UTILITY',
				body: 'Hola {{name}}, tu cita es el {{date}}.',
				variables: ['name', 'date'],
				createdAt: SEED_TIME,
				updatedAt: SEED_TIME,
			},
		];
		for (const p of phoneNumbers) this.phoneNumbers.set(p.id, p);
		for (const s of senders) this.senders.set(s.id, s);
		for (const t of templates) this.templates.set(t.id, t);
	}
}

// ---------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------

const ok = (body: unknown): ApiResult => ({ status: 200, body });

const notFound = (): StandInError => new StandInError(404, 'not_found', 'Route not found');

function rateHeaders(rate: RateState): Record<string, string> {
	return {
		'X-RateLimit-Limit': String(rate.limit),
		'X-RateLimit-Remaining': String(Math.max(0, rate.remaining)),
		'X-RateLimit-Reset': String(rate.resetAt),
	};
}

function faultMatches(fault: Fault, method: string, path: string): boolean {
	const m = fault.match;
	if (!m) return true;
	if (m.method && m.method.toUpperCase() !== method) return false;
	if (m.path === undefined) return true;
	if (m.path instanceof RegExp) return m.path.test(path);
	return m.path.endsWith('*') ? path.startsWith(m.path.slice(0, -1)) : path === m.path;
}

/** Resolves `channel: auto` (or omitted) the way the doc describes. */
function autoChannel(to: string, messageType: MessageType): Exclude<Channel, 'auto'> {
	if (to.endsWith('@g.us')) return 'whatsapp'; // WhatsApp group JID, not an email
	if (to.includes('@')) return 'email';
	return messageType === 'text' ? 'sms' : 'whatsapp';
}

function requireObjectBody(ctx: RouteContext, emptyAllowed: boolean): Record<string, any> {
	if (!ctx.bodyIsJson)
		throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
	if (ctx.body === undefined) {
		if (emptyAllowed) return {};
		throw validation('body: a JSON object is required');
	}
	if (!isPlainObject(ctx.body)) throw validation('body: must be a JSON object');
	return ctx.body;
}

/** A string field that may be absent or null; anything else is a validation error. */
function optionalString(body: Record<string, unknown>, field: string): string | null {
	const v = body[field];
	if (v === undefined || v === null) return null;
	if (typeof v !== 'string') throw validation(`${field}: must be a string`);
	return v;
}

function headerValue(v: string | string[] | undefined): string | null {
	if (v === undefined) return null;
	return Array.isArray(v) ? (v[0] ?? null) : v;
}

function parseLimit(raw: string | null): number {
	if (raw === null || raw === '') return DEFAULT_PAGE_SIZE;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) {
		throw validation(`limit: must be an integer between 1 and ${MAX_PAGE_SIZE}`);
	}
	return n;
}

function encodeCursor(c: { t: string; o: number }): string {
	return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(cursor: string): { t: string; o: number } | undefined {
	try {
		const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		if (
			isPlainObject(parsed) &&
			typeof parsed.t === 'string' &&
			typeof parsed.o === 'number' &&
			Number.isInteger(parsed.o) &&
			parsed.o >= 0
		) {
			return { t: parsed.t, o: parsed.o };
		}
	} catch {
		// fall through: any undecodable cursor is invalid
	}
	return undefined;
}

/** Reads the whole body as UTF-8; null when it exceeds MAX_BODY_BYTES. */
function readBody(req: http.IncomingMessage): Promise<string | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let tooBig = false;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooBig = true;
			else chunks.push(chunk);
		});
		req.on('end', () => resolve(tooBig ? null : Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}
