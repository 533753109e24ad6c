// Every list of values that mirrors one of Zavu's API enums, once. Each is a Record over the
// enum's type in Zavu's own TypeScript SDK (@zavudev/sdk, a dev dependency, `import type` only:
// nothing of it reaches dist/), so a value the API drops, renames or adds fails `npm run
// typecheck` (missing key, or a key the union does not have) instead of reaching users. The key
// order is the order shown in the editor.
import type {
	BroadcastChannel,
	BroadcastContactStatus,
	BroadcastListParams,
	BroadcastMessageType,
	BroadcastStatus,
} from '@zavudev/sdk/resources/broadcasts/broadcasts';
import type { ContactListParams as BroadcastContactListParams } from '@zavudev/sdk/resources/broadcasts/contacts';
import type {
	ChannelAddParams,
	Contact,
	ContactChannel,
	ContactCreateParams,
	ContactUpdateParams,
} from '@zavudev/sdk/resources/contacts';
import type { CallListParams, CallListResponse } from '@zavudev/sdk/resources/calls';
import type { ConversationListParams } from '@zavudev/sdk/resources/conversations';
import type { Invitation, InvitationListParams } from '@zavudev/sdk/resources/invitations';
import type {
	Channel,
	MessageListParams,
	MessageStatus,
	MessageType,
} from '@zavudev/sdk/resources/messages';
import type {
	PhoneNumberCapabilities,
	PhoneNumberStatus,
	PhoneNumberType,
} from '@zavudev/sdk/resources/phone-numbers';
import type {
	SenderWebhook,
	WebhookEvent,
	WhatsappBusinessProfileVertical,
} from '@zavudev/sdk/resources/senders/senders';
import type { AgentProvider } from '@zavudev/sdk/resources/senders/agent/agent';
import type { VerifiedURL } from '@zavudev/sdk/resources/urls';
import type {
	TemplateCreateParams,
	TemplateSubmitParams,
	WhatsappCategory,
} from '@zavudev/sdk/resources/templates';
import type { INodePropertyOptions } from 'n8n-workflow';

export type InvitationStatus = Invitation['status'];
export type ConnectionType = NonNullable<Invitation['connectionType']>;
export type { Channel, MessageStatus, MessageType };

/** How an option shows in the editor. */
export interface Label {
	name: string;
	description?: string;
}

/** n8n options, in the Record's key order. */
export function optionsOf<K extends string>(
	labels: Record<K, Label | string>,
): INodePropertyOptions[] {
	return (Object.entries(labels) as Array<[K, Label | string]>).map(([value, label]) =>
		typeof label === 'string' ? { name: label, value } : { ...label, value },
	);
}

export const keysOf = <K extends string>(labels: Record<K, unknown>): K[] =>
	Object.keys(labels) as K[];

export const nameOf = (label: Label | string): string =>
	typeof label === 'string' ? label : label.name;

/**
 * The names of `labels` without the keys in `drop`, in the same order: a filter that takes a
 * subset of an enum shows the same names, without the descriptions.
 */
function namesWithout<K extends string, D extends K>(
	labels: Record<K, Label | string>,
	...drop: D[]
): Record<Exclude<K, D>, string> {
	const names = (Object.entries(labels) as Array<[K, Label | string]>)
		.filter(([key]) => !drop.includes(key as D))
		.map(([key, label]) => [key, nameOf(label)]);
	return Object.fromEntries(names) as Record<Exclude<K, D>, string>;
}

// ------------------------------------------------------------------ invitations

/**
 * In lifecycle order: pending → in progress → completed, with failed beside in progress (the
 * client can retry from it), then the two ends an invitation can be stopped at.
 */
export const INVITATION_STATUSES: Record<InvitationStatus, Label> = {
	pending: { name: 'Pending', description: 'Created; the client has not opened the link yet' },
	in_progress: { name: 'In Progress', description: 'The client opened the link and is connecting' },
	failed: {
		name: 'Failed',
		description:
			"The client started and did not finish (closed Meta's dialog, denied a permission, left). Not final: the same link can be retried.",
	},
	completed: {
		name: 'Completed',
		description: 'The client connected; the invitation carries the new sender',
	},
	cancelled: { name: 'Cancelled', description: 'Cancelled through the API or the dashboard' },
	expired: { name: 'Expired', description: 'Not completed before it expired' },
};

