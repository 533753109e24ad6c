/**
 * Voice calls, as Zavu answers `/v1/calls…` (SDK: resources/calls; one call is `{ call }`, the
 * list leaves transcripts out).
 *
 * Choices where the SDK says nothing, kept simple:
 * - a created call stays `queued` (nothing dials); tests put other states in place with
 *   `seed(...)`;
 * - the sender must exist and have a phone number (the voice agent is not checked);
 * - hanging up a queued or ringing call cancels it, an answered one completes it (`hangup`);
 *   any other status is a 409.
 */
import type { CallListParams, CallRetrieveResponse } from '@zavudev/sdk/resources/calls';

import { StandInError, isPlainObject, keysOf, validation } from '../util';
import { decodeSegment, E164, only, randomId, stringMap } from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type Call = CallRetrieveResponse.Call;
type Status = Call['status'];

export const CALL_STATUSES = keysOf<Status>({
	queued: true,
	ringing: true,
	in_progress: true,
	completed: true,
	failed: true,
	busy: true,
	no_answer: true,
	canceled: true,
});
const DIRECTIONS = keysOf<NonNullable<CallListParams['direction']>>({
	inbound: true,
	outbound: true,
});

export class CallsModule implements ResourceModule {
	readonly calls = new Map<string, Call>();

	constructor(private readonly host: StandInHost) {}

	/** Adds a call as it stands (any status), for tests: an outbound queued call by default. */
	seed(input: Partial<Call> = {}): Call {
		const now = new Date(this.host.now()).toISOString();
		const call: Call = {
			id: randomId('call_'),
			direction: 'outbound',
			from: '+14155550100',
			to: '+14155551234',
			status: 'queued',
			metadata: {},
			transcript: [],
			turnCount: 0,
			createdAt: now,
			updatedAt: now,
			...input,
		};
		this.calls.set(call.id, call);
		return call;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'calls') return undefined;
		if (seg.length === 1 && ctx.method === 'POST') return created({ call: this.create(ctx) });
		if (seg.length === 1 && ctx.method === 'GET') return ok(this.list(ctx.query));
		if (seg.length === 2 && ctx.method === 'GET') return ok({ call: this.must(seg[1]) });
		if (seg.length === 3 && seg[2] === 'hangup' && ctx.method === 'POST') {
			return ok({ call: this.hangUp(this.must(seg[1])) });
		}
		return undefined;
	}

	private must(segment: string): Call {
		const id = decodeSegment(segment);
		const call = this.calls.get(id);
		if (!call) throw new StandInError(404, 'call_not_found', `Call ${id} not found`);
		return call;
	}

	private create(ctx: RouteContext): Call {
		if (!ctx.bodyIsJson || !isPlainObject(ctx.body)) {
			throw validation('body: must be a JSON object');
		}
		const body = ctx.body;
		only(body, ['to', 'senderId', 'greeting', 'language', 'maxDurationMinutes', 'metadata']);
		if (typeof body.to !== 'string' || !E164.test(body.to)) {
			throw validation('to: must be in E.164 format');
		}
		for (const key of ['senderId', 'greeting', 'language']) {
			if (body[key] !== undefined && typeof body[key] !== 'string') {
				throw validation(`${key}: must be a string`);
			}
		}
		const minutes = body.maxDurationMinutes;
		if (minutes !== undefined && !(Number.isInteger(minutes) && (minutes as number) >= 1)) {
			throw validation('maxDurationMinutes: must be a positive integer');
		}
		const metadata = body.metadata === undefined ? {} : stringMap(body.metadata, 'metadata');
		const senders = [...this.host.senders.values()];
		const sender =
			body.senderId === undefined
				? senders.find((s) => s.isDefault)
				: this.host.senders.get(body.senderId as string);
		if (!sender) {
			throw body.senderId === undefined
				? validation('senderId: the project has no default sender')
				: new StandInError(404, 'sender_not_found', `Sender ${String(body.senderId)} not found`);
		}
		if (!sender.phoneNumber) {
			throw validation(`senderId: sender ${String(sender.id)} has no phone number`);
		}
		return this.seed({ to: body.to, from: sender.phoneNumber, metadata });
	}

	private list(query: URLSearchParams) {
		const status = query.get('status');
		if (status !== null && !CALL_STATUSES.includes(status as Status)) {
			throw validation(`status: must be one of ${CALL_STATUSES.join(', ')}`);
		}
		const direction = query.get('direction');
		if (direction !== null && !DIRECTIONS.includes(direction as Call['direction'])) {
			throw validation(`direction: must be one of ${DIRECTIONS.join(', ')}`);
		}
		const ids = () =>
			this.host
				.ordered([...this.calls.values()])
				.filter((c) => status === null || c.status === status)
				.filter((c) => direction === null || c.direction === direction)
				.map((c) => c.id);
		const page = this.host.page(`calls:${status ?? ''}:${direction ?? ''}`, this.calls, ids, query);
		// Transcripts only come with a single call.
		return { ...page, items: page.items.map(({ transcript: _t, ...call }) => call) };
	}

	private hangUp(call: Call): Call {
		if (!['queued', 'ringing', 'in_progress'].includes(call.status)) {
			throw new StandInError(409, 'call_not_active', `Call ${call.id} is ${call.status}`);
		}
		const now = new Date(this.host.now()).toISOString();
		call.status = call.status === 'in_progress' ? 'completed' : 'canceled';
		call.endReason = 'hangup';
		call.endedAt = now;
		call.updatedAt = now;
		return call;
	}
}

export const calls = (host: StandInHost) => new CallsModule(host);
