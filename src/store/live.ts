/**
 * What the live stream (Jetstream) keeps in the cache: its cursor, and the removal of deleted
 * posts and of the items they leave empty. Writes are called inside `Store.transaction`, the same
 * transactions a refresh saves a source in, so a live write and a refresh (the timeline's, a
 * cron `refresh`, a `watch`) never interleave within one source.
 */
import {type Db, statement} from './db.js';
import {HIDDEN} from './items.js';
import {idsIn, idsParam} from './id-list.js';

const CURSOR_KEY = 'jetstream.cursor';

/** The `time_us` of the last event whose items are saved, or null before the first. */
export function liveCursor(db: Db): number | null {
	const row = statement(db, 'SELECT value FROM app_state WHERE key = ?').get(CURSOR_KEY) as {value: string} | undefined;
	const n = row === undefined ? Number.NaN : Number(row.value);
	return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/**
 * Advances the cursor, never back: servers may replay from before it (an inclusive cursor, a
 * v2 host resuming early) and two processes may be saving events at once.
 */
export function advanceLiveCursor(db: Db, timeUs: number): void {
	statement(
		db,
		`INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value
		 WHERE CAST(app_state.value AS INTEGER) < CAST(excluded.value AS INTEGER)`,
	).run(CURSOR_KEY, String(timeUs));
}

/** Removes a deleted post (or repost record) from the posts a source's threads are built from. */
export function deletePosts(db: Db, sourceKey: string, uris: readonly string[]): number {
	return statement(db, `DELETE FROM posts WHERE source_key = ? AND ${idsIn('uri')}`).run(sourceKey, idsParam(uris)).changes;
}

/** Removes items (a post's, once its last post is deleted) with their mentions and read state. */
export function deleteItems(db: Db, ids: readonly string[]): void {
	if (ids.length === 0) return;
	const param = idsParam(ids);
	statement(db, `DELETE FROM mentions WHERE ${idsIn('item_id')}`).run(param);
	statement(db, `DELETE FROM item_state WHERE ${idsIn('item_id')}`).run(param);
	statement(db, `DELETE FROM items WHERE ${idsIn('id')}`).run(param);
}

/** The newest row's rowid: items inserted later have larger ones (`watch` prints what a refresh added). */
export function lastItemRowid(db: Db): number {
	return (statement(db, 'SELECT COALESCE(MAX(rowid), 0) FROM items').pluck().get() as number) ?? 0;
}

/** Items inserted after `rowid`, oldest first; replies to others only when they are shown. */
export function itemIdsAfter(db: Db, rowid: number, includeHidden: boolean): string[] {
	const hidden = includeHidden ? `hidden IN (${HIDDEN.none}, ${HIDDEN.reply})` : `hidden = ${HIDDEN.none}`;
	return statement(db, `SELECT id FROM items WHERE rowid > ? AND ${hidden} ORDER BY date, id`).pluck().all(rowid) as string[];
}

const DELETED_KEY = 'jetstream.deleted';
/** Deleted URIs remembered: enough for any replay's rewind, bounded whatever the stream sends. */
const DELETED_KEEP = 2000;

/**
 * URIs deleted lately. A replay starts a little before the cursor, so a post's create may come
 * again after its delete was handled: it must not bring the post back.
 */
export function recentlyDeleted(db: Db): Set<string> {
	const row = statement(db, 'SELECT value FROM app_state WHERE key = ?').get(DELETED_KEY) as {value: string} | undefined;
	try {
		const list: unknown = row === undefined ? [] : JSON.parse(row.value);
		return new Set(Array.isArray(list) ? list.filter((u): u is string => typeof u === 'string') : []);
	} catch {
		return new Set();
	}
}

export function rememberDeleted(db: Db, uris: readonly string[]): void {
	if (uris.length === 0) return;
	const list = [...recentlyDeleted(db)].filter(u => !uris.includes(u)).concat(uris).slice(-DELETED_KEEP);
	statement(db, 'INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(DELETED_KEY, JSON.stringify(list));
}
