/**
 * The broadcasts module's types and its checks of what clients send (./broadcasts.ts holds the
 * state and the routes). Field names, enums and envelopes: the SDK's resources/broadcasts.
 */
import type {
	Broadcast,
	BroadcastChannel,
	BroadcastContact,
	BroadcastContactStatus,
	BroadcastMessageType,
	BroadcastProgress,
	BroadcastStatus,
} from '@zavudev/sdk/resources/broadcasts/broadcasts';

import { isPlainObject, keysOf, validation } from '../util';
import { randomId } from './contactRules';

export type { Broadcast, BroadcastContact, BroadcastProgress, BroadcastStatus };

export const BROADCAST_CHANNELS: readonly BroadcastChannel[] = keysOf<BroadcastChannel>({
	smart: true,
	sms: true,
	sms_oneway: true,
	whatsapp: true,
	telegram: true,
	email: true,
});
export const BROADCAST_MESSAGE_TYPES: readonly BroadcastMessageType[] =
	keysOf<BroadcastMessageType>({
		text: true,
		image: true,
		video: true,
		audio: true,
		document: true,
		template: true,
	});
export const BROADCAST_STATUSES: readonly BroadcastStatus[] = keysOf<BroadcastStatus>({
	draft: true,
	pending_review: true,
	approved: true,
	rejected: true,
	escalated: true,
	rejected_final: true,
	scheduled: true,
	sending: true,
	paused: true,
	completed: true,
	cancelled: true,
	failed: true,
});
export const BROADCAST_CONTACT_STATUSES: readonly BroadcastContactStatus[] =
	keysOf<BroadcastContactStatus>({
		pending: true,
		queued: true,
		sending: true,
		delivered: true,
		failed: true,
		skipped: true,
	});

/** What one delivered message costs here, in USD. */
export const PRICE = 0.01;
/** SDK: broadcasts.contacts.add, "Maximum 1000 contacts per request". */
export const MAX_CONTACTS_PER_ADD = 1000;
/** SDK: "Maximum 3 review attempts allowed per broadcast". */
export const MAX_REVIEW_ATTEMPTS = 3;

export const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const CONTENT_KEYS = [
	'filename',
	'mediaId',
	'mediaUrl',
	'mimeType',
	'templateId',
	'templateButtonVariables',
	'templateHeaderVariables',
	'templateVariables',
];
const VARIABLE_KEYS = ['templateButtonVariables', 'templateHeaderVariables', 'templateVariables'];

/** Refuses fields the request does not have: a client bug shows as a 400, not silence. */
export function only(body: Record<string, unknown>, keys: string[], where = ''): void {
	const unknown = Object.keys(body).find((key) => !keys.includes(key));
	if (unknown !== undefined) throw validation(`${where}${unknown}: unknown field`);
}

const text = (body: Record<string, unknown>, key: string, required = false): string | undefined => {
	const value = body[key];
	if (value === undefined && !required) return undefined;
	if (typeof value !== 'string' || (required && !value.trim())) {
		throw validation(`${key}: ${required ? 'required, ' : ''}must be a non-empty string`);
	}
	return value;
};

/** A map of text values (metadata, template variables). */
export function stringMap(value: unknown, field: string): Record<string, string> {
	if (!isPlainObject(value) || Object.values(value).some((v) => typeof v !== 'string')) {
		throw validation(`${field}: must be an object of string values`);
	}
	return value as Record<string, string>;
}

export function content(value: unknown): Broadcast['content'] {
	if (!isPlainObject(value)) throw validation('content: must be an object');
	only(value, CONTENT_KEYS, 'content.');
	for (const key of Object.keys(value)) {
		if (VARIABLE_KEYS.includes(key)) stringMap(value[key], `content.${key}`);
		else text(value, key, true);
	}
	return value as Broadcast['content'];
}

/** A future ISO date-time, as `scheduledAt` must be. */
export function futureTime(value: unknown, now: number): string {
	const at = typeof value === 'string' ? Date.parse(value) : NaN;
	if (!Number.isFinite(at)) throw validation('scheduledAt: must be an ISO 8601 date-time');
	if (at <= now) throw validation('scheduledAt: must be in the future');
	return new Date(at).toISOString();
}

/** POST /v1/broadcasts, checked (SDK: BroadcastCreateParams). */
export function createInput(body: Record<string, unknown>, now: number) {
	only(body, [
		'channel',
		'name',
		'content',
		'emailHtmlBody',
		'emailSubject',
		'idempotencyKey',
		'messageType',
		'metadata',
		'scheduledAt',
		'senderId',
		'text',
	]);
	const channel = body.channel as BroadcastChannel;
	if (!BROADCAST_CHANNELS.includes(channel)) {
		throw validation(`channel: must be one of ${BROADCAST_CHANNELS.join(', ')}`);
	}
	const name = text(body, 'name', true) as string;
	const messageType = (body.messageType ?? 'text') as BroadcastMessageType;
	if (!BROADCAST_MESSAGE_TYPES.includes(messageType)) {
		throw validation(`messageType: must be one of ${BROADCAST_MESSAGE_TYPES.join(', ')}`);
	}
	const input = updateInput(body, [
		'channel',
		'idempotencyKey',
		'messageType',
		'scheduledAt',
		'senderId',
	]);
	if (channel === 'email' && !input.emailSubject) {
		throw validation('emailSubject: required for email broadcasts');
	}
	if (messageType === 'text' && !input.text && !(channel === 'email' && input.emailHtmlBody)) {
		throw validation('text: required for text broadcasts');
	}
	if (messageType === 'template' && !input.content?.templateId) {
		throw validation('content.templateId: required for template broadcasts');
	}
	if (
		!['text', 'template'].includes(messageType) &&
		!input.content?.mediaUrl &&
		!input.content?.mediaId
	) {
		throw validation(
			`content.mediaUrl: required for ${messageType} broadcasts (or content.mediaId)`,
		);
	}
	return {
		...input,
		name,
		channel,
		messageType,
		scheduledAt: body.scheduledAt === undefined ? undefined : futureTime(body.scheduledAt, now),
		senderId: text(body, 'senderId'),
		idempotencyKey: text(body, 'idempotencyKey'),
	};
}

