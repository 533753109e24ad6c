import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { PollGuard } from './guard';
import { SOURCES, sourceFor, sourceProperties } from './sources';

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
				options: SOURCES.map((source) => source.event),
				default: 'invitation',
			},
			...sourceProperties,
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const resource = this.getNodeParameter('resource', 'invitation') as string;
		const statuses = (this.getNodeParameter('statuses', []) as string[]) ?? [];
		const source = sourceFor(resource);
		if (!source) throw new NodeOperationError(this.getNode(), `Unknown resource "${resource}"`);

		if (this.getMode() === 'manual') {
			// "Fetch Test Event": a recent real entity to map fields with; the state is not touched.
			const entity = await source.latest(this, statuses);
			return entity ? [[{ json: { ...entity, previousStatus: null } }]] : null;
		}

		const data = this.getWorkflowStaticData('node');
		const guard = new PollGuard(this);
		const state = source.load(data[resource]);
		if (state === undefined) {
			setState(data, resource, await source.baseline(this, guard, { statuses }));
			return null;
		}
		const result = await source.changes(this, state, guard, { statuses });
		// Stored only now, after the whole poll succeeded: a failed one leaves it as it was.
		setState(data, resource, result.state);

		const items = result.changes
			.filter((c) => !statuses.length || statuses.includes(String(c.entity.status)))
			.map((c) => ({ json: { ...c.entity, previousStatus: c.previousStatus } }));
		return items.length ? [items] : null;
	}
}

/**
 * Replaces the state in one assignment of a top-level key (n8n notices only those) and drops
 * the other sources' states, so switching Events cannot leave stale data behind.
 */
function setState(data: IDataObject, resource: string, state: unknown): void {
	data[resource] = state as IDataObject;
	for (const { resource: other } of SOURCES) {
		if (other !== resource && other in data) delete data[other];
	}
}
