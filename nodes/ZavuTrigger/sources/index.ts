import type { INodeProperties } from 'n8n-workflow';

import { invitationSource } from './invitation';
import { messageSource } from './message';
import type { PollSource } from './source';

export type { Change, PollParams, PollSource } from './source';

/**
 * Everything the trigger can watch, in the order of the Event list. A new one is a file in
 * this folder and a line here; its `resource` is what saved workflows hold, so it never changes.
 */
export const SOURCES: ReadonlyArray<PollSource<unknown>> = [invitationSource, messageSource];

export function sourceFor(resource: string): PollSource<unknown> | undefined {
	return SOURCES.find((source) => source.resource === resource);
}

/** Each source's parameters, shown only while its Event is chosen. */
export const sourceProperties: INodeProperties[] = SOURCES.flatMap((source) =>
	source.properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [source.resource] },
		},
	})),
);
