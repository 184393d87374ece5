/**
 * Screen geometry shared by the reducer (page sizes, scroll clamping) and the views (how many
 * rows to draw), so the two can never disagree about what is visible.
 */
import type {Context} from '../keys/keymap.js';

export interface Size {
	columns: number;
	rows: number;
}

/** At this width and above, the timeline shows the selected item beside the list. */
export const WIDE_COLUMNS = 120;
/** Header line above the body; status and key-hint lines below it. */
export const HEADER_ROWS = 1;
export const FOOTER_ROWS = 2;
/** Lines above the list in the mentions screen (paper title, id and URL, "Mentioned N times:"). */
export const MENTIONS_HEADER_ROWS = 3;

/**
 * Rows of the mentions list: 40% of the room under its header, at least 3 (a paper is rarely
 * mentioned more often than that); the paper's authors and abstract fill the rest below it.
 */
export function mentionsListHeight(size: Size): number {
	const room = Math.max(0, bodyHeight(size) - MENTIONS_HEADER_ROWS);
	return Math.min(room, Math.max(3, Math.floor(room * 0.4)));
}

/**
 * The frame is one row shorter than the terminal: Ink clears the whole screen on every frame
 * whose height reaches the terminal's, which flickers; a spare last row avoids that.
 */
export function frameHeight(size: Size): number {
	return Math.max(1, Math.floor(size.rows) - 1);
}

export function bodyHeight(size: Size): number {
	return Math.max(0, frameHeight(size) - HEADER_ROWS - FOOTER_ROWS);
}

export function isWide(size: Size): boolean {
	return size.columns >= WIDE_COLUMNS;
}

/**
 * The list's width beside the detail pane, at least: wider than a whole 80-column terminal, so
 * turning the pane on never leaves a headline less room than it had at 80 columns.
 */
const WIDE_LIST_MIN = 88;
/** The detail pane's width, at least (the list gives up columns past WIDE_LIST_MIN for it). */
const DETAIL_MIN = 30;

/** Widths of the list and the detail pane (with a one-column rule between them) on a wide terminal. */
export function splitWidths(columns: number): {list: number; detail: number} {
	const list = Math.max(Math.floor(columns * 0.55), Math.min(WIDE_LIST_MIN, columns - DETAIL_MIN - 1));
	return {list, detail: Math.max(0, columns - list - 1)};
}

/**
 * Lines under the researchers list that show the selected source in full (its last error can be
 * long): half the body, at most 12 lines; a researcher rarely has more than a few sources.
 */
export function researcherDetailHeight(size: Size): number {
	const body = bodyHeight(size);
	return Math.min(12, Math.floor(body / 2));
}

/** Rows of list (or lines of text) a context's viewport shows. */
export function viewportHeight(context: Context, size: Size): number {
	const body = bodyHeight(size);
	switch (context) {
		case 'timeline':
		case 'papers':
		case 'item':
		case 'search':
		case 'link':
			return body;
		case 'researchers':
			return Math.max(0, body - researcherDetailHeight(size));
		case 'mentions':
			return mentionsListHeight(size);
		case 'picker':
			return Math.max(0, body - 2);
		case 'help':
			return Math.max(0, body - 1);
		default: {
			const never: never = context;
			return never;
		}
	}
}
