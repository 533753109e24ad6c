/**
 * Runs a webhook trigger node (`webhookMethods` + `webhook()`) through REAL n8n-core, the way the
 * n8n CLI (2.40.x) does it, in-process, for the jest suites:
 *
 *  - activate()      -> ActiveWorkflowManager.add/addWebhooks: the node's webhooks as
 *                       WebhookService.getNodeWebhooks computes them, then per webhook
 *                       WebhookService.createWebhookIfNotExists (checkExists, then create when it
 *                       answered false) on n8n-core's HookContext (mode 'trigger'), static data saved.
 *  - deactivate()    -> ActiveWorkflowManager.remove/clearWebhooks/deregisterWebhooks: `delete` on
 *                       a HookContext (mode 'internal', activation 'update') of a Workflow loaded
 *                       from the SAVED static data, static data saved.
 *  - activateTest() / deactivateTest() -> TestWebhooks.needsWebhook / deactivateWebhooks (the
 *                       editor's "Listen for test event"): same hooks on the /webhook-test/ URL,
 *                       mode 'manual', static data starting empty and never saved.
 *  - receive()       -> WebhookRequestHandler + LiveWebhooks/TestWebhooks.executeWebhook +
 *                       WebhookHelpers.executeWebhook: body read and parsed like n8n's
 *                       rawBodyReader/parseBody (req.rawBody is the exact bytes), the node's
 *                       webhook() on n8n-core's WebhookContext with an express-like req/res, and
 *                       the HTTP answer n8n would give for what it returned.
 *  - serve()         -> a node:http server on 127.0.0.1 standing in for n8n's webhook server, so
 *                       a sender (the Zavu stand-in) can deliver events over real HTTP.
 *
 * Credentials go through n8nCore's HarnessCredentialsHelper, so `this.helpers.httpRequest*` in
 * the hooks and in webhook() reach a real HTTP API (e.g. the Zavu stand-in).
 *
 * What happens AFTER webhook() is not run: the items it returns are handed back (`workflowData`)
 * instead of starting an execution. See `receive()` for the response modes and the other parts
 * of n8n's flow this does not reproduce.
 */
import { randomUUID } from 'node:crypto';
import { createServer, STATUS_CODES, validateHeaderName, validateHeaderValue } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { parse as parseQueryString, stringify as stringifyQuery } from 'node:querystring';
import { gunzipSync, inflateSync } from 'node:zlib';

import { parseIncomingMessage } from '@n8n/backend-network'; // transitive dependency of n8n-core (what n8n's rawBodyReader uses)
import {
	HookContext,
	WebhookContext,
	getHtmlSandboxCSP,
	isWebhookHtmlSandboxingDisabled,
} from 'n8n-core';
import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestMethods,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IWebhookResponseData,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WebhookSetupMethodNames,
	WebhookType,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import {
	NodeHelpers,
	NodeOperationError,
	OperationalError,
	UnexpectedError,
	UserError,
	Workflow,
	deepCopy,
	isNodeClassInstance,
	jsonParse,
	resolveWebhookDescriptionField,
} from 'n8n-workflow';

import {
	HarnessCredentialsHelper,
	HarnessNodeTypes,
	buildAdditionalData,
	buildNode,
	nodeStaticData,
	latestVersion,
	nextId,
	plainJson,
} from './n8nCore';
import type { HarnessTypes, NodeUnderTest } from './n8nCore';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface WebhookHarnessOptions {
	/**
	 * n8n's instance URL, the base of the webhook URLs the node sees (getNodeWebhookUrl) and
	 * registers: `${baseUrl}/webhook/...`, `${baseUrl}/webhook-test/...`.
	 * Default http://localhost:5678; serve() replaces it with its own address.
	 */
	baseUrl?: string;
	/**
	 * The node's `webhookId`. The editor gives every node with webhooks a UUID when it is added
	 * (NodeHelpers.resolveNodeWebhookId), so the default is a random UUID and the URL is
	 * `/webhook/<webhookId>/<path>` (`/webhook/<path>` with `isFullPath`). `null`: a node without
	 * one (old workflows): `/webhook/<workflowId>/<node name, lowercased>/<path>`.
	 */
	webhookId?: string | null;
	/** default: a generated id */
	workflowId?: string;
}

/** One call of a webhook method, as seen from inside its HookContext. */
export interface WebhookMethodCall {
	method: WebhookSetupMethodNames;
	/** the webhook description's name ('default', 'setup') */
	webhookName: string;
	mode: WorkflowExecuteMode;
	activation: WorkflowActivateMode;
	/** what this.getNodeWebhookUrl(webhookName) answered in that call */
	webhookUrl: string | undefined;
	result?: boolean;
	error?: Error;
}

export interface WebhookRequestInput {
	/** default 'POST' */
	method?: string;
	/**
	 * Names are lowercased like node:http does; array values (other than set-cookie) joined with
	 * ', '. Like any HTTP client, content-length is added for a non-empty body when neither it
	 * nor transfer-encoding is given. A content-encoding of gzip/deflate is decoded like n8n does.
	 */
	headers?: Record<string, string | string[] | undefined>;
	/** the exact bytes sent (a string is sent as UTF-8) */
	body?: Buffer | string;
	query?: Record<string, string | string[]>;
	/**
	 * Which of the node's webhooks (description name, e.g. 'setup') the request goes to.
	 * Default: the one whose httpMethod is `method`, else the first.
	 */
	webhookName?: string;
}

export interface WebhookReceiveResult {
	/** HTTP status the sender gets */
	status: number;
	/** response headers, names lowercased */
	headers: Record<string, string>;
	/** response body as text (UTF-8) */
	body: string;
	/** response body bytes */
	rawBody: Buffer;
	/** the body parsed as JSON when the content type says JSON and it parses, else undefined */
	json: unknown;
	/** what the node's webhook() returned; undefined when it threw or was not called */
	returned: IWebhookResponseData | undefined;
	webhookResponse: unknown;
	/** the items n8n would start the workflow with; undefined: no execution */
	workflowData: INodeExecutionData[][] | undefined;
	noWebhookResponse: boolean;
	/**
	 * 'started': the node returned workflowData, n8n would run the workflow with it.
	 * 'failed': webhook() threw; n8n still creates an execution (with [[{json:{}}]] as the trigger
	 *           output and the error as its result) and answers 500.
	 * 'none': nothing runs (no workflowData, unknown webhook, unparsable body...).
	 */
	execution: 'none' | 'started' | 'failed';
	/** the error thrown by webhook() (real instance), or the one n8n answered with */
	error?: Error;
	/** whether n8n saved the workflow's static data after this request (production only) */
	staticDataSaved: boolean;
	/** test mode: the test webhook was deactivated (its `delete` ran) after this request */
	testWebhookDeactivated: boolean;
	/**
	 * false: nobody ended the response (webhook() returned noWebhookResponse without answering):
	 * in n8n the sender would wait until it times out. serve() ends it anyway.
	 */
	ended: boolean;
	/** things n8n would only log, e.g. answering again after the node already answered */
	warnings: string[];
	/** 'production' (/webhook/) or 'test' (/webhook-test/) */
	target: 'production' | 'test';
	/** the registered webhook path (after /webhook/ or /webhook-test/) */
	path: string;
}

export interface WebhookDeactivateResult {
	/**
	 * The error a `delete` threw. n8n only logs it: the workflow is deactivated anyway, static
	 * data is then NOT saved (and later `delete`s of the same workflow are skipped).
	 */
	error?: Error;
}

export interface WebhookInfo {
	name: string;
	httpMethod: string;
	/** registered path, after /webhook/ (or /webhook-test/) */
	path: string;
	productionUrl: string;
	testUrl: string;
}

