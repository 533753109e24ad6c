import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { locatorField, TEMPLATE } from '../../common/locator';
import type { Fail } from '../../common/validation';
import type { MessageTypeSpec } from './spec';
import { copyText, pairs, WHATSAPP } from './spec';

const variableCollection = (
	displayName: string,
	name: string,
	description: string,
	placeholder = '1',
): INodeProperties => ({
	displayName,
	name,
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	placeholder: 'Add Variable',
	default: {},
	description,
	options: [
		{
			displayName: 'Variable',
			name: 'variable',
			values: [
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					placeholder,
					description:
						placeholder === '0'
							? "The button's position in the template, from 0"
							: 'Position ("1", "2", …) or name of the variable; do not mix the two',
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
});

/** The variables of one collection by name, or undefined when there are none. */
function variables(fail: Fail, field: string, value: unknown): IDataObject | undefined {
	const named = pairs(value, 'variable', 'name', 'value').filter(([name]) => name !== '');
	if (!named.length) return undefined;
	const positional = named.filter(([name]) => /^\d+$/.test(name)).length;
	if (positional && positional !== named.length) {
		fail(
			`${field} mixes positional ("1", "2") and named variables`,
			'A WhatsApp template uses either numbered or named variables; use the kind your template has.',
		);
	}
	return Object.fromEntries(named);
}

/** An approved WhatsApp template: the only way to write first or after 24 hours of silence. */
export const template: MessageTypeSpec<'template'> = {
	value: 'template',
	fields: [
		// Optional for n8n: an empty Template is refused by build() below, with what to do.
		locatorField(
			'Template',
			'templateId',
			TEMPLATE,
			"An approved WhatsApp template of your project (the list shows each one's language and approval status)",
			false,
		),
		variableCollection(
			'Template Variables',
			'templateVariables',
			'Body variables: {{1}} → name "1", or named variables → their name',
		),
		variableCollection(
			'Template Header Variables',
			'templateHeaderVariables',
			'Variables of the template header',
		),
		variableCollection(
			'Template Button Variables',
			'templateButtonVariables',
			'The {{1}} of a URL button, e.g. a URL suffix. Name = the button\'s position in the template counted from 0 (first button "0", second "1", third "2"), unlike body variables, which start at 1.',
			'0',
		),
	],
	caption: false,
	channels: WHATSAPP,
	build: (read, fail) => {
		const content: IDataObject = {};
		copyText(read, content, 'templateId');
		if (!content.templateId) {
			fail('A template message needs a Template', 'Pick one of your approved templates.');
		}
		const body = variables(fail, 'Template Variables', read('templateVariables'));
		const header = variables(fail, 'Template Header Variables', read('templateHeaderVariables'));
		const buttons = variables(fail, 'Template Button Variables', read('templateButtonVariables'));
		for (const key of Object.keys(buttons ?? {})) {
			if (!/^[0-2]$/.test(key)) {
				fail(
					`Template Button Variables: "${key}" is not a button position`,
					'Name each button variable by the button\'s position in the template, counted from 0: "0" for the first button, "1" for the second, "2" for the third (body variables start at 1, button variables at 0).',
				);
			}
		}
		if (body) content.templateVariables = body;
		if (header) content.templateHeaderVariables = header;
		if (buttons) content.templateButtonVariables = buttons;
		return content;
	},
};
