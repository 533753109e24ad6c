import type { INodeProperties } from 'n8n-workflow';

import type { LocatorEntity } from '../common/locator';
import { locatorField } from '../common/locator';

/** An AI agent (text and voice), picked from GET /v1/agents (no search there: not searchable). */
export const AGENT: LocatorEntity = {
	noun: 'agent',
	example: 'agent_abc123',
	listMethod: 'searchAgents',
};

/** An agent, as a resource locator; also for other resources that name one (e.g. a call's). */
export const agentIdField = (description: string, name = 'agentId'): INodeProperties =>
	locatorField('Agent', name, AGENT, description);
