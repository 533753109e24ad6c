/**
 * URL verification, as Zavu answers `/v1/urls…` (SDK: resources/urls; one URL is `{ url }`).
 *
 * Choices where the SDK says nothing, kept simple:
 * - a URL shortener's host (bit.ly, t.co…) is `rejected`, a host containing "malware" or
 *   "phishing" is `malicious`, anything else is `approved` at once (all `auto_web_risk`);
 * - submitting a URL already submitted answers its record (200) instead of a new one (201);
 * - tests put any status in place with `seed(...)`.
 */
import type { URLListVerifiedParams, VerifiedURL } from '@zavudev/sdk/resources/urls';

import { StandInError, isPlainObject, keysOf, validation } from '../util';
import { decodeSegment, only, randomId } from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type { VerifiedURL };
type Status = NonNullable<URLListVerifiedParams['status']>;

export const URL_STATUSES = keysOf<Status>({
	pending: true,
	approved: true,
	rejected: true,
	escalated: true,
	malicious: true,
});

export const SHORTENERS = ['bit.ly', 't.co', 'tinyurl.com', 'goo.gl', 'ow.ly', 'is.gd', 'buff.ly'];

export class UrlsModule implements ResourceModule {
	readonly urls = new Map<string, VerifiedURL>();

	constructor(private readonly host: StandInHost) {}

	/** Adds a URL record as it stands (any status), for tests. */
	seed(url: string, input: Partial<VerifiedURL> = {}): VerifiedURL {
		const now = new Date(this.host.now()).toISOString();
		const record: VerifiedURL = {
			id: randomId('url_'),
			url,
			domain: new URL(url).hostname,
			status: 'approved',
			approvalType: 'auto_web_risk',
			createdAt: now,
			updatedAt: now,
			...input,
		};
		this.urls.set(record.id, record);
		return record;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'urls') return undefined;
		if (seg.length === 1 && ctx.method === 'POST') return this.submit(ctx);
		if (seg.length === 1 && ctx.method === 'GET') return ok(this.list(ctx.query));
		if (seg.length === 2 && ctx.method === 'GET') {
			const id = decodeSegment(seg[1]);
			const url = this.urls.get(id);
			if (!url) throw new StandInError(404, 'url_not_found', `URL ${id} not found`);
			return ok({ url });
		}
		return undefined;
	}

	private submit(ctx: RouteContext): ApiResult {
		if (!ctx.bodyIsJson)
			throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
		if (!isPlainObject(ctx.body)) throw validation('body: must be a JSON object');
		only(ctx.body, ['url']);
		const raw = ctx.body.url;
		if (typeof raw !== 'string' || raw.trim() === '') throw validation('url: is required');
		let parsed: URL;
		try {
			parsed = new URL(raw);
		} catch {
			throw validation('url: must be an absolute http(s) URL');
		}
		if (!['http:', 'https:'].includes(parsed.protocol)) {
			throw validation('url: must be an absolute http(s) URL');
		}
		const existing = [...this.urls.values()].find((u) => u.url === raw);
		if (existing) return ok({ url: existing });
		const host = parsed.hostname.toLowerCase();
		const status: Status = SHORTENERS.some((s) => host === s || host.endsWith(`.${s}`))
			? 'rejected'
			: /malware|phishing/.test(host)
				? 'malicious'
				: 'approved';
		return created({ url: this.seed(raw, { status }) });
	}

	private list(query: URLSearchParams) {
		const status = query.get('status');
		if (status !== null && !URL_STATUSES.includes(status as Status)) {
			throw validation(`status: must be one of ${URL_STATUSES.join(', ')}`);
		}
		const ids = () =>
			this.host
				.ordered([...this.urls.values()])
				.filter((u) => status === null || u.status === status)
				.map((u) => u.id);
		return this.host.page(`urls:${status ?? ''}`, this.urls, ids, query);
	}
}

export const urls = (host: StandInHost) => new UrlsModule(host);
