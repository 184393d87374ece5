/**
 * Feed parsing on worker threads, for a refresh that fetches many feeds. A first import of a few
 * hundred feeds parses tens of megabytes of XML, and the one thread that parses also writes the
 * cache and answers the sockets: with the parsing on another core, the writing goes on meanwhile.
 * A small refresh parses in its own thread (a worker costs its start-up).
 *
 * The workers run parse-worker.js from the bundle's folder; run from source (tsx, in tests) there
 * is none, and parsing stays in the refresh's thread. A worker that dies (out of memory, say) has
 * the documents it held parsed again in this thread, and so are those after the last one died:
 * a source never fails for the pool's sake. Workers never keep the process alive.
 */
import {existsSync} from 'node:fs';
import {availableParallelism} from 'node:os';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import type {FeedEntry} from '../parse/feed.js';
import {type FeedDocument, parseFeedDocument} from '../parse/feed-document.js';
import type {AdapterParsers} from '../sources/types.js';

export interface ParseRequest {
	id: number;
	bytes: Uint8Array;
	url: string;
	contentType: string | undefined;
	/** ISO time. */
	now: string;
}

export type ParseReply = {id: number; entries: FeedEntry[]} | {id: number; error: {name: string; message: string}};

/** From this many feeds in a refresh, their parsing goes to worker threads. */
export const PARSE_POOL_MIN_FEEDS = 40;

/** The worker script beside this module in the bundle; null when run from source. */
function workerFile(): string | null {
	const file = fileURLToPath(new URL('./parse-worker.js', import.meta.url));
	return import.meta.url.endsWith('.ts') || !existsSync(file) ? null : file;
}

/** Cores below which the refresh parses in its own thread whatever its size. */
export const PARSE_POOL_MIN_CORES = 4;

/**
 * How many worker threads a refresh of `feeds` feeds gets on `cores` cores: none when small or
 * on fewer than PARSE_POOL_MIN_CORES cores, else the cores less two (the refresh's own thread, and
 * the rest of the machine), at most two. On two cores a worker competes with the writing thread
 * and whatever else runs, and adds its own heap to the refresh's peak: an import of 100,000
 * entries was about a fifth faster on an idle 2-core machine, at about 60 MB more memory, and
 * slower when the machine was busy. `override` (the hidden RESEARCH_FEED_PARSE_THREADS) decides alone.
 */
export function parseThreads(feeds: number, override?: number, cores = availableParallelism()): number {
	if (override !== undefined) return override;
	if (feeds < PARSE_POOL_MIN_FEEDS || cores < PARSE_POOL_MIN_CORES) return 0;
	return Math.min(2, cores - 2);
}

interface Pending {
	doc: FeedDocument;
	resolve: (entries: FeedEntry[]) => void;
	reject: (error: unknown) => void;
}

interface PoolWorker {
	worker: Worker;
	pending: Map<number, Pending>;
}

export class ParsePool implements AdapterParsers {
	readonly #workers: PoolWorker[] = [];
	#nextId = 0;

	/** A pool of `threads` workers, or null when there are none to start (none asked, or no worker script). */
	static open(threads: number): ParsePool | null {
		const file = workerFile();
		if (threads <= 0 || file === null) return null;
		const pool = new ParsePool();
		for (let i = 0; i < threads; i++) pool.#start(file);
		return pool;
	}

	#start(file: string): void {
		const entry: PoolWorker = {worker: new Worker(file), pending: new Map()};
		entry.worker.unref();
		entry.worker.on('message', (reply: ParseReply) => {
			const waiting = entry.pending.get(reply.id);
			if (waiting === undefined) return;
			entry.pending.delete(reply.id);
			if ('entries' in reply) waiting.resolve(reply.entries);
			else waiting.reject(Object.assign(new Error(reply.error.message), {name: reply.error.name}));
		});
		const died = (): void => {
			const index = this.#workers.indexOf(entry);
			if (index !== -1) this.#workers.splice(index, 1);
			for (const waiting of entry.pending.values()) parseFeedDocument(waiting.doc).then(waiting.resolve, waiting.reject);
			entry.pending.clear();
		};
		entry.worker.on('error', died);
		entry.worker.on('exit', died);
		this.#workers.push(entry);
	}

	feed(doc: FeedDocument): Promise<FeedEntry[]> {
		// The least busy worker; none left (they died): this thread.
		const entry = this.#workers.reduce<PoolWorker | undefined>((best, w) => (best === undefined || w.pending.size < best.pending.size ? w : best), undefined);
		if (entry === undefined) return parseFeedDocument(doc);
		const id = this.#nextId++;
		// A compact copy whose memory moves to the worker (the response's bytes may be a view of a larger buffer).
		const bytes = doc.bytes.slice();
		const request: ParseRequest = {id, bytes, url: doc.url, contentType: doc.contentType, now: doc.now.toISOString()};
		return new Promise((resolve, reject) => {
			entry.pending.set(id, {doc, resolve, reject});
			entry.worker.postMessage(request, [bytes.buffer]);
		});
	}

	/** Stops the workers (at the end of a refresh: nothing is pending then). */
	close(): void {
		for (const {worker} of this.#workers.splice(0)) void worker.terminate();
	}
}
