/**
 * Paper enrichment: every arXiv paper seen anywhere gets its title, authors, abstract, primary
 * category and first-version date from the arXiv API.
 *
 * - Batched: up to `batchSize` ids per request (`id_list`).
 * - Polite: at most one request every `intervalMs` (3 s, arXiv's terms), across processes (the
 *   time of the last request is kept in the cache), one request at a time.
 * - Cached for ever: a paper with metadata, or one the API rejected as malformed, is never asked
 *   for again. A paper the API does not know (yet) is asked again after a growing delay
 *   (1 h, 2 h, 4 h, … up to a week); papers of a failed request on the next run.
 * - Bounded: at most `maxRequests` requests per run (the rest waits for the next refresh); the
 *   first failed request ends the run. Never throws for network or server trouble: the outcome
 *   says what happened, so a refresh can report it without failing.
 */
import type {PaperMeta} from '../domain/types.js';
import {type Clock, systemClock} from '../net/clock.js';
import {createHttpClient, type HttpClient} from '../net/http.js';
import {describeError} from '../refresh/errors.js';
import {countPendingArxivPapers, getAppState, paperMetaAttempts, pendingArxivPapers, setAppState} from '../store/paper-meta.js';
import type {Store} from '../store/store.js';
import {fetchArxivBatch, rawArxivId} from './arxiv-client.js';
import {RateGate} from './rate-gate.js';

export const ARXIV_INTERVAL_MS = 3000;
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_MAX_REQUESTS = 5;
const MISSING_RETRY_BASE_MS = 60 * 60 * 1000;
const MISSING_RETRY_MAX_MS = 7 * 24 * 60 * 60 * 1000;
/** Longest pause a Retry-After header can impose on the next runs. */
const MAX_SERVER_PAUSE_MS = 60 * 60 * 1000;

const LAST_REQUEST_KEY = 'arxiv.lastRequestMs';
const PAUSE_KEY = 'arxiv.notBeforeMs';

export interface EnrichOptions {
	store: Store;
	/**
	 * Default: a client of its own without automatic retries. A client that retries by itself
	 * would send retries closer together than the 3 s the gate keeps between requests.
	 */
	http?: HttpClient;
	/** `settings.arxivApi` (the `arxiv.api` setting or RESEARCH_FEED_ARXIV_API). */
	settings: {arxivApi: string};
	clock?: Clock;
	signal?: AbortSignal;
	batchSize?: number;
	maxRequests?: number;
	intervalMs?: number;
	/** Progress lines ("arXiv: 3 papers"). */
	onLog?: (message: string) => void;
}

export interface EnrichResult {
	/** Requests sent to the API in this run. */
	requests: number;
	/** Papers that got metadata. */
	enriched: string[];
	/** Papers the API does not know (asked again later). */
	missing: string[];
	/** Papers the API rejected as malformed ids (never asked again). */
	invalid: string[];
	/** Papers whose request failed (asked again on the next run). */
	failed: string[];
	/** Papers still without metadata after this run (due now or later). */
	remaining: number;
	/** Why the run stopped early (a failed request, or the server asked to wait), else null. */
	error: string | null;
}

/** One run at a time per process: a second caller waits for the first to finish. */
let running: Promise<unknown> = Promise.resolve();

export function enrichPapers(options: EnrichOptions): Promise<EnrichResult> {
	const run = running.then(() => enrichOnce(options));
	running = run.catch(() => undefined);
	return run;
}

