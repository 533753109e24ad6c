import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import type { HarnessTypes, NodeUnderTest, RunResult } from '../harness/n8n';
import { runNode } from '../harness/n8n';
import type { RecordedRequest } from '../stand-in/ZavuStandIn';
import { ZavuStandIn } from '../stand-in/ZavuStandIn';

export const ZAVU = 'n8n-nodes-zavudev.zavu';

export const types: HarnessTypes = {
	nodeTypes: { [ZAVU]: new Zavu() },
	credentialTypes: [new ZavudevApi()],
};

/** A stand-in per test file, reset between tests. */
export function useStandIn(): { api: ZavuStandIn; credentials: () => IDataObject } {
	const api = new ZavuStandIn();
	beforeAll(async () => {
		await api.start();
	});
	afterAll(async () => {
		await api.stop();
	});
	beforeEach(() => {
		api.clearRequests();
		api.clearFaults();
	});
	return {
		api,
		credentials: () => ({ apiKey: api.apiKey, baseUrl: api.baseUrl }),
	};
}

/**
 * A new stand-in for every test, for tests that change its latency or rate limit. `api` is the
 * current test's stand-in.
 */
export function useFreshStandIn(): {
	readonly api: ZavuStandIn;
	credentials: () => IDataObject;
	sends: () => RecordedRequest[];
} {
	let api: ZavuStandIn;
	beforeEach(async () => {
		api = new ZavuStandIn();
		await api.start();
	});
	afterEach(async () => {
		await api.stop();
	});
	return {
		get api() {
			return api;
		},
		credentials: () => ({ apiKey: api.apiKey, baseUrl: api.baseUrl }),
		sends: () => api.requests.filter((r) => r.method === 'POST' && r.path === '/v1/messages'),
	};
}

/** `n` input rows for bulk sends: `{ to, n }`. */
export const sendRows = (n: number) =>
	Array.from({ length: n }, (_, k) => ({ to: `+1415555${String(1000 + k)}`, n: k }));

/** Message → Send of an SMS "Hello #n" to each row's `to`. */
export const smsSendParams = (options: Record<string, unknown> = {}) => ({
	resource: 'message',
	operation: 'send',
	to: '={{ $json.to }}',
	channel: 'sms',
	text: '=Hello #{{ $json.n }}',
	options,
});

export interface ZavuRun extends RunResult {
	json: IDataObject[];
	/** The last error thrown out of the node, as a real instance (run.error is a plain copy). */
	thrown?: Error;
}

/** Runs the Zavu node once over `items` inside a real n8n-core workflow. */
export async function runZavu(
	credentials: IDataObject,
	parameters: Record<string, unknown>,
	items: Array<IDataObject | INodeExecutionData> = [{}],
	settings: Partial<NodeUnderTest> = {},
	executionId?: string,
): Promise<ZavuRun> {
	const result = await runNode(
		types,
		{
			type: ZAVU,
			parameters: parameters as NodeUnderTest['parameters'],
			credentials: { zavudevApi: credentials as never },
			...settings,
		},
		items,
		{ executionId },
	);
	return {
		...result,
		json: result.items.map((item) => item.json),
		thrown: result.thrownErrors.at(-1),
	};
}
