import { createHmac, timingSafeEqual } from 'node:crypto';

/** Zavu's usual tolerance: a delivery signed more than this far from now is refused (replays). */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true; scheme: 'v1' | 'v2' } | { ok: false; reason: string };

/**
 * Checks `X-Zavu-Signature: t=<Unix seconds>,v1=<hex>,v2=<hex>` against the raw body bytes:
 * `v2 = HMAC-SHA256(secret, "{t}.{body}")` when present (it signs the time too), otherwise
 * `v1 = HMAC-SHA256(secret, body)`. Comparisons take constant time; `t` must be within the
 * tolerance of `nowSeconds` in both directions, so an old delivery cannot be replayed.
 */
export function verifySignature(
	header: string | undefined,
	rawBody: Buffer,
	secrets: string[],
	nowSeconds: number,
	toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
	if (!header || !header.trim()) return { ok: false, reason: 'no X-Zavu-Signature header' };
	const parts = new Map<string, string[]>();
	for (const piece of header.split(',')) {
		const at = piece.indexOf('=');
		if (at <= 0) continue;
		const key = piece.slice(0, at).trim();
		parts.set(key, [...(parts.get(key) ?? []), piece.slice(at + 1).trim()]);
	}
	const t = parts.get('t')?.[0];
	if (!t || !/^\d+$/.test(t)) return { ok: false, reason: 'the signature has no timestamp' };
	if (Math.abs(nowSeconds - Number(t)) > toleranceSeconds) {
		return {
			ok: false,
			reason: `the signature's timestamp is more than ${toleranceSeconds} s from now`,
		};
	}
	const v2 = parts.get('v2') ?? [];
	const v1 = parts.get('v1') ?? [];
	if (!v2.length && !v1.length) return { ok: false, reason: 'the signature has neither v1 nor v2' };
	const scheme = v2.length ? 'v2' : 'v1';
	const signed = scheme === 'v2' ? Buffer.concat([Buffer.from(`${t}.`), rawBody]) : rawBody;
	for (const secret of secrets) {
		const expected = createHmac('sha256', secret).update(signed).digest();
		for (const given of scheme === 'v2' ? v2 : v1) {
			if (!/^[0-9a-f]{64}$/i.test(given)) continue;
			if (timingSafeEqual(expected, Buffer.from(given, 'hex'))) return { ok: true, scheme };
		}
	}
	return { ok: false, reason: `the ${scheme} signature does not match` };
}
