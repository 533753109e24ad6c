import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { readTemplateId, requestTemplate, templateIdField } from './fields';

const properties: INodeProperties[] = [
	templateIdField(
		'The WhatsApp template to get, with its body, header, buttons and approval status (draft, pending, approved, rejected)',
	),
	optionsCollection('template', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['get'] } },
	properties,
);

/** GET /v1/templates/{id}: the template itself. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { segment } = readTemplateId(this, i);
	return await requestTemplate.call(this, i, {
		method: 'GET',
		path: `/v1/templates/${segment}`,
		idempotent: true,
	});
}
