import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { TemplateCategory } from '../../constants';
import { keysOf, optionsOf, TEMPLATE_CATEGORIES } from '../../constants';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	readSenderId,
	readTemplateId,
	requestTemplate,
	senderIdField,
	templateIdField,
} from './fields';

const properties: INodeProperties[] = [
	templateIdField('The draft WhatsApp template to send to Meta for review'),
	senderIdField(
		'The WhatsApp sender whose WhatsApp Business Account the template is submitted to',
		true,
	),
	{
		displayName: 'Category',
		name: 'category',
		type: 'options',
		options: [
			{ name: "Template's Own", value: '', description: 'The category set on the template' },
			...optionsOf(TEMPLATE_CATEGORIES),
		],
		default: '',
		description: 'The category to submit under; Meta may still re-categorise it during its review',
	},
	optionsCollection('template', 'submit'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['template'], operation: ['submit'] } },
	properties,
);

/** POST /v1/templates/{id}/submit: the template, now pending Meta's review. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const { segment } = readTemplateId(this, i);
	const body: IDataObject = { senderId: readSenderId(this, i, false) };
	const raw = this.getNodeParameter('category', i, '');
	const category = typeof raw === 'string' ? raw.trim() : raw;
	if (category !== '') {
		const categories: string[] = keysOf(TEMPLATE_CATEGORIES);
		if (typeof category !== 'string' || !categories.includes(category)) {
			itemFail(this, i)(
				`Category "${String(category)}" is not a WhatsApp template category`,
				`Use one of: ${categories.join(', ')}.`,
			);
		}
		body.category = category as TemplateCategory;
	}
	// Not resent after a timeout: Zavu may have submitted it already, and a draft is submitted once.
	return await requestTemplate.call(this, i, {
		method: 'POST',
		path: `/v1/templates/${segment}/submit`,
		body,
		idempotent: false,
	});
}
