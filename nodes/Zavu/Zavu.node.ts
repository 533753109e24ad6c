import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { RESOURCES, resourceOptions } from './actions/resources';
import { router } from './actions/router';
import {
	searchAgents,
	searchBroadcasts,
	searchCalls,
	searchContacts,
	searchConversations,
	searchInvitations,
	searchMessages,
	searchPhoneNumbers,
	searchSenders,
	searchTemplates,
	searchUrls,
} from './methods/listSearch';
import { getSenders } from './methods/loadOptions';

export class Zavu implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zavu',
		name: 'zavu',
		icon: { light: 'file:zavu.svg', dark: 'file:zavu.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Onboard clients with partner invitations and send messages with Zavu',
		defaults: { name: 'Zavu' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zavudevApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: resourceOptions(),
				default: 'invitation',
			},
			...RESOURCES.flatMap((r) => r.description),
		],
	};

	methods = {
		loadOptions: { getSenders },
		listSearch: {
			searchAgents,
			searchBroadcasts,
			searchCalls,
			searchContacts,
			searchConversations,
			searchInvitations,
			searchMessages,
			searchPhoneNumbers,
			searchSenders,
			searchTemplates,
			searchUrls,
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
