import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { Channel, MessageType } from '../../../constants';
import type { Fail } from '../../common/validation';

/**
 * Reads one parameter of the item, `fallback` ('' unless given) when it is not set. Only the
 * fields of the chosen type are read: each read resolves expressions, which is most of the
 * per-item cost of a bulk send.
 */
export type Read = (name: string, fallback?: unknown) => unknown;

/** A binary field of the input item. */
export interface Binary {
	data: Buffer;
	fileName?: string;
	mimeType?: string;
}

/** What building a send request needs from n8n, as plain functions (so tests can fake it). */
export interface SendInput {
	read: Read;
	fail: Fail;
	/** The item's binary field `property`; fails the item when it has none. */
	binary(property: string): Promise<Binary>;
	/** The key sent when Options → Idempotency Key is empty. */
	idempotencyKey(): string;
}

/** Channels (besides Auto) that carry a type. */
export const WHATSAPP: readonly Channel[] = ['whatsapp'];
/** "non-text types are supported by WhatsApp and Telegram, varies by type" */
export const WHATSAPP_OR_TELEGRAM: readonly Channel[] = ['whatsapp', 'telegram'];

/** One message type: its fields, the checks on Text, where it can go and its `content`. */
export interface MessageTypeSpec<T extends MessageType = MessageType> {
	value: T;
	/**
	 * The type's own fields, in editor order; fields several types share are the same object in
	 * each. No `messageType` condition: the registry shows each field for the types listing it.
	 */
	fields: INodeProperties[];
	/** Whether Text is shown and sent: the message, a caption, a body or a prompt. */
	caption: boolean;
	/** Set when Text must not be empty: what Text is to this type ("body text", "prompt"). */
	textRequired?: string;
	/** Zavu's limit on the length of Text for this type. */
	maxText?: number;
	/** The channels besides Auto it can be sent over, or 'any'. */
	channels: 'any' | readonly Channel[];
	/** The message's `content`, checked; types without one leave it out. */
	build?: (read: Read, fail: Fail) => IDataObject;
}

/** A parameter as a trimmed string ('' for nothing). */
export const str = (value: unknown): string =>
	value === undefined || value === null
		? ''
		: typeof value === 'string'
			? value.trim()
			: String(value);

/** Copies the named parameters into `content`, trimmed, leaving out the empty ones. */
export function copyText(read: Read, content: IDataObject, ...names: string[]): void {
	for (const name of names) {
		const text = str(read(name));
		if (text) content[name] = text;
	}
}

/** The entries of a fixedCollection (`{ [listKey]: [...] }`), or none. */
export const entries = (value: unknown, listKey: string): IDataObject[] =>
	((value as IDataObject)?.[listKey] as IDataObject[] | undefined) ?? [];

/** Name/value pairs from a fixedCollection, or an object given by an expression. */
export function pairs(
	value: unknown,
	listKey: string,
	keyField: string,
	valueField: string,
): Array<[string, string]> {
	if (value === undefined || value === null || value === '') return [];
	const object = value as IDataObject;
	const list = Array.isArray(object[listKey]) ? (object[listKey] as IDataObject[]) : undefined;
	if (list) return list.map((entry) => [str(entry[keyField]), str(entry[valueField])]);
	if (typeof value === 'object' && !Array.isArray(value)) {
		return Object.entries(object)
			.filter(([key]) => key !== listKey)
			.map(([key, v]) => [key, str(v)]);
	}
	return [];
}