/** PATCH /v1/broadcasts/{id}, checked (SDK: BroadcastUpdateParams); `extra`: Create's own keys. */
export function updateInput(body: Record<string, unknown>, extra: string[] = []) {
	only(body, ['content', 'emailHtmlBody', 'emailSubject', 'metadata', 'name', 'text', ...extra]);
	return {
		name: text(body, 'name', body.name !== undefined),
		text: text(body, 'text'),
		emailSubject: text(body, 'emailSubject'),
		emailHtmlBody: text(body, 'emailHtmlBody'),
		metadata: body.metadata === undefined ? undefined : stringMap(body.metadata, 'metadata'),
		content: body.content === undefined ? undefined : content(body.content),
	};
}

/** One contact of an add request; a reason string when Zavu would refuse it. */
export function contactInput(
	value: unknown,
	channel: BroadcastChannel,
	k: number,
): { recipient: string; type: 'phone' | 'email'; extra: Record<string, unknown> } | string {
	if (!isPlainObject(value)) throw validation(`contacts[${k}]: must be an object`);
	only(value, ['recipient', ...VARIABLE_KEYS], `contacts[${k}].`);
	for (const key of VARIABLE_KEYS) {
		if (value[key] !== undefined) stringMap(value[key], `contacts[${k}].${key}`);
	}
	const recipient = typeof value.recipient === 'string' ? value.recipient : '';
	const type = E164.test(recipient) ? 'phone' : EMAIL.test(recipient) ? 'email' : undefined;
	if (!type)
		return 'Invalid recipient: expected a phone number in E.164 format or an email address';
	if (channel === 'email' && type !== 'email') return 'Email broadcasts take email addresses';
	if (channel !== 'email' && channel !== 'smart' && type !== 'phone') {
		return `${channel} broadcasts take phone numbers in E.164 format`;
	}
	const extra = Object.fromEntries(
		VARIABLE_KEYS.filter((key) => value[key]).map((key) => [key, value[key]]),
	);
	return { recipient, type, extra };
}

/** Live counts of a broadcast's contacts (SDK: BroadcastProgress). */
export function progressOf(broadcast: Broadcast, contacts: BroadcastContact[]): BroadcastProgress {
	const n = (status: BroadcastContactStatus) => contacts.filter((c) => c.status === status).length;
	const total = contacts.length;
	const delivered = n('delivered');
	const failed = n('failed');
	const skipped = n('skipped');
	const done = delivered + failed + skipped;
	const progress: BroadcastProgress = {
		broadcastId: broadcast.id,
		status: broadcast.status,
		total,
		delivered,
		failed,
		pending: n('pending'),
		sending: n('sending') + n('queued'),
		skipped,
		percentComplete: total ? Math.round((done / total) * 100) : 0,
		estimatedCost: broadcast.estimatedCost ?? null,
		actualCost: broadcast.actualCost ?? null,
		reservedAmount: broadcast.reservedAmount ?? null,
	};
	if (broadcast.startedAt) progress.startedAt = broadcast.startedAt;
	return progress;
}

/**
 * Adds `list` to a broadcast's recipients `map` as Zavu documents it (SDK: ContactAddResponse): a
 * recipient already there, or earlier in the list, is skipped and counted in `duplicates`.
 */
export function addContacts(
	map: Map<string, BroadcastContact>,
	list: unknown[],
	channel: BroadcastChannel,
	at: string,
) {
	const present = new Set([...map.values()].map((c) => c.recipient.toLowerCase()));
	const errors: Array<{ recipient: string; reason: string }> = [];
	let added = 0;
	let duplicates = 0;
	list.forEach((value, k) => {
		const input = contactInput(value, channel, k);
		if (typeof input === 'string') {
			errors.push({
				recipient: String((value as { recipient?: unknown }).recipient),
				reason: input,
			});
			return;
		}
		const key = input.recipient.toLowerCase();
		if (present.has(key)) {
			duplicates++;
			return;
		}
		present.add(key);
		const contact: BroadcastContact = {
			id: randomId('jx7'),
			createdAt: at,
			recipient: input.recipient,
			recipientType: input.type,
			status: 'pending',
			...input.extra,
		};
		map.set(contact.id, contact);
		added++;
	});
	return { added, duplicates, invalid: errors.length, ...(errors.length ? { errors } : {}) };
}

/** The broadcast's delivery counts and cost, from its recipients. */
export function counts(b: Broadcast, contacts: BroadcastContact[]): Broadcast {
	const n = (status: string) => contacts.filter((c) => c.status === status).length;
	b.deliveredCount = n('delivered');
	b.failedCount = n('failed');
	b.pendingCount = n('pending');
	b.sendingCount = n('sending');
	b.actualCost = b.deliveredCount * PRICE;
	return b;
}
