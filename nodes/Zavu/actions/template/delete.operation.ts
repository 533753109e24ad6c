import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import { readTemplateId, templateIdField } from './fields';

const properties: INodeProperties[] = [
	templateIdField('The WhatsApp template to delete from Zavu'),
	optionsCollection('template', 'delete'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['delete'] } },
	properties,
);

/** DELETE /v1/templates/{id}: Zavu answers 204, so the item says what was deleted. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { id, segment } = readTemplateId(this, i);
	// A second DELETE finds nothing to delete (an error, never a second effect): retried freely.
	await zavuApiRequest.call(this, {
		method: 'DELETE',
		path: `/v1/templates/${segment}`,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	return { id, deleted: true };
}
