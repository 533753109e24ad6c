import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ZavuRequest } from '../../transport';
import { invalidResponseError, isPlainObject, zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail } from '../common/validation';
import {
	bodyFrom,
	IDEMPOTENT,
	METHODS,
	METHODS_WITH_BODY,
	queryFrom,
	requireApiPath,
	requireMethod,
} from './input';

/**
 * Most pages one Return All reads (at Zavu's largest page, 100, that is 100,000 entries). A list
 * that goes on longer is failed rather than cut short without a word.
 */
export const MAX_PAGES = 1000;

const properties: INodeProperties[] = [
	{
		displayName: 'Method',
		name: 'method',
		type: 'options',
		options: METHODS.map((method) => ({ name: method, value: method })),
		default: 'GET',
		description:
			'HTTP method of the call. GET, PUT and DELETE are retried after a timeout or server error; POST and PATCH only when Zavu certainly did not act (rate limited, connection refused), so nothing is created twice.',
	},
	{
		displayName: 'Path',
		name: 'path',
		type: 'string',
		required: true,
		default: '',
		placeholder: '/v1/contacts',
		description:
			"Path of a Zavu API endpoint under the credential's base URL, starting with /v1/ or /v2/, e.g. /v1/contacts or /v1/messages/msg_abc123 (an expression may put an ID in it). No host and no query string: put query parameters below. Endpoints: https://docs.zavu.dev.",
	},
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		hint: 'For list endpoints (an "items" array and a "nextCursor"): on, follows nextCursor to the last page and outputs one item per entry; off, outputs the response as one item',
		displayOptions: { show: { method: ['GET'] } },
	},
	{
		displayName: 'Query Parameters',
		name: 'queryParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Parameter',
		default: {},
		description: 'Query string parameters, e.g. limit = 100 or status = active',
		options: [
			{
				displayName: 'Parameter',
				name: 'parameters',
				values: [
					{ displayName: 'Name', name: 'name', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'JSON Body',
		name: 'body',
		type: 'json',
		default: '{}',
		description:
			"The request body, a JSON object with the endpoint's fields as Zavu names them. Leave empty to send no body.",
		displayOptions: { show: { method: METHODS_WITH_BODY } },
	},
	optionsCollection('customApiCall', 'request', [
		{
			displayName: 'Sender Name or ID',
			name: 'senderId',
			type: 'options',
			typeOptions: { loadOptionsMethod: 'getSenders' },
			default: '',
			description:
				'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
			hint: 'Sent as the Zavu-Sender header, for endpoints that act as a sender (the project default sender when empty)',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['customApiCall'], operation: ['request'] } },
	properties,
);

/** The request of one item, every field checked before anything is sent. */
function buildRequest(this: IExecuteFunctions, i: number, fail: Fail): ZavuRequest {
	const method = requireMethod(fail, this.getNodeParameter('method', i, 'GET'));
	const path = requireApiPath(fail, 'Path', this.getNodeParameter('path', i, ''));
	const qs = queryFrom(fail, this.getNodeParameter('queryParameters', i, {}));
	const body = METHODS_WITH_BODY.includes(method)
		? bodyFrom(fail, this.getNodeParameter('body', i, ''))
		: undefined;
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const sender = typeof options.senderId === 'string' ? options.senderId.trim() : '';
	return {
		method,
		path,
		qs,
		body,
		headers: sender ? { 'Zavu-Sender': sender } : undefined,
		idempotent: IDEMPOTENT[method],
		itemIndex: i,
		retry: getRetryOptions(this, i),
	};
}

/**
 * Any Zavu endpoint, authenticated by the credential: emits the response as one item, or with
 * Return All (GET) one item per entry of a cursor-paginated list.
 */
export async function execute(
	this: IExecuteFunctions,
	i: number,
): Promise<IDataObject | IDataObject[]> {
	const fail = itemFail(this, i);
	const request = buildRequest.call(this, i, fail);
	const returnAll = request.method === 'GET' && this.getNodeParameter('returnAll', i, false);
	if (returnAll !== true) return await zavuApiRequest.call(this, request);
	return await allEntries.call(this, request, fail);
}

/**
 * Follows `nextCursor` (sent back as `cursor`, the rest of the query as given) and collects the
 * `items` of every page, as the transport's list walk does. A cursor handed out twice would loop.
 */
async function allEntries(
	this: IExecuteFunctions,
	request: ZavuRequest,
	fail: Fail,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (let page = 1; ; page++) {
		const qs = cursor === undefined ? request.qs : { ...request.qs, cursor };
		const response = await zavuApiRequest.call(this, { ...request, qs });
		if (!Array.isArray(response.items)) {
			throw invalidResponseError(
				this.getNode(),
				`no "items" array in the answer to GET ${request.path}; Return All is for list endpoints: turn it off to get the response as one item`,
				request.itemIndex,
			);
		}
		// An n8n item is an object: a bare value in a list is wrapped.
		for (const entry of response.items as unknown[]) {
			entries.push((isPlainObject(entry) ? entry : { value: entry }) as IDataObject);
		}
		const next = response.nextCursor;
		if (next === null || next === undefined || next === '') return entries;
		const nextCursor = String(next);
		if (seen.has(nextCursor) || nextCursor === cursor) {
			throw invalidResponseError(
				this.getNode(),
				`the list returned cursor "${nextCursor}" a second time after ${entries.length} items; stopped to avoid looping over the same pages`,
				request.itemIndex,
			);
		}
		if (page >= MAX_PAGES) {
			fail(
				`Return All stopped after ${MAX_PAGES} pages (${entries.length} items) and the list goes on`,
				'Narrow the list with query parameters (filters, a limit of up to 100 per page), or turn Return All off and page with the cursor query parameter yourself.',
			);
		}
		seen.add(nextCursor);
		cursor = nextCursor;
	}
}