/** Compiles only while the list filter takes exactly the statuses an invitation can have. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type FilterTakesEveryInvitationStatus = Assert<
	Same<NonNullable<InvitationListParams['status']>, InvitationStatus>
>;

/** Statuses an invitation can still leave: what the trigger keeps tracking. */
export const ACTIVE_INVITATION_STATUSES: readonly InvitationStatus[] = [
	'pending',
	'in_progress',
	'failed',
];

export const CONNECTION_TYPES: Record<ConnectionType, Label> = {
	whatsapp_waba: {
		name: 'WhatsApp Business (WABA)',
		description:
			"The client links an official WhatsApp Business Account through Meta's embedded signup",
	},
	messenger: {
		name: 'Messenger (Facebook Page)',
		description:
			'The client picks a Facebook Page they administer; its Messenger inbox, Marketplace chats included, comes to Zavu',
	},
};

/** Create fields Zavu accepts only with this connection type (other types answer 400). */
export const WHATSAPP_WABA_ONLY = [
	'phoneNumberId',
	'allowedPhoneCountries',
	'clientPhone',
] as const;

// ------------------------------------------------------------------ messages

export const CHANNELS: Record<Channel, Label | string> = {
	auto: {
		name: 'Auto',
		description:
			'Zavu picks the channel from the sender and the recipient (email addresses go by email)',
	},
	email: 'Email',
	instagram: 'Instagram',
	messenger: 'Messenger',
	sms: 'SMS',
	sms_oneway: 'SMS (One-Way)',
	telegram: 'Telegram',
	voice: { name: 'Voice', description: 'Text-to-speech call' },
	whatsapp: 'WhatsApp',
};

type FilterChannel = NonNullable<MessageListParams['channel']>;
/** Channels Get Many filters on: every channel but Auto, which is not a stored channel. */
export const FILTER_CHANNELS: Record<FilterChannel, string> = namesWithout(CHANNELS, 'auto');
/** Compiles only while the filter takes exactly the channels but Auto. */
export type FilterTakesEveryStoredChannel = Assert<Same<FilterChannel, Exclude<Channel, 'auto'>>>;
/** Compiles only while Conversation → Get Many's channel filter takes these same channels. */
export type ConversationFilterTakesTheSameChannels = Assert<
	Same<NonNullable<ConversationListParams['channel']>, FilterChannel>
>;

/**
 * Every status a message can be in, in the order an outbound message moves through them; the
 * trigger fires on any of these.
 */
export const MESSAGE_STATUSES: Record<MessageStatus, string> = {
	queued: 'Queued',
	sending: 'Sending',
	sent: 'Sent',
	delivered: 'Delivered',
	read: 'Read',
	failed: 'Failed',
	received: 'Received',
	pending_url_verification: 'Pending URL Verification',
};

type FilterMessageStatus = NonNullable<MessageListParams['status']>;
/** The statuses Get Many can filter on: "not all stored statuses are filterable" (no read, no pending_url_verification). */
export const FILTER_MESSAGE_STATUSES: Record<FilterMessageStatus, string> = namesWithout(
	MESSAGE_STATUSES,
	'read',
	'pending_url_verification',
);
/** Compiles only while those two are the only statuses the filter lacks. */
export type FilterTakesTheOtherStatuses = Assert<
	Same<FilterMessageStatus, Exclude<MessageStatus, 'read' | 'pending_url_verification'>>
>;

