/**
 * What Zavu does to an existing message, beside sending and reading it (those are the stand-in's
 * own): `POST /v1/messages/{id}/reactions`, `POST /v1/messages/{id}/typing` and
 * `GET /v1/messages/{id}/attachments`, whose signed `downloadUrl`s this module also serves at
 * `/__files/<token>` without the API key, as a real signed URL needs none.
 *
 * Tests seed attachments with `addAttachment` (email messages only, as Zavu stores them) and read
 * what happened in `reactions`, `typing` and `downloads`.
 */
import { randomBytes } from 'node:crypto';
import type * as http from 'node:http';

import type { Message, MessageListAttachmentsResponse } from '@zavudev/sdk/resources/messages';

import { StandInError, isPlainObject, validation } from '../util';
import type { ApiResult, FileResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type Attachment = MessageListAttachmentsResponse.Item;

/** An attachment as stored: its bytes, and whether the file is still there. */
export interface StoredAttachment extends Omit<Attachment, 'downloadUrl'> {
	messageId: string;
	content: Buffer;
	/** False: Zavu no longer has the file, and lists it with `downloadUrl: null`. */
	available: boolean;
	/** How long its signed links work (0: expired at once, for download failures). */
	linkTtlMs: number;
}

export interface AttachmentInput {
	filename: string;
	mimeType: string;
	content: Buffer | string;
	isInline?: boolean;
	contentId?: string | null;
	available?: boolean;
	/** Default 15 minutes. */
	linkTtlMs?: number;
}

/** One request to a signed URL, as the file host saw it. */
export interface Download {
	token: string;
	status: number;
	/** The Authorization header it came with (a signed URL needs none: it should be absent). */
	authorization?: string;
}

/** Long enough for any test; tests expire links with `expireLinks()` or the stand-in's clock. */
const LINK_TTL_MS = 15 * 60 * 1000;

const randomId = (bytes: number) => randomBytes(bytes).toString('hex');

/**
 * One emoji as the reader sees it: a pictograph with its variation selector, skin tone, tag or
 * ZWJ-joined partners (👍🏽, 👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿), a flag (🇲🇽) or a keycap (1️⃣). A regular expression,
 * not Intl.Segmenter, so the stand-in compiles for es2021 on its own.
 */
export const SINGLE_EMOJI =
	/^(?:\p{Regional_Indicator}{2}|[0-9#*]\uFE0F?\u20E3|\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?(?:[\u{E0020}-\u{E007E}]+\u{E007F})?(?:\u200D\p{Extended_Pictographic}\uFE0F?\p{Emoji_Modifier}?)*)$/u;

export const isSingleEmoji = (value: string): boolean => SINGLE_EMOJI.test(value);

export class MessageExtrasModule implements ResourceModule {
	readonly attachments = new Map<string, StoredAttachment>();
	/** The reaction messages created by POST …/reactions, in order. */
	readonly reactions: Message[] = [];
	/** Every typing indicator shown, in order. */
	readonly typing: Array<{ messageId: string; senderId: string | null; at: string }> = [];
	/** Every request to a signed URL, in order. */
	readonly downloads: Download[] = [];
	/** Signed link token → what it opens and until when (epoch ms, on the stand-in's clock). */
	private readonly links = new Map<string, { attachmentId: string; expiresAt: number }>();

	constructor(private readonly host: StandInHost) {}

	/** Stores a file on an email message (Zavu keeps none for other channels). */
	addAttachment(messageId: string, input: AttachmentInput): StoredAttachment {
		const message = this.mustMessage(messageId);
		if (message.channel !== 'email') {
			throw validation(
				`messageId: only email messages have stored attachments, not ${message.channel}`,
			);
		}
		const attachment: StoredAttachment = {
			id: `att_${randomId(10)}`,
			messageId,
			filename: input.filename,
			mimeType: input.mimeType,
			size: Buffer.byteLength(input.content),
			isInline: input.isInline ?? false,
			contentId: input.contentId ?? null,
			createdAt: new Date(this.host.now()).toISOString(),
			content: Buffer.from(input.content),
			available: input.available ?? true,
			linkTtlMs: input.linkTtlMs ?? LINK_TTL_MS,
		};
		this.attachments.set(attachment.id, attachment);
		return attachment;
	}

	/** Every signed link issued so far stops working, as one does when it expires. */
	expireLinks(): void {
		for (const link of this.links.values()) link.expiresAt = this.host.now() - 1;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'messages' || seg.length !== 3) return undefined;
		const [, rawId, action] = seg;
		const { method } = ctx;
		if (action === 'reactions' && method === 'POST') return this.react(rawId, ctx);
		if (action === 'typing' && method === 'POST') return this.showTyping(rawId, ctx);
		if (action === 'attachments' && method === 'GET') return ok(this.list(rawId, ctx.req));
		return undefined;
	}

	/** `GET /__files/<token>`: the bytes while the link lives; S3's 403 once it expired. */
	file(token: string, req: http.IncomingMessage): FileResult | undefined {
		const link = this.links.get(token);
		if (!link) return undefined;
		const attachment = this.attachments.get(link.attachmentId);
		const expired = this.host.now() >= link.expiresAt;
		const result: FileResult =
			expired || !attachment
				? {
						status: 403,
						headers: { 'Content-Type': 'application/xml' },
						body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
					}
				: {
						status: 200,
						headers: {
							'Content-Type': attachment.mimeType,
							'Content-Disposition': `attachment; filename="${attachment.filename}"`,
						},
						body: attachment.content,
					};
		const authorization = req.headers.authorization;
		this.downloads.push({ token, status: result.status, ...(authorization && { authorization }) });
		return result;
	}

	/** POST …/reactions `{ emoji }`: a WhatsApp reaction message to the message's contact. */
	private react(rawId: string, ctx: RouteContext): ApiResult {
		const target = this.mustMessage(decodeSegment(rawId));
		const sender = this.senderOf(ctx);
		if (!ctx.bodyIsJson || !isPlainObject(ctx.body))
			throw validation('body: must be a JSON object');
		const emoji: unknown = ctx.body.emoji;
		if (typeof emoji !== 'string' || emoji === '') throw validation('emoji: is required');
		if (!isSingleEmoji(emoji)) throw validation('emoji: must be a single emoji character');
		if (target.channel !== 'whatsapp') {
			throw validation(`Reactions are only supported for WhatsApp messages, not ${target.channel}`);
		}
		const ts = new Date(this.host.now()).toISOString();
		const reaction: Message = {
			id: `msg_${randomId(10)}`,
			to: target.direction === 'inbound' ? (target.from ?? target.to) : target.to,
			channel: 'whatsapp',
			direction: 'outbound',
			messageType: 'reaction',
			status: 'queued',
			content: { emoji, reactToMessageId: target.id },
			conversationId: target.conversationId,
			senderId: sender ?? target.senderId,
			createdAt: ts,
			updatedAt: ts,
		};
		this.reactions.push(reaction);
		return created({ message: reaction });
	}

	/** POST …/typing: only for an inbound WhatsApp message; answers `{ success: true }`. */
	private showTyping(rawId: string, ctx: RouteContext): ApiResult {
		const message = this.mustMessage(decodeSegment(rawId));
		const sender = this.senderOf(ctx);
		if (message.channel !== 'whatsapp' || message.direction !== 'inbound') {
			throw validation(
				`A typing indicator is only valid for an inbound WhatsApp message; ${message.id} is ${message.direction} ${message.channel}`,
			);
		}
		this.typing.push({
			messageId: message.id,
			senderId: sender,
			at: new Date(this.host.now()).toISOString(),
		});
		return ok({ success: true });
	}

	/** GET …/attachments: the message's files, each with a fresh signed link (null if gone). */
	private list(rawId: string, req: http.IncomingMessage): { items: Attachment[] } {
		const message = this.mustMessage(decodeSegment(rawId));
		const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
		const items = [...this.attachments.values()]
			.filter((a) => a.messageId === message.id)
			.map(({ messageId: _m, content: _c, available, linkTtlMs, ...attachment }) => {
				let downloadUrl: string | null = null;
				if (available) {
					const token = randomId(16);
					this.links.set(token, {
						attachmentId: attachment.id,
						expiresAt: this.host.now() + linkTtlMs,
					});
					downloadUrl = `${origin}/__files/${token}`;
				}
				return { ...attachment, downloadUrl };
			});
		return { items };
	}

	private mustMessage(id: string): Message {
		const message = this.host.messages.get(id) as Message | undefined;
		if (!message) throw new StandInError(404, 'message_not_found', `Message ${id} not found`);
		return message;
	}

	/** The `Zavu-Sender` header, checked (null when absent: Zavu uses the default sender). */
	private senderOf(ctx: RouteContext): string | null {
		const header = ctx.req.headers['zavu-sender'];
		const id = Array.isArray(header) ? header[0] : header;
		if (id === undefined) return null;
		if (!this.host.senders.has(id)) {
			throw new StandInError(404, 'sender_not_found', `Sender ${id} not found`);
		}
		return id;
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

export const messageExtras = (host: StandInHost) => new MessageExtrasModule(host);
