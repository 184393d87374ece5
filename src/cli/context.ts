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

	constructor(
		readonly io: CliIo,
		home: string | undefined,
	) {
		this.paths = resolvePaths(home, io.env);
		this.config = new Config(this.paths.configDir);
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

export function openStoreRecovering(file: string, warn: (message: string) => void): Store {
	try {
		return new Store(file);
	} catch (error) {
		if (!(error instanceof CacheError) || !existsSync(file)) throw error;
		const aside = `${file}.broken-${new Date().toISOString().replace(/[:.]/g, '-')}`;
		renameSync(file, aside);
		for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
		warn(`${error.message}; moved it to ${aside} and started a new cache (run \`research-feed refresh\` to fill it)`);
		return new Store(file);
	}
}
