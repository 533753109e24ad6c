import type { INodeProperties } from 'n8n-workflow';

import type { MessageType } from '../../../constants';
import { contact } from './contact';
import { buttons, ctaUrl, list } from './interactive';
import { location } from './location';
import { audio, document, image, sticker, video } from './media';
import { reaction } from './reaction';
import { locationRequest, requestContactInfo } from './request';
import type { MessageTypeSpec } from './spec';
import { template } from './template';
import { text } from './text';

/**
 * Every message type, one line each. Typed over MessageType, the keys of constants.ts
 * MESSAGE_TYPES (which names them in the editor): a type missing here, one that is not Zavu's,
 * or a spec under another type's key does not compile. The order is the order of their fields
 * in the editor (the dropdown is MESSAGE_TYPES' order).
 */
export const MESSAGE_TYPE_SPECS: { [T in MessageType]: MessageTypeSpec<T> } = {
	text,
	image,
	video,
	audio,
	document,
	sticker,
	location,
	contact,
	buttons,
	list,
	cta_url: ctaUrl,
	reaction,
	location_request: locationRequest,
	request_contact_info: requestContactInfo,
	template,
};

const specs: MessageTypeSpec[] = Object.values(MESSAGE_TYPE_SPECS);

/** The types that show Text. */
export const CAPTIONED_TYPES: MessageType[] = specs.filter((s) => s.caption).map((s) => s.value);

/** `field` shown for `types` (and under its own conditions). */
function shownFor(field: INodeProperties, types: MessageType[]): INodeProperties {
	const displayOptions = {
		...field.displayOptions,
		show: { messageType: types, ...field.displayOptions?.show },
	};
	// Before a collection's sub-fields, after anything else, as n8n's own descriptions write it.
	if (field.type !== 'fixedCollection' && field.type !== 'collection') {
		return { ...field, displayOptions };
	}
	const { options, ...rest } = field;
	return { ...rest, displayOptions, options };
}

/** The fields of all types, each once, shown for every type that lists it. */
export const MESSAGE_TYPE_FIELDS: INodeProperties[] = (() => {
	const typesOf = new Map<INodeProperties, MessageType[]>();
	for (const spec of specs) {
		for (const field of spec.fields) {
			typesOf.set(field, [...(typesOf.get(field) ?? []), spec.value]);
		}
	}
	return [...typesOf].map(([field, types]) => shownFor(field, types));
})();
