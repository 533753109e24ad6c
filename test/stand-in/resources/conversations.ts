/**
 * Conversations (inbox threads), as Zavu answers `/v1/conversations…`. A thread is not stored
 * here: it is built from the stand-in's messages (each carries a `conversationId`), so sends and
 * `api.receiveMessage(...)` are what create and grow threads. This module only remembers which
 * inbound messages were marked read.
 *
 * Differences from Zavu, on purpose: the stand-in files threads per sender, channel and contact
 * (Zavu merges a contact's channels), and `search` keeps the most-recent-first order (Zavu ranks
 * by relevance).
 */
import type {
	ConversationListParams,
	ConversationListResponse as SdkConversation,
} from '@zavudev/sdk/resources/conversations';

import { StandInError, keysOf, validation } from '../util';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { ok } from './types';

export type Conversation = SdkConversation;
type FilterChannel = NonNullable<ConversationListParams['channel']>;

/** The channels `GET /v1/conversations?channel=` takes (a Record over the SDK's union). */
export const CONVERSATION_FILTER_CHANNELS: readonly FilterChannel[] = keysOf<FilterChannel>({
	sms: true,
	sms_oneway: true,
	whatsapp: true,
	email: true,
	telegram: true,
	instagram: true,
	messenger: true,
	voice: true,
});

/** The part of a stand-in message a thread is built from. */
interface ThreadMessage {
	id: string;
	conversationId?: string;
	channel: string;
	direction: 'inbound' | 'outbound';
	to: string;
	from?: string;
	text?: string;
	senderId?: string;
	createdAt: string;
	updatedAt?: string;
}

const notFound = (id: string) =>
	new StandInError(404, 'conversation_not_found', `Conversation ${id} not found`);

/** Who a message was exchanged with: the sender of an inbound one, the recipient of the others. */
const contactOf = (m: ThreadMessage) => (m.direction === 'inbound' ? (m.from ?? m.to) : m.to);

const later = (a: string, b: string) => (Date.parse(a) >= Date.parse(b) ? a : b);

export class ConversationsModule implements ResourceModule {
	/** Inbound message ids marked read (POST …/read): they no longer count as unread. */
	readonly readMessages = new Set<string>();
	/** When each thread was last marked read (its updatedAt moves then). */
	readonly readAt = new Map<string, string>();

	constructor(private readonly host: StandInHost) {}

	/** Every thread, most recently active first, with its messages oldest first. */
	threads(): Map<string, { conversation: Conversation; messages: ThreadMessage[] }> {
		const grouped = new Map<string, ThreadMessage[]>();
		/** Position of each thread's newest message: breaks ties between equal timestamps. */
		const lastIndex = new Map<string, number>();
		// The messages map keeps creation order, so a thread's last entry is its newest message.
		let k = 0;
		for (const m of this.host.messages.values() as IterableIterator<ThreadMessage>) {
			k++;
			if (!m.conversationId) continue; // legacy messages have no thread
			const list = grouped.get(m.conversationId) ?? [];
			list.push(m);
			grouped.set(m.conversationId, list);
			lastIndex.set(m.conversationId, k);
		}
		const entries = [...grouped.entries()].map(([id, messages]) => ({
			conversation: this.build(id, messages),
			messages,
		}));
		const at = (c: Conversation) => Date.parse(c.lastMessage.at);
		entries.sort(
			(a, b) =>
				at(b.conversation) - at(a.conversation) ||
				(lastIndex.get(b.conversation.id) ?? 0) - (lastIndex.get(a.conversation.id) ?? 0),
		);
		return new Map(entries.map((e) => [e.conversation.id, e]));
	}

