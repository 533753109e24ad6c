/**
 * What the stand-in's modules share (ZavuStandIn.ts, webhooks.ts): its error type and a few
 * checks. Node built-ins only, like the rest of test/stand-in (it compiles on its own).
 */

/** Thrown by the state helpers (and turned into `{code,message}` responses by the server). */
export class StandInError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
	) {
		super(message);
		this.name = 'StandInError';
	}
}

/** A `validation_error` (400 unless told), its message starting with the field it is about. */
export const validation = (message: string, status = 400): StandInError =>
	new StandInError(status, 'validation_error', message);

export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The keys of a Record over an SDK union, in the Record's order: a missing or unknown key is a
 * compile error, so these lists follow the SDK.
 */
export const keysOf = <K extends string>(record: Record<K, true>): readonly K[] =>
	Object.freeze(Object.keys(record) as K[]);
