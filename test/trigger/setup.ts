// Builders for the Zavu Trigger's suites (test/trigger/): the stand-in comes from ../support/standIn.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { ZavuTrigger } from '../../nodes/ZavuTrigger/ZavuTrigger.node';
import type { ZavuStandIn } from '../stand-in/ZavuStandIn';
import type { PollHarness } from '../support/n8nCore';
import { createPollHarness } from '../support/n8nCore';
import { credentialsOf } from '../support/standIn';

export const TRIGGER = 'n8n-nodes-zavudev.zavuTrigger';
export const types = {
	nodeTypes: { [TRIGGER]: new ZavuTrigger() },
	credentialTypes: [new ZavudevApi()],
};

export function trigger(
	api: Pick<ZavuStandIn, 'apiKey' | 'baseUrl'>,
	parameters: Record<string, unknown>,
	opts: { getPollBudgetMs?: () => number } = {},
): PollHarness {
	return createPollHarness(
		types,
		{
			type: TRIGGER,
			name: 'Zavu Trigger',
			parameters: parameters as never,
			credentials: { zavudevApi: credentialsOf(api) },
		},
		opts,
	);
}

/** What a poll emitted, as [id, status, previousStatus] rows, in emitted order. */
export function rows(
	result: INodeExecutionData[][] | null,
): Array<[string, string, string | null]> {
	if (result === null) return [];
	return result[0].map((item) => [
		String(item.json.id),
		String(item.json.status),
		(item.json.previousStatus as string | null) ?? null,
	]);
}

export function sorted<T>(list: T[]): T[] {
	return [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

export type Json = IDataObject;

/** Sends an SMS through the stand-in's API, as a workflow would. */
export async function send(api: Pick<ZavuStandIn, 'apiKey' | 'baseUrl'>, to: string, text: string) {
	const res = await fetch(`${api.baseUrl}/v1/messages`, {
		method: 'POST',
		headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ to, channel: 'sms', text }),
	});
	return ((await res.json()) as { message: { id: string; createdAt: string } }).message;
}

/** Creates an invitation through the stand-in's API, as a workflow would. */
export async function createInvitation(
	api: Pick<ZavuStandIn, 'apiKey' | 'baseUrl'>,
	clientName: string,
) {
	const res = await fetch(`${api.baseUrl}/v1/invitations`, {
		method: 'POST',
		headers: { authorization: `Bearer ${api.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ clientName }),
	});
	return ((await res.json()) as { invitation: { id: string } }).invitation;
}
