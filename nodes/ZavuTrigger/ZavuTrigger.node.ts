import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { PollGuard } from './guard';
import type { InvitationState } from './invitations';
import { INVITATION_STATUSES, MESSAGE_STATUSES, optionsOf } from '../Zavu/constants';
import { invitationBaseline, invitationChanges, latestInvitation } from './invitations';
import type { MessageState } from './messages';
import { latestMessage, messageBaseline, messageChanges } from './messages';

export class ZavuTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Zavu Trigger',
		name: 'zavuTrigger',
		icon: { light: 'file:zavu.svg', dark: 'file:zavu.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{"On " + $parameter["resource"] + " status change"}}',
		// n8n's nodes panel shows one "Zavu" entry for this trigger and the Zavu node, with this
		// trigger's description (useActionsGeneration: "default to trigger description"): so it
		// describes the whole app, not just the trigger.
		description:
			'Send SMS, WhatsApp and email, onboard clients with partner invitations, and start workflows on their status changes',
		defaults: { name: 'Zavu Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'zavudevApi', required: true }],
		properties: [
			{
				// Shown as "Event" because n8n's nodes panel lists a trigger's actions from the
				// property displayed as Event ("On invitation status change"); the name stays
				// `resource`, which saved workflows use.
				displayName: 'Event',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Invitation Status Change',
						value: 'invitation',
						action: 'On invitation status change',
						description:
							'A partner invitation changes status, e.g. the client completed onboarding',
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

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = this.getNodeParameter('resource', 'invitation') as string;
		const statuses = (this.getNodeParameter('statuses', []) as string[]) ?? [];

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": a recent real entity to map fields with; the state is not touched.
			const entity =
				resource === 'message'
					? await latestMessage.call(this, statuses)
					: await latestInvitation.call(this, statuses);
			return entity ? [[{ json: { ...entity, previousStatus: null } }]] : null;
		}

		const data = this.getWorkflowStaticData('node');
		const guard = new PollGuard(this);
		let changes: Array<{ entity: IDataObject; previousStatus: string | null }>;

		if (resource === 'invitation') {
			const state = data.invitation as InvitationState | undefined;
			if (state?.v !== 1) {
				setState(data, 'invitation', await invitationBaseline.call(this, guard));
				return null;
			}
			const result = await invitationChanges.call(this, state, guard);
			changes = result.changes.map((c) => ({
				entity: c.invitation,
				previousStatus: c.previousStatus,
			}));
			setState(data, 'invitation', result.state);
		} else if (resource === 'message') {
			const lookbackHours = this.getNodeParameter('lookbackHours', 24) as number;
			const lookbackMs = lookbackHours * 3_600_000;
			const state = data.message as MessageState | undefined;
			if (state?.v !== 1) {
				setState(data, 'message', await messageBaseline.call(this, lookbackMs, guard));
				return null;
			}
			const result = await messageChanges.call(this, state, statuses, lookbackMs, guard);
			changes = result.changes.map((c) => ({
				entity: c.message,
				previousStatus: c.previousStatus,
			}));
			setState(data, 'message', result.state);
		} else {
			throw new NodeOperationError(this.getNode(), `Unknown resource "${resource}"`);
		}

		const items = changes
			.filter((c) => !statuses.length || statuses.includes(String(c.entity.status)))
			.map((c) => ({ json: { ...c.entity, previousStatus: c.previousStatus } }));
		return items.length ? [items] : null;
	}
}

/**
 * Replaces the state in one assignment of a top-level key (n8n notices only those) and drops
 * the other resource's state, so switching resources cannot leave stale data behind.
 */
function setState(
	data: IDataObject,
	key: 'invitation' | 'message',
	state: InvitationState | MessageState,
): void {
	data[key] = state as unknown as IDataObject;
	const other = key === 'invitation' ? 'message' : 'invitation';
	if (other in data) delete data[other];
}
