/**
 * Paper metadata for every id kind: title, authors, abstract, venue, date and the ids that name the
 * same work, for every paper seen anywhere, from three services.
 *
 * Which service answers which id, and why:
 * - **Semantic Scholar's batch** (`POST /paper/batch`, up to 500 ids a request) for every paper
 *   whose id is an arXiv id, a DOI or an ACL id. It is the only service that answers every kind in
 *   bulk — 1,000 papers are two requests, where the arXiv API needs ten, three seconds apart — and
 *   its `externalIds` link a preprint to its published version (ArXiv ↔ DOI ↔ ACL), which makes one
 *   paper of an arXiv link and a DOI link shared by different people. Unpaced by us beyond one
 *   request a second (its keyed limit; the keyless pool allows 100 per five minutes).
 * - **The arXiv API** also for arXiv ids, as before: it is the authority on arXiv papers (the
 *   title as arXiv has it, the abstract, primary category, versions, first-version date, which the
 *   BibTeX export uses) and knows new preprints days before Semantic Scholar does. Its word wins
 *   over Semantic Scholar's field by field; Semantic Scholar's venue and links stay.
 * - **Crossref** for DOIs Semantic Scholar does not know (a `null` in its answer), while nothing
 *   else describes the paper: one request per DOI, `relation.has-preprint` links the arXiv version.
 * OpenReview and other ids are asked nowhere (no service takes them).
 *
 * Each service's lookups are kept per id (store/paper-lookups.ts): a described id is never asked
 * again; one the service does not know is asked again after a delay (arXiv: 1 h, doubling up to a
 * week; Semantic Scholar and Crossref: a day, doubling up to a month); a failed request on the next
 * run; an id rejected as malformed never. Each service stops for the run at its first failed
 * request; a Retry-After (a 429) holds it back, across processes, until that time (at most an hour).
 * The arXiv API gets at most one request every 3 s (across processes: the time is kept in the
 * cache), 100 ids each, at most 5 requests a run.
 *
 * A run overlaps the refresh: `startMetadata` starts asking at once about the papers already
 * waiting in the cache, `poke` after each source has saved makes it look for the papers the
 * source brought, and `finish(graceMs)` after the last source lets it ask about what that source
 * brought but ends it within `graceMs`: requests still under way are abandoned and pacing waits
 * cut short, and what is left is asked for by the next run (the next refresh, the open timeline).
 * Never throws for network or server trouble: the result says what happened.
 */
import type {PaperMeta} from '../domain/types.js';
import {type Clock, systemClock} from '../net/clock.js';
import {createHttpClient, type HttpClient} from '../net/http.js';
import {IdCollector} from '../parse/bibliography/common.js';
import {S2_BATCH_LIMIT, s2BatchIds, type S2Request} from '../parse/bibliography/semantic-scholar.js';
import type {PaperMetaLike} from '../parse/bibliography/types.js';
import {describeError} from '../refresh/errors.js';
import {saveServiceAnswer} from '../store/paper-describe.js';
import {countLeft, lastPaperRowid, lookupAttempts, type MetaService, pendingLookups, recordLookups} from '../store/paper-lookups.js';
import {followMergedMeta, getAppState, markPaperMeta, setAppState} from '../store/paper-meta.js';
import type {Store} from '../store/store.js';
import {fetchArxivBatch, rawArxivId} from './arxiv-client.js';
import {fetchCrossrefWork, fetchS2Batch} from './linked-clients.js';
import {RateGate} from './rate-gate.js';

export const ARXIV_INTERVAL_MS = 3000;
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_MAX_REQUESTS = 5;
export const S2_INTERVAL_MS = 1000;
export const S2_MAX_REQUESTS = 10;
export const CROSSREF_MAX_REQUESTS = 50;
/** How long `refresh` lets metadata requests go on after its last source (then it exits). */
export const REFRESH_GRACE_MS = 500;
/**
 * While sources run, how long papers they bring wait for more before a request that is not full
 * goes out: one request for a refresh's papers rather than one per source, and still under way
 * well before a long refresh ends. (Papers waiting from before the refresh go at once.)
 */
