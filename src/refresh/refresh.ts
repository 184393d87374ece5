/**
 * The refresh orchestrator: every configured source fetched with bounded concurrency, each
 * source's results saved whole or not at all (sources that finish within a second share a
 * transaction, a savepoint each: write-batch.ts), each failure recorded against its source and
 * never costing the others anything. No UI and no printing here: progress goes to callbacks.
 *
 * Faults: each source has a deadline of its own (`sourceTimeoutMs`, covering every page and
 * retry), after which it fails with one line and its late results, if any, are dropped. Whatever
 * an adapter returns passes `safeDraft` before the cache sees it.
 */
import pLimit, {type LimitFunction} from 'p-limit';
import type {Settings} from '../config/config.js';
import type {ItemDraft, ResearcherConfig, SourceConfig, SourceKind, SourceResult} from '../domain/types.js';
import {sourceKey} from '../domain/identity.js';
import {formatDuration, type HttpClient} from '../net/http.js';
import {upsertItems} from '../store/items.js';
import {recentlyDeleted} from '../store/live.js';
import {knownPostUris, loadPosts, postsStamp, savePosts, storedPostData} from '../store/posts.js';
import {addSourcePapers, getSourceState, knownSourcePapers, saveSourceState} from '../store/sources.js';
import type {Store} from '../store/store.js';
import type {AdapterCache, AdapterContext, AdapterParsers, SourceAdapter} from '../sources/types.js';
import {canonicalRefs} from '../store/paper-identity.js';
import {savePaperWorks} from '../store/paper-works.js';
import {describeError, unreachableHost} from './errors.js';
import {DEFAULT_SOURCE_TIMEOUT_MS} from './limits.js';
import {ParsePool, parseThreads} from './parse-pool.js';
import {MAX_ITEMS_PER_FETCH, safeDraft} from './safe-items.js';
import {WriteBatch} from './write-batch.js';

/**
 * Sources' writes gather for up to a second (or 10,000 items) before they commit together: an
 * all-new import then commits a few times instead of after every few sources, and each random
 * index page it changes is written once per batch rather than once per source. A refresh that
 * brings little commits when its last source is in, as before.
 */
const WRITE_BATCH = {maxItems: 10_000, maxDelayMs: 1000} as const;

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
	/** Each kind's adapter, or its load under way (its sources wait for it, the others start). */
	adapters: Partial<Record<SourceKind, SourceAdapter | Promise<SourceAdapter>>>;
	now?: () => Date;
	signal?: AbortSignal;
	/** One source, all its pages and retries, gives up after this long (default 2 minutes). */
	sourceTimeoutMs?: number;
	/** Worker threads that parse feeds (default: by the number of feeds and cores; see parse-pool.ts). */
	parseThreads?: number;
}

export async function refreshSources(options: RefreshOptions): Promise<SourceResult[]> {
	const jobs = options.researchers.flatMap(r => r.sources.map(source => ({researcher: r.name, source})));
	const concurrency = Math.max(1, options.settings.concurrency);
	// At most `concurrency` requests in flight. A source's turn ends with each response, not once the
	// source is parsed and saved: the next request goes out while the event loop parses (parsing and
	// saving take the one thread; when much is new, the sockets sat idle meanwhile). Twice as many
	// sources under way bounds what waits to be parsed.
	const clocks = new WeakMap<AbortSignal, SourceClock>();
	// One client for every source (adapters keep per-client state: the Bluesky Agent).
	// Sources whose write is not queued yet: while any is, a batch of writes may wait for more.
	let unqueued = jobs.length;
	const writes = new WriteBatch(options.store, {...WRITE_BATCH, moreComing: () => unqueued > 0});
	// A large refresh parses its feeds on other threads while this one writes (parse-pool.ts).
	const pool = ParsePool.open(parseThreads(jobs.filter(job => job.source.kind === 'feed').length, options.parseThreads));
	const refresh = {...options, http: takingTurns(options.http, pLimit(concurrency), clocks), writes, parsers: pool ?? undefined};
	const limit = pLimit(concurrency * 2);
	let done = 0;
	// What batched services (OpenAlex) need: every source of theirs in the refresh and one place to
	// share a batch. Only theirs: reading every source's state up front held back the first request.
	const peers = jobs.filter(job => job.source.kind === 'openalex').map(job => ({source: job.source, previous: getSourceState(options.store.db, sourceKey(job.source))}));
	const shared = new Map<string, unknown>();
	// An adapter that failed to load is the failure of its kind's sources (refreshOne says so).
	const adapterFor = (kind: SourceKind): Promise<SourceAdapter | {failed: unknown} | undefined> =>
		Promise.resolve(options.adapters[kind]).catch((error: unknown) => ({failed: error}));
	// New items are indexed for search after the sources, not with each one (see Store.deferSearchIndex).
	const indexLater = options.store.deferSearchIndex();
	// Checkpoint the WAL into the database every 40 MB rather than every 4 MB: an all-new refresh
	// rewrites the same index pages at each checkpoint (and syncs the disk each time). It lasts as
	// long as the connection (a refresh's own process; see refresh-memory.ts for its page cache).
	options.store.db.pragma('wal_autocheckpoint = 10000');
	// Each source's savepoint keeps a journal of the pages it changes, to roll back alone: in memory,
	// not a temporary file (it is emptied as each source's savepoint is released).
	options.store.db.pragma('temp_store = MEMORY');
	try {
		return await Promise.all(
			jobs.map(async job => {
				// Outside the limit: sources of a kind still loading leave their places to the others.
				const adapter = await adapterFor(job.source.kind);
				// A source holds its place among those under way until its write is queued, not until
				// the batch commits: the next sources' requests go out while a batch gathers.
				let running: Promise<SourceResult> | undefined;
				await limit(
					() =>
						new Promise<void>(leave => {
							let left = false;
							const queued = (): void => {
								if (left) return;
								left = true;
								unqueued--;
								writes.nudge();
								leave();
							};
							options.onStart?.(job.researcher, job.source);
							running = refreshOne({...refresh, peers, shared}, clocks, job.researcher, job.source, adapter, queued);
							void running.finally(queued);
						}),
				);
				const result = await running!;
				done++;
				options.onResult?.(result, done, jobs.length);
				return result;
			}),
		);
	} finally {
		pool?.close();
		indexLater();
	}
}

