import type { IDataObject } from 'n8n-workflow';

// How an entity reads in a dropdown or a locator's list: what a person (or an AI agent reading the
// list) needs to tell entries apart. Shared by loadOptions.ts and listSearch.ts.

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** At most `max` characters of one line of text. */
function excerpt(value: unknown, max = 40): string {
	const line = text(value).replace(/\s+/g, ' ');
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** "+14155550100 (US main line)". */
export function phoneNumberLabel(number: IDataObject): string {
	const phone = text(number.phoneNumber) || String(number.id);
	return number.name ? `${phone} (${String(number.name)})` : phone;
}

/** "Support (+14155550100) [sms, whatsapp] (default)". */
export function senderLabel(sender: IDataObject): string {
	const channels = Array.isArray(sender.channels) ? (sender.channels as string[]).join(', ') : '';
	const address = sender.phoneNumber ?? sender.emailAddress;
	return [
		String(sender.name ?? sender.id),
		address ? `(${String(address)})` : '',
		channels ? `[${channels}]` : '',
		sender.isDefault === true ? '(default)' : '',
	]
		.filter(Boolean)
		.join(' ');
}

/** "welcome (en) - approved". */
export const templateLabel = (template: IDataObject): string =>
	`${String(template.name ?? template.id)} (${String(template.language ?? '?')}) - ${String(template.status ?? 'unknown')}`;

/** Why picking the template may not work, if it may not. */
export const templateNote = (template: IDataObject): string | undefined =>
	template.status === 'approved' ? undefined : 'Not approved yet: WhatsApp will reject sends';

/** "Acme Corp <contact@acme.com> - pending": who the invitation is for, and where it stands. */
export function invitationLabel(invitation: IDataObject): string {
	const name = text(invitation.clientName);
	const reach = text(invitation.clientEmail) || text(invitation.clientPhone);
	const who = name && reach ? `${name} <${reach}>` : name || reach || 'No client details';
	const created = text(invitation.createdAt).slice(0, 10);
	return `${who} - ${String(invitation.status ?? 'unknown')}${created ? `, created ${created}` : ''}`;
}

/** 'To +14155551234 via sms - delivered: "Your code is…"' (or From, for a received message). */
export function messageLabel(message: IDataObject): string {
	const inbound = message.direction === 'inbound';
	const party = inbound ? text(message.from) || text(message.to) : text(message.to);
	const said = excerpt(message.text);
	const at = text(message.createdAt).slice(0, 16).replace('T', ' ');
	const head = [
		`${inbound ? 'From' : 'To'} ${party || '?'} via ${String(message.channel ?? '?')}`,
		`- ${String(message.status ?? 'unknown')}`,
		at ? `(${at})` : '',
	]
		.filter(Boolean)
		.join(' ');
	return said ? `${head}: "${said}"` : head;
}

/** Who a thread is with: a group's subject, the email, WhatsApp username or the identifier. */
export function conversationLabel(conversation: IDataObject): string {
	const group = (conversation.group ?? {}) as IDataObject;
	const whatsapp = (conversation.whatsapp ?? {}) as IDataObject;
	const who =
		text(group.subject) ||
		text(conversation.email) ||
		text(whatsapp.username) ||
		text(conversation.contactIdentifier) ||
		String(conversation.id);
	const channels = Array.isArray(conversation.channels)
		? (conversation.channels as string[]).join(', ')
		: '';
	const last = excerpt(((conversation.lastMessage ?? {}) as IDataObject).text);
	const head = channels ? `${who} [${channels}]` : who;
	return last ? `${head}: "${last}"` : head;
}

/** "John Doe (+14155551234)": the name, with the primary phone or email. */
export function contactLabel(contact: IDataObject): string {
	const name = text(contact.displayName) || text(contact.profileName);
	const reach =
		text(contact.primaryPhone) || text(contact.phoneNumber) || text(contact.primaryEmail);
	if (name && reach) return `${name} (${reach})`;
	return name || reach || String(contact.id);
}