/** Alphabetical by name, as n8n lists options. */
export const MESSAGE_TYPES: Record<MessageType, Label | string> = {
	audio: 'Audio',
	buttons: { name: 'Buttons', description: 'Text with up to 3 reply buttons' },
	contact: { name: 'Contact', description: 'One or more contact cards' },
	request_contact_info: {
		name: 'Contact Info Request',
		description:
			'Asks the recipient to share their phone number (WhatsApp), e.g. one known only by a username',
	},
	cta_url: { name: 'CTA URL', description: 'Text with a call-to-action link button' },
	document: 'Document',
	image: 'Image',
	list: { name: 'List', description: 'Text with a button that opens a list of options' },
	location: 'Location',
	location_request: {
		name: 'Location Request',
		description: 'Asks the recipient to share their location (WhatsApp)',
	},
	reaction: { name: 'Reaction', description: 'An emoji reaction to an earlier message' },
	sticker: 'Sticker',
	template: {
		name: 'Template',
		description:
			'An approved WhatsApp template: the only way to write first or after 24 hours of silence',
	},
	text: 'Text',
	video: 'Video',
};

// ------------------------------------------------------------------ contacts

export type ContactChannelType = ContactChannel['channel'];

/** The channels a contact can have: the stored channels but SMS (One-Way), same names. */
export const CONTACT_CHANNELS: Record<ContactChannelType, string> = namesWithout(
	CHANNELS,
	'auto',
	'sms_oneway',
);
/**
 * Compiles only while every place the contacts API takes or gives a channel (a channel, its
 * create and add inputs, a contact's default channel) uses exactly these.
 */
export type ContactChannelsAreStoredChannels = Assert<
	Same<ContactChannelType, Exclude<Channel, 'auto' | 'sms_oneway'>>
>;
export type ContactCreateTakesContactChannels = Assert<
	Same<ContactCreateParams.Channel['channel'], ContactChannelType>
>;
export type ChannelAddTakesContactChannels = Assert<
	Same<ChannelAddParams['channel'], ContactChannelType>
>;
export type DefaultChannelIsAContactChannel = Assert<
	Same<NonNullable<Contact['defaultChannel']>, ContactChannelType>
>;
export type UpdateTakesContactChannels = Assert<
	Same<NonNullable<ContactUpdateParams['defaultChannel']>, ContactChannelType>
>;

// ------------------------------------------------------------------ templates

export type TemplateCategory = WhatsappCategory;
export type TemplateHeaderType = NonNullable<TemplateCreateParams['headerType']>;
export type TemplateButtonType = TemplateCreateParams.Button['type'];
export type TemplateOtpType = NonNullable<TemplateCreateParams.Button['otpType']>;

/** Meta's template categories: they decide the price and how strictly Meta reviews. */
export const TEMPLATE_CATEGORIES: Record<TemplateCategory, Label> = {
	UTILITY: {
		name: 'Utility',
		description: 'About a transaction or account the user asked for: orders, bookings, alerts',
	},
	MARKETING: { name: 'Marketing', description: 'Promotions, offers, news, re-engagement' },
	AUTHENTICATION: {
		name: 'Authentication',
		description: 'One-time passcodes (OTP), with a copy-code or one-tap button',
	},
};
/** Compiles only while Submit for Approval takes the same categories. */
export type SubmitTakesTemplateCategories = Assert<
	Same<NonNullable<TemplateSubmitParams['category']>, TemplateCategory>
>;

export const TEMPLATE_HEADER_TYPES: Record<TemplateHeaderType, Label> = {
	text: { name: 'Text', description: 'A short bold line, at most one variable {{1}}' },
	image: { name: 'Image', description: 'An image (URL of a sample for the review)' },
	video: { name: 'Video', description: 'A video (URL of a sample for the review)' },
	document: { name: 'Document', description: 'A document, e.g. a PDF (URL of a sample)' },
};

export const TEMPLATE_BUTTON_TYPES: Record<TemplateButtonType, Label> = {
	quick_reply: { name: 'Quick Reply', description: 'A reply the recipient taps to answer' },
	url: { name: 'URL', description: 'Opens a web page, optionally with {{1}} at its end' },
	phone: { name: 'Phone Number', description: 'Calls a phone number' },
	otp: {
		name: 'One-Time Passcode',
		description: 'Copies or autofills the code (Authentication templates only)',
	},
	request_contact_info: {
		name: 'Request Contact Info',
		description: "WhatsApp's fixed Share Contact Info button (no label)",
	},
};

