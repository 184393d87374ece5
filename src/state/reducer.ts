/**
 * The UI reducer: pure, no model access, no side effects. Every navigation clamps against the
 * list lengths in `state.counts` and the viewport heights from `layout.ts`.
 */
import {keyFor} from '../keys/keymap.js';
import {viewportHeight} from './layout.js';
import {clampScroll, computeWindow} from './window.js';
import {currentContext, listHeight, VIEWS} from './types.js';
import type {Action, Cursor, Screen, UiState, ViewId} from './types.js';

export * from './types.js';

/** Rows kept visible above and below the selection when scrolling a list. */
const SCROLLOFF = 1;

type ListId = 'timeline' | 'papers' | 'researchers' | 'mentions' | 'picker';
type Motion = {kind: 'by'; delta: number} | {kind: 'page'; direction: 1 | -1} | {kind: 'to'; index: number};

function fit(cursor: Cursor, count: number, height: number): Cursor {
	const w = computeWindow({...cursor, count, height, scrolloff: SCROLLOFF});
	return {selected: w.selected, offset: w.offset};
}

function moveCursor(cursor: Cursor, count: number, height: number, motion: Motion): Cursor {
	switch (motion.kind) {
		case 'by':
			return fit({...cursor, selected: cursor.selected + motion.delta}, count, height);
		case 'page': {
			// Page by a whole screen, keeping the selection on the same screen row.
			const step = Math.max(1, height) * motion.direction;
			return fit({selected: cursor.selected + step, offset: cursor.offset + step}, count, height);
		}
		case 'to':
			return fit({...cursor, selected: motion.index}, count, height);
		default: {
			const never: never = motion;
			return never;
		}
	}
}

function scroll(offset: number, count: number, height: number, motion: Motion): number {
	switch (motion.kind) {
		case 'by':
			return clampScroll(offset + motion.delta, count, height);
		case 'page':
			return clampScroll(offset + Math.max(1, height - 1) * motion.direction, count, height);
		case 'to':
			return clampScroll(motion.index, count, height);
		default: {
			const never: never = motion;
			return never;
		}
	}
}

function withTop(state: UiState, screen: Screen): UiState {
	return {...state, screens: [...state.screens.slice(0, -1), screen]};
}

function setList(state: UiState, list: ListId, cursor: Cursor): UiState {
	switch (list) {
		case 'picker':
			return {...state, picker: cursor};
		case 'mentions': {
			const top = state.screens[state.screens.length - 1];
			return top?.kind === 'mentions' ? withTop(state, {...top, cursor}) : state;
		}
		default:
			return {...state, cursors: {...state.cursors, [list]: cursor}};
	}
}

/** Applies a motion to whatever the keys are driving now. */
function navigate(state: UiState, motion: Motion): UiState {
	const context = currentContext(state);
	const {counts, size} = state;
	switch (context) {
		case 'search':
		case 'link':
			return state;
		case 'help': {
			const h = viewportHeight('help', size);
			return {...state, help: {offset: scroll(state.help?.offset ?? 0, counts.help, h, motion)}};
		}
		case 'item': {
			const top = state.screens[state.screens.length - 1];
			if (top?.kind !== 'item') return state;
			return withTop(state, {...top, offset: scroll(top.offset, counts.item, viewportHeight('item', size), motion)});
		}
		case 'mentions': {
			const top = state.screens[state.screens.length - 1];
			if (top?.kind !== 'mentions') return state;
			return setList(state, 'mentions', moveCursor(top.cursor, counts.mentions, viewportHeight('mentions', size), motion));
		}
		case 'picker':
			if (state.picker === null) return state;
			return setList(state, 'picker', moveCursor(state.picker, counts.picker, viewportHeight('picker', size), motion));
		case 'timeline':
		case 'papers':
		case 'researchers':
			return setList(state, context, moveCursor(state.cursors[context], counts[context], listHeight(state, context), motion));
		default: {
			const never: never = context;
			return never;
		}
	}
}

/** Next (or previous) index in a list of `count`, wrapping around, as vim's `n` does. */
export function stepIndex(index: number, count: number, direction: 1 | -1): number {
	if (count <= 0) return 0;
	return (((index + direction) % count) + count) % count;
}

