import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';

const properties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'https://example.com/page',
		description:
			'The full http(s) address to verify. SMS and email messages that contain a URL are sent only once it is approved. URL shorteners (bit.ly, t.co…) are always refused.',
	},
	optionsCollection('url', 'submit'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['url'], operation: ['submit'] } },
	properties,
);

/** An absolute http(s) URL, trimmed. */
function requireHttpUrl(fail: ReturnType<typeof itemFail>, value: unknown): string {
	const raw = typeof value === 'string' ? value.trim() : '';
	if (!raw) fail('URL is empty', 'E.g. https://example.com/page.');
	let parsed: URL | undefined;
	try {
		parsed = new URL(raw);
	} catch {
		parsed = undefined;
	}
	if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname) {
		const shown = raw.length > 60 ? `${raw.slice(0, 57)}...` : raw;
		fail(`URL "${shown}" is not a full http(s) address`, 'E.g. https://example.com/page.');
	}
	return raw;
}

/** POST /v1/urls: emits the URL record with its status (safe URLs are approved at once). */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const url = requireHttpUrl(itemFail(this, i), this.getNodeParameter('url', i, ''));
	// Creates a record: resent only when Zavu certainly did not receive it.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: '/v1/urls', body: { url }, idempotent: false },
		'url',
	);
}
