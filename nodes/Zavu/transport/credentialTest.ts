import type {
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { isPlainObject } from './errors';
import { normalizeBaseUrl } from './request';

/**
 * Tests a "Zavu API" credential with GET /v1/me. Declared by the nodes as `testedBy` so the
 * editor shows Zavu's own `code` and `message` for a bad key (n8n's generic request test
 * can only say "Unauthorized").
 */
export async function zavuApiCredentialTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = credential.data ?? {};
	const apiKey = String(data.apiKey ?? '').trim();
	if (!apiKey) return { status: 'Error', message: 'The API Key is empty.' };
	const baseUrl = normalizeBaseUrl(data.baseUrl);

	let response: { statusCode: number; body: unknown };
	try {
		// Credential tests only get the legacy `request` helper (ICredentialTestFunctions has no
		// httpRequest), as in n8n's own nodes.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		response = (await this.helpers.request({
			method: 'GET',
			uri: `${baseUrl}/v1/me`,
			headers: { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' },
			json: true,
			simple: false,
			resolveWithFullResponse: true,
			timeout: 20_000,
		})) as { statusCode: number; body: unknown };
	} catch (error) {
		const code = (error as IDataObject).code ?? (error as { cause?: IDataObject }).cause?.code;
		const reason = typeof code === 'string' ? code : (error as Error).message;
		return { status: 'Error', message: `Could not reach Zavu at ${baseUrl}: ${reason}` };
	}

	const body = isPlainObject(response.body) ? (response.body as IDataObject) : {};
	if (response.statusCode >= 200 && response.statusCode < 300) {
		const project = isPlainObject(body.project) ? (body.project as IDataObject) : {};
		const name = typeof project.name === 'string' ? ` to project "${project.name}"` : '';
		const mode = body.isTestMode === true ? ' (test mode: sends are simulated)' : '';
		return { status: 'OK', message: `Connected${name}${mode}` };
	}
	const code = typeof body.code === 'string' ? body.code : `http_${response.statusCode}`;
	const message =
		typeof body.message === 'string' ? body.message : `Zavu answered with HTTP ${response.statusCode}`;
	return { status: 'Error', message: `${message} [${code}]` };
}
