import type {
	IDataObject,
	INodeProperties,
	INodePropertyOptions,
	IPollFunctions,
} from 'n8n-workflow';

import type { PollGuard } from '../guard';

/** One status change to report: the entity as the API returns it, and the status before. */
export interface Change {
	entity: IDataObject;
	previousStatus: string | null;
}

/** The parameters every source shares; a source reads its own others from the context. */
export interface PollParams {
	/** The statuses to fire on, empty for all (the node filters the changes on them). */
	statuses: string[];
}

/**
 * One thing the trigger can watch (an Event option). The node knows nothing else about it: it
 * shows its parameters, loads its state, asks it for a baseline or the changes, and stores the
 * state it returns only after the whole poll succeeded.
 */
export interface PollSource<State> {
	/** The Event (`resource`) value saved workflows hold; its state lives under this key. */
	readonly resource: string;
	/** Its entry in the Event list. */
	readonly event: INodePropertyOptions;
	/** Its parameters, shown only while it is the chosen Event. */
	readonly properties: INodeProperties[];
	/**
	 * The stored state in this version's format (an older format migrated, as a pure mapping),
	 * or undefined when it cannot be read: the trigger then takes a new baseline, firing nothing.
	 */
	load(stored: unknown): State | undefined;
	/** First poll: where things stand, nothing to report. */
	baseline(ctx: IPollFunctions, guard: PollGuard, params: PollParams): Promise<State>;
	/** Every change since `state`, each once, and the state to keep; nothing stored here. */
	changes(
		ctx: IPollFunctions,
		state: State,
		guard: PollGuard,
		params: PollParams,
	): Promise<{ changes: Change[]; state: State }>;
	/** "Fetch Test Event": a recent real entity in one of the statuses; no state involved. */
	latest(ctx: IPollFunctions, statuses: string[]): Promise<IDataObject | undefined>;
}

// Shape checks for a stored state: it comes back from the database as plain JSON, possibly
// written by another version of the package.

export const isTime = (value: unknown): value is number =>
	typeof value === 'number' && Number.isFinite(value);

export const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

export const isMapOf = <T>(
	value: unknown,
	isValue: (entry: unknown) => entry is T,
): value is Record<string, T> => isObject(value) && Object.values(value).every(isValue);

export const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * A stored state in the v2 layout, for the caller to check: a v1 state (the format before
 * issue #11) gets its one-letter fields renamed, values untouched (`v1Names`: v2 name → v1 name),
 * so an upgrade neither misses nor repeats a change. Anything else is returned as it is.
 */
export function asV2<State>(
	stored: unknown,
	v1Names: Record<Exclude<keyof State, 'v'>, string>,
): Record<string, unknown> | undefined {
	if (!isObject(stored)) return undefined;
	if (stored.v !== 1) return stored;
	const renamed: Record<string, unknown> = { v: 2 };
	for (const [name, old] of Object.entries<string>(v1Names)) renamed[name] = stored[old];
	return renamed;
}
