/** Small pure selections the App makes from model data. */
import type {SourceStatus} from '../app/model.js';
import type {Context} from '../keys/keymap.js';
import {viewportHeight} from '../state/layout.js';
import type {Size} from '../state/layout.js';
import type {UiState} from '../state/types.js';

/** Sources of the filtered researcher, matching the search (researcher, kind, target, error). */
export function filterSources(sources: readonly SourceStatus[], researcher: string | null, search: string): SourceStatus[] {
	const who = researcher?.toLowerCase();
	const needle = search.toLowerCase();
	return sources.filter(
		s =>
			(who === undefined || s.researcher.toLowerCase() === who) &&
			(needle === '' || [s.researcher, s.source, s.target, s.lastError ?? ''].join('\n').toLowerCase().includes(needle)),
	);
}

/** Where the selection is, for the status line: `12/340`, or the lines shown of an item. */
export function position(state: UiState, context: Context, size: Size): string {
	const {counts} = state;
	const of = (selected: number, count: number): string => (count === 0 ? '0/0' : `${selected + 1}/${count}`);
	const top = state.screens[state.screens.length - 1];
	switch (context) {
		case 'item': {
			if (top?.kind !== 'item' || counts.item === 0) return '';
			const end = Math.min(counts.item, top.offset + viewportHeight('item', size));
			return `lines ${top.offset + 1}-${end}/${counts.item}`;
		}
		case 'mentions':
			return top?.kind === 'mentions' ? of(top.cursor.selected, counts.mentions) : '';
		case 'help':
		case 'picker':
			return '';
		case 'timeline':
		case 'papers':
		case 'researchers':
			return of(state.cursors[context].selected, counts[context]);
		case 'search':
			return of(state.cursors[state.view].selected, counts[state.view]);
		default: {
			const never: never = context;
			return never;
		}
	}
}
