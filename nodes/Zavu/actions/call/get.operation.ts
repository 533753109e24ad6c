import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { CALL, callIdField } from './fields';

const properties: INodeProperties[] = [
	callIdField(
		'The voice call to get: its status, duration, cost and, once the conversation has turns, its transcript',
	),
	optionsCollection('call', 'get'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['get'] } },
	properties,
);

/** GET /v1/calls/{id}: emits the call with its transcript, unwrapped from `{ call }`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'callId', 'Call ID', CALL);
	return await requestOne.call(
		this,
		i,
		{ method: 'GET', path: `/v1/calls/${id}`, idempotent: true },
		'call',
	);
}