/** Re-fits every cursor and scroll position to the current counts and size. */
function refit(state: UiState): UiState {
	const {counts, size} = state;
	const cursors = {} as Record<ViewId, Cursor>;
	for (const view of VIEWS) cursors[view] = fit(state.cursors[view], counts[view], listHeight(state, view));
	const screens = state.screens.map((s): Screen =>
		s.kind === 'item'
			? {...s, offset: clampScroll(s.offset, counts.item, viewportHeight('item', size))}
			: {...s, cursor: fit(s.cursor, counts.mentions, viewportHeight('mentions', size))},
	);
	return {
		...state,
		cursors,
		screens,
		help: state.help && {offset: clampScroll(state.help.offset, counts.help, viewportHeight('help', size))},
		picker: state.picker && fit(state.picker, counts.picker, viewportHeight('picker', size)),
	};
}

/** Another list: an item kept on screen for the last one (`keep`) is let go unless the patch keeps it. */
function changeQuery(state: UiState, patch: Partial<UiState>): UiState {
	return {...state, keep: null, ...patch, queryKey: state.queryKey + 1};
}

/** The digits of a link number as typed after `#`; more than four would name no link anyone has. */
const LINK_DIGITS = 4;

function sync(state: UiState, action: Extract<Action, {type: 'sync'}>): UiState {
	const queryChanged = action.queryKey !== state.synced.queryKey;
	const old = state.cursors.timeline;
	let timeline: Cursor;
	if (action.anchorIndex >= 0) {
		// Keep the selection on the same item. At the top of the list, let new items show above
		// it; further down, shift the view with it so nothing on screen moves.
		const delta = action.anchorIndex - old.selected;
		timeline = {selected: action.anchorIndex, offset: old.offset === 0 ? 0 : old.offset + delta};
	} else {
		timeline = queryChanged ? {selected: 0, offset: 0} : old;
	}
	// News from a refresh (started, finished) replaces a leftover one-off message.
	const refreshNews = action.refresh.running !== state.refresh.running || action.refresh.finishedAt !== state.refresh.finishedAt;
	return refit({
		...state,
		// The offer to undo `A` stays on the status line while it can be taken.
		message: refreshNews && state.undo === null ? null : state.message,
		cursors: {...state.cursors, timeline},
		counts: action.counts,
		refresh: action.refresh,
		fresh: action.fresh ?? state.fresh,
		synced: {version: action.version, queryKey: action.queryKey},
	});
}

function back(state: UiState): UiState {
	if (state.help !== null) return {...state, help: null};
	// Esc in the picker first clears what was typed, then closes it.
	if (state.picker !== null) return state.pickerFilter !== '' ? {...state, pickerFilter: '', picker: {selected: 0, offset: 0}} : {...state, picker: null};
	if (state.screens.length > 0) return {...state, screens: state.screens.slice(0, -1)};
	if (state.search !== '') return changeQuery(state, {search: ''});
	if (state.view !== 'timeline') return {...state, view: 'timeline'};
	return state;
}

