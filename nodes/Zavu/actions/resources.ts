import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import * as account from './account';
import * as contact from './contact';
import * as conversation from './conversation';
import * as customApiCall from './customApiCall';
import * as invitation from './invitation';
import * as lookup from './lookup';
import * as message from './message';

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
	customApiCall,
];

/** The Resource dropdown: alphabetical, as n8n's lint rules want option lists. */
export const resourceOptions = () =>
	RESOURCES.map((r) => r.resource).sort((a, b) => a.name.localeCompare(b.name));

/** resource → operation → its module. */
export const operationsByResource: Record<string, Record<string, Operation>> = Object.fromEntries(
	RESOURCES.map((r) => [r.resource.value, r.operations]),
);
