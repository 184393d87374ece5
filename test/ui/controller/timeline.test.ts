/** The timeline's keys, on the controller: what the selection, the filters and the model do. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {currentContext} from '../../../src/state/types.js';
import {MemoryModel, makeItem} from '../../helpers/memory-model.js';
import {seedItems} from '../fixtures.js';
import {type Harness, startController} from './harness.js';

function manyItems(n: number) {
	return Array.from({length: n}, (_, i) =>
		makeItem({id: `n${String(i).padStart(6, '0')}`, date: new Date(Date.UTC(2025, 6, 23, 11, 0) - i * 60_000).toISOString(), text: `item number ${i}`}),
	);
}

const selectedText = (h: Harness): string | undefined => h.selectedItem()?.title ?? h.selectedItem()?.text;

test('j/k/↓/↑ move the selection; g/G/Home/End jump', () => {
	const h = startController(new MemoryModel(manyItems(50)), {columns: 100, rows: 24});
	assert.equal(selectedText(h), 'item number 0');
	h.press('j', 'j', 'down');
	assert.equal(selectedText(h), 'item number 3');
	h.press('k', 'up');
	assert.equal(selectedText(h), 'item number 1');
	h.press('G');
	assert.equal(selectedText(h), 'item number 49');
	h.press('g');
	assert.equal(selectedText(h), 'item number 0');
	h.press('end');
	assert.equal(selectedText(h), 'item number 49');
	h.press('home');
	assert.equal(selectedText(h), 'item number 0');
	assert.equal(h.position(), '1/50');
});

test('PgDn / Ctrl-d / Space page down, PgUp / Ctrl-u page up', () => {
	// 24 rows: 23 drawn, header and two status lines leave 20 list rows.
	const h = startController(new MemoryModel(manyItems(200)), {columns: 100, rows: 24});
	h.press('pagedown');
	assert.equal(selectedText(h), 'item number 20');
	h.press('ctrl+d');
	assert.equal(selectedText(h), 'item number 40');
	h.press('space');
	assert.equal(selectedText(h), 'item number 60');
	h.press('pageup');
	assert.equal(selectedText(h), 'item number 40');
	h.press('ctrl+u');
	assert.equal(selectedText(h), 'item number 20');
});

test('100,000 items: only the visible rows are read', () => {
	const model = new MemoryModel(manyItems(100_000));
	const h = startController(model, {columns: 80, rows: 24});
	h.press('G');
	assert.equal(selectedText(h), 'item number 99999');
	assert.equal(h.position(), '100000/100000');
	assert.equal(h.snapshot().timeline.rows.length, 20);
	assert.ok(model.windowLimits.length > 0);
	assert.ok(Math.max(...model.windowLimits) <= 20, `read ${Math.max(...model.windowLimits)} rows at once`);
});

test('a key bound to nothing draws no new frame; one that moves the selection draws one', () => {
	const model = new MemoryModel(manyItems(30));
	const h = startController(model, {columns: 100, rows: 24});
	const reads = model.windowLimits.length;
	h.press('x');
	assert.equal(h.frames(), 0);
	assert.equal(model.windowLimits.length, reads, 'nothing read again');
	h.press('j');
	assert.equal(h.frames(), 1);
	assert.equal(model.windowLimits.length, reads, 'a move inside the rows on screen reads no rows');
});

test('u shows unread items only, and again all', () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	assert.ok(h.rowTexts().includes('Notes on diffusion models'));
	h.press('u');
	assert.equal(h.state().unreadOnly, true);
	assert.ok(!h.rowTexts().includes('Notes on diffusion models'), 'read item hidden');
	assert.ok(h.rowTexts().some(t => t.includes('Personalized RLHF')));
	h.press('u');
	assert.ok(h.rowTexts().includes('Notes on diffusion models'), 'read item back');
});

test('m marks read and unread; s stars and unstars', () => {
	const model = new MemoryModel(seedItems());
	const h = startController(model, {columns: 100, rows: 24});
	assert.equal(h.selectedItem()?.read, false);
	h.press('m');
	assert.equal(h.state().message, 'marked read');
	assert.equal(h.selectedItem()?.read, true, 'the row as drawn is read');
	assert.equal(model.item('thread')?.read, true);
	h.press('m');
	assert.equal(h.selectedItem()?.read, false);
	assert.equal(model.item('thread')?.read, false);
	h.press('s');
	assert.equal(h.state().message, 'starred');
	assert.equal(h.selectedItem()?.starred, true);
	assert.equal(model.item('thread')?.starred, true);
	h.press('s');
	assert.equal(h.selectedItem()?.starred, false);
	assert.equal(model.item('thread')?.starred, false);
});

test('f picks a researcher to filter by; f again clears it', () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	h.press('f');
	assert.equal(currentContext(h.state()), 'picker');
	// Sorted names: Leqi Liu, Wei Liu, 刘伟.
	assert.deepEqual(h.snapshot().names, ['Leqi Liu', 'Wei Liu', '刘伟']);
	assert.equal(h.state().picker?.selected, 0);
	// Letters are typed into the picker; the arrow keys move in it.
	h.press('down', 'return');
	assert.equal(currentContext(h.state()), 'timeline');
	assert.equal(h.state().researcher, 'Wei Liu');
	assert.deepEqual(h.rowTexts(), ['Notes on diffusion models', 'Our paper on personalized feedback was accepted to NeurIPS.']);
	assert.equal(h.position(), '1/2');
	h.press('f');
	assert.equal(h.state().researcher, null);
	assert.equal(h.rowTexts().length, 4, 'all again');
	// Esc leaves the picker without filtering.
	h.press('f');
	assert.equal(currentContext(h.state()), 'picker');
	h.press('escape');
	assert.equal(currentContext(h.state()), 'timeline');
	assert.equal(h.state().researcher, null);
	assert.equal(h.rowTexts().length, 4);
	// Clearing the filter kept the selection on the item it was on.
	assert.equal(selectedText(h), 'Notes on diffusion models');
});

test('/ filters live while typing; Enter keeps it; n/N step through matches; Esc clears', () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	h.press('/', 'p', 'e');
	// Two characters only echo; the list is as it was.
	assert.equal(h.state().search, 'pe');
	assert.equal(h.rowTexts().length, 4);
	h.press('r', 's');
	// Matches text ("Personalized"), and the news item's text ("personalized").
	assert.deepEqual(h.rowTexts(), [seedItems()[0]!.text, 'Our paper on personalized feedback was accepted to NeurIPS.']);
	h.press('return');
	assert.equal(currentContext(h.state()), 'timeline');
	assert.equal(h.state().search, 'pers');
	assert.equal(h.position(), '1/2');
	h.press('n');
	assert.match(selectedText(h) ?? '', /Our paper on personalized/);
	h.press('n');
	assert.match(selectedText(h) ?? '', /Personalized RLHF/);
	assert.equal(h.state().message, 'search hit bottom, continuing at top');
	h.press('N');
	assert.match(selectedText(h) ?? '', /Our paper on personalized/);
	h.press('escape');
	assert.equal(h.state().search, '');
	assert.equal(h.rowTexts().length, 4, 'cleared');
});

test('search also matches researchers and paper titles; Backspace edits; Esc while typing clears', () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	h.press('/', 'Human Feedback');
	// Only via the paper title, which only the thread's link gives.
	assert.deepEqual(
		h.snapshot().timeline.rows.map(r => r.id),
		['thread'],
	);
	h.press('escape');
	assert.equal(h.state().search, '');
	assert.equal(h.rowTexts().length, 4, 'cleared by Esc while typing');
	h.press('/', '刘伟x');
	assert.equal(h.state().counts.timeline, 0, 'no match');
	h.press('backspace');
	// Two characters wait for Enter (see LIVE_SEARCH_MIN), then match the researcher's name.
	assert.equal(h.state().search, '刘伟');
	assert.equal(h.rowTexts().length, 4, 'a short search waits');
	h.press('return');
	assert.deepEqual(
		h.snapshot().timeline.rows.map(r => r.id),
		['repost'],
	);
});

test('r starts a refresh, one at a time; its progress reaches the state', () => {
	const model = new MemoryModel(seedItems(), {
		onRefresh: m => m.setProgress({running: true, done: 3, total: 7, results: [], finishedAt: null}),
	});
	const h = startController(model, {columns: 100, rows: 24});
	h.press('r');
	assert.equal(model.refreshCalls, 1);
	assert.equal(h.state().refresh.done, 3);
	h.press('r');
	assert.equal(h.state().message, 'a refresh is already running');
	assert.equal(model.refreshCalls, 1);
	const results = [{researcher: 'Leqi Liu', source: 'bluesky' as const, target: 'leqiliu.bsky.social', ok: true, newItems: 3, error: null}];
	model.setProgress({running: false, done: 7, total: 7, finishedAt: '2025-07-23T12:00:00.000Z', results});
	assert.equal(h.state().refresh.running, false);
	assert.deepEqual(h.state().refresh.results, results);
	assert.equal(h.state().message, null, 'the news of the refresh replaces the leftover message');
});

test('q quits from the timeline; Ctrl-c quits from anywhere, even while typing', () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	h.press('q');
	assert.equal(h.quits(), 1);
	const again = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	again.press('/', 'x', 'ctrl+c');
	assert.equal(again.quits(), 1);
	assert.equal(again.state().search, 'x', 'typing q would have been text');
});

test('? opens help, which j scrolls; Esc and ? close it', () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 30});
	h.press('?');
	assert.deepEqual(h.state().help, {offset: 0});
	h.press('j');
	assert.deepEqual(h.state().help, {offset: 1});
	assert.equal(h.state().cursors.timeline.selected, 0, 'the list stays put');
	h.press('escape');
	assert.equal(h.state().help, null);
	h.press('?', '?');
	assert.equal(h.state().help, null, 'closed by ? again');
});

test('keys that arrive in one burst are each handled, in order', () => {
	const h = startController(new MemoryModel(manyItems(30)), {columns: 100, rows: 24});
	// A held-down key, then Tab twice, as a terminal may deliver them: one chunk each.
	h.press('jjj');
	assert.equal(selectedText(h), 'item number 3');
	h.press('\t\t');
	assert.equal(h.state().view, 'researchers');
	h.press('\t', '/number 2\r');
	assert.equal(h.state().search, 'number 2');
	assert.equal(currentContext(h.state()), 'timeline', 'a search typed fast and kept');
	assert.equal(selectedText(h), 'item number 2');
	h.press('j');
	assert.equal(selectedText(h), 'item number 20', 'j moves again after Enter');
});

test('a burst acts on the lengths each key left: a search typed and kept, then moved through at once', () => {
	const h = startController(new MemoryModel(manyItems(30)), {columns: 100, rows: 24});
	h.press('/number 2\rjG');
	assert.equal(h.state().counts.timeline, 11);
	assert.equal(selectedText(h), 'item number 29');
});
