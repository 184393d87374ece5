/**
 * What one frame draws: the UI state and what the model says for it, read by the controller when
 * either changes (never while rendering). The views take their parts as props; none of them sees
 * the model.
 */
import type {PaperRow, SourceStatus} from '../../app/model.js';
import type {AlsoShared, Item, PaperMeta} from '../../domain/types.js';
import type {Context} from '../../keys/keymap.js';
import {isWide, viewportHeight} from '../../state/layout.js';
import {currentContext, topScreen} from '../../state/types.js';
import type {UiState, ViewId} from '../../state/types.js';
import type {ItemPaperInfo, TextLine} from '../views/item-lines.js';
import type {ModelReads} from './model-reads.js';

export interface UiSnapshot {
	readonly state: UiState;
	/** Which part of the keymap applies (and which screen is drawn). */
	readonly context: Context;
	/** The model version everything below was read at. */
	readonly version: number;
	/** Configured researchers (the picker's list; none yet: the empty timeline says how to add one). */
	readonly names: readonly string[];
	/** Unread items per researcher (lower-cased name), while the picker is open; empty otherwise. */
	readonly unread: ReadonlyMap<string, number>;
	readonly timeline: TimelineShown;
	readonly papers: PapersShown;
	/** The researchers view's sources, filtered (empty while another view is on). */
	readonly sources: readonly SourceStatus[];
	readonly mentions: MentionsShown;
	/** The open item's lines; null when no item is open or it left the cache. */
	readonly item: TextLine[] | null;
}

export interface TimelineShown {
	/** The rows on screen (none while something covers the timeline). */
	readonly rows: readonly Item[];
	/** Other researchers who shared the rows' papers, by item id. */
	readonly shared: ReadonlyMap<string, readonly AlsoShared[]>;
	/** The selected row's papers' metadata and who else shared them, for the wide detail pane. */
	readonly detailInfo: ItemPaperInfo;
}

export interface PapersShown {
	/** The rows on screen (none while something covers the papers view). */
	readonly rows: readonly PaperRow[];
	/** arXiv metadata of the selected paper, for the wide detail pane. */
	readonly selectedMeta: PaperMeta | undefined;
}

export interface MentionsShown {
	/** The paper whose mentions are open (also while an item opened from them is on top). */
	readonly paper: PaperRow | undefined;
	/** Its arXiv metadata, while the mentions screen is on top. */
	readonly meta: PaperMeta | undefined;
	/** The items of the mentions on screen, by id (absent: gone from the cache). */
	readonly items: ReadonlyMap<string, Item>;
}

/** A view's list is on screen: that view, nothing stacked on it, no overlay. */
export function showsList(state: UiState, view: ViewId): boolean {
	return state.view === view && state.screens.length === 0 && state.help === null && state.picker === null;
}

/** The item opened from the timeline, if that is what is open: it is the timeline's selection (Enter, n and N set both at once). */
export function openedFromTimeline(state: UiState): string | null {
	const top = topScreen(state);
	return state.view === 'timeline' && state.screens.length === 1 && top?.kind === 'item' ? top.id : null;
}

/** Reads what a frame of `state` shows. Lists are read a window at a time, as tall as the screen. */
export function takeSnapshot(reads: ModelReads, state: UiState, version: number): UiSnapshot {
	const {size, counts} = state;
	const top = topScreen(state);
	const wide = isWide(size);

	const cursor = state.cursors.timeline;
	const height = viewportHeight('timeline', size);
	const rows = reads.timelineRows(version, reads.query(state), cursor.offset, height, showsList(state, 'timeline') && counts.timeline > 0 && height > 0);
	const timeline: TimelineShown = {
		rows,
		shared: reads.alsoShared(version, rows),
		detailInfo: reads.detailInfo(version, wide ? rows[cursor.selected - cursor.offset] : undefined),
	};

	const paperCursor = state.cursors.papers;
	const paperRows = reads.paperRows(version, reads.paperQuery(state), paperCursor.offset, viewportHeight('papers', size), showsList(state, 'papers') && counts.papers > 0);
	const papers: PapersShown = {rows: paperRows, selectedMeta: reads.paperMeta(version, wide ? paperRows[paperCursor.selected - paperCursor.offset]?.id : undefined)};

	const paper = reads.mentionsPaper(state, version);
	const mentionsOnTop = top?.kind === 'mentions';
	const mentions: MentionsShown = {
		paper,
		meta: reads.mentionsMeta(version, mentionsOnTop ? top.paperId : undefined),
		items: reads.mentionItems(version, mentionsOnTop ? paper : undefined, mentionsOnTop ? top.cursor.offset : 0, viewportHeight('mentions', size)),
	};

	return {
		state,
		context: currentContext(state),
		version,
		names: reads.names(version),
		unread: reads.unreadByResearcher(version, state.picker !== null),
		timeline,
		papers,
		sources: reads.sources(state, version),
		mentions,
		item: reads.itemLines(state, version),
	};
}
