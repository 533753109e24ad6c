/**
 * Senders beyond what the stand-in core answers (ZavuStandIn.ts keeps the senders map, seeds it,
 * lists them and answers GET / PATCH /v1/senders/{id} and the secret rotation). This module adds
 * POST /v1/senders, DELETE /v1/senders/{id} and the WhatsApp Business profile
 * (GET / PATCH /v1/senders/{id}/profile), on the core's own map and webhook hub: one source of truth.
 *
 * Choices where the SDK says nothing, kept simple:
 * - a new sender's channels follow its inputs: phoneNumber → sms, enableVoice → voice,
 *   enableSmsOneway → sms_oneway, emailAddress → email (any domain counts as verified);
 * - the profile exists only on a sender with the whatsapp channel (else 400
 *   `whatsapp_not_connected`), starting empty;
 * - unknown body fields are refused (a client typo shows as a 400, not silence).
 */
import type {
	SenderCreateParams,
	WhatsappBusinessProfile,
	WhatsappBusinessProfileVertical,
} from '@zavudev/sdk/resources/senders/senders';

import type { Sender } from '../ZavuStandIn';
import { StandInError, isPlainObject, keysOf, validation } from '../util';
import { E164, decodeSegment, only, optional, randomId } from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

/** A sender as this module stores it: the core's, plus the create inputs the core does not keep. */
export type StoredSender = Sender & {
	emailFromName?: string;
	emailReceivingEnabled?: boolean;
};

const CREATE_FIELDS = keysOf<keyof SenderCreateParams>({
	name: true,
	emailAddress: true,
	emailDomainId: true,
	emailFromName: true,
	emailReceivingEnabled: true,
	enableSmsOneway: true,
	enableVoice: true,
	phoneNumber: true,
	setAsDefault: true,
	webhookEvents: true,
	webhookSignatureVersion: true,
	webhookUrl: true,
});

export const VERTICALS = keysOf<WhatsappBusinessProfileVertical>({
	UNDEFINED: true,
	OTHER: true,
	AUTO: true,
	BEAUTY: true,
	APPAREL: true,
	EDU: true,
	ENTERTAIN: true,
	EVENT_PLAN: true,
	FINANCE: true,
	GROCERY: true,
	GOVT: true,
	HOTEL: true,
	HEALTH: true,
	NONPROFIT: true,
	PROF_SERVICES: true,
	RETAIL: true,
	TRAVEL: true,
	RESTAURANT: true,
	NOT_A_BIZ: true,
});

/** The SDK's documented limits on the profile's text fields. */
const PROFILE_TEXT = { about: 139, address: 256, description: 512, email: 256 } as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NO_CONTENT: ApiResult = { status: 204, body: null };

const iso = (ms: number) => new Date(ms).toISOString();

function objectBody(ctx: RouteContext): Record<string, unknown> {
	if (!ctx.bodyIsJson)
		throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
	if (!isPlainObject(ctx.body)) throw validation('body: must be a JSON object');
	return ctx.body;
}

export class SendersModule implements ResourceModule {
	/** WhatsApp Business profiles by sender id (created empty on first use). */
	readonly profiles = new Map<string, WhatsappBusinessProfile>();