type SourceRun = RefreshOptions & Pick<AdapterContext, 'peers' | 'shared'> & {writes: WriteBatch; parsers: AdapterParsers | undefined};

/**
 * One source: fetched, parsed, its write queued (`queued` is called then) and committed. Settles
 * once its results are stored, or with the error that kept them out.
 */
async function refreshOne(
	options: SourceRun,
	clocks: WeakMap<AbortSignal, SourceClock>,
	researcher: string,
	source: SourceConfig,
	adapter: SourceAdapter | {failed: unknown} | undefined,
	queued: () => void,
): Promise<SourceResult> {
	const {store} = options;
	const key = sourceKey(source);
	const now = (options.now ?? (() => new Date()))();
	const nowIso = now.toISOString();
	const previous = getSourceState(store.db, key);
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
	const timeoutMs = options.sourceTimeoutMs ?? DEFAULT_SOURCE_TIMEOUT_MS;
	const clock = new SourceClock(timeoutMs);
	const deadline = clock.signal;
	const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
	clocks.set(signal, clock);
	try {
		if (!adapter) throw new Error(`no adapter for ${source.kind} sources`);
		if ('failed' in adapter) throw adapter.failed;
		// Cancelled while this source waited for its turn (the user quit): no request is started.
		if (signal.aborted) throw signal.reason;
		const out = await untilAborted(
			adapter.fetch({
				source,
				sourceKey: key,
				researcher,
				previous,
				http: options.http,
				cache: adapterCache(store),
				settings: options.settings,
				now,
				log: message => options.onLog?.(researcher, source, message),
				signal,
				peers: options.peers,
				shared: options.shared,
				...(options.parsers === undefined ? {} : {parsers: options.parsers}),
				untimed: async work => {
					clock.wait();
					try {
						return await work;
					} finally {
						clock.resume();
					}
				},
			}),
			signal,
		);
		const fallbackUrl = source.kind === 'bluesky' ? '' : source.target;
		const capped = (all: ItemDraft[]): ItemDraft[] => {
			if (all.length <= MAX_ITEMS_PER_FETCH) return all;
			options.onLog?.(researcher, source, `kept the first ${MAX_ITEMS_PER_FETCH} of ${all.length} items`);
			return all.slice(0, MAX_ITEMS_PER_FETCH);
		};
		let items = capped(out.items.map(d => safeDraft(d, fallbackUrl)).filter(d => d !== null));
		const written = options.writes.run(() => {
			// A post the live stream saw deleted stays deleted, whatever a lagging author feed still lists.
			const deleted = out.posts?.length ? recentlyDeleted(store.db) : undefined;
			const posts = deleted === undefined || deleted.size === 0 ? out.posts : out.posts?.filter(p => !deleted.has(p.uri));
			if (posts?.length) savePosts(store.db, key, posts);
			// The live stream wrote this source since the adapter read it: its items are built again from what is stored now.
			if (out.rebuild && posts?.length && out.rebuild.stamp !== postsStamp(store.db, key)) {
				items = capped(out.rebuild.items(loadPosts(store.db, key)).map(d => safeDraft(d, fallbackUrl)).filter(d => d !== null));
			}
			// Every paper under its canonical id, whichever of its ids the link named.
			const drafts = items.map(d => (d.papers.length === 0 ? d : {...d, papers: canonicalRefs(store.db, d.papers)}));
			const fresh = upsertItems(store.db, {researcher, source: source.kind, sourceKey: key, now: nowIso}, drafts);
			const hidden = new Set(items.filter(i => i.hidden).map(i => i.id));
			result.newItems = fresh.filter(id => !hidden.has(id)).length;
			if (out.works) {
				const context = {researcher, source: source.kind, sourceKey: key, now: nowIso, firstFetch: !base.lastSuccess, recentSince: recentSince(now, options.settings)};
				result.newItems += savePaperWorks(store.db, context, out.works).length;
			}
			if (out.sourcePapers?.length) addSourcePapers(store.db, key, out.sourcePapers, nowIso);
			saveSourceState(store.db, {
				...base,
				lastSuccess: nowIso,
				lastError: null,
				etag: out.etag === undefined ? base.etag : out.etag,
				lastModified: out.lastModified === undefined ? base.lastModified : out.lastModified,
				state: out.state ?? base.state,
			});
		}, items.length + (out.works?.length ?? 0));
		// Its failure is handled below, whenever it comes (possibly while this source waits for room).
		written.catch(() => undefined);
		// Its place goes to the next source once the queue has room (written sooner or later, the
		// items wait in memory meanwhile).
		await options.writes.room();
		queued();
		await written;
		result.ok = true;
	} catch (error) {
		// Nothing of this source landed (its savepoint was rolled back, or the transaction failed).
		result.newItems = 0;
		if (options.signal?.aborted) result.error = 'refresh cancelled';
		else if (deadline.aborted) result.error = `gave up after ${formatDuration(timeoutMs)} (the source did not finish in time)`;
		else {
			result.error = describeError(error);
			const host = unreachableHost(error);
			if (host !== undefined) result.unreachable = host;
		}
		// Only the fetch state changes: every item cached before stays.
		try {
			saveSourceState(store.db, {...base, lastError: result.error});
		} catch {
			// The cache itself is failing (e.g. locked past the busy timeout); the result still reports the source error.
		}
	}
	clock.stop();
	return result;
}

