/**
 * Contacts and their channels, as Zavu answers `/v1/contacts…` (SDK: resources/contacts). A
 * contact is answered bare, a channel as `{ channel }`, deletes with 204 and no body.
 * Types and input checks: ./contactRules.ts.
 *
 * Choices where the SDK says nothing, kept simple:
 * - a channel (type + identifier) belongs to one contact: adding it again answers 409
 *   `contact_channel_exists`; each type has one primary channel (the first, unless told);
 * - a merged source contact is gone from the API (404 naming its target); its channels move to
 *   the target, duplicates dropped and the target's primaries kept;
 * - PATCH `metadata` replaces the metadata; `search` ranks exact, then prefix, then other matches;
 * - tags are seeded by tests (`tag(...)`): this SDK version has no tag routes.
 */
import { StandInError, isPlainObject, validation } from '../util';
import type { ChannelInput, Contact, ContactChannel, ContactChannelType } from './contactRules';
import {
	CONTACT_CHANNELS,
	E164,
	PHONE_CHANNELS,
	channelInput,
	decodeSegment,
	hasChannel,
	listFilters,
	only,
	optional,
	randomId,
	searchRank,
	stringMap,
} from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type { Contact, ContactChannel, ContactChannelType };
export { CONTACT_CHANNELS };

/** What `seed` takes: a create body, plus what only Zavu sets. */
export interface ContactSeed {
	channels: Array<{ channel: ContactChannelType; identifier: string; [key: string]: unknown }>;
	displayName?: string;
	metadata?: Record<string, string>;
	profileName?: string | null;
	/** Tag names; each becomes one of the project's tags. */
	tags?: string[];
}

const NO_CONTENT: ApiResult = { status: 204, body: null };

export class ContactsModule implements ResourceModule {
	readonly contacts = new Map<string, Contact>();
	/** Tags by contact id (lower case); `knownTags`: the project's tags. */
	readonly tags = new Map<string, Set<string>>();
	readonly knownTags = new Set<string>();
	/** Merged source contact id → the target it was merged into. */
	readonly merged = new Map<string, string>();

	constructor(private readonly host: StandInHost) {}

	/** A contact as POST /v1/contacts creates it, plus what only Zavu sets (for tests). */
	seed(input: ContactSeed): Contact {
		const contact = this.create(input as unknown as Record<string, unknown>, false);
		if (input.profileName !== undefined) contact.profileName = input.profileName;
		if (input.tags) this.tag(contact.id, ...input.tags);
		return contact;
	}

	/** Puts tags on a contact, adding them to the project's tags. */
	tag(contactId: string, ...names: string[]): void {
		const set = this.tags.get(contactId) ?? new Set<string>();
		for (const name of names) {
			this.knownTags.add(name.toLowerCase());
			set.add(name.toLowerCase());
		}
		this.tags.set(contactId, set);
	}

