import type { AgentProvider } from '@zavudev/sdk/resources/senders/agent/agent';
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { AGENT_PROVIDERS, FILTER_CHANNELS, keysOf, optionsOf } from '../../constants';
import type { LocatorEntity } from '../common/locator';
import { locatorField, SENDER } from '../common/locator';
import type { Fail } from '../common/validation';
import { requirePositiveInteger } from '../common/validation';

/** An AI agent (text and voice), picked from GET /v1/agents (no search there: not searchable). */
export const AGENT: LocatorEntity = {
	noun: 'agent',
	example: 'agent_abc123',
	listMethod: 'searchAgents',
};

/** An agent, as a resource locator; also for other resources that name one (e.g. a call's). */
export const agentIdField = (description: string, name = 'agentId'): INodeProperties =>
	locatorField('Agent', name, AGENT, description);

/** The Sender to connect or disconnect, as a resource locator. */
export const agentSenderField = (description: string): INodeProperties =>
	locatorField('Sender', 'senderId', SENDER, description);

export const agentProviderField = (description: string): INodeProperties => ({
	displayName: 'Provider',
	name: 'provider',
	type: 'options',
	options: optionsOf(AGENT_PROVIDERS),
	default: 'openai',
	description,
});

export const agentModelField = (description: string): INodeProperties => ({
	displayName: 'Model',
	name: 'model',
	type: 'string',
	default: '',
	placeholder: 'gpt-4o-mini',
	description,
});

export const systemPromptField = (description: string): INodeProperties => ({
	displayName: 'System Prompt',
	name: 'systemPrompt',
	type: 'string',
	typeOptions: { rows: 4 },
	default: '',
	placeholder: 'You are the support agent of Acme. Answer briefly.',
	description,
});

/** The tuning fields Create and Update share (Additional Fields / Update Fields). */
export const tuningFields: INodeProperties[] = [
	{
		displayName: 'Context Window Messages',
		name: 'contextWindowMessages',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 10,
		description: 'How many earlier messages of the conversation the agent reads before replying',
	},
	{
		displayName: 'Include Contact Metadata',
		name: 'includeContactMetadata',
		type: 'boolean',
		default: true,
		description: "Whether the contact's metadata (name, custom fields) is given to the model",
	},
	{
		displayName: 'Max Tokens',
		name: 'maxTokens',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 500,
		description: 'Upper bound on the length of one reply, in model tokens',
	},
	{
		displayName: 'Trigger On Channels',
		name: 'triggerOnChannels',
		type: 'multiOptions',
		options: optionsOf(FILTER_CHANNELS),
		default: [],
		description:
			"The channels whose incoming messages the agent answers; none chosen: Zavu's default (every channel of its senders)",
	},
	{
		displayName: 'Temperature',
		name: 'temperature',
		type: 'number',
		typeOptions: { minValue: 0, numberPrecision: 2 },
		default: 0.7,
		description: 'Sampling temperature of the model: lower is more predictable, higher more varied',
	},
];

const text = (value: unknown): string =>
	typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';

/** A text input that was given or added: refused when empty. */
export function requireText(fail: Fail, field: string, value: unknown): string {
	const trimmed = text(value);
	if (!trimmed) fail(`${field} is empty`, `Set ${field}, or remove it when optional.`);
	return trimmed;
}

export function requireProvider(fail: Fail, value: unknown): AgentProvider {
	const provider = text(value);
	const known: string[] = keysOf(AGENT_PROVIDERS);
	if (!known.includes(provider)) {
		fail(`Provider "${provider}" is not one of ${known.join(', ')}`);
	}
	return provider as AgentProvider;
}

export function requireBoolean(fail: Fail, field: string, value: unknown): boolean {
	if (typeof value !== 'boolean') fail(`${field} must be true or false, got ${String(value)}`);
	return value;
}

/** The tuning fields that were added, checked, as Zavu names them. */
export function tuningInputs(fail: Fail, fields: IDataObject): IDataObject {
	const body: IDataObject = {};
	for (const [key, field] of [
		['contextWindowMessages', 'Context Window Messages'],
		['maxTokens', 'Max Tokens'],
	]) {
		if (fields[key] !== undefined) body[key] = requirePositiveInteger(fail, field, fields[key]);
	}
	if (fields.temperature !== undefined) {
		const raw = fields.temperature;
		const t = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
		if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
			fail(`Temperature must be a number of 0 or more, got ${String(raw)}`);
		}
		body.temperature = t;
	}
	if (fields.triggerOnChannels !== undefined) {
		const raw = fields.triggerOnChannels;
		const channels = Array.isArray(raw) ? raw : [raw];
		const unknown = channels.filter((c) => typeof c !== 'string' || !(c in FILTER_CHANNELS));
		if (unknown.length) {
			fail(
				`Trigger On Channels: ${unknown.map(String).join(', ')} is not a channel (${Object.keys(FILTER_CHANNELS).join(', ')})`,
			);
		}
		if (channels.length) body.triggerOnChannels = channels;
	}
	if (fields.includeContactMetadata !== undefined) {
		body.includeContactMetadata = requireBoolean(
			fail,
			'Include Contact Metadata',
			fields.includeContactMetadata,
		);
	}
	return body;
}