	/** One thread as Zavu answers it; 404 conversation_not_found when there is none. */
	get(id: string): Conversation {
		const thread = this.threads().get(id);
		if (!thread) throw notFound(id);
		return thread.conversation;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'conversations') return undefined;
		const { method } = ctx;
		if (seg.length === 1 && method === 'GET') return ok(this.list(ctx.query));
		if (seg.length < 2) return undefined;
		const id = decodeSegment(seg[1]);
		if (seg.length === 2 && method === 'GET') return ok({ conversation: this.get(id) });
		if (seg.length === 3 && seg[2] === 'messages' && method === 'GET') {
			return ok(this.messagesOf(id, ctx.query));
		}
		if (seg.length === 3 && seg[2] === 'read' && method === 'POST') {
			return ok({ conversation: this.markAsRead(id) });
		}
		return undefined;
	}

	private build(id: string, messages: ThreadMessage[]): Conversation {
		const first = messages[0];
		const last = messages[messages.length - 1];
		const channels = [...new Set(messages.map((m) => m.channel))];
		let updatedAt = messages.reduce(
			(at, m) => later(at, m.updatedAt ?? m.createdAt),
			first.createdAt,
		);
		const readAt = this.readAt.get(id);
		if (readAt) updatedAt = later(updatedAt, readAt);
		const contactIdentifier = contactOf(last);
		const conversation: Conversation = {
			id,
			channels,
			contactIdentifier,
			createdAt: first.createdAt,
			lastMessage: {
				id: last.id,
				at: last.createdAt,
				channel: last.channel as Conversation['lastMessage']['channel'],
				direction: last.direction,
				text: last.text ?? '',
			},
			messageCount: messages.length,
			unreadCount: messages.filter((m) => m.direction === 'inbound' && !this.readMessages.has(m.id))
				.length,
			updatedAt,
		};
		if (contactIdentifier.includes('@') && channels.includes('email')) {
			conversation.email = contactIdentifier;
		}
		const senderId = [...messages].reverse().find((m) => m.senderId)?.senderId;
		if (senderId) conversation.senderId = senderId;
		return conversation;
	}

	private list(query: URLSearchParams) {
		const channel = query.get('channel') || null;
		const senderId = query.get('senderId') || null;
		const search = query.get('search');
		if (channel !== null && !CONVERSATION_FILTER_CHANNELS.includes(channel as FilterChannel)) {
			throw validation(`channel: must be one of ${CONVERSATION_FILTER_CHANNELS.join(', ')}`);
		}
		const threads = this.threads();
		const map = new Map([...threads].map(([id, t]) => [id, t.conversation]));
		return this.host.page(
			'conversations',
			map,
			() => {
				// As Zavu documents: an empty or whitespace-only search finds nothing.
				if (search !== null && search.trim() === '') return [];
				return [...map.values()]
					.filter(
						(c) =>
							(!channel || c.channels.includes(channel)) &&
							(!senderId || c.senderId === senderId) &&
							(search === null || matches(c, search)),
					)
					.map((c) => c.id);
			},
			query,
		);
	}

	/** The thread's messages, newest first (a cursor of one thread is refused by another). */
	private messagesOf(id: string, query: URLSearchParams) {
		const thread = this.threads().get(id);
		if (!thread) throw notFound(id);
		const ids = () =>
			this.host
				.ordered(thread.messages.map((m) => ({ id: m.id, createdAt: m.createdAt })))
				.map((m) => m.id);
		return this.host.page(`conversations/${id}/messages`, this.host.messages, ids, query);
	}

	private markAsRead(id: string): Conversation {
		const thread = this.threads().get(id);
		if (!thread) throw notFound(id);
		for (const m of thread.messages) if (m.direction === 'inbound') this.readMessages.add(m.id);
		this.readAt.set(id, new Date(this.host.now()).toISOString());
		return this.get(id);
	}
}

/** A path segment as Zavu reads it (percent-decoded); a broken escape is a 400. */
function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		throw validation(`path: "${segment}" is not a valid percent-encoded ID`);
	}
}

/**
 * Zavu's identity search, simplified: a number in any format matches the start of the contact's
 * digits; otherwise every term but the last is a whole word of the contact (address, local part)
 * and the last a word's start. Message text is never searched.
 */
function matches(c: Conversation, search: string): boolean {
	const digits = search.replace(/[\s()+\-.]/g, '');
	if (/^\d+$/.test(digits)) return c.contactIdentifier.replace(/\D/g, '').startsWith(digits);
	const words = [c.contactIdentifier, c.email ?? '']
		.flatMap((identity) => [identity, identity.split('@')[0]])
		.map((w) => w.toLowerCase())
		.filter(Boolean);
	const terms = search.trim().toLowerCase().split(/\s+/);
	return terms.every((term, k) =>
		k === terms.length - 1 ? words.some((w) => w.startsWith(term)) : words.includes(term),
	);
}

export const conversations = (host: StandInHost) => new ConversationsModule(host);
