import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { URL_ENTITY, urlIdField } from './fields';

const properties: INodeProperties[] = [
	urlIdField(
		'The submitted URL to get, with its verification status (the id from Submit for Verification or Get Many)',
	),
	optionsCollection('url', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['url'], operation: ['get'] } },
	properties,
);

/** GET /v1/urls/{id}: emits the URL record, unwrapped from `{ url }`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'urlId', 'URL ID', URL_ENTITY);
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/urls/${id}`, idempotent: true },
		'url',
	);
}
