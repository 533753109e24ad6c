import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { encodeId, invalidResponseError, isPlainObject, zavuApiRequest } from '../../transport';
import { locatorField, MESSAGE, readLocatorId } from '../common/locator';
import { getRetryOptions, optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail } from '../common/validation';

/** Emits whole items: the files go into the item's binary data. */
export const output = 'items';

const properties: INodeProperties[] = [
	locatorField(
		'Message',
		'messageId',
		MESSAGE,
		'The email message (received or sent) whose attachments to get. Messages on other channels have none: the list is empty',
	),
	{
		displayName: 'Download',
		name: 'download',
		type: 'boolean',
		default: false,
		description:
			"Whether to download the files into the output item's binary data, for the next node to store or forward (off: only the list, with download URLs that expire soon)",
	},
	{
		displayName: 'Binary Property Prefix',
		name: 'binaryPropertyPrefix',
		type: 'string',
		default: 'attachment',
		description:
			"Start of the files' binary property names, followed by _ and the file's position in the list (attachment_0, attachment_1, …). Each attachment in the JSON names its property in binaryProperty.",
		displayOptions: { show: { download: [true] } },
	},
	optionsCollection('message', 'getAttachments'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['message'], operation: ['getAttachments'] } },
	properties,
);

const DOWNLOAD_FAILED = 'attachment_download_failed';
const PROPERTY = /^[A-Za-z0-9_-]+$/;

function requirePrefix(fail: Fail, value: unknown): string {
	const prefix = typeof value === 'string' ? value.trim() : '';
	if (!PROPERTY.test(prefix)) {
		fail(
			prefix
				? `Binary Property Prefix "${prefix}" may only contain letters, digits, _ and -`
				: 'Binary Property Prefix is empty',
			'For example attachment: the files then go into attachment_0, attachment_1, …',
		);
	}
	return prefix;
}

/**
 * GET /v1/messages/{id}/attachments: one output item per message, `{ messageId, attachments }`.
 * With Download, each file is fetched from its signed URL into `<prefix>_<position>`; a file
 * Zavu no longer has (no URL) stays listed, without binary data.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData> {
	const fail = itemFail(this, i);
	const messageId = readLocatorId(this, i, 'messageId', 'Message ID', MESSAGE);
	const download = this.getNodeParameter('download', i, false) === true;
	const prefix = download
		? requirePrefix(fail, this.getNodeParameter('binaryPropertyPrefix', i, 'attachment'))
		: '';
	const retry = getRetryOptions(this, i);

	const response = await zavuApiRequest.call(this, {
		method: 'GET',
		path: `/v1/messages/${encodeId(messageId)}/attachments`,
		idempotent: true,
		itemIndex: i,
		retry,
	});
	const attachments = itemsOf(this, response, i);
	if (!download) return { json: { messageId, attachments } };

	const binary: IBinaryKeyData = {};
	for (const [position, attachment] of attachments.entries()) {
		if (typeof attachment.downloadUrl !== 'string' || !attachment.downloadUrl) continue;
		const property = `${prefix}_${position}`;
		binary[property] = await fetchFile.call(this, i, attachment, position, retry.timeoutMs);
		attachments[position] = { ...attachment, binaryProperty: property };
	}
	// No files downloaded: no binary data at all, rather than an empty set.
	return Object.keys(binary).length
		? { json: { messageId, attachments }, binary }
		: { json: { messageId, attachments } };
}

/** One attachment's bytes from its signed URL, as n8n binary data. */
async function fetchFile(
	this: IExecuteFunctions,
	i: number,
	attachment: IDataObject,
	position: number,
	timeoutMs: number,
) {
	const url = attachment.downloadUrl as string;
	const name = typeof attachment.filename === 'string' ? attachment.filename : '';
	const what = `attachment ${position}${name ? ` ("${name}")` : ''}`;
	if (!/^https?:\/\//i.test(url)) {
		throw invalidResponseError(this.getNode(), `the download URL of ${what} is not http(s)`, i);
	}
	let response: IN8nHttpFullResponse;
	try {
		// No credential: the URL is signed, and Zavu's API key must not travel to the file host.
		response = (await this.helpers.httpRequest({
			method: 'GET',
			url,
			encoding: 'arraybuffer',
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: timeoutMs,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		const reason = (error as Error).message || 'a network error';
		throw downloadError(this, i, `Could not download ${what}: ${reason}`);
	}
	const status = response.statusCode;
	if (status < 200 || status >= 300) {
		const hint =
			status === 403 || status === 404 || status === 410
				? ': the link may have expired. Download URLs are short-lived: run Get Attachments again for fresh ones'
				: '';
		throw downloadError(this, i, `Could not download ${what}: HTTP ${status}${hint}`, status);
	}
	const body = response.body as Buffer | string;
	const data = Buffer.isBuffer(body) ? body : Buffer.from(body ?? '');
	const header = response.headers?.['content-type'];
	const served = (Array.isArray(header) ? header[0] : header)?.split(';')[0].trim();
	// Zavu's listing says what the file is; the file host's Content-Type is only a fallback.
	const mimeType = (typeof attachment.mimeType === 'string' && attachment.mimeType) || served;
	return await this.helpers.prepareBinaryData(data, name || undefined, mimeType || undefined);
}

/** A failed download on this item: code attachment_download_failed, httpCode when answered. */
function downloadError(ctx: IExecuteFunctions, i: number, message: string, status?: number) {
	const payload: JsonObject = { code: DOWNLOAD_FAILED, message };
	const error = new NodeApiError(ctx.getNode(), payload, {
		message,
		itemIndex: i,
		...(status !== undefined && { httpCode: String(status) }),
	});
	// NodeApiError words its own message from the status; ours says which file and why.
	error.message = `${message} [${DOWNLOAD_FAILED}]`;
	error.description = null;
	error.context.zavuCode = DOWNLOAD_FAILED;
	return error;
}

/** `{ items: [...] }` as Zavu lists attachments: copies of the items, refusing anything else. */
function itemsOf(ctx: IExecuteFunctions, body: IDataObject, i: number): IDataObject[] {
	const items = body.items;
	if (!Array.isArray(items) || !items.every(isPlainObject)) {
		throw invalidResponseError(ctx.getNode(), 'no "items" array of attachments', i);
	}
	return (items as IDataObject[]).map((item) => ({ ...item }));
}