export interface WebhookHarness {
	readonly node: INode;
	readonly workflowId: string;
	/** the instance URL in use (see WebhookHarnessOptions.baseUrl) */
	readonly baseUrl: string;
	setBaseUrl(url: string): void;
	/** the node's webhooks and their URLs, as n8n computes them now */
	webhooks(): WebhookInfo[];
	/** production URL of a webhook (default 'default'), as getNodeWebhookUrl gives it */
	productionUrl(name?: string): string;
	/** test URL of a webhook (default 'default') */
	testUrl(name?: string): string;
	/** whether production webhooks are registered (between activate and deactivate) */
	readonly active: boolean;
	/** whether test webhooks are registered */
	readonly testActive: boolean;
	/**
	 * Workflow activation (default 'activate'), like ActiveWorkflowManager.add -> addWebhooks:
	 * a Workflow built from the SAVED static data; per webhook of the node (restartWebhook ones
	 * skipped) `checkExists`, then `create` when it did not answer true, on a HookContext in mode
	 * 'trigger' with this activation mode; then static data is saved.
	 * If a hook throws, n8n cleans up like clearWebhooks (`delete` of every webhook on a Workflow
	 * loaded from the saved data, whose static data is then saved; errors there only logged) and
	 * the activation fails with the original error; the activation's own static data is lost.
	 * Already active: only 'init' / 'leadershipChange' (an n8n restart, which registers again
	 * without deleting); for 'update' n8n deactivates first, so call deactivate() first.
	 */
	activate(mode?: WorkflowActivateMode): Promise<void>;
	/** Workflow deactivation (ActiveWorkflowManager.remove): see WebhookDeactivateResult. */
	deactivate(): Promise<WebhookDeactivateResult>;
	/**
	 * "Listen for test event" (TestWebhooks.needsWebhook): a Workflow with EMPTY static data (n8n
	 * builds it from the editor's copy of the workflow), per webhook `checkExists`/`create` on a
	 * HookContext in mode 'manual', activation 'manual', with the test URL (webhookData.isTest);
	 * the static data after that is kept with the registration, never saved. If a hook throws, the
	 * registered test webhooks are deactivated (`delete`) and the error propagates. Calling it
	 * again registers again, as clicking the button again does.
	 */
	activateTest(): Promise<void>;
	/**
	 * TestWebhooks.deactivateWebhooks (what n8n does after the 2-minute timeout or on cancel):
	 * per registered test webhook, `delete` (mode 'internal', activation 'update') on a Workflow
	 * whose static data is the registration's. Errors propagate (n8n logs them).
	 */
	deactivateTest(): Promise<void>;
	/**
	 * One HTTP request to the node's production webhook (or the test one with `{ test: true }`),
	 * as n8n handles it. Production: the Workflow is loaded from the SAVED static data (like
	 * LiveWebhooks, per request) and its static data is saved when n8n answers without an error.
	 * Test: the registration's static data is used and nothing is saved; when an execution
	 * starts, the test webhook is deactivated (`delete`), as TestWebhooks does after one call.
	 * Unknown webhook / wrong method: n8n's 404.
	 *
	 * Response modes: only 'onReceived' (the default) runs to the end; with another responseMode
	 * n8n would wait for the workflow, which the harness does not run, so it throws when the node
	 * returns workflowData. NB: with 'onReceived', n8n's body is the description's `responseData`,
	 * default 'firstEntryJson' - so a node that does not set `responseData` answers the literal
	 * text "firstEntryJson" (as text/html), whatever its webhookResponse. `responseData: 'noData'`
	 * gives an empty body; `''` lets webhookResponse through.
	 */
	receive(req: WebhookRequestInput, opts?: { test?: boolean }): Promise<WebhookReceiveResult>;
	/** every request handled so far (receive() and served ones), in order */
	readonly received: WebhookReceiveResult[];
	/** every webhook method call (checkExists/create/delete), in order */
	readonly calls: WebhookMethodCall[];
	/** the node's static data in the Workflow most recently used in production mode (deep copy) */
	staticData(): IDataObject;
	/** the node's static data as last saved to the "database" (deep copy) */
	savedStaticData(): IDataObject;
	/** the node's static data held by the test registration (deep copy), undefined if none */
	testStaticData(): IDataObject | undefined;
	/** replace the node's static data (saved and in memory) */
	setStaticData(d: IDataObject): void;
	/**
	 * Start a node:http server on 127.0.0.1 (random port unless given) that hands every request
	 * on /webhook/<path> and /webhook-test/<path> to the same handling as receive() and answers
	 * with its status, headers and body. The harness's base URL becomes the server's, so call it
	 * before activate(). Returns the base URL.
	 */
	serve(opts?: { port?: number }): Promise<string>;
	/** stop the server (if any). Call it in afterEach/afterAll. */
	close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Constants (n8n CLI 2.40.x)
// ---------------------------------------------------------------------------------------------

const DEFAULT_BASE_URL = 'http://localhost:5678';
const WEBHOOK_ENDPOINT = 'webhook';
const WEBHOOK_TEST_ENDPOINT = 'webhook-test';
/** WebhookRequestHandler's WEBHOOK_METHODS */
const WEBHOOK_METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT'];
/** WebhookHelpers.executeWebhook: the response modes n8n knows */
const RESPONSE_MODES = [
	'onReceived',
	'lastNode',
	'responseNode',
	'formPage',
	'streaming',
	'hostedChat',
];
/** WebhookResponseHeaders: headers a node may not set */
const PROTECTED_HEADERS = new Set([
	'content-security-policy',
	'strict-transport-security',
	'clear-site-data',
]);

// ---------------------------------------------------------------------------------------------
// Errors the way n8n's CLI answers them (ResponseError + ResponseHelper.sendErrorResponse)
// ---------------------------------------------------------------------------------------------

/** The CLI's ResponseError (NotFoundError, UnprocessableRequestError...): answered with its status. */
class HarnessResponseError extends Error {
	constructor(
		message: string,
		readonly httpStatusCode: number,
		readonly errorCode: number = httpStatusCode,
		readonly hint?: string,
	) {
		super(message);
	}
}

/** webhookNotFoundErrorMessage + WebhookNotFoundError (errors/response-errors/webhook-not-found.error) */
function webhookNotFoundError(
	path: string,
	httpMethod: string,
	webhookMethods: string[],
	test: boolean,
): HarnessResponseError {
	let message: string;
	let hint = '';
	if (webhookMethods.length > 0) {
		const methods = [...webhookMethods];
		const text =
			methods.length === 1
				? methods[0]
				: `${methods.slice(0, -1).join(', ')} or ${methods[methods.length - 1]}`;
		message = `This webhook is not registered for ${httpMethod} requests. Did you mean to make a ${text} request?`;
	} else {
		message = `The requested webhook "${httpMethod} ${path}" is not registered.`;
		hint = test
			? "Click the 'Execute workflow' button on the canvas, then try again. (In test mode, the webhook only works for one call after you click this button)"
			: "The workflow must be active for a production URL to run successfully. You can activate the workflow using the toggle in the top-right of the editor. Note that unlike test URL calls, production URL calls aren't shown on the canvas (only in the executions list)";
	}
	return new HarnessResponseError(message, 404, 404, hint || undefined);
}

/** Something of n8n's flow the harness does not reproduce: thrown out of receive(), never answered. */
class HarnessUnsupportedError extends UnexpectedError {
	constructor(what: string) {
		super(`Harness: ${what}`);
	}
}

/** classifyHttpError + serializeInternalRestError */
function errorResponse(error: Error): { status: number; body: IDataObject } {
	const e = error as Partial<HarnessResponseError>;
	if (typeof e.httpStatusCode === 'number' && typeof e.errorCode === 'number') {
		const body: IDataObject = { code: e.errorCode, message: error.message ?? 'Unknown error' };
		if (e.hint) body.hint = e.hint;
		return { status: e.httpStatusCode, body };
	}
	if (error instanceof UserError) return { status: 400, body: { code: 0, message: error.message } };
	return { status: 500, body: { code: 0, message: error.message ?? 'Unknown error' } };
}

// ---------------------------------------------------------------------------------------------
// Express-like request and response
// ---------------------------------------------------------------------------------------------

/** What n8n's webhook handlers get as `req` (express Request + rawBodyReader's additions). */
interface HarnessRequest {
	method: string;
	url: string;
	originalUrl: string;
	path: string;
	baseUrl: string;
	headers: IncomingHttpHeaders;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	body: unknown;
	rawBody?: Buffer;
	_body?: boolean;
	contentType?: string;
	encoding?: BufferEncoding;
	readRawBody: () => Promise<void>;
	get: (name: string) => string | string[] | undefined;
	header: (name: string) => string | string[] | undefined;
	ip: string;
	ips: string[];
	protocol: string;
	secure: boolean;
	hostname: string | undefined;
}

function normalizeHeaders(
	input: Record<string, string | string[] | undefined> | IncomingHttpHeaders,
): IncomingHttpHeaders {
	const out: IncomingHttpHeaders = {};
	for (const [rawName, value] of Object.entries(input)) {
		if (value === undefined) continue;
		const name = rawName.toLowerCase();
		if (name === 'set-cookie') out[name] = Array.isArray(value) ? value : [value];
		else out[name] = Array.isArray(value) ? value.join(', ') : value;
	}
	return out;
}

/**
 * express Request as n8n's webhook routes see it: no body-parser ran (bodyParser is mounted after
 * the webhook routes), rawBodyReader added `readRawBody()` and, through @n8n/backend-network's
 * parseIncomingMessage, `contentType` / `encoding`.
 */
function buildRequest(
	method: string,
	urlPath: string,
	headers: IncomingHttpHeaders,
	bytes: Buffer,
	query: Record<string, string | string[]>,
): HarnessRequest {
	const search = Object.keys(query).length > 0 ? `?${stringifyQuery(query)}` : '';
	const get = (name: string) => {
		const lower = name.toLowerCase();
		if (lower === 'referer' || lower === 'referrer') return headers.referer ?? headers.referrer;
		return headers[lower];
	};
	const req: HarnessRequest = {
		method,
		url: `${urlPath}${search}`,
		originalUrl: `${urlPath}${search}`,
		path: urlPath,
		baseUrl: '',
		headers,
		query,
		params: {},
		body: undefined,
		// rawBodyReader: the body is read on demand (parseBody, or the node itself)
		readRawBody: async () => {
			if (!req.rawBody) {
				switch (headers['content-encoding']) {
					case 'gzip':
						req.rawBody = gunzipSync(bytes);
						break;
					case 'deflate':
						req.rawBody = inflateSync(bytes);
						break;
					default:
						req.rawBody = Buffer.from(bytes);
				}
				req._body = true;
			}
		},
		get,
		header: get,
		ip: '127.0.0.1',
		ips: [],
		protocol: 'http',
		secure: false,
		hostname: typeof headers.host === 'string' ? headers.host.replace(/:\d+$/, '') : undefined,
	};
	parseIncomingMessage(req as unknown as IncomingMessage);
	return req;
}

function headersSentError(): Error {
	const error = new Error('Cannot set headers after they are sent to the client') as Error & {
		code: string;
	};
	error.code = 'ERR_HTTP_HEADERS_SENT';
	return error;
}

const SHORT_TYPES: Record<string, string> = {
	html: 'text/html',
	json: 'application/json',
	text: 'text/plain',
	txt: 'text/plain',
	bin: 'application/octet-stream',
	xml: 'application/xml',
};

/** express's res.set('Content-Type', t): mime.contentType() adds a charset to text types. */
function contentTypeWithCharset(type: string): string {
	const full = SHORT_TYPES[type] ?? type;
	if (/;\s*charset=/i.test(full)) return full;
	if (/^text\/|^application\/(json|javascript|xml)\b/i.test(full)) return `${full}; charset=utf-8`;
	return full;
}

/**
 * The express Response a node gets from getResponseObject(), recording what is sent. Follows
 * express 5 (what n8n 2.x runs): send(string) -> text/html, send(object) -> json(),
 * json() -> application/json, headers can no longer be set once the response started.
 */
class HarnessResponse {
	statusCode = 200;
	statusMessage = '';
	headersSent = false;
	writableEnded = false;
	locals: Record<string, unknown> = {};
	private readonly headerMap = new Map<string, string | string[]>();
	private readonly chunks: Buffer[] = [];

