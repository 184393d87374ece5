/**
 * A refresh's process keeps its peak memory down. An all-new refresh of 500 sources makes
 * garbage in bursts (parsed pages, the Bluesky client's lexicon objects, DOM trees) that outlives
 * young-generation collections; V8 then let the old generation grow to about twice what was live
 * before collecting it (peak RSS 292 MB, ~46 MB of it the node binary's pages). On the refresh
 * benchmark's 500 mixed sources, all new (medians of 3 runs): growth held to 1.5× took the peak to
 * 206 MB for 3% more time (1.25×: 189 MB for 14% more); the smaller page cache below took it to
 * 187 MB at no measurable cost (writes commit per source; pages read again come from the OS cache).
 *
 * Only for processes that exist for a refresh: the `refresh` command and the timeline's refresh
 * child. The timeline's own process keeps V8's defaults (its keys are answered between collections).
 */
import v8 from 'node:v8';
import type {Store} from '../store/store.js';

/** Old-space limit after a full collection: what is live plus this percentage (V8 flag, read at each collection). */
export const REFRESH_HEAP_GROWING_PERCENT = 50;
/** The refresh's SQLite page cache (better-sqlite3 builds SQLite with 16 MB per connection). */
export const REFRESH_PAGE_CACHE_KIB = 4000;

export function keepRefreshMemorySmall(store: Store): void {
	v8.setFlagsFromString(`--heap-growing-percent=${REFRESH_HEAP_GROWING_PERCENT}`);
	store.db.pragma(`cache_size = -${REFRESH_PAGE_CACHE_KIB}`);
}
