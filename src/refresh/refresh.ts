/**
 * The refresh orchestrator: every configured source fetched with bounded concurrency, each
 * source's results saved in its own transaction, each failure recorded against its source and
 * never costing the others anything. No UI and no printing here: progress goes to callbacks.
 */
import pLimit from 'p-limit';
import type {Settings} from '../config/config.js';
import type {ResearcherConfig, SourceConfig, SourceKind, SourceResult} from '../domain/types.js';
import type {HttpClient} from '../net/http.js';
import {sourceKey} from '../store/source-key.js';
import type {Store} from '../store/store.js';
import type {SourceAdapter} from '../sources/types.js';
import {describeError} from './errors.js';

export interface RefreshEvents {
	/** A source is about to be fetched. */
	onStart?: (researcher: string, source: SourceConfig) => void;
	/** A source finished (successfully or not). `done` counts finished sources. */
	onResult?: (result: SourceResult, done: number, total: number) => void;
	/** A progress line from inside an adapter. */
	onLog?: (researcher: string, source: SourceConfig, message: string) => void;
}

export interface RefreshOptions extends RefreshEvents {
	researchers: ResearcherConfig[];
	store: Store;
	http: HttpClient;
	settings: Settings;
	adapters: Partial<Record<SourceKind, SourceAdapter>>;
	now?: () => Date;
	signal?: AbortSignal;
}

export async function refreshSources(options: RefreshOptions): Promise<SourceResult[]> {
	const jobs = options.researchers.flatMap(r => r.sources.map(source => ({researcher: r.name, source})));
	const limit = pLimit(Math.max(1, options.settings.concurrency));
	let done = 0;
	return Promise.all(
		jobs.map(job =>
			limit(async () => {
				options.onStart?.(job.researcher, job.source);
				const result = await refreshOne(options, job.researcher, job.source);
				done++;
				options.onResult?.(result, done, jobs.length);
				return result;
			}),
		),
	);
}

async function refreshOne(options: RefreshOptions, researcher: string, source: SourceConfig): Promise<SourceResult> {
	const {store} = options;
	const key = sourceKey(source);
	const now = (options.now ?? (() => new Date()))();
	const nowIso = now.toISOString();
	const previous = store.sourceState(key);
	const base = {
		sourceKey: key,
		researcher,
		kind: source.kind,
		target: source.target,
		lastAttempt: nowIso,
		lastSuccess: previous?.lastSuccess ?? null,
		lastError: previous?.lastError ?? null,
		etag: previous?.etag ?? null,
		lastModified: previous?.lastModified ?? null,
		state: previous?.state ?? {},
	};
	const result: SourceResult = {researcher, source: source.kind, target: source.target, ok: false, newItems: 0, error: null};
	const adapter = options.adapters[source.kind];
	try {
		if (!adapter) throw new Error(`no adapter for ${source.kind} sources`);
		const out = await adapter.fetch({
			source,
			sourceKey: key,
			researcher,
			previous,
			http: options.http,
			cache: store,
			settings: options.settings,
			now,
			log: message => options.onLog?.(researcher, source, message),
			signal: options.signal,
		});
		store.transaction(() => {
			if (out.posts?.length) store.savePosts(key, out.posts);
			const fresh = store.upsertItems({researcher, source: source.kind, sourceKey: key, now: nowIso}, out.items);
			const hidden = new Set(out.items.filter(i => i.hidden).map(i => i.id));
			result.newItems = fresh.filter(id => !hidden.has(id)).length;
			if (out.sourcePapers?.length) store.addSourcePapers(key, out.sourcePapers, nowIso);
			store.saveSourceState({
				...base,
				lastSuccess: nowIso,
				lastError: null,
				etag: out.etag === undefined ? base.etag : out.etag,
				lastModified: out.lastModified === undefined ? base.lastModified : out.lastModified,
				state: out.state ?? base.state,
			});
		});
		result.ok = true;
	} catch (error) {
		result.error = describeError(error);
		// Only the fetch state changes: every item cached before stays.
		try {
			store.saveSourceState({...base, lastError: result.error});
		} catch {
			// The cache itself is failing (e.g. locked past the busy timeout); the result still reports the source error.
		}
	}
	return result;
}
