import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';

const properties: INodeProperties[] = [optionsCollection('account', 'getBalance')];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getBalance'] } },
	properties,
);

/**
 * GET /v1/balance: emits Zavu's answer as it is: `balance` (cents) and `currency`, and for a
 * sub-account's key `isSubAccount`, `creditLimit` and `totalSpent` (cents).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await zavuApiRequest.call(this, {
		method: 'GET',
		path: '/v1/balance',
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
}
