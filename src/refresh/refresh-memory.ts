/**
 * A refresh's process keeps its peak memory down. An all-new refresh of 500 sources makes
 * garbage in bursts (parsed pages, the Bluesky client's lexicon objects, DOM trees) that outlives
 * young-generation collections; V8 then let the old generation grow to about twice what was live
 * before collecting it. Holding growth to 1.5× cost a few percent of time (1.25× cost far more for
 * little); what that saves is in the README's Performance table ("refresh peak RSS").
 *
 * The page cache follows the cache file: a quarter of its size, from 4 MB up to 64 MB, set again
 * as a refresh writes. A large import writes its items at random places of half a dozen indexes
 * (the item and paper ids, dates, the papers index), and a batch of sources' writes (write-batch.ts)
 * costs little only while the pages they change stay in the cache: with a smaller cache each of
 * them is written out and read back again within the batch (bench/store-write.ts measures it). An
 * ordinary refresh of a small cache keeps the 4 MB that keep its peak down.
 *
 * Only for processes that exist for a refresh: the `refresh` command and the timeline's refresh
 * child. The timeline's own process keeps V8's defaults (its keys are answered between collections).
 */
import v8 from 'node:v8';
import type {Store} from '../store/store.js';

/** Old-space limit after a full collection: what is live plus this percentage (V8 flag, read at each collection). */
export const REFRESH_HEAP_GROWING_PERCENT = 50;
/** The refresh's SQLite page cache, least and most (better-sqlite3 builds SQLite with 16 MB per connection). */
export const REFRESH_PAGE_CACHE_KIB = {least: 4000, most: 65_536} as const;

/** The page cache for a cache file of `bytes`: a quarter of it, within REFRESH_PAGE_CACHE_KIB. */
export function pageCacheKib(bytes: number): number {
	return Math.min(REFRESH_PAGE_CACHE_KIB.most, Math.max(REFRESH_PAGE_CACHE_KIB.least, Math.round(bytes / 4 / 1024)));
}

/** Sets the connection's page cache for the file's size now (cheap: two pragmas; a no-op when unchanged). */
export function fitPageCache(store: Store): void {
	const bytes = (store.db.pragma('page_count', {simple: true}) as number) * (store.db.pragma('page_size', {simple: true}) as number);
	const kib = pageCacheKib(bytes);
	if (store.db.pragma('cache_size', {simple: true}) !== -kib) store.db.pragma(`cache_size = -${kib}`);
}

export function keepRefreshMemorySmall(store: Store): void {
	v8.setFlagsFromString(`--heap-growing-percent=${REFRESH_HEAP_GROWING_PERCENT}`);
	fitPageCache(store);
}
