/**
 * Windowed lists: which rows of a list are on screen. Pure, so the cost of drawing a list
 * depends on the viewport's height, never on the list's length (only `end - start` rows are
 * ever fetched from the model).
 */

export interface WindowInput {
	/** Selected row (clamped into the list). */
	selected: number;
	/** First visible row before this update. */
	offset: number;
	/** Number of rows in the list. */
	count: number;
	/** Rows the viewport can show. */
	height: number;
	/** Rows kept visible above and below the selection when scrolling, as in vim's `scrolloff`. */
	scrolloff?: number;
}

export interface ListWindow {
	/** The selection, clamped into `0 .. count-1` (0 for an empty list). */
	selected: number;
	/** First visible row (equals `start`). */
	offset: number;
	start: number;
	/** One past the last visible row: `end - start <= height`. */
	end: number;
}

function clamp(n: number, lo: number, hi: number): number {
	return Math.max(lo, Math.min(hi, n));
}

/**
 * The visible slice for a selection: keeps the previous offset when the selection is still in view
 * (so the list does not jump), scrolls just enough otherwise, and never leaves blank rows at the
 * bottom while there are rows above to show (after a resize or when the list shrinks).
 */
export function computeWindow(input: WindowInput): ListWindow {
	const count = Math.max(0, Math.floor(input.count));
	const height = Math.max(0, Math.floor(input.height));
	if (count === 0 || height === 0) {
		return {selected: 0, offset: 0, start: 0, end: 0};
	}
	const selected = clamp(Math.floor(input.selected), 0, count - 1);
	const margin = clamp(input.scrolloff ?? 0, 0, Math.floor((height - 1) / 2));
	let offset = clamp(Math.floor(input.offset), 0, Math.max(0, count - height));
	if (selected < offset + margin) offset = selected - margin;
	if (selected > offset + height - 1 - margin) offset = selected - height + 1 + margin;
	offset = clamp(offset, 0, Math.max(0, count - height));
	return {selected, offset, start: offset, end: Math.min(count, offset + height)};
}

/**
 * A scroll-only viewport (the item view, help): the first line shown, clamped so the last
 * screenful is full.
 */
export function clampScroll(offset: number, count: number, height: number): number {
	return clamp(Math.floor(offset), 0, Math.max(0, count - Math.max(0, height)));
}
