/**
 * The contacts module's entity types and its checks of what clients send (./contacts.ts holds
 * the state and the routes). Field names, enums and envelopes: the SDK's resources/contacts.
 */
import { randomBytes } from 'node:crypto';

import type {
	Contact as SdkContact,
	ContactChannel as SdkChannel,
} from '@zavudev/sdk/resources/contacts';

import { isPlainObject, keysOf, validation } from '../util';

export type ContactChannelType = SdkChannel['channel'];
/** The SDK's channel with its metadata and updatedAt always present. */
export type ContactChannel = SdkChannel & { metadata: Record<string, string>; updatedAt: string };
/** The SDK's Contact with its channels and updatedAt always present. */
export type Contact = Omit<SdkContact, 'channels'> & {
	channels: ContactChannel[];
	updatedAt: string;
};

/** A Record over the SDK's union, in the order `availableChannels` lists them. */
export const CONTACT_CHANNELS: readonly ContactChannelType[] = keysOf<ContactChannelType>({
	sms: true,
	whatsapp: true,
	voice: true,
	email: true,
	telegram: true,
	instagram: true,
	messenger: true,
});
/** Channels whose identifier is a phone number; the first primary one is `primaryPhone`. */
export const PHONE_CHANNELS: readonly ContactChannelType[] = ['sms', 'whatsapp', 'voice'];

export const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIST_PARAMS = ['limit', 'cursor', 'phoneNumber', 'search', 'tag'];

/** Convex-style ids, as the SDK's examples show them (`jx7xyz789`). */
export function randomId(prefix: string): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return prefix + [...randomBytes(17)].map((b) => alphabet[b % alphabet.length]).join('');
}

export function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Whether the contact has this channel (identifiers compared ignoring case). */
export const hasChannel = (contact: Contact, type: string, identifier: string) =>
	contact.channels.some(
		(c) => c.channel === type && c.identifier.toLowerCase() === identifier.toLowerCase(),
	);

/** Refuses fields the request does not have: a client bug shows as a 400, not silence. */
export function only(body: Record<string, unknown>, allowed: string[], at = ''): void {
	const unknown = Object.keys(body).find((key) => !allowed.includes(key));
	if (unknown !== undefined) throw validation(`${at}${unknown}: is not a field of this request`);
}

export function stringMap(value: unknown, field: string): Record<string, string> {
	if (!isPlainObject(value) || !Object.values(value).every((v) => typeof v === 'string')) {
		throw validation(`${field}: must be an object of string values`);
	}
	return { ...(value as Record<string, string>) };
}

export function optional<T>(
	body: Record<string, unknown>,
	key: string,
	type: 'string' | 'boolean',
	at = '',
): T | undefined {
	const value = body[key];
	if (value === undefined) return undefined;
	if (typeof value !== type) throw validation(`${at}${key}: must be a ${type}`);
	return value as T;
}

export interface ChannelInput {
	channel: ContactChannelType;
	identifier: string;
	countryCode?: string;
	isPrimary?: boolean;
	label?: string;
}

/** A create or add-channel input, checked (`at`: where it is, e.g. `channels[0].`). */
export function channelInput(input: unknown, at: string, strict: boolean): ChannelInput {
	if (!isPlainObject(input)) throw validation(`${at.replace(/\.$/, '')}: must be an object`);
	if (strict) only(input, ['channel', 'identifier', 'countryCode', 'isPrimary', 'label'], at);
	const channel = input.channel as ContactChannelType;
	if (!CONTACT_CHANNELS.includes(channel)) {
		throw validation(`${at}channel: must be one of ${CONTACT_CHANNELS.join(', ')}`);
	}
	const identifier = input.identifier;
	if (typeof identifier !== 'string' || identifier.trim() === '') {
		throw validation(`${at}identifier: is required`);
	}
	if (PHONE_CHANNELS.includes(channel) && !E164.test(identifier)) {
		throw validation(`${at}identifier: must be a phone number in E.164 format for ${channel}`);
	}
	if (channel === 'email' && !EMAIL.test(identifier)) {
		throw validation(`${at}identifier: must be an email address`);
	}
	const countryCode = optional<string>(input, 'countryCode', 'string', at);
	if (countryCode !== undefined && !/^[A-Z]{2}$/.test(countryCode)) {
		throw validation(`${at}countryCode: must be a two-letter ISO country code in capitals`);
	}
	return {
		channel,
		identifier,
		countryCode,
		isPrimary: optional<boolean>(input, 'isPrimary', 'boolean', at),
		label: optional<string>(input, 'label', 'string', at),
	};
}

export interface ListFilters {
	phoneNumber: string | null;
	/** Lower case; every one must be a known tag. */
	tags: string[];
	/** Folded (see `fold`); empty: no search. */
	search: string;
}

/** GET /v1/contacts's query, checked: a parameter it does not take (`tag[0]`) is a 400. */
export function listFilters(query: URLSearchParams, knownTags: Set<string>): ListFilters {
	const unknown = [...query.keys()].find((key) => !LIST_PARAMS.includes(key));
	if (unknown !== undefined) throw validation(`${unknown}: is not a query parameter`);
	const phoneNumber = query.get('phoneNumber') || null;
	if (phoneNumber !== null && !E164.test(phoneNumber)) {
		throw validation('phoneNumber: must be in E.164 format');
	}
	const tags = query.getAll('tag').map((t) => t.toLowerCase());
	const missing = tags.find((t) => !knownTags.has(t));
	// Zavu: "An unknown tag returns 400 rather than being ignored".
	if (missing !== undefined) throw validation(`tag: unknown tag "${missing}"`);
	return { phoneNumber, tags, search: fold(query.get('search') ?? '').trim() };
}

/** Lower case, without accents: how Zavu compares search text. */
export const fold = (s: string) =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();

/**
 * How well a contact matches a (folded) search: 0 exact, 1 prefix, 2 contained (a phone number
 * also by its last digits, `5551234` finds `+14155551234`), 3 no match.
 */
export function searchRank(contact: Contact, search: string): number {
	const digits = search.replace(/\D/g, '');
	const phoneLike = /^\+?[\d\s()-]+$/.test(search) && digits.length > 0;
	const texts = [
		...contact.channels.map((c) => c.identifier),
		contact.displayName,
		contact.profileName,
	];
	let best = 3;
	for (const text of texts) {
		if (!text) continue;
		const folded = fold(text);
		if (folded === search) return 0;
		if (folded.includes(search)) best = Math.min(best, folded.startsWith(search) ? 1 : 2);
		if (phoneLike && E164.test(text) && text.slice(1).endsWith(digits)) best = Math.min(best, 2);
	}
	return best;
}
