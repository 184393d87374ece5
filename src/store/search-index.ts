/**
 * The trigram search index (items_fts, migration 3) and the rows it has still to take in
 * (items_fts_pending, migration 5).
 *
 * Triggers on items only note which rows were inserted or had their search text or visibility
 * changed; `syncSearchIndex` then indexes them together. FTS5 writes a segment of its own each
 * time a statement opens a savepoint after the index was written in the transaction, and every
 * INSERT into items opens one (its triggers): indexed from the trigger, each item was a segment of
 * its own, merged again and again (about 0.35 ms of an item's 0.45 ms). `indexed` in the queue:
 * the index may hold an older text of the row (it is deleted from the index before the row is
 * indexed again).
 *
 * A refresh leaves indexing to a catch-up after its sources (Store.deferSearchIndex), so a search
 * meanwhile finds queued rows by their text: the index's matches, less rows whose indexed text is
 * out of date, plus queued rows whose text contains the needle. The queue is empty outside a
 * refresh, and read before the items it names (CROSS JOIN fixes that order), so an empty queue
 * costs a search nothing.
 */
import {type Db, statement} from './db.js';

/**
 * Rowids of the items whose search text contains the needle, for `i.rowid IN (…)`. Parameters:
 * the FTS5 query, then the LIKE pattern (with `\` as escape).
 */
export const SEARCH_ROWIDS = `SELECT rowid FROM items_fts WHERE items_fts MATCH ?
	AND rowid NOT IN (SELECT item_rowid FROM items_fts_pending WHERE indexed = 1)
	UNION ALL SELECT p.item_rowid FROM items_fts_pending p CROSS JOIN items x ON x.rowid = p.item_rowid
	WHERE x.search_text LIKE ? ESCAPE '\\'`;

/**
 * How many visible items (hidden = 0) contain the needle, as one row `{n}`. Parameters: `match`,
 * the FTS5 query, and `like`, the LIKE pattern. The index holds exactly the visible items once the queue is empty,
 * so it counts alone (without reading the items); queued rows correct the count.
 */
export const SEARCH_COUNT = `SELECT (SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH @match)
	- (SELECT COUNT(*) FROM items_fts_pending p WHERE p.indexed = 1 AND +p.item_rowid IN (SELECT rowid FROM items_fts WHERE items_fts MATCH @match))
	+ (SELECT COUNT(*) FROM items_fts_pending p CROSS JOIN items i ON i.rowid = p.item_rowid WHERE i.hidden = 0 AND i.search_text LIKE @like ESCAPE '\\')
	AS n`;

/** True when no row waits to be indexed. */
export function searchIndexCurrent(db: Db): boolean {
	return statement(db, 'SELECT 1 FROM items_fts_pending LIMIT 1').get() === undefined;
}

/**
 * Indexes the queued rows (at most `limit`, oldest rows first), in one statement: one FTS5
 * segment for all of them. Call inside a transaction. Returns true when the queue is empty.
 */
export function syncSearchIndex(db: Db, limit?: number): boolean {
	if (searchIndexCurrent(db)) return true;
	// The last row of this batch (null: every queued row).
	const last =
		limit === undefined
			? null
			: ((statement(db, 'SELECT item_rowid FROM items_fts_pending ORDER BY item_rowid LIMIT 1 OFFSET ?').pluck().get(Math.max(0, limit - 1)) as number | undefined) ?? null);
	const upTo = '(@last IS NULL OR item_rowid <= @last)';
	statement(db, `DELETE FROM items_fts WHERE rowid IN (SELECT item_rowid FROM items_fts_pending WHERE indexed = 1 AND ${upTo})`).run({last});
	statement(db, `INSERT INTO items_fts (rowid, search_text) SELECT i.rowid, i.search_text FROM items_fts_pending p CROSS JOIN items i ON i.rowid = p.item_rowid
		WHERE ${upTo} AND i.hidden = 0`).run({last});
	statement(db, `DELETE FROM items_fts_pending WHERE ${upTo}`).run({last});
	return last === null;
}
