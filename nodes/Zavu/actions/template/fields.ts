import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ZavuRequest } from '../../transport';
import { encodeId, invalidResponseError, zavuApiRequest } from '../../transport';
import { locatorField, readLocatorId, SENDER, TEMPLATE } from '../common/locator';
import { getRetryOptions } from '../common/options';

// What the template operations share: the Template and Sender pickers, and the request for
// answers that are the template itself (Zavu does not wrap templates in an envelope).

/** The Template picker (the same list search as Message → Send's Template). */
export const templateIdField = (description: string): INodeProperties =>
	locatorField('Template', 'templateId', TEMPLATE, description);

/** The item's template id, checked: as given, and as one path segment. */
export function readTemplateId(ctx: IExecuteFunctions, i: number): { id: string; segment: string } {
	const id = readLocatorId(ctx, i, 'templateId', 'Template ID', TEMPLATE);
	return { id, segment: encodeId(id) };
}

/** A WhatsApp sender picker, saved as `senderId` like every sender field of the node. */
export const senderIdField = (description: string, required: boolean): INodeProperties =>
	locatorField('Sender', 'senderId', SENDER, description, required);

/** The item's sender id ('' when the optional picker is empty). */
export const readSenderId = (ctx: IExecuteFunctions, i: number, optional: boolean): string =>
	readLocatorId(ctx, i, 'senderId', 'Sender ID', SENDER, optional);

/**
 * A request Zavu answers with the template itself, retried per the item's Options. An answer
 * that is not a template with an `id` is refused, as `unwrap` does for envelopes.
 */
export async function requestTemplate(
	this: IExecuteFunctions,
	i: number,
	request: Omit<ZavuRequest, 'itemIndex' | 'retry'>,
): Promise<IDataObject> {
	const response = await zavuApiRequest.call(this, {
		...request,
		itemIndex: i,
		retry: getRetryOptions(this, i),
	});
	if (typeof response.id !== 'string' || !response.id) {
		throw invalidResponseError(this.getNode(), 'no template "id" in the response', i);
	}
	return response;
}
