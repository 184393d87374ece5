/**
 * What to do with a cache that cannot be opened: the policy every process that opens the cache
 * (the commands, the timeline's refresh child) must share, so it lives with the store.
 */
import {existsSync, renameSync} from 'node:fs';
import {CacheError} from './db.js';
import {Store} from './store.js';

/**
 * Opens the cache; a damaged one (not a database, corrupt, from a newer version) is renamed to
 * `cache.db.broken-<time>` with its -wal/-shm files and a new one is started, with one warning.
 * Nothing is deleted: the user can still inspect or restore the old file. A cache that is merely
 * locked or unreadable is never moved (that would lose a healthy cache): its error goes up as one line.
 */
export function openStoreRecovering(file: string, warn: (message: string) => void): Store {
	try {
		return new Store(file);
	} catch (error) {
		if (!(error instanceof CacheError) || !error.damaged || !existsSync(file)) throw error;
		const aside = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		try {
			renameSync(file, aside);
			for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
		} catch (renameError) {
			const why = renameError instanceof Error ? renameError.message : String(renameError);
			throw new CacheError(`${error.message}; could not move it aside (${why}); move or delete it by hand`);
		}
		warn(`${error.message}; moved it to ${aside} and started a new cache (run \`research-feed refresh\` to fill it)`);
		return new Store(file);
	}
}