	status(code: number): this {
		if (!Number.isInteger(code)) {
			throw new TypeError(
				`Invalid status code: ${JSON.stringify(code)}. Status code must be an integer.`,
			);
		}
		if (code < 100 || code > 999) {
			throw new RangeError(
				`Invalid status code: ${JSON.stringify(code)}. Status code must be greater than 99 and less than 1000.`,
			);
		}
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number): this {
		this.status(code);
		this.type('txt');
		return this.send(STATUS_CODES[code] ?? String(code));
	}

	setHeader(name: string, value: string | number | readonly string[]): this {
		if (this.headersSent) throw headersSentError();
		this.headerMap.set(
			name.toLowerCase(),
			Array.isArray(value) ? value.map(String) : String(value as string | number),
		);
		return this;
	}

	setHeaders(headers: Map<string, string> | Headers): this {
		for (const [name, value] of headers.entries()) this.setHeader(name, value);
		return this;
	}

	getHeader(name: string): string | string[] | undefined {
		return this.headerMap.get(name.toLowerCase());
	}

	getHeaders(): Record<string, string | string[]> {
		return Object.fromEntries(this.headerMap);
	}

	getHeaderNames(): string[] {
		return [...this.headerMap.keys()];
	}

	hasHeader(name: string): boolean {
		return this.headerMap.has(name.toLowerCase());
	}

	removeHeader(name: string): void {
		if (this.headersSent) throw headersSentError();
		this.headerMap.delete(name.toLowerCase());
	}

	set(field: string | Record<string, string>, value?: string | string[]): this {
		if (typeof field === 'object') {
			for (const [k, v] of Object.entries(field)) this.set(k, v);
			return this;
		}
		const v =
			field.toLowerCase() === 'content-type' && typeof value === 'string'
				? contentTypeWithCharset(value)
				: (value ?? '');
		return this.setHeader(field, v);
	}

	header(field: string | Record<string, string>, value?: string | string[]): this {
		return this.set(field, value);
	}

	get(field: string): string | string[] | undefined {
		return this.getHeader(field);
	}

	type(type: string): this {
		return this.set('Content-Type', type.includes('/') ? type : (SHORT_TYPES[type] ?? type));
	}

	contentType(type: string): this {
		return this.type(type);
	}

	append(field: string, value: string | string[]): this {
		const previous = this.getHeader(field);
		const next = [
			...(previous === undefined ? [] : Array.isArray(previous) ? previous : [previous]),
			...(Array.isArray(value) ? value : [value]),
		];
		return this.setHeader(field, next.length === 1 ? next[0] : next);
	}

	writeHead(
		statusCode: number,
		reasonOrHeaders?: string | Record<string, string | number | string[]>,
		maybeHeaders?: Record<string, string | number | string[]>,
	): this {
		if (this.headersSent) throw headersSentError();
		this.statusCode = statusCode;
		const headers = typeof reasonOrHeaders === 'object' ? reasonOrHeaders : maybeHeaders;
		if (typeof reasonOrHeaders === 'string') this.statusMessage = reasonOrHeaders;
		for (const [name, value] of Object.entries(headers ?? {})) this.setHeader(name, value);
		this.headersSent = true;
		return this;
	}

