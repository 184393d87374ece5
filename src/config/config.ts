import {readFileSync, statSync} from 'node:fs';
import {join} from 'node:path';
import type ConfClass from 'conf';
import type {ResearcherConfig, SourceConfig} from '../domain/types.js';
import {plainlyValid} from './plain-check.js';
import {configSchema, NESTED_DEFAULTS, type StoredConfig} from './schema.js';

/** Settings after env overrides: what the rest of the program reads. */
export interface Settings {
	blueskyService: string;
	/** Jetstream's `/subscribe` URL (ws: or wss:). */
	jetstream: string;
	arxivApi: string;
	/** arXiv's site, for author listings (`/a/ID.atom2`). */
	arxivSite: string;
	dblpApi: string;
	orcidApi: string;
	openalexApi: string;
	openalexKey: string | null;
	semanticScholarApi: string;
	semanticScholarKey: string | null;
	crossrefApi: string;
	/** A bibliography source's first fetch announces the papers of these last days. */
	recentDays: number;
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
 * Reading a well-formed file takes a fast path (plain-check.ts): setting conf up compiles the JSON
 * schema, a cost every command would pay at start-up, the timeline's first frame included (the
 * README's Performance table), so conf is set up only to write, to create a missing file, or to
 * report a file the fast path does not plainly accept (conf then decides, with its own messages).
 * The file is re-read when it changes, as conf does.
 */
/**
 * conf, and the JSON schema compiler it brings (ajv), are slow to load for a start-up budget: they
 * are loaded only by commands that write the file or meet one the fast path does not accept
 * (`Config.open`), and by the timeline after its first frame.
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
			// As the constructor does: have conf judge a file the fast path does not accept.
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
				schema: configSchema,
				clearInvalidConfig: false,
				accessPropertiesByDotNotation: false,
			});
		} catch (error) {
			throw describeConfigError(this.path, error);
		}
		return this.#conf;
	}

	/**
	 * The file's content when it exists and is plainly valid, or the defaults when there is no file
	 * (a command that reads, or a write that fails on bad input, must not create one: conf writes
	 * the file as soon as it is set up); undefined sends the caller to conf.
	 */
	#fastRead(): StoredConfig | undefined {
		const st = statSync(this.path, {throwIfNoEntry: false});
		const stamp = st === undefined ? 'missing' : `${st.mtimeMs}:${st.size}`;
		if (this.#fast?.stamp === stamp) return this.#fast.data;
		if (st === undefined) {
			const defaults = plainlyValid({})!;
			this.#fast = {stamp, data: defaults};
			return defaults;
		}
		let data: StoredConfig | undefined;
		try {
			data = plainlyValid(JSON.parse(readFileSync(this.path, 'utf8')));
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
		return this.addResearchers([{name, sources}])[0]!;
	}

	/**
	 * Creates researchers or adds sources to them, in one write of the file whatever their number
	 * (an OPML import of thousands of outlines is one read, one validation and one write).
	 */
	addResearchers(batch: ReadonlyArray<{name: string; sources: readonly SourceConfig[]}>): Array<{created: boolean; added: SourceConfig[]; researcher: ResearcherConfig}> {
		const all = this.researchers();
		const byName = new Map(all.map(r => [r.name.toLowerCase(), r]));
		const out = batch.map(({name, sources}) => {
			let researcher = byName.get(name.trim().toLowerCase());
			const created = !researcher;
			if (!researcher) {
				researcher = {name: name.trim(), sources: []};
				all.push(researcher);
				byName.set(researcher.name.toLowerCase(), researcher);
			}
			const have = new Set(researcher.sources.map(s => `${s.kind} ${normalTarget(s.target)}`));
			const added: SourceConfig[] = [];
			for (const source of sources) {
				const key = `${source.kind} ${normalTarget(source.target)}`;
				if (have.has(key)) continue;
				have.add(key);
				researcher.sources.push(source);
				added.push(source);
			}
			return {created, added, researcher};
		});
		if (out.some(r => r.created || r.added.length > 0)) this.#setUpConf().set('researchers', all);
		return out;
	}

	/**
	 * Renames researcher `from` to `to`, in one write. When another researcher is named `to` already
	 * (names compare without case), `from` merges into it: its sources join that researcher's (each
	 * once) and `from` goes. Returns the researcher as it is now, and whether it was a merge.
	 */
	renameResearcher(from: string, to: string): {researcher: ResearcherConfig; merged: boolean; added: SourceConfig[]} | undefined {
		const all = this.researchers();
		const source = all.find(r => r.name.toLowerCase() === from.trim().toLowerCase());
		if (!source) return undefined;
		const target = all.find(r => r.name.toLowerCase() === to.trim().toLowerCase() && r !== source);
		let out: {researcher: ResearcherConfig; merged: boolean; added: SourceConfig[]};
		if (target) {
			const have = new Set(target.sources.map(s => `${s.kind} ${normalTarget(s.target)}`));
			const added = source.sources.filter(s => !have.has(`${s.kind} ${normalTarget(s.target)}`));
			target.sources.push(...added);
			all.splice(all.indexOf(source), 1);
			out = {researcher: target, merged: true, added};
		} else {
			source.name = to.trim();
			out = {researcher: source, merged: false, added: []};
		}
		this.#setUpConf().set('researchers', all);
		return out;
	}

	/** Removes these sources (by kind and target, compared as `add` compares them) from researcher `name`, in one write. */
	removeSources(name: string, sources: readonly SourceConfig[]): SourceConfig[] {
		const all = this.researchers();
		const researcher = all.find(r => r.name.toLowerCase() === name.trim().toLowerCase());
		if (!researcher) return [];
		const removed = researcher.sources.filter(s => sources.some(gone => sameSource(s, gone)));
		if (removed.length === 0) return [];
		researcher.sources = researcher.sources.filter(s => !removed.includes(s));
		this.#setUpConf().set('researchers', all);
		return removed;
	}

	removeResearcher(name: string): ResearcherConfig | undefined {
		const all = this.researchers();
		const index = all.findIndex(r => r.name.toLowerCase() === name.trim().toLowerCase());
		if (index === -1) return undefined;
		const [removed] = all.splice(index, 1);
		this.#setUpConf().set('researchers', all);
		return removed;
	}

	/** Every read has the schema's defaults filled in (by conf's ajv, or by the fast path alike). */
	settings(env: NodeJS.ProcessEnv = process.env): Settings {
		const bluesky = this.#read('bluesky');
		const arxiv = this.#read('arxiv');
		const openalex = this.#read('openalex');
		const s2 = this.#read('semanticscholar');
		return {
			blueskyService: env['RESEARCH_FEED_BLUESKY_SERVICE'] || bluesky.service || NESTED_DEFAULTS.blueskyService,
			jetstream: env['RESEARCH_FEED_JETSTREAM'] || bluesky.jetstream || NESTED_DEFAULTS.jetstream,
			arxivApi: env['RESEARCH_FEED_ARXIV_API'] || arxiv.api || NESTED_DEFAULTS.arxivApi,
			arxivSite: env['RESEARCH_FEED_ARXIV_SITE'] || arxiv.site || NESTED_DEFAULTS.arxivSite,
			dblpApi: env['RESEARCH_FEED_DBLP_API'] || this.#read('dblp').api || NESTED_DEFAULTS.dblpApi,
			orcidApi: env['RESEARCH_FEED_ORCID_API'] || this.#read('orcid').api || NESTED_DEFAULTS.orcidApi,
			openalexApi: env['RESEARCH_FEED_OPENALEX_API'] || openalex.api || NESTED_DEFAULTS.openalexApi,
			openalexKey: env['RESEARCH_FEED_OPENALEX_KEY'] || openalex.apiKey || null,
			semanticScholarApi: env['RESEARCH_FEED_S2_API'] || s2.api || NESTED_DEFAULTS.semanticScholarApi,
			semanticScholarKey: env['RESEARCH_FEED_S2_KEY'] || s2.apiKey || null,
			crossrefApi: env['RESEARCH_FEED_CROSSREF_API'] || this.#read('crossref').api || NESTED_DEFAULTS.crossrefApi,
			recentDays: this.#read('papers').recentDays ?? NESTED_DEFAULTS.recentDays,
			showReplies: bluesky.showReplies ?? NESTED_DEFAULTS.showReplies,
			firstFetchDepth: bluesky.firstFetchDepth ?? NESTED_DEFAULTS.firstFetchDepth,
			refreshMinutes: this.#read('refreshMinutes'),
			concurrency: this.#read('concurrency'),
		};
	}
}

/** Whether two sources are one (kind, and targets compared without case and trailing slashes). */
export function sameSource(a: SourceConfig, b: SourceConfig): boolean {
	return a.kind === b.kind && normalTarget(a.target) === normalTarget(b.target);
}

/** Targets compare without case and trailing slashes. */
function normalTarget(target: string): string {
	return target.trim().toLowerCase().replace(/\/+$/, '');
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