/** Papers dated on or after this instant are announced by a bibliography source's first fetch. */
function recentSince(now: Date, settings: Settings): string {
	return new Date(now.getTime() - settings.recentDays * 86_400_000).toISOString();
}

/** What adapters may read of the cache: what each source fetched before. */
function adapterCache({db}: Store): AdapterCache {
	return {
		loadPosts: key => loadPosts(db, key),
		knownPostUris: key => knownPostUris(db, key),
		storedPostData: (key, uris) => storedPostData(db, key, uris),
		postsStamp: key => postsStamp(db, key),
		knownSourcePapers: key => knownSourcePapers(db, key),
	};
}

/**
 * A source's deadline: `ms` of its own time, not counting waits for a turn to send a request
 * (before turns were per request, a source never waited once started).
 */
class SourceClock {
	readonly #controller = new AbortController();
	#remaining: number;
	#since = 0;
	#timer: NodeJS.Timeout | undefined;
	/** Turns awaited at once (a source may send requests in parallel). */
	#waits = 0;

	constructor(ms: number) {
		this.#remaining = ms;
		this.#run();
	}

	get signal(): AbortSignal {
		return this.#controller.signal;
	}

	#run(): void {
		this.#since = performance.now();
		this.#timer = setTimeout(() => this.#controller.abort(new DOMException('The source took too long', 'TimeoutError')), Math.max(0, this.#remaining));
	}

	wait(): void {
		if (this.#waits++ > 0 || this.#timer === undefined) return;
		clearTimeout(this.#timer);
		this.#timer = undefined;
		this.#remaining -= performance.now() - this.#since;
	}

	resume(): void {
		if (--this.#waits === 0 && !this.#controller.signal.aborted) this.#run();
	}

	stop(): void {
		clearTimeout(this.#timer);
		this.#waits = Number.POSITIVE_INFINITY;
	}
}

/**
 * `http`, its requests sent in turns (at most as many under way as `turns` runs tasks). The time a
 * request waits for its turn is left off the clock of the source whose signal it carries. A
 * response is handed over a turn of the event loop later, once the request that takes its place
 * has gone out: the caller parses it synchronously, which would hold that request back.
 */
function takingTurns(http: HttpClient, turns: LimitFunction, clocks: WeakMap<AbortSignal, SourceClock>): HttpClient {
	const inTurn = async <T>(signal: AbortSignal | null | undefined, request: () => Promise<T>): Promise<T> => {
		const clock = signal ? clocks.get(signal) : undefined;
		clock?.wait();
		try {
			return await turns(() => {
				clock?.resume();
				return request();
			});
		} finally {
			await new Promise(resolve => setImmediate(resolve));
		}
	};
	return {
		get: request => inTurn(request.signal, () => http.get(request)),
		fetch: (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) =>
			inTurn(init?.signal ?? (input instanceof Request ? input.signal : undefined), () => http.fetch(input, init)),
	};
}

/**
 * Settles with `work`, or rejects as soon as `signal` aborts: a source past its deadline is
 * abandoned even if something inside its adapter ignores the signal (its late result is dropped).
 */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
	// Whatever the deadline aborted with (a TimeoutError, the refresh's cancel error), passed on as it is.
	const reason = (): unknown => signal.reason;
	if (signal.aborted) {
		// Its failure comes later and is dropped too: left unhandled it would end the process.
		work.catch(() => undefined);
		return Promise.reject(reason());
	}
	return new Promise<T>((resolve, reject) => {
		const onAbort = () => reject(reason());
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