export const TEMPLATE_OTP_TYPES: Record<TemplateOtpType, Label> = {
	COPY_CODE: { name: 'Copy Code', description: 'The recipient copies the code' },
	ONE_TAP: {
		name: 'One Tap',
		description: 'Android autofills the code into your app (needs its package and signature)',
	},
};

// ------------------------------------------------------------------ webhooks

/**
 * The events the Zavu Webhook Trigger offers. Every event of the SDK is either here or in the
 * exclusion below, so a new one fails typecheck until someone decides. Left out: `message.status`
 * (the same changes as the message.* events), the e-mail domain events (not per sender).
 */
export type TriggerWebhookEvent = Exclude<
	WebhookEvent,
	'message.status' | 'domain.verified' | 'domain.failed'
>;

/** In the editor's order: onboarding first, then inbound, delivery, the rest. */
export const WEBHOOK_EVENTS: Record<TriggerWebhookEvent, Label> = {
	'invitation.status_changed': {
		name: 'Invitation Status Changed',
		description: 'A partner invitation changed status (e.g. the client completed onboarding)',
	},
	'message.inbound': { name: 'Message Received', description: 'A contact wrote to the sender' },
	'message.unsupported': {
		name: 'Unsupported Message Received',
		description: 'A contact sent a message type Zavu does not support',
	},
	'conversation.new': {
		name: 'New Conversation',
		description: 'A contact wrote for the first time',
	},
	'message.queued': { name: 'Message Queued', description: 'A message you sent was queued' },
	'message.sent': {
		name: 'Message Sent',
		description: 'A message you sent was accepted by the provider',
	},
	'message.delivered': {
		name: 'Message Delivered',
		description: 'A message you sent was delivered',
	},
	'message.read': { name: 'Message Read', description: 'A message you sent was read (WhatsApp)' },
	'message.failed': { name: 'Message Failed', description: 'A message you sent failed' },
	'template.status_changed': {
		name: 'Template Status Changed',
		description: 'A WhatsApp template was approved, rejected, …',
	},
	'broadcast.status_changed': {
		name: 'Broadcast Status Changed',
		description: 'A broadcast changed status',
	},
	'call.initiated': { name: 'Call Started', description: 'A voice-agent call is ringing' },
	'call.answered': { name: 'Call Answered', description: 'A voice-agent call was answered' },
	'call.completed': { name: 'Call Completed', description: 'A voice-agent call ended' },
	'call.failed': { name: 'Call Failed', description: 'A voice-agent call could not be completed' },
};

/** Delivered on the project webhook (`/v1/invitations/webhook`); every other event on a sender's. */
export const PROJECT_WEBHOOK_EVENTS: readonly TriggerWebhookEvent[] = ['invitation.status_changed'];

// ------------------------------------------------------------------ senders

/**
 * Every event a sender's webhook can subscribe to (Sender → Create / Update): the trigger's, with
 * its names, plus the three it leaves out.
 */
export const SENDER_WEBHOOK_EVENTS: Record<WebhookEvent, Label> = {
	...WEBHOOK_EVENTS,
	'message.status': {
		name: 'Message Status Changed',
		description: 'Any status change of a message you sent (the message.* events in one)',
	},
	'domain.verified': {
		name: 'Email Domain Verified',
		description: 'A custom email domain passed verification',
	},
	'domain.failed': {
		name: 'Email Domain Failed',
		description: 'A custom email domain failed verification',
	},
};

export type SignatureVersion = SenderWebhook['signatureVersion'];

/** The `X-Zavu-Signature` schemes, in migration order (v1 → v1+v2 → v2). */
export const WEBHOOK_SIGNATURE_VERSIONS: Record<SignatureVersion, Label> = {
	v1: { name: 'V1', description: 'v1=HMAC_SHA256(secret, body): the older scheme' },
	'v1+v2': {
		name: 'V1 + V2',
		description: 'Both signatures: the step between v1 and v2 (v1 cannot move straight to v2)',
	},
	v2: {
		name: 'V2',
		description:
			'v2=HMAC_SHA256(secret, "{t}.{body}"): the current scheme, signs the timestamp too',
	},
};

