import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';

const properties: INodeProperties[] = [...listFields, optionsCollection('agent', 'getAll')];

export const description = updateDisplayOptions(
	{ show: { resource: ['agent'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/agents, following `nextCursor`: one output item per agent, newest first. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await requestAll.call(this, i, '/v1/agents', []);
}
