import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { metadataField } from '../contact/fields';
import { readLocatorId, TEMPLATE } from '../common/locator';
import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import {
	broadcastId,
	broadcastIdField,
	CONTENT_FIELDS,
	readBroadcastMetadata,
	readContent,
	requestBroadcast,
} from './fields';

const properties: INodeProperties[] = [
	broadcastIdField(
		'The broadcast to change: a draft, or one rejected by review (then use Retry Review)',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: (
			[
				...CONTENT_FIELDS.map((field) => ({
					...field,
					// Some descriptions end with a period already (the locators' "e.g. tpl_….").
					description: `${String(field.description ?? '').replace(/\.+$/, '')}. Setting any of these replaces the whole media or template content.`,
				})),
				{
					displayName: 'Email HTML Body',
					name: 'emailHtmlBody',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
				},
				{ displayName: 'Email Subject', name: 'emailSubject', type: 'string', default: '' },
				metadataField("Key/value pairs (text) to store as the broadcast's metadata"),
				{
					displayName: 'Name',
					name: 'name',
					type: 'string',
					default: '',
					description: 'Name of the campaign',
				},
				{
					displayName: 'Text',
					name: 'text',
					type: 'string',
					typeOptions: { rows: 4 },
					default: '',
					description: 'The message or caption; variables such as {{name}} are allowed',
				},
			] as INodeProperties[]
		).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	optionsCollection('broadcast', 'update'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['update'] } },
	properties,
);

/** PATCH /v1/broadcasts/{id} with the fields added under Update Fields: emits the broadcast. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const { segment } = broadcastId(this, i);
	const fields = this.getNodeParameter('updateFields', i, {}) as IDataObject;
	const body: IDataObject = {};
	const labels = {
		name: 'Name',
		text: 'Text',
		emailSubject: 'Email Subject',
		emailHtmlBody: 'Email HTML Body',
	};
	for (const [key, label] of Object.entries(labels)) {
		if (fields[key] === undefined) continue;
		const value = String(fields[key] ?? '');
		// Zavu has no way to clear these: an empty one is a mistake, not a change.
		if (!value.trim()) fail(`${label} is empty: remove it from Update Fields or give a value`);
		body[key] = key === 'name' || key === 'emailSubject' ? value.trim() : value;
	}
	const templateId = readLocatorId(this, i, 'updateFields.templateId', 'Template', TEMPLATE, true);
	const content = readContent(fail, fields, templateId);
	if (content) body.content = content;
	const metadata = readBroadcastMetadata(fail, fields.metadata);
	if (metadata) body.metadata = metadata;
	if (!Object.keys(body).length) {
		fail(
			'Update Fields is empty: add the fields to change',
			'An update without fields would change nothing.',
		);
	}
	// Sending the same fields twice leaves the same broadcast: timeouts and 5xx may be retried.
	return await requestBroadcast.call(this, i, {
		method: 'PATCH',
		path: `/v1/broadcasts/${segment}`,
		body,
		idempotent: true,
	});
}
