import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { keysOf, optionsOf, PHONE_NUMBER_CAPABILITIES } from '../../constants';
import { optionsCollection } from '../common/options';
import { itemFail, requirePositiveInteger } from '../common/validation';
import { catalogueQuery, countryCodeField, requestItems, typeField } from './fields';

const properties: INodeProperties[] = [
	countryCodeField('The country to search numbers in, as a two-letter ISO 3166-1 code'),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Capabilities',
				name: 'capabilities',
				type: 'multiOptions',
				options: optionsOf(PHONE_NUMBER_CAPABILITIES),
				default: [],
				description: 'Only numbers that have every one of these capabilities',
			},
			{
				displayName: 'Contains',
				name: 'contains',
				type: 'string',
				default: '',
				placeholder: '555',
				description: 'Only numbers containing these digits',
			},
			{
				displayName: 'Limit',
				name: 'limit',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 50,
				description: 'Max number of results to return',
			},
			typeField('Only numbers of this type'),
		],
	},
	optionsCollection('phoneNumber', 'searchAvailable'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['phoneNumber'], operation: ['searchAvailable'] } },
	properties,
);

/** GET /v1/phone-numbers/available: one output item per number on offer, with its price. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const fail = itemFail(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs = catalogueQuery(fail, this.getNodeParameter('countryCode', i, ''), filters.type);
	// Zavu takes them comma-separated; an expression may give either a list or that text.
	const raw = filters.capabilities;
	const capabilities = (Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [])
		.map((c) => (typeof c === 'string' ? c.trim().toLowerCase() : String(c)))
		.filter(Boolean);
	const known: string[] = keysOf(PHONE_NUMBER_CAPABILITIES);
	for (const c of capabilities) {
		if (!known.includes(c)) {
			fail(`Capabilities contains "${c}", which is not a capability`, `Use ${known.join(', ')}.`);
		}
	}
	if (capabilities.length) qs.capabilities = [...new Set(capabilities)].join(',');
	const contains = typeof filters.contains === 'string' ? filters.contains.trim() : '';
	if (contains) qs.contains = contains;
	if (filters.limit !== undefined && filters.limit !== '') {
		qs.limit = requirePositiveInteger(fail, 'Limit', filters.limit);
	}
	return await requestItems.call(this, i, '/v1/phone-numbers/available', qs);
}
