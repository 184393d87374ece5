/**
 * FeedModel over the SQLite cache and the refresh orchestrator: what the Ink UI reads and
 * dispatches to. Queries are windowed (LIMIT/OFFSET over an index) so a frame costs the same
 * with 100 or 100,000 cached items. A refresh runs in the background and bumps `version()`.
 */
import type {AlsoShared, MentionHead, Paper, PaperMeta, ResearcherConfig, SourceResult} from '../domain/types.js';
import {paperMentionHeads} from '../store/paper-reads.js';
import type {Item} from '../domain/types.js';
import {sourceKey} from '../domain/identity.js';
import type {ItemFilter, ItemKey, Store} from '../store/store.js';
import {countNewSince, lastLook, newLeadCount, recordLook, unreadByResearcher} from '../store/new-since.js';
import {type FeedModel, type Freshness, type MarkedRead, NOTHING_FRESH, type PaperQuery, type PaperRow, type RefreshProgress, type SourceStatus, type TimelineQuery} from './model.js';
import {SqlitePapers} from './sqlite-papers.js';

export interface SqliteModelOptions {
	store: Store;
	researchers: () => ResearcherConfig[];
	showReplies: boolean;
	/**
	 * Runs one refresh of every source; progress is reported through the callback, with the result
	 * of the source that just finished (whether it brought new items decides what must be recounted).
	 */
	runRefresh?: (onProgress: (done: number, total: number, result?: SourceResult) => void) => Promise<SourceResult[]>;
	now?: () => Date;
}

/** A row of a window at a known position in its list: later windows of the list seek from it. */
interface Anchor {
	offset: number;
	key: ItemKey;
}

/** Refresh progress reaches the UI at most this often (see #pendingChange). */
const PROGRESS_MS = 250;
/** Windows this close to the top are read with a plain OFFSET: cheaper than any bookkeeping. */
const DIRECT_OFFSET = 200;
const MAX_ANCHORS = 32;
/** Timeline counts kept (one per query) before starting afresh. */
const MAX_COUNTS = 64;
/** Rows (and who-else-shared answers) kept per rows version before starting afresh. */
const PER_VERSION_MAX = 2000;
const NOBODY: AlsoShared[] = [];
/** A search count this large is slow to take again for a longer query (see count). */
const DEFER_COUNT_ABOVE = 2000;

export class SqliteModel implements FeedModel {
	readonly #o: SqliteModelOptions;
	readonly #listeners = new Set<() => void>();
	#version = 0;
	/**
	 * THE MODEL'S CACHES, and the two versions that invalidate them. `#version` moves with anything
	 * the UI should redraw for (refresh progress too); the caches follow two coarser ones, moved by
	 * #bump: `#rowsVersion` when items may have been added, changed or re-dated (every source a
	 * refresh finished, a read/star toggle, metadata arriving), `#countsVersion` only when what a
	 * query counts can have changed (a source that brought new items, the end of a refresh, a
	 * toggle, metadata). A refresh source that brings nothing new then costs the UI no recount.
	 *
	 * These versions, not the file's cacheVersion (store/db.ts), are the truth here: every source's
	 * commit moves the file's version, new items or not, while the model hears of every change it
	 * makes and every source its refresh child finishes. A refresh run by another process (cron's)
	 * shows at the next change the model hears of; the store's own memos see it at once.
	 *
	 * - `#countCache`: timeline counts by query. Bound MAX_COUNTS queries. Invalid once the
	 *   countsVersion moves.
	 * - `#anchors`: rows of one query at known offsets, to seek from (see window). Bound MAX_ANCHORS.
	 *   Invalid once the rowsVersion moves or another query is read.
	 * - `#cache`: Item objects and who-else-shared answers by item id (see #perVersion). Bound
	 *   PER_VERSION_MAX each. Invalid once the rowsVersion moves.
	 * - `#lastWindow`: the last window read. Bound 1. Invalid once the rowsVersion moves or another
	 *   query, offset or limit is read.
	 * - SqlitePapers' paper counts: by paper query, kept with the rowsVersion (a paper's mentions can
	 *   change without new items). Bound 64 queries.
	 */
	#rowsVersion = 0;
	#countsVersion = 0;
	readonly #countCache = new Map<string, {version: number; n: number; query: TimelineQuery}>();
	#anchors: {version: number; query: string; list: Anchor[]} = {version: -1, query: '', list: []};
	#progress: RefreshProgress = {running: false, done: 0, total: 0, results: [], finishedAt: null};

