import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { pathId, requestOne } from '../common/entity';
import { optionsCollection } from '../common/options';
import { CALL, callIdField } from './fields';

const properties: INodeProperties[] = [
	callIdField('The voice call to end. It must still be ringing or in progress'),
	optionsCollection('call', 'hangUp'),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['call'], operation: ['hangUp'] } },
	properties,
);

/** POST /v1/calls/{id}/hangup: emits the call as it ended, unwrapped from `{ call }`. */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const id = pathId(this, i, 'callId', 'Call ID', CALL);
	// A second hang-up finds the call ended (an error, never a second effect): retried freely.
	return await requestOne.call(
		this,
		i,
		{ method: 'POST', path: `/v1/calls/${id}/hangup`, idempotent: true },
		'call',
	);
}
