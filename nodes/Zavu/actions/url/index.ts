import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as submit from './submit.operation';

export const resource = { name: 'URL', value: 'url' };

export const operations = { submit, get, getAll };

export const description: INodeProperties[] = [
	operationField(
		'url',
		[
			{
				name: 'Get',
				value: 'get',
				description: 'Get a submitted URL and its verification status',
				action: 'Get a URL',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List the URLs submitted for verification, optionally by status',
				action: 'Get many URLs',
			},
			{
				name: 'Submit for Verification',
				value: 'submit',
				description:
					'Submit a URL for verification before sending it: SMS and email messages with a URL go out only once it is approved',
				action: 'Submit a URL for verification',
			},
		],
		'submit',
	),
	...submit.description,
	...get.description,
	...getAll.description,
];
