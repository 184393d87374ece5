/**
 * `mark-read`: many items read at once. One INSERT … SELECT … ON CONFLICT over the same WHERE
 * clause `list` uses, so 300,000 items are one statement, not a statement per item from JavaScript.
 */
import type {Db} from './db.js';
import {type ItemFilter, whereClause} from './items.js';

export interface MarkReadFilter extends Pick<ItemFilter, 'researcher' | 'source' | 'includeHidden'> {
	/** ISO date: only items dated before it (all when absent). */
	before?: string;
}

/** Marks the unread items the filter selects read; returns how many changed. Call inside a transaction. */
export function markItemsRead(db: Db, filter: MarkReadFilter, nowIso: string): number {
	const where = whereClause({researcher: filter.researcher, source: filter.source, includeHidden: filter.includeHidden, unread: true});
	const before = filter.before === undefined ? '' : ' AND i.date < ?';
	const params = filter.before === undefined ? where.params : [...where.params, filter.before];
	// `WHERE` is never empty (the visibility test is always there), which an upsert from a SELECT needs.
	return db
		.prepare(
			`INSERT INTO item_state (item_id, read, starred, changed_at)
			 SELECT i.id, 1, 0, ? FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${where.sql}${before}
			 ON CONFLICT(item_id) DO UPDATE SET read = 1, changed_at = excluded.changed_at`,
		)
		.run(nowIso, ...params).changes;
}
