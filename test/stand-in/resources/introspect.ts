/**
 * POST /v1/introspect/phone and POST /v1/introspect/email, as Zavu answers them (the
 * `Introspect*` types of @zavudev/sdk). Zavu looks numbers up with carriers and e-mail domains
 * in DNS; the stand-in decides from fixed rules instead, so every answer is deterministic:
 *
 * Phone: strict E.164 only (no spaces or dashes). A calling code of COUNTRIES with a national
 * number of its length is valid; anything else is `validNumber: false`. The line type comes from
 * the country's prefixes (e.g. +56 9… mobile, +56 2… landline, +1 800… toll-free, +44 56… VoIP);
 * a NANP number that is not toll-free is mobile.
 *
 * E-mail: bad syntax → undeliverable; a `.invalid` domain (RFC 2606) → domain_not_found; a
 * domain starting with `nomx.` → domain_no_mx; DISPOSABLE_DOMAINS, ROLE_LOCAL_PARTS, and the
 * project's suppression list (`api.modules.introspect.suppress(...)`) flag the rest.
 */
import type {
	IntrospectValidateEmailResponse,
	IntrospectValidatePhoneResponse,
	LineType,
} from '@zavudev/sdk/resources/introspect';

import { isPlainObject, keysOf, StandInError, validation } from '../util';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { ok } from './types';

export type EmailResult = IntrospectValidateEmailResponse.Result;
export type EmailReason = EmailResult['reasons'][number];
export type Verdict = EmailResult['verdict'];
export type SuppressionReason =
	| 'hard_bounce'
	| 'soft_bounce'
	| 'complaint'
	| 'manual'
	| 'unsubscribe';

export const LINE_TYPES: readonly LineType[] = keysOf<LineType>({
	mobile: true,
	landline: true,
	voip: true,
	toll_free: true,
	unknown: true,
});

/** Each reason's weight: undeliverable ones block the address, the others only make it risky. */
const REASON_VERDICT: Readonly<Record<EmailReason, Exclude<Verdict, 'deliverable'>>> = {
	invalid_syntax: 'undeliverable',
	domain_not_found: 'undeliverable',
	domain_no_mx: 'risky',
	disposable_domain: 'risky',
	role_address: 'risky',
	suppressed_hard_bounce: 'undeliverable',
	suppressed_soft_bounce: 'risky',
	suppressed_complaint: 'undeliverable',
	suppressed_manual: 'undeliverable',
	suppressed_unsubscribe: 'undeliverable',
};
export const EMAIL_REASONS: readonly EmailReason[] = Object.keys(REASON_VERDICT) as EmailReason[];

/** Zavu's batch limit (`emails`, max 100). */
export const MAX_EMAILS = 100;

export const DISPOSABLE_DOMAINS: readonly string[] =
	'mailinator.com guerrillamail.com 10minutemail.com yopmail.com tempmail.com trashmail.com'.split(
		' ',
	);

export const ROLE_LOCAL_PARTS: readonly string[] = (
	'info contact contacto sales ventas support soporte admin billing hello hola noreply no-reply ' +
	'postmaster webmaster'
).split(' ');

interface Country {
	iso: string;
	/** National number lengths accepted. */
	lengths: [number, number];
	/** National-number prefixes → line type, longest first; unmatched numbers get `otherwise`. */
	prefixes: Array<[string, LineType]>;
	otherwise: LineType;
	/** The mobile carrier Zavu would name (others get null). */
	carrier: string;
}

function country(
	iso: string,
	lengths: [number, number],
	otherwise: LineType,
	carrier: string,
	prefixes: Partial<Record<LineType, string[]>>,
): Country {
	const pairs = Object.entries(prefixes).flatMap(([type, list]) =>
		(list ?? []).map((prefix): [string, LineType] => [prefix, type as LineType]),
	);
	pairs.sort(([a], [b]) => b.length - a.length);
	return { iso, lengths, otherwise, carrier, prefixes: pairs };
}

/** By calling code. +1 is NANP: Canada by a few area codes, the US otherwise. */
const COUNTRIES: Record<string, Country> = {
	'1': country('US', [10, 10], 'mobile', 'T-Mobile USA', {
		toll_free: ['800', '833', '844', '855', '866', '877', '888'],
	}),
	'34': country('ES', [9, 9], 'landline', 'Movistar', { toll_free: ['900'], mobile: ['6', '7'] }),
	'44': country('GB', [10, 10], 'landline', 'EE', {
		toll_free: ['800', '808'],
		voip: ['56'],
		mobile: ['7'],
	}),
	'49': country('DE', [10, 11], 'landline', 'Telekom', {
		toll_free: ['800'],
		mobile: ['15', '16', '17'],
	}),
	'52': country('MX', [10, 10], 'mobile', 'Telcel', { toll_free: ['800'] }),
	'56': country('CL', [9, 9], 'unknown', 'Entel', {
		toll_free: ['800'],
		mobile: ['9'],
		landline: ['2'],
	}),
	'57': country('CO', [10, 10], 'unknown', 'Claro', { mobile: ['3'], landline: ['60'] }),
};
const CANADA_AREA_CODES = ['204', '416', '438', '514', '604', '613', '647', '780', '905'];

/** What each line type can receive (a toll-free number takes SMS only in NANP). */
function channelsOf(lineType: LineType, iso: string): string[] {
	if (lineType === 'mobile') return ['sms', 'whatsapp', 'voice'];
	if (lineType === 'voip') return ['sms', 'voice'];
	if (lineType === 'toll_free') return iso === 'US' || iso === 'CA' ? ['sms', 'voice'] : ['voice'];
	if (lineType === 'landline') return ['voice'];
	return [];
}