const LINGER_MS: Record<'arxiv' | 's2', number> = {arxiv: ARXIV_INTERVAL_MS, s2: 500};
/** Papers written per transaction when a service answers (see MetadataRun.#inSlices). */
const WRITE_SLICE = 20;
/** Pokes within this time are looked into together (see MetadataRun.poke). */
const POKE_MS = 100;

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** When to ask again about an id a service does not know: base · 2^(attempts−1), at most max. */
const MISSING_RETRY: Record<MetaService, {base: number; max: number}> = {
	arxiv: {base: HOUR, max: 7 * DAY},
	s2: {base: DAY, max: 30 * DAY},
	crossref: {base: DAY, max: 30 * DAY},
};
/** Longest pause a Retry-After header can impose on the next runs. */
const MAX_SERVER_PAUSE_MS = HOUR;

const SERVICE_NAME: Record<MetaService, string> = {arxiv: 'arXiv', s2: 'Semantic Scholar', crossref: 'Crossref'};
const PAUSE_KEY: Record<MetaService, string> = {arxiv: 'arxiv.notBeforeMs', s2: 's2.notBeforeMs', crossref: 'crossref.notBeforeMs'};
const LAST_REQUEST_KEY = {arxiv: 'arxiv.lastRequestMs', s2: 's2.lastRequestMs'} as const;
const SERVICES: readonly MetaService[] = ['arxiv', 's2', 'crossref'];

export interface MetadataSettings {
	/** The `arxiv.api` setting or RESEARCH_FEED_ARXIV_API. */
	arxivApi: string;
	/** `semanticscholar.api` / RESEARCH_FEED_S2_API; Semantic Scholar is not asked without it. */
	semanticScholarApi?: string;
	semanticScholarKey?: string | null;
	/** `crossref.api` / RESEARCH_FEED_CROSSREF_API; Crossref is not asked without it. */
	crossrefApi?: string;
}

export interface EnrichOptions {
	store: Store;
	/**
	 * Default: a client of its own without automatic retries. A client that retries by itself
	 * would send retries closer together than the 3 s the gate keeps between requests.
	 */
	http?: HttpClient;
	settings: MetadataSettings;
	clock?: Clock;
	signal?: AbortSignal;
	/** arXiv API: ids per request, requests per run, interval. */
	batchSize?: number;
	maxRequests?: number;
	intervalMs?: number;
	/** Semantic Scholar: ids per request (at most 500), requests per run, interval. */
	s2BatchSize?: number;
	s2MaxRequests?: number;
	s2IntervalMs?: number;
	/** Crossref: requests per run. */
	crossrefMaxRequests?: number;
	/** Progress lines ("arXiv: asking for 3 paper(s)"). */
	onLog?: (message: string) => void;
}

export interface ServiceOutcome {
	requests: number;
	/** Papers (canonical ids) this service described in this run. */
	described: number;
}

export interface EnrichResult {
	/** Requests sent in this run, all services. */
	requests: number;
	/** Papers that got metadata (canonical ids). */
	enriched: string[];
	/** Ids a service does not know (asked again later). */
	missing: string[];
	/** Ids a service rejected as malformed (never asked again). */
	invalid: string[];
	/** Ids whose request failed (asked again on the next run). */
	failed: string[];
	/** Papers still to be asked about on a later run (never asked, or failed). */
	remaining: number;
	/** Why a service stopped early (a failed request, the server asked to wait), else null. */
	error: string | null;
	services: Record<MetaService, ServiceOutcome>;
	/** arXiv ids the arXiv API did not know (for the summary line). */
	arxivMissing: number;
	/** The run was ended by its time limit with work under way or waiting for its turn. */
	cutShort: boolean;
}

type Step = 'sent' | 'idle' | 'hold' | 'stop';

interface ServiceState {
	requests: number;
	described: Set<string>;
	/** Ids handled (or under way) in this run: not picked again. */
	done: Set<string>;
}

/** One run at a time per process: a run starts when the one before it has finished. */
let running: Promise<unknown> = Promise.resolve();

