import type {SourceKind} from '../domain/types.js';
import {type Db, statement} from './db.js';
import {canonicalId} from './paper-aliases.js';

export interface SourceState {
	sourceKey: string;
	researcher: string;
	kind: SourceKind;
	target: string;
	lastAttempt: string | null;
	lastSuccess: string | null;
	lastError: string | null;
	etag: string | null;
	lastModified: string | null;
	/** Adapter-specific memory (e.g. the resolved DID of a Bluesky handle). */
	state: Record<string, unknown>;
}

interface SourceRow {
	source_key: string;
	researcher: string;
	kind: SourceKind;
	target: string;
	last_attempt: string | null;
	last_success: string | null;
	last_error: string | null;
	etag: string | null;
	last_modified: string | null;
	state: string;
}

function fromRow(row: SourceRow): SourceState {
	return {
		sourceKey: row.source_key,
		researcher: row.researcher,
		kind: row.kind,
		target: row.target,
		lastAttempt: row.last_attempt,
		lastSuccess: row.last_success,
		lastError: row.last_error,
		etag: row.etag,
		lastModified: row.last_modified,
		state: JSON.parse(row.state) as Record<string, unknown>,
	};
}

export function getSourceState(db: Db, sourceKey: string): SourceState | undefined {
	const row = statement(db, 'SELECT * FROM sources WHERE source_key = ?').get(sourceKey) as SourceRow | undefined;
	return row ? fromRow(row) : undefined;
}

export function allSourceStates(db: Db): SourceState[] {
	return (statement(db, 'SELECT * FROM sources').all() as SourceRow[]).map(fromRow);
}

export function saveSourceState(db: Db, s: SourceState): void {
	statement(db, `INSERT INTO sources (source_key, researcher, kind, target, last_attempt, last_success, last_error, etag, last_modified, state)
		VALUES (@sourceKey, @researcher, @kind, @target, @lastAttempt, @lastSuccess, @lastError, @etag, @lastModified, @state)
		ON CONFLICT(source_key) DO UPDATE SET researcher = excluded.researcher, kind = excluded.kind, target = excluded.target,
		last_attempt = excluded.last_attempt, last_success = excluded.last_success, last_error = excluded.last_error,
		etag = excluded.etag, last_modified = excluded.last_modified, state = excluded.state`).run({
		...s,
		state: JSON.stringify(s.state),
	});
}

export function itemCountsBySource(db: Db): Map<string, number> {
	const rows = statement(db, 'SELECT source_key, COUNT(*) AS n FROM items WHERE hidden = 0 GROUP BY source_key').all() as Array<{
		source_key: string;
		n: number;
	}>;
	return new Map(rows.map(r => [r.source_key, r.n]));
}

/** Papers a homepage has linked so far; a paper not in this set on a later fetch is new. */
/** Papers a source has listed so far, under every id that names them; a paper not in this set on a later fetch is new. */
export function knownSourcePapers(db: Db, sourceKey: string): Set<string> {
	const rows = statement(
		db,
		`SELECT paper_id AS id FROM source_papers WHERE source_key = @key
		 UNION SELECT a.alias FROM source_papers s JOIN paper_ids a ON a.paper_id = s.paper_id WHERE s.source_key = @key`,
	).all({key: sourceKey}) as Array<{id: string}>;
	return new Set(rows.map(r => r.id));
}

/** Records that the source lists these papers (under their canonical ids). */
export function addSourcePapers(db: Db, sourceKey: string, paperIds: string[], now: string): void {
	const insert = statement(db, 'INSERT OR IGNORE INTO source_papers (source_key, paper_id, first_seen) VALUES (?, ?, ?)');
	for (const id of paperIds) insert.run(sourceKey, canonicalId(db, id), now);
}
