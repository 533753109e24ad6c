import type { IDataObject, IExecuteFunctions, NodeApiError } from 'n8n-workflow';

import type { RetryOptions } from '../../transport';
import { isPlainObject, zavuApiPages } from '../../transport';

// Invitation → Create has no idempotency key, so a create that failed after it may have reached
// Zavu is never sent again. Instead the node looks for the invitation the request may have
// created: a pending invitation with the same client details, created since shortly before the
// request was sent, and not already emitted by an earlier item of this run. Exactly one, after a
// look that covered all candidates: that invitation is the item's output, with a `recovered`
// marker. Anything else: an error that says the invitation may exist and how to check.

/** Pages of pending invitations the lookup reads at most (100 each). */
export const LOOKUP_MAX_PAGES = 2;
/** How far Zavu's clock may be behind n8n's when comparing `createdAt` with the send time. */
export const CLOCK_SKEW_MS = 2 * 60 * 1000;

/** Network failures that happen before anything reaches Zavu: certain, the transport's business. */
const NOTHING_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** Why a failed create may have created the invitation anyway. */
export interface Uncertainty {
	/** The machine code the failure carries: ECONNRESET, ETIMEDOUT, Zavu's code, invalid_response. */
	code: string;
	/** The HTTP status when Zavu answered. */
	httpCode?: number;
	/** What happened, as the middle of a sentence. */
	what: string;
}

/**
 * Whether Zavu may have acted on a create that failed with `error`: a network failure other
 * than one where nothing was sent, a 408 or 5xx (not 501), or a 2xx whose body could not be
 * read. 4xx answers (429 included) and errors raised before sending are certain failures.
 */
export function uncertainty(error: unknown, timeoutMs: number): Uncertainty | undefined {
	// Only errors the transport built carry `zavuCode`; anything else happened before sending.
	if (!(error instanceof Error)) return undefined;
	const { context, httpCode } = error as Partial<NodeApiError>;
	const code = context?.zavuCode;
	if (typeof code !== 'string' || !code) return undefined;
	const status = /^\d{3}$/.test(String(httpCode ?? '')) ? Number(httpCode) : undefined;
	if (status !== undefined) {
		if (status !== 408 && !(status >= 500 && status <= 599 && status !== 501)) return undefined;
		const detail = error.message.replace(/\s*\[[^\]]*\]$/, '');
		const said = detail && !detail.startsWith('Zavu answered') ? ` (${detail})` : '';
		return { code, httpCode: status, what: `Zavu answered HTTP ${status}${said}` };
	}
	if (code === 'invalid_response') {
		return { code, what: 'Zavu accepted the request, but its answer could not be read' };
	}
	if (!/^E[A-Z_]+$/.test(code) || NOTHING_SENT.has(code)) return undefined;
	const timedOut = `Zavu did not answer within ${Number((timeoutMs / 1000).toFixed(1))} s (the Timeout option)`;
	const network: Record<string, string> = {
		ECONNRESET: 'the connection dropped after the request was sent',
		ETIMEDOUT: timedOut,
		ECONNABORTED: timedOut,
		EPIPE: 'the connection closed while the request was being sent',
	};
	return {
		code,
		what:
			network[code] ??
			`the request failed with network error ${code} after it may have reached Zavu`,
	};
}

/**
 * Invitations this node run already emitted (created, or recovered), by execution context: a
 * later item with the same client details must not take one of them for its own.
 */
const emitted = new WeakMap<IExecuteFunctions, Set<string>>();

export function rememberEmitted(ctx: IExecuteFunctions, invitation: IDataObject): void {
	if (typeof invitation.id !== 'string') return;
	const ids = emitted.get(ctx) ?? new Set<string>();
	ids.add(invitation.id);
	emitted.set(ctx, ids);
}

