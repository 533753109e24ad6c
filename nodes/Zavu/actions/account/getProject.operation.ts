import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';

const properties: INodeProperties[] = [optionsCollection('account', 'getProject')];

export const description = updateDisplayOptions(
	{ show: { resource: ['account'], operation: ['getProject'] } },
	properties,
);

/** GET /v1/me: emits Zavu's answer as it is: `project`, `team`, `apiKey` and `isTestMode`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	return await zavuApiRequest.call(this, {
		method: 'GET',
		path: '/v1/me',
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
}
