import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import * as account from './account';
import * as agent from './agent';
import * as broadcast from './broadcast';
import * as call from './call';
import * as contact from './contact';
import * as conversation from './conversation';
import * as customApiCall from './customApiCall';
import * as invitation from './invitation';
import * as lookup from './lookup';
import * as message from './message';
import * as phoneNumber from './phoneNumber';
import * as sender from './sender';
import * as template from './template';
import * as url from './url';

/** One item's result from `Operation.executeAll`: its output json, or the error it failed with. */
export type ItemOutcome = IDataObject | IDataObject[] | Error;

/** What an `<operation>.operation.ts` exports. */
export interface Operation {
	/** The output items' json; with `output: 'items'`, whole items (json and binary data). */
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
	): Promise<IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[]>;
	/** How many items may run at once: 'itemsInFlight' = the Items In Flight option; else 1. */
	concurrency?: 'itemsInFlight';
	/** 'items': execute returns n8n items (e.g. with downloaded files), not only their json. */
	output?: 'items';
	/**
	 * Runs all items in one call instead of `execute` per item (e.g. to send them in batches): one
	 * outcome per entry of `itemIndexes`, in that order, each what `execute` would return or the
	 * Error that item failed with. Without Continue On Fail it may instead throw the first failing
	 * item's error (before any request, or to stop sending further batches).
	 */
	executeAll?(this: IExecuteFunctions, itemIndexes: number[]): Promise<ItemOutcome[]>;
}

/** What a resource folder's `index.ts` exports. */
export interface Resource {
	/** The Resource dropdown's entry. */
	resource: { name: string; value: string };
	/** Operation value → its module. */
	operations: Record<string, Operation>;
	/** The Operation field and every operation's fields, shown for this resource only. */
	description: INodeProperties[];
}

/** Every resource of the Zavu node: adding one is its folder and one line here. */
export const RESOURCES: Resource[] = [
	invitation,
	message,
	contact,
	conversation,
	lookup,
	account,
	sender,
	agent,
	url,
	template,
	broadcast,
	phoneNumber,
	call,
	customApiCall,
];

/** The Resource dropdown: alphabetical, as n8n's lint rules want option lists. */
export const resourceOptions = () =>
	RESOURCES.map((r) => r.resource).sort((a, b) => a.name.localeCompare(b.name));

/** resource → operation → its module. */
export const operationsByResource: Record<string, Record<string, Operation>> = Object.fromEntries(
	RESOURCES.map((r) => [r.resource.value, r.operations]),
);
