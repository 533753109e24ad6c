import type { INodeProperties } from 'n8n-workflow';

import { operationField } from '../common/entity';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as submit from './submit.operation';
import * as sync from './sync.operation';

export const resource = { name: 'Template', value: 'template' };

export const operations = { create, get, getAll, delete: del, submit, sync };

export const description: INodeProperties[] = [
	operationField(
		'template',
		[
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a WhatsApp message template (header, body with numbered variables, footer, buttons) as a draft',
				action: 'Create a template',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a WhatsApp template from Zavu',
				action: 'Delete a template',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a WhatsApp template with its approval status',
				action: 'Get a template',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the project's WhatsApp templates",
				action: 'Get many templates',
			},
			{
				name: 'Submit for Approval',
				value: 'submit',
				description:
					"Send a draft template to Meta for review through a WhatsApp sender's Business Account",
				action: 'Submit a template for approval',
			},
			{
				name: 'Sync From Meta',
				value: 'sync',
				description:
					'Import templates made outside Zavu and refresh approval statuses from WhatsApp',
				action: 'Sync templates from Meta',
			},
		],
		'getAll',
	),
	...create.description,
	...get.description,
	...getAll.description,
	...del.description,
	...submit.description,
	...sync.description,
];
