/**
 * The seam between the Ink UI and everything else. The UI reads through `FeedModel` and
 * dispatches through it; it never touches SQLite, HTTP or the config directly.
 * The real implementation (src/app/sqlite-model.ts) wraps the store and the refresh
 * orchestrator; tests may use it over a temporary SQLite file.
 */
import type {Item, Paper, SourceKind, SourceResult} from '../domain/types.js';

export interface TimelineQuery {
	/** Live filter over text, titles, researchers and paper titles (case-insensitive substring). */
	search?: string;
	/** Configured researcher NAME (case-insensitive). */
	researcher?: string;
	unreadOnly?: boolean;
	starredOnly?: boolean;
}

export interface SourceStatus {
	researcher: string;
	source: SourceKind;
	target: string;
	lastAttempt: string | null;
	lastSuccess: string | null;
	lastError: string | null;
	itemCount: number;
}

export interface RefreshProgress {
	running: boolean;
	done: number;
	total: number;
	/** Results of the last finished refresh (empty before the first). */
	results: SourceResult[];
	/** When the last refresh finished (ISO), or null. */
	finishedAt: string | null;
}

export interface FeedModel {
	/** Number of items matching the query. Must be cheap (one indexed COUNT). */
	count(query: TimelineQuery): number;
	/** Items `offset .. offset+limit` of the query, newest first. Cost grows with `limit`, not with the cache. */
	window(query: TimelineQuery, offset: number, limit: number): Item[];
	/** Index of the item in the query's ordering, or -1. Used to keep the selection on an item across updates. */
	indexOf(query: TimelineQuery, itemId: string): number;
	item(itemId: string): Item | undefined;
	researcherNames(): string[];
	papers(options?: {researcher?: string; search?: string}): Paper[];
	sources(): SourceStatus[];

	setRead(itemId: string, read: boolean): void;
	setStarred(itemId: string, starred: boolean): void;

	/** Start a background refresh unless one is running. Never blocks the caller. */
	refresh(): void;
	refreshProgress(): RefreshProgress;

	/** Called whenever data or refresh progress changes. Returns an unsubscribe function. */
	subscribe(listener: () => void): () => void;
	/** A number that changes whenever the data changes (for useSyncExternalStore). */
	version(): number;
}
