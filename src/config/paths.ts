import {mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import envPaths from 'env-paths';

export interface DataPaths {
	/** Folder holding config.json. */
	configDir: string;
	/** Folder holding cache.db. */
	dataDir: string;
	configFile: string;
	cacheFile: string;
}

/**
 * Where config and cache live. `--home` wins over `RESEARCH_FEED_HOME`; both put the two
 * files in one folder. Otherwise the platform's config and data folders are used.
 * The folder is created here, so nothing downstream has to think about it.
 */
export function resolvePaths(homeFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): DataPaths {
	const paths = pathsFor(homeFlag, env);
	mkdirSync(paths.configDir, {recursive: true});
	mkdirSync(paths.dataDir, {recursive: true});
	return paths;
}

/** Where config and cache would live, without creating anything (what `--help` names). */
export function pathsFor(homeFlag: string | undefined, env: NodeJS.ProcessEnv = process.env): DataPaths {
	const home = homeFlag ?? (env['RESEARCH_FEED_HOME'] || undefined);
	let configDir: string;
	let dataDir: string;
	if (home) {
		configDir = dataDir = resolve(home);
	} else {
		const platform = envPaths('research-feed', {suffix: ''});
		configDir = platform.config;
		dataDir = platform.data;
	}
	return {configDir, dataDir, configFile: join(configDir, 'config.json'), cacheFile: join(dataDir, 'cache.db')};
}
