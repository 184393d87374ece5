import type {AlsoShared, Item, Paper, PaperMeta} from '../domain/types.js';
import {cacheError, type Db, openDb, statement} from './db.js';
import {countItems, getItem, indexOfItem, type ItemFilter, type ItemKey, listItems, listItemsFrom, listItemsFromEnd, setItemState, type UpsertContext} from './items.js';
import {itemJsonRows} from './item-json.js';
import {markListRead, undoMarkRead} from './mark-read.js';
import {backfillOwn} from './paper-own.js';
import {nextUnread} from './unread-step.js';
import {chooseVisible} from './paper-visibility.js';
import {syncSearchIndex} from './search-index.js';
import {listPaperPages, listPapers, type PaperFilter, papersByIds} from './papers.js';
import {
	alsoSharedBy,
	isPaperRead,
	markPaperMeta,
	paperMetaMany,
	type PaperMetaState,
	type PaperMetaStatus,
	savePaperMeta,
	setPaperRead,
	setPaperStarred,
} from './paper-meta.js';
import {allSourceStates, itemCountsBySource, type SourceState} from './sources.js';

export type {ItemFilter, ItemKey, PaperFilter, PaperMetaState, PaperMetaStatus, SourceState, UpsertContext};

/** Rows one catch-up transaction indexes (about 40 ms of work for typical feed entries). */
const CATCH_UP_ROWS = 200;
/**
 * Queued rows an ordinary transaction indexes before it commits: its own, and up to this many in
 * all, so meeting a queue another process's refresh left costs a bounded pause (searches find the
 * rest all the same).
 */
export const SYNC_MAX_ROWS = 5000;
/** Rows one transaction of close()'s indexing takes when it has a deadline (a few tenths of a second). */
const CLOSE_CHUNK_ROWS = 1000;

/**
 * The cache. One instance per process; every method is synchronous (better-sqlite3). It owns the
 * connection, transactions and the search index's catch-up; reads and writes of the tables are the
 * functions of items.ts, papers.ts, paper-meta.ts, posts.ts and sources.ts, called with `store.db`.
 * The methods below that only forward to them are kept for the timeline's model
 * (src/app/sqlite-model.ts), which is being rewritten; the rest add something (a transaction, a default).
 */
export class Store {
	readonly db: Db;

	constructor(file: string) {
		this.db = openDb(file);
		try {
			// Part of upgrading to schema 4 (see paper-own.ts); a no-op once done.
			backfillOwn(this.db);
		} catch (error) {
			this.db.close();
			throw cacheError(file, error);
		}
	}