	constructor(private readonly host: StandInHost) {}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'senders') return undefined;
		if (seg.length === 1 && ctx.method === 'POST') return created(this.create(objectBody(ctx)));
		const id = seg[1] === undefined ? '' : decodeSegment(seg[1]);
		if (seg.length === 2 && ctx.method === 'DELETE') {
			this.delete(id);
			return NO_CONTENT;
		}
		if (seg.length === 3 && seg[2] === 'profile') {
			if (ctx.method === 'GET') return ok({ profile: { ...this.profile(id) } });
			if (ctx.method === 'PATCH') {
				return ok({ success: true, profile: this.updateProfile(id, objectBody(ctx)) });
			}
		}
		return undefined;
	}

	private must(id: string): StoredSender {
		const sender = this.host.senders.get(id) as StoredSender | undefined;
		if (!sender) throw new StandInError(404, 'sender_not_found', `Sender ${id} not found`);
		return sender;
	}

	/** `POST /v1/senders`: every field checked before anything is stored. */
	create(body: Record<string, unknown>): StoredSender & { webhook?: { secret?: string } } {
		only(body, [...CREATE_FIELDS]);
		const name = optional<string>(body, 'name', 'string');
		if (!name?.trim()) throw validation('name: is required');
		const phone = optional<string>(body, 'phoneNumber', 'string');
		if (phone !== undefined) {
			if (!E164.test(phone)) throw validation('phoneNumber: must be in E.164 format');
			const owned = [...this.host.phoneNumbers.values()].some((p) => p.phoneNumber === phone);
			if (!owned) throw validation(`phoneNumber: ${phone} is not a phone number of this project`);
			const taken = [...this.host.senders.values()].find((s) => s.phoneNumber === phone);
			if (taken)
				throw validation(`phoneNumber: ${phone} is already attached to sender ${taken.id}`);
		}
		const email = optional<string>(body, 'emailAddress', 'string');
		if (email !== undefined && !EMAIL.test(email)) {
			throw validation('emailAddress: must be an email address');
		}
		optional(body, 'emailDomainId', 'string');
		const fromName = optional<string>(body, 'emailFromName', 'string');
		const receiving = optional<boolean>(body, 'emailReceivingEnabled', 'boolean');
		const oneway = optional<boolean>(body, 'enableSmsOneway', 'boolean');
		const voice = optional<boolean>(body, 'enableVoice', 'boolean');
		const setAsDefault = optional<boolean>(body, 'setAsDefault', 'boolean');
		if (voice && phone === undefined) {
			throw validation('enableVoice: needs a phoneNumber for the sender to call from');
		}

		const now = iso(this.host.now());
		const sender: StoredSender = {
			id: randomId('snd_'),
			name,
			phoneNumber: phone ?? null,
			emailAddress: email ?? null,
			channels: [
				...(phone !== undefined ? ['sms'] : []),
				...(voice ? ['voice'] : []),
				...(oneway ? ['sms_oneway'] : []),
				...(email !== undefined ? ['email'] : []),
			],
			isDefault: setAsDefault === true,
			createdAt: now,
			updatedAt: now,
			...(fromName !== undefined && { emailFromName: fromName }),
			...(receiving !== undefined && { emailReceivingEnabled: receiving }),
		};
		// The hub checks the webhook fields (and refuses them) before the sender exists anywhere.
		const hooks = Object.fromEntries(
			Object.entries(body).filter(([key]) => key.startsWith('webhook')),
		);
		const secret = Object.keys(hooks).length
			? this.host.webhooks.updateSender(sender, hooks)
			: undefined;
		if (sender.isDefault) for (const s of this.host.senders.values()) s.isDefault = false;
		this.host.senders.set(sender.id, sender);
		return secret !== undefined && sender.webhook
			? { ...sender, webhook: { ...sender.webhook, secret } }
			: sender;
	}

	/** `DELETE /v1/senders/{id}`: its webhook (and secret) and profile go with it. */
	delete(id: string): void {
		const sender = this.must(id);
		if (sender.webhook) this.host.webhooks.updateSender(sender, { webhookUrl: null });
		this.profiles.delete(id);
		this.host.senders.delete(id);
	}

	/** The sender's profile; 400 when it has no WhatsApp Business Account connected. */
	profile(id: string): WhatsappBusinessProfile {
		const sender = this.must(id);
		if (!sender.channels.includes('whatsapp')) {
			throw new StandInError(
				400,
				'whatsapp_not_connected',
				`Sender ${id} has no WhatsApp Business Account connected`,
			);
		}
		let profile = this.profiles.get(id);
		if (!profile) {
			profile = {};
			this.profiles.set(id, profile);
		}
		return profile;
	}

	/** `PATCH /v1/senders/{id}/profile`: the given fields replace the stored ones. */
	updateProfile(id: string, body: Record<string, unknown>): WhatsappBusinessProfile {
		const profile = this.profile(id);
		only(body, [...Object.keys(PROFILE_TEXT), 'vertical', 'websites']);
		const next: WhatsappBusinessProfile = {};
		for (const [key, max] of Object.entries(PROFILE_TEXT) as Array<
			[keyof typeof PROFILE_TEXT, number]
		>) {
			const value = optional<string>(body, key, 'string');
			if (value === undefined) continue;
			if (value.length > max) throw validation(`${key}: at most ${max} characters`);
			if (key === 'email' && !EMAIL.test(value))
				throw validation('email: must be an email address');
			next[key] = value;
		}
		if (body.vertical !== undefined) {
			if (!VERTICALS.includes(body.vertical as WhatsappBusinessProfileVertical)) {
				throw validation(`vertical: must be one of ${VERTICALS.join(', ')}`);
			}
			next.vertical = body.vertical as WhatsappBusinessProfileVertical;
		}
		if (body.websites !== undefined) {
			const sites = body.websites;
			if (!Array.isArray(sites) || sites.length > 2 || !sites.every((w) => typeof w === 'string')) {
				throw validation('websites: must be an array of at most 2 URLs');
			}
			next.websites = [...(sites as string[])];
		}
		Object.assign(profile, next);
		return { ...profile };
	}
}

export const senders = (host: StandInHost) => new SendersModule(host);
