import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as request from './request.operation';

export const resource = { name: 'Custom API Call', value: 'customApiCall' };

export const operations = { request };

export const description: INodeProperties[] = [
	operationField(
		'customApiCall',
		[
			{
				name: 'Make an API Call',
				value: 'request',
				description:
					"Call any Zavu API endpoint the other operations do not cover (contacts, broadcasts, templates, …) with the credential's API key: method, path under /v1/ or /v2/, query parameters and a JSON body",
				action: 'Make an API call',
			},
		],
		'request',
	),
	...request.description,
];
