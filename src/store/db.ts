import Database from 'better-sqlite3';
import {MIGRATIONS} from './migrations.js';

export type Db = Database.Database;

/** The cache cannot be used as it is (not a database, or written by a newer version). */
export class CacheError extends Error {
	override name = 'CacheError';
}

/**
 * Opens (creating if needed) the cache and brings its schema up to date.
 * WAL and a busy timeout let a TUI and a cron `refresh` share the file.
 */
export function openDb(file: string): Db {
	let db: Db;
	try {
		db = new Database(file, {timeout: 5000});
		db.pragma('journal_mode = WAL');
	} catch (error) {
		throw new CacheError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
	}
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	try {
		migrate(db, file);
	} catch (error) {
		db.close();
		throw error;
	}
	return db;
}

export function schemaVersion(): number {
	return MIGRATIONS.length;
}

function migrate(db: Db, file: string): void {
	let current: number;
	try {
		current = db.pragma('user_version', {simple: true}) as number;
	} catch (error) {
		throw new CacheError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
	}
	if (current > MIGRATIONS.length) {
		throw new CacheError(`${file}: written by a newer research-feed (schema ${current}, this one knows ${MIGRATIONS.length})`);
	}
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
