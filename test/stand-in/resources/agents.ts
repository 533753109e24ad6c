/**
 * AI agents, as Zavu answers `/v1/agents…` (SDK: resources/agents; an agent is `{ agent }` on its
 * own, bare in the list; deletes and disconnects answer 204). Two are seeded at start; tests seed
 * more with `seed(...)`.
 *
 * Choices where the SDK says nothing, kept simple:
 * - a created agent is disabled (as the SDK says) and has no sender (`senderId: ''`);
 * - connecting a sender another agent answers on is a 400 `sender_in_use` naming that agent;
 *   connecting one the agent already has answers the agent unchanged;
 * - disconnecting the primary sender is a 400, one the agent does not have a 404;
 * - a test run answers `Echo: <message>` deterministically, with a warning when disabled.
 */
import type {
	AgentCreateParams,
	AgentTestResponse,
	AgentUpdateParams,
} from '@zavudev/sdk/resources/agents/agents';
import type { Agent, AgentProvider } from '@zavudev/sdk/resources/senders/agent/agent';

import { StandInError, isPlainObject, keysOf, validation } from '../util';
import { decodeSegment, only, randomId } from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { created, ok } from './types';

export type { Agent };

const SEED_TIME = '2025-01-01T00:00:00.000Z';
const NO_CONTENT: ApiResult = { status: 204, body: null };

export const AGENT_PROVIDERS = keysOf<AgentProvider>({
	openai: true,
	anthropic: true,
	google: true,
	mistral: true,
	zavu: true,
});

const CREATE_KEYS = keysOf<keyof AgentCreateParams>({
	model: true,
	name: true,
	provider: true,
	systemPrompt: true,
	contextWindowMessages: true,
	includeContactMetadata: true,
	maxTokens: true,
	temperature: true,
	triggerOnChannels: true,
	triggerOnMessageTypes: true,
	voice: true,
});
const UPDATE_KEYS = keysOf<keyof AgentUpdateParams>({
	apiKey: true,
	contextWindowMessages: true,
	enabled: true,
	includeContactMetadata: true,
	maxTokens: true,
	model: true,
	name: true,
	provider: true,
	systemPrompt: true,
	temperature: true,
	triggerOnChannels: true,
	triggerOnMessageTypes: true,
	voice: true,
});

export class AgentsModule implements ResourceModule {
	readonly agents = new Map<string, Agent>();

	constructor(private readonly host: StandInHost) {
		this.seed({
			id: 'agent_seed00000000000001',
			name: 'Customer Support',
			senderId: 'snd_seed00000000000001',
			senderIds: ['snd_seed00000000000001'],
			createdAt: SEED_TIME,
			updatedAt: SEED_TIME,
			voice: { enabled: true, greeting: 'Hi, how can I help?', language: 'en' },
		});
		this.seed({
			id: 'agent_seed00000000000002',
			name: 'Sales draft',
			senderId: '',
			senderIds: [],
			enabled: false,
			provider: 'anthropic',
			model: 'claude-3-5-sonnet',
			createdAt: SEED_TIME,
			updatedAt: SEED_TIME,
		});
	}

	/** Adds an agent: what is not given gets a plain default (an enabled OpenAI agent). */
	seed(input: Partial<Agent> = {}): Agent {
		const now = new Date(this.host.now()).toISOString();
		const agent: Agent = {
			id: randomId('agent_'),
			name: 'Agent',
			provider: 'openai',
			model: 'gpt-4o-mini',
			systemPrompt: 'You are a helpful assistant.',
			enabled: true,
			senderId: '',
			senderIds: [],
			contextWindowMessages: 10,
			includeContactMetadata: true,
			maxTokens: null,
			temperature: 0.7,
			triggerOnChannels: ['sms', 'whatsapp'],
			triggerOnMessageTypes: ['text'],
			createdAt: now,
			updatedAt: now,
			...input,
		};
		this.agents.set(agent.id, agent);
		return agent;
	}

	route(ctx: RouteContext, seg: string[]): ApiResult | undefined {
		if (seg[0] !== 'agents') return undefined;
		const { method } = ctx;
		if (seg.length === 1) {
			if (method === 'GET') {
				return ok(this.host.page('agents', this.agents, () => this.ordered(), ctx.query));
			}
			if (method === 'POST') return created({ agent: this.create(body(ctx)) });
			return undefined;
		}
		const agent = () => this.find(decodeSegment(seg[1]));
		if (seg.length === 2) {
			if (method === 'GET') return ok({ agent: agent() });
			if (method === 'PATCH') return ok({ agent: this.update(agent(), body(ctx)) });
			if (method === 'DELETE') {
				this.agents.delete(agent().id);
				return NO_CONTENT;
			}
			return undefined;
		}
		if (seg.length === 3 && seg[2] === 'test' && method === 'POST') {
			return ok(this.test(agent(), body(ctx)));
		}
		if (seg[2] === 'senders') {
			if (seg.length === 3 && method === 'POST') {
				return ok({ agent: this.connect(agent(), body(ctx)) });
			}
			if (seg.length === 4 && method === 'DELETE') {
				this.disconnect(agent(), decodeSegment(seg[3]));
				return NO_CONTENT;
			}
		}
		return undefined;
	}

	private find(id: string): Agent {
		const agent = this.agents.get(id);
		if (!agent) throw new StandInError(404, 'agent_not_found', `Agent ${id} not found`);
		return agent;
	}

	private create(input: Record<string, unknown>): Agent {
		only(input, [...CREATE_KEYS]);
		for (const key of ['name', 'provider', 'model', 'systemPrompt']) {
			if (input[key] === undefined) throw validation(`${key}: is required`);
		}
		const fields = agentFields(input);
		return this.seed({ ...fields, enabled: false, senderId: '', senderIds: [] });
	}