function reduceAction(state: UiState, action: Action): UiState {
	switch (action.type) {
		case 'move':
			return navigate(state, {kind: 'by', delta: action.delta});
		case 'page':
			return navigate(state, {kind: 'page', direction: action.direction});
		case 'edge':
			return navigate(state, {kind: 'to', index: action.edge === 'first' ? 0 : Number.MAX_SAFE_INTEGER});
		case 'select':
			return navigate(state, {kind: 'to', index: action.index});
		case 'open-item': {
			let next = state;
			if (action.timelineIndex !== undefined) {
				next = setList(next, 'timeline', moveCursor(next.cursors.timeline, next.counts.timeline, listHeight(next, 'timeline'), {kind: 'to', index: action.timelineIndex}));
			}
			const top = next.screens[next.screens.length - 1];
			const under = next.screens[next.screens.length - 2];
			if (action.mentionsIndex !== undefined && top?.kind === 'item' && under?.kind === 'mentions') {
				// J/K from an item opened from a paper's mentions: the mentions list follows.
				const cursor = moveCursor(under.cursor, next.counts.mentions, viewportHeight('mentions', next.size), {kind: 'to', index: action.mentionsIndex});
				next = {...next, screens: [...next.screens.slice(0, -2), {...under, cursor}, top]};
			}
			const screen: Screen = {kind: 'item', id: action.id, offset: 0};
			// Stepping with n/N from an open item replaces it rather than stacking another.
			if (top?.kind === 'item') return {...next, screens: [...next.screens.slice(0, -1), screen]};
			return {...next, screens: [...next.screens, screen]};
		}
		case 'open-mentions':
			return {
				...state,
				screens: [...state.screens, {kind: 'mentions', paperId: action.paperId, cursor: {selected: 0, offset: 0}}],
				counts: {...state.counts, mentions: action.count},
			};
		case 'back':
			return back(state);
		case 'switch-view': {
			const next = action.view ?? VIEWS[(VIEWS.indexOf(state.view) + 1) % VIEWS.length] ?? 'timeline';
			return {...state, view: next, screens: [], picker: null, help: null};
		}
		case 'search-start':
			return state.search === '' ? {...state, searching: true} : changeQuery(state, {searching: true, search: ''});
		case 'search-input':
			return changeQuery(state, {search: state.search + action.text});
		case 'search-delete': {
			if (state.search === '') return state;
			const chars = [...state.search];
			return changeQuery(state, {search: chars.slice(0, -1).join('')});
		}
		case 'search-accept':
			return {...state, searching: false};
		case 'search-clear':
			return changeQuery(state, {searching: false, search: ''});
		case 'search-step': {
			if (state.search === '') return {...state, message: `no search: press ${keyFor('search.start')} to search`};
			const view = state.view;
			const count = state.counts[view];
			if (count === 0) return {...state, message: `no match for "${state.search}"`};
			const from = state.cursors[view].selected;
			const index = stepIndex(from, count, action.direction);
			const wrapped = action.direction === 1 ? index <= from : index >= from;
			const moved = setList(state, view, moveCursor(state.cursors[view], count, listHeight(state, view), {kind: 'to', index}));
			return {...moved, message: wrapped ? (action.direction === 1 ? 'search hit bottom, continuing at top' : 'search hit top, continuing at bottom') : null};
		}
		case 'picker-open':
			return {...state, picker: {selected: 0, offset: 0}, pickerFilter: '', counts: {...state.counts, picker: action.count}};
		case 'picker-input':
			// The list narrows under the cursor: start again at its top (the sync brings its new length).
			return state.picker === null ? state : {...state, pickerFilter: state.pickerFilter + action.text, picker: {selected: 0, offset: 0}};
		case 'picker-delete': {
			if (state.picker === null || state.pickerFilter === '') return state;
			return {...state, pickerFilter: [...state.pickerFilter].slice(0, -1).join(''), picker: {selected: 0, offset: 0}};
		}
		case 'filter-researcher':
			return changeQuery(state, {researcher: action.name, picker: null, view: action.view ?? state.view, screens: action.view ? [] : state.screens});
		case 'toggle-unread':
			// The timeline keeps its selection on its item (sync); the papers list starts at its top, as for toggle-own.
			return changeQuery(state, {unreadOnly: !state.unreadOnly, cursors: {...state.cursors, papers: {selected: 0, offset: 0}}});
		case 'toggle-starred':
			return changeQuery(state, {starredOnly: !state.starredOnly});
		case 'keep':
			return state.keep === action.id ? state : changeQuery(state, {keep: action.id});
		case 'marked-all':
			if (action.count === 0) return {...state, undo: null, message: 'nothing unread here'};
			return {...state, undo: {batch: action.batch, count: action.count}, message: `marked ${action.count} read · ${keyFor('read.undo')} undo`};
		case 'undo-expire':
			return state.undo === null ? state : {...state, undo: null};
		case 'link-start':
			return {...state, linkInput: ''};
		case 'link-input': {
			if (state.linkInput === null) return state;
			const digits = (state.linkInput + action.text.replace(/[^0-9]/g, '')).slice(0, LINK_DIGITS);
			return {...state, linkInput: digits};
		}
		case 'link-delete':
			return state.linkInput === null ? state : {...state, linkInput: [...state.linkInput].slice(0, -1).join('')};
		case 'link-end':
			return {...state, linkInput: null};
		case 'toggle-own':
			// Another list: start at its top rather than at the row number of a paper that may not be in it.
			return changeQuery(state, {ownOnly: !state.ownOnly, cursors: {...state.cursors, papers: {selected: 0, offset: 0}}});
		case 'toggled': {
			const what = action.flag === 'read' ? (action.value ? 'marked read' : 'marked unread') : action.value ? 'starred' : 'unstarred';
			return {...state, message: action.count > 1 ? `${what}: ${action.count} items` : what};
		}
		case 'help-toggle':
			return {...state, help: state.help === null ? {offset: 0} : null};
		case 'resize':
			return refit({...state, size: action.size});
		case 'sync':
			return sync(state, action);
		case 'message':
			return {...state, message: action.text};
		default: {
			const never: never = action;
			return never;
		}
	}
}

/** The UI reducer. Messages are cleared by the controller when the next key arrives. */
export function reducer(state: UiState, action: Action): UiState {
	return reduceAction(state, action);
}
