// Builders for the Zavu node's suites (test/nodes/): the stand-in comes from ../support/standIn.
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { ZavudevApi } from '../../credentials/ZavudevApi.credentials';
import { Zavu } from '../../nodes/Zavu/Zavu.node';
import type { HarnessTypes, NodeUnderTest, RunResult } from '../support/n8nCore';
import { runNode } from '../support/n8nCore';

export const ZAVU = 'n8n-nodes-zavudev.zavu';

export const types: HarnessTypes = {
	nodeTypes: { [ZAVU]: new Zavu() },
	credentialTypes: [new ZavudevApi()],
};

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
