import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
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

	// A function, not n8n's declarative `{ type: 'generic', … }` form: n8n evaluates the
	// declarative form as an expression on every request (in n8n 2.x, in its expression
	// isolate), which cost ~1 ms of CPU per send in a real n8n (BENCHMARKS.md, "Real n8n: sends").
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.apiKey ?? '')}`,
			},
		};
	}

	// The editor's "Test" button: n8n (CredentialsTester) sends this request with the
	// `authenticate` header above. A 2xx shows n8n's own "Connection successful!"; a status listed
	// in `rules` shows that rule's message; any other status shows the HTTP status text (e.g.
	// "Forbidden"); no answer at all shows the network error code (e.g. ECONNREFUSED, ENOTFOUND).
	// The base URL is trimmed like every node request does (spaces, trailing slashes).
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			baseURL:
				'={{ String($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "https://api.zavu.dev" }}',
			url: '/v1/me',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Invalid API key: Zavu answered 401. Check the API Key (zv_live_… or zv_test_…) in the Zavu dashboard under API Keys.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'No Zavu API at this Base URL: GET /v1/me answered 404. Leave the Base URL as https://api.zavu.dev unless you use a sandbox or a local stand-in.',
				},
			},
		],
	};
}
