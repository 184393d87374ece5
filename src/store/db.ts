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
	reusePreparedStatements(db);
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

/** Distinct statement texts kept per connection (a few are built per call, e.g. `IN (?, ?, …)`). */
const MAX_CACHED_STATEMENTS = 500;

/**
 * better-sqlite3 compiles a statement on every `prepare()`, and a statement that writes `items`
 * compiles every trigger on it too (counts, the trigram index, the papers index): up to a
 * millisecond each, thousands of times per refresh and several times per frame. Statements are
 * kept per SQL text and reused instead. Sharing stays invisible: modes a caller may set (pluck,
 * raw, expand) are reset on reuse, and one still running (`iterate`) is never handed out.
 */
function reusePreparedStatements(db: Db): void {
	const prepare = db.prepare.bind(db);
	const cache = new Map<string, Database.Statement>();
	const cached = (sql: string): Database.Statement => {
		let stmt = cache.get(sql);
		if (stmt === undefined || stmt.busy) {
			stmt = prepare(sql);
			if (cache.size >= MAX_CACHED_STATEMENTS) cache.clear();
			cache.set(sql, stmt);
		} else if (stmt.reader) {
			stmt.pluck(false).expand(false).raw(false);
		}
		return stmt;
	};
	db.prepare = cached as Db['prepare'];
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
