import Database from 'better-sqlite3';
import {MIGRATIONS} from './migrations.js';

export type Db = Database.Database;

/**
 * How long a statement waits for another process's write lock before failing with SQLITE_BUSY.
 * Writers hold it only for one source's transaction (milliseconds), so this is ample for a TUI
 * and a cron `refresh` sharing the file.
 */
export const BUSY_TIMEOUT_MS = 10_000;

/**
 * The cache cannot be used as it is. `damaged`: the file is not a database, is corrupt, or was
 * written by a newer version — moving it aside and starting afresh is the cure. Otherwise (locked,
 * unreadable, a directory) the file is fine or not ours to move, and the user must act.
 */
export class CacheError extends Error {
	override name = 'CacheError';
	constructor(
		message: string,
		readonly damaged = false,
	) {
		super(message);
	}
}

/** SQLite's own verdicts that the file's content, not its surroundings, is the problem. */
const DAMAGE_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/** An error met opening or upgrading the cache, as a CacheError that says whether the file is damaged. */
export function cacheError(file: string, error: unknown): CacheError {
	if (error instanceof CacheError) return error;
	const code = (error as {code?: string}).code;
	const message = error instanceof Error ? error.message : String(error);
	return new CacheError(`${file}: ${message}`, code !== undefined && DAMAGE_CODES.has(code));
}

/**
 * Opens (creating if needed) the cache and brings its schema up to date.
 * WAL and a busy timeout let a TUI and a cron `refresh` share the file.
 */
export function openDb(file: string): Db {
	let db: Db;
	try {
		db = new Database(file, {timeout: BUSY_TIMEOUT_MS});
	} catch (error) {
		throw cacheError(file, error);
	}
	try {
		// Look before writing anything, so a damaged or newer cache is moved aside exactly as it was.
		// Reading the schema makes a file with a valid header but damaged pages fail here, not mid-command.
		db.prepare('SELECT name FROM sqlite_master').all();
		const version = db.pragma('user_version', {simple: true}) as number;
		if (version > MIGRATIONS.length) {
			throw new CacheError(`${file}: written by a newer research-feed (schema ${version}, this one knows ${MIGRATIONS.length})`, true);
		}
		switchToWal(db);
		db.pragma('synchronous = NORMAL');
		db.pragma('foreign_keys = ON');
		migrate(db, version);
	} catch (error) {
		db.close();
		throw cacheError(file, error);
	}
	return db;
}

/**
 * Puts the file in WAL mode (once per file; later opens find it so). The switch takes an exclusive
 * lock without asking the busy handler, so two processes opening a new cache at once (two
 * refreshes started together) failed now and then with "database is locked": retried until the
 * busy timeout instead.
 */
function switchToWal(db: Db): void {
	const started = Date.now();
	for (;;) {
		try {
			if (db.pragma('journal_mode', {simple: true}) !== 'wal') db.pragma('journal_mode = WAL');
			return;
		} catch (error) {
			const code = (error as {code?: string}).code ?? '';
			if (!code.startsWith('SQLITE_BUSY') || Date.now() - started > BUSY_TIMEOUT_MS) throw error;
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
		}
	}
}

/**
 * THE STATEMENT CACHE. Keeps: each connection's compiled statements, by SQL text. Bound:
 * MAX_CACHED_STATEMENTS texts per connection, then forgotten all at once. Invalidated by: nothing
 * (a statement stays valid across writes and schema changes: SQLite recompiles it itself when the
 * schema moves); a connection's map is dropped with the connection (a WeakMap).
 *
 * better-sqlite3 compiles a statement on every `prepare()`, and a statement that writes `items`
 * compiles every trigger on it too (counts, the trigram index, the papers index): up to a
 * millisecond each, thousands of times per refresh and several times per frame. So the store asks
 * `statement(db, sql)` instead, for any SQL text that is fixed or built from a bounded set (a
 * filter's clauses, a search plan, a list of services); `db.prepare` stays for what runs once.
 */
const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * Distinct statement texts kept per connection: the fixed ones and those built from filters are a
 * few dozen; paper-meta.ts still builds one per number of ids (`IN (?, ?, …)`, up to 500).
 */
const MAX_CACHED_STATEMENTS = 500;

/**
 * The compiled statement for `sql` on this connection, compiled on first use and reused after.
 * Sharing stays invisible to callers: the modes a caller may set (pluck, raw, expand) are reset
 * on reuse, and a statement still running (`iterate`) is never handed out (a new one is compiled
 * and kept instead).
 */
export function statement(db: Db, sql: string): Database.Statement {
	let cache = statements.get(db);
	if (cache === undefined) statements.set(db, (cache = new Map<string, Database.Statement>()));
	let stmt = cache.get(sql);
	if (stmt === undefined || stmt.busy) {
		stmt = db.prepare(sql);
		if (cache.size >= MAX_CACHED_STATEMENTS && !cache.has(sql)) cache.clear();
		cache.set(sql, stmt);
	} else if (stmt.reader) {
		stmt.pluck(false).expand(false).raw(false);
	}
	return stmt;
}

/**
 * What the cache file holds, as one key: it changes when another connection (a refresh in its own
 * process) commits (`PRAGMA data_version`) and when this connection writes (`total_changes()`,
 * which data_version does not count). A memo of what the store read is good while its key equals
 * this; one cached statement, a few microseconds.
 */
export function cacheVersion(db: Db): string {
	return statement(db, `SELECT data_version || ':' || total_changes() FROM pragma_data_version`).pluck().get() as string;
}

export function schemaVersion(): number {
	return MIGRATIONS.length;
}

function migrate(db: Db, current: number): void {
	// IMMEDIATE: two processes opening a fresh cache at once must not both migrate.
	const run = db.transaction(() => {
		const now = db.pragma('user_version', {simple: true}) as number;
		for (let version = now; version < MIGRATIONS.length; version++) {
			db.exec(MIGRATIONS[version]!);
			db.pragma(`user_version = ${version + 1}`);
		}
	});
	if (current < MIGRATIONS.length) run.immediate();
}