	private update(agent: Agent, input: Record<string, unknown>): Agent {
		only(input, [...UPDATE_KEYS]);
		const { apiKey, ...fields } = agentFields(input);
		void apiKey; // not kept: the SDK's Agent has no apiKey, so Zavu never answers it back
		Object.assign(agent, fields, { updatedAt: new Date(this.host.now()).toISOString() });
		return agent;
	}

	private connect(agent: Agent, input: Record<string, unknown>): Agent {
		only(input, ['senderId']);
		const senderId = input.senderId;
		if (typeof senderId !== 'string' || !senderId) throw validation('senderId: is required');
		if (!this.host.senders.has(senderId)) {
			throw new StandInError(404, 'sender_not_found', `Sender ${senderId} not found`);
		}
		const holder = [...this.agents.values()].find(
			(a) => a.id !== agent.id && (a.senderId === senderId || a.senderIds?.includes(senderId)),
		);
		if (holder) {
			throw new StandInError(
				400,
				'sender_in_use',
				`Sender ${senderId} is already connected to agent ${holder.id}`,
			);
		}
		const senderIds = agent.senderIds ?? [];
		if (!senderIds.includes(senderId)) agent.senderIds = [...senderIds, senderId];
		return agent;
	}

	private disconnect(agent: Agent, senderId: string): void {
		if (agent.senderId && agent.senderId === senderId) {
			throw validation(`senderId: ${senderId} is the agent's primary sender`);
		}
		if (!agent.senderIds?.includes(senderId)) {
			throw new StandInError(
				404,
				'sender_not_connected',
				`Sender ${senderId} is not connected to agent ${agent.id}`,
			);
		}
		agent.senderIds = agent.senderIds.filter((id) => id !== senderId);
	}

	private test(agent: Agent, input: Record<string, unknown>): AgentTestResponse {
		only(input, ['message', 'executeTools', 'history', 'useKnowledgeBase']);
		if (typeof input.message !== 'string' || !input.message.trim()) {
			throw validation('message: is required');
		}
		for (const key of ['executeTools', 'useKnowledgeBase']) {
			if (input[key] !== undefined && typeof input[key] !== 'boolean') {
				throw validation(`${key}: must be a boolean`);
			}
		}
		if (input.history !== undefined && !Array.isArray(input.history)) {
			throw validation('history: must be an array');
		}
		return {
			success: true,
			error: null,
			text: `Echo: ${input.message}`,
			inputTokens: input.message.length,
			outputTokens: input.message.length + 6,
			knowledgeChunksUsed: 0,
			latencyMs: 1,
			warnings: agent.enabled ? [] : ['The agent is disabled: it answers no real message.'],
			...(input.executeTools === true ? { executedToolCalls: [] } : {}),
		};
	}

	/** Newest first (SDK: "Every agent in the project, newest first"). */
	private ordered(): string[] {
		return this.host.ordered([...this.agents.values()]).map((a) => a.id);
	}
}

function body(ctx: RouteContext): Record<string, unknown> {
	if (!ctx.bodyIsJson)
		throw new StandInError(400, 'invalid_json', 'Request body is not valid JSON');
	if (!isPlainObject(ctx.body)) throw validation('body: must be a JSON object');
	return ctx.body;
}

/** The agent fields Create and Update share, checked as Zavu would (only the ones given). */
function agentFields(input: Record<string, unknown>): Partial<Agent> & { apiKey?: string } {
	const fields: Partial<Agent> & { apiKey?: string } = {};
	for (const key of ['name', 'model', 'systemPrompt', 'apiKey'] as const) {
		const value = input[key];
		if (value === undefined) continue;
		if (typeof value !== 'string' || !value.trim()) throw validation(`${key}: must not be empty`);
		fields[key] = value;
	}
	if (input.provider !== undefined) {
		if (!AGENT_PROVIDERS.includes(input.provider as AgentProvider)) {
			throw validation(`provider: must be one of ${AGENT_PROVIDERS.join(', ')}`);
		}
		fields.provider = input.provider as AgentProvider;
	}
	for (const key of ['contextWindowMessages', 'maxTokens'] as const) {
		const value = input[key];
		if (value === undefined || (key === 'maxTokens' && value === null)) {
			if (value === null) fields.maxTokens = null;
			continue;
		}
		if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
			throw validation(`${key}: must be a whole number of at least 1`);
		}
		fields[key] = value;
	}
	if (input.temperature !== undefined) {
		const t = input.temperature;
		if (t !== null && (typeof t !== 'number' || t < 0 || t > 2)) {
			throw validation('temperature: must be a number from 0 to 2');
		}
		fields.temperature = t;
	}
	for (const key of ['includeContactMetadata', 'enabled'] as const) {
		if (input[key] === undefined) continue;
		if (typeof input[key] !== 'boolean') throw validation(`${key}: must be a boolean`);
		fields[key] = input[key];
	}
	for (const key of ['triggerOnChannels', 'triggerOnMessageTypes'] as const) {
		const value = input[key];
		if (value === undefined) continue;
		if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
			throw validation(`${key}: must be an array of strings`);
		}
		fields[key] = value;
	}
	if (input.voice !== undefined) {
		if (!isPlainObject(input.voice) || typeof input.voice.enabled !== 'boolean') {
			throw validation('voice.enabled: is required');
		}
		fields.voice = input.voice as unknown as Agent['voice'];
	}
	return fields;
}

export const agents = (host: StandInHost) => new AgentsModule(host);
