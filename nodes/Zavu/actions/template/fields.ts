import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ZavuRequest } from '../../transport';
import { encodeId } from '../../transport';
import { requestBare } from '../common/entity';
import { locatorField, readLocatorId, SENDER, TEMPLATE } from '../common/locator';

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
	return await requestBare.call(this, i, request, 'template');
}
