/**
 * The refresh orchestrator: every configured source fetched with bounded concurrency, each
 * source's results saved in its own transaction, each failure recorded against its source and
 * never costing the others anything. No UI and no printing here: progress goes to callbacks.
 *
 * Faults: each source has a deadline of its own (`sourceTimeoutMs`, covering every page and
 * retry), after which it fails with one line and its late results, if any, are dropped. Whatever
 * an adapter returns passes `safeDraft` before the cache sees it.
 */
import pLimit from 'p-limit';
import type {Settings} from '../config/config.js';
import type {ResearcherConfig, SourceConfig, SourceKind, SourceResult} from '../domain/types.js';
import {formatDuration, type HttpClient} from '../net/http.js';
import {sourceKey} from '../store/source-key.js';
import type {Store} from '../store/store.js';
import type {SourceAdapter} from '../sources/types.js';
import {describeError} from './errors.js';
import {DEFAULT_SOURCE_TIMEOUT_MS} from './limits.js';
import {MAX_ITEMS_PER_FETCH, safeDraft} from './safe-items.js';

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
	/** One source, all its pages and retries, gives up after this long (default 2 minutes). */
	sourceTimeoutMs?: number;
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
	const timeoutMs = options.sourceTimeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
	const deadline = AbortSignal.timeout(timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
	try {
		if (!adapter) throw new Error(`no adapter for ${source.kind} sources`);
		const out = await untilAborted(
			adapter.fetch({
				source,
				sourceKey: key,
				researcher,
				previous,
				http: options.http,
				cache: store,
				settings: options.settings,
				now,
				log: message => options.onLog?.(researcher, source, message),
				signal,
			}),
			signal,
		);
		const fallbackUrl = source.kind === 'bluesky' ? '' : source.target;
		let items = out.items.map(d => safeDraft(d, fallbackUrl)).filter(d => d !== null);
		if (items.length > MAX_ITEMS_PER_FETCH) {
			options.onLog?.(researcher, source, `kept the first ${MAX_ITEMS_PER_FETCH} of ${items.length} items`);
			items = items.slice(0, MAX_ITEMS_PER_FETCH);
		}
		store.transaction(() => {
			if (out.posts?.length) store.savePosts(key, out.posts);
			const fresh = store.upsertItems({researcher, source: source.kind, sourceKey: key, now: nowIso}, items);
			const hidden = new Set(items.filter(i => i.hidden).map(i => i.id));
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
		if (options.signal?.aborted) result.error = 'refresh cancelled';
		else if (deadline.aborted) result.error = `gave up after ${formatDuration(timeoutMs)} (the source did not finish in time)`;
		else result.error = describeError(error);
		// Only the fetch state changes: every item cached before stays.
		try {
			store.saveSourceState({...base, lastError: result.error});
		} catch {
			// The cache itself is failing (e.g. locked past the busy timeout); the result still reports the source error.
		}
	}
	return result;
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts: a source past its deadline is
 * abandoned even if something inside its adapter ignores the signal (its late result is dropped).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	if (signal.aborted) return Promise.reject(signal.reason);
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(signal.reason);
		signal.addEventListener('abort', onAbort, {once: true});
		work.then(
			value => {
				signal.removeEventListener('abort', onAbort);
				resolve(value);
			},
			(error: unknown) => {
				signal.removeEventListener('abort', onAbort);
				reject(error);
			},
		);
	});
}
