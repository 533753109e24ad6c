import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as cancel from './cancel.operation';
import * as create from './create.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';

export const resource = { name: 'Invitation', value: 'invitation' };

export const operations = { create, get, getAll, cancel };

export const description: INodeProperties[] = [
	operationField(
		'invitation',
		[
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Cancel a pending or in-progress invitation',
				action: 'Cancel an invitation',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create an invitation link for a client to connect their WhatsApp Business account',
				action: 'Create an invitation',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get an invitation by ID',
				action: 'Get an invitation',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List invitations, optionally by status',
				action: 'Get many invitations',
			},
		],
		'create',
	),
	...create.description,
	...get.description,
	...getAll.description,
	...cancel.description,
];
