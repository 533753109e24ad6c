import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class ZavudevApi implements ICredentialType {
	name = 'zavudevApi';

	displayName = 'Zavu API';

	icon: Icon = { light: 'file:../nodes/Zavu/zavu.svg', dark: 'file:../nodes/Zavu/zavu.dark.svg' };

	documentationUrl = 'https://docs.zavu.dev';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your Zavu API key (zv_live_… or zv_test_…), from the Zavu dashboard under API Keys. Test keys simulate sends.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.zavu.dev',
			description:
				'Leave as is for Zavu. Change it only to reach a sandbox or a local stand-in, e.g. http://127.0.0.1:4010.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	// No `test` request here on purpose: n8n prefers a credential-level test over a node's
	// `testedBy`, and its generic test can only show "Unauthorized". The Zavu nodes test this
	// credential with `zavuApiCredentialTest`, which calls GET /v1/me and shows Zavu's own
	// `code` and `message`.
}
