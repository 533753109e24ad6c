/**
 * Phone numbers beyond the list the core answers (`GET /v1/phone-numbers`): the catalogue
 * (`available`, `requirements`), purchase, get, update and release (SDK: resources/phone-numbers;
 * one number is `{ phoneNumber }`). The owned numbers are the core's map (`host.phoneNumbers`),
 * so the list, senders and invitations see what is bought and released here.
 *
 * Choices where the SDK says nothing, kept simple:
 * - the catalogue is made up per country: 30 numbers, even ones with sms+voice+mms, odd ones
 *   voice only; US local numbers are free-eligible;
 * - only DE and FR have requirements (one address + document group); other countries none;
 * - buying any E.164 number the project does not own succeeds (201); one it owns is a 409;
 * - a number is assigned to the sender with the same phone number at start.
 */
import type {
	AvailablePhoneNumber,
	OwnedPhoneNumber,
	PhoneNumberType,
	Requirement,
} from '@zavudev/sdk/resources/phone-numbers';

import { StandInError, isPlainObject, keysOf, validation } from '../util';
import { decodeSegment, E164, only, randomId } from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type { OwnedPhoneNumber };

export const PHONE_NUMBER_TYPES = keysOf<PhoneNumberType>({
	local: true,
	national: true,
	tollFree: true,
	mobile: true,
});
const CAPABILITIES = ['sms', 'voice', 'mms'];
const PREFIX: Record<string, string> = { US: '+1415555', MX: '+5255870', DE: '+4930123' };
const REQUIRING = ['DE', 'FR'];
const NO_CONTENT: ApiResult = { status: 204, body: null };

/** An owned number as the core stores it, with the fields Zavu answers. */
type Stored = OwnedPhoneNumber & { countryCode: string };

export class PhoneNumbersModule implements ResourceModule {
	constructor(private readonly host: StandInHost) {
		for (const number of host.phoneNumbers.values()) this.complete(number);
	}

