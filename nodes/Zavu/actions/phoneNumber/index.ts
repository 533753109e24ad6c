import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getRequirements from './getRequirements.operation';
import * as purchase from './purchase.operation';
import * as release from './release.operation';
import * as searchAvailable from './searchAvailable.operation';
import * as update from './update.operation';

export const resource = { name: 'Phone Number', value: 'phoneNumber' };

export const operations = {
	searchAvailable,
	getRequirements,
	purchase,
	get,
	getAll,
	update,
	release,
};

export const description: INodeProperties[] = [
	operationField(
		'phoneNumber',
		[
			{
				name: 'Get',
				value: 'get',
				description:
					'Get a phone number the project owns: its status, capabilities, pricing and sender',
				action: 'Get a phone number',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the phone numbers the project owns',
				action: 'Get many phone numbers',
			},
			{
				name: 'Get Requirements',
				value: 'getRequirements',
				description:
					"Get a country's regulatory requirements (documents, addresses) for buying its numbers",
				action: 'Get phone number requirements',
			},
			{
				name: 'Purchase',
				value: 'purchase',
				description:
					'Buy an available phone number (costs money; needs a paid plan and Confirm Purchase switched on)',
				action: 'Purchase a phone number',
			},
			{
				name: 'Release',
				value: 'release',
				description:
					'Give up a phone number for good (irreversible; needs Confirm Release switched on)',
				action: 'Release a phone number',
			},
			{
				name: 'Search Available',
				value: 'searchAvailable',
				description:
					'Find phone numbers on offer in a country, by type, capabilities and digits, with their prices',
				action: 'Search available phone numbers',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a phone number's name or the sender it is assigned to",
				action: 'Update a phone number',
			},
		],
		'getAll',
	),
	...searchAvailable.description,
	...getRequirements.description,
	...purchase.description,
	...get.description,
	...getAll.description,
	...update.description,
	...release.description,
];
