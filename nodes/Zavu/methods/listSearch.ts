import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { invalidResponseError, isPlainObject, MAX_PAGE_SIZE, zavuApiRequest } from '../transport';
import {
	contactLabel,
	conversationLabel,
	invitationLabel,
	messageLabel,
	phoneNumberLabel,
	senderLabel,
	templateLabel,
	templateNote,
} from './labels';

// The "From List" mode of the resource locators (actions/common/locator.ts): one page of a Zavu
// list per call. Zavu's `nextCursor` goes back to n8n as `paginationToken`, and n8n's next call
// (the user scrolled to the end) hands it back, sent as `cursor`. Where the list endpoint takes a
// text search (contacts, conversations) the typed filter is sent as `search`; the other lists are
// not searchable in the editor, and a filter given anyway is not applied (filtering one page here
// would hide matches on the pages not read yet).

// The list should answer quickly or say why not (as the dropdowns in loadOptions.ts).
const listRetry = { maxAttempts: 2, maxWaitMs: 10_000, timeoutMs: 20_000 };

/** Zavu's inbox deep link of a thread (documented in the SDK; the dashboard's locale: en). */
const inboxUrl = (conversationId: unknown): string | undefined =>
	typeof conversationId === 'string' && conversationId
		? `https://dashboard.zavu.dev/en/inbox?conv=${encodeURIComponent(conversationId)}`
		: undefined;

/** An entry of the list, with a link when there is one. */
function entry(name: string, id: unknown, url?: unknown): INodeListSearchItems {
	const item: INodeListSearchItems = { name, value: String(id) };
	if (typeof url === 'string' && url) item.url = url;
	return item;
}

/** One page of `path` (`query` added), each entity made an entry by `toEntry`. */
async function searchPage(
	ctx: ILoadOptionsFunctions,
	path: string,
	query: IDataObject,
	paginationToken: string | undefined,
	toEntry: (entity: IDataObject) => INodeListSearchItems,
): Promise<INodeListSearchResult> {
	const qs: IDataObject = { ...query, limit: MAX_PAGE_SIZE };
	if (paginationToken) qs.cursor = paginationToken;
	const body = await zavuApiRequest.call(ctx, {
		method: 'GET',
		path,
		qs,
		idempotent: true,
		retry: listRetry,
	});
	if (!Array.isArray(body.items)) {
		throw invalidResponseError(ctx.getNode(), 'no "items" array in a list response');
	}
	const results = (body.items as unknown[])
		.filter(isPlainObject)
		.filter((entity) => typeof entity.id === 'string' && entity.id !== '')
		.map((entity) => toEntry(entity as IDataObject));
	const next = body.nextCursor;
	return typeof next === 'string' && next !== '' ? { results, paginationToken: next } : { results };
}

/** The typed filter, when there is one: Zavu finds nothing for a blank search. */
const searchQuery = (filter: string | undefined): IDataObject =>
	filter?.trim() ? { search: filter.trim() } : {};

/** Invitations, newest first, by client and status; the link opens the client's invite page. */
export async function searchInvitations(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/invitations', {}, paginationToken, (invitation) =>
		entry(invitationLabel(invitation), invitation.id, invitation.url),
	);
}

/** Messages sent and received, newest first; the link opens the message's thread in the inbox. */
export async function searchMessages(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/messages', {}, paginationToken, (message) =>
		entry(messageLabel(message), message.id, inboxUrl(message.conversationId)),
	);
}

/** Inbox threads, most recent first; the filter searches who the thread is with. */
export async function searchConversations(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(
		this,
		'/v1/conversations',
		searchQuery(filter),
		paginationToken,
		(conversation) =>
			entry(conversationLabel(conversation), conversation.id, inboxUrl(conversation.id)),
	);
}

/** Contacts; the filter searches names, phone numbers and email addresses. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/contacts', searchQuery(filter), paginationToken, (contact) =>
		entry(contactLabel(contact), contact.id),
	);
}

/** Senders, labelled with their address, channels and default flag. */
export async function searchSenders(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/senders', {}, paginationToken, (sender) =>
		entry(senderLabel(sender), sender.id),
	);
}

/** WhatsApp templates with language and approval status. */
export async function searchTemplates(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/templates', {}, paginationToken, (template) => {
		const item = entry(templateLabel(template), template.id);
		const note = templateNote(template);
		if (note) item.description = note;
		return item;
	});
}

/** The project's phone numbers, with their names. */
export async function searchPhoneNumbers(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/phone-numbers', {}, paginationToken, (number) =>
		entry(phoneNumberLabel(number), number.id),
	);
}

/** "Customer Support - openai gpt-4o-mini, 2 senders (disabled)": what tells agents apart. */
function agentLabel(agent: IDataObject): string {
	const model = [agent.provider, agent.model].filter((v) => typeof v === 'string' && v).join(' ');
	const senders = Array.isArray(agent.senderIds) ? agent.senderIds.length : undefined;
	const notes = [
		model,
		senders === undefined ? '' : `${senders} sender${senders === 1 ? '' : 's'}`,
	].filter(Boolean);
	const head = `${String(agent.name ?? agent.id)}${notes.length ? ` - ${notes.join(', ')}` : ''}`;
	return agent.enabled === false ? `${head} (disabled)` : head;
}

/** The project's AI agents, newest first, with provider, model and how many senders they answer. */
export async function searchAgents(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/agents', {}, paginationToken, (agent) =>
		entry(agentLabel(agent), agent.id),
	);
}

/** URLs submitted for verification, with their status. */
export async function searchUrls(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/urls', {}, paginationToken, (url) =>
		entry(`${String(url.url ?? url.id)} - ${String(url.status ?? 'unknown')}`, url.id),
	);
}

/** Broadcasts, newest first: "Black Friday Sale [sms] - draft, 1200 contacts". */
export async function searchBroadcasts(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/broadcasts', {}, paginationToken, (broadcast) =>
		entry(
			`${String(broadcast.name ?? broadcast.id)} [${String(broadcast.channel ?? '?')}] - ${String(broadcast.status ?? 'unknown')}, ${String(broadcast.totalContacts ?? 0)} contacts`,
			broadcast.id,
		),
	);
}

/** Voice calls, most recent first: "+14155551234 (outbound) - completed, 2025-01-01T10:00:00Z". */
export async function searchCalls(
	this: ILoadOptionsFunctions,
	_filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchPage(this, '/v1/calls', {}, paginationToken, (call) => {
		const other = call.direction === 'inbound' ? call.from : call.to;
		return entry(
			`${String(other ?? call.id)} (${String(call.direction ?? '?')}) - ${String(call.status ?? 'unknown')}, ${String(call.createdAt ?? '')}`,
			call.id,
		);
	});
}
