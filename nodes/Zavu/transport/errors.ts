import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Extra hints shown under the API's message for codes users hit in practice. */
const HINTS: Record<string, string> = {
	invitation_completed:
		'A completed invitation already created a sender in your project, so there is nothing left to cancel. Manage the sender instead (Zavu dashboard → Senders, or the senders API).',
	unauthorized: 'Check the API key in the "Zavu API" credential.',
	rate_limit_exceeded:
		'Zavu limits requests per project (600 per minute by default). Raise "Max Attempts" or "Max Retry Wait" in the node options, or slow the workflow down.',
};

export interface ZavuErrorInfo {
	code: string;
	httpCode: string | null;
}

/**
 * Builds the error for a non-2xx answer from our own reading of the response, so the
 * message carries Zavu's `code` and `message` instead of n8n's generic "Bad request".
 */
export function zavuApiError(
	node: INode,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
	extraDescription?: string,
): NodeApiError {
	const data: IDataObject = isPlainObject(body) ? (body as IDataObject) : {};
	const code = typeof data.code === 'string' && data.code ? data.code : `http_${statusCode}`;
	const apiMessage =
		typeof data.message === 'string' && data.message
			? data.message
			: `Zavu answered with HTTP ${statusCode}`;
	// Zavu sometimes adds detail fields beside code/message (e.g. which field failed).
	const details = Object.fromEntries(
		Object.entries(data).filter(([key]) => key !== 'code' && key !== 'message'),
	);
	const detailText = Object.keys(details).length
		? `Details: ${JSON.stringify(details)}`
		: undefined;
	const description = [HINTS[code], extraDescription, detailText].filter(Boolean).join(' ');
	return build(node, data as JsonObject, `${apiMessage} [${code}]`, description, code, {
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * NodeApiError derives a message and description of its own from the payload (for a
 * payload mentioning ECONNREFUSED it says "The service refused the connection"); ours are
 * set afterwards so Zavu's words, and our own, are what users see.
 */
function build(
	node: INode,
	payload: JsonObject,
	message: string,
	description: string,
	code: string,
	options: { httpCode?: string; itemIndex?: number },
): NodeApiError {
	const error = new NodeApiError(node, payload, { message, ...options });
	error.message = message;
	error.description = description || null;
	error.context.zavuCode = code;
	return error;
}

/** An error for a request that never got an HTTP answer (refused, reset, timed out). */
export function zavuConnectionError(
	node: INode,
	networkCode: string,
	baseUrl: string,
	attempts: number,
	itemIndex?: number,
): NodeApiError {
	const what: Record<string, string> = {
		ECONNREFUSED: 'the connection was refused',
		ECONNRESET: 'the connection was reset before Zavu answered',
		ETIMEDOUT: 'the request timed out',
		ECONNABORTED: 'the request timed out',
		ENOTFOUND: 'the host name could not be resolved',
		EAI_AGAIN: 'the host name could not be resolved',
		EPIPE: 'the connection was closed while sending',
	};
	const reason = what[networkCode] ?? `a network error occurred (${networkCode})`;
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	// A fresh error built from plain data: the helper's own error holds the request config
	// (including the Authorization header), which must not travel into outputs or logs.
	return build(
		node,
		{ code: networkCode, message: reason },
		`Could not reach Zavu at ${baseUrl}: ${reason}${tries} [${networkCode}]`,
		'Check the Base URL in the "Zavu API" credential and the network between n8n and Zavu.',
		networkCode,
		{ itemIndex },
	);
}

export function invalidResponseError(
	node: INode,
	detail: string,
	itemIndex?: number,
): NodeApiError {
	return build(
		node,
		{ code: 'invalid_response', message: detail },
		`Zavu returned an unexpected response: ${detail} [invalid_response]`,
		'',
		'invalid_response',
		{ itemIndex },
	);
}

/**
 * What a "Continue On Fail" item carries: the error, a machine `code` (Zavu's, or the network
 * or parse failure's, e.g. ECONNRESET, invalid_response) and `httpCode`, the HTTP status as a
 * number, present only when Zavu answered, so `{{ $json.httpCode >= 500 }}` routes correctly.
 */
export function errorToItemJson(error: Error): IDataObject {
	const context = (error as NodeApiError).context ?? {};
	let code: string | null = typeof context.zavuCode === 'string' ? context.zavuCode : null;
	if (!code && error instanceof NodeOperationError) code = 'invalid_parameter';
	const json: IDataObject = { error: error.message, code };
	// NodeApiError fills `httpCode` from a network error's code too ("ECONNRESET"): keep statuses only.
	const httpCode = String((error as NodeApiError).httpCode ?? '');
	if (/^[1-5]\d\d$/.test(httpCode)) json.httpCode = Number(httpCode);
	const description = (error as NodeApiError).description;
	if (description) json.description = description;
	return json;
}

/**
 * Hands back an error n8n's helpers (or our own code) already turned into an n8n error as
 * it is, so it is never wrapped twice; anything else becomes a NodeApiError.
 */
export function asNodeError(
	node: INode,
	error: unknown,
	itemIndex?: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (itemIndex !== undefined && error.context.itemIndex === undefined) {
			error.context.itemIndex = itemIndex;
		}
		return error;
	}
	return new NodeApiError(node, (error ?? {}) as JsonObject, { itemIndex });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
