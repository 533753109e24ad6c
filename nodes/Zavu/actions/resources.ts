import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import * as invitation from './invitation';
import * as message from './message';

/** What an `<operation>.operation.ts` exports. */
export interface Operation {
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** How many items may run at once: 'itemsInFlight' = the Items In Flight option; else 1. */
	concurrency?: 'itemsInFlight';
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
export const RESOURCES: Resource[] = [invitation, message];

/** The Resource dropdown: alphabetical, as n8n's lint rules want option lists. */
export const resourceOptions = () =>
	RESOURCES.map((r) => r.resource).sort((a, b) => a.name.localeCompare(b.name));

/** resource → operation → its module. */
export const operationsByResource: Record<string, Record<string, Operation>> = Object.fromEntries(
	RESOURCES.map((r) => [r.resource.value, r.operations]),
);