/** WhatsApp Business profile categories, alphabetical by name (Meta's names). */
export const BUSINESS_VERTICALS: Record<WhatsappBusinessProfileVertical, string> = {
	APPAREL: 'Apparel',
	AUTO: 'Automotive',
	BEAUTY: 'Beauty, Spa and Salon',
	EDU: 'Education',
	ENTERTAIN: 'Entertainment',
	EVENT_PLAN: 'Event Planning and Service',
	FINANCE: 'Finance and Banking',
	GROCERY: 'Food and Grocery',
	HOTEL: 'Hotel and Lodging',
	HEALTH: 'Medical and Health',
	NONPROFIT: 'Non-Profit',
	NOT_A_BIZ: 'Not a Business',
	OTHER: 'Other',
	PROF_SERVICES: 'Professional Services',
	GOVT: 'Public Service',
	RESTAURANT: 'Restaurant',
	RETAIL: 'Shopping and Retail',
	TRAVEL: 'Travel and Transportation',
	UNDEFINED: 'Undefined',
};

/** Zavu's limits on the WhatsApp Business profile's fields (SDK: WhatsappBusinessProfile). */
export const BUSINESS_PROFILE_LIMITS = { about: 139, address: 256, description: 512, websites: 2 };

// ------------------------------------------------------------------ URLs

export type UrlStatus = VerifiedURL['status'];

/** A verified URL's statuses, in the order a URL moves through them. */
export const URL_STATUSES: Record<UrlStatus, Label> = {
	pending: { name: 'Pending', description: 'Submitted, not checked yet' },
	approved: { name: 'Approved', description: 'Messages may carry it' },
	rejected: {
		name: 'Rejected',
		description: 'Refused (URL shorteners always are); can be escalated for manual review',
	},
	escalated: { name: 'Escalated', description: 'A rejected URL waiting for manual review' },
	malicious: { name: 'Malicious', description: 'Blocked by Google Web Risk' },
};

// ------------------------------------------------------------------ broadcasts

export type { BroadcastStatus };

/** Alphabetical by name, as n8n lists options. */
export const BROADCAST_CHANNELS: Record<BroadcastChannel, Label | string> = {
	email: 'Email',
	smart: {
		name: 'Smart',
		description: "Zavu picks each contact's channel (e.g. WhatsApp, else SMS or email)",
	},
	sms: 'SMS',
	sms_oneway: 'SMS (One-Way)',
	telegram: 'Telegram',
	whatsapp: { name: 'WhatsApp', description: 'Only with a Meta-approved template' },
};

export const BROADCAST_MESSAGE_TYPES: Record<BroadcastMessageType, string> = {
	audio: 'Audio',
	document: 'Document',
	image: 'Image',
	template: 'Template',
	text: 'Text',
	video: 'Video',
};

/** In lifecycle order: draft, review, sending, the ends. */
export const BROADCAST_STATUSES: Record<BroadcastStatus, string> = {
	draft: 'Draft',
	pending_review: 'Pending Review',
	approved: 'Approved',
	rejected: 'Rejected',
	escalated: 'Escalated',
	rejected_final: 'Rejected (Final)',
	scheduled: 'Scheduled',
	sending: 'Sending',
	paused: 'Paused',
	completed: 'Completed',
	cancelled: 'Cancelled',
	failed: 'Failed',
};
/** Compiles only while Get Many filters on exactly the statuses a broadcast can have. */
export type BroadcastFilterTakesEveryStatus = Assert<
	Same<NonNullable<BroadcastListParams['status']>, BroadcastStatus>
>;

export const BROADCAST_CONTACT_STATUSES: Record<BroadcastContactStatus, string> = {
	pending: 'Pending',
	queued: 'Queued',
	sending: 'Sending',
	delivered: 'Delivered',
	failed: 'Failed',
	skipped: 'Skipped',
};
/** Compiles only while Get Contacts filters on exactly the statuses a broadcast contact can have. */
export type BroadcastContactFilterTakesEveryStatus = Assert<
	Same<NonNullable<BroadcastContactListParams['status']>, BroadcastContactStatus>
>;

