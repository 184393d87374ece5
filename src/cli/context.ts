/**
 * What every command needs: resolved paths, the config and (lazily) the cache. Opening the
 * cache handles damage: a file that is not a database, or one from a newer schema, is moved
 * aside with a message and a fresh cache is built (the next refresh fills it again).
 */
import {existsSync, renameSync} from 'node:fs';
import {Config} from '../config/config.js';
import {type DataPaths, resolvePaths} from '../config/paths.js';
import {CacheError} from '../store/db.js';
import {Store} from '../store/store.js';

export interface CliIo {
	stdout: NodeJS.WritableStream & {isTTY?: boolean; columns?: number};
	stderr: NodeJS.WritableStream;
	env: NodeJS.ProcessEnv;
	stdin: NodeJS.ReadableStream & {isTTY?: boolean};
}

export class CliContext {
	readonly paths: DataPaths;
	readonly config: Config;
	#store: Store | undefined;

	private constructor(
		readonly io: CliIo,
		paths: DataPaths,
		config: Config,
	) {
		this.paths = paths;
		this.config = config;
	}

	/** `write`: the command may change config.json (see Config.open). */
	static async create(io: CliIo, home: string | undefined, {write = true}: {write?: boolean} = {}): Promise<CliContext> {
		const paths = resolvePaths(home, io.env);
		return new CliContext(io, paths, await Config.open(paths.configDir, {write}));
	}

	get store(): Store {
		this.#store ??= openStoreRecovering(this.paths.cacheFile, message => this.io.stderr.write(`research-feed: ${message}\n`));
		return this.#store;
	}

	close(): void {
		this.#store?.close();
		this.#store = undefined;
	}
}

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
