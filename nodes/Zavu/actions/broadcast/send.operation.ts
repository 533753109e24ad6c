import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection } from '../common/options';
import { itemFail } from '../common/validation';
import { broadcastId, broadcastIdField, requestBroadcast, requireDateTime } from './fields';
import { waitUntilFinished } from './wait';

const DEFAULT_WAIT_SECONDS = 600;

const properties: INodeProperties[] = [
	broadcastIdField(
		'The broadcast to send to all its contacts. A draft goes to content review first (WhatsApp templates skip it); sending reserves the estimated cost from your balance',
	),
	{
		displayName: 'When',
		name: 'when',
		type: 'options',
		options: [
			{ name: 'Now', value: 'now', description: 'Start sending as soon as it passes review' },
			{ name: 'Scheduled', value: 'scheduled', description: 'Deliver at a set time' },
		],
		default: 'now',
	},
	{
		displayName: 'Scheduled At',
		name: 'scheduledAt',
		type: 'dateTime',
		required: true,
		default: '',
		description: 'When to deliver it (a future time; ISO 8601 from an expression)',
		displayOptions: { show: { when: ['scheduled'] } },
	},
	optionsCollection('broadcast', 'send', [
		{
			displayName: 'Wait Until Finished',
			name: 'waitUntilFinished',
			type: 'boolean',
			default: false,
			description:
				'Whether to wait until the broadcast is completed, cancelled, failed or rejected, then output its final progress instead of the broadcast. Only with When Now.',
		},
		{
			displayName: 'Wait Timeout (Seconds)',
			name: 'waitTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_WAIT_SECONDS,
			description:
				'With Wait Until Finished: how long to wait before failing with a timeout. The broadcast itself keeps sending.',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['broadcast'], operation: ['send'] } },
	properties,
);

/**
 * POST /v1/broadcasts/{id}/send (with `scheduledAt` when scheduled): emits the broadcast, or with
 * Wait Until Finished its final progress (GET …/progress, polled with backoff).
 */
export async function execute(this: IExecuteFunctions, i: number): Promise<IDataObject> {
	const fail = itemFail(this, i);
	const { id, segment } = broadcastId(this, i);
	const when = this.getNodeParameter('when', i, 'now') as string;
	if (when !== 'now' && when !== 'scheduled')
		fail(`When "${String(when)}" must be now or scheduled`);
	const body: IDataObject = {};
	if (when === 'scheduled') {
		const at = this.getNodeParameter('scheduledAt', i, '');
		body.scheduledAt = requireDateTime(fail, 'Scheduled At', at, Date.now());
	}
	const options = this.getNodeParameter('options', i, {}) as IDataObject;
	const wait = options.waitUntilFinished === true;
	const seconds = options.waitTimeoutSeconds ?? DEFAULT_WAIT_SECONDS;
	if (wait && when === 'scheduled') {
		fail(
			'Wait Until Finished works only with When Now',
			'A scheduled broadcast starts later: check it then with Get Progress.',
		);
	}
	if (wait && (typeof seconds !== 'number' || !(seconds > 0))) {
		fail(`Wait Timeout must be more than 0 seconds, got ${String(seconds)}`);
	}

	// No idempotency key on this endpoint and a resend could reach everyone twice: only a 429
	// or a refused connection is retried.
	const broadcast = await requestBroadcast.call(this, i, {
		method: 'POST',
		path: `/v1/broadcasts/${segment}/send`,
		body,
		idempotent: false,
	});
	if (!wait) return broadcast;
	return await waitUntilFinished.call(this, i, id, segment, Math.round((seconds as number) * 1000));
}
