/**
 * WhatsApp templates, as Zavu answers `/v1/templates/…` (SDK: resources/templates). A template is
 * answered bare; delete answers 204 with no body. The templates live in the stand-in's one map
 * (`host.templates`), which `GET /v1/templates` lists and message sends check, so a template
 * created here is at once in the list and sendable.
 *
 * Lifecycle as the SDK describes it: create → `draft`; submit (a draft, through a WhatsApp
 * sender) → `pending`; Meta's decision arrives on sync (`review(id, …)` stands for it). Sync also
 * imports templates that exist only on Meta (`onMeta(…)`), skipping rejected and disabled ones.
 */
import type {
	Template,
	TemplateCreateParams,
	TemplateSyncResponse,
	WhatsappCategory,
} from '@zavudev/sdk/resources/templates';

import { StandInError, isPlainObject, keysOf, validation } from '../util';
import { decodeSegment, randomId } from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type { Template };
type Button = TemplateCreateParams.Button;

export const TEMPLATE_CATEGORIES = keysOf<WhatsappCategory>({
	UTILITY: true,
	MARKETING: true,
	AUTHENTICATION: true,
});
const HEADER_TYPES = keysOf<NonNullable<TemplateCreateParams['headerType']>>({
	text: true,
	image: true,
	video: true,
	document: true,
});
const BUTTON_TYPES = keysOf<Button['type']>({
	quick_reply: true,
	url: true,
	phone: true,
	otp: true,
	request_contact_info: true,
});
const OTP_TYPES = keysOf<NonNullable<Button['otpType']>>({ COPY_CODE: true, ONE_TAP: true });

/** The create body's keys (SDK: TemplateCreateParams); anything else is refused. */
const CREATE_KEYS = keysOf<keyof TemplateCreateParams>({
	body: true,
	language: true,
	name: true,
	addSecurityRecommendation: true,
	buttons: true,
	codeExpirationMinutes: true,
	footer: true,
	headerContent: true,
	headerType: true,
	instagramBody: true,
	smsBody: true,
	telegramBody: true,
	variables: true,
	whatsappCategory: true,
});
const MAX_BUTTONS = 3;

/** A template as it stands on Meta, for sync to import or link (`onMeta`). */
export interface MetaTemplate {
	name: string;
	language: string;
	category: WhatsappCategory;
	body: string;
	status: 'APPROVED' | 'PENDING' | 'REJECTED' | 'DISABLED';
}

const notFound = (id: string) =>
	new StandInError(404, 'template_not_found', `Template ${id} not found`);

function requireString(field: string, value: unknown, required: boolean): string | undefined {
	if (value === undefined && !required) return undefined;
	if (typeof value !== 'string' || value.trim() === '') {
		throw validation(
			`${field}: ${value === undefined ? 'is required' : 'must be a non-empty string'}`,
		);
	}
	return value;
}

function requireOneOf<K extends string>(field: string, value: unknown, keys: readonly K[]): K {
	if (!keys.includes(value as K)) throw validation(`${field}: must be one of ${keys.join(', ')}`);
	return value as K;
}

function checkButton(button: unknown, k: number): void {
	const at = `buttons[${k}]`;
	if (!isPlainObject(button)) throw validation(`${at}: must be an object`);
	const type = requireOneOf(`${at}.type`, button.type, BUTTON_TYPES);
	if (type === 'request_contact_info') return;
	requireString(`${at}.text`, button.text, true);
	if (type === 'url') requireString(`${at}.url`, button.url, true);
	if (type === 'phone') requireString(`${at}.phoneNumber`, button.phoneNumber, true);
	if (type === 'otp') {
		const otp = requireOneOf(`${at}.otpType`, button.otpType, OTP_TYPES);
		if (otp === 'ONE_TAP') {
			requireString(`${at}.packageName`, button.packageName, true);
			requireString(`${at}.signatureHash`, button.signatureHash, true);
		}
	}
}

export class TemplatesModule implements ResourceModule {
	/** Meta's decisions on submitted templates, applied by the next sync (`review`). */
	readonly reviews = new Map<string, 'approved' | 'rejected'>();
	/** Templates on the project's WhatsApp Business Accounts (`onMeta`). */
	readonly meta: MetaTemplate[] = [];

	constructor(private readonly host: StandInHost) {}

	get templates(): Map<string, Template> {
		return this.host.templates as Map<string, Template>;
	}

	/** Meta approved or rejected a submitted template; the next sync brings it to Zavu. */
	review(id: string, status: 'approved' | 'rejected'): void {
		this.reviews.set(id, status);
	}

	/** A template that exists on Meta (e.g. made in Business Manager), for sync to find. */
	onMeta(template: MetaTemplate): void {
		this.meta.push(template);
	}

