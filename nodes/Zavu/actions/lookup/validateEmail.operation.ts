import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MAX_EMAILS_PER_VALIDATION as MAX_EMAILS } from '../../constants';
import { invalidResponseError, isPlainObject, zavuApiRequest } from '../../transport';
import { getRetryOptions, optionsCollection } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail } from '../common/validation';

const properties: INodeProperties[] = [
	{
		displayName: 'Email',
		name: 'email',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'name@email.com',
		description: `The address to check. An expression may give an array of up to ${MAX_EMAILS} addresses: they are checked in one request and each becomes its own output item, in the same order.`,
	},
	optionsCollection('lookup', 'validateEmail'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['lookup'], operation: ['validateEmail'] } },
	properties,
);

/** The address, or the batch, of the item: trimmed, none empty. */
function addressesOf(fail: Fail, value: unknown): string | string[] {
	const hint = 'Set the address to check, e.g. {{ $json.email }}.';
	if (!Array.isArray(value)) {
		if (value !== null && value !== undefined && typeof value !== 'string') {
			fail(`Email must be an address or a list of addresses, got ${typeof value}`);
		}
		const email = (value ?? '').trim();
		if (!email) fail('Email is empty', hint);
		return email;
	}
	if (!value.length) fail('Email is an empty list', hint);
	if (value.length > MAX_EMAILS) {
		fail(
			`Email has ${value.length} addresses; Zavu checks at most ${MAX_EMAILS} per request`,
			'Split the list, e.g. with the Loop Over Items node, or give one address per item.',
		);
	}
	return value.map((entry, k) => {
		const email = typeof entry === 'string' ? entry.trim() : '';
		if (!email) fail(`Email has an empty or non-text entry at position ${k}`);
		return email;
	});
}

/**
 * POST /v1/introspect/email: emits each address's result (verdict deliverable, risky or
 * undeliverable, and its reasons), one item per address.
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject[]> {
	const addresses = addressesOf(itemFail(this, i), this.getNodeParameter('email', i, ''));
	const batch = Array.isArray(addresses);
	const response = await zavuApiRequest.call(this, {
		method: 'POST',
		path: '/v1/introspect/email',
		body: batch ? { emails: addresses } : { email: addresses },
		// A check changes nothing at Zavu: safe to resend after a timeout or 5xx.
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	const results = response.results;
	const expected = batch ? addresses.length : 1;
	if (
		!Array.isArray(results) ||
		results.length !== expected ||
		!results.every((result) => isPlainObject(result))
	) {
		throw invalidResponseError(
			this.getNode(),
			`expected "results" with ${expected} object(s), one per address sent`,
			i,
		);
	}
	return results as IDataObject[];
}
