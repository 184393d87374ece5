import assert from 'node:assert/strict';
import {test} from 'node:test';
import {currentContext, initialState, paperQueryOf, queryOf, reducer, stepIndex} from '../../src/state/reducer.js';
import type {Action, Counts, UiState} from '../../src/state/reducer.js';
import {bodyHeight, MENTIONS_HEADER_ROWS, viewportHeight} from '../../src/state/layout.js';

const SIZE = {columns: 80, rows: 24};
const IDLE = {running: false, done: 0, total: 0, results: [], finishedAt: null};

function counts(partial: Partial<Counts> = {}): Counts {
	return {timeline: 100, papers: 10, researchers: 4, mentions: 0, item: 0, picker: 3, help: 40, ...partial};
}

/** A state that has synced with a model holding `c`. */
function synced(c: Partial<Counts> = {}): UiState {
	return reducer(initialState(SIZE), {type: 'sync', version: 1, queryKey: 0, counts: counts(c), refresh: IDLE, anchorIndex: -1});
}

function run(state: UiState, ...actions: Action[]): UiState {
	return actions.reduce(reducer, state);
}

const PAGE = viewportHeight('timeline', SIZE);

test('move, page and edges stay inside the list', () => {
	let s = run(synced(), {type: 'move', delta: 1}, {type: 'move', delta: 1});
	assert.equal(s.cursors.timeline.selected, 2);
	s = run(s, {type: 'move', delta: -5});
	assert.equal(s.cursors.timeline.selected, 0);
	s = run(s, {type: 'page', direction: 1});
	assert.equal(s.cursors.timeline.selected, PAGE);
	// A whole page further down, less the one row of context kept above the selection.
	assert.equal(s.cursors.timeline.offset, PAGE - 1);
	s = run(s, {type: 'page', direction: -1});
	assert.deepEqual(s.cursors.timeline, {selected: 0, offset: 0});
	s = run(s, {type: 'edge', edge: 'last'});
	assert.equal(s.cursors.timeline.selected, 99);
	assert.equal(s.cursors.timeline.offset, 100 - PAGE);
	s = run(s, {type: 'page', direction: 1});
	assert.equal(s.cursors.timeline.selected, 99);
	s = run(s, {type: 'edge', edge: 'first'});
	assert.deepEqual(s.cursors.timeline, {selected: 0, offset: 0});
});

test('moving in an empty list does nothing', () => {
	const s = run(synced({timeline: 0}), {type: 'move', delta: 1}, {type: 'edge', edge: 'last'});
	assert.deepEqual(s.cursors.timeline, {selected: 0, offset: 0});
});

test('Enter opens an item over the view; back closes it, then clears the search, then returns to the timeline', () => {
	let s = run(synced(), {type: 'move', delta: 3}, {type: 'open-item', id: 'a'});
	assert.equal(currentContext(s), 'item');
	assert.deepEqual(s.screens, [{kind: 'item', id: 'a', offset: 0}]);
	s = run(s, {type: 'back'});
	assert.equal(currentContext(s), 'timeline');
	assert.equal(s.cursors.timeline.selected, 3, 'the selection survives');

	s = run(s, {type: 'search-start'}, {type: 'search-input', text: 'rlhf'}, {type: 'search-accept'}, {type: 'switch-view'});
	assert.equal(s.view, 'papers');
	s = run(s, {type: 'back'});
	assert.equal(s.search, '');
	assert.equal(s.view, 'papers');
	s = run(s, {type: 'back'});
	assert.equal(s.view, 'timeline');
	assert.equal(run(s, {type: 'back'}), s, 'back at the bottom of everything changes nothing');
});

test('an open item scrolls by line, clamped to its length', () => {
	const height = viewportHeight('item', SIZE);
	let s = run(synced(), {type: 'open-item', id: 'a'});
	s = run(s, {type: 'sync', version: 1, queryKey: 0, counts: counts({item: height + 5}), refresh: IDLE, anchorIndex: 0});
	s = run(s, {type: 'move', delta: 3});
	assert.equal(s.screens[0]?.kind === 'item' && s.screens[0].offset, 3);
	s = run(s, {type: 'edge', edge: 'last'});
	assert.equal(s.screens[0]?.kind === 'item' && s.screens[0].offset, 5);
	s = run(s, {type: 'move', delta: 10});
	assert.equal(s.screens[0]?.kind === 'item' && s.screens[0].offset, 5);
	assert.equal(s.cursors.timeline.selected, 0, 'scrolling an item does not move the timeline');
});

