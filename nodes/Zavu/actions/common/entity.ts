import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ZavuRequest } from '../../transport';
import {
	encodeId,
	invalidResponseError,
	unwrap,
	zavuApiRequest,
	zavuApiRequestAllItems,
} from '../../transport';
import type { LocatorEntity } from './locator';
import { readLocatorId } from './locator';
import { getFilterQuery, getPageOptions, getRetryOptions } from './options';
import { itemFail, requireId } from './validation';

// The pieces every resource repeats: its Operation dropdown, an ID field (or a resource locator,
// ./locator.ts), a Filters collection, a request that answers one entity, a Get Many.

/** A resource's Operation dropdown. */
export function operationField(
	resource: string,
	options: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options,
		default: defaultOperation,
	};
}

/** The required ID of the entity an operation acts on. */
export function idField(
	displayName: string,
	name: string,
	placeholder: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		required: true,
		default: '',
		placeholder,
		description,
	};
}

/** The "Filters" collection of a Get Many. */
export function filtersField(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options,
	};
}

/**
 * The item's ID parameter `name` (labelled `field` in errors), checked, as one path segment. With
 * `entity`, the parameter is a resource locator of it (./locator.ts): read through extractValue,
 * so a plain id saved before the locator reads the same.
 */
export function pathId(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	field: string,
	entity?: LocatorEntity,
): string {
	const id = entity
		? readLocatorId(ctx, i, name, field, entity)
		: requireId(itemFail(ctx, i), field, ctx.getNodeParameter(name, i, ''));
	return encodeId(id);
}

/** A request Zavu answers with `{ [envelope]: entity }`, retried per the item's Options: the entity. */
export async function requestOne(
	this: IExecuteFunctions,
	i: number,
	request: Omit<ZavuRequest, 'itemIndex' | 'retry'>,
	envelope: string,
): Promise<IDataObject> {
	const response = await zavuApiRequest.call(this, {
		...request,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return unwrap.call(this, response, envelope, i);
}

/** GET `path` with the item's Filters `filterKeys`, following `nextCursor`: the entities. */
export async function requestAll(
	this: IExecuteFunctions,
	i: number,
	path: string,
	filterKeys: string[],
): Promise<IDataObject[]> {
	return await zavuApiRequestAllItems.call(
		this,
		{
			method: 'GET',
			path,
			qs: getFilterQuery(this, i, filterKeys),
			itemIndex: i,
			retry: getRetryOptions(this, i),
		},
		getPageOptions(this, i),
	);
}

/**
 * A request Zavu answers with the entity itself, not in an envelope (contacts, senders,
 * templates), retried per the item's Options. An answer that is not an entity with an `id` is
 * refused, as `unwrap` does for envelopes; `entity` names it in that error.
 */
export async function requestBare(
	this: IExecuteFunctions,
	i: number,
	request: Omit<ZavuRequest, 'itemIndex' | 'retry'>,
	entity: string,
): Promise<IDataObject> {
	const response = await zavuApiRequest.call(this, {
		...request,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	if (typeof response.id !== 'string' || !response.id) {
		throw invalidResponseError(this.getNode(), `no ${entity} "id" in the response`, i);
	}
	return response;
}