	/** The contact; 404 `contact_not_found` (naming the target when it was merged). */
	must(id: string): Contact {
		const contact = this.contacts.get(id);
		if (contact) return contact;
		const target = this.merged.get(id);
		const why = target ? `was merged into ${target}` : 'not found';
		throw new StandInError(404, 'contact_not_found', `Contact ${id} ${why}`);
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'contacts') return undefined;
		const { method } = ctx;
		const [, id, sub, channelId, action] = seg.map(decodeSegment);
		if (seg.length === 1 && method === 'POST') return created(this.create(this.body(ctx), true));
		if (seg.length === 1 && method === 'GET') return ok(this.list(ctx.query));
		if (seg.length === 3 && id === 'phone' && method === 'GET') return ok(this.byPhone(sub));
		if (seg.length < 2) return undefined;
		const contact = this.must(id);
		if (seg.length === 2 && method === 'GET') return ok(contact);
		if (seg.length === 2 && method === 'PATCH') return ok(this.update(contact, this.body(ctx)));
		if (seg.length === 2 && method === 'DELETE') {
			this.contacts.delete(contact.id);
			this.tags.delete(contact.id);
			return NO_CONTENT;
		}
		if (seg.length === 3 && sub === 'merge' && method === 'POST') {
			return ok(this.merge(contact, this.body(ctx)));
		}
		if (sub !== 'channels') return undefined;
		if (seg.length === 3 && method === 'POST') {
			const input = channelInput(this.body(ctx), '', true);
			const channel = this.attach(contact, input, '', true);
			this.refresh(contact);
			return created({ channel });
		}
		if (seg.length < 4) return undefined;
		const channel = contact.channels.find((c) => c.id === channelId);
		if (!channel) {
			const message = `Channel ${channelId} not found on contact ${contact.id}`;
			throw new StandInError(404, 'channel_not_found', message);
		}
		if (seg.length === 4 && method === 'PATCH') {
			return ok({ channel: this.updateChannel(contact, channel, this.body(ctx)) });
		}
		if (seg.length === 4 && method === 'DELETE') {
			this.removeChannel(contact, channel);
			return NO_CONTENT;
		}
		if (seg.length === 5 && action === 'primary' && method === 'POST') {
			for (const c of contact.channels) {
				if (c.channel === channel.channel) c.isPrimary = c === channel;
			}
			channel.updatedAt = this.refresh(contact).updatedAt;
			return ok({ channel });
		}
		return undefined;
	}

	private body(ctx: RouteContext): Record<string, unknown> {
		if (!ctx.bodyIsJson) {
			throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
		}
		if (!isPlainObject(ctx.body)) throw validation('body: a JSON object is required');
		return ctx.body;
	}

	private create(body: Record<string, unknown>, strict: boolean): Contact {
		if (strict) only(body, ['channels', 'displayName', 'metadata']);
		if (!Array.isArray(body.channels) || body.channels.length === 0) {
			throw validation('channels: at least one channel is required');
		}
		const inputs = body.channels.map((input, k) => channelInput(input, `channels[${k}].`, strict));
		const ts = new Date(this.host.now()).toISOString();
		const contact: Contact = {
			id: randomId('jx7'),
			availableChannels: [],
			channels: [],
			createdAt: ts,
			updatedAt: ts,
			metadata: body.metadata === undefined ? {} : stringMap(body.metadata, 'metadata'),
			verified: false,
			profileName: null,
		};
		const displayName = optional<string>(body, 'displayName', 'string');
		if (displayName) contact.displayName = displayName;
		inputs.forEach((input, k) => this.attach(contact, input, `channels[${k}].`, false));
		this.contacts.set(contact.id, contact);
		return this.refresh(contact);
	}

	/**
	 * Adds a checked channel to `contact`. In a new contact's list a type has at most one primary;
	 * a channel added later as primary (`takeOver`) takes over from the type's previous one.
	 */
	private attach(contact: Contact, input: ChannelInput, at: string, takeOver: boolean) {
		const { channel: type, identifier } = input;
		if (!takeOver && hasChannel(contact, type, identifier)) {
			throw validation(`${at.replace(/\.$/, '')}: repeats another channel of the list`);
		}
		const owner = [...this.contacts.values()].find((c) => hasChannel(c, type, identifier));
		if (owner) {
			const message = `${type} ${identifier} already belongs to contact ${owner.id}`;
			throw new StandInError(409, 'contact_channel_exists', message);
		}
		const sameType = contact.channels.filter((c) => c.channel === type);
		if (input.isPrimary && !takeOver && sameType.some((c) => c.isPrimary)) {
			throw validation(`${at}isPrimary: another ${type} channel of the list is primary`);
		}
		const ts = new Date(this.host.now()).toISOString();
		const channel: ContactChannel = {
			id: randomId('js7'),
			channel: type,
			identifier,
			isPrimary: input.isPrimary === true,
			verified: false,
			metadata: {},
			createdAt: ts,
			updatedAt: ts,
		};
		if (input.countryCode !== undefined) channel.countryCode = input.countryCode;
		if (input.label) channel.label = input.label;
		if (channel.isPrimary) sameType.forEach((c) => (c.isPrimary = false));
		contact.channels.push(channel);
		return channel;
	}

	/** One primary per type, the fields Zavu derives from the channels, a new updatedAt. */
	private refresh(contact: Contact): Contact {
		for (const type of CONTACT_CHANNELS) {
			const ofType = contact.channels.filter((c) => c.channel === type);
			if (ofType.length && !ofType.some((c) => c.isPrimary)) ofType[0].isPrimary = true;
		}
		contact.availableChannels = CONTACT_CHANNELS.filter((t) =>
			contact.channels.some((c) => c.channel === t),
		);
		const primary = (t: ContactChannelType) =>
			contact.channels.find((c) => c.channel === t && c.isPrimary);
		const phone = PHONE_CHANNELS.map(primary).find(Boolean);
		const email = primary('email');
		for (const key of ['primaryPhone', 'phoneNumber', 'countryCode', 'primaryEmail'] as const) {
			delete contact[key];
		}
		if (phone) contact.primaryPhone = contact.phoneNumber = phone.identifier;
		if (phone?.countryCode) contact.countryCode = phone.countryCode;
		if (email) contact.primaryEmail = email.identifier;
		const now = Math.max(this.host.now(), Date.parse(contact.updatedAt) + 1);
		contact.updatedAt = new Date(now).toISOString();
		return contact;
	}

	private update(contact: Contact, body: Record<string, unknown>): Contact {
		only(body, ['defaultChannel', 'displayName', 'metadata']);
		const { defaultChannel, displayName } = body;
		if (defaultChannel === null) delete contact.defaultChannel;
		else if (defaultChannel !== undefined) {
			if (!CONTACT_CHANNELS.includes(defaultChannel as ContactChannelType)) {
				throw validation(`defaultChannel: must be one of ${CONTACT_CHANNELS.join(', ')} or null`);
			}
			contact.defaultChannel = defaultChannel as ContactChannelType;
		}
		if (displayName === null) delete contact.displayName;
		else if (displayName !== undefined) {
			contact.displayName = optional<string>(body, 'displayName', 'string');
		}
		if (body.metadata !== undefined) contact.metadata = stringMap(body.metadata, 'metadata');
		return this.refresh(contact);
	}

	private merge(target: Contact, body: Record<string, unknown>): Contact {
		only(body, ['sourceContactId']);
		const sourceId = body.sourceContactId;
		if (typeof sourceId !== 'string' || sourceId === '') {
			throw validation('sourceContactId: is required');
		}
		if (sourceId === target.id) {
			throw validation('sourceContactId: a contact cannot be merged into itself');
		}
		const source = this.must(sourceId);
		for (const channel of source.channels) {
			if (hasChannel(target, channel.channel, channel.identifier)) continue;
			const typeHasPrimary = target.channels.some(
				(c) => c.channel === channel.channel && c.isPrimary,
			);
			target.channels.push({ ...channel, isPrimary: channel.isPrimary && !typeHasPrimary });
		}
		this.contacts.delete(source.id);
		this.tags.delete(source.id);
		this.merged.set(source.id, target.id);
		return this.refresh(target);
	}

	private updateChannel(contact: Contact, channel: ContactChannel, body: Record<string, unknown>) {
		only(body, ['label', 'metadata', 'verified']);
		if (body.label === null) delete channel.label;
		else if (body.label !== undefined) channel.label = optional<string>(body, 'label', 'string');
		if (body.metadata !== undefined) channel.metadata = stringMap(body.metadata, 'metadata');
		const verified = optional<boolean>(body, 'verified', 'boolean');
		if (verified !== undefined) channel.verified = verified;
		channel.updatedAt = this.refresh(contact).updatedAt;
		return channel;
	}

	private removeChannel(contact: Contact, channel: ContactChannel): void {
		if (contact.channels.length === 1) {
			const message = 'Cannot remove the last channel of a contact';
			throw new StandInError(400, 'cannot_remove_last_channel', message);
		}
		contact.channels = contact.channels.filter((c) => c !== channel);
		this.refresh(contact);
	}

	private byPhone(phone: string): Contact {
		if (!E164.test(phone)) throw validation('phoneNumber: must be in E.164 format');
		const found = [...this.contacts.values()].find((c) =>
			c.channels.some((ch) => PHONE_CHANNELS.includes(ch.channel) && ch.identifier === phone),
		);
		if (found) return found;
		throw new StandInError(404, 'contact_not_found', `No contact has the phone number ${phone}`);
	}

	private list(query: URLSearchParams) {
		const { phoneNumber, tags, search } = listFilters(query, this.knownTags);
		const ids = () => {
			const all = this.host
				.ordered([...this.contacts.values()])
				.filter(
					(c) =>
						(phoneNumber === null || c.primaryPhone === phoneNumber) &&
						tags.every((t) => this.tags.get(c.id)?.has(t)),
				);
			if (!search) return all.map((c) => c.id);
			return all
				.map((c) => ({ id: c.id, rank: searchRank(c, search) }))
				.filter((r) => r.rank < 3)
				.sort((a, b) => a.rank - b.rank)
				.map((r) => r.id);
		};
		return this.host.page('contacts', this.contacts, ids, query);
	}
}

export const contacts = (host: StandInHost) => new ContactsModule(host);
