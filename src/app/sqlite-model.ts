/**
 * FeedModel over the SQLite cache and the refresh orchestrator: what the Ink UI reads and
 * dispatches to. Queries are windowed (LIMIT/OFFSET over an index) so a frame costs the same
 * with 100 or 100,000 cached items. A refresh runs in the background and bumps `version()`.
 */
import type {Paper, ResearcherConfig, SourceResult} from '../domain/types.js';
import type {Item} from '../domain/types.js';
import {sourceKey} from '../store/source-key.js';
import type {ItemFilter, Store} from '../store/store.js';
import type {FeedModel, RefreshProgress, SourceStatus, TimelineQuery} from './model.js';

export interface SqliteModelOptions {
	store: Store;
	researchers: () => ResearcherConfig[];
	showReplies: boolean;
	/** Runs one refresh of every source; progress is reported through the callback. */
	runRefresh?: (onProgress: (done: number, total: number) => void) => Promise<SourceResult[]>;
	now?: () => Date;
}

export class SqliteModel implements FeedModel {
	readonly #o: SqliteModelOptions;
	readonly #listeners = new Set<() => void>();
	#version = 0;
	#progress: RefreshProgress = {running: false, done: 0, total: 0, results: [], finishedAt: null};

	constructor(options: SqliteModelOptions) {
		this.#o = options;
	}

	#filter(query: TimelineQuery): ItemFilter {
		return {
			researcher: query.researcher,
			unread: query.unreadOnly,
			starred: query.starredOnly,
			search: query.search,
			includeHidden: this.#o.showReplies,
		};
	}

	count(query: TimelineQuery): number {
		return this.#o.store.countItems(this.#filter(query));
	}

	window(query: TimelineQuery, offset: number, limit: number): Item[] {
		return this.#o.store.listItems(this.#filter(query), offset, limit);
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
		this.#changed();
	}

	setStarred(itemId: string, starred: boolean): void {
		this.#o.store.setStarred(itemId, starred);
		this.#changed();
	}

	refresh(): void {
		const run = this.#o.runRefresh;
		if (!run || this.#progress.running) return;
		this.#progress = {...this.#progress, running: true, done: 0, total: 0};
		this.#changed();
		run((done, total) => {
			this.#progress = {...this.#progress, done, total};
			this.#changed();
		}).then(
			results => this.#finish(results),
			error => this.#finish([{researcher: '', source: 'bluesky', target: '', ok: false, newItems: 0, error: String(error)}]),
		);
	}

	#finish(results: SourceResult[]): void {
		this.#progress = {
			running: false,
			done: results.length,
			total: results.length,
			results,
			finishedAt: (this.#o.now?.() ?? new Date()).toISOString(),
		};
		this.#changed();
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

	#changed(): void {
		this.#version++;
		for (const listener of this.#listeners) listener();
	}
}
