import type {Item, ItemDraft, Paper, SourceKind} from '../domain/types.js';
import {type Db, openDb} from './db.js';
import {countItems, getItem, indexOfItem, type ItemFilter, listItems, setItemState, upsertItems, type UpsertContext} from './items.js';
import {listPapers, type PaperFilter} from './papers.js';
import {knownPostUris, loadPosts, savePosts} from './posts.js';
import {
	addSourcePapers,
	allSourceStates,
	getSourceState,
	itemCountsBySource,
	knownSourcePapers,
	saveSourceState,
	type SourceState,
} from './sources.js';

export type {ItemFilter, PaperFilter, SourceState, UpsertContext};

/** The cache. One instance per process; every method is synchronous (better-sqlite3). */
export class Store {
	readonly db: Db;

	constructor(file: string) {
		this.db = openDb(file);
	}

	close(): void {
		this.db.close();
	}

	/** Runs fn in one IMMEDIATE transaction: a source's results land whole or not at all. */
	transaction<T>(fn: () => T): T {
		return this.db.transaction(fn).immediate();
	}

	listItems(filter: ItemFilter, offset = 0, limit = 50): Item[] {
		return listItems(this.db, filter, offset, limit);
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

	upsertItems(ctx: UpsertContext, drafts: ItemDraft[]): string[] {
		return upsertItems(this.db, ctx, drafts);
	}

	setRead(id: string, read: boolean, now = new Date().toISOString()): void {
		setItemState(this.db, id, {read}, now);
	}

	setStarred(id: string, starred: boolean, now = new Date().toISOString()): void {
		setItemState(this.db, id, {starred}, now);
	}

	papers(filter: PaperFilter = {}): Paper[] {
		return listPapers(this.db, filter);
	}

	sourceState(sourceKey: string): SourceState | undefined {
		return getSourceState(this.db, sourceKey);
	}

	allSourceStates(): SourceState[] {
		return allSourceStates(this.db);
	}

	saveSourceState(state: SourceState): void {
		saveSourceState(this.db, state);
	}

	itemCountsBySource(): Map<string, number> {
		return itemCountsBySource(this.db);
	}

	loadPosts<T>(sourceKey: string): T[] {
		return loadPosts<T>(this.db, sourceKey);
	}

	knownPostUris(sourceKey: string): Set<string> {
		return knownPostUris(this.db, sourceKey);
	}

	savePosts(sourceKey: string, posts: Array<{uri: string; createdAt: string}>): void {
		savePosts(this.db, sourceKey, posts);
	}

	knownSourcePapers(sourceKey: string): Set<string> {
		return knownSourcePapers(this.db, sourceKey);
	}

	addSourcePapers(sourceKey: string, paperIds: string[], now: string): void {
		addSourcePapers(this.db, sourceKey, paperIds, now);
	}

	/** Forgets every cached trace of these sources (used by `remove`). */
	deleteSources(sourceKeys: string[]): void {
		this.transaction(() => {
			for (const key of sourceKeys) {
				const ids = (this.db.prepare('SELECT id FROM items WHERE source_key = ?').all(key) as Array<{id: string}>).map(r => r.id);
				const deleteState = this.db.prepare('DELETE FROM item_state WHERE item_id = ?');
				const deleteMentions = this.db.prepare('DELETE FROM mentions WHERE item_id = ?');
				for (const id of ids) {
					deleteState.run(id);
					deleteMentions.run(id);
				}
				this.db.prepare('DELETE FROM items WHERE source_key = ?').run(key);
				this.db.prepare('DELETE FROM posts WHERE source_key = ?').run(key);
				this.db.prepare('DELETE FROM sources WHERE source_key = ?').run(key);
				this.db.prepare('DELETE FROM source_papers WHERE source_key = ?').run(key);
			}
			// Papers nobody mentions any more go too; arXiv metadata of known papers would be cheap to keep,
			// but a paper row without mentions is invisible everywhere.
			this.db.prepare('DELETE FROM papers WHERE id NOT IN (SELECT paper_id FROM mentions) AND id NOT IN (SELECT paper_id FROM source_papers)').run();
		});
	}

	/** Items of a researcher across all sources, by source kind (for the researchers command). */
	researcherSourceKinds(): Array<{researcher: string; source: SourceKind; n: number}> {
		return this.db.prepare('SELECT researcher, source, COUNT(*) AS n FROM items WHERE hidden = 0 GROUP BY researcher, source').all() as Array<{
			researcher: string;
			source: SourceKind;
			n: number;
		}>;
	}
}
