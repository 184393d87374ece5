/**
 * What every command needs: resolved paths, the config and (lazily) the cache. Opening the
 * cache handles damage (see openStoreRecovering): a file that is not a database, or one from a
 * newer schema, is moved aside with a message and a fresh cache is built (the next refresh fills it again).
 */
import {Config} from '../config/config.js';
import {type DataPaths, resolvePaths} from '../config/paths.js';
import {openStoreRecovering} from '../store/open-recovering.js';
import type {Store} from '../store/store.js';

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