// ------------------------------------------------------------------ phone numbers

export type { PhoneNumberStatus, PhoneNumberType };

export const PHONE_NUMBER_TYPES: Record<PhoneNumberType, Label> = {
	local: { name: 'Local', description: 'A geographic number of a city or region' },
	national: { name: 'National', description: 'A non-geographic number valid across the country' },
	tollFree: { name: 'Toll-Free', description: 'Free to call for the caller' },
	mobile: {
		name: 'Mobile',
		description:
			'Offered where no local or national numbers exist; in several countries the only type that can receive SMS',
	},
};

export const PHONE_NUMBER_STATUSES: Record<PhoneNumberStatus, string> = {
	active: 'Active',
	pending: 'Pending',
	suspended: 'Suspended',
};

/** What Search Available can require of a number (sent comma-separated as `capabilities`). */
export const PHONE_NUMBER_CAPABILITIES: Record<keyof PhoneNumberCapabilities, string> = {
	sms: 'SMS',
	voice: 'Voice',
	mms: 'MMS',
};

// ------------------------------------------------------------------ calls

export type CallStatus = CallListResponse['status'];
export type CallDirection = CallListResponse['direction'];

/** In lifecycle order, then the ways a call ends without a conversation. */
export const CALL_STATUSES: Record<CallStatus, Label> = {
	queued: { name: 'Queued', description: 'Outbound call created, not dialing yet' },
	ringing: { name: 'Ringing', description: 'Dialing (outbound) or ringing (inbound)' },
	in_progress: { name: 'In Progress', description: 'Answered; the agent is talking' },
	completed: { name: 'Completed', description: 'Ended after a conversation' },
	failed: { name: 'Failed', description: 'Could not be completed' },
	busy: { name: 'Busy', description: 'The line was busy' },
	no_answer: { name: 'No Answer', description: 'Rang and was not answered' },
	canceled: { name: 'Canceled', description: 'Canceled before it was answered' },
};
/** Compiles only while Get Many filters on exactly the statuses a call can have. */
export type CallFilterTakesEveryStatus = Assert<
	Same<NonNullable<CallListParams['status']>, CallStatus>
>;

export const CALL_DIRECTIONS: Record<CallDirection, Label> = {
	outbound: { name: 'Outbound', description: 'Placed by Zavu' },
	inbound: { name: 'Inbound', description: 'Received from a caller' },
};

// ------------------------------------------------------------------ agents

/** The LLM providers an AI agent can run on (SDK: AgentProvider). */
export const AGENT_PROVIDERS: Record<AgentProvider, Label | string> = {
	openai: 'OpenAI',
	anthropic: 'Anthropic',
	google: 'Google',
	mistral: 'Mistral',
	zavu: { name: 'Zavu', description: "Zavu's own models, with no provider API key of yours" },
};

// ------------------------------------------------------------------ API

export const DEFAULT_BASE_URL = 'https://api.zavu.dev';

// ------------------------------------------------------------------ limits

/** Zavu's limit on a client name (invitations). */
export const MAX_CLIENT_NAME_LENGTH = 100;
/** Zavu's limit on the buttons of a template (SDK: TemplateCreateParams.buttons). */
export const MAX_TEMPLATE_BUTTONS = 3;
/** Zavu's limit on the reply buttons of a buttons message. */
export const MAX_REPLY_BUTTONS = 3;
/** Zavu's limit on the prompt of a location or contact-info request. */
export const MAX_REQUEST_TEXT = 1024;
/** Zavu's limit on the total size of email attachments. */
export const MAX_ATTACHMENT_BYTES = 40 * 1024 * 1024;
/** Zavu's limit on the addresses of one e-mail validation (`emails`). */
export const MAX_EMAILS_PER_VALIDATION = 100;
/** Zavu's limit on the contacts of one add request (SDK: broadcasts.contacts.add, "Maximum 1000 contacts per request"). */
export const MAX_BROADCAST_CONTACTS_PER_REQUEST = 1000;
/** The node's own bound on Items In Flight (Zavu's rate limit is the real one). */
export const MAX_ITEMS_IN_FLIGHT = 50;
