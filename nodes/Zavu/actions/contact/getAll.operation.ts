import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { zavuApiRequestAllItems } from '../../transport';
import { filtersField } from '../common/entity';
import { getPageOptions, getRetryOptions, listFields, optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail, requireE164 } from '../common/validation';

const properties: INodeProperties[] = [
	...listFields,
	filtersField([
		{
			displayName: 'Phone Number',
			name: 'phoneNumber',
			type: 'string',
			default: '',
			placeholder: '+14155551234',
			description: 'Only the contact whose primary phone number is exactly this (E.164 format)',
		},
		{
			displayName: 'Search',
			name: 'search',
			type: 'string',
			default: '',
			placeholder: 'john',
			description:
				'Free text matched against names, phone numbers (also their last digits, e.g. 5551234) and email addresses, ignoring case and accents. Results then come in order of relevance.',
		},
		{
			displayName: 'Tags',
			name: 'tag',
			type: 'string',
			default: '',
			placeholder: 'vip, chile',
			description:
				'Tag names, separated by commas: only contacts carrying every one of them (ignoring case). Zavu refuses a tag that does not exist.',
		},
	]),
	optionsCollection('contact', 'getAll'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['contact'], operation: ['getAll'] } },
	properties,
);

/** Tag names from a comma-separated text or, through an expression, a list; duplicates dropped. */
function tagNames(fail: Fail, value: unknown): string[] {
	if (value === undefined || value === null) return [];
	const raw: unknown[] = Array.isArray(value) ? value : String(value).split(',');
	const tags: string[] = [];
	for (const entry of raw) {
		if (typeof entry !== 'string' && typeof entry !== 'number') {
			fail(`Tags contains ${JSON.stringify(entry)}, which is not a tag name`);
		}
		const tag = String(entry).trim();
		// Zavu matches tags ignoring case: "VIP" and "vip" are one filter.
		if (tag && !tags.some((t) => t.toLowerCase() === tag.toLowerCase())) tags.push(tag);
	}
	return tags;
}

/** GET /v1/contacts with the Filters, following `nextCursor`: one output item per contact. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const fail = itemFail(this, i);
	const filters = this.getNodeParameter('filters', i, {}) as IDataObject;
	const qs: IDataObject = {};
	const phone = typeof filters.phoneNumber === 'string' ? filters.phoneNumber.trim() : '';
	if (phone) qs.phoneNumber = requireE164(fail, 'Phone Number', phone);
	const search = typeof filters.search === 'string' ? filters.search.trim() : '';
	if (search) qs.search = search;
	const tags = tagNames(fail, filters.tag);
	if (tags.length) qs.tag = tags;

	return await zavuApiRequestAllItems.call(
		this,
		{
			method: 'GET',
			path: '/v1/contacts',
			qs,
			// Zavu takes several tags as `tag=a&tag=b` (all of them must match).
			arrayFormat: 'repeat',
			itemIndex: i,
			retry: getRetryOptions(this, i),
		},
		getPageOptions(this, i),
	);
}
