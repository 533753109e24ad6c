import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

// How Add Contacts reads Zavu's answer to one batch (SDK: ContactAddResponse): counts of added,
// duplicate (skipped) and invalid contacts, and `errors` naming the invalid recipients. Zavu
// does not say which rows were added and which skipped, so each row gets what can be known.

/** One row on its way to Zavu. */
export interface Row {
	index: number;
	recipient: string;
	contact: IDataObject;
}

/** What Add Contacts outputs for a row that was not refused. */
export type RowStatus = 'added' | 'duplicate' | 'addedOrDuplicate' | 'unconfirmed';

const count = (value: unknown): number | undefined =>
	typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/** Each row's outcome from one answer, in the rows' order; undefined: not a ContactAddResponse. */
export function readBatchAnswer(
	node: INode,
	broadcastId: string,
	rows: Row[],
	answer: IDataObject,
): Array<IDataObject | Error> | undefined {
	const added = count(answer.added);
	const duplicates = count(answer.duplicates);
	const invalid = count(answer.invalid);
	if (added === undefined || duplicates === undefined || invalid === undefined) return undefined;

	const reasons = new Map<string, string>();
	for (const error of Array.isArray(answer.errors) ? (answer.errors as IDataObject[]) : []) {
		if (typeof error?.recipient !== 'string') continue;
		const reason = typeof error.reason === 'string' && error.reason ? error.reason : 'invalid';
		reasons.set(error.recipient, reason);
	}
	const refused = rows.filter((row) => reasons.has(row.recipient));
	const rest = rows.length - refused.length;
	const unmatched = Math.max(0, invalid - refused.length);

	let status: RowStatus;
	let reason: string | undefined;
	if (added === rest && duplicates === 0 && unmatched === 0) status = 'added';
	else if (duplicates === rest && added === 0 && unmatched === 0) {
		status = 'duplicate';
		// After a retried batch this is also what a first attempt that did add them looks like.
		reason =
			'Zavu skipped it: already in the broadcast (added earlier, or by a first attempt of this batch whose answer was lost)';
	} else if (added + duplicates === rest && unmatched === 0) {
		status = 'addedOrDuplicate';
		reason = `In the broadcast: Zavu added ${added} and skipped ${duplicates} already there in this batch of ${rows.length}, without saying which`;
	} else {
		status = 'unconfirmed';
		reason = `Zavu answered added ${added}, duplicates ${duplicates}, invalid ${invalid} for this batch of ${rows.length} without naming every row: check with Get Contacts`;
	}
	const batch = { added, duplicates, invalid, size: rows.length };

	return rows.map((row) => {
		const refusal = reasons.get(row.recipient);
		if (refusal !== undefined) {
			const error = new NodeOperationError(
				node,
				`Zavu refused recipient "${row.recipient}": ${refusal} [item ${row.index}]`,
				{ itemIndex: row.index },
			);
			error.context.zavuCode = 'invalid_contact';
			error.description =
				"Zavu added this batch's other valid rows. Fix the row and run again: contacts already in the broadcast are skipped.";
			return error;
		}
		const json: IDataObject = { broadcastId, recipient: row.recipient, status };
		if (reason) json.reason = reason;
		json.batch = batch;
		return json;
	});
}
