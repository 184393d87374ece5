/**
 * A refresh wired to the real world: the HTTP client with the fault limits, and the adapters of
 * the source kinds configured (loaded on demand: a feed-only list never loads the Bluesky client).
 * The one place the `refresh` command and the timeline's refresh process get their wiring from,
 * so the two cannot drift apart.
 */
import {createHttpClient} from '../net/http.js';
import {nowFromEnv} from '../papers/clock.js';
import {adapterLoads} from '../sources/index.js';
import type {SourceResult} from '../domain/types.js';
import type {RefreshLimits} from './limits.js';
import {refreshSources, type RefreshOptions} from './refresh.js';
import {keepRefreshMemorySmall} from './refresh-memory.js';

export type ConfiguredRefreshOptions = Omit<RefreshOptions, 'http' | 'adapters' | 'sourceTimeoutMs' | 'parseThreads'> & {
	/** Read by the caller first (limitsFromEnv), so a malformed override fails before anything runs. */
	limits: RefreshLimits;
};

export async function refreshConfigured(options: ConfiguredRefreshOptions): Promise<SourceResult[]> {
	const {limits, ...rest} = options;
	// Both callers are processes that exist for this refresh (see refresh-memory.ts).
	keepRefreshMemorySmall(options.store);
	return refreshSources({
		// RESEARCH_FEED_NOW fixes "now" for every command: the first-fetch windows of bibliography sources too.
		now: () => nowFromEnv(process.env),
		...rest,
		// One client for the whole refresh: its per-host state (turns, the unreachable memory) spans sources.
		http: createHttpClient(limits.http),
		sourceTimeoutMs: limits.sourceTimeoutMs,
		...(limits.parseThreads === undefined ? {} : {parseThreads: limits.parseThreads}),
		adapters: adapterLoads(options.researchers.flatMap(r => r.sources.map(s => s.kind))),
	});
}
