/**
 * An in-memory FeedModel for UI tests: items from plain objects, with the same ordering
 * (newest first), search (text, titles, researchers, paper titles) and filters as the contract.
 * It records what the UI asked for, so tests can check that only visible rows are fetched.
 */
import {type FeedModel, type Freshness, type MarkedRead, NOTHING_FRESH, type PaperQuery, type PaperRow, type RefreshProgress, type SourceStatus, type TimelineQuery} from '../../src/app/model.js';
import type {AlsoShared, Item, MentionHead, Paper, PaperMeta} from '../../src/domain/types.js';
import {memoryAlsoShared, memoryPaperMeta, memoryPapers, type PaperInfo, queryPapers} from './memory-papers.js';

let counter = 0;

/** An item with defaults for every field not given. */
export function makeItem(partial: Partial<Item> & {id?: string}): Item {
	counter += 1;
	return {
		id: partial.id ?? `item-${counter}`,
		researcher: 'Leqi Liu',
		source: 'bluesky',
		kind: 'post',
		date: '2025-07-22T17:09:02.114Z',
		datePrecision: 'instant',
		title: null,
		text: `post ${counter}`,
		url: `https://bsky.app/profile/leqi.example/post/${counter}`,
		posts: [],
		links: [],
		papers: [],
		read: false,
		starred: false,
		...partial,
	};
}

export interface MemoryModelOptions {
	sources?: SourceStatus[];
	/** Researchers configured without items yet. */
	researchers?: string[];
	/** Paper metadata beyond what items say (arXiv title, authors, abstract, category…). */
	paperInfo?: Record<string, PaperInfo>;
	/** Called by `refresh()` (after it counts the call). */
	onRefresh?: (model: MemoryModel) => void;
	/** The previous session's last frame, and the ids of the items first seen after it. */
	fresh?: {since: string; ids: readonly string[]};
}

