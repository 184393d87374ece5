/**
 * Everything the UI reads from the model, each read remembered until the model's version or the
 * part of the UI state it depends on changes: a key press that only moves the selection re-reads
 * nothing but the rows it brings on screen. Lists that cost a pass over the whole cache (sources,
 * the papers count: hundreds of ms at 100,000 items) are read only while a screen shows them;
 * meanwhile their last synced counts stand in, which keeps their cursors where they were.
 */
import type {FeedModel, Freshness, PaperQuery, PaperRow, SourceStatus, TimelineQuery} from '../../app/model.js';
import type {AlsoShared, Item, PaperMeta} from '../../domain/types.js';
import type {Counts, UiState} from '../../state/types.js';
import {activeSearch, paperQueryOf, pickerNames, queryOf, topScreen} from '../../state/types.js';
import {helpLines} from '../views/help-lines.js';
import {itemLines} from '../views/item-lines.js';
import type {ItemPaperInfo, TextLine} from '../views/item-lines.js';
import {memoLast} from './memo-last.js';

const NO_ITEMS: readonly Item[] = [];
const NO_PAPERS: readonly PaperRow[] = [];
const NO_SOURCES: readonly SourceStatus[] = [];
const NO_SHARED: ReadonlyMap<string, readonly AlsoShared[]> = new Map();
const NO_MENTION_ITEMS: ReadonlyMap<string, Item> = new Map();
const NO_UNREAD: ReadonlyMap<string, number> = new Map();

/** Sources of the filtered researcher, matching the search (researcher, kind, target, error). */
function filterSources(sources: readonly SourceStatus[], researcher: string | null, search: string): SourceStatus[] {
	const who = researcher?.toLowerCase();
	const needle = search.toLowerCase();
	return sources.filter(
		s =>
			(who === undefined || s.researcher.toLowerCase() === who) &&
			(needle === '' || [s.researcher, s.source, s.target, s.lastError ?? ''].join('\n').toLowerCase().includes(needle)),
	);
}

/** An item's papers' metadata and who else shared them, read once per data version and item. */
function paperInfoReader(model: FeedModel): (version: number, item: Item | null | undefined) => ItemPaperInfo {
	const read = memoLast((_version: number, id: string | undefined, papers: string, paperItem: boolean): ItemPaperInfo => {
		if (id === undefined || papers === '') return {};
		const ids = papers.split('\n');
		const info: ItemPaperInfo = {meta: model.paperMeta(ids), shared: model.alsoSharedBy([id]).get(id) ?? []};
		// A bibliography's paper item: what is said about the paper elsewhere is the news.
		if (paperItem) info.mentions = model.paperMentions(ids[0]!);
		return info;
	});
	// Timeline rows may be new objects for the same item: the ids say whether anything changed.
	return (version, item) => read(version, item?.id, item?.papers.map(p => p.id).join('\n') ?? '', item?.kind === 'paper');
}

export class ModelReads {
	readonly #model: FeedModel;
	/** The clock for the item view's relative dates. */
	readonly #now: () => Date;

	constructor(model: FeedModel, now: () => Date) {
		this.#model = model;
		this.#now = now;
		this.#openItemInfo = paperInfoReader(model);
		this.#detailInfo = paperInfoReader(model);
	}

