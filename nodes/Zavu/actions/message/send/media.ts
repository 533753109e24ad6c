import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { MessageType } from '../../../constants';
import type { MessageTypeSpec } from './spec';
import { copyText, WHATSAPP_OR_TELEGRAM } from './spec';

const MEDIA_FIELDS: INodeProperties[] = [
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/photo.jpg',
		description: 'Public URL of the file. Either this or a Media ID is needed.',
	},
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		description: 'ID of media already uploaded to WhatsApp, instead of a URL',
	},
	{
		displayName: 'MIME Type',
		name: 'mimeType',
		type: 'string',
		default: '',
		placeholder: 'image/jpeg',
	},
];

const filename: INodeProperties = {
	displayName: 'File Name',
	name: 'filename',
	type: 'string',
	default: '',
	placeholder: 'invoice.pdf',
	description: 'File name shown to the recipient',
};

/** A file, by URL or by WhatsApp media ID, plus the text fields in `extra`. */
function media<T extends MessageType>(
	value: T,
	caption: boolean,
	extra: INodeProperties[] = [],
): MessageTypeSpec<T> {
	const fields = [...MEDIA_FIELDS, ...extra];
	return {
		value,
		fields,
		caption,
		channels: WHATSAPP_OR_TELEGRAM,
		build: (read, fail) => {
			const content: IDataObject = {};
			copyText(read, content, ...fields.map((field) => field.name));
			if (!content.mediaUrl && !content.mediaId) {
				fail(`A ${value} message needs a Media URL or a Media ID`);
			}
			return content;
		},
	};
}

export const image = media('image', true);
export const video = media('video', true);
export const audio = media('audio', false);
export const document = media('document', true, [filename]);
export const sticker = media('sticker', false);
