import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { MAX_ITEMS_IN_FLIGHT } from '../constants';
import { asNodeError, errorToItemJson } from '../transport';
import type { Fail } from './common/validation';
import { itemFail } from './common/validation';
import type { ItemOutcome, Operation } from './resources';
import { operationsByResource as operations } from './resources';

export type { ItemOutcome, Operation } from './resources';

/**
 * Runs the chosen operation once per input item. Every output item is paired with the input
 * item it came from and output order follows input order, also when items run concurrently.
 * With "Continue On Fail" a failed item carries its error and the others still run; without
 * it the first failing item (in input order) stops the node and no further items are started.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const results: INodeExecutionData[][] = new Array(items.length);
	const continueOnFail = this.continueOnFail();
	let failure: { index: number; error: Error } | undefined;

	// Resource and operation cannot be expressions (noDataExpression): the same for every item.
	const resource = items.length ? (this.getNodeParameter('resource', 0) as string) : '';
	const operation = items.length ? (this.getNodeParameter('operation', 0) as string) : '';
	const handler = operations[resource]?.[operation];
	if (handler?.executeAll) {
		return [await runAll.call(this, handler.executeAll, items.length, continueOnFail)];
	}

	const runItem = async (i: number): Promise<void> => {
		try {
			if (!handler) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" is not supported for resource "${resource}"`,
					{ itemIndex: i },
				);
			}
			const result = await handler.execute.call(this, i);
			results[i] = (Array.isArray(result) ? result : [result]).map((entry) =>
				handler.output === 'items'
					? { ...(entry as INodeExecutionData), pairedItem: { item: i } }
					: { json: entry as IDataObject, pairedItem: { item: i } },
			);
		} catch (error) {
			if (continueOnFail) {
				results[i] = [{ json: errorToItemJson(error as Error), pairedItem: { item: i } }];
				return;
			}
			if (!failure || i < failure.index) failure = { index: i, error: error as Error };
		}
	};

	const inFlight =
		items.length && handler?.concurrency === 'itemsInFlight' ? itemsInFlight(this) : 1;
	let next = 0;
	// With several in flight, at most one item starts per event-loop turn. Started all at once,
	// the answers of a batch come back together, the next batch is built in one go and Node
	// sends none of it until all of it is built: requests leave in bursts and the average in
	// flight falls to half of Items In Flight (BENCHMARKS.md, "Real n8n: sends"). An item that
	// finds no other start in this turn goes at once; the others wait for the next turns.
	let turn: Promise<void> | undefined;
	const startTurn = async () => {
		while (turn) await turn;
		turn = sleep(0).then(() => {
			turn = undefined;
		});
	};
	const worker = async () => {
		while (next < items.length && !failure) {
			if (inFlight > 1) await startTurn();
			if (next >= items.length || failure) break;
			const i = next++;
			await runItem(i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(inFlight, items.length) }, worker));

	if (failure) throw asNodeError(this.getNode(), failure.error, failure.index);
	return [results.flat()];
}

/**
 * An operation that takes all items at once (Operation.executeAll), with the same pairing and
 * Continue On Fail as one run per item: an output item per outcome, paired with its input; a
 * failed one carries its error, or (without Continue On Fail) the first one stops the node.
 */
async function runAll(
	this: IExecuteFunctions,
	executeAll: NonNullable<Operation['executeAll']>,
	count: number,
	continueOnFail: boolean,
): Promise<INodeExecutionData[]> {
	const indexes = Array.from({ length: count }, (_, i) => i);
	let outcomes: ItemOutcome[];
	try {
		outcomes = await executeAll.call(this, indexes);
	} catch (error) {
		if (!continueOnFail) throw asNodeError(this.getNode(), error);
		outcomes = indexes.map(() => error as Error);
	}
	const output: INodeExecutionData[] = [];
	for (const i of indexes) {
		const outcome =
			outcomes[i] ??
			new NodeOperationError(this.getNode(), `The operation gave no result for item ${i}`, {
				itemIndex: i,
			});
		if (outcome instanceof Error) {
			if (!continueOnFail) throw asNodeError(this.getNode(), outcome, i);
			output.push({ json: errorToItemJson(outcome), pairedItem: { item: i } });
			continue;
		}
		for (const json of Array.isArray(outcome) ? outcome : [outcome]) {
			output.push({ json, pairedItem: { item: i } });
		}
	}
	return output;
}

/** Options → Items In Flight, read from the first item (it cannot differ per item). */
function itemsInFlight(ctx: IExecuteFunctions): number {
	const fail: Fail = itemFail(ctx, 0);
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	const value = options.itemsInFlight ?? 1;
	const max = MAX_ITEMS_IN_FLIGHT;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
		fail(`Items In Flight must be a whole number from 1 to ${max}, got ${String(value)}`);
	}
	return value;
}