/** A run of metadata lookups; see the file comment. */
export class MetadataRun {
	readonly #options: EnrichOptions;
	readonly #store: Store;
	readonly #clock: Clock;
	readonly #http: HttpClient;
	readonly #log: (message: string) => void;
	readonly #stop = new AbortController();
	readonly #signal: AbortSignal;
	readonly #state = Object.fromEntries(SERVICES.map(s => [s, {requests: 0, described: new Set<string>(), done: new Set<string>()}])) as Record<MetaService, ServiceState>;
	readonly #errors: string[] = [];
	readonly #missing = new Set<string>();
	readonly #invalid = new Set<string>();
	readonly #failed = new Set<string>();
	#arxivMissing = 0;
	readonly #done: Promise<EnrichResult>;
	/** Changes whenever there may be new work: a poke, finish, another service's answers. */
	#generation = 0;
	#waiters: Array<() => void> = [];
	#finishing = false;
	#deadline: NodeJS.Timeout | undefined;
	#cutShort = false;
	#s2Running = false;
	/** Semantic Scholar batches split after a 400, sent before new ones. */
	readonly #s2Split: S2Request[][] = [];
	/** DOIs Semantic Scholar did not know in this run: Crossref's first candidates. */
	readonly #crossrefQueue: string[] = [];
	#arxivGate: RateGate | undefined;
	#s2Gate: RateGate | undefined;
	/**
	 * Per service: once a scan of every paper found nothing more, later scans read only the papers
	 * stored since (the sources' new ones), so a poke after each of 500 sources costs little.
	 */
	readonly #scan = Object.fromEntries(SERVICES.map(s => [s, {incremental: false, after: 0}])) as Record<MetaService, {incremental: boolean; after: number}>;
	/** Since when (performance.now) new papers have been held back for a fuller request. */
	readonly #holding: Partial<Record<'arxiv' | 's2', number>> = {};

	constructor(options: EnrichOptions) {
		this.#options = options;
		this.#store = options.store;
		this.#clock = options.clock ?? systemClock;
		this.#http = options.http ?? createHttpClient({retries: 0});
		this.#log = options.onLog ?? (() => undefined);
		this.#signal = options.signal ? AbortSignal.any([options.signal, this.#stop.signal]) : this.#stop.signal;
		this.#signal.addEventListener('abort', () => this.#notify(), {once: true});
		const run = running.then(() => this.#run());
		running = run.catch(() => undefined);
		this.#done = run;
	}

	/**
	 * The cache may hold new papers (a source has saved): look for them, within POKE_MS. Pokes in
	 * that time are one look: a refresh of 500 sources pokes 500 times, and each look is a query
	 * per service on the thread that also sends the sources' requests.
	 */
	poke(): void {
		if (this.#poked !== undefined || this.#finishing) return;
		this.#poked = setTimeout(() => {
			this.#poked = undefined;
			this.#notify();
		}, POKE_MS);
	}

	#poked: NodeJS.Timeout | undefined;

