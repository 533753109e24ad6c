/**
 * Broadcasts and their contacts, as Zavu answers `/v1/broadcasts…` (SDK: resources/broadcasts):
 * a broadcast in `{ broadcast }`, progress bare, deletes with 204. Types and checks:
 * ./broadcastRules.ts.
 *
 * As the SDK documents: at most 1,000 contacts per add request; a contact already in the
 * broadcast (or twice in one request) is skipped and counted in `duplicates`, so a resent batch
 * adds nobody twice; invalid recipients are counted in `invalid` and named in `errors`; a
 * WhatsApp template broadcast skips review; at most 3 reviews.
 *
 * Simplified, on purpose: review is instant (`review`: approve, reject or hold in
 * pending_review); delivery moves on each read of the broadcast or its progress
 * (`deliverPerRead` contacts, default half of them), so a wait for the end is quick to test;
 * recipients in `failing` fail delivery.
 */
import { randomId } from './contactRules';
import type { Broadcast, BroadcastContact, BroadcastStatus } from './broadcastRules';
import {
	addContacts,
	counts,
	BROADCAST_CONTACT_STATUSES,
	BROADCAST_STATUSES,
	MAX_CONTACTS_PER_ADD,
	MAX_REVIEW_ATTEMPTS,
	PRICE,
	createInput,
	futureTime,
	only,
	progressOf,
	updateInput,
} from './broadcastRules';
import { StandInError, isPlainObject, validation } from '../util';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type { Broadcast, BroadcastContact };

const NO_CONTENT: ApiResult = { status: 204, body: null };

const conflict = (b: Broadcast, action: string) =>
	new StandInError(409, 'invalid_status', `Cannot ${action} a broadcast in status ${b.status}`);

export class BroadcastsModule implements ResourceModule {
	readonly broadcasts = new Map<string, Broadcast>();
	/** Each broadcast's recipients by contact id, in the order they were added. */
	readonly contacts = new Map<string, Map<string, BroadcastContact>>();
	/** What review does on Send and Retry Review. */
	review: 'approve' | 'reject' | 'hold' = 'approve';
	/** Contacts delivered per read while sending (0: half of them, rounded up). */
	deliverPerRead = 0;
	/** Recipients whose delivery fails. */
	readonly failing = new Set<string>();
	private readonly keys = new Map<string, string>();

	constructor(private readonly host: StandInHost) {}

	private iso = () => new Date(this.host.now()).toISOString();

	/** The broadcast; 404 `broadcast_not_found`. */
	must(id: string): Broadcast {
		const broadcast = this.broadcasts.get(id);
		if (!broadcast) throw new StandInError(404, 'broadcast_not_found', `Broadcast ${id} not found`);
		return broadcast;
	}

	/** A broadcast's recipients, in the order added. */
	recipientsOf(id: string): BroadcastContact[] {
		return [...(this.contacts.get(id)?.values() ?? [])];
	}

