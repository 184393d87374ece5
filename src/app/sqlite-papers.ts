/**
 * The papers side of the SQLite model: windows of the papers list (an index range in the store's
 * paper index), their shared read and star state, metadata and "also shared by". Counts are kept
 * per query and model version (see #counts).
 */
import type {AlsoShared, Paper, PaperMeta} from '../domain/types.js';
import {alsoSharedBy, paperMetaMany} from '../store/paper-meta.js';
import {describedPapers} from '../store/paper-reads.js';
import {countPapers, paperStates, paperWindow} from '../store/papers.js';
import type {PaperFilter, Store} from '../store/store.js';
import type {PaperQuery, PaperRow} from './model.js';

/** Paper counts kept (one per query) before starting afresh. */
const MAX_COUNTS = 64;

export class SqlitePapers {
	readonly #store: Store;
	readonly #showReplies: boolean;
	/**
	 * Paper counts by query (the UI asks on every render; a count over the paper index costs up to
	 * hundreds of ms at 100,000 items). Bound: MAX_COUNTS queries. Invalidated by the `version` the
	 * model passes (its rowsVersion: see SqliteModel's caches).
	 */
	readonly #counts = new Map<string, {version: number; n: number}>();

	constructor(store: Store, showReplies: boolean) {
		this.#store = store;
		this.#showReplies = showReplies;
	}

	#filter(query: PaperQuery): PaperFilter {
		return {
			...(query.researcher === undefined ? {} : {researcher: query.researcher}),
			...(query.search === undefined ? {} : {search: query.search}),
			own: query.ownOnly === true,
			unread: query.unreadOnly === true,
			includeHidden: this.#showReplies,
		};
	}

	/** Counted once per query and `version` (the model's rowsVersion). */
	count(query: PaperQuery, version: number): number {
		const key = JSON.stringify([query.search ?? '', query.researcher ?? '', query.ownOnly === true, query.unreadOnly === true]);
		const hit = this.#counts.get(key);
		if (hit !== undefined && hit.version === version) return hit.n;
		const n = countPapers(this.#store.db, this.#filter(query));
		if (this.#counts.size >= MAX_COUNTS) this.#counts.clear();
		this.#counts.set(key, {version, n});
		return n;
	}

	window(query: PaperQuery, offset: number, limit: number): PaperRow[] {
		if (limit <= 0 || offset < 0) return [];
		return this.#rows(paperWindow(this.#store.db, this.#filter(query), offset, limit));
	}

	paper(paperId: string): PaperRow | undefined {
		const paper = this.#store.getPaper(paperId, {includeHidden: this.#showReplies});
		return paper === undefined ? undefined : this.#rows([paper])[0];
	}

	meta(paperIds: readonly string[]): Map<string, PaperMeta> {
		if (paperIds.length === 0) return new Map<string, PaperMeta>();
		const meta = paperMetaMany(this.#store.db, paperIds);
		// What bibliographies said: the whole description of a DBLP or ORCID paper no metadata service
		// has answered for yet, and the venue of one that arXiv described as a preprint only.
		for (const [id, described] of describedPapers(this.#store.db, paperIds)) {
			const known = meta.get(id);
			if (known === undefined) meta.set(id, described);
			else if (!known.venue && described.venue && described.venue !== 'arXiv') meta.set(id, {...known, venue: described.venue});
		}
		return meta;
	}

	alsoSharedBy(itemIds: readonly string[]): Map<string, AlsoShared[]> {
		return itemIds.length === 0 ? new Map<string, AlsoShared[]>() : alsoSharedBy(this.#store.db, itemIds, {includeHidden: this.#showReplies});
	}

	/** The papers with their read and star state, read for the whole window in one query. */
	#rows(papers: Paper[]): PaperRow[] {
		const states = paperStates(this.#store.db, papers.map(p => p.id));
		return papers.map(p => ({...p, read: states.get(p.id)?.read ?? false, starred: states.get(p.id)?.starred ?? false}));
	}
}
