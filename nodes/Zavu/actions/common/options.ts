import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { PageOptions, RetryOptions } from '../../transport';
import { DEFAULT_RETRY } from '../../transport';
import type { Fail } from './validation';
import { itemFail, requirePositiveInteger } from './validation';

/** Request options every operation offers under "Options" (defaults match DEFAULT_RETRY). */
export const requestOptionFields: INodeProperties[] = [
	{
		displayName: 'Max Attempts',
		name: 'maxAttempts',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: 10 },
		default: 3,
		description:
			"How many times to try a request in total. Rate-limited requests (429) are retried after Zavu's Retry-After; reads, cancels and sends (which carry an idempotency key) also after timeouts and 5xx. Creating an invitation is never resent when Zavu might already have created it.",
	},
	{
		displayName: 'Max Retry Wait (Seconds)',
		name: 'maxRetryWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 60,
		description: 'Upper bound on the total time spent waiting between attempts of one request',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeoutSeconds',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 60,
		description: 'How long to wait for Zavu to answer one attempt',
	},
];

/** "Return All" and "Limit", as every Get Many operation has them. */
export const listFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export function optionsCollection(
	resource: string,
	operation: string,
	extra: INodeProperties[] = [],
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: { resource: [resource], operation: [operation] } },
		options: [...extra, ...requestOptionFields].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

export function getRetryOptions(ctx: IExecuteFunctions, itemIndex: number): RetryOptions {
	const options = ctx.getNodeParameter('options', itemIndex, {}) as {
		maxAttempts?: number;
		maxRetryWaitSeconds?: number;
		timeoutSeconds?: number;
	};
	const fail: Fail = itemFail(ctx, itemIndex);
	const maxAttempts = options.maxAttempts ?? DEFAULT_RETRY.maxAttempts;
	if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
		fail(`Max Attempts must be a whole number from 1 to 10, got ${maxAttempts}`);
	}
	const waitSeconds = options.maxRetryWaitSeconds ?? DEFAULT_RETRY.maxWaitMs / 1000;
	if (typeof waitSeconds !== 'number' || !(waitSeconds >= 0)) {
		fail(`Max Retry Wait must be 0 or more seconds, got ${waitSeconds}`);
	}
	const timeoutSeconds = options.timeoutSeconds ?? DEFAULT_RETRY.timeoutMs / 1000;
	if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds > 0)) {
		fail(`Timeout must be more than 0 seconds, got ${timeoutSeconds}`);
	}
	return {
		maxAttempts,
		maxWaitMs: Math.round(waitSeconds * 1000),
		timeoutMs: Math.round(timeoutSeconds * 1000),
	};
}

/** "Return All" / "Limit" of a Get Many item, checked. */
export function getPageOptions(ctx: IExecuteFunctions, itemIndex: number): PageOptions {
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? 0
		: requirePositiveInteger(
				itemFail(ctx, itemIndex),
				'Limit',
				ctx.getNodeParameter('limit', itemIndex, 50),
			);
	return { returnAll, limit };
}

/** The query string of a Get Many item's "Filters" (empty values left out). */
export function getFilterQuery(
	ctx: IExecuteFunctions,
	itemIndex: number,
	keys: string[],
): IDataObject {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	for (const key of keys) {
		const value = typeof filters[key] === 'string' ? (filters[key] as string).trim() : '';
		if (value) qs[key] = value;
	}
	return qs;
}
