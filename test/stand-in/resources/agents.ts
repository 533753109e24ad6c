/**
 * AI agents, as Zavu answers `GET /v1/agents` and `GET /v1/agents/{id}` (SDK: resources/agents;
 * an agent is `{ agent }` on its own, bare in the list). Creating agents is not modelled yet:
 * tests seed them (`seed(...)`); two are seeded at start.
 */
import type { Agent } from '@zavudev/sdk/resources/senders/agent/agent';

import { StandInError } from '../util';
import { decodeSegment, randomId } from './contactRules';
import type { ApiResult, ResourceModule, RouteContext, StandInHost } from './types';
import { ok } from './types';

export type { Agent };

const SEED_TIME = '2025-01-01T00:00:00.000Z';

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
		if (seg[0] !== 'agents' || ctx.method !== 'GET') return undefined;
		if (seg.length === 1) {
			return ok(this.host.page('agents', this.agents, () => this.ordered(), ctx.query));
		}
		if (seg.length === 2) {
			const id = decodeSegment(seg[1]);
			const agent = this.agents.get(id);
			if (!agent) throw new StandInError(404, 'agent_not_found', `Agent ${id} not found`);
			return ok({ agent });
		}
		return undefined;
	}

	/** Newest first (SDK: "Every agent in the project, newest first"). */
	private ordered(): string[] {
		return this.host.ordered([...this.agents.values()]).map((a) => a.id);
	}
}

export const agents = (host: StandInHost) => new AgentsModule(host);