function byNewest(a: {date: string; id: string}, b: {date: string; id: string}): number {
	if (a.date !== b.date) return a.date < b.date ? 1 : -1;
	return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export class MemoryModel implements FeedModel {
	items: Item[];
	readonly options: MemoryModelOptions;
	progress: RefreshProgress = {running: false, done: 0, total: 0, results: [], finishedAt: null};
	refreshCalls = 0;
	/** The `limit` of every `window()` call, to check that rendering is windowed. */
	windowLimits: number[] = [];
	/** The `limit` of every `paperWindow()` call. */
	paperWindowLimits: number[] = [];
	/** Every `setPaperRead` call, to check that a paper is read at once rather than item by item. */
	paperReadCalls: Array<{paperId: string; read: boolean}> = [];
	private listeners = new Set<() => void>();
	private ver = 1;

	constructor(items: Item[], options: MemoryModelOptions = {}) {
		this.items = [...items];
		this.options = options;
	}

	private matches(item: Item, q: TimelineQuery): boolean {
		if (item.hidden) return false;
		if (q.researcher !== undefined && item.researcher.toLowerCase() !== q.researcher.toLowerCase()) return false;
		if (q.unreadOnly && item.read && item.id !== q.keep) return false;
		if (q.starredOnly && !item.starred) return false;
		if (q.search !== undefined && q.search !== '') {
			const needle = q.search.toLowerCase();
			const hay = [item.text, item.title ?? '', item.researcher, ...item.papers.map(p => p.title ?? '')]
				.join('\n')
				.toLowerCase();
			if (!hay.includes(needle)) return false;
		}
		return true;
	}

	private sorted: Item[] | null = null;

	private list(q: TimelineQuery): Item[] {
		// Sorted once per change, so 100,000-item tests stay fast.
		this.sorted ??= [...this.items].sort(byNewest);
		const empty = q.search === undefined && q.researcher === undefined && !q.unreadOnly && !q.starredOnly;
		return empty ? this.sorted.filter(i => !i.hidden) : this.sorted.filter(i => this.matches(i, q));
	}

	count(q: TimelineQuery): number {
		return this.list(q).length;
	}

	window(q: TimelineQuery, offset: number, limit: number): Item[] {
		this.windowLimits.push(limit);
		return this.list(q)
			.slice(offset, offset + limit)
			.map(i => ({...i}));
	}

	indexOf(q: TimelineQuery, itemId: string): number {
		return this.list(q).findIndex(i => i.id === itemId);
	}

	item(itemId: string): Item | undefined {
		const found = this.items.find(i => i.id === itemId);
		return found && {...found};
	}

	researcherNames(): string[] {
		const names = new Set<string>([...this.items.map(i => i.researcher), ...(this.options.researchers ?? [])]);
		for (const s of this.options.sources ?? []) names.add(s.researcher);
		return [...names].sort((a, b) => a.localeCompare(b));
	}

	private paperCache: PaperRow[] | null = null;

	private allPapers(): PaperRow[] {
		this.paperCache ??= memoryPapers(this.items, this.options.paperInfo);
		return this.paperCache;
	}

	papers(options: {researcher?: string; search?: string} = {}): Paper[] {
		return queryPapers(this.allPapers(), this.items, options).map(({read: _r, starred: _s, ...paper}) => paper);
	}

	paperCount(query: PaperQuery): number {
		return queryPapers(this.allPapers(), this.items, query).length;
	}

	paperWindow(query: PaperQuery, offset: number, limit: number): PaperRow[] {
		this.paperWindowLimits.push(limit);
		return queryPapers(this.allPapers(), this.items, query).slice(offset, offset + limit);
	}

	paper(paperId: string): PaperRow | undefined {
		return this.allPapers().find(p => p.id === paperId);
	}

	paperMeta(paperIds: readonly string[]): Map<string, PaperMeta> {
		return memoryPaperMeta(paperIds, this.options.paperInfo);
	}

	alsoSharedBy(itemIds: readonly string[]): Map<string, AlsoShared[]> {
		return memoryAlsoShared(this.items, itemIds);
	}

	paperMentions(paperId: string): MentionHead[] {
		return this.items
			.filter(i => i.kind !== 'paper' && i.papers.some(p => p.id === paperId))
			.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0))
			.map(i => ({researcher: i.researcher, source: i.source, kind: i.kind, date: i.date, datePrecision: i.datePrecision, text: (i.title ?? i.text).slice(0, 300)}));
	}

	/** How many times the UI recorded a look (a frame drawn: the clock's tick, the end). */
	looks = 0;

	recordLook(): void {
		this.looks += 1;
	}

	freshness(q: TimelineQuery): Freshness {
		const fresh = this.options.fresh;
		if (fresh === undefined) return NOTHING_FRESH;
		const isNew = (i: Item) => fresh.ids.includes(i.id);
		const list = this.list(q);
		const firstOld = list.findIndex(i => !isNew(i));
		return {since: fresh.since, count: this.list({}).filter(isNew).length, lead: firstOld < 0 ? list.length : firstOld};
	}

	unreadByResearcher(): ReadonlyMap<string, number> {
		const out = new Map<string, number>();
		for (const i of this.list({unreadOnly: true})) out.set(i.researcher.toLowerCase(), (out.get(i.researcher.toLowerCase()) ?? 0) + 1);
		return out;
	}

	sources(): SourceStatus[] {
		return (this.options.sources ?? []).map(s => ({
			...s,
			itemCount: this.items.filter(i => i.researcher === s.researcher && i.source === s.source).length || s.itemCount,
		}));
	}

	setRead(itemId: string, read: boolean): void {
		this.update(itemId, {read});
	}

	setStarred(itemId: string, starred: boolean): void {
		this.update(itemId, {starred});
	}

	private marked: {batch: number; ids: Set<string>} = {batch: 0, ids: new Set()};

	markListRead(q: TimelineQuery): MarkedRead {
		const ids = new Set(this.list({...q, keep: undefined, unreadOnly: true}).map(i => i.id));
		this.items = this.items.map(i => (ids.has(i.id) ? {...i, read: true} : i));
		this.marked = {batch: this.marked.batch + 1, ids};
		if (ids.size > 0) this.changed();
		return {count: ids.size, batch: this.marked.batch};
	}

	undoMarkRead(batch: number): number {
		if (batch !== this.marked.batch) return 0;
		const {ids} = this.marked;
		let n = 0;
		this.items = this.items.map(i => (ids.has(i.id) && i.read ? (n++, {...i, read: false}) : i));
		this.marked = {batch: batch + 1, ids: new Set()};
		if (n > 0) this.changed();
		return n;
	}

	nextUnread(q: TimelineQuery, fromId: string | null, direction: 1 | -1): string | null {
		const all = this.list(q);
		const list = direction === 1 ? all : [...all].reverse();
		const at = fromId === null ? -1 : list.findIndex(i => i.id === fromId);
		return list.slice(at + 1).find(i => !i.read)?.id ?? null;
	}

	setPaperRead(paperId: string, read: boolean): void {
		this.paperReadCalls.push({paperId, read});
		this.items = this.items.map(i => (i.papers.some(p => p.id === paperId) ? {...i, read} : i));
		this.changed();
	}

	setPaperStarred(paperId: string, starred: boolean): void {
		this.items = this.items.map(i => (i.papers.some(p => p.id === paperId) ? {...i, starred} : i));
		this.changed();
	}

	private update(itemId: string, patch: Partial<Item>): void {
		this.items = this.items.map(i => (i.id === itemId ? {...i, ...patch} : i));
		this.changed();
	}

	refresh(): void {
		this.refreshCalls += 1;
		this.options.onRefresh?.(this);
	}

	refreshProgress(): RefreshProgress {
		return this.progress;
	}

	subscribe = (listener: () => void): (() => void) => {
		this.listeners.add(listener);
		return () => {
			this.listeners.delete(listener);
		};
	};

	version = (): number => this.ver;

	// Test controls: what a refresh would do.

	addItems(items: Item[]): void {
		this.items.push(...items);
		this.changed();
	}

	setProgress(progress: RefreshProgress): void {
		this.progress = progress;
		this.changed();
	}

	changed(): void {
		this.sorted = null;
		this.paperCache = null;
		this.ver += 1;
		for (const l of [...this.listeners]) l();
	}
}
