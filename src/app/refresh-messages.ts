/**
 * What the refresh child process (refresh-child.ts) tells the timeline over its IPC channel, one
 * message per event, in order. Plain JSON: nothing here is a class or a function.
 */
import type {SourceResult} from '../domain/types.js';

/** Where the child finds config.json and cache.db: the parent's own resolved paths (`--home` included). */
export interface RefreshChildPaths {
	configDir: string;
	cacheFile: string;
	/** Leave out the Bluesky sources the live stream follows (it stands in for their author feeds). */
	skipLiveBluesky?: boolean;
}

export type RefreshChildMessage =
	/** A source finished; `done` of `total` sources are over. */
	| {type: 'result'; result: SourceResult; done: number; total: number}
	/** Every source is over (arXiv metadata may still be coming). */
	| {type: 'done'; results: SourceResult[]}
	/** arXiv metadata arrived for this many papers. */
	| {type: 'enriched'; papers: number}
	/** The refresh could not run at all (the config or the cache would not open): one line. */
	| {type: 'failed'; error: string};

/** The child's messages come from our own code, but a crash or a mismatched build is still possible: checked, not trusted. */
export function isRefreshChildMessage(value: unknown): value is RefreshChildMessage {
	if (typeof value !== 'object' || value === null) return false;
	const m = value as {type?: unknown; [key: string]: unknown};
	switch (m.type) {
		case 'result':
			return isSourceResult(m['result']) && typeof m['done'] === 'number' && typeof m['total'] === 'number';
		case 'done':
			return Array.isArray(m['results']) && m['results'].every(isSourceResult);
		case 'enriched':
			return typeof m['papers'] === 'number';
		case 'failed':
			return typeof m['error'] === 'string';
		default:
			return false;
	}
}

function isSourceResult(value: unknown): value is SourceResult {
	if (typeof value !== 'object' || value === null) return false;
	const r = value as Record<string, unknown>;
	return (
		typeof r['researcher'] === 'string' &&
		typeof r['source'] === 'string' &&
		typeof r['target'] === 'string' &&
		typeof r['ok'] === 'boolean' &&
		typeof r['newItems'] === 'number' &&
		(r['error'] === null || typeof r['error'] === 'string')
	);
}
