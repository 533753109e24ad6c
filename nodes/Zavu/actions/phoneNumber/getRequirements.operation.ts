import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { catalogueQuery, countryCodeField, requestItems, typeField } from './fields';

const properties: INodeProperties[] = [
	countryCodeField(
		'The country whose regulatory requirements to get, as a two-letter ISO 3166-1 code',
	),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [typeField('Only the requirements for numbers of this type')],
	},
	optionsCollection('phoneNumber', 'getRequirements'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['getRequirements'] } },
	properties,
);

/**
 * GET /v1/phone-numbers/requirements: one output item per requirement group (the documents,
 * addresses or details a country asks for before its numbers are activated); none if none.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs = catalogueQuery(
		itemFail(this, i),
		this.getNodeParameter('countryCode', i, ''),
		filters.type,
	);
	return await requestItems.call(this, i, '/v1/phone-numbers/requirements', qs);
}
