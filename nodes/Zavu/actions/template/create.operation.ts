import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { templateBody } from './build';
import {
	additionalFields,
	bodyFields,
	buttonsField,
	headerFields,
	identityFields,
} from './components';
import { requestTemplate } from './fields';

const properties: INodeProperties[] = [
	...identityFields,
	...headerFields,
	...bodyFields,
	buttonsField,
	additionalFields,
	optionsCollection('template', 'create'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['create'] } },
	properties,
);

/** POST /v1/templates: the new template, a draft until Submit for Approval sends it to Meta. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const body = templateBody(itemFail(this, i), (name, fallback) =>
		this.getNodeParameter(name, i, fallback),
	);
	// No idempotency key on this endpoint: a resend after a timeout or 5xx could create the
	// template twice, so only a 429 or a refused connection is retried.
	return await requestTemplate.call(this, i, {
		method: 'POST',
		path: '/v1/templates',
		body,
		idempotent: false,
	});
}
