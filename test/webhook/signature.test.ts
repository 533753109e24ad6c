import { createHmac } from 'node:crypto';

import { verifySignature } from '../../nodes/ZavuWebhookTrigger/signature';

// Vectors computed here with node:crypto the way Zavu documents its scheme:
// v1 = HMAC-SHA256(secret, rawBody), v2 = HMAC-SHA256(secret, "{t}.{rawBody}"), hex.
const SECRET = 'whsec_test_secret';
const BODY = Buffer.from(
	'{"id":"evt_1","type":"invitation.status_changed","data":{"invitationId":"inv_1"}}',
);
const NOW = 1_790_000_000;
const hmac = (secret: string, data: Buffer | string) =>
	createHmac('sha256', secret).update(data).digest('hex');
const v1 = (body = BODY, secret = SECRET) => hmac(secret, body);
const v2 = (t: number, body = BODY, secret = SECRET) =>
	hmac(secret, Buffer.concat([Buffer.from(`${t}.`), body]));

describe('X-Zavu-Signature', () => {
	it.each([
		{ name: 'v2 only', header: `t=${NOW},v2=${v2(NOW)}`, scheme: 'v2' },
		{ name: 'v1 only', header: `t=${NOW},v1=${v1()}`, scheme: 'v1' },
		{
			name: 'both (v2 is the one checked)',
			header: `t=${NOW},v1=${v1()},v2=${v2(NOW)}`,
			scheme: 'v2',
		},
		{ name: 'spaces after commas', header: `t=${NOW}, v1=${v1()}, v2=${v2(NOW)}`, scheme: 'v2' },
		{
			name: 'a second secret matches',
			header: `t=${NOW},v2=${v2(NOW, BODY, 'other')}`,
			scheme: 'v2',
			secrets: ['nope', 'other'],
		},
		{ name: 't 4 minutes old', header: `t=${NOW - 240},v2=${v2(NOW - 240)}`, scheme: 'v2' },
	])('accepts $name', ({ header, scheme, secrets }) => {
		expect(verifySignature(header, BODY, secrets ?? [SECRET], NOW)).toEqual({ ok: true, scheme });
	});

	const tampered = Buffer.from(BODY.toString().replace('inv_1', 'inv_2'));
	it.each([
		{ name: 'no header', header: undefined, reason: 'no X-Zavu-Signature header' },
		{ name: 'an empty header', header: '  ', reason: 'no X-Zavu-Signature header' },
		{ name: 'garbage', header: 'sha256=abc', reason: 'the signature has no timestamp' },
		{
			name: 'no signature, only t',
			header: `t=${NOW}`,
			reason: 'the signature has neither v1 nor v2',
		},
		{
			name: 'a tampered body (v2)',
			header: `t=${NOW},v2=${v2(NOW)}`,
			body: tampered,
			reason: 'the v2 signature does not match',
		},
		{
			name: 'a tampered body (v1)',
			header: `t=${NOW},v1=${v1()}`,
			body: tampered,
			reason: 'the v1 signature does not match',
		},
		{
			name: 'the wrong secret',
			header: `t=${NOW},v2=${v2(NOW, BODY, 'wrong')}`,
			reason: 'the v2 signature does not match',
		},
		{
			name: 'a t moved without re-signing',
			header: `t=${NOW + 1},v2=${v2(NOW)}`,
			reason: 'the v2 signature does not match',
		},
		{
			name: 'a stale t (6 minutes)',
			header: `t=${NOW - 360},v2=${v2(NOW - 360)}`,
			reason: "the signature's timestamp is more than 300 s from now",
		},
		{
			name: 'a future t (6 minutes)',
			header: `t=${NOW + 360},v2=${v2(NOW + 360)}`,
			reason: "the signature's timestamp is more than 300 s from now",
		},
		{
			name: 'a good v1 beside a bad v2',
			header: `t=${NOW},v1=${v1()},v2=${'0'.repeat(64)}`,
			reason: 'the v2 signature does not match',
		},
		{ name: 'a short hex', header: `t=${NOW},v2=abcd`, reason: 'the v2 signature does not match' },
		{
			name: 'no secret stored',
			header: `t=${NOW},v2=${v2(NOW)}`,
			secrets: [],
			reason: 'the v2 signature does not match',
		},
	])('refuses $name', ({ header, body, secrets, reason }) => {
		expect(verifySignature(header, body ?? BODY, secrets ?? [SECRET], NOW)).toEqual({
			ok: false,
			reason,
		});
	});
});
