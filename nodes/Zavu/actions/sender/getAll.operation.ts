import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';

const properties: INodeProperties[] = [...listFields, optionsCollection('sender', 'getAll')];

export const description = updateDisplayOptions(
	{ show: { resource: ['sender'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/senders, following `nextCursor`: one output item per sender. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await requestAll.call(this, i, '/v1/senders', []);
}