	write(chunk: string | Buffer | Uint8Array, encoding?: BufferEncoding): boolean {
		if (this.writableEnded) throw new Error('write after end');
		this.headersSent = true;
		this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
		return true;
	}

	end(chunk?: string | Buffer | Uint8Array | (() => void), encoding?: BufferEncoding): this {
		if (this.writableEnded) return this;
		if (chunk !== undefined && typeof chunk !== 'function') this.write(chunk, encoding);
		this.headersSent = true;
		this.writableEnded = true;
		return this;
	}

	send(body?: unknown): this {
		let chunk = body;
		switch (typeof chunk) {
			case 'string':
				if (!this.getHeader('content-type')) this.type('html');
				break;
			case 'boolean':
			case 'number':
			case 'object':
				if (chunk === null) chunk = '';
				else if (ArrayBuffer.isView(chunk)) {
					if (!this.getHeader('content-type')) this.type('bin');
				} else return this.json(chunk);
				break;
		}
		if (typeof chunk === 'string') {
			const type = this.getHeader('content-type');
			if (typeof type === 'string' && !/;\s*charset=/i.test(type)) {
				this.setHeader('content-type', `${type}; charset=utf-8`);
			}
		}
		if (chunk !== undefined) {
			const bytes =
				typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
			this.setHeader('content-length', bytes.length);
			if (this.statusCode === 204 || this.statusCode === 304) {
				this.removeHeader('content-type');
				this.removeHeader('content-length');
				return this.end();
			}
			return this.end(bytes);
		}
		return this.end();
	}

	json(obj: unknown): this {
		const body = JSON.stringify(obj);
		if (!this.getHeader('content-type')) this.setHeader('content-type', 'application/json');
		return this.send(body);
	}

	redirect(statusOrUrl: number | string, maybeUrl?: string): this {
		const [status, url] =
			typeof statusOrUrl === 'number' ? [statusOrUrl, maybeUrl ?? ''] : [302, statusOrUrl];
		this.status(status);
		this.setHeader('location', url);
		return this.end();
	}

	/** event API (close/finish listeners): accepted, never fired */
	on(): this {
		return this;
	}

	once(): this {
		return this;
	}

	get bodyBytes(): Buffer {
		return Buffer.concat(this.chunks);
	}

	headerRecord(): Record<string, string> {
		return Object.fromEntries(
			[...this.headerMap].map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
		);
	}
}

// ---------------------------------------------------------------------------------------------
// Responses as WebhookRequestHandler sends them
// ---------------------------------------------------------------------------------------------

/** responseCallback's data: legacy ({data, responseCode} / {noWebhookResponse}) or a static response */
type WebhookAnswer =
	| { kind: 'legacy'; data?: unknown; responseCode?: number; noWebhookResponse?: boolean }
	| { kind: 'static'; body: unknown; code: number; headers: Map<string, string> };

/** sendLegacyResponse / sendStaticResponse (+ applySandboxCSP for static responses) */
function sendAnswer(res: HarnessResponse, answer: WebhookAnswer): void {
	if (answer.kind === 'legacy') {
		if (answer.noWebhookResponse === true) return;
		if (answer.responseCode !== undefined) res.status(answer.responseCode);
		if (typeof answer.data === 'string') res.send(answer.data);
		else res.json(answer.data);
		return;
	}
	res.status(answer.code);
	if (answer.headers.size > 0) res.setHeaders(answer.headers);
	if (!isWebhookHtmlSandboxingDisabled()) {
		res.setHeader('Content-Security-Policy', getHtmlSandboxCSP());
	}
	if (typeof answer.body === 'string') res.send(answer.body);
	else res.json(answer.body);
}

// ---------------------------------------------------------------------------------------------
// Probe: records webhook method calls (behaviour unchanged)
// ---------------------------------------------------------------------------------------------

const SETUP_METHODS: WebhookSetupMethodNames[] = ['checkExists', 'create', 'delete'];

function probeWebhookMethods(nodeType: INodeType, calls: WebhookMethodCall[]): INodeType {
	const methods = nodeType.webhookMethods;
	if (methods === undefined) return nodeType;
	const wrapped: Record<string, Partial<Record<WebhookSetupMethodNames, unknown>>> = {};
	for (const [name, fns] of Object.entries(methods)) {
		if (fns === undefined) continue;
		const w: Partial<Record<WebhookSetupMethodNames, unknown>> = {};
		for (const method of SETUP_METHODS) {
			const original = (fns as Partial<typeof fns>)[method];
			if (typeof original !== 'function') continue; // n8n skips a missing method
			w[method] = async function (this: IHookFunctions): Promise<boolean> {
				const call: WebhookMethodCall = {
					method,
					webhookName: name,
					mode: this.getMode(),
					activation: this.getActivationMode(),
					webhookUrl: this.getNodeWebhookUrl(name as WebhookType),
				};
				calls.push(call);
				try {
					const result = await original.call(this);
					call.result = result;
					return result;
				} catch (error) {
					call.error = error instanceof Error ? error : new Error(String(error));
					throw error;
				}
			};
		}
		wrapped[name] = w;
	}
	const view = Object.create(nodeType) as INodeType;
	Object.defineProperty(view, 'webhookMethods', { value: wrapped, enumerable: true });
	return view;
}

// ---------------------------------------------------------------------------------------------
// The harness
// ---------------------------------------------------------------------------------------------

interface TestRegistration {
	webhook: IWebhookData;
	/** the Workflow's static data after `create`, as the registration cache keeps it (a copy) */
	staticData?: IDataObject;
}

interface ResolvedTarget {
	test: boolean;
	/** path after /webhook/ or /webhook-test/ */
	path: string;
	method: string;
}

const removeTrailingSlash = (path: string) => (path.endsWith('/') ? path.slice(0, -1) : path);

class WebhookHarnessImpl implements WebhookHarness {
	readonly node: INode;
	readonly workflowId: string;
	readonly received: WebhookReceiveResult[] = [];
	readonly calls: WebhookMethodCall[] = [];

	private readonly nodeTypes: HarnessNodeTypes;
	private readonly credentialsHelper: HarnessCredentialsHelper;
	private base: string;
	private saved: IDataObject = {};
	private current: Workflow;
	/** the "webhook table": production webhooks registered at activation */
	private registered: Array<{ method: string; path: string }> | undefined;
	private testRegistrations: TestRegistration[] | undefined;
	private server: Server | undefined;
	private readonly sockets = new Set<Socket>();