const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** (415) 555-1234 in NANP; elsewhere groups of four from the end, e.g. 9 1234 5678. */
function nationalFormat(code: string, national: string): string {
	if (code === '1') return `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`;
	const groups: string[] = [];
	for (let end = national.length; end > 0; end -= 4)
		groups.unshift(national.slice(Math.max(0, end - 4), end));
	return groups.join(' ');
}

export function validatePhone(phoneNumber: string): IntrospectValidatePhoneResponse {
	const invalid = { phoneNumber, countryCode: '', validNumber: false, availableChannels: [] };
	if (!E164.test(phoneNumber)) return invalid;
	const digits = phoneNumber.slice(1);
	const code = ['1', '2', '3'].map((n) => digits.slice(0, Number(n))).find((c) => COUNTRIES[c]);
	if (!code) return invalid;
	const country = COUNTRIES[code];
	const national = digits.slice(code.length);
	if (national.length < country.lengths[0] || national.length > country.lengths[1]) return invalid;
	// NANP area codes and exchanges never start with 0 or 1.
	if (code === '1' && !/^[2-9]\d\d[2-9]/.test(national)) return invalid;
	const iso = code === '1' && CANADA_AREA_CODES.includes(national.slice(0, 3)) ? 'CA' : country.iso;
	const lineType =
		country.prefixes.find(([prefix]) => national.startsWith(prefix))?.[1] ?? country.otherwise;
	return {
		phoneNumber,
		countryCode: iso,
		validNumber: true,
		availableChannels: channelsOf(lineType, iso),
		carrier: { name: lineType === 'mobile' ? country.carrier : null, type: lineType },
		lineType,
		nationalFormat: nationalFormat(code, national),
	};
}

export class IntrospectModule implements ResourceModule {
	/** The project's e-mail suppression list: normalized address → why. */
	readonly suppressions = new Map<string, SuppressionReason>();

	/** Puts an address on the project's suppression list (as a bounce or complaint would). */
	suppress(email: string, reason: SuppressionReason): void {
		this.suppressions.set(email.trim().toLowerCase(), reason);
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg.length !== 2 || seg[0] !== 'introspect' || ctx.method !== 'POST') return undefined;
		if (seg[1] === 'phone') return ok(validatePhone(this.phoneInput(ctx)));
		if (seg[1] === 'email') {
			const results = this.emailInput(ctx).map((email) => this.validateEmail(email));
			const count = (verdict: Verdict) => results.filter((r) => r.verdict === verdict).length;
			return ok({
				results,
				summary: {
					total: results.length,
					deliverable: count('deliverable'),
					risky: count('risky'),
					undeliverable: count('undeliverable'),
				},
			} satisfies IntrospectValidateEmailResponse);
		}
		return undefined;
	}

	validateEmail(email: string): EmailResult {
		const normalized = email.trim().toLowerCase();
		if (!EMAIL.test(normalized)) {
			return {
				email,
				normalized: null,
				domain: null,
				reasons: ['invalid_syntax'],
				verdict: 'undeliverable',
			};
		}
		const at = normalized.lastIndexOf('@');
		const local = normalized.slice(0, at);
		const domain = normalized.slice(at + 1);
		const reasons: EmailReason[] = [];
		if (domain.endsWith('.invalid')) reasons.push('domain_not_found');
		else if (domain.startsWith('nomx.')) reasons.push('domain_no_mx');
		if (DISPOSABLE_DOMAINS.includes(domain)) reasons.push('disposable_domain');
		if (ROLE_LOCAL_PARTS.includes(local)) reasons.push('role_address');
		const suppressed = this.suppressions.get(normalized);
		if (suppressed) reasons.push(`suppressed_${suppressed}`);
		const verdicts = reasons.map((r) => REASON_VERDICT[r]);
		const verdict: Verdict = verdicts.includes('undeliverable')
			? 'undeliverable'
			: verdicts.length
				? 'risky'
				: 'deliverable';
		return { email, normalized, domain, reasons, verdict };
	}

	private phoneInput(ctx: RouteContext): string {
		const body = objectBody(ctx);
		const phoneNumber = body.phoneNumber;
		if (phoneNumber === undefined || phoneNumber === null || phoneNumber === '') {
			throw validation('phoneNumber: required');
		}
		if (typeof phoneNumber !== 'string') throw validation('phoneNumber: must be a string');
		return phoneNumber;
	}

	/** `email` or `emails`, exactly one of them. */
	private emailInput(ctx: RouteContext): string[] {
		const body = objectBody(ctx);
		const given = (key: string) => body[key] !== undefined && body[key] !== null;
		if (given('email') === given('emails')) {
			throw validation('email: give either email or emails (a batch), not both and not neither');
		}
		if (given('email')) {
			if (typeof body.email !== 'string' || !body.email.trim()) {
				throw validation('email: must be a non-empty string');
			}
			return [body.email];
		}
		const emails = body.emails;
		if (!Array.isArray(emails) || !emails.length) {
			throw validation('emails: must be a non-empty array of strings');
		}
		if (emails.length > MAX_EMAILS) {
			throw validation(`emails: at most ${MAX_EMAILS} addresses per request, got ${emails.length}`);
		}
		emails.forEach((email, k) => {
			if (typeof email !== 'string' || !email.trim()) {
				throw validation(`emails[${k}]: must be a non-empty string`);
			}
		});
		return emails as string[];
	}
}

function objectBody(ctx: RouteContext): Record<string, unknown> {
	if (!ctx.bodyIsJson)
		throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
	if (!isPlainObject(ctx.body)) throw validation('body: a JSON object is required');
	return ctx.body;
}

export const introspect = (_host: StandInHost): IntrospectModule => new IntrospectModule();
