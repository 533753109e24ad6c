import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';
import { isResourceLocatorValue } from 'n8n-workflow';

import type { Fail } from './validation';
import { itemFail, requireId } from './validation';

// The ids a user picks by hand are resource locators: From List (a search of Zavu's list), By ID,
// and By URL where Zavu documents a dashboard address for the entity. Workflows saved before
// hold the id as a plain string (or an expression); n8n's extractValue hands those back
// unchanged, so both shapes are read the same way, by the same node version (locatorValue).

/**
 * An id as the node may assume Zavu issues it: any text without spaces (surrounding spaces are
 * trimmed). Zavu's ids have no one shape (jh7am5bng9p3v2x1k4r8, msg_…, sender_12345), so nothing
 * stricter is checked: a real id is never refused.
 */
export const ANY_ID = /^\s*\S+\s*$/;

/** Zavu's inbox deep link (documented in the SDK): /{locale}/inbox?conv={conversationId}. */
const INBOX = 'https://dashboard.zavu.dev/en/inbox?conv=';

/** One kind of entity a locator points at. */
export interface LocatorEntity {
	/** How descriptions and errors name it: "invitation". */
	noun: string;
	/** An id as Zavu issues it, shown as the By ID placeholder. */
	example: string;
	/** Its search in methods.listSearch (nodes/Zavu/methods/listSearch.ts). */
	listMethod: string;
	/** Whether typing in the list filters it on Zavu's side (the list endpoint takes a search). */
	searchable?: boolean;
	/** What a By ID value must match (n8n checks it in the editor, the node before sending). */
	pattern?: RegExp;
	/** Where the entity opens in Zavu's dashboard: an n8n expression, `{{$value}}` being the id. */
	link?: string;
	/** By URL: a documented dashboard address, the id in the regex's one group. */
	url?: { placeholder: string; regex: string };
}

export const INVITATION: LocatorEntity = {
	noun: 'invitation',
	example: 'jh7am5bng9p3v2x1k4r8',
	listMethod: 'searchInvitations',
};

export const MESSAGE: LocatorEntity = {
	noun: 'message',
	example: 'msg_abc123',
	listMethod: 'searchMessages',
};

export const CONVERSATION: LocatorEntity = {
	noun: 'conversation',
	example: 'conv_abc123',
	listMethod: 'searchConversations',
	searchable: true,
	link: `=${INBOX}{{$value}}`,
	url: {
		placeholder: `${INBOX}conv_abc123`,
		// Any locale segment, other query parameters before or after `conv`.
		regex: 'https?://dashboard\\.zavu\\.dev/(?:[^/?#]+/)?inbox/?\\?(?:[^#]*&)?conv=([^&#\\s]+)',
	},
};

export const CONTACT: LocatorEntity = {
	noun: 'contact',
	example: 'jx7abc123def456ghi78',
	listMethod: 'searchContacts',
	searchable: true,
};

export const SENDER: LocatorEntity = {
	noun: 'sender',
	example: 'sender_12345',
	listMethod: 'searchSenders',
};

export const TEMPLATE: LocatorEntity = {
	noun: 'template',
	example: 'tpl_abc123',
	listMethod: 'searchTemplates',
};

export const PHONE_NUMBER: LocatorEntity = {
	noun: 'phone number',
	example: 'pn_abc123',
	listMethod: 'searchPhoneNumbers',
};

const unanchored = (pattern: RegExp) => pattern.source.replace(/^\^/, '').replace(/\$$/, '');

function modes(entity: LocatorEntity): INodePropertyMode[] {
	const pattern = entity.pattern ?? ANY_ID;
	const url = entity.url ?? { placeholder: '', regex: '' };
	// One literal list under a `modes` key: n8n's lint tells modes from parameters by that key.
	const declared: { modes: INodePropertyMode[] } = {
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select a ${entity.noun}...`,
				typeOptions: {
					searchListMethod: entity.listMethod,
					searchable: entity.searchable === true,
				},
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: entity.example,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: unanchored(pattern),
							errorMessage: `Not a valid ${entity.noun} ID: an ID has no spaces, e.g. ${entity.example}`,
						},
					},
				],
				...(entity.link && { url: entity.link }),
			},
			{
				displayName: 'By URL',
				name: 'url',
				type: 'string',
				placeholder: url.placeholder,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `${url.regex}.*`,
							errorMessage: `Not a Zavu dashboard URL of a ${entity.noun}, e.g. ${url.placeholder}`,
						},
					},
				],
				extractValue: { type: 'regex', regex: url.regex },
			},
		],
	};
	// By URL only where Zavu documents a dashboard address for the entity.
	return entity.url ? declared.modes : declared.modes.filter((mode) => mode.name !== 'url');
}

/**
 * A resource locator for the id of `entity`, saved under `name` (the same name the plain ID field
 * had). `description` says what the id is for; how to give it is added here.
 */
export function locatorField(
	displayName: string,
	name: string,
	entity: LocatorEntity,
	description: string,
	required = true,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required,
		modes: modes(entity),
		description: `${description}. Pick it from the list or give its ID, e.g. ${entity.example}.`,
	};
}

/** How a context reads one parameter: with extractValue, or its raw saved value. */
type ReadParameter = (options: { extractValue?: boolean; rawExpressions?: boolean }) => unknown;

/**
 * A locator's value as extractValue gives it: the id of a `{ __rl, mode, value }` (a By URL
 * value reduced to its id by n8n), or unchanged a plain string saved before the field was a
 * locator. A By ID value that does not match `entity`'s pattern is refused: n8n checks it in the
 * editor and before a run, but neither an expression's result nor a locator inside a collection.
 * Values of the other shapes are taken as before (list entries are Zavu's own ids; a saved plain
 * id keeps working exactly as it did).
 */
export function locatorValue(
	read: ReadParameter,
	fail: Fail,
	field: string,
	entity: LocatorEntity,
): unknown {
	const value = read({ extractValue: true });
	const saved = read({ rawExpressions: true });
	if (isResourceLocatorValue(saved) && saved.mode === 'id' && !isEmpty(value)) {
		const id = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
		if (!(entity.pattern ?? ANY_ID).test(id)) {
			const shown = id.length > 60 ? `${id.slice(0, 57)}...` : id;
			fail(
				`${field} "${shown}" is not a valid ${entity.noun} ID`,
				`An ID has no spaces, e.g. ${entity.example}.`,
			);
		}
	}
	return value;
}

/** The item's locator `name` (see locatorValue); `name` may be a path, e.g. 'options.senderId'. */
export const itemLocatorValue = (
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	field: string,
	entity: LocatorEntity,
): unknown =>
	locatorValue(
		(options) => ctx.getNodeParameter(name, i, '', options),
		itemFail(ctx, i),
		field,
		entity,
	);

/**
 * The item's locator `name` (labelled `field` in errors) as a checked id (see locatorValue). An
 * `optional` locator left empty reads as ''.
 */
export function readLocatorId(
	ctx: IExecuteFunctions,
	i: number,
	name: string,
	field: string,
	entity: LocatorEntity,
	optional = false,
): string {
	const value = itemLocatorValue(ctx, i, name, field, entity);
	if (optional && isEmpty(value)) return '';
	return requireId(itemFail(ctx, i), field, value);
}

/** Nothing given: no value, or only spaces. */
export const isEmpty = (value: unknown): boolean =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
