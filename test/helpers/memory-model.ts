/**
 * An in-memory FeedModel for UI tests: items from plain objects, with the same ordering
 * (newest first), search (text, titles, researchers, paper titles) and filters as the contract.
 * It records what the UI asked for, so tests can check that only visible rows are fetched.
 */
import type {FeedModel, RefreshProgress, SourceStatus, TimelineQuery} from '../../src/app/model.js';
import type {Item, Paper, PaperMention} from '../../src/domain/types.js';

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
	/** Paper metadata beyond what items say (titles from arXiv, authors). */
	paperInfo?: Record<string, {title?: string; authors?: string[]}>;
	/** Called by `refresh()` (after it counts the call). */
	onRefresh?: (model: MemoryModel) => void;
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
	private listeners = new Set<() => void>();
	private ver = 1;

	constructor(items: Item[], options: MemoryModelOptions = {}) {
		this.items = [...items];
		this.options = options;
	}

	private matches(item: Item, q: TimelineQuery): boolean {
		if (item.hidden) return false;
		if (q.researcher !== undefined && item.researcher.toLowerCase() !== q.researcher.toLowerCase()) return false;
		if (q.unreadOnly && item.read) return false;
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

	papers(options: {researcher?: string; search?: string} = {}): Paper[] {
		const byId = new Map<string, Paper>();
		for (const item of [...this.items].filter(i => !i.hidden).sort(byNewest)) {
			for (const ref of item.papers) {
				let paper = byId.get(ref.id);
				if (paper === undefined) {
					const info = this.options.paperInfo?.[ref.id];
					paper = {id: ref.id, url: ref.url, title: info?.title ?? ref.title, authors: info?.authors ?? [], mentions: []};
					byId.set(ref.id, paper);
				}
				if (paper.title === null && ref.title !== null) paper.title = ref.title;
				const mention: PaperMention = {item: item.id, researcher: item.researcher, source: item.source, date: item.date, own: false};
				paper.mentions.push(mention);
			}
		}
		let papers = [...byId.values()];
		if (options.researcher !== undefined) {
			const who = options.researcher.toLowerCase();
			papers = papers.filter(p => p.mentions.some(m => m.researcher.toLowerCase() === who));
		}
		if (options.search !== undefined && options.search !== '') {
			const needle = options.search.toLowerCase();
			papers = papers.filter(p =>
				[p.id, p.title ?? '', ...p.authors, ...p.mentions.map(m => m.researcher)].join('\n').toLowerCase().includes(needle),
			);
		}
		// Most recently mentioned first (mentions are already newest first).
		return papers.sort((a, b) => byNewest({date: a.mentions[0]?.date ?? '', id: a.id}, {date: b.mentions[0]?.date ?? '', id: b.id}));
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
		this.ver += 1;
		for (const l of [...this.listeners]) l();
	}
}