	readonly #papers: SqlitePapers;

	/** When the previous session last drew a frame: read once, so this session's own frames do not move it. */
	readonly #since: string | null;
	/** Freshness by query, and the unread counts, kept per countsVersion (bound: MAX_COUNTS queries). */
	#fresh: {version: number; byQuery: Map<string, Freshness>; unread: ReadonlyMap<string, number> | undefined} = {version: -1, byQuery: new Map(), unread: undefined};

	constructor(options: SqliteModelOptions) {
		this.#o = options;
		this.#papers = new SqlitePapers(options.store, options.showReplies);
		this.#since = lastLook(options.store.db);
	}

	#freshCache(): {byQuery: Map<string, Freshness>; unread: ReadonlyMap<string, number> | undefined} {
		if (this.#fresh.version !== this.#countsVersion || this.#fresh.byQuery.size >= MAX_COUNTS) {
			this.#fresh = {version: this.#countsVersion, byQuery: new Map(), unread: undefined};
		}
		return this.#fresh;
	}

	freshness(query: TimelineQuery): Freshness {
		const since = this.#since;
		if (since === null) return NOTHING_FRESH;
		const cache = this.#freshCache();
		const key = this.#queryKey(query);
		let known = cache.byQuery.get(key);
		if (known === undefined) {
			const db = this.#o.store.db;
			const count = countNewSince(db, since, this.#o.showReplies);
			known = {since, count, lead: count === 0 ? 0 : newLeadCount(db, this.#filter(query), since)};
			cache.byQuery.set(key, known);
		}
		return known;
	}

	unreadByResearcher(): ReadonlyMap<string, number> {
		const cache = this.#freshCache();
		cache.unread ??= unreadByResearcher(this.#o.store.db, this.#o.showReplies);
		return cache.unread;
	}

	recordLook(): void {
		try {
			recordLook(this.#o.store.db, (this.#o.now?.() ?? new Date()).toISOString());
		} catch {
			// The cache is busy (a refresh holds it) or closed: the look is recorded at the next frame
			// or exit; at worst the next session's divider sits a little higher.
		}
	}

	#filter(query: TimelineQuery): ItemFilter {
		return {
			researcher: query.researcher,
			unread: query.unreadOnly,
			keep: query.unreadOnly ? query.keep : undefined,
			starred: query.starredOnly,
			search: query.search,
			includeHidden: this.#o.showReplies,
		};
	}

	#queryKey(query: TimelineQuery): string {
		return JSON.stringify([query.search ?? '', query.researcher ?? '', query.unreadOnly === true, query.starredOnly === true, query.keep ?? '']);
	}

	/**
	 * Counted once per query and data version: the UI asks on every render.
	 *
	 * A search typed one character further matches a subset of what it matched before, and
	 * counting a common word's matches exactly costs ~12 ms at 100,000 items (every trigram of the
	 * phrase is checked against each match). Then the count of the shorter query stands in, an
	 * upper bound, and the exact one is taken after the frame with the typed character and the
	 * filtered rows is drawn; listeners hear of it as of any other change.
	 */
	count(query: TimelineQuery): number {
		const key = this.#queryKey(query);
		const known = this.#knownCount(key);
		if (known !== undefined) return known;
		const bound = this.#prefixBound(query);
		if (bound !== undefined) {
			this.#countLater(query, key);
			return bound;
		}
		return this.#countNow(query, key);
	}

	#exactCount(query: TimelineQuery): number {
		const key = this.#queryKey(query);
		return this.#knownCount(key) ?? this.#countNow(query, key);
	}

	/** The count cached for this query key in the current countsVersion, if any. */
	#knownCount(key: string): number | undefined {
		const hit = this.#countCache.get(key);
		return hit !== undefined && hit.version === this.#countsVersion ? hit.n : undefined;
	}

	#countNow(query: TimelineQuery, key: string): number {
		const n = this.#o.store.countItems(this.#filter(query));
		if (this.#countCache.size >= MAX_COUNTS) this.#countCache.clear();
		this.#countCache.set(key, {version: this.#countsVersion, n, query});
		return n;
	}

	/**
	 * The smallest count of shorter searches this one extends, when one of them matched so many
	 * items that counting again is slow (its trigrams are common ones: the cost is in their lists).
	 */
	#prefixBound(query: TimelineQuery): number | undefined {
		const needle = query.search?.trim().toLowerCase() ?? '';
		if (needle.length < 4) return undefined;
		let best: number | undefined;
		let slow = false;
		for (const c of this.#countCache.values()) {
			const q = c.query;
			if (c.version !== this.#countsVersion) continue;
			if (q.researcher !== query.researcher || q.unreadOnly !== query.unreadOnly || q.starredOnly !== query.starredOnly) continue;
			const shorter = q.search?.trim().toLowerCase() ?? '';
			if (shorter.length < 3 || shorter.length >= needle.length || !needle.startsWith(shorter)) continue;
			if (c.n >= DEFER_COUNT_ABOVE) slow = true;
			if (best === undefined || c.n < best) best = c.n;
		}
		return slow ? best : undefined;
	}

	/** The query whose exact count is owed; a newer one (the next character) replaces it. */
	#owedCount: {key: string; query: TimelineQuery} | undefined;

	#countLater(query: TimelineQuery, key: string): void {
		const already = this.#owedCount !== undefined;
		this.#owedCount = {key, query};
		if (already) return;
		setImmediate(() => {
			const owed = this.#owedCount;
			this.#owedCount = undefined;
			if (owed === undefined) return;
			if (this.#knownCount(owed.key) !== undefined) return;
			try {
				this.#countNow(owed.query, owed.key);
			} catch {
				// The cache closed meanwhile (the user quit): nobody is left to tell. Any other
				// failure shows on the next render, which counts this query itself.
				return;
			}
			this.#changed('progress');
		});
	}

	/**
	 * Rows `offset .. offset+limit`. An OFFSET walks every row above the window, which grows with
	 * the cache (`G` on 100,000 items), so a deep window is read from the nearest row already seen
	 * (the previous window's first or last row: `j`, `k` and paging move a few rows from there) or,
	 * near the bottom, backwards from the end; the cost then depends on the distance moved.
	 */
	window(query: TimelineQuery, offset: number, limit: number): Item[] {
		// `j` within the visible rows redraws the same window: read it once per data version.
		const lastKey = `${this.#rowsVersion}|${offset}|${limit}|${this.#queryKey(query)}`;
		if (this.#lastWindow?.key === lastKey) return this.#lastWindow.rows;
		const items = this.#perVersion().items;
		const rows = this.#readWindow(query, offset, limit).map(row => {
			const kept = items.get(row.id);
			if (kept !== undefined) return kept;
			items.set(row.id, row);
			return row;
		});
		this.#lastWindow = {key: lastKey, rows};
		return rows;
	}

	/**
	 * Rows and who-else-shared answers already read in this rows version, by item id. Scrolling
	 * by one row reads a window that shares all but one row with the last: handing back the same
	 * Item objects lets the views keep those rows as drawn (their segments are cached per object and
	 * the memoised lines skip them) instead of laying out the whole list again. Any change to
	 * items (a refresh, a read or star toggle, metadata) moves the rows version and starts afresh.
	 */
	#cache: {version: number; items: Map<string, Item>; shared: Map<string, AlsoShared[]>} = {version: -1, items: new Map(), shared: new Map()};

	#perVersion(): {items: Map<string, Item>; shared: Map<string, AlsoShared[]>} {
		const c = this.#cache;
		// Bounded: a long scroll through 100,000 items must not keep them all.
		if (c.version !== this.#rowsVersion || c.items.size > PER_VERSION_MAX || c.shared.size > PER_VERSION_MAX) {
			this.#cache = {version: this.#rowsVersion, items: new Map(), shared: new Map()};
		}
		return this.#cache;
	}

	#lastWindow: {key: string; rows: Item[]} | undefined;

	#readWindow(query: TimelineQuery, offset: number, limit: number): Item[] {
		const filter = this.#filter(query);
		const store = this.#o.store;
		if (limit <= 0 || offset < 0) return [];
		const anchors = this.#anchorsOf(query);
		let rows: Item[];
		if (offset <= DIRECT_OFFSET) {
			rows = store.listItems(filter, offset, limit);
		} else {
			// Rows skipped by each way of getting there; the cheapest wins.
			let best: {cost: number; read: () => Item[]} = {cost: offset, read: () => store.listItems(filter, offset, limit)};
			const fromEnd = this.#exactCount(query) - offset - limit;
			if (fromEnd >= 0 && fromEnd < best.cost) best = {cost: fromEnd, read: () => store.listItemsFromEnd(filter, fromEnd, limit)};
			for (const a of anchors) {
				if (a.offset < offset && offset - a.offset - 1 < best.cost) {
					const skip = offset - a.offset - 1;
					best = {cost: skip, read: () => store.listItemsFrom(filter, a.key, 'older', skip, limit)};
				} else if (a.offset >= offset + limit && a.offset - offset - limit < best.cost) {
					const skip = a.offset - offset - limit;
					best = {cost: skip, read: () => store.listItemsFrom(filter, a.key, 'newer', skip, limit)};
				}
			}
			rows = best.read();
		}
		const first = rows[0];
		const last = rows[rows.length - 1];
		if (first !== undefined && last !== undefined) {
			if (anchors.length + 2 > MAX_ANCHORS) anchors.splice(0, anchors.length + 2 - MAX_ANCHORS);
			anchors.push({offset, key: {date: first.date, id: first.id}}, {offset: offset + rows.length - 1, key: {date: last.date, id: last.id}});
		}
		return rows;
	}

	#anchorsOf(query: TimelineQuery): Anchor[] {
		const key = this.#queryKey(query);
		if (this.#anchors.version !== this.#rowsVersion || this.#anchors.query !== key) {
			this.#anchors = {version: this.#rowsVersion, query: key, list: []};
		}
		return this.#anchors.list;
	}

	indexOf(query: TimelineQuery, itemId: string): number {
		return this.#o.store.indexOfItem(this.#filter(query), itemId);
	}

	item(itemId: string): Item | undefined {
		return this.#o.store.getItem(itemId);
	}

	researcherNames(): string[] {
		return this.#o.researchers().map(r => r.name);
	}

	papers(options: {researcher?: string; search?: string} = {}): Paper[] {
		return this.#o.store.papers({...options, includeHidden: this.#o.showReplies});
	}

	/** Recounted whenever items may have changed (a paper's mentions can change without new items). */
	paperCount(query: PaperQuery): number {
		return this.#papers.count(query, this.#rowsVersion);
	}

	paperWindow(query: PaperQuery, offset: number, limit: number): PaperRow[] {
		return this.#papers.window(query, offset, limit);
	}

	paper(paperId: string): PaperRow | undefined {
		return this.#papers.paper(paperId);
	}

	paperMeta(paperIds: readonly string[]): Map<string, PaperMeta> {
		return this.#papers.meta(paperIds);
	}

	paperMentions(paperId: string): MentionHead[] {
		return paperMentionHeads(this.#o.store.db, paperId);
	}

	alsoSharedBy(itemIds: readonly string[]): Map<string, AlsoShared[]> {
		const shared = this.#perVersion().shared;
		const missing = itemIds.filter(id => !shared.has(id));
		if (missing.length > 0) {
			const found = this.#papers.alsoSharedBy(missing);
			for (const id of missing) shared.set(id, found.get(id) ?? NOBODY);
		}
		const out = new Map<string, AlsoShared[]>();
		for (const id of itemIds) {
			const others = shared.get(id);
			if (others !== undefined && others.length > 0) out.set(id, others);
		}
		return out;
	}

	sources(): SourceStatus[] {
		const states = new Map(this.#o.store.allSourceStates().map(s => [s.sourceKey, s]));
		const counts = this.#o.store.itemCountsBySource();
		return this.#o.researchers().flatMap(r =>
			r.sources.map(s => {
				const key = sourceKey(s);
				const state = states.get(key);
				return {
					researcher: r.name,
					source: s.kind,
					target: s.target,
					lastAttempt: state?.lastAttempt ?? null,
					lastSuccess: state?.lastSuccess ?? null,
					lastError: state?.lastError ?? null,
					itemCount: counts.get(key) ?? 0,
				};
			}),
		);
	}

	setRead(itemId: string, read: boolean): void {
		this.#o.store.setRead(itemId, read);
		this.#changed('items');
	}

	setStarred(itemId: string, starred: boolean): void {
		this.#o.store.setStarred(itemId, starred);
		this.#changed('items');
	}

	markListRead(query: TimelineQuery): MarkedRead {
		const marked = this.#o.store.markListRead(this.#filter(query));
		if (marked.count > 0) this.#changed('items');
		return marked;
	}

	undoMarkRead(batch: number): number {
		const changed = this.#o.store.undoMarkRead(batch);
		if (changed > 0) this.#changed('items');
		return changed;
	}

	nextUnread(query: TimelineQuery, fromId: string | null, direction: 1 | -1): string | null {
		return this.#o.store.nextUnread(this.#filter(query), fromId, direction);
	}

	setPaperRead(paperId: string, read: boolean): void {
		this.#o.store.setPaperRead(paperId, read);
		this.#changed('items');
	}

	setPaperStarred(paperId: string, starred: boolean): void {
		this.#o.store.setPaperStarred(paperId, starred);
		this.#changed('items');
	}

	refresh(): void {
		const run = this.#o.runRefresh;
		if (!run || this.#progress.running) return;
		this.#progress = {...this.#progress, running: true, done: 0, total: 0};
		this.#changed();
		run((done, total, result) => {
			this.#progress = {...this.#progress, done, total};
			// Only new items change a count (replies to others, shown with showReplies, are not in newItems).
			const grew = result === undefined || result.newItems > 0 || this.#o.showReplies;
			this.#pendingChange(grew ? 'items' : result.ok ? 'rows' : 'progress');
		}).then(
			results => this.#finish(results),
			error => this.#finish([{researcher: '', source: 'bluesky', target: '', ok: false, newItems: 0, error: String(error)}]),
		);
	}

	/**
	 * Sources finish in bursts (hundreds in a few seconds), and each notification redraws the whole
	 * screen (about 30 ms of CPU and a few MB of garbage at 120×40): listeners hear of refresh
	 * progress at most every PROGRESS_MS. The version moves at once, so a frame drawn meanwhile (for
	 * a key) reads the current data; it is only the redraw that waits.
	 */
	#notifyTimer: NodeJS.Timeout | null = null;

	#pendingChange(what: 'progress' | 'rows' | 'items'): void {
		this.#bump(what);
		if (this.#notifyTimer !== null) return;
		this.#notifyTimer = setTimeout(() => this.#notify(), PROGRESS_MS);
		this.#notifyTimer.unref();
	}

	#finish(results: SourceResult[]): void {
		this.#progress = {
			...(this.#progress.live === undefined ? {} : {live: this.#progress.live}),
			running: false,
			done: results.length,
			total: results.length,
			results,
			finishedAt: (this.#o.now?.() ?? new Date()).toISOString(),
		};
		this.#changed('items');
	}

	refreshProgress(): RefreshProgress {
		return this.#progress;
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	version(): number {
		return this.#version;
	}

	/** Live Bluesky's state for the header (`live`, or why not); undefined: nothing is live. */
	setLive(status: string | undefined): void {
		if (this.#progress.live === status) return;
		const {live: _old, ...rest} = this.#progress;
		this.#progress = status === undefined ? rest : {...rest, live: status};
		this.#changed('progress');
	}

	/** Something outside the model changed the cache (e.g. paper metadata arrived): redraw. */
	dataChanged(): void {
		this.#changed('items');
	}

	/** `progress`: only refresh progress; `rows`: items may have changed, not their number; `items`: anything. */
	#changed(what: 'progress' | 'rows' | 'items' = 'progress'): void {
		this.#bump(what);
		this.#notify();
	}

	#bump(what: 'progress' | 'rows' | 'items'): void {
		if (what !== 'progress') this.#rowsVersion++;
		if (what === 'items') this.#countsVersion++;
		this.#version++;
	}

	#notify(): void {
		if (this.#notifyTimer !== null) clearTimeout(this.#notifyTimer);
		this.#notifyTimer = null;
		for (const listener of this.#listeners) listener();
	}
}
