import {type Db, statement} from './db.js';
import {idsIn, idsParam} from './id-list.js';

/**
 * Bluesky posts are kept per source so a thread can be rebuilt whole when a later refresh
 * brings only its newest continuation. `data` is the adapter's normalised post (JSON).
 */
export function loadPosts<T>(db: Db, sourceKey: string): T[] {
	const rows = statement(db, 'SELECT data FROM posts WHERE source_key = ? ORDER BY created_at').all(sourceKey) as Array<{data: string}>;
	return rows.map(r => JSON.parse(r.data) as T);
}

/** The stored JSON of some posts of a source, by URI (those not stored are absent). */
export function storedPostData(db: Db, sourceKey: string, uris: readonly string[]): Map<string, string> {
	const out = new Map<string, string>();
	const rows = statement(db, `SELECT uri, data FROM posts WHERE source_key = ? AND ${idsIn('uri')}`).all(sourceKey, idsParam(uris)) as Array<{uri: string; data: string}>;
	for (const r of rows) out.set(r.uri, r.data);
	return out;
}

export function knownPostUris(db: Db, sourceKey: string): Set<string> {
	const rows = statement(db, 'SELECT uri FROM posts WHERE source_key = ?').all(sourceKey) as Array<{uri: string}>;
	return new Set(rows.map(r => r.uri));
}

export function savePosts(db: Db, sourceKey: string, posts: Array<{uri: string; createdAt: string}>): void {
	const upsert = statement(db, `INSERT INTO posts (uri, source_key, created_at, data) VALUES (?, ?, ?, ?)
		ON CONFLICT(source_key, uri) DO UPDATE SET created_at = excluded.created_at, data = excluded.data`);
	for (const post of posts) upsert.run(post.uri, sourceKey, post.createdAt, JSON.stringify(post));
}

/**
 * A mark of a source's stored posts that changes when one is added or deleted: their number and
 * the newest row. (A post saved again in place keeps its row; the live stream adds or deletes.)
 */
export function postsStamp(db: Db, sourceKey: string): string {
	const row = statement(db, 'SELECT COUNT(*) AS n, MAX(rowid) AS top FROM posts WHERE source_key = ?').get(sourceKey) as {n: number; top: number | null};
	return `${row.n}:${row.top ?? 0}`;
}
