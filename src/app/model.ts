/**
 * The seam between the Ink UI and everything else. The UI reads through `FeedModel` and
 * dispatches through it; it never touches SQLite, HTTP or the config directly.
 * The real implementation (src/app/sqlite-model.ts) wraps the store and the refresh
 * orchestrator; tests may use it over a temporary SQLite file.
 */
import type {AlsoShared, Item, MentionHead, Paper, PaperMeta, SourceKind, SourceResult} from '../domain/types.js';

export interface TimelineQuery {
	/** Live filter over text, titles, researchers and paper titles (case-insensitive substring). */
	search?: string;
	/** Configured researcher NAME (case-insensitive). */
	researcher?: string;
	unreadOnly?: boolean;
	/** With `unreadOnly`: this item stays in the list although read (the one just marked or opened). */
	keep?: string;
	starredOnly?: boolean;
}

/** What `markListRead` changed: how many items, and the batch `undoMarkRead` takes back. */
export interface MarkedRead {
	count: number;
	batch: number;
}

/** What the papers view lists: the researcher and search filters it shares with the timeline, and own papers. */
export interface PaperQuery {
	/** Case-insensitive substring of the paper's id, title, authors or the researchers who mentioned it. */
	search?: string;
	/** Papers this researcher (configured NAME, case-insensitive) mentioned. */
	researcher?: string;
	/** Only papers mentioned by one of their own authors (by `researcher` when given). */
	ownOnly?: boolean;
	/** Only papers not read yet (some item mentioning them is unread: see PaperRow.read). */
	unreadOnly?: boolean;
}

/** A paper as the papers view lists it, with the read and star state its items share. */
export interface PaperRow extends Paper {
	/** Every item mentioning it is read (reading a paper once reads it everywhere). */
	read: boolean;
	/** Some item mentioning it is starred. */
	starred: boolean;
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
	/** Live Bluesky (Jetstream): `live`, or why not; absent when no account is followed live. */
	live?: string;
}

/** What arrived since the previous session of the timeline last drew a frame. */
export interface Freshness {
	/** When that was (ISO); null in the first session (then nothing is "new"). */
	since: string | null;
	/** Visible items first seen after it. */
	count: number;
	/** How many items at the top of the query's list were first seen after it: the divider goes below them. */
	lead: number;
}

export const NOTHING_FRESH: Freshness = {since: null, count: 0, lead: 0};

export interface FeedModel {
	/** Number of items matching the query. Must be cheap (one indexed COUNT). */
	count(query: TimelineQuery): number;
	/** Items `offset .. offset+limit` of the query, newest first. Cost grows with `limit`, not with the cache. */
	window(query: TimelineQuery, offset: number, limit: number): Item[];
	/** Index of the item in the query's ordering, or -1. Used to keep the selection on an item across updates. */
	indexOf(query: TimelineQuery, itemId: string): number;
	item(itemId: string): Item | undefined;
	researcherNames(): string[];
	/** Every paper, as `papers --json` lists them (the UI reads windows instead: `paperWindow`). */
	papers(options?: {researcher?: string; search?: string}): Paper[];
	/** Number of papers matching the query. Cheap whatever the number of papers (an index count). */
	paperCount(query: PaperQuery): number;
	/** Papers `offset .. offset+limit` of the query, most recently mentioned first. Cost grows with `limit` only. */
	paperWindow(query: PaperQuery, offset: number, limit: number): PaperRow[];
	/** One paper with all its mentions, whatever the filters; undefined when nothing mentions it any more. */
	paper(paperId: string): PaperRow | undefined;
	/** arXiv metadata (authors, abstract, category, dates) of these papers; papers without any are absent. */
	paperMeta(paperIds: readonly string[]): Map<string, PaperMeta>;
	/** For each item, the other researchers who mentioned its papers ("also shared by …"); items nobody else shares are absent. */
	alsoSharedBy(itemIds: readonly string[]): Map<string, AlsoShared[]>;
	/** What is said about a paper: the items mentioning it (a `paper` item's view lists them). */
	paperMentions(paperId: string): MentionHead[];
	sources(): SourceStatus[];
	/** Unread visible items per researcher, by lower-cased name (the picker's counts); researchers with none are absent. */
	unreadByResearcher(): ReadonlyMap<string, number>;
	/** What is new since the previous session's last frame, for this query's list. Cheap: index reads. */
	freshness(query: TimelineQuery): Freshness;
	/** Records that the timeline drew a frame now (the next session's "since"); never throws. */
	recordLook(): void;

	setRead(itemId: string, read: boolean): void;
	setStarred(itemId: string, starred: boolean): void;
	/**
	 * Marks every unread item the query lists read, at once whatever their number (one statement,
	 * no parameter per item). The last batch is remembered for `undoMarkRead`.
	 */
	markListRead(query: TimelineQuery): MarkedRead;
	/** Marks exactly the items of the last `markListRead` batch unread again; 0 when that batch is gone. */
	undoMarkRead(batch: number): number;
	/**
	 * The id of the nearest unread item of the query after (`direction` 1, older) or before (-1,
	 * newer) the item `fromId` in timeline order; null when there is none that way.
	 */
	nextUnread(query: TimelineQuery, fromId: string | null, direction: 1 | -1): string | null;
	/** Marks every item mentioning the paper read or unread, at once (one change, one redraw). */
	setPaperRead(paperId: string, read: boolean): void;
	/** Stars or unstars every item mentioning the paper, at once. */
	setPaperStarred(paperId: string, starred: boolean): void;

	/** Start a background refresh unless one is running. Never blocks the caller. */
	refresh(): void;
	refreshProgress(): RefreshProgress;

	/** Called whenever data or refresh progress changes. Returns an unsubscribe function. */
	subscribe(listener: () => void): () => void;
	/** A number that changes whenever the data changes (for useSyncExternalStore). */
	version(): number;
}