test('n/N from an open item replaces it and moves the timeline selection', () => {
	const s = run(synced(), {type: 'open-item', id: 'a'}, {type: 'open-item', id: 'b', timelineIndex: 7});
	assert.deepEqual(s.screens, [{kind: 'item', id: 'b', offset: 0}]);
	assert.equal(s.cursors.timeline.selected, 7);
});

test('Tab cycles timeline → papers → researchers and closes open screens', () => {
	let s = run(synced(), {type: 'open-item', id: 'a'}, {type: 'switch-view'});
	assert.equal(s.view, 'papers');
	assert.deepEqual(s.screens, []);
	s = run(s, {type: 'switch-view'});
	assert.equal(s.view, 'researchers');
	s = run(s, {type: 'switch-view'});
	assert.equal(s.view, 'timeline');
});

test('each view keeps its own selection', () => {
	const s = run(synced(), {type: 'move', delta: 5}, {type: 'switch-view'}, {type: 'move', delta: 2});
	assert.equal(s.cursors.papers.selected, 2);
	assert.equal(s.cursors.timeline.selected, 5);
});

test('search: typing filters live, Esc clears, Enter keeps', () => {
	let s = run(synced(), {type: 'search-start'});
	assert.equal(currentContext(s), 'search');
	const before = s.queryKey;
	s = run(s, {type: 'search-input', text: 'pe'}, {type: 'search-input', text: 'rs'});
	assert.equal(s.search, 'pers');
	assert.equal(queryOf(s).search, 'pers');
	assert.equal(s.queryKey, before + 2, 'every keystroke re-queries');
	s = run(s, {type: 'search-delete'});
	assert.equal(s.search, 'per');
	const kept = run(s, {type: 'search-accept'});
	assert.equal(kept.search, 'per');
	assert.equal(currentContext(kept), 'timeline');
	const cleared = run(s, {type: 'search-clear'});
	assert.equal(cleared.search, '');
	assert.equal(queryOf(cleared).search, undefined);
	assert.equal(currentContext(cleared), 'timeline');
	// Deleting a wide character deletes all of it.
	assert.equal(run(s, {type: 'search-input', text: '日本'}, {type: 'search-delete'}).search, 'per日');
});

test('search: one or two typed characters do not filter until Enter', () => {
	let s = run(synced(), {type: 'search-start'}, {type: 'search-input', text: 'p'});
	assert.equal(queryOf(s).search, undefined, 'one character: the list stays as it was');
	assert.equal(paperQueryOf(s).search, undefined);
	s = run(s, {type: 'search-input', text: '刘'});
	assert.equal(queryOf(s).search, undefined, 'two characters, one of them wide');
	assert.equal(queryOf(run(s, {type: 'search-input', text: 'x'})).search, 'p刘x', 'three filter live');
	assert.equal(queryOf(run(s, {type: 'search-accept'})).search, 'p刘', 'Enter applies a short search');
	assert.equal(queryOf(run(synced(), {type: 'search-start'}, {type: 'search-input', text: '  a '})).search, undefined, 'spaces do not count');
});

test('n/N step through matches, wrapping with a notice', () => {
	let s = run(synced({timeline: 3}), {type: 'search-start'}, {type: 'search-input', text: 'x'}, {type: 'search-accept'});
	s = run(s, {type: 'sync', version: 1, queryKey: s.queryKey, counts: counts({timeline: 3}), refresh: IDLE, anchorIndex: -1});
	s = run(s, {type: 'search-step', direction: 1});
	assert.equal(s.cursors.timeline.selected, 1);
	assert.equal(s.message, null);
	s = run(s, {type: 'search-step', direction: 1}, {type: 'search-step', direction: 1});
	assert.equal(s.cursors.timeline.selected, 0);
	assert.match(s.message ?? '', /continuing at top/);
	s = run(s, {type: 'search-step', direction: -1});
	assert.equal(s.cursors.timeline.selected, 2);
	assert.match(s.message ?? '', /continuing at bottom/);
	assert.equal(stepIndex(0, 0, 1), 0);
});

