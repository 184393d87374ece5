import Conf from 'conf';
import type {ResearcherConfig, SourceConfig} from '../domain/types.js';
import {configSchema} from './schema.js';

export const DEFAULT_BLUESKY_SERVICE = 'https://public.api.bsky.app';
export const DEFAULT_ARXIV_API = 'https://export.arxiv.org/api/query';
export const DEFAULT_FIRST_FETCH_DEPTH = 200;

interface StoredConfig {
	researchers: ResearcherConfig[];
	bluesky: {service?: string; showReplies?: boolean; firstFetchDepth?: number};
	arxiv: {api?: string};
	refreshMinutes: number;
	concurrency: number;
}

/** Settings after env overrides: what the rest of the program reads. */
export interface Settings {
	blueskyService: string;
	arxivApi: string;
	showReplies: boolean;
	firstFetchDepth: number;
	refreshMinutes: number;
	concurrency: number;
}

/** A config problem the user must fix by hand: reported as one line, exit 1. */
export class ConfigError extends Error {
	override name = 'ConfigError';
}

/**
 * config.json through conf. Every read validates against the schema; a broken file throws a
 * ConfigError naming the file and the field, and conf never rewrites it (clearInvalidConfig: false).
 */
export class Config {
	readonly #conf: Conf<StoredConfig>;
	readonly path: string;

	constructor(configDir: string) {
		const file = `${configDir}/config.json`;
		try {
			this.#conf = new Conf<StoredConfig>({
				cwd: configDir,
				configName: 'config',
				projectName: 'research-feed',
				// conf's types want its own schema type; ours is a plain JSON schema object.
				schema: configSchema as never,
				clearInvalidConfig: false,
				accessPropertiesByDotNotation: false,
			});
		} catch (error) {
			throw describeConfigError(file, error);
		}
		this.path = this.#conf.path;
	}

	#read<K extends keyof StoredConfig>(key: K): StoredConfig[K] {
		try {
			return this.#conf.get(key);
		} catch (error) {
			throw describeConfigError(this.path, error);
		}
	}

	researchers(): ResearcherConfig[] {
		return this.#read('researchers') ?? [];
	}

	findResearcher(name: string): ResearcherConfig | undefined {
		const wanted = name.trim().toLowerCase();
		return this.researchers().find(r => r.name.toLowerCase() === wanted);
	}

	/** Creates the researcher or adds sources to it. Returns the sources that were new. */
	addResearcher(name: string, sources: SourceConfig[]): {created: boolean; added: SourceConfig[]; researcher: ResearcherConfig} {
		const all = this.researchers();
		let researcher = all.find(r => r.name.toLowerCase() === name.trim().toLowerCase());
		const created = !researcher;
		if (!researcher) {
			researcher = {name: name.trim(), sources: []};
			all.push(researcher);
		}
		const added: SourceConfig[] = [];
		for (const source of sources) {
			const exists = researcher.sources.some(s => s.kind === source.kind && sameTarget(s.target, source.target));
			if (!exists) {
				researcher.sources.push(source);
				added.push(source);
			}
		}
		this.#conf.set('researchers', all);
		return {created, added, researcher};
	}

	removeResearcher(name: string): ResearcherConfig | undefined {
		const all = this.researchers();
		const index = all.findIndex(r => r.name.toLowerCase() === name.trim().toLowerCase());
		if (index === -1) return undefined;
		const [removed] = all.splice(index, 1);
		this.#conf.set('researchers', all);
		return removed;
	}

	settings(env: NodeJS.ProcessEnv = process.env): Settings {
		const bluesky = this.#read('bluesky') ?? {};
		const arxiv = this.#read('arxiv') ?? {};
		return {
			blueskyService: env['RESEARCH_FEED_BLUESKY_SERVICE'] || bluesky.service || DEFAULT_BLUESKY_SERVICE,
			arxivApi: env['RESEARCH_FEED_ARXIV_API'] || arxiv.api || DEFAULT_ARXIV_API,
			showReplies: bluesky.showReplies ?? false,
			firstFetchDepth: bluesky.firstFetchDepth ?? DEFAULT_FIRST_FETCH_DEPTH,
			refreshMinutes: this.#read('refreshMinutes') ?? 30,
			concurrency: this.#read('concurrency') ?? 8,
		};
	}
}

function sameTarget(a: string, b: string): boolean {
	return a.trim().toLowerCase().replace(/\/+$/, '') === b.trim().toLowerCase().replace(/\/+$/, '');
}

function describeConfigError(file: string, error: unknown): ConfigError {
	const message = error instanceof Error ? error.message : String(error);
	if (error instanceof SyntaxError) return new ConfigError(`${file}: not valid JSON (${message}); fix or remove the file`);
	const violation = /^Config schema violation: (.*)$/s.exec(message);
	if (violation) {
		// conf says "`researchers/0/name` must be string"; name the field the way a user reads it.
		const detail = violation[1]!.replace(/`([^`]*)`/g, (_m, path: string) => (path ? path.replaceAll('/', '.') : '(top level)'));
		return new ConfigError(`${file}: invalid config: ${detail}`);
	}
	return new ConfigError(`${file}: ${message}`);
}
