import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as invitation from '../invitation';
import { asNodeError, errorToItemJson } from '../transport';

type OperationFn = (this: IExecuteFunctions, itemIndex: number) => Promise<IDataObject | IDataObject[]>;

const operations: Record<string, Record<string, { execute: OperationFn }>> = {
	invitation: {
		create: invitation.create,
		get: invitation.get,
		getAll: invitation.getAll,
		cancel: invitation.cancel,
	},
};

/**
 * Runs the chosen operation once per input item. Every output item is paired with the input
 * item it came from; with "Continue On Fail" a failed item carries its error and the others
 * still run.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		try {
			const resource = this.getNodeParameter('resource', i) as string;
			const operation = this.getNodeParameter('operation', i) as string;
			const handler = operations[resource]?.[operation];
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex: i },
				);
			}
			const result = await handler.execute.call(this, i);
			for (const json of Array.isArray(result) ? result : [result]) {
				returnData.push({ json, pairedItem: { item: i } });
			}
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorToItemJson(error as Error), pairedItem: { item: i } });
				continue;
			}
			throw asNodeError(this.getNode(), error, i);
		}
	}

	return [returnData];
}
