import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import type ConfClass from 'conf';
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
 *
 * Reading a well-formed file takes a fast path: setting conf up compiles the JSON schema (about
 * 100 ms, on the start of every command, the timeline's included), so conf is set up only to
 * write, to create a missing file, or to report a file the fast path does not plainly accept
 * (conf then decides, with its own messages). The file is re-read when it changes, as conf does.
 */
/**
 * conf, and the JSON schema compiler it brings (ajv), take about 25 ms to load: a tenth of the
 * timeline's start-up. They are loaded only by commands that write the file or meet one the fast
 * path does not accept (`Config.open`), and by the timeline after its first frame.
 */
let Conf: typeof ConfClass | undefined;

export async function loadConf(): Promise<void> {
	Conf ??= (await import('conf')).default;
}

export class Config {
	#conf: ConfClass<StoredConfig> | undefined;
	readonly #dir: string;
	readonly path: string;
	/** The file as last read on the fast path, and its size and mtime then. */
	#fast: {stamp: string; data: StoredConfig} | undefined;

	/** The config in `configDir`; `write`: the caller may change it, so conf is loaded in any case. */
	static async open(configDir: string, {write}: {write: boolean}): Promise<Config> {
		const config = new Config(configDir, {deferConf: true});
		if (write || config.#fastRead() === undefined) {
			await loadConf();
			// As the constructor does: create a missing file, or have conf judge this one.
			if (config.#fastRead() === undefined) config.#setUpConf();
		}
		return config;
	}

	/** Needs `loadConf()` first unless the file is plainly valid and only read (see `open`). */
	constructor(configDir: string, {deferConf = false}: {deferConf?: boolean} = {}) {
		this.#dir = configDir;
		this.path = join(configDir, 'config.json');
		if (!deferConf && this.#fastRead() === undefined) this.#setUpConf();
	}

	#setUpConf(): ConfClass<StoredConfig> {
		if (this.#conf !== undefined) return this.#conf;
		// Only when the file changed under a running timeline within moments of its start.
		if (Conf === undefined) throw new ConfigError(`${this.path}: changed while starting up; run research-feed again to read it`);
		try {
			this.#conf = new Conf<StoredConfig>({
				cwd: this.#dir,
				configName: 'config',
				projectName: 'research-feed',
				// conf's types want its own schema type; ours is a plain JSON schema object.
				schema: configSchema as never,
				clearInvalidConfig: false,
				accessPropertiesByDotNotation: false,
			});
		} catch (error) {
			throw describeConfigError(this.path, error);
		}
		return this.#conf;
	}

	/** The file's content when it exists and is plainly valid; undefined sends the caller to conf. */
	#fastRead(): StoredConfig | undefined {
		const st = statSync(this.path, {throwIfNoEntry: false});
		if (st === undefined) return undefined;
		const stamp = `${st.mtimeMs}:${st.size}`;
		if (this.#fast?.stamp === stamp) return this.#fast.data;
		let data: StoredConfig | undefined;
		try {
			data = plainlyValid(JSON.parse(readFileSync(this.path, 'utf8')) as unknown);
		} catch {
			data = undefined;
		}
		this.#fast = data === undefined ? undefined : {stamp, data};
		return data;
	}

	#read<K extends keyof StoredConfig>(key: K): StoredConfig[K] {
		if (this.#conf === undefined) {
			const data = this.#fastRead();
			// A copy, as conf's get() returns: callers may change what they get.
			if (data !== undefined) return structuredClone(data[key]);
		}
		try {
			return this.#setUpConf().get(key);
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
		this.#setUpConf().set('researchers', all);
		return {created, added, researcher};
	}

	removeResearcher(name: string): ResearcherConfig | undefined {
		const all = this.researchers();
		const index = all.findIndex(r => r.name.toLowerCase() === name.trim().toLowerCase());
		if (index === -1) return undefined;
		const [removed] = all.splice(index, 1);
		this.#setUpConf().set('researchers', all);
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

const SOURCE_KINDS = new Set(['bluesky', 'homepage', 'feed']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const onlyKeys = (o: Record<string, unknown>, keys: readonly string[]) => Object.keys(o).every(k => keys.includes(k));
const text = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
/** Stricter than JSON schema's `uri` format: anything else goes to conf, which decides. */
const plainUrl = (v: unknown): boolean => typeof v === 'string' && /^https?:\/\/[\x21-\x7e]+$/.test(v) && URL.canParse(v);

/**
 * The stored config with conf's defaults applied, when it plainly satisfies the schema in
 * schema.ts (every field checked the same way or more strictly); otherwise undefined.
 */
function plainlyValid(raw: unknown): StoredConfig | undefined {
	if (!isObject(raw) || !onlyKeys(raw, ['researchers', 'bluesky', 'arxiv', 'refreshMinutes', 'concurrency'])) return undefined;
	const {researchers = [], bluesky = {}, arxiv = {}, refreshMinutes = 30, concurrency = 8} = raw;
	if (!Array.isArray(researchers)) return undefined;
	for (const r of researchers as unknown[]) {
		if (!isObject(r) || !onlyKeys(r, ['name', 'sources']) || !text(r['name']) || !Array.isArray(r['sources'])) return undefined;
		for (const s of r['sources'] as unknown[]) {
			if (!isObject(s) || !onlyKeys(s, ['kind', 'target']) || !SOURCE_KINDS.has(s['kind'] as string) || !text(s['target'])) return undefined;
		}
	}
	if (!isObject(bluesky) || !onlyKeys(bluesky, ['service', 'showReplies', 'firstFetchDepth'])) return undefined;
	if (bluesky['service'] !== undefined && !plainUrl(bluesky['service'])) return undefined;
	if (bluesky['showReplies'] !== undefined && typeof bluesky['showReplies'] !== 'boolean') return undefined;
	const depth = bluesky['firstFetchDepth'];
	if (depth !== undefined && !(Number.isInteger(depth) && (depth as number) >= 1 && (depth as number) <= 2000)) return undefined;
	if (!isObject(arxiv) || !onlyKeys(arxiv, ['api']) || (arxiv['api'] !== undefined && !plainUrl(arxiv['api']))) return undefined;
	if (typeof refreshMinutes !== 'number' || !Number.isFinite(refreshMinutes) || refreshMinutes < 1) return undefined;
	if (!Number.isInteger(concurrency) || (concurrency as number) < 1 || (concurrency as number) > 64) return undefined;
	return {researchers, bluesky, arxiv, refreshMinutes, concurrency} as StoredConfig;
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
