/**
 * The UI's own state (what is selected, which screen is open, the filter) and the actions that
 * change it. Data lives in the model; facts about it that navigation needs (list lengths, refresh
 * progress, where the selected item went) arrive through the `sync` action.
 */
import {type Freshness, NOTHING_FRESH, type PaperQuery, type RefreshProgress, type TimelineQuery} from '../app/model.js';
import type {Context} from '../keys/keymap.js';
import {type Size, viewportHeight} from './layout.js';

export type ViewId = 'timeline' | 'papers' | 'researchers';
/** `Tab` cycles through these, in this order. */
export const VIEWS: readonly ViewId[] = ['timeline', 'papers', 'researchers'];

/** A list's selected row and first visible row. */
export interface Cursor {
	selected: number;
	offset: number;
}

/** Screens stacked over a view: `Esc`/`q` pops them. */
export type Screen =
	| {kind: 'item'; id: string; offset: number}
	| {kind: 'mentions'; paperId: string; cursor: Cursor};

/** Lengths of every list the reducer navigates (`item` and `help`: lines of text). */
export interface Counts {
	timeline: number;
	papers: number;
	researchers: number;
	mentions: number;
	item: number;
	picker: number;
	help: number;
}

export interface UiState {
	view: ViewId;
	cursors: Record<ViewId, Cursor>;
	screens: Screen[];
	/** The `?` overlay, scrolled to `offset`. */
	help: {offset: number} | null;
	/** The researcher picker (`f`). */
	picker: Cursor | null;
	/** What was typed into the picker: it lists only the names that contain it. */
	pickerFilter: string;
	/** The live filter; '' when none. */
	search: string;
	/** Keys go to the search line. */
	searching: boolean;
	researcher: string | null;
	unreadOnly: boolean;
	/** Only starred items (`*`). */
	starredOnly: boolean;
	/**
	 * An item the unread-only timeline keeps although it is read (marked with m, opened), until the
	 * selection leaves it: pressing m again can undo it, and J/K step from where it is.
	 */
	keep: string | null;
	/** What `A` last marked read, while `U` may undo it (the status line offers it). */
	undo: {batch: number; count: number} | null;
	/** The link number being typed after `#` in an open item; null when not typing one. */
	linkInput: string | null;
	/** The papers view lists only papers mentioned by one of their authors. */
	ownOnly: boolean;
	size: Size;
	counts: Counts;
	refresh: RefreshProgress;
	/** Bumped whenever the filter changes, so the next sync knows the list was re-queried. */
	queryKey: number;
	/** The model version and query the counts were taken from. */
	synced: {version: number; queryKey: number};
	/** A one-off notice for the status line ("no link 5"); cleared by the next key. */
	message: string | null;
	/** What is new since the previous session's last frame (the timeline's divider and the header's count). */
	fresh: Freshness;
}

export type Action =
	| {type: 'move'; delta: number}
	| {type: 'page'; direction: 1 | -1}
	| {type: 'edge'; edge: 'first' | 'last'}
	/** Select row `index` of the list the keys drive. */
	| {type: 'select'; index: number}
	| {type: 'open-item'; id: string; timelineIndex?: number; mentionsIndex?: number}
	| {type: 'open-mentions'; paperId: string; count: number}
	| {type: 'back'}
	| {type: 'switch-view'; view?: ViewId}
	| {type: 'search-start'}
	| {type: 'search-input'; text: string}
	| {type: 'search-delete'}
	| {type: 'search-accept'}
	| {type: 'search-clear'}
	| {type: 'search-step'; direction: 1 | -1}
	| {type: 'picker-open'; count: number}
	| {type: 'picker-input'; text: string}
	| {type: 'picker-delete'}
	| {type: 'filter-researcher'; name: string | null; view?: ViewId}
	| {type: 'toggle-unread'}
	| {type: 'toggle-starred'}
	| {type: 'keep'; id: string | null}
	| {type: 'marked-all'; batch: number; count: number}
	| {type: 'undo-expire'}
	| {type: 'link-start'}
	| {type: 'link-input'; text: string}
	| {type: 'link-delete'}
	| {type: 'link-end'}
	| {type: 'toggle-own'}
	| {type: 'toggled'; flag: 'read' | 'star'; value: boolean; count: number}
	| {type: 'help-toggle'}
	| {type: 'resize'; size: Size}
	| {
			type: 'sync';
			version: number;
			queryKey: number;
			counts: Counts;
			refresh: RefreshProgress;
			/** Where the previously selected timeline item now is in the list, or -1. */
			anchorIndex: number;
			/** What is new since the last session, for the timeline's query; kept as it was when absent. */
			fresh?: Freshness;
	  }
	| {type: 'message'; text: string | null};