	constructor(types: HarnessTypes, nodeUnderTest: NodeUnderTest, opts: WebhookHarnessOptions) {
		this.nodeTypes = new HarnessNodeTypes(types.nodeTypes, (type, nodeType) =>
			type === nodeUnderTest.type ? probeWebhookMethods(nodeType, this.calls) : nodeType,
		);
		const nodeType = this.nodeTypes.getByNameAndVersion(
			nodeUnderTest.type,
			nodeUnderTest.typeVersion ?? latestVersion(this.nodeTypes.getByName(nodeUnderTest.type)),
		);
		if (nodeType.description.webhooks === undefined || typeof nodeType.webhook !== 'function') {
			throw new UnexpectedError(
				`Harness: node type "${nodeUnderTest.type}" has no description.webhooks or no webhook()`,
			);
		}
		this.credentialsHelper = new HarnessCredentialsHelper(types.credentialTypes);
		const refs = this.credentialsHelper.addCredentials(nodeUnderTest.credentials);
		this.node = buildNode(this.nodeTypes, nodeUnderTest, refs, {
			name: nodeUnderTest.name ?? 'Node',
			position: [0, 0],
		});
		if (opts.webhookId !== null) this.node.webhookId = opts.webhookId ?? randomUUID();
		this.workflowId = opts.workflowId ?? nextId('harness-webhook-workflow');
		this.base = (opts.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
		this.current = this.buildWorkflow({}, false);
	}

	// ------------------------------------------------------------------ plumbing

	get baseUrl(): string {
		return this.base;
	}

	setBaseUrl(url: string): void {
		this.base = url.replace(/\/+$/, '');
	}

	get active(): boolean {
		return this.registered !== undefined;
	}

	get testActive(): boolean {
		return this.testRegistrations !== undefined;
	}

	private get staticDataKey(): string {
		return `node:${this.node.name}`;
	}

	private buildWorkflow(staticData: IDataObject, active: boolean): Workflow {
		// Like n8n: every Workflow instance gets its own copy of the node (defaults filled in).
		return new Workflow({
			id: this.workflowId,
			name: `Harness ${this.workflowId}`,
			nodes: [deepCopy(this.node)],
			connections: {},
			active,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: { executionOrder: 'v1' },
		});
	}

	private workflowNode(workflow: Workflow): INode {
		const node = workflow.getNode(this.node.name);
		if (node === null) throw new UnexpectedError('Harness: webhook node missing from workflow');
		return node;
	}

	/** WorkflowExecuteAdditionalData.getBase() with this harness's credentials and URLs. */
	private additionalData(withWorkflowId = true): IWorkflowExecuteAdditionalData {
		return buildAdditionalData({
			credentialsHelper: this.credentialsHelper,
			workflowId: withWorkflowId ? this.workflowId : undefined,
			instanceBaseUrl: this.base,
		});
	}

	private async withIsolate<T>(workflow: Workflow, fn: () => Promise<T>): Promise<T> {
		await workflow.expression.acquireIsolate();
		try {
			return await fn();
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}

	/** WorkflowStaticDataService.saveStaticData: persist only when flagged as changed. */
	private saveStaticData(workflow: Workflow): boolean {
		if (workflow.staticData.__dataChanged !== true) return false;
		this.saved = plainJson(workflow.staticData);
		workflow.staticData.__dataChanged = false;
		return true;
	}

	// ------------------------------------------------------------------ WebhookService

	/** WebhookService.evaluateDescriptionProperty */
	private evaluateDescriptionProperty(
		workflow: Workflow,
		node: INode,
		description: IWebhookDescription,
		property: string,
		defaultValue?: unknown,
	): unknown {
		const native = resolveWebhookDescriptionField(node, description, property);
		if (native.resolved) return native.value;
		return workflow.expression.getSimpleParameterValue(
			node,
			description[property] as string,
			'internal',
			{},
			undefined,
			defaultValue as boolean,
		);
	}

	/** WebhookService.isDynamicPath */
	private static isDynamicPath(rawPath: string): boolean {
		const firstSlashIndex = rawPath.indexOf('/');
		const path = firstSlashIndex !== -1 ? rawPath.substring(firstSlashIndex + 1) : rawPath;
		if (path === '' || path === ':' || path === '/:') return false;
		return path.startsWith(':') || path.includes('/:');
	}

	/** WebhookService.getNodeWebhooks */
	private getNodeWebhooks(
		workflow: Workflow,
		additionalData: IWorkflowExecuteAdditionalData,
		ignoreRestartWebhooks = false,
	): IWebhookData[] {
		const node = this.workflowNode(workflow);
		if (node.disabled === true) return [];
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		if (nodeType.description.webhooks === undefined) return [];
		const workflowId = workflow.id || '__UNSAVED__';
		const returnData: IWebhookData[] = [];
		for (const webhookDescription of nodeType.description.webhooks) {
			if (ignoreRestartWebhooks && webhookDescription.restartWebhook === true) continue;
			let nodeWebhookPath = this.evaluateDescriptionProperty(
				workflow,
				node,
				webhookDescription,
				'path',
			) as string | undefined | null;
			if (nodeWebhookPath === undefined || nodeWebhookPath === null) continue; // n8n logs an error
			nodeWebhookPath = nodeWebhookPath.toString().trim();
			if (nodeWebhookPath.startsWith('/')) nodeWebhookPath = nodeWebhookPath.slice(1);
			if (nodeWebhookPath.endsWith('/')) nodeWebhookPath = nodeWebhookPath.slice(0, -1);
			const isFullPath = this.evaluateDescriptionProperty(
				workflow,
				node,
				webhookDescription,
				'isFullPath',
				false,
			) as boolean;
			const restartWebhook = this.evaluateDescriptionProperty(
				workflow,
				node,
				webhookDescription,
				'restartWebhook',
				false,
			) as boolean;
			const path = NodeHelpers.getNodeWebhookPath(
				workflowId,
				node,
				nodeWebhookPath,
				isFullPath,
				restartWebhook,
			);
			const webhookMethods = this.evaluateDescriptionProperty(
				workflow,
				node,
				webhookDescription,
				'httpMethod',
				'GET',
			);
			if (webhookMethods === undefined) continue; // n8n logs an error
			const webhookId =
				WebhookHarnessImpl.isDynamicPath(path) && node.webhookId ? node.webhookId : undefined;
			for (const httpMethod of String(webhookMethods).split(',')) {
				if (!httpMethod) continue;
				returnData.push({
					httpMethod: httpMethod.trim() as IHttpRequestMethods,
					node: node.name,
					path,
					webhookDescription,
					workflowId,
					workflowExecuteAdditionalData: additionalData,
					webhookId,
				});
			}
		}
		return returnData;
	}

	/** WebhookService.runWebhookMethod */
	private async runWebhookMethod(
		method: WebhookSetupMethodNames,
		workflow: Workflow,
		webhookData: IWebhookData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean | undefined> {
		const node = workflow.getNode(webhookData.node);
		if (!node) return undefined;
		const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		const webhookFn = nodeType.webhookMethods?.[webhookData.webhookDescription.name]?.[method];
		if (webhookFn === undefined) return undefined;
		const context = new HookContext(
			workflow,
			node,
			webhookData.workflowExecuteAdditionalData,
			mode,
			activation,
			webhookData,
		);
		return await webhookFn.call(context);
	}

	/** WebhookService.createWebhookIfNotExists */
	private async createWebhookIfNotExists(
		workflow: Workflow,
		webhookData: IWebhookData,
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<void> {
		const exists = await this.runWebhookMethod(
			'checkExists',
			workflow,
			webhookData,
			mode,
			activation,
		);
		if (!exists) await this.runWebhookMethod('create', workflow, webhookData, mode, activation);
	}

	// ------------------------------------------------------------------ URLs

	webhooks(): WebhookInfo[] {
		const workflow = this.buildWorkflow({}, false);
		return this.getNodeWebhooks(workflow, this.additionalData()).map((w) => ({
			name: w.webhookDescription.name,
			httpMethod: w.httpMethod,
			path: w.path,
			productionUrl: `${this.base}/${WEBHOOK_ENDPOINT}/${w.path}`,
			testUrl: `${this.base}/${WEBHOOK_TEST_ENDPOINT}/${removeTrailingSlash(w.path)}`,
		}));
	}

	private webhookInfo(name: string): WebhookInfo {
		const info = this.webhooks().find((w) => w.name === name);
		if (info === undefined) {
			throw new UnexpectedError(`Harness: the node has no webhook named "${name}"`);
		}
		return info;
	}

	productionUrl(name = 'default'): string {
		return this.webhookInfo(name).productionUrl;
	}

	testUrl(name = 'default'): string {
		return this.webhookInfo(name).testUrl;
	}

	// ------------------------------------------------------------------ production activation

	async activate(mode: WorkflowActivateMode = 'activate'): Promise<void> {
		if (this.registered !== undefined && mode !== 'init' && mode !== 'leadershipChange') {
			throw new UnexpectedError(
				`Harness: already active. n8n deactivates before activating again ('${mode}'): call deactivate() first, or activate('init') for a restart`,
			);
		}
		// ActiveWorkflowManager.add: the Workflow comes from the database (saved static data)
		const workflow = this.buildWorkflow(plainJson(this.saved), true);
		this.current = workflow;
		const additionalData = this.additionalData();
		const rows: Array<{ method: string; path: string }> = [];
		await this.withIsolate(workflow, async () => {
			// addWebhooks
			const webhooks = this.getNodeWebhooks(workflow, additionalData, true);
			for (const webhookData of webhooks) {
				rows.push({ method: webhookData.httpMethod, path: webhookData.path });
				try {
					await this.createWebhookIfNotExists(workflow, webhookData, 'trigger', mode);
				} catch (error) {
					try {
						await this.clearWebhooks();
					} catch {
						// n8n reports and logs "Could not remove webhooks of workflow"
					}
					this.registered = undefined;
					throw error;
				}
			}
		});
		this.saveStaticData(workflow);
		this.registered = rows;
	}

	/**
	 * ActiveWorkflowManager.clearWebhooks: Workflow loaded from the saved data, `delete` per
	 * webhook (deregisterWebhooks, mode 'internal', activation 'update'), static data saved.
	 */
	private async clearWebhooks(): Promise<void> {
		const workflow = this.buildWorkflow(plainJson(this.saved), true);
		this.current = workflow;
		const additionalData = this.additionalData();
		await this.withIsolate(workflow, async () => {
			for (const webhookData of this.getNodeWebhooks(workflow, additionalData, true)) {
				await this.runWebhookMethod('delete', workflow, webhookData, 'internal', 'update');
			}
		});
		this.saveStaticData(workflow);
	}

	async deactivate(): Promise<WebhookDeactivateResult> {
		if (this.registered === undefined) {
			throw new UnexpectedError('Harness: not active (call activate() first)');
		}
		this.registered = undefined;
		try {
			await this.clearWebhooks();
			return {};
		} catch (error) {
			// ActiveWorkflowManager.remove logs "Could not remove webhooks of workflow"
			return { error: error instanceof Error ? error : new Error(String(error)) };
		}
	}

	// ------------------------------------------------------------------ test webhooks

	async activateTest(): Promise<void> {
		// TestWebhooks.toWorkflow: static data always starts empty
		const workflow = this.buildWorkflow({}, false);
		const additionalData = this.additionalData();
		await this.withIsolate(workflow, async () => {
			const webhooks = this.getNodeWebhooks(workflow, additionalData, true);
			if (!webhooks.some((w) => w.webhookDescription.restartWebhook !== true)) {
				throw new UnexpectedError('Harness: the node has no webhook to listen on');
			}
			const registrations = [...(this.testRegistrations ?? [])];
			this.testRegistrations = registrations;
			for (const webhook of webhooks) {
				webhook.path = removeTrailingSlash(webhook.path);
				webhook.isTest = true;
				webhook.userId = 'harness-user';
				const registration: TestRegistration = { webhook };
				const index = registrations.findIndex(
					(r) => r.webhook.httpMethod === webhook.httpMethod && r.webhook.path === webhook.path,
				);
				if (index === -1) registrations.push(registration);
				else registrations[index] = registration;
				try {
					await this.createWebhookIfNotExists(workflow, webhook, 'manual', 'manual');
					registration.staticData = plainJson(workflow.staticData);
				} catch (error) {
					await this.deactivateTestWebhooks(workflow);
					throw error;
				}
			}
		});
	}

	/** TestWebhooks.deactivateWebhooks */
	private async deactivateTestWebhooks(workflow: Workflow): Promise<void> {
		const registrations = this.testRegistrations ?? [];
		for (const registration of [...registrations]) {
			if (registration.staticData) workflow.staticData = plainJson(registration.staticData);
			await this.runWebhookMethod(
				'delete',
				workflow,
				{ ...registration.webhook, workflowExecuteAdditionalData: this.additionalData() },
				'internal',
				'update',
			);
			registrations.splice(registrations.indexOf(registration), 1);
		}
		if (registrations.length === 0) this.testRegistrations = undefined;
	}

	async deactivateTest(): Promise<void> {
		if (this.testRegistrations === undefined) {
			throw new UnexpectedError('Harness: no test webhook registered (call activateTest() first)');
		}
		const workflow = this.buildWorkflow({}, false);
		await this.withIsolate(workflow, async () => await this.deactivateTestWebhooks(workflow));
	}

	// ------------------------------------------------------------------ static data

	staticData(): IDataObject {
		return nodeStaticData(this.current.staticData, this.staticDataKey, this.node.name);
	}

	savedStaticData(): IDataObject {
		return plainJson((this.saved[this.staticDataKey] ?? {}) as IDataObject);
	}

	testStaticData(): IDataObject | undefined {
		const registration = this.testRegistrations?.find((r) => r.staticData !== undefined);
		if (registration?.staticData === undefined) return undefined;
		return plainJson((registration.staticData[this.staticDataKey] ?? {}) as IDataObject);
	}

	setStaticData(d: IDataObject): void {
		const inMemory = plainJson(this.current.staticData) as IDataObject;
		inMemory[this.staticDataKey] = plainJson(d);
		this.saved = { ...this.saved, [this.staticDataKey]: plainJson(d) };
		this.current = this.buildWorkflow(inMemory, this.registered !== undefined);
	}

	// ------------------------------------------------------------------ requests

	async receive(
		input: WebhookRequestInput,
		opts: { test?: boolean } = {},
	): Promise<WebhookReceiveResult> {
		const method = (input.method ?? 'POST').toUpperCase();
		const test = opts.test === true;
		const candidates = this.webhooks();
		const chosen =
			input.webhookName !== undefined
				? candidates.find((w) => w.name === input.webhookName)
				: (candidates.find((w) => w.httpMethod === method) ?? candidates[0]);
		if (chosen === undefined) {
			throw new UnexpectedError(`Harness: the node has no webhook named "${input.webhookName}"`);
		}
		const path = test ? removeTrailingSlash(chosen.path) : chosen.path;
		const bytes = Buffer.isBuffer(input.body) ? input.body : Buffer.from(input.body ?? '', 'utf8');
		const headers = normalizeHeaders(input.headers ?? {});
		// What any HTTP client sends with a body (n8n's raw-body reader checks it).
		if (
			bytes.length > 0 &&
			headers['content-length'] === undefined &&
			headers['transfer-encoding'] === undefined
		) {
			headers['content-length'] = String(bytes.length);
		}
		return await this.handle({ test, path, method }, headers, bytes, input.query ?? {});
	}

	/** WebhookRequestHandler.handleRequest + the webhook manager's executeWebhook */
	private async handle(
		target: ResolvedTarget,
		headers: IncomingHttpHeaders,
		bytes: Buffer,
		query: Record<string, string | string[]>,
	): Promise<WebhookReceiveResult> {
		const endpoint = target.test ? WEBHOOK_TEST_ENDPOINT : WEBHOOK_ENDPOINT;
		const req = buildRequest(target.method, `/${endpoint}/${target.path}`, headers, bytes, query);
		const res = new HarnessResponse();
		const outcome: Outcome = {
			execution: 'none',
			staticDataSaved: false,
			testWebhookDeactivated: false,
			warnings: [],
		};

		let answer: WebhookAnswer | Error;
		if (target.method === 'OPTIONS') {
			answer = { kind: 'legacy', data: {}, responseCode: 204 };
		} else if (!WEBHOOK_METHODS.includes(target.method)) {
			answer = new Error(`The method ${target.method} is not supported.`);
		} else {
			answer = target.test
				? await this.executeTestWebhook(target, req, res, outcome)
				: await this.executeLiveWebhook(target, req, res, outcome);
		}

		try {
			if (answer instanceof Error) {
				const { status, body } = errorResponse(answer);
				res.status(status).json(body);
			} else {
				sendAnswer(res, answer);
			}
		} catch (error) {
			// handleRequest's catch: logged, then sendErrorResponse (which fails in turn when the
			// node already answered, e.g. ERR_HTTP_HEADERS_SENT: the sender keeps the node's answer)
			outcome.warnings.push(`n8n logs: ${(error as Error).message}`);
			try {
				const { status, body } = errorResponse(error as Error);
				res.status(status).json(body);
			} catch (secondError) {
				outcome.warnings.push(`n8n logs: ${(secondError as Error).message}`);
			}
		}

		const rawBody = res.bodyBytes;
		const responseHeaders = res.headerRecord();
		let json: unknown;
		if (/json/i.test(responseHeaders['content-type'] ?? '') && rawBody.length > 0) {
			try {
				json = JSON.parse(rawBody.toString('utf8'));
			} catch {
				json = undefined;
			}
		}
		const result: WebhookReceiveResult = {
			status: res.statusCode,
			headers: responseHeaders,
			body: rawBody.toString('utf8'),
			rawBody,
			json,
			returned: outcome.returned,
			webhookResponse: outcome.returned?.webhookResponse as unknown,
			workflowData: outcome.returned?.workflowData,
			noWebhookResponse: outcome.returned?.noWebhookResponse === true,
			execution: outcome.execution,
			error: outcome.error ?? (answer instanceof Error ? answer : undefined),
			staticDataSaved: outcome.staticDataSaved,
			testWebhookDeactivated: outcome.testWebhookDeactivated,
			ended: res.writableEnded,
			warnings: outcome.warnings,
			target: target.test ? 'test' : 'production',
			path: target.path,
		};
		this.received.push(result);
		return result;
	}

	/** LiveWebhooks.executeWebhook */
	private async executeLiveWebhook(
		target: ResolvedTarget,
		req: HarnessRequest,
		res: HarnessResponse,
		outcome: Outcome,
	): Promise<WebhookAnswer | Error> {
		const rows = this.registered ?? [];
		if (!rows.some((r) => r.method === target.method && r.path === target.path)) {
			const methods = rows.filter((r) => r.path === target.path).map((r) => r.method);
			return webhookNotFoundError(target.path, target.method, methods, false);
		}
		// The Workflow is loaded from the database for every request.
		const workflow = this.buildWorkflow(plainJson(this.saved), true);
		this.current = workflow;
		return await this.withIsolate(workflow, async () => {
			const webhookData = this.getNodeWebhooks(workflow, this.additionalData()).find(
				(w) => w.httpMethod === target.method && w.path === target.path,
			);
			if (webhookData === undefined) {
				return new HarnessResponseError('Could not find node to process webhook.', 404);
			}
			res.locals.workflowId = this.workflowId;
			let answer: WebhookAnswer | Error | undefined;
			await this.executeWebhook(workflow, webhookData, 'webhook', req, res, outcome, (a) => {
				if (answer !== undefined) return;
				answer = a;
				// responseCallback: static data saved, then n8n answers
				if (!(a instanceof Error)) outcome.staticDataSaved = this.saveStaticData(workflow);
			});
			return answer ?? { kind: 'legacy', noWebhookResponse: true };
		});
	}

	/** TestWebhooks.executeWebhook */
	private async executeTestWebhook(
		target: ResolvedTarget,
		req: HarnessRequest,
		res: HarnessResponse,
		outcome: Outcome,
	): Promise<WebhookAnswer | Error> {
		const registrations = this.testRegistrations ?? [];
		const registration = registrations.find(
			(r) => r.webhook.httpMethod === target.method && r.webhook.path === target.path,
		);
		if (registration === undefined) {
			const methods = registrations
				.filter((r) => r.webhook.path === target.path)
				.map((r) => r.webhook.httpMethod);
			return webhookNotFoundError(target.path, target.method, methods, true);
		}
		const workflow = this.buildWorkflow({}, false);
		if (registration.staticData) workflow.setTestStaticData(plainJson(registration.staticData));
		return await this.withIsolate(workflow, async () => {
			let answer: WebhookAnswer | Error | undefined;
			const started = await this.executeWebhook(
				workflow,
				{ ...registration.webhook, workflowExecuteAdditionalData: this.additionalData() },
				'manual',
				req,
				res,
				outcome,
				(a) => {
					answer ??= a;
				},
			);
			// one call only: once an execution started, the test webhooks are deactivated
			if (started) {
				await this.deactivateTestWebhooks(workflow);
				outcome.testWebhookDeactivated = true;
			}
			return answer ?? { kind: 'legacy', noWebhookResponse: true };
		});
	}

	/**
	 * WebhookHelpers.executeWebhook for a trigger node without downstream nodes.
	 * Returns whether an execution would have been started (n8n returns its id).
	 */
	private async executeWebhook(
		workflow: Workflow,
		webhookData: IWebhookData,
		executionMode: WorkflowExecuteMode,
		req: HarnessRequest,
		res: HarnessResponse,
		outcome: Outcome,
		responseCallback: (answer: WebhookAnswer | Error) => void,
	): Promise<boolean> {
		const node = this.workflowNode(workflow);
		const additionalKeys: IWorkflowDataProxyAdditionalKeys = { $executionId: undefined };
		const description = webhookData.webhookDescription;
		const evaluateSimple = (property: string, defaultValue?: unknown) => {
			const native = resolveWebhookDescriptionField(node, description, property);
			if (native.resolved) return native.value;
			return workflow.expression.getSimpleParameterValue(
				node,
				description[property] as string,
				executionMode,
				additionalKeys,
				undefined,
				defaultValue as boolean,
			);
		};
		const evaluateComplex = (property: string, defaultValue?: unknown) => {
			const native = resolveWebhookDescriptionField(node, description, property);
			if (native.resolved) return native.value;
			return workflow.expression.getComplexParameterValue(
				node,
				description[property] as string,
				executionMode,
				additionalKeys,
				undefined,
				defaultValue as string,
			);
		};

		const additionalData = buildAdditionalData({
			credentialsHelper: this.credentialsHelper,
			instanceBaseUrl: this.base,
		});
		const responseMode = evaluateSimple('responseMode', 'onReceived') as string;
		const responseCode = evaluateSimple('responseCode', 200) as number;
		if (!RESPONSE_MODES.includes(responseMode)) {
			responseCallback(new UnexpectedError(`The response mode '${responseMode}' is not valid!`));
			return false;
		}
		additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];

		let didSendResponse = false;
		let returned: IWebhookResponseData;
		try {
			await this.parseRequestBody(req, workflow, node, executionMode, additionalKeys);
		} catch (e) {
			if (e instanceof HarnessUnsupportedError) throw e;
			const error =
				e instanceof HarnessResponseError && e.httpStatusCode < 500
					? e
					: new OperationalError('There was a problem executing the workflow', { cause: e });
			responseCallback(error);
			return false;
		}

		try {
			// WebhookService.runWebhook
			const nodeType = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
			const context = new WebhookContext(
				workflow,
				node,
				additionalData,
				executionMode,
				webhookData,
				[],
				null,
			);
			if (nodeType.webhook === undefined) {
				throw new UnexpectedError('Node does not have any webhooks defined', {
					extra: { nodeName: node.name },
				});
			}
			if (isNodeClassInstance(nodeType)) returned = await nodeType.webhook!(context);
			else returned = await nodeType.webhook.call(context);
			outcome.returned = returned;
		} catch (err) {
			const error = err instanceof Error ? err : new Error(String(err));
			outcome.error = error;
			const { name } = this.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).description;
			const webhookType = ['formTrigger', 'form'].includes(name) ? 'Form' : 'Webhook';
			const message =
				error instanceof NodeOperationError && error.type === 'manual-form-test'
					? error.message
					: `Workflow ${webhookType} Error: Workflow could not be started!`;
			responseCallback(new UnexpectedError(message));
			didSendResponse = true;
			// n8n still starts an execution, which records the error
			returned = { noWebhookResponse: true, workflowData: [[{ json: {} }]] };
		}

		const responseHeaders = this.evaluateResponseHeaders(
			evaluateComplex('responseHeaders'),
			outcome,
		);
		if (!res.headersSent && responseHeaders.size > 0) res.setHeaders(responseHeaders);

		if (returned.noWebhookResponse === true && !didSendResponse) {
			responseCallback({ kind: 'legacy', noWebhookResponse: true });
			didSendResponse = true;
		}

		if (returned.workflowData === undefined) {
			if (!didSendResponse) {
				responseCallback({
					kind: 'legacy',
					data:
						returned.webhookResponse !== undefined
							? (returned.webhookResponse as unknown)
							: { message: 'Webhook call received' },
					responseCode,
				});
			}
			return false;
		}

		// From here on n8n starts the workflow (WorkflowRunner.run), with the data returned.
		outcome.execution = outcome.error ? 'failed' : 'started';
		if (!didSendResponse) {
			if (responseMode !== 'onReceived') {
				throw new HarnessUnsupportedError(
					`responseMode '${responseMode}' answers after the workflow ran; the harness does not run workflows (only 'onReceived' is supported)`,
				);
			}
			// onReceived: answered right after the execution started
			additionalKeys.$executionId = nextId('harness-webhook-execution');
			const responseData = evaluateComplex('responseData', 'firstEntryJson');
			responseCallback({
				kind: 'static',
				body: extractWebhookOnReceivedResponse(responseData, returned),
				code: responseCode,
				headers: responseHeaders,
			});
		}
		return true;
	}

	/** webhook-helpers' parseRequestBody + the CLI's parseBody (multipart and XML not supported) */
	private async parseRequestBody(
		req: HarnessRequest,
		workflow: Workflow,
		node: INode,
		executionMode: WorkflowExecuteMode,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
	): Promise<void> {
		const nodeVersion = node.typeVersion;
		if (nodeVersion === 1) {
			const binaryData = workflow.expression.getSimpleParameterValue(
				node,
				'={{$parameter["options"]["binaryData"]}}',
				executionMode,
				additionalKeys,
				undefined,
				false,
			);
			if (binaryData) return;
		}
		const { contentType } = req;
		if (contentType?.startsWith('multipart/')) {
			throw new HarnessUnsupportedError('multipart bodies are not supported');
		}
		if (
			nodeVersion > 1 &&
			!(
				contentType?.startsWith('application/json') ||
				contentType?.startsWith('text/plain') ||
				contentType?.startsWith('application/x-www-form-urlencoded') ||
				contentType?.endsWith('/xml') ||
				contentType?.endsWith('+xml')
			)
		) {
			return; // not read: req.rawBody stays undefined until the node calls req.readRawBody()
		}
		// parseBody
		await req.readRawBody();
		const { rawBody, encoding } = req;
		if (!rawBody?.length) return;
		const stripBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
		try {
			if (contentType === 'application/json') {
				req.body = jsonParse(stripBom(rawBody.toString(encoding)));
			} else if (contentType?.endsWith('/xml') || contentType?.endsWith('+xml')) {
				throw new HarnessUnsupportedError('XML bodies are not supported');
			} else if (contentType === 'application/x-www-form-urlencoded') {
				req.body = {
					...parseQueryString(stripBom(rawBody.toString(encoding)), undefined, undefined, {
						maxKeys: 1000,
					}),
				};
			} else if (contentType === 'text/plain') {
				req.body = rawBody.toString(encoding);
			}
		} catch (error) {
			if (error instanceof HarnessUnsupportedError) throw error;
			throw new HarnessResponseError(
				'Failed to parse request body',
				422,
				422,
				(error as Error).message,
			);
		}
	}

	/** webhook-helpers' evaluateResponseHeaders + WebhookResponseHeaders.set */
	private evaluateResponseHeaders(evaluated: unknown, outcome: Outcome): Map<string, string> {
		const headers = new Map<string, string>();
		const entries = (evaluated as { entries?: Array<{ name: string; value: string }> } | undefined)
			?.entries;
		for (const { name, value } of entries ?? []) {
			const lower = name.toLowerCase();
			if (PROTECTED_HEADERS.has(lower)) {
				outcome.warnings.push(`Dropping protected webhook response header: ${name}`);
				continue;
			}
			try {
				validateHeaderName(lower);
				validateHeaderValue(lower, value);
			} catch (error) {
				outcome.warnings.push(`Dropping invalid webhook response header ${name}: ${String(error)}`);
				continue;
			}
			headers.set(lower, value);
		}
		return headers;
	}

	// ------------------------------------------------------------------ HTTP server

	async serve(opts: { port?: number } = {}): Promise<string> {
		if (this.server) return this.base;
		const server = createServer((req, res) => {
			void this.onHttpRequest(req, res);
		});
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.on('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(opts.port ?? 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.server = server;
		this.setBaseUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
		return this.base;
	}

	private async onHttpRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
		try {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const [, endpoint, ...segments] = url.pathname.split('/');
			if (endpoint !== WEBHOOK_ENDPOINT && endpoint !== WEBHOOK_TEST_ENDPOINT) {
				res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
				res.end(`Cannot ${req.method} ${url.pathname}`);
				return;
			}
			// express decodes the wildcard's segments
			const path = removeTrailingSlash(segments.map((s) => decodeURIComponent(s)).join('/'));
			const query = { ...parseQueryString(url.search.slice(1)) } as Record<
				string,
				string | string[]
			>;
			const result = await this.handle(
				{ test: endpoint === WEBHOOK_TEST_ENDPOINT, path, method: req.method ?? 'GET' },
				normalizeHeaders(req.headers),
				Buffer.concat(chunks),
				query,
			);
			res.writeHead(result.status, result.headers);
			res.end(result.rawBody);
		} catch (error) {
			if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
			res.end(`Harness error: ${(error as Error).message}`);
		}
	}

	async close(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
}

interface Outcome {
	returned?: IWebhookResponseData;
	error?: Error;
	execution: 'none' | 'started' | 'failed';
	staticDataSaved: boolean;
	testWebhookDeactivated: boolean;
	warnings: string[];
}

/** webhook-on-received-response-extractor */
function extractWebhookOnReceivedResponse(
	responseData: unknown,
	webhookResultData: IWebhookResponseData,
): unknown {
	if (responseData === 'noData') return undefined;
	if (responseData) return responseData;
	if (webhookResultData.webhookResponse !== undefined) {
		return webhookResultData.webhookResponse as unknown;
	}
	return { message: 'Workflow was started' };
}

export function createWebhookHarness(
	types: HarnessTypes,
	node: NodeUnderTest,
	opts: WebhookHarnessOptions = {},
): WebhookHarness {
	return new WebhookHarnessImpl(types, node, opts);
}