	/** Adds an owned number (what is not given gets a plain default), for tests. */
	seed(input: Partial<Stored> = {}): Stored {
		const now = new Date(this.host.now()).toISOString();
		const number: Stored = {
			id: randomId('pn_'),
			phoneNumber: `+1555${String(Math.floor(Math.random() * 9e6) + 1e6)}`,
			countryCode: 'US',
			capabilities: ['sms', 'voice'],
			status: 'active',
			pricing: { monthlyCost: 115, monthlyPrice: 1.15, upfrontCost: 100, isFreeNumber: false },
			createdAt: now,
			updatedAt: now,
			...input,
		};
		this.host.phoneNumbers.set(number.id, number);
		return number;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'phone-numbers') return undefined;
		if (seg.length === 1 && ctx.method === 'POST') return this.purchase(ctx);
		if (seg.length !== 2) return undefined;
		if (ctx.method === 'GET' && seg[1] === 'available') return ok(this.available(ctx.query));
		if (ctx.method === 'GET' && seg[1] === 'requirements') return ok(this.requirements(ctx.query));
		const number = this.must(decodeSegment(seg[1]));
		if (ctx.method === 'GET') return ok({ phoneNumber: number });
		if (ctx.method === 'PATCH') return ok({ phoneNumber: this.update(number, ctx) });
		if (ctx.method === 'DELETE') {
			if (number.senderId) {
				throw new StandInError(
					409,
					'phone_number_assigned',
					`Phone number ${number.id} is assigned to sender ${number.senderId}`,
				);
			}
			this.host.phoneNumbers.delete(number.id);
			return NO_CONTENT;
		}
		return undefined;
	}

	/** Gives a number the core seeded the fields Zavu answers (status, pricing, sender). */
	private complete(number: Record<string, unknown>): void {
		const sender = [...this.host.senders.values()].find(
			(s) => s.phoneNumber === number.phoneNumber,
		);
		number.status ??= 'active';
		number.pricing ??= { monthlyCost: 115, monthlyPrice: 1.15, upfrontCost: 0, isFreeNumber: true };
		number.updatedAt ??= number.createdAt;
		if (sender && number.senderId === undefined) number.senderId = sender.id;
	}

	private must(id: string): Stored {
		const number = this.host.phoneNumbers.get(id) as Stored | undefined;
		if (!number)
			throw new StandInError(404, 'phone_number_not_found', `Phone number ${id} not found`);
		return number;
	}

	private country(query: URLSearchParams): { country: string; type: PhoneNumberType | null } {
		const country = query.get('countryCode') ?? '';
		if (!/^[A-Za-z]{2}$/.test(country)) {
			throw validation('countryCode: must be a two-letter ISO country code');
		}
		const type = query.get('type');
		if (type !== null && !PHONE_NUMBER_TYPES.includes(type as PhoneNumberType)) {
			throw validation(`type: must be one of ${PHONE_NUMBER_TYPES.join(', ')}`);
		}
		return { country: country.toUpperCase(), type: type as PhoneNumberType | null };
	}

	private available(query: URLSearchParams): { items: AvailablePhoneNumber[] } {
		const { country, type } = this.country(query);
		const wanted = (query.get('capabilities') ?? '').split(',').filter(Boolean);
		const unknown = wanted.find((c) => !CAPABILITIES.includes(c));
		if (unknown) throw validation(`capabilities: unknown capability ${unknown}`);
		const limit = query.has('limit') ? Number(query.get('limit')) : 20;
		if (!Number.isInteger(limit) || limit < 1)
			throw validation('limit: must be a positive integer');
		const contains = query.get('contains') ?? '';
		const prefix = type === 'tollFree' ? '+1800555' : (PREFIX[country] ?? '+4420790');
		const owned = new Set([...this.host.phoneNumbers.values()].map((n) => n.phoneNumber));
		const items = Array.from({ length: 30 }, (_, k): AvailablePhoneNumber => {
			const full = k % 2 === 0;
			return {
				phoneNumber: `${prefix}${String(2000 + k)}`,
				capabilities: { sms: full, voice: true, mms: full },
				pricing: {
					upfrontPrice: 1,
					monthlyPrice: 1.15,
					isFreeEligible: country === 'US' && (type ?? 'local') === 'local',
				},
				region: country,
			};
		})
			.filter((n) => !owned.has(n.phoneNumber))
			.filter((n) => n.phoneNumber.includes(contains))
			.filter((n) => wanted.every((c) => n.capabilities[c as 'sms' | 'voice' | 'mms']));
		return { items: items.slice(0, limit) };
	}

	private requirements(query: URLSearchParams): { items: Requirement[] } {
		const { country, type } = this.country(query);
		if (!REQUIRING.includes(country)) return { items: [] };
		return {
			items: [
				{
					id: `req_${country.toLowerCase()}_${type ?? 'local'}`,
					action: 'purchase',
					countryCode: country,
					phoneNumberType: type ?? 'local',
					requirementTypes: [
						{
							id: 'rt_address',
							name: 'Business address',
							description: `An address in ${country}`,
							type: 'address',
						},
						{
							id: 'rt_document',
							name: 'Proof of address',
							description: 'A utility bill or bank statement under three months old',
							type: 'document',
						},
					],
				},
			],
		};
	}

	private purchase(ctx: RouteContext): ApiResult {
		if (!ctx.bodyIsJson || !isPlainObject(ctx.body)) {
			throw validation('body: must be a JSON object');
		}
		only(ctx.body, ['phoneNumber', 'name']);
		const { phoneNumber, name } = ctx.body;
		if (typeof phoneNumber !== 'string' || !E164.test(phoneNumber)) {
			throw validation('phoneNumber: must be in E.164 format');
		}
		if (name !== undefined && typeof name !== 'string') throw validation('name: must be a string');
		if ([...this.host.phoneNumbers.values()].some((n) => n.phoneNumber === phoneNumber)) {
			throw new StandInError(409, 'phone_number_unavailable', `${phoneNumber} is not available`);
		}
		const number = this.seed({
			phoneNumber,
			...(name ? { name } : {}),
			countryCode: phoneNumber.startsWith('+1') ? 'US' : 'XX',
		});
		return created({ phoneNumber: number });
	}

	private update(number: Stored, ctx: RouteContext): Stored {
		if (!ctx.bodyIsJson || !isPlainObject(ctx.body)) {
			throw validation('body: must be a JSON object');
		}
		only(ctx.body, ['name', 'senderId']);
		const { name, senderId } = ctx.body;
		if (name !== undefined && name !== null && typeof name !== 'string') {
			throw validation('name: must be a string or null');
		}
		if (senderId !== undefined && senderId !== null) {
			if (typeof senderId !== 'string') throw validation('senderId: must be a string or null');
			if (!this.host.senders.has(senderId)) {
				throw new StandInError(404, 'sender_not_found', `Sender ${senderId} not found`);
			}
		}
		if (name === null) delete number.name;
		else if (name !== undefined) number.name = name;
		if (senderId === null) delete number.senderId;
		else if (senderId !== undefined) number.senderId = senderId;
		number.updatedAt = new Date(
			Math.max(this.host.now(), Date.parse(number.updatedAt ?? number.createdAt) + 1),
		).toISOString();
		return number;
	}
}

export const phoneNumbers = (host: StandInHost) => new PhoneNumbersModule(host);