export const EMPTY_COUNTS: Counts = {timeline: 0, papers: 0, researchers: 0, mentions: 0, item: 0, picker: 0, help: 0};

export function initialState(size: Size): UiState {
	const cursor = {selected: 0, offset: 0};
	return {
		view: 'timeline',
		cursors: {timeline: cursor, papers: cursor, researchers: cursor},
		screens: [],
		help: null,
		picker: null,
		pickerFilter: '',
		search: '',
		searching: false,
		researcher: null,
		unreadOnly: false,
		starredOnly: false,
		keep: null,
		undo: null,
		linkInput: null,
		ownOnly: false,
		size,
		counts: EMPTY_COUNTS,
		refresh: {running: false, done: 0, total: 0, results: [], finishedAt: null},
		queryKey: 0,
		// -1: nothing synced yet, so the first render always syncs.
		synced: {version: -1, queryKey: -1},
		message: null,
		fresh: NOTHING_FRESH,
	};
}

/**
 * Where the "new since you last looked" divider goes: below this many rows of the timeline, when
 * new rows lead the list and older ones follow; null when there is nothing to divide.
 */
export function dividerAt(state: Pick<UiState, 'fresh' | 'counts'>): number | null {
	const {lead} = state.fresh;
	return lead > 0 && lead < state.counts.timeline ? lead : null;
}

/**
 * Rows of list a context's viewport shows: the layout's, less the divider's row in the timeline.
 * The reducer keeps the selection within this many rows; the timeline draws one more row when
 * the divider is not on screen, so the selection is always drawn.
 */
export function listHeight(state: Pick<UiState, 'fresh' | 'counts' | 'size'>, context: Context): number {
	const height = viewportHeight(context, state.size);
	return context === 'timeline' && dividerAt(state) !== null ? Math.max(1, height - 1) : height;
}

/** The researcher names the picker lists: those containing what was typed (case-insensitive), in order. */
export function pickerNames(names: readonly string[], filter: string): readonly string[] {
	const needle = filter.trim().toLowerCase();
	return needle === '' ? names : names.filter(n => n.toLowerCase().includes(needle));
}

/** Which part of the keymap applies now: the overlay, else the top screen, else the view. */
export function currentContext(state: UiState): Context {
	if (state.searching) return 'search';
	if (state.linkInput !== null) return 'link';
	if (state.help !== null) return 'help';
	if (state.picker !== null) return 'picker';
	const top = state.screens[state.screens.length - 1];
	if (top !== undefined) return top.kind;
	return state.view;
}

/**
 * Typed searches filter as you type from this many characters. One or two characters match
 * nearly everything and, shorter than a trigram, cannot use the search index: each key would scan
 * every cached item (a quarter of a second at 100,000). Enter applies a shorter search.
 */
export const LIVE_SEARCH_MIN = 3;

/** True while a search being typed is too short to filter yet. */
export function searchPending(state: Pick<UiState, 'search' | 'searching'>): boolean {
	return state.searching && state.search.trim() !== '' && [...state.search.trim()].length < LIVE_SEARCH_MIN;
}

/** The search the lists are filtered by now (see LIVE_SEARCH_MIN). */
export function activeSearch(state: Pick<UiState, 'search' | 'searching'>): string {
	return searchPending(state) ? '' : state.search;
}

/** The model query the timeline (and, for researcher and search, the other views) shows. */
export function queryOf(state: Pick<UiState, 'search' | 'searching' | 'researcher' | 'unreadOnly'> & Partial<Pick<UiState, 'starredOnly' | 'keep'>>): TimelineQuery {
	const query: TimelineQuery = {};
	const search = activeSearch(state);
	if (search !== '') query.search = search;
	if (state.researcher !== null) query.researcher = state.researcher;
	if (state.unreadOnly) {
		query.unreadOnly = true;
		if (state.keep !== undefined && state.keep !== null) query.keep = state.keep;
	}
	if (state.starredOnly === true) query.starredOnly = true;
	return query;
}

/** The query the papers view lists: the researcher, search and unread filters, and own papers only. */
export function paperQueryOf(state: Pick<UiState, 'search' | 'searching' | 'researcher' | 'ownOnly' | 'unreadOnly'>): PaperQuery {
	const query: PaperQuery = {};
	const search = activeSearch(state);
	if (search !== '') query.search = search;
	if (state.researcher !== null) query.researcher = state.researcher;
	if (state.ownOnly) query.ownOnly = true;
	if (state.unreadOnly) query.unreadOnly = true;
	return query;
}

export function topScreen(state: UiState): Screen | undefined {
	return state.screens[state.screens.length - 1];
}