	must(id: string): Template {
		const template = this.templates.get(id);
		if (!template) throw notFound(id);
		return template;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'templates') return undefined;
		const { method } = ctx;
		if (seg.length === 1 && method === 'POST') return created(this.create(ctx.body));
		// Before /templates/{id}: "sync" is not a template id.
		if (seg.length === 2 && seg[1] === 'sync' && method === 'POST') return ok(this.sync(ctx.body));
		if (seg.length < 2) return undefined;
		const id = decodeSegment(seg[1]);
		if (seg.length === 2 && method === 'GET') return ok(this.must(id));
		if (seg.length === 2 && method === 'DELETE') {
			this.must(id);
			this.templates.delete(id);
			return { status: 204, body: null };
		}
		if (seg.length === 3 && seg[2] === 'submit' && method === 'POST') {
			return ok(this.submit(id, ctx.body));
		}
		return undefined;
	}

	/** POST /v1/templates: a draft; 409 when the name and language are taken. */
	create(input: unknown): Template {
		if (!isPlainObject(input)) throw validation('body: must be a JSON object');
		const unknown = Object.keys(input).find((k) => !(CREATE_KEYS as string[]).includes(k));
		if (unknown) throw validation(`${unknown}: is not a field of a template`);
		const name = requireString('name', input.name, true)!;
		if (!/^[a-z0-9_]+$/.test(name)) {
			throw validation('name: may only contain lowercase letters, digits and underscores');
		}
		const language = requireString('language', input.language, true)!;
		const body = requireString('body', input.body, true)!;
		const category =
			input.whatsappCategory === undefined
				? 'UTILITY'
				: requireOneOf('whatsappCategory', input.whatsappCategory, TEMPLATE_CATEGORIES);
		if (input.headerType !== undefined) {
			requireOneOf('headerType', input.headerType, HEADER_TYPES);
			requireString('headerContent', input.headerContent, true);
		}
		if (input.buttons !== undefined) {
			if (!Array.isArray(input.buttons)) throw validation('buttons: must be an array');
			if (input.buttons.length > MAX_BUTTONS) {
				throw validation(`buttons: at most ${MAX_BUTTONS} buttons`);
			}
			input.buttons.forEach(checkButton);
		}
		if (input.variables !== undefined) {
			const vars = input.variables;
			if (!Array.isArray(vars) || !vars.every((v) => typeof v === 'string')) {
				throw validation('variables: must be an array of strings');
			}
		}
		const taken = [...this.templates.values()].some(
			(t) => t.name === name && t.language === language,
		);
		if (taken) {
			throw new StandInError(
				409,
				'template_already_exists',
				`A template named ${name} in ${language} already exists`,
			);
		}
		const now = new Date(this.host.now()).toISOString();
		const { whatsappCategory: _category, ...rest } = input as Record<string, unknown>;
		const template = {
			...rest,
			id: randomId('tmpl_'),
			name,
			language,
			body,
			category,
			status: 'draft',
			createdAt: now,
			updatedAt: now,
		} as Template;
		this.templates.set(template.id, template);
		return template;
	}

	/** POST /v1/templates/{id}/submit: a draft goes to Meta through a WhatsApp sender → pending. */
	submit(id: string, input: unknown): Template {
		const template = this.must(id);
		if (!isPlainObject(input)) throw validation('body: must be a JSON object');
		const senderId = requireString('senderId', input.senderId, true)!;
		const sender = this.whatsappSender(senderId);
		const category =
			input.category === undefined
				? template.category
				: requireOneOf('category', input.category, TEMPLATE_CATEGORIES);
		if (template.status !== 'draft') {
			throw new StandInError(
				409,
				'template_not_draft',
				`Template ${id} is ${template.status ?? 'not a draft'}: only a draft can be submitted`,
			);
		}
		Object.assign(template, {
			category,
			status: 'pending',
			whatsapp: { templateName: template.name, status: 'PENDING', namespace: `ns_${sender.id}` },
			updatedAt: new Date(this.host.now()).toISOString(),
		});
		return template;
	}

	/** POST /v1/templates/sync: Meta's decisions applied, Meta-only templates imported. */
	sync(input: unknown): TemplateSyncResponse {
		if (input !== undefined && !isPlainObject(input)) {
			throw validation('body: must be a JSON object');
		}
		const senderId = requireString('senderId', input?.senderId, false);
		const accounts = senderId
			? [this.whatsappSender(senderId)]
			: [...this.host.senders.values()].filter((s) => s.channels?.includes('whatsapp'));
		const result: TemplateSyncResponse = {
			accountsSynced: accounts.length,
			errors: [],
			imported: 0,
			linked: 0,
			skipped: 0,
			updated: 0,
		};
		const now = new Date(this.host.now()).toISOString();
		for (const [id, status] of this.reviews) {
			const template = this.templates.get(id);
			if (!template || template.status !== 'pending') continue;
			template.status = status;
			template.whatsapp = { ...template.whatsapp, status: status.toUpperCase() };
			template.updatedAt = now;
			this.reviews.delete(id);
			result.updated++;
		}
		for (const remote of this.meta.splice(0)) {
			const local = [...this.templates.values()].find(
				(t) => t.name === remote.name && t.language === remote.language,
			);
			if (remote.status === 'REJECTED' || remote.status === 'DISABLED' || local?.whatsapp) {
				result.skipped++;
			} else if (local) {
				local.whatsapp = { templateName: remote.name, status: remote.status };
				result.linked++;
			} else {
				const template: Template = {
					id: randomId('tmpl_'),
					name: remote.name,
					language: remote.language,
					category: remote.category,
					body: remote.body,
					status: remote.status === 'APPROVED' ? 'approved' : 'pending',
					whatsapp: { templateName: remote.name, status: remote.status },
					createdAt: now,
					updatedAt: now,
				};
				this.templates.set(template.id, template);
				result.imported++;
			}
		}
		return result;
	}

	/** The sender, which must exist and carry WhatsApp (a Business Account to submit to). */
	private whatsappSender(id: string): { id: string } {
		const sender = this.host.senders.get(id);
		if (!sender) throw new StandInError(404, 'sender_not_found', `Sender ${id} not found`);
		if (!sender.channels?.includes('whatsapp')) {
			throw validation(`senderId: sender ${id} has no WhatsApp Business Account`);
		}
		return sender;
	}
}

export const templates = (host: StandInHost) => new TemplatesModule(host);