	/**
	 * Closes the cache, first indexing for search what this Store's deferred writes left (see
	 * deferSearchIndex): all of it, or what fits before the deadline set by `indexSearchUntil`.
	 */
	close(): void {
		if (this.#owesIndex && this.db.open) {
			try {
				if (this.#indexDeadline === undefined) this.transaction(() => syncSearchIndex(this.db));
				else while (performance.now() < this.#indexDeadline && !this.#indexChunk(CLOSE_CHUNK_ROWS));
			} catch {
				// Locked or failing: the rows stay queued (searches find them all the same) for the next writer.
			}
		}
		this.db.close();
	}

	/**
	 * Indexing what deferred writes left ends at `deadline` (performance.now() time), in the
	 * catch-up and at close: a command that must end soon (`refresh`) leaves the rest queued.
	 * Searches find queued rows all the same (a scan of their text: slower, never different), and
	 * the next refresh's catch-up, or any later write, takes them in.
	 */
	indexSearchUntil(deadline: number): void {
		this.#indexDeadline = deadline;
	}

	#indexDeadline: number | undefined;

	/** Indexes up to `rows` queued rows in a transaction of their own; true when the queue is empty. */
	#indexChunk(rows: number): boolean {
		return this.db.transaction(() => syncSearchIndex(this.db, rows)).immediate();
	}

	/**
	 * Runs fn in one IMMEDIATE transaction: a source's results land whole or not at all. Items fn
	 * wrote are in the search index when it commits, unless indexing is deferred.
	 */
	transaction<T>(fn: () => T): T {
		return this.db
			.transaction(() => {
				const result = fn();
				// Rows other writers left queued are taken along, up to a bound.
				if (this.#deferrals === 0 && !this.#catchingUp) syncSearchIndex(this.db, SYNC_MAX_ROWS);
				return result;
			})
			.immediate();
	}

	/** deferSearchIndex calls not yet released. */
	#deferrals = 0;
	#catchingUp = false;
	/** Rows this Store's deferred writes queued may still wait to be indexed. */
	#owesIndex = false;
	#catchUp: Promise<void> = Promise.resolve();

	/**
	 * Until the returned function is called, transactions leave the items they write to be indexed
	 * for search afterwards, a few hundred rows per transaction between other work (a refresh: its
	 * sources are not slowed by indexing, which was a third of an all-new refresh's CPU: the README's
	 * Performance table has the refresh figures). Searches meanwhile find the queued items by their text (search-index.ts), so they
	 * select the same items either way.
	 */
	deferSearchIndex(): () => void {
		this.#deferrals++;
		this.#owesIndex = true;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.#deferrals--;
			if (this.#deferrals === 0 && !this.#catchingUp) this.#catchUp = this.#indexQueued();
		};
	}

	/** Settles when the catch-up after deferred writes is over (at once when there is none). */
	searchIndexSettled(): Promise<void> {
		return this.#catchUp;
	}

	async #indexQueued(): Promise<void> {
		this.#catchingUp = true;
		try {
			for (;;) {
				// Between batches the event loop runs: a TUI keeps drawing, other requests are answered.
				await new Promise(resolve => setImmediate(resolve));
				// A new deferral (another refresh) catches up after itself; close() finishes what is left.
				if (this.#deferrals > 0 || !this.db.open) return;
				if (this.#indexDeadline !== undefined && performance.now() >= this.#indexDeadline) return;
				if (this.#indexChunk(CATCH_UP_ROWS)) {
					this.#owesIndex = false;
					return;
				}
			}
		} catch {
			// Locked past the busy timeout, or closed: the rows stay queued for the next writer.
		} finally {
			this.#catchingUp = false;
		}
	}

	listItems(filter: ItemFilter, offset = 0, limit = 50): Item[] {
		return listItems(this.db, filter, offset, limit);
	}

	/** Items next to a known item (a keyset seek: the cost does not grow with how deep it is). */
	listItemsFrom(filter: ItemFilter, from: ItemKey, direction: 'older' | 'newer', skip: number, limit: number): Item[] {
		return listItemsFrom(this.db, filter, from, direction, skip, limit);
	}

	/** The window ending `fromEnd` items before the last item, read from the end of the timeline. */
	listItemsFromEnd(filter: ItemFilter, fromEnd: number, limit: number): Item[] {
		return listItemsFromEnd(this.db, filter, fromEnd, limit);
	}

	/** `list --json`'s items as the bytes it prints, newest first (store/item-json.ts): one open statement, read as it is written. */
	itemJsonRows(filter: ItemFilter, limit: number): IterableIterator<Buffer> {
		return itemJsonRows(this.db, filter, limit);
	}

	countItems(filter: ItemFilter): number {
		return countItems(this.db, filter);
	}

	indexOfItem(filter: ItemFilter, id: string): number {
		return indexOfItem(this.db, filter, id);
	}

	getItem(id: string): Item | undefined {
		return getItem(this.db, id);
	}

	setRead(id: string, read: boolean, now = new Date().toISOString()): void {
		setItemState(this.db, id, {read}, now);
	}

	setStarred(id: string, starred: boolean, now = new Date().toISOString()): void {
		setItemState(this.db, id, {starred}, now);
	}

	/** Marks every unread item the filter lists read, in one transaction; remembers them for `undoMarkRead`. */
	markListRead(filter: ItemFilter, now = new Date().toISOString()): {count: number; batch: number} {
		return this.transaction(() => markListRead(this.db, filter, now));
	}

	/** Marks the items of the last `markListRead` unread again (0 when `batch` is not the last one). */
	undoMarkRead(batch: number, now = new Date().toISOString()): number {
		return this.transaction(() => undoMarkRead(this.db, batch, now));
	}

	/** The nearest unread item of the filter after (1) or before (-1) an item in timeline order. */
	nextUnread(filter: ItemFilter, fromId: string | null, direction: 1 | -1): string | null {
		return nextUnread(this.db, filter, fromId, direction);
	}

	papers(filter: PaperFilter = {}): Paper[] {
		return listPapers(this.db, filter);
	}

	/** The papers of `papers(filter)`, in order, a page at a time (bounded memory for the commands). */
	paperPages(filter: PaperFilter = {}, size?: number): Generator<Paper[]> {
		return listPaperPages(this.db, filter, size);
	}

	/** One paper with all its mentions (replies to others only with `includeHidden`), if anything mentions it. */
	getPaper(paperId: string, options: {includeHidden?: boolean} = {}): Paper | undefined {
		return papersByIds(this.db, [paperId], options)[0];
	}

	// ------------------------------------------------------------ papers: metadata, read state, who else

	/** arXiv metadata (title, authors, abstract, category, dates) of one paper, if known. */
	paperMeta(paperId: string): PaperMeta | undefined {
		return paperMetaMany(this.db, [paperId]).get(paperId);
	}

	savePaperMeta(metas: readonly PaperMeta[], nowIso: string): void {
		this.transaction(() => savePaperMeta(this.db, metas, nowIso));
	}

	markPaperMeta(ids: readonly string[], outcome: {status: Exclude<PaperMetaStatus, 'ok'>; error: string; retryAfter: string | null}, nowIso: string): void {
		this.transaction(() => markPaperMeta(this.db, ids, outcome, nowIso));
	}

	/** Marks every item that mentions the paper read (or unread): reading a paper once reads it everywhere. Returns those items. */
	setPaperRead(paperId: string, read: boolean, now = new Date().toISOString()): string[] {
		return setPaperRead(this.db, paperId, read, now);
	}

	/** Stars (or unstars) every item that mentions the paper. Returns those items. */
	setPaperStarred(paperId: string, starred: boolean, now = new Date().toISOString()): string[] {
		return setPaperStarred(this.db, paperId, starred, now);
	}

	/** True when every item mentioning the paper is read. */
	isPaperRead(paperId: string): boolean {
		return isPaperRead(this.db, paperId);
	}

	/** Other researchers who mentioned this item's papers ("also shared by …"), in name order. */
	alsoSharedBy(itemId: string, options: {includeHidden?: boolean} = {}): AlsoShared[] {
		return alsoSharedBy(this.db, [itemId], options).get(itemId) ?? [];
	}

	allSourceStates(): SourceState[] {
		return allSourceStates(this.db);
	}

	itemCountsBySource(): Map<string, number> {
		return itemCountsBySource(this.db);
	}

	/** Forgets every cached trace of these sources (used by `remove`). */
	deleteSources(sourceKeys: string[]): void {
		this.transaction(() => {
			for (const key of sourceKeys) {
				const ids = (statement(this.db, 'SELECT id FROM items WHERE source_key = ?').all(key) as Array<{id: string}>).map(r => r.id);
				const deleteState = statement(this.db, 'DELETE FROM item_state WHERE item_id = ?');
				const deleteMentions = statement(this.db, 'DELETE FROM mentions WHERE item_id = ?');
				const deletePaperItem = statement(this.db, 'DELETE FROM paper_items WHERE item_id = ? RETURNING paper_id');
				const papers = new Set<string>();
				for (const id of ids) {
					deleteState.run(id);
					deleteMentions.run(id);
					const row = deletePaperItem.get(id) as {paper_id: string} | undefined;
					if (row) papers.add(row.paper_id);
				}
				statement(this.db, 'DELETE FROM items WHERE source_key = ?').run(key);
				statement(this.db, 'DELETE FROM posts WHERE source_key = ?').run(key);
				statement(this.db, 'DELETE FROM sources WHERE source_key = ?').run(key);
				statement(this.db, 'DELETE FROM source_papers WHERE source_key = ?').run(key);
				// Another followed author's item of the same paper may be the one to show now.
				for (const paper of papers) chooseVisible(this.db, paper);
			}
			// Papers nobody mentions any more go too; arXiv metadata of known papers would be cheap to keep,
			// but a paper row without mentions is invisible everywhere.
			statement(this.db, 'DELETE FROM papers WHERE id NOT IN (SELECT paper_id FROM mentions) AND id NOT IN (SELECT paper_id FROM source_papers)').run();
		});
	}

}