async function enrichOnce(options: EnrichOptions): Promise<EnrichResult> {
	const {store} = options;
	const http = options.http ?? createHttpClient({retries: 0});
	const clock = options.clock ?? systemClock;
	const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
	const maxRequests = Math.max(0, options.maxRequests ?? DEFAULT_MAX_REQUESTS);
	const log = options.onLog ?? (() => undefined);
	const iso = () => new Date(clock.now()).toISOString();
	const result: EnrichResult = {requests: 0, enriched: [], missing: [], invalid: [], failed: [], remaining: 0, error: null};

	const pausedUntil = Number(getAppState(store.db, PAUSE_KEY) ?? NaN);
	if (Number.isFinite(pausedUntil) && pausedUntil > clock.now()) {
		result.remaining = countPendingArxivPapers(store.db);
		if (result.remaining > 0) result.error = `arXiv API asked to wait until ${new Date(pausedUntil).toISOString()}`;
		return result;
	}
	const gate = new RateGate(clock, options.intervalMs ?? ARXIV_INTERVAL_MS, {
		get: () => {
			const v = Number(getAppState(store.db, LAST_REQUEST_KEY) ?? NaN);
			return Number.isFinite(v) ? v : undefined;
		},
		set: ms => setAppState(store.db, LAST_REQUEST_KEY, String(ms)),
	});

	const done = new Set<string>();
	while (result.requests < maxRequests && !options.signal?.aborted) {
		const ids = pendingArxivPapers(store.db, iso(), batchSize + done.size)
			.filter(id => !done.has(id))
			.slice(0, batchSize);
		if (ids.length === 0) break;
		let started: number;
		try {
			started = await gate.take(options.signal);
		} catch {
			break; // aborted while waiting
		}
		result.requests++;
		log(`arXiv: asking for ${ids.length} paper(s)`);
		let response;
		try {
			response = await fetchArxivBatch(http, options.settings.arxivApi, ids, options.signal);
			gate.answered(started);
		} catch (error) {
			// An HTTP status means the request reached the server: it counts for the interval everywhere.
			if (typeof (error as {status?: unknown}).status === 'number') gate.answered(started);
			result.error = describeError(error);
			store.markPaperMeta(ids, {status: 'failed', error: result.error, retryAfter: null}, iso());
			result.failed.push(...ids);
			// ArxivRequestError and the HTTP client's HttpError both carry the server's Retry-After.
			const pause = (error as {retryAfterMs?: unknown}).retryAfterMs;
			if (typeof pause === 'number' && pause > 0) setAppState(store.db, PAUSE_KEY, String(clock.now() + Math.min(pause, MAX_SERVER_PAUSE_MS)));
			break;
		}
		const asked = new Set(ids);
		const entries: PaperMeta[] = response.entries.filter(e => asked.has(e.id));
		store.savePaperMeta(entries, iso());
		for (const e of entries) {
			result.enriched.push(e.id);
			done.add(e.id);
		}
		if (response.errors.length > 0) {
			// A malformed id fails the whole request: drop the ids the API names, ask again for the rest.
			const byRaw = new Map(ids.map(id => [rawArxivId(id).toLowerCase(), id]));
			const bad = response.errors.flatMap(e => {
				const id = e.rawId === null ? undefined : byRaw.get(e.rawId.toLowerCase());
				return id === undefined ? [] : [id];
			});
			if (bad.length === 0) {
				result.error = `arXiv API: ${response.errors[0]!.message}`;
				const rest = ids.filter(id => !done.has(id));
				store.markPaperMeta(rest, {status: 'failed', error: result.error, retryAfter: null}, iso());
				result.failed.push(...rest);
				break;
			}
			store.markPaperMeta(bad, {status: 'invalid', error: response.errors.map(e => e.message).join('; '), retryAfter: null}, iso());
			for (const id of bad) {
				result.invalid.push(id);
				done.add(id);
			}
			continue;
		}
		for (const id of ids) {
			if (done.has(id)) continue;
			const attempts = paperMetaAttempts(store.db, id) + 1;
			const delay = Math.min(MISSING_RETRY_MAX_MS, MISSING_RETRY_BASE_MS * 2 ** Math.min(20, attempts - 1));
			store.markPaperMeta(
				[id],
				{status: 'missing', error: 'not found by the arXiv API', retryAfter: new Date(clock.now() + delay).toISOString()},
				iso(),
			);
			result.missing.push(id);
			done.add(id);
		}
	}
	result.remaining = countPendingArxivPapers(store.db);
	return result;
}

/** One line for stderr or a status line, or null when there is nothing worth saying. */
export function describeEnrichment(result: EnrichResult): string | null {
	const parts: string[] = [];
	if (result.enriched.length > 0) parts.push(`${result.enriched.length} paper(s) described by arXiv`);
	if (result.missing.length > 0) parts.push(`${result.missing.length} not found on arXiv`);
	if (result.invalid.length > 0) parts.push(`${result.invalid.length} rejected as malformed`);
	if (result.error) parts.push(result.error);
	if (result.remaining > 0 && (result.error || result.requests > 0)) parts.push(`${result.remaining} left for a later refresh`);
	return parts.length > 0 ? `paper metadata: ${parts.join('; ')}` : null;
}

/**
 * What `refresh` runs after the sources: enrichment with the real clock, its outcome as one line
 * on `write` (stderr). Never throws and never changes the refresh's exit code.
 */
export async function enrichAfterRefresh(options: Omit<EnrichOptions, 'onLog'> & {write: (line: string) => void}): Promise<EnrichResult | undefined> {
	try {
		const result = await enrichPapers(options);
		const line = describeEnrichment(result);
		if (line) options.write(result.error ? `research-feed: ${line}\n` : `${line}.\n`);
		return result;
	} catch (error) {
		options.write(`research-feed: paper metadata: ${describeError(error)}; asked again on the next refresh\n`);
		return undefined;
	}
}
