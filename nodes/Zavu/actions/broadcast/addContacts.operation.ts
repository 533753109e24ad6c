import type { IDataObject, IExecuteFunctions, INodeProperties, NodeApiError } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { MAX_BROADCAST_CONTACTS_PER_REQUEST } from '../../constants';
import { asNodeError, invalidResponseError, zavuApiRequest } from '../../transport';
import type { ItemOutcome } from '../resources';
import { getRetryOptions, optionsCollection } from '../common/options';
import { itemFail, requireE164, requireEmail } from '../common/validation';
import type { Row } from './contactBatch';
import { readBatchAnswer } from './contactBatch';
import {
	broadcastId,
	broadcastIdField,
	readTemplateVariables,
	TEMPLATE_VARIABLE_FIELDS,
} from './fields';

const properties: INodeProperties[] = [
	broadcastIdField(
		'The draft broadcast to add the recipients to. Usually the same for every item; an expression may give one per item',
	),
	{
		displayName: 'Recipient',
		name: 'recipient',
		type: 'string',
		required: true,
		default: '',
		placeholder: '={{ $json.phone }}',
		description:
			"One recipient per input item: the item's phone number in E.164 format (+14155551234) or email address, usually an expression reading the item's field",
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: TEMPLATE_VARIABLE_FIELDS.map((field) => ({
			...field,
			description: `This recipient's ${field.description?.charAt(0).toLowerCase()}${field.description?.slice(1)}; override the broadcast's defaults`,
		})),
	},
	optionsCollection('broadcast', 'addContacts'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['addContacts'] } },
	properties,
);

/** One row, checked: its broadcast, recipient and variables (SDK: ContactAddParams.Contact). */
function readRow(ctx: IExecuteFunctions, i: number): Row & { broadcast: string; segment: string } {
	const fail = itemFail(ctx, i);
	const { id, segment } = broadcastId(ctx, i);
	const raw = ctx.getNodeParameter('recipient', i, '');
	const given = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
	if (!given) fail('Recipient is empty', 'Map a phone number or email, e.g. {{ $json.phone }}.');
	const recipient = given.includes('@')
		? requireEmail(fail, 'Recipient', given)
		: requireE164(fail, 'Recipient', given);
	const contact: IDataObject = { recipient };
	Object.assign(
		contact,
		readTemplateVariables(fail, ctx.getNodeParameter('additionalFields', i, {}) as IDataObject),
	);
	return { index: i, recipient, contact, broadcast: id, segment };
}

/**
 * POST /v1/broadcasts/{id}/contacts for all items at once, in batches of Zavu's maximum (1,000,
 * SDK: broadcasts.contacts.add): one output per item, saying added, duplicate or why it failed.
 * Bad rows fail before any request and are never sent. A batch is safe to resend (Zavu skips a
 * contact already in the broadcast, SDK: ContactAddResponse.duplicates), so timeouts and 5xx are
 * retried per Options without adding anyone twice.
 */
export async function executeAll(
	this: IExecuteFunctions,
	indexes: number[],
): Promise<ItemOutcome[]> {
	const continueOnFail = this.continueOnFail();
	const outcomes: ItemOutcome[] = new Array(indexes.length);
	const position = new Map(indexes.map((i, k) => [i, k]));
	const set = (i: number, outcome: ItemOutcome) => (outcomes[position.get(i) as number] = outcome);
	type Group = { segment: string; rows: Row[]; seen: Map<string, number> };
	const groups = new Map<string, Group>();

	for (const i of indexes) {
		let row: ReturnType<typeof readRow>;
		try {
			row = readRow(this, i);
		} catch (error) {
			// Without Continue On Fail, one bad row stops the node before anything is sent.
			if (!continueOnFail) throw asNodeError(this.getNode(), error, i);
			set(i, error as Error);
			continue;
		}
		const group: Group = groups.get(row.broadcast) ?? {
			segment: row.segment,
			rows: [],
			seen: new Map(),
		};
		groups.set(row.broadcast, group);
		// Emails compare without case; a second row for the same recipient is not sent.
		const key = row.recipient.includes('@') ? row.recipient.toLowerCase() : row.recipient;
		const first = group.seen.get(key);
		if (first !== undefined) {
			set(i, {
				broadcastId: row.broadcast,
				recipient: row.recipient,
				status: 'duplicate',
				reason: `Same recipient as item ${first}: not sent twice`,
			});
			continue;
		}
		group.seen.set(key, i);
		group.rows.push(row);
	}

	for (const [id, { segment, rows }] of groups) {
		for (let start = 0; start < rows.length; start += MAX_BROADCAST_CONTACTS_PER_REQUEST) {
			const batch = rows.slice(start, start + MAX_BROADCAST_CONTACTS_PER_REQUEST);
			const results = await sendBatch.call(this, id, segment, batch, start);
			// Without Continue On Fail the first failed row stops the node: no further batches.
			const failed = results.find((result) => result instanceof Error);
			if (failed && !continueOnFail) throw failed;
			batch.forEach((row, k) => set(row.index, results[k]));
		}
	}
	return outcomes;
}

/** One batch: each row's outcome, or the batch's error for every row of it. */
async function sendBatch(
	this: IExecuteFunctions,
	id: string,
	segment: string,
	rows: Row[],
	start: number,
): Promise<Array<IDataObject | Error>> {
	const first = rows[0].index;
	try {
		const answer = await zavuApiRequest.call(this, {
			method: 'POST',
			path: `/v1/broadcasts/${segment}/contacts`,
			body: { contacts: rows.map((row) => row.contact) },
			// Zavu skips contacts already in the broadcast: resending a batch adds nobody twice.
			idempotent: true,
			itemIndex: first,
			retry: getRetryOptions(this, first),
		});
		const results = readBatchAnswer(this.getNode(), id, rows, answer);
		if (results) return results;
		throw invalidResponseError(
			this.getNode(),
			'no "added", "duplicates" and "invalid" counts in the answer to adding contacts',
			first,
		);
	} catch (error) {
		const failure = asNodeError(this.getNode(), error, first);
		note(
			failure,
			`Items ${first} to ${rows[rows.length - 1].index} were sent together (rows ${start + 1} to ${start + rows.length} of this broadcast). Running again is safe: Zavu skips contacts already in the broadcast.`,
		);
		return rows.map(() => failure);
	}
}

/** Adds a sentence to an error's description (shown under its message, kept in its item). */
function note(error: Error, sentence: string): void {
	const target = error as NodeApiError;
	target.description = [target.description, sentence].filter(Boolean).join(' ');
}

/** A single item (as the router's per-item path would call it): the same as one row of executeAll. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const [outcome] = await executeAll.call(this, [i]);
	if (outcome instanceof Error) throw outcome;
	return outcome as IDataObject;
}
