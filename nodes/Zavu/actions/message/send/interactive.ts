import type { IDataObject } from 'n8n-workflow';

import { MAX_REPLY_BUTTONS } from '../../../constants';
import type { MessageTypeSpec } from './spec';
import { copyText, entries, str, WHATSAPP } from './spec';

// WhatsApp interactive messages: Text is their body, so it is required.

export const buttons: MessageTypeSpec<'buttons'> = {
	value: 'buttons',
	fields: [
		{
			displayName: 'Buttons',
			name: 'buttons',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Button',
			default: {},
			description: 'Up to 3 reply buttons',
			options: [
				{
					displayName: 'Button',
					name: 'button',
					values: [
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							default: '',
							description: 'Returned to you when the recipient taps it',
						},
						{ displayName: 'Title', name: 'title', type: 'string', default: '' },
					],
				},
			],
		},
	],
	caption: true,
	textRequired: 'body text',
	channels: WHATSAPP,
	build: (read, fail) => {
		const given = entries(read('buttons'), 'button');
		if (!given.length) fail('A buttons message needs at least one button');
		if (given.length > MAX_REPLY_BUTTONS) {
			fail(`A buttons message has at most ${MAX_REPLY_BUTTONS} buttons, got ${given.length}`);
		}
		return {
			buttons: given.map((b, n) => {
				const title = str(b.title);
				if (!title) fail(`Button ${n + 1} has no title`);
				return { id: str(b.id) || `button_${n + 1}`, title };
			}),
		};
	},
};

export const list: MessageTypeSpec<'list'> = {
	value: 'list',
	fields: [
		{
			displayName: 'List Button',
			name: 'listButton',
			type: 'string',
			default: '',
			placeholder: 'See options',
			description: 'Label of the button that opens the list',
		},
		{
			displayName: 'List Rows',
			name: 'listRows',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Row',
			default: {},
			description:
				'Rows with the same Section title are grouped into one section, in order of first appearance',
			options: [
				{
					displayName: 'Row',
					name: 'row',
					values: [
						{
							displayName: 'Section',
							name: 'section',
							type: 'string',
							default: '',
							placeholder: 'Plans',
						},
						{ displayName: 'ID', name: 'id', type: 'string', default: '' },
						{ displayName: 'Title', name: 'title', type: 'string', default: '' },
						{ displayName: 'Description', name: 'description', type: 'string', default: '' },
					],
				},
			],
		},
	],
	caption: true,
	textRequired: 'body text',
	channels: WHATSAPP,
	build: (read, fail) => {
		const listButton = str(read('listButton'));
		if (!listButton) fail('A list message needs a List Button label');
		const rows = entries(read('listRows'), 'row');
		if (!rows.length) fail('A list message needs at least one row');
		const sections: Array<{ title: string; rows: IDataObject[] }> = [];
		rows.forEach((r, n) => {
			const title = str(r.title);
			if (!title) fail(`List row ${n + 1} has no title`);
			const row: IDataObject = { id: str(r.id) || `row_${n + 1}`, title };
			if (str(r.description)) row.description = str(r.description);
			const sectionTitle = str(r.section);
			let section = sections.find((s) => s.title === sectionTitle);
			if (!section) {
				section = { title: sectionTitle, rows: [] };
				sections.push(section);
			}
			section.rows.push(row);
		});
		return { listButton, sections };
	},
};

export const ctaUrl: MessageTypeSpec<'cta_url'> = {
	value: 'cta_url',
	fields: [
		{
			displayName: 'CTA URL',
			name: 'ctaUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/offer',
		},
		{
			displayName: 'CTA Label',
			name: 'ctaDisplayText',
			type: 'string',
			default: '',
			placeholder: 'Open offer',
			description: 'Text on the link button',
		},
		{
			displayName: 'CTA Header',
			name: 'ctaHeaderType',
			type: 'options',
			options: [
				{ name: 'Document', value: 'document' },
				{ name: 'Image', value: 'image' },
				{ name: 'None', value: 'none' },
				{ name: 'Text', value: 'text' },
				{ name: 'Video', value: 'video' },
			],
			default: 'none',
		},
		{
			displayName: 'CTA Header Text',
			name: 'ctaHeaderText',
			type: 'string',
			default: '',
			displayOptions: { show: { ctaHeaderType: ['text'] } },
		},
		{
			displayName: 'CTA Header Media URL',
			name: 'ctaHeaderMediaUrl',
			type: 'string',
			default: '',
			displayOptions: { show: { ctaHeaderType: ['image', 'video', 'document'] } },
		},
		{
			displayName: 'Footer Text',
			name: 'footerText',
			type: 'string',
			default: '',
		},
	],
	caption: true,
	textRequired: 'body text',
	channels: WHATSAPP,
	build: (read, fail) => {
		const content: IDataObject = {};
		copyText(read, content, 'ctaUrl', 'ctaDisplayText');
		if (!content.ctaUrl) fail('A CTA URL message needs a CTA URL');
		if (!/^https?:\/\//i.test(content.ctaUrl as string)) {
			fail(`CTA URL "${String(content.ctaUrl)}" must start with http:// or https://`);
		}
		if (!content.ctaDisplayText) fail('A CTA URL message needs a CTA Label');
		const header = str(read('ctaHeaderType')) || 'none';
		if (header !== 'none') {
			content.ctaHeaderType = header;
			if (header === 'text') {
				copyText(read, content, 'ctaHeaderText');
				if (!content.ctaHeaderText) fail('CTA Header Text is empty');
			} else {
				copyText(read, content, 'ctaHeaderMediaUrl');
				if (!content.ctaHeaderMediaUrl) fail(`A ${header} CTA header needs a CTA Header Media URL`);
			}
		}
		copyText(read, content, 'footerText');
		return content;
	},
};
