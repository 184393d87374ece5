/**
 * "New since you last looked": when the timeline last drew a frame (an `app_state` row, written
 * while it runs and when it ends), and which items were first seen after that. Items are listed by
 * date, not by when they arrived, so "new" is a fact about each row (`first_seen`); the timeline
 * draws its divider under the run of new items at the top of its list.
 */
import {type Db, statement} from './db.js';
import {HIDDEN, type ItemFilter, plannedWhere} from './items.js';
import {getAppState, setAppState} from './paper-meta.js';

const LAST_LOOK_KEY = 'timeline.lastFrame';

/** When the timeline last drew a frame (ISO), or null before the first session. */
export function lastLook(db: Db): string | null {
	return getAppState(db, LAST_LOOK_KEY) ?? null;
}

/** Records that the timeline drew a frame at `at` (ISO). */
export function recordLook(db: Db, at: string): void {
	setAppState(db, LAST_LOOK_KEY, at);
}

/** Visible items first seen after `since`: a range of the items_first_seen index (hidden, first_seen). */
export function countNewSince(db: Db, since: string, includeHidden = false): number {
	const hidden = includeHidden ? `i.hidden IN (${HIDDEN.none}, ${HIDDEN.reply})` : `i.hidden = ${HIDDEN.none}`;
	return statement(db, `SELECT COUNT(*) FROM items i WHERE i.first_seen > ? AND ${hidden}`).pluck().get(since) as number;
}

/**
 * How many items at the top of the filter's list were first seen after `since`: the divider goes
 * below them. Walks the list from its top until the first item seen before (a seek in the
 * timeline index), then counts the rows above it; all of the list when none was.
 */
export function newLeadCount(db: Db, filter: ItemFilter, since: string): number {
	const where = plannedWhere(db, filter);
	// `+` keeps SQLite from reading this through items_first_seen: items seen before are most of the
	// cache, and that plan would sort them all; walking the list's own index stops at the first one.
	const seen = where.sql ? `${where.sql} AND +i.first_seen <= ?` : 'WHERE +i.first_seen <= ?';
	const first = statement(
		db,
		`SELECT i.date, i.id FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${seen} ORDER BY i.date DESC, i.id DESC LIMIT 1`,
	).get(...where.params, since) as {date: string; id: string} | undefined;
	const above = first === undefined ? '' : `${where.sql ? ' AND' : 'WHERE'} (i.date, i.id) > (?, ?)`;
	const params = first === undefined ? where.params : [...where.params, first.date, first.id];
	return statement(db, `SELECT COUNT(*) FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${where.sql}${above}`).pluck().get(...params) as number;
}

/** Unread visible items per researcher (lower-cased name); researchers with none are absent. */
export function unreadByResearcher(db: Db, includeHidden = false): Map<string, number> {
	const hidden = includeHidden ? `i.hidden IN (${HIDDEN.none}, ${HIDDEN.reply})` : `i.hidden = ${HIDDEN.none}`;
	const rows = statement(
		db,
		`SELECT i.researcher_key AS who, COUNT(*) AS n FROM items i LEFT JOIN item_state s ON s.item_id = i.id
		 WHERE ${hidden} AND COALESCE(s.read, 0) = 0 GROUP BY i.researcher_key`,
	).all() as Array<{who: string; n: number}>;
	return new Map(rows.map(r => [r.who, r.n]));
}
