/**
 * Many items read at once: `mark-read` from scripts, and `A` in the timeline with `U` to undo it.
 * One INSERT … SELECT … ON CONFLICT over the same WHERE clause `list` uses, so 300,000 items are one
 * statement, not a statement (or a bound parameter) per item from JavaScript.
 */
import type {Db} from './db.js';
import {type ItemFilter, whereClause} from './items.js';

export interface MarkReadFilter extends Pick<ItemFilter, 'researcher' | 'source' | 'includeHidden'> {
	/** ISO date: only items dated before it (all when absent). */
	before?: string;
}

/** Marks every unread item a WHERE clause selects read; returns how many changed. */
function markWhereRead(db: Db, where: {sql: string; params: unknown[]}, nowIso: string): number {
	// `WHERE` is never empty (the visibility test is always there), which an upsert from a SELECT needs.
	return db
		.prepare(
			`INSERT INTO item_state (item_id, read, starred, changed_at)
			 SELECT i.id, 1, 0, ? FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${where.sql}
			 ON CONFLICT(item_id) DO UPDATE SET read = 1, changed_at = excluded.changed_at`,
		)
		.run(nowIso, ...where.params).changes;
}

/** Marks the unread items the filter selects read; returns how many changed. Call inside a transaction. */
export function markItemsRead(db: Db, filter: MarkReadFilter, nowIso: string): number {
	const where = whereClause({researcher: filter.researcher, source: filter.source, includeHidden: filter.includeHidden, unread: true});
	if (filter.before === undefined) return markWhereRead(db, where, nowIso);
	return markWhereRead(db, {sql: `${where.sql} AND i.date < ?`, params: [...where.params, filter.before]}, nowIso);
}

/**
 * The items the last `markListRead` of this connection changed, and that batch's number: `U` puts
 * back exactly those, whatever their number, without carrying their ids through JavaScript. A
 * temporary table lives with the connection and is seen by no other.
 */
const BATCH_TABLE = 'CREATE TEMP TABLE IF NOT EXISTS marked_read (item_id TEXT PRIMARY KEY)';
const batches = new WeakMap<Db, number>();

/**
 * Marks every unread item of a timeline filter (researcher, unread, starred, search) read and
 * remembers which, replacing the previous batch. Call inside a transaction.
 */
export function markListRead(db: Db, filter: ItemFilter, nowIso: string): {count: number; batch: number} {
	db.prepare(BATCH_TABLE).run();
	db.prepare('DELETE FROM temp.marked_read').run();
	// The kept item is read already: nothing of `keep` belongs in what is marked.
	const {keep: _keep, ...rest} = filter;
	const where = whereClause({...rest, unread: true});
	const count = db.prepare(`INSERT INTO temp.marked_read (item_id) SELECT i.id FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${where.sql}`).run(...where.params).changes;
	if (count > 0) {
		db.prepare(
			`INSERT INTO item_state (item_id, read, starred, changed_at)
			 SELECT m.item_id, 1, 0, ? FROM temp.marked_read m WHERE true
			 ON CONFLICT(item_id) DO UPDATE SET read = 1, changed_at = excluded.changed_at`,
		).run(nowIso);
	}
	const batch = (batches.get(db) ?? 0) + 1;
	batches.set(db, batch);
	return {count, batch};
}

/**
 * Marks the items of batch `batch` unread again, if it is still the last one (and forgets it);
 * returns how many changed. Items read since by other means are unread again too: `A` read them.
 */
export function undoMarkRead(db: Db, batch: number, nowIso: string): number {
	if (batches.get(db) !== batch) return 0;
	batches.delete(db);
	const changed = db
		.prepare('UPDATE item_state SET read = 0, changed_at = ? WHERE read = 1 AND item_id IN (SELECT item_id FROM temp.marked_read)')
		.run(nowIso).changes;
	db.prepare('DELETE FROM temp.marked_read').run();
	return changed;
}