interface Lookup {
	/** Matching invitations, by id. */
	matches: IDataObject[];
	/** Whether every pending invitation created since `since` was looked at. */
	complete: boolean;
	/** How many pending invitations were looked at. */
	scanned: number;
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * Whether an invitation has the client details the create sent. Name, email and phone must be
 * the same (empty when not sent: Zavu stores null); phone number and connection type only when
 * sent (Zavu fills in its defaults otherwise).
 */
export function sameClient(invitation: IDataObject, body: IDataObject): boolean {
	if (text(invitation.clientName) !== text(body.clientName)) return false;
	if (text(invitation.clientEmail).toLowerCase() !== text(body.clientEmail).toLowerCase())
		return false;
	if (text(invitation.clientPhone) !== text(body.clientPhone)) return false;
	for (const key of ['phoneNumberId', 'connectionType']) {
		if (body[key] !== undefined && text(invitation[key]) !== text(body[key])) return false;
	}
	return true;
}

/**
 * Reads pending invitations for those created at or after `since` with the same client details,
 * at most LOOKUP_MAX_PAGES pages. The API's order is not documented: while pages look
 * newest-first the walk stops at the first page that reaches older invitations (the rest are
 * older still); in any other order only the end of the list makes the look complete.
 */
async function findCreated(
	this: IExecuteFunctions,
	body: IDataObject,
	since: number,
	itemIndex: number,
	retry: RetryOptions,
): Promise<Lookup> {
	const matches = new Map<string, IDataObject>();
	let scanned = 0;
	let previous = Number.POSITIVE_INFINITY;
	let newestFirst = true;
	let pages = 0;
	const request = {
		method: 'GET' as const,
		path: '/v1/invitations',
		qs: { status: 'pending' },
		itemIndex,
		retry,
	};
	for await (const page of zavuApiPages.call(this, request)) {
		pages++;
		const list = page.items.filter(isPlainObject) as IDataObject[];
		for (const invitation of list) {
			scanned++;
			const at = Date.parse(String(invitation.createdAt ?? ''));
			// NaN (no readable createdAt) compares false: it ends the newest-first assumption
			// and counts as inside the window, so it can only make the result less certain.
			if (!(at <= previous)) newestFirst = false;
			previous = at;
			const mine = emitted.get(this)?.has(String(invitation.id));
			if (!(at < since) && !mine && sameClient(invitation, body)) {
				matches.set(String(invitation.id ?? `#${scanned}`), invitation);
			}
		}
		if (page.last || (newestFirst && list.length && previous < since)) break;
		// More pages than the lookup reads: not conclusive.
		if (pages === LOOKUP_MAX_PAGES)
			return { matches: [...matches.values()], complete: false, scanned };
	}
	return { matches: [...matches.values()], complete: true, scanned };
}

/** "the client e-mail …" etc.: what to look for in the list. */
function clientDetails(body: IDataObject): string {
	const parts: string[] = [];
	if (body.clientEmail) parts.push(`Client Email "${String(body.clientEmail)}"`);
	if (body.clientName) parts.push(`Client Name "${String(body.clientName)}"`);
	if (body.clientPhone) parts.push(`Client Phone "${String(body.clientPhone)}"`);
	return parts.length ? parts.join(', ') : 'no client name, email or phone';
}

const ids = (invitations: IDataObject[]) => invitations.map((inv) => String(inv.id)).join(', ');

export interface CreateFailure {
	/** The error the POST failed with. */
	error: NodeApiError;
	cause: Uncertainty;
	/** The body that was sent. */
	body: IDataObject;
	/** Date.now() just before the request was sent. */
	sentAt: number;
	itemIndex: number;
	retry: RetryOptions;
}

/**
 * After a create that may have reached Zavu: returns the invitation it created, marked
 * `recovered`, or throws the POST's error (code and HTTP status kept) with a message saying the
 * invitation may have been created and a description of what was found and how to check.
 */
export async function recoverCreatedInvitation(
	this: IExecuteFunctions,
	failure: CreateFailure,
): Promise<IDataObject> {
	const { error, cause, body, sentAt, itemIndex, retry } = failure;
	let lookup: Lookup | undefined;
	let lookupError: Error | undefined;
	try {
		lookup = await findCreated.call(this, body, sentAt - CLOCK_SKEW_MS, itemIndex, retry);
	} catch (caught) {
		lookupError = caught as Error;
	}

	const what = cause.what.charAt(0).toUpperCase() + cause.what.slice(1);
	if (lookup?.complete && lookup.matches.length === 1) {
		const recovered: IDataObject = { code: cause.code };
		if (cause.httpCode !== undefined) recovered.httpCode = cause.httpCode;
		recovered.message = `${what}; Zavu had created this invitation (the only pending one with these client details created since the request was sent), so it was not created again.`;
		rememberEmitted(this, lookup.matches[0]);
		return { ...lookup.matches[0], recovered };
	}

	let found: string;
	if (!lookup) {
		found = `Looking for it failed: ${lookupError?.message ?? 'unknown error'}.`;
	} else if (lookup.matches.length > 1) {
		found = `${lookup.matches.length} pending invitations with these client details were created since the request was sent (${ids(lookup.matches)}), so the one this request created cannot be told apart. If they are duplicates, keep one and cancel the others (Invitation → Cancel).`;
	} else if (!lookup.complete) {
		const seen = lookup.matches.length ? `found ${ids(lookup.matches)}` : 'none matched';
		found = `Only the first ${lookup.scanned} pending invitations of the list were checked (${seen}) and there are more, so this is not conclusive.`;
	} else {
		found =
			'No pending invitation with these client details created since the request was sent (allowing 2 minutes of clock difference) was found, but that does not prove none was created: the list can lag behind, and Zavu may still complete a request it was slow to answer.';
	}
	const who = body.clientEmail ?? body.clientName ?? body.clientPhone;
	const subject = who ? `The invitation for ${String(who)}` : 'The invitation';
	error.message = `${subject} may have been created: ${cause.what} [${cause.code}] [item ${itemIndex}]`;
	error.description = [
		found,
		'It was not sent again: creating an invitation has no idempotency key, so a second request could create a duplicate.',
		`Before running this item again, check: Zavu → Invitation → Get Many, Filters → Status "Pending", and look for ${clientDetails(body)}, created around ${new Date(sentAt).toISOString()}.`,
	].join(' ');
	error.context.itemIndex = itemIndex;
	throw error;
}