test('n without a search says how to search', () => {
	const s = run(synced(), {type: 'search-step', direction: 1});
	assert.equal(s.cursors.timeline.selected, 0);
	assert.match(s.message ?? '', /press \//);
});

test('f opens the picker; picking filters and closes it; clearing the filter', () => {
	let s = run(synced(), {type: 'picker-open', count: 3});
	assert.equal(currentContext(s), 'picker');
	s = run(s, {type: 'move', delta: 1});
	assert.equal(s.picker?.selected, 1);
	s = run(s, {type: 'filter-researcher', name: 'Wei Liu'});
	assert.equal(s.picker, null);
	assert.equal(queryOf(s).researcher, 'Wei Liu');
	s = run(s, {type: 'filter-researcher', name: null});
	assert.equal(queryOf(s).researcher, undefined);
	// Esc closes the picker without filtering.
	const cancelled = run(synced(), {type: 'picker-open', count: 3}, {type: 'back'});
	assert.equal(cancelled.picker, null);
	assert.equal(cancelled.researcher, null);
});

test('choosing a source in the researchers view shows that researcher’s timeline', () => {
	const s = run(synced(), {type: 'switch-view', view: 'researchers'}, {type: 'filter-researcher', name: 'Leqi Liu', view: 'timeline'});
	assert.equal(s.view, 'timeline');
	assert.equal(s.researcher, 'Leqi Liu');
});

test('u toggles unread only', () => {
	const s = run(synced(), {type: 'toggle-unread'});
	assert.equal(queryOf(s).unreadOnly, true);
	assert.equal(queryOf(run(s, {type: 'toggle-unread'})).unreadOnly, undefined);
});

test('toggles report what they did', () => {
	assert.equal(run(synced(), {type: 'toggled', flag: 'read', value: true, count: 1}).message, 'marked read');
	assert.equal(run(synced(), {type: 'toggled', flag: 'star', value: false, count: 1}).message, 'unstarred');
	assert.equal(run(synced(), {type: 'toggled', flag: 'star', value: true, count: 3}).message, 'starred: 3 items');
	assert.equal(run(synced(), {type: 'message', text: 'x'}, {type: 'message', text: null}).message, null);
});

test('? opens help, which scrolls and closes with back or ?', () => {
	let s = run(synced(), {type: 'help-toggle'});
	assert.equal(currentContext(s), 'help');
	s = run(s, {type: 'move', delta: 2});
	assert.equal(s.help?.offset, 2);
	assert.equal(s.cursors.timeline.selected, 0, 'help scrolling leaves the list alone');
	assert.equal(run(s, {type: 'help-toggle'}).help, null);
	assert.equal(run(s, {type: 'back'}).help, null);
});

test('resize re-fits the selection to the new height', () => {
	let s = run(synced(), {type: 'edge', edge: 'last'});
	s = run(s, {type: 'resize', size: {columns: 80, rows: 10}});
	const h = viewportHeight('timeline', s.size);
	assert.equal(s.cursors.timeline.selected, 99);
	assert.equal(s.cursors.timeline.offset, 100 - h);
	s = run(s, {type: 'resize', size: {columns: 200, rows: 60}});
	assert.equal(s.cursors.timeline.offset, 100 - viewportHeight('timeline', s.size));
	// A terminal too small for any row still yields a valid state.
	s = run(s, {type: 'resize', size: {columns: 10, rows: 2}});
	assert.equal(viewportHeight('timeline', s.size), 0);
	assert.deepEqual(s.cursors.timeline, {selected: 0, offset: 0});
});

test('data-changed: new items above keep the selection on the same item', () => {
	// Selected row 30, shown from 25.
	let s = run(synced(), {type: 'move', delta: 30});
	const row = s.cursors.timeline.selected - s.cursors.timeline.offset;
	// Five items arrived; the selected item is now at 35.
	s = run(s, {type: 'sync', version: 2, queryKey: 0, counts: counts({timeline: 105}), refresh: IDLE, anchorIndex: 35});
	assert.equal(s.cursors.timeline.selected, 35);
	assert.equal(s.cursors.timeline.selected - s.cursors.timeline.offset, row, 'the selected row stays on the same screen line');
	assert.equal(s.counts.timeline, 105);
});

test('data-changed at the top: new items show above the kept selection', () => {
	let s = synced();
	s = run(s, {type: 'sync', version: 2, queryKey: 0, counts: counts({timeline: 103}), refresh: IDLE, anchorIndex: 3});
	assert.deepEqual(s.cursors.timeline, {selected: 3, offset: 0});
});

test('data-changed: the selected item gone keeps the position; a new query starts at the top', () => {
	let s = run(synced(), {type: 'move', delta: 10});
	s = run(s, {type: 'sync', version: 2, queryKey: 0, counts: counts({timeline: 99}), refresh: IDLE, anchorIndex: -1});
	assert.equal(s.cursors.timeline.selected, 10);
	s = run(s, {type: 'toggle-unread'});
	s = run(s, {type: 'sync', version: 2, queryKey: s.queryKey, counts: counts({timeline: 40}), refresh: IDLE, anchorIndex: -1});
	assert.equal(s.cursors.timeline.selected, 0);
	// …unless the selected item is still in the new list.
	s = run(s, {type: 'move', delta: 4}, {type: 'toggle-unread'});
	s = run(s, {type: 'sync', version: 2, queryKey: s.queryKey, counts: counts({timeline: 99}), refresh: IDLE, anchorIndex: 9});
	assert.equal(s.cursors.timeline.selected, 9);
});

test('data-changed: lists that shrank clamp their selection; refresh progress is kept', () => {
	let s = run(synced(), {type: 'switch-view', view: 'papers'}, {type: 'edge', edge: 'last'});
	assert.equal(s.cursors.papers.selected, 9);
	const progress = {running: true, done: 3, total: 7, results: [], finishedAt: null};
	s = run(s, {type: 'sync', version: 2, queryKey: 0, counts: counts({papers: 4}), refresh: progress, anchorIndex: 0});
	assert.equal(s.cursors.papers.selected, 3);
	assert.deepEqual(s.refresh, progress);
	assert.deepEqual(s.synced, {version: 2, queryKey: 0});
});

test('the context follows overlays, then screens, then the view', () => {
	let s = synced();
	assert.equal(currentContext(s), 'timeline');
	s = run(s, {type: 'switch-view', view: 'papers'}, {type: 'open-mentions', paperId: 'arxiv:1', count: 2});
	assert.equal(currentContext(s), 'mentions');
	s = run(s, {type: 'move', delta: 1});
	assert.equal(s.screens[0]?.kind === 'mentions' && s.screens[0].cursor.selected, 1);
	s = run(s, {type: 'open-item', id: 'x'});
	assert.equal(currentContext(s), 'item');
	s = run(s, {type: 'help-toggle'});
	assert.equal(currentContext(s), 'help');
	s = run(s, {type: 'back'}, {type: 'back'});
	assert.equal(currentContext(s), 'mentions');
	assert.equal(s.screens[0]?.kind === 'mentions' && s.screens[0].cursor.selected, 1, 'the mention stays selected');
});

test('a finished refresh replaces a leftover message', () => {
	let s = run(synced(), {type: 'message', text: 'a refresh is already running'});
	s = run(s, {type: 'sync', version: 2, queryKey: 0, counts: counts(), refresh: {...IDLE, finishedAt: '2025-07-23T12:00:00.000Z'}, anchorIndex: 0});
	assert.equal(s.message, null);
});

test('toggle-own: the papers view lists own papers only, from its top; the timeline keeps its place', () => {
	let s = run(synced(), {type: 'move', delta: 3}, {type: 'switch-view', view: 'papers'}, {type: 'move', delta: 4});
	assert.equal(s.cursors.papers.selected, 4);
	s = run(s, {type: 'toggle-own'});
	assert.equal(s.ownOnly, true);
	assert.deepEqual(s.cursors.papers, {selected: 0, offset: 0});
	assert.equal(s.cursors.timeline.selected, 3);
	assert.notEqual(s.queryKey, 0, 'the list is queried again');
	assert.deepEqual(paperQueryOf(run(s, {type: 'search-input', text: 'rlhf'})), {search: 'rlhf', ownOnly: true});
	assert.deepEqual(queryOf(s), {}, 'the timeline query does not change');
	s = run(s, {type: 'toggle-own'});
	assert.deepEqual(paperQueryOf(s), {});
});

test('the mentions list leaves most of the screen to the paper’s authors and abstract, never less than 3 rows', () => {
	for (const size of [SIZE, {columns: 160, rows: 48}, {columns: 80, rows: 12}, {columns: 40, rows: 6}]) {
		const room = Math.max(0, bodyHeight(size) - MENTIONS_HEADER_ROWS);
		const rows = viewportHeight('mentions', size);
		assert.ok(rows <= room, `${rows} rows fit in ${room}`);
		assert.ok(rows >= Math.min(3, room));
		assert.ok(rows <= Math.max(3, Math.floor(room * 0.4)));
	}
	assert.equal(viewportHeight('mentions', SIZE), 6);
});
