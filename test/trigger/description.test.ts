import type { INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { INVITATION_STATUSES, MESSAGE_STATUSES, optionsOf } from '../../nodes/Zavu/constants';
import { ZavuTrigger } from '../../nodes/ZavuTrigger/ZavuTrigger.node';

/**
 * The description as the package shipped it before the sources were split out (issue #11),
 * written out literally: saved workflows hold `resource`, `statuses` and `lookbackHours`, and the
 * editor shows what this says, so the one built from the sources must stay the same, to the byte.
 */
const SHIPPED: INodeTypeDescription = {
	displayName: 'Zavu Trigger',
	name: 'zavuTrigger',
	icon: { light: 'file:zavu.svg', dark: 'file:zavu.dark.svg' },
	group: ['trigger'],
	version: 1,
	subtitle: '={{"On " + $parameter["resource"] + " status change"}}',
	description:
		'Send SMS, WhatsApp and email, onboard clients with partner invitations, and start workflows on their status changes',
	defaults: { name: 'Zavu Trigger' },
	polling: true,
	inputs: [],
	outputs: [NodeConnectionTypes.Main],
	credentials: [{ name: 'zavudevApi', required: true }],
	properties: [
		{
			displayName: 'Event',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Invitation Status Change',
					value: 'invitation',
					action: 'On invitation status change',
					description: 'A partner invitation changes status, e.g. the client completed onboarding',
				},
				{
					name: 'Message Status Change',
					value: 'message',
					action: 'On message status change',
					description: 'A message you sent is sent, delivered, read or failed',
				},
			],
			default: 'invitation',
		},
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: optionsOf(INVITATION_STATUSES),
			default: [],
			hint: 'Leave empty to fire on every status change',
			description: 'Fire when an invitation reaches one of these statuses',
			displayOptions: { show: { resource: ['invitation'] } },
		},
		{
			displayName: 'Statuses',
			name: 'statuses',
			type: 'multiOptions',
			options: optionsOf(MESSAGE_STATUSES),
			default: [],
			hint: 'Leave empty to fire on every status change',
			description: 'Fire when a message reaches one of these statuses',
			displayOptions: { show: { resource: ['message'] } },
		},
		{
			displayName: 'Look Back (Hours)',
			name: 'lookbackHours',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 168 },
			default: 24,
			description:
				'Status changes are followed for messages sent this long ago at most. Each poll reads the messages of this window.',
			displayOptions: { show: { resource: ['message'] } },
		},
	],
};

describe('Zavu Trigger description', () => {
	it('is the one shipped before the sources were split out, key order included', () => {
		const built = new ZavuTrigger().description;
		expect(built).toStrictEqual(SHIPPED);
		expect(JSON.stringify(built)).toBe(JSON.stringify(SHIPPED));
	});
});