	/** A broadcast as POST /v1/broadcasts creates it, then set to `patch` (for tests). */
	seed(input: Record<string, unknown>, patch: Partial<Broadcast> = {}): Broadcast {
		return Object.assign(this.create(input), patch);
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'broadcasts') return undefined;
		const { method } = ctx;
		const [, id, sub, contactId] = seg.map(decodeSegment);
		if (seg.length === 1 && method === 'POST') {
			const existing = this.keys.get(String(this.body(ctx).idempotencyKey));
			if (existing) return ok({ broadcast: this.must(existing) });
			return created({ broadcast: this.create(this.body(ctx)) });
		}
		if (seg.length === 1 && method === 'GET') return ok(this.list(ctx.query));
		if (seg.length < 2) return undefined;
		const b = this.must(id);
		if (seg.length === 2) {
			if (method === 'GET') return ok({ broadcast: this.advance(b) });
			if (method === 'PATCH') return ok({ broadcast: this.update(b, this.body(ctx)) });
			if (method === 'DELETE') {
				if (b.status !== 'draft') throw conflict(b, 'delete');
				this.broadcasts.delete(b.id);
				this.contacts.delete(b.id);
				return NO_CONTENT;
			}
			return undefined;
		}
		const post = method === 'POST' && seg.length === 3;
		if (sub === 'contacts' && seg.length === 3 && method === 'POST') {
			return ok(this.add(b, this.body(ctx)));
		}
		if (sub === 'contacts' && seg.length === 3 && method === 'GET') {
			const status = ctx.query.get('status');
			if (status && !BROADCAST_CONTACT_STATUSES.includes(status as never)) {
				throw validation(`status: must be one of ${BROADCAST_CONTACT_STATUSES.join(', ')}`);
			}
			const map = this.contacts.get(b.id) ?? new Map<string, BroadcastContact>();
			const ids = () =>
				[...map.values()].filter((c) => !status || c.status === status).map((c) => c.id);
			return ok(this.host.page(`broadcasts/${b.id}/contacts`, map, ids, ctx.query));
		}
		if (sub === 'contacts' && seg.length === 4 && method === 'DELETE') {
			if (b.status !== 'draft') throw conflict(b, 'remove contacts from');
			if (!this.contacts.get(b.id)?.delete(contactId)) {
				throw new StandInError(
					404,
					'contact_not_found',
					`Contact ${contactId} not in broadcast ${b.id}`,
				);
			}
			b.totalContacts = this.recipientsOf(b.id).length;
			return NO_CONTENT;
		}
		if (sub === 'progress' && seg.length === 3 && method === 'GET') {
			return ok(progressOf(this.advance(b), this.recipientsOf(b.id)));
		}
		if (sub === 'send' && post) return ok({ broadcast: this.send(b, this.body(ctx)) });
		if (sub === 'schedule' && seg.length === 3 && method === 'PATCH') {
			const body = this.body(ctx);
			only(body, ['scheduledAt']);
			if (b.status !== 'scheduled') throw conflict(b, 'reschedule');
			b.scheduledAt = futureTime(body.scheduledAt, this.host.now());
			return ok({ broadcast: this.touch(b) });
		}
		if (sub === 'cancel' && post) return ok({ broadcast: this.cancel(b) });
		if (sub === 'retry-review' && post) {
			if (b.status !== 'rejected') throw conflict(b, 'retry the review of');
			if ((b.reviewAttempts ?? 0) >= MAX_REVIEW_ATTEMPTS) {
				b.status = 'rejected_final';
				throw new StandInError(409, 'review_attempts_exhausted', 'No review attempts left');
			}
			return ok({ broadcast: this.reviewed(b, undefined) });
		}
		if (sub === 'escalate' && post) {
			if (b.status !== 'rejected') throw conflict(b, 'escalate');
			b.status = 'escalated';
			return ok({ broadcast: this.touch(b) });
		}
		return undefined;
	}

	private body(ctx: RouteContext): Record<string, unknown> {
		if (ctx.body === undefined) return {};
		if (!isPlainObject(ctx.body)) throw validation('body: must be a JSON object');
		return ctx.body;
	}

	private touch(b: Broadcast): Broadcast {
		b.updatedAt = this.iso();
		return b;
	}

	private create(body: Record<string, unknown>): Broadcast {
		const input = createInput(body, this.host.now());
		const at = this.iso();
		const b: Broadcast = {
			id: randomId('jh7'),
			name: input.name,
			channel: input.channel,
			messageType: input.messageType,
			status: 'draft',
			totalContacts: 0,
			createdAt: at,
			updatedAt: at,
			reviewAttempts: 0,
		};
		for (const key of [
			'text',
			'emailSubject',
			'content',
			'metadata',
			'scheduledAt',
			'senderId',
		] as const) {
			if (input[key] !== undefined) Object.assign(b, { [key]: input[key] });
		}
		this.broadcasts.set(b.id, b);
		this.contacts.set(b.id, new Map());
		if (input.idempotencyKey) this.keys.set(input.idempotencyKey, b.id);
		return b;
	}

	private list(query: URLSearchParams) {
		const status = query.get('status');
		if (status && !BROADCAST_STATUSES.includes(status as BroadcastStatus)) {
			throw validation(`status: must be one of ${BROADCAST_STATUSES.join(', ')}`);
		}
		const ids = () =>
			this.host
				.ordered([...this.broadcasts.values()].filter((b) => !status || b.status === status))
				.map((b) => b.id);
		return this.host.page('broadcasts', this.broadcasts, ids, query);
	}

	private update(b: Broadcast, body: Record<string, unknown>): Broadcast {
		const input = updateInput(body);
		if (b.status !== 'draft' && b.status !== 'rejected') throw conflict(b, 'update');
		for (const [key, value] of Object.entries(input)) {
			if (value !== undefined) Object.assign(b, { [key]: value });
		}
		return this.touch(b);
	}

	private add(b: Broadcast, body: Record<string, unknown>) {
		only(body, ['contacts']);
		const list = body.contacts;
		if (!Array.isArray(list) || list.length < 1 || list.length > MAX_CONTACTS_PER_ADD) {
			throw validation(`contacts: must be a list of 1 to ${MAX_CONTACTS_PER_ADD} contacts`);
		}
		if (b.status !== 'draft') throw conflict(b, 'add contacts to');
		const map = this.contacts.get(b.id) as Map<string, BroadcastContact>;
		const answer = addContacts(map, list, b.channel, this.iso());
		b.totalContacts = map.size;
		this.touch(b);
		return answer;
	}

	private send(b: Broadcast, body: Record<string, unknown>): Broadcast {
		only(body, ['scheduledAt']);
		if (!['draft', 'approved', 'scheduled'].includes(b.status)) throw conflict(b, 'send');
		if (!b.totalContacts) throw validation('contacts: the broadcast has no contacts');
		const at = body.scheduledAt ?? (b.status === 'draft' ? b.scheduledAt : undefined);
		const scheduledAt = at === undefined ? undefined : futureTime(at, this.host.now());
		b.estimatedCost = b.totalContacts * PRICE;
		b.reservedAmount = b.estimatedCost;
		// A WhatsApp template was vetted by Meta, and an approved or scheduled one already passed.
		const skip = (b.channel === 'whatsapp' && b.messageType === 'template') || b.status !== 'draft';
		return this.reviewed(b, scheduledAt, skip);
	}

	/** Review (per `review`), then sending or scheduled. */
	private reviewed(b: Broadcast, scheduledAt: string | undefined, skip = false): Broadcast {
		if (!skip) {
			b.reviewAttempts = (b.reviewAttempts ?? 0) + 1;
			if (this.review === 'hold') b.status = 'pending_review';
			if (this.review === 'reject') {
				b.status = 'rejected';
				b.reviewResult = { score: 0.2, reasoning: 'Looks like spam', reviewedAt: this.iso() };
			}
			if (this.review !== 'approve') return this.touch(b);
		}
		if (scheduledAt) {
			b.status = 'scheduled';
			b.scheduledAt = scheduledAt;
		} else {
			b.status = 'sending';
			b.startedAt = this.iso();
			delete b.scheduledAt;
		}
		return this.touch(b);
	}

	private cancel(b: Broadcast): Broadcast {
		const open: BroadcastStatus[] = [
			'pending_review',
			'approved',
			'escalated',
			'scheduled',
			'sending',
			'paused',
		];
		if (!open.includes(b.status)) throw conflict(b, 'cancel');
		for (const c of this.recipientsOf(b.id)) if (c.status === 'pending') c.status = 'skipped';
		b.status = 'cancelled';
		return counts(this.touch(b), this.recipientsOf(b.id));
	}

	/** Delivery moves on while sending: `deliverPerRead` more contacts, then completed. */
	private advance(b: Broadcast): Broadcast {
		if (b.status !== 'sending') return b;
		const pending = this.recipientsOf(b.id).filter((c) => c.status === 'pending');
		const step = this.deliverPerRead || Math.ceil(b.totalContacts / 2);
		for (const c of pending.slice(0, step)) {
			c.status = this.failing.has(c.recipient) ? 'failed' : 'delivered';
			c.processedAt = this.iso();
			if (c.status === 'failed') {
				c.errorCode = 'UNDELIVERABLE';
				c.errorMessage = 'The carrier refused the number';
			} else {
				c.messageId = randomId('msg_');
				c.cost = PRICE;
			}
		}
		if (pending.length <= step) {
			b.status = 'completed';
			b.completedAt = this.iso();
		}
		return counts(this.touch(b), this.recipientsOf(b.id));
	}
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw validation(`path: "${segment}" is not a valid percent-encoded ID`);
	}
}

export const broadcasts = (host: StandInHost) => new BroadcastsModule(host);