	/**
	 * No more pokes: ask about what is waiting, then end. Within `graceMs` (default: no limit)
	 * whatever is still under way or waiting for its turn is abandoned for a later run.
	 */
	finish(graceMs = Number.POSITIVE_INFINITY): Promise<EnrichResult> {
		if (!this.#finishing) {
			this.#finishing = true;
			clearTimeout(this.#poked);
			this.#poked = undefined;
			if (Number.isFinite(graceMs)) {
				this.#deadline = setTimeout(() => {
					this.#cutShort = true;
					this.#stop.abort(new Error('metadata: out of time'));
				}, Math.max(0, graceMs));
			}
			this.#notify();
		}
		return this.#done;
	}

	#notify(): void {
		this.#generation++;
		const waiters = this.#waiters;
		this.#waiters = [];
		for (const wake of waiters) wake();
	}

	/** Resolves at the next change (or after `timeoutMs`). */
	#changed(timeoutMs?: number): Promise<void> {
		if (this.#signal.aborted) return Promise.resolve();
		return new Promise(resolve => {
			this.#waiters.push(resolve);
			if (timeoutMs !== undefined) setTimeout(resolve, Math.max(1, timeoutMs)).unref?.();
		});
	}

	/**
	 * Whether a request of `count` new papers (fewer than a full one) should wait for more: only
	 * while the sources run, for papers they brought, for at most the service's linger time.
	 */
	#hold(service: 'arxiv' | 's2', count: number, full: number): boolean {
		if (this.#finishing || !this.#scan[service].incremental || count >= full) return false;
		const since = (this.#holding[service] ??= performance.now());
		return performance.now() - since < LINGER_MS[service];
	}

	#holdLeft(service: MetaService): number {
		if (service === 'crossref') return 0;
		const since = this.#holding[service];
		return since === undefined ? 0 : LINGER_MS[service] - (performance.now() - since);
	}

	#iso(): string {
		return new Date(this.#clock.now()).toISOString();
	}

	#enabled(): MetaService[] {
		const {settings} = this.#options;
		return SERVICES.filter(s => (s === 'arxiv' ? Boolean(settings.arxivApi) : s === 's2' ? Boolean(settings.semanticScholarApi) : Boolean(settings.crossrefApi && settings.semanticScholarApi)));
	}

	async #run(): Promise<EnrichResult> {
		const services = this.#enabled();
		try {
			// Papers merged by sources since the last run take their metadata along first.
			this.#sweep();
			this.#s2Running = services.includes('s2');
			const loops = services.map(service => this.#loop(service));
			await Promise.all(loops);
			this.#sweep();
		} finally {
			clearTimeout(this.#deadline);
		}
		return this.#result(services);
	}

	#sweep(): void {
		try {
			this.#store.transaction(() => followMergedMeta(this.#store.db, this.#iso()));
		} catch {
			// Locked past the busy timeout: the next run moves them.
		}
	}

	#result(services: readonly MetaService[]): EnrichResult {
		const enriched = new Set<string>();
		for (const s of SERVICES) for (const id of this.#state[s].described) enriched.add(id);
		const requests = SERVICES.reduce((n, s) => n + this.#state[s].requests, 0);
		let remaining = 0;
		// A run that sent nothing, failed nowhere and was not cut short found nothing to ask: no count
		// (a scan of every paper) needed.
		if (requests > 0 || this.#errors.length > 0 || this.#cutShort) {
			try {
				remaining = countLeft(this.#store.db, services);
			} catch {
				// The cache is failing; the count is only for the summary line.
			}
		}
		return {
			requests,
			enriched: [...enriched],
			missing: [...this.#missing],
			invalid: [...this.#invalid],
			failed: [...this.#failed],
			remaining,
			error: this.#errors.length > 0 ? this.#errors.join('; ') : null,
			services: Object.fromEntries(SERVICES.map(s => [s, {requests: this.#state[s].requests, described: this.#state[s].described.size}])) as Record<MetaService, ServiceOutcome>,
			arxivMissing: this.#arxivMissing,
			cutShort: this.#cutShort,
		};
	}

	async #loop(service: MetaService): Promise<void> {
		const step = {arxiv: () => this.#arxivStep(), s2: () => this.#s2Step(), crossref: () => this.#crossrefStep()}[service];
		try {
			for (;;) {
				if (this.#signal.aborted) return;
				const generation = this.#generation;
				let outcome: Step;
				try {
					outcome = await step();
				} catch (error) {
					// The cache failed (locked past the busy timeout, closed): this service stops for the run.
					if (!this.#signal.aborted) this.#errors.push(`${SERVICE_NAME[service]}: ${describeError(error)}`);
					return;
				}
				if (outcome === 'stop') return;
				if (outcome === 'sent') continue;
				if (outcome === 'hold') {
					if (generation === this.#generation) await this.#changed(this.#holdLeft(service));
					continue;
				}
				// Crossref waits for Semantic Scholar: its "not found" DOIs are Crossref's work.
				const settled = service !== 'crossref' || !this.#s2Running;
				if (this.#finishing && settled && generation === this.#generation) return;
				if (generation === this.#generation) await this.#changed();
			}
		} finally {
			if (service === 's2') {
				this.#s2Running = false;
				this.#notify();
			}
		}
	}

	/** Up to `limit` papers the service is to be asked about now (see #scan). */
	#pending(service: MetaService, limit: number): string[] {
		const db = this.#store.db;
		const scan = this.#scan[service];
		const top = lastPaperRowid(db);
		const ids = pendingLookups(db, service, this.#iso(), limit, {skip: this.#state[service].done, ...(scan.incremental ? {afterRowid: scan.after} : {})});
		// Nothing waits among the papers scanned: from now on only papers stored later can.
		if (ids.length === 0) {
			scan.incremental = true;
			scan.after = top;
		}
		return ids;
	}

	/** The server asked to wait (Retry-After) until a time not yet reached: one error, the service stops. */
	#paused(service: MetaService): boolean {
		const until = Number(getAppState(this.#store.db, PAUSE_KEY[service]) ?? NaN);
		if (!Number.isFinite(until) || until <= this.#clock.now()) return false;
		const name = service === 'arxiv' ? 'arXiv API' : SERVICE_NAME[service];
		this.#errors.push(`${name} asked to wait until ${new Date(until).toISOString()}`);
		return true;
	}

	#pause(service: MetaService, error: unknown): void {
		const ms = (error as {retryAfterMs?: unknown}).retryAfterMs;
		if (typeof ms === 'number' && ms > 0) setAppState(this.#store.db, PAUSE_KEY[service], String(this.#clock.now() + Math.min(ms, MAX_SERVER_PAUSE_MS)));
	}

	#gate(service: 'arxiv' | 's2'): RateGate {
		const key = LAST_REQUEST_KEY[service];
		const make = (interval: number) =>
			new RateGate(this.#clock, interval, {
				get: () => {
					const v = Number(getAppState(this.#store.db, key) ?? NaN);
					return Number.isFinite(v) ? v : undefined;
				},
				set: ms => setAppState(this.#store.db, key, String(ms)),
			});
		if (service === 'arxiv') return (this.#arxivGate ??= make(this.#options.intervalMs ?? ARXIV_INTERVAL_MS));
		return (this.#s2Gate ??= make(this.#options.s2IntervalMs ?? S2_INTERVAL_MS));
	}

	/** Waits for the service's turn; null when the run ended meanwhile. */
	async #turn(service: 'arxiv' | 's2'): Promise<number | null> {
		try {
			return await this.#gate(service).take(this.#signal);
		} catch {
			return null;
		}
	}

	/** Records ids a service does not know, to be asked again after the service's delay. */
	#notFound(service: MetaService, ids: readonly string[], message: string): void {
		const db = this.#store.db;
		const now = this.#iso();
		const {base, max} = MISSING_RETRY[service];
		for (const id of ids) {
			const attempts = lookupAttempts(db, service, id) + 1;
			const delay = Math.min(max, base * 2 ** Math.min(20, attempts - 1));
			const retryAfter = new Date(this.#clock.now() + delay).toISOString();
			recordLookups(db, service, [id], {status: 'missing', error: message, retryAfter}, now);
			markPaperMeta(db, [id], {status: 'missing', error: message, retryAfter}, now);
			this.#missing.add(id);
		}
	}

	/** Records a failed request: its ids are asked again on the next run; the service stops. */
	async #requestFailed(service: MetaService, ids: readonly string[], error: unknown): Promise<'stop'> {
		const message = describeError(error);
		this.#errors.push(message);
		this.#store.transaction(() => this.#pause(service, error));
		await this.#inSlices(ids, slice => {
			recordLookups(this.#store.db, service, slice, {status: 'failed', error: message}, this.#iso());
			markPaperMeta(this.#store.db, slice, {status: 'failed', error: message, retryAfter: null}, this.#iso());
		});
		for (const id of ids) this.#failed.add(id);
		return 'stop';
	}

	/**
	 * Writes `items` a slice at a time, a transaction each, letting the event loop run in between:
	 * an answer about 100 papers (their metadata, search text and own mentions) written at once held
	 * the thread for a tenth of a second or more, while a refresh's sources waited to send their
	 * next requests. A slice is whole or not at all; what a crash leaves unwritten is asked again.
	 */
	async #inSlices<T>(items: readonly T[], write: (slice: readonly T[]) => void): Promise<void> {
		for (let i = 0; i < items.length; i += WRITE_SLICE) {
			if (i > 0) await new Promise(resolve => setImmediate(resolve));
			this.#store.transaction(() => write(items.slice(i, i + WRITE_SLICE)));
		}
	}

	#describe(service: MetaService, asked: string, meta: Omit<PaperMeta, 'id'> & {ids?: readonly string[]}): void {
		const canonical = saveServiceAnswer(this.#store.db, {service, asked, meta}, this.#iso());
		this.#state[service].described.add(canonical);
	}

	// ------------------------------------------------------------ arXiv API

	async #arxivStep(): Promise<Step> {
		const state = this.#state.arxiv;
		const db = this.#store.db;
		if (state.requests >= Math.max(0, this.#options.maxRequests ?? DEFAULT_MAX_REQUESTS)) return 'stop';
		const batchSize = Math.max(1, this.#options.batchSize ?? DEFAULT_BATCH_SIZE);
		const waiting = this.#pending('arxiv', batchSize).length;
		if (waiting === 0) return 'idle';
		if (this.#hold('arxiv', waiting, batchSize)) return 'hold';
		if (this.#paused('arxiv')) return 'stop';
		const started = await this.#turn('arxiv');
		if (started === null) return 'stop';
		// Picked after the wait: what the sources stored meanwhile goes along.
		const ids = this.#pending('arxiv', batchSize);
		if (ids.length === 0) return 'idle';
		delete this.#holding.arxiv;
		state.requests++;
		this.#log(`arXiv: asking for ${ids.length} paper(s)`);
		let response;
		try {
			response = await fetchArxivBatch(this.#http, this.#options.settings.arxivApi, ids, this.#signal);
			this.#gate('arxiv').answered(started);
		} catch (error) {
			// An HTTP status means the request reached the server: it counts for the interval everywhere.
			// So may one abandoned at the end of the run.
			if (typeof (error as {status?: unknown}).status === 'number' || this.#signal.aborted) this.#gate('arxiv').answered(started);
			if (this.#signal.aborted) return 'stop';
			for (const id of ids) state.done.add(id);
			// ArxivRequestError and the HTTP client's HttpError both carry the server's Retry-After.
			return this.#requestFailed('arxiv', ids, error);
		}
		const asked = new Set(ids);
		const entries = response.entries.filter(e => asked.has(e.id));
		await this.#inSlices(entries, slice => {
			for (const entry of slice) {
				// The arXiv API names the published version's DOI when the authors gave it.
				const linked = entry.doi ? new IdCollector().doi(entry.doi).ids() : [];
				const {id, ...meta} = entry;
				this.#describe('arxiv', id, {...meta, venue: null, ids: [id, ...linked]});
				state.done.add(id);
			}
		});
		if (response.errors.length > 0) {
			// A malformed id fails the whole request: drop the ids the API names, ask again for the rest.
			const byRaw = new Map(ids.map(id => [rawArxivId(id).toLowerCase(), id]));
			const bad = response.errors.flatMap(e => {
				const id = e.rawId === null ? undefined : byRaw.get(e.rawId.toLowerCase());
				return id === undefined ? [] : [id];
			});
			if (bad.length === 0) {
				const rest = ids.filter(id => !state.done.has(id));
				for (const id of rest) state.done.add(id);
				return this.#requestFailed('arxiv', rest, new Error(`arXiv API: ${response.errors[0]!.message}`));
			}
			const message = response.errors.map(e => e.message).join('; ');
			this.#store.transaction(() => {
				recordLookups(db, 'arxiv', bad, {status: 'invalid', error: message}, this.#iso());
				markPaperMeta(db, bad, {status: 'invalid', error: message, retryAfter: null}, this.#iso());
			});
			for (const id of bad) {
				this.#invalid.add(id);
				state.done.add(id);
			}
			return 'sent';
		}
		const unknown = ids.filter(id => !state.done.has(id));
		this.#store.transaction(() => this.#notFound('arxiv', unknown, 'not found by the arXiv API'));
		this.#arxivMissing += unknown.length;
		for (const id of unknown) state.done.add(id);
		return 'sent';
	}

	// ------------------------------------------------------------ Semantic Scholar

	async #s2Step(): Promise<Step> {
		const state = this.#state.s2;
		const db = this.#store.db;
		const {settings} = this.#options;
		if (state.requests >= Math.max(0, this.#options.s2MaxRequests ?? S2_MAX_REQUESTS)) return 'stop';
		const size = Math.min(S2_BATCH_LIMIT, Math.max(1, this.#options.s2BatchSize ?? S2_BATCH_LIMIT));
		if (this.#s2Split.length === 0) {
			const waiting = this.#pending('s2', size).length;
			if (waiting === 0) return 'idle';
			if (this.#hold('s2', waiting, size)) return 'hold';
		}
		if (this.#paused('s2')) return 'stop';
		const started = await this.#turn('s2');
		if (started === null) return 'stop';
		const batch = this.#s2Split.shift() ?? s2BatchIds(this.#pending('s2', size));
		if (batch.length === 0) return 'idle';
		const ids = batch.map(r => r.paperId);
		delete this.#holding.s2;
		for (const id of ids) state.done.add(id);
		state.requests++;
		this.#log(`Semantic Scholar: asking for ${ids.length} paper(s)`);
		let answers;
		try {
			answers = await fetchS2Batch(this.#http, batch, {api: settings.semanticScholarApi!, key: settings.semanticScholarKey, signal: this.#signal});
			this.#gate('s2').answered(started);
		} catch (error) {
			const status = (error as {status?: unknown}).status;
			if (typeof status === 'number' || this.#signal.aborted) this.#gate('s2').answered(started);
			if (this.#signal.aborted) return 'stop';
			if (status === 400) {
				// One malformed id fails the whole batch: halve it until the id is alone, then drop that id.
				if (batch.length > 1) {
					const half = Math.ceil(batch.length / 2);
					this.#s2Split.unshift(batch.slice(0, half), batch.slice(half));
				} else {
					this.#store.transaction(() => {
						recordLookups(db, 's2', ids, {status: 'invalid', error: describeError(error)}, this.#iso());
						markPaperMeta(db, ids, {status: 'invalid', error: describeError(error), retryAfter: null}, this.#iso());
					});
					for (const id of ids) this.#invalid.add(id);
				}
				return 'sent';
			}
			return this.#requestFailed('s2', ids, error);
		}
		let unknownDoi = false;
		await this.#inSlices(
			answers.filter(a => a.meta !== null),
			slice => {
				for (const answer of slice) this.#describe('s2', answer.id, serviceMeta(answer.meta!));
			},
		);
		this.#store.transaction(() => {
			const unknown = answers.filter(a => a.meta === null).map(a => a.id);
			this.#notFound('s2', unknown, 'not found by Semantic Scholar');
			for (const id of unknown) if (id.startsWith('doi:')) this.#crossrefQueue.push(id);
			unknownDoi = unknown.some(id => id.startsWith('doi:'));
		});
		// Crossref's turn for the DOIs Semantic Scholar does not know.
		if (unknownDoi) this.#notify();
		return 'sent';
	}

	// ------------------------------------------------------------ Crossref

	async #crossrefStep(): Promise<Step> {
		const state = this.#state.crossref;
		const db = this.#store.db;
		if (state.requests >= Math.max(0, this.#options.crossrefMaxRequests ?? CROSSREF_MAX_REQUESTS)) return 'stop';
		let id: string | undefined;
		while (id === undefined && this.#crossrefQueue.length > 0) {
			const next = this.#crossrefQueue.shift()!;
			id = pendingLookups(db, 'crossref', this.#iso(), 1, {skip: state.done, only: [next]})[0];
		}
		id ??= this.#pending('crossref', 1)[0];
		if (id === undefined) return 'idle';
		if (this.#paused('crossref')) return 'stop';
		state.done.add(id);
		state.requests++;
		this.#log(`Crossref: asking for ${id}`);
		let meta: PaperMetaLike | null;
		try {
			meta = await fetchCrossrefWork(this.#http, id.slice('doi:'.length), {api: this.#options.settings.crossrefApi!, signal: this.#signal});
		} catch (error) {
			if (this.#signal.aborted) return 'stop';
			return this.#requestFailed('crossref', [id], error);
		}
		this.#store.transaction(() => {
			if (meta === null) this.#notFound('crossref', [id], 'not found by Crossref');
			else this.#describe('crossref', id, serviceMeta(meta));
		});
		return 'sent';
	}
}

/** Semantic Scholar's or Crossref's description in the shape paper_meta keeps. */
function serviceMeta(meta: PaperMetaLike): Omit<PaperMeta, 'id'> & {ids: string[]} {
	return {
		title: meta.title,
		authors: meta.authors,
		abstract: meta.abstract,
		category: null,
		published: meta.date,
		updated: null,
		version: null,
		doi: meta.ids.find(id => id.startsWith('doi:'))?.slice('doi:'.length) ?? null,
		journalRef: null,
		venue: meta.venue,
		ids: meta.ids,
	};
}

/** Starts a run (after any run still going on in this process); see MetadataRun. */
export function startMetadata(options: EnrichOptions): MetadataRun {
	return new MetadataRun(options);
}

/** One whole run: every service asked about what waits, within its per-run limits. */
export function enrichPapers(options: EnrichOptions): Promise<EnrichResult> {
	return startMetadata(options).finish();
}

/** One line for stderr or a status line, or null when there is nothing worth saying. */
export function describeEnrichment(result: EnrichResult): string | null {
	const parts: string[] = [];
	const described = SERVICES.filter(s => result.services[s].described > 0).map(s => [result.services[s].described, SERVICE_NAME[s]] as const);
	if (described.length > 0) parts.push(described.map(([n, name], i) => (i === 0 ? `${n} paper(s) described by ${name}` : `${n} by ${name}`)).join(', '));
	if (result.arxivMissing > 0) parts.push(`${result.arxivMissing} not found on arXiv`);
	if (result.invalid.length > 0) parts.push(`${result.invalid.length} rejected as malformed`);
	if (result.error) parts.push(result.error);
	if (result.remaining > 0 && (result.error || result.requests > 0 || result.cutShort)) parts.push(`${result.remaining} left for a later refresh`);
	return parts.length > 0 ? `paper metadata: ${parts.join('; ')}` : null;
}

export interface RefreshMetadata {
	/** A source has saved: look for the papers it brought. */
	poke(): void;
	/**
	 * The sources are done: what is left within `graceMs` is abandoned for a later run. Writes the
	 * outcome as one line; never throws.
	 */
	finish(graceMs?: number): Promise<EnrichResult | undefined>;
}

/**
 * What `refresh` runs alongside its sources: a metadata run with the real clock, its outcome as
 * one line on `write` (stderr) once finished. Never throws and never changes the refresh's exit code.
 */
export function metadataDuringRefresh(options: Omit<EnrichOptions, 'onLog'> & {write: (line: string) => void}): RefreshMetadata {
	let run: MetadataRun | undefined;
	let startError: unknown;
	try {
		run = startMetadata(options);
	} catch (error) {
		startError = error;
	}
	return {
		poke: () => run?.poke(),
		async finish(graceMs = REFRESH_GRACE_MS) {
			try {
				if (run === undefined) throw startError;
				const result = await run.finish(graceMs);
				const line = describeEnrichment(result);
				if (line) options.write(result.error ? `research-feed: ${line}\n` : `${line}.\n`);
				return result;
			} catch (error) {
				options.write(`research-feed: paper metadata: ${describeError(error)}; asked again on the next refresh\n`);
				return undefined;
			}
		},
	};
}
