import type { INodeProperties } from 'n8n-workflow';

import type { LocatorEntity } from '../common/locator';
import { locatorField } from '../common/locator';

/** A voice call, picked from GET /v1/calls (most recent first; no search there). */
export const CALL: LocatorEntity = {
	noun: 'call',
	example: 'call_abc123',
	listMethod: 'searchCalls',
};

export const callIdField = (description: string): INodeProperties =>
	locatorField('Call', 'callId', CALL, description);
