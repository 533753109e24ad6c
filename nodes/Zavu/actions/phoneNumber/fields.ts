import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { keysOf, optionsOf, PHONE_NUMBER_TYPES } from '../../constants';
import type { PhoneNumberType } from '../../constants';
import { invalidResponseError, zavuApiRequest } from '../../transport';
import { requireCountryCode } from '../contact/fields';
import { locatorField, PHONE_NUMBER } from '../common/locator';
import { getRetryOptions } from '../common/options';
import type { Fail } from '../common/validation';
import { itemFail } from '../common/validation';

// What the phone number operations share: the Phone Number locator, the country and type of
// the two catalogue reads, the confirmations of the two operations that cost money or cannot be
// undone, and the read of the `{ items }` answers.

export { PHONE_NUMBER };

export const phoneNumberIdField = (description: string): INodeProperties =>
	locatorField('Phone Number', 'phoneNumberId', PHONE_NUMBER, description);

export const countryCodeField = (description: string): INodeProperties => ({
	displayName: 'Country Code',
	name: 'countryCode',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'US',
	description,
});

export const typeField = (description: string): INodeProperties => ({
	displayName: 'Type',
	name: 'type',
	type: 'options',
	options: optionsOf(PHONE_NUMBER_TYPES),
	default: 'local',
	description,
});

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** The query both catalogue reads start from: the country (required), the type when set. */
export function catalogueQuery(fail: Fail, country: unknown, type: unknown): IDataObject {
	const qs: IDataObject = { countryCode: requireCountryCode(fail, 'Country Code', country) };
	const kind = text(type);
	if (kind) {
		// An expression can give any type; Zavu would answer a bare 400.
		if (!keysOf(PHONE_NUMBER_TYPES).includes(kind as PhoneNumberType)) {
			fail(
				`Type "${kind}" is not a phone number type`,
				`Use one of: ${keysOf(PHONE_NUMBER_TYPES).join(', ')}.`,
			);
		}
		qs.type = kind;
	}
	return qs;
}

/**
 * A boolean the user must switch on for an operation that costs money or cannot be undone: an
 * AI agent or a mapped workflow cannot buy or give up a number by accident.
 */
export const confirmationField = (
	displayName: string,
	name: string,
	description: string,
): INodeProperties => ({
	displayName,
	name,
	type: 'boolean',
	required: true,
	default: false,
	description,
});

/** Fails the item (before any request) unless the confirmation `name` is on. */
export function requireConfirmation(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	displayName: string,
	why: string,
): void {
	if (ctx.getNodeParameter(name, i, false) !== true) {
		itemFail(ctx, i)(
			`${displayName} is off: nothing was sent`,
			`${why} Switch "${displayName}" on to go ahead.`,
		);
	}
}

/** A GET Zavu answers with `{ items: [...] }` and no cursor: the items, one output item each. */
export async function requestItems(
	this: IExecuteFunctions,
	i: number,
	path: string,
	qs: IDataObject,
): Promise<IDataObject[]> {
	const response = await zavuApiRequest.call(this, {
		method: 'GET',
		path,
		qs,
		idempotent: true,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	if (!Array.isArray(response.items)) {
		throw invalidResponseError(this.getNode(), 'no "items" array in the response', i);
	}
	return response.items as IDataObject[];
}