	// One query object per filter, so the reads keyed on it keep their results while it stands.
	readonly #query = memoLast((search: string, researcher: string | null, unreadOnly: boolean, starredOnly: boolean, keep: string | null) =>
		queryOf({search, searching: false, researcher, unreadOnly, starredOnly, keep}),
	);
	readonly #paperQuery = memoLast((search: string, researcher: string | null, ownOnly: boolean, unreadOnly: boolean) =>
		paperQueryOf({search, searching: false, researcher, ownOnly, unreadOnly}),
	);

	/** What the timeline lists; while a search too short to filter is typed, what it listed before (see LIVE_SEARCH_MIN). */
	query(state: UiState): TimelineQuery {
		return this.#query(activeSearch(state), state.researcher, state.unreadOnly, state.starredOnly, state.unreadOnly ? state.keep : null);
	}

	/** What the papers view lists. */
	paperQuery(state: UiState): PaperQuery {
		return this.#paperQuery(activeSearch(state), state.researcher, state.ownOnly, state.unreadOnly);
	}

	/** The lengths of every list the reducer navigates, as the model has them now. */
	counts(state: UiState, version: number): Counts {
		return {
			timeline: this.#count(version, this.query(state)),
			papers: state.view === 'papers' ? this.#paperCount(version, this.paperQuery(state)) : state.counts.papers,
			researchers: state.view === 'researchers' ? this.sources(state, version).length : state.counts.researchers,
			mentions: this.mentionsPaper(state, version)?.mentions.length ?? 0,
			item: this.itemLines(state, version)?.length ?? 0,
			picker: pickerNames(this.names(version), state.pickerFilter).length,
			// Laid out only while help is open: wrapping every binding costs a first frame ~20 ms.
			help: state.help === null ? 0 : this.#helpCount(state.size.columns),
		};
	}

	readonly #count = memoLast((_version: number, query: TimelineQuery) => this.#model.count(query));
	readonly #paperCount = memoLast((_version: number, query: PaperQuery) => this.#model.paperCount(query));
	readonly #helpCount = memoLast((columns: number) => helpLines(columns).length);

	readonly names = memoLast((_version: number): readonly string[] => this.#model.researcherNames());

	/** What is new since the last session, for the timeline's query (the divider and the header's count). */
	readonly freshness = memoLast((_version: number, query: TimelineQuery): Freshness => this.#model.freshness(query));

	/** Unread items per researcher (lower-cased name), while the picker shows them; empty otherwise. */
	readonly unreadByResearcher = memoLast((_version: number, shown: boolean): ReadonlyMap<string, number> => (shown ? this.#model.unreadByResearcher() : NO_UNREAD));

	/** The sources list as shown (filtered), while the researchers view is on; empty otherwise. */
	sources(state: UiState, version: number): readonly SourceStatus[] {
		return this.#sources(version, state.researcher, activeSearch(state), state.view === 'researchers');
	}

	readonly #sources = memoLast((_version: number, researcher: string | null, search: string, shown: boolean): readonly SourceStatus[] =>
		shown ? filterSources(this.#model.sources(), researcher, search) : NO_SOURCES,
	);

	/**
	 * The paper of the mentions screen, whatever the filters. It may be under an item opened from
	 * it: its list keeps its length meanwhile.
	 */
	mentionsPaper(state: UiState, version: number): PaperRow | undefined {
		const screen = state.screens.findLast(s => s.kind === 'mentions');
		return this.#paper(version, screen?.kind === 'mentions' ? screen.paperId : undefined);
	}

	readonly #paper = memoLast((_version: number, paperId: string | undefined) => (paperId === undefined ? undefined : this.#model.paper(paperId)));

	/** arXiv metadata of the mentions screen's paper (read while that screen is on top). */
	readonly mentionsMeta = memoLast((_version: number, paperId: string | undefined): PaperMeta | undefined =>
		paperId === undefined ? undefined : this.#model.paperMeta([paperId]).get(paperId),
	);

	/** The items of the mentions on screen, by id. */
	readonly mentionItems = memoLast((_version: number, paper: PaperRow | undefined, offset: number, height: number): ReadonlyMap<string, Item> => {
		if (paper === undefined) return NO_MENTION_ITEMS;
		const items = new Map<string, Item>();
		for (const m of paper.mentions.slice(offset, offset + height)) {
			const item = this.#model.item(m.item);
			if (item !== undefined) items.set(m.item, item);
		}
		return items;
	});

	/** The open item laid out at the terminal's width; null when no item is open or it left the cache. */
	itemLines(state: UiState, version: number): TextLine[] | null {
		const top = topScreen(state);
		const item = this.#openItem(version, top?.kind === 'item' ? top.id : null);
		return this.#lines(item, this.#openItemInfo(version, item), state.size.columns);
	}

	readonly #openItem = memoLast((_version: number, id: string | null) => (id === null ? null : (this.#model.item(id) ?? null)));
	readonly #openItemInfo: (version: number, item: Item | null | undefined) => ItemPaperInfo;
	readonly #lines = memoLast((item: Item | null, info: ItemPaperInfo, columns: number) => (item === null ? null : itemLines(item, columns, this.#now(), info)));

	/** Timeline rows `offset .. offset+limit`: only the rows on screen, so drawing costs the same for 50 items or 100,000. */
	readonly timelineRows = memoLast((_version: number, query: TimelineQuery, offset: number, limit: number, shown: boolean): readonly Item[] =>
		shown ? this.#model.window(query, offset, limit) : NO_ITEMS,
	);

	/** Who else shared the papers of these rows (one query for the window), by item id. */
	readonly alsoShared = memoLast((version: number, rows: readonly Item[]) =>
		this.#sharedByIds(
			version,
			rows
				.filter(r => r.papers.length > 0)
				.map(r => r.id)
				.join('\n'),
		),
	);

	// A window read afresh holds the same items: their ids say whether to ask again.
	readonly #sharedByIds = memoLast((_version: number, ids: string): ReadonlyMap<string, readonly AlsoShared[]> =>
		ids === '' ? NO_SHARED : this.#model.alsoSharedBy(ids.split('\n')),
	);

	/** The selected timeline row's papers' metadata and who else shared them (the wide detail pane). */
	detailInfo(version: number, item: Item | undefined): ItemPaperInfo {
		return this.#detailInfo(version, item);
	}

	readonly #detailInfo: (version: number, item: Item | null | undefined) => ItemPaperInfo;

	/** Papers `offset .. offset+limit` of the papers view, like the timeline: only the rows on screen. */
	readonly paperRows = memoLast((_version: number, query: PaperQuery, offset: number, limit: number, shown: boolean): readonly PaperRow[] =>
		shown && limit > 0 ? this.#model.paperWindow(query, offset, limit) : NO_PAPERS,
	);

	/** arXiv metadata of the selected paper (the wide detail pane). */
	readonly paperMeta = memoLast((_version: number, paperId: string | undefined): PaperMeta | undefined =>
		paperId === undefined ? undefined : this.#model.paperMeta([paperId]).get(paperId),
	);
}
