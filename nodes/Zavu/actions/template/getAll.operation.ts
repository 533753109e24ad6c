import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestAll } from '../common/entity';
import { listFields, optionsCollection } from '../common/options';

// Zavu's template list takes no filters (SDK: TemplateListParams is the cursor only).
const properties: INodeProperties[] = [...listFields, optionsCollection('template', 'getAll')];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['getAll'] } },
	properties,
);

/** GET /v1/templates, following `nextCursor`: one output item per template. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	return await requestAll.call(this, i, '/v1/templates', []);
}
