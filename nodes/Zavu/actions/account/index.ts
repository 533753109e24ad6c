import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as getBalance from './getBalance.operation';
import * as getProject from './getProject.operation';

export const resource = { name: 'Account', value: 'account' };

export const operations = { getBalance, getProject };

export const description: INodeProperties[] = [
	operationField(
		'account',
		[
			{
				name: 'Get Balance',
				value: 'getBalance',
				description:
					'Get the credit balance the API key bills to, in cents (e.g. 150000 = 1,500.00) with its currency; for a sub-account also its credit limit and total spent. Use it to check there is credit before a large send.',
				action: 'Get the account balance',
			},
			{
				name: 'Get Project',
				value: 'getProject',
				description:
					'Get the project, team and API key the credential acts on, and whether the key is in test mode (test keys simulate sends)',
				action: 'Get the current project',
			},
		],
		'getBalance',
	),
	...getBalance.description,
	...getProject.description,
];
