/**
 * The controller's sync step: what a model change (a refresh bringing items, a count taken later)
 * does to the UI state, outside any rendering, and how keys and model changes interleave.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Item} from '../../../src/domain/types.js';
import {TuiController} from '../../../src/ui/controller/tui-controller.js';
import {MemoryModel, makeItem} from '../../helpers/memory-model.js';
import {seedItems} from '../fixtures.js';
import {inkInputs} from '../terminal-keys.js';
import {type Harness, startController} from './harness.js';

function manyItems(n: number) {
	return Array.from({length: n}, (_, i) =>
		makeItem({id: `n${String(i).padStart(6, '0')}`, date: new Date(Date.UTC(2025, 6, 23, 11, 0) - i * 60_000).toISOString(), text: `item number ${i}`}),
	);
}

/** The selected row's line on screen (0 is the first list row). */
const screenRow = (h: Harness): number => h.state().cursors.timeline.selected - h.state().cursors.timeline.offset;

test('new items arriving above keep the selection on the same item', () => {
	const model = new MemoryModel(manyItems(60));
	const h = startController(model, {columns: 100, rows: 24});
	h.press('G', 'k', 'k');
	assert.equal(h.selectedItem()?.text, 'item number 57');
	const rowBefore = screenRow(h);
	model.addItems([1, 2, 3].map(i => makeItem({id: `new${i}`, date: `2025-07-23T11:5${i}:00.000Z`, text: `fresh ${i}`})));
	assert.equal(h.selectedItem()?.text, 'item number 57');
	assert.equal(screenRow(h), rowBefore, 'the selected row did not move on screen');
	assert.equal(h.position(), '61/63');
});

test('a key pressed as a refresh ends is not undone by it (g, then the refresh in the same turn)', () => {
	const model = new MemoryModel(manyItems(30));
	const h = startController(model, {columns: 100, rows: 24});
	h.press('j', 'j');
	assert.equal(h.position(), '3/30');
	h.press('g');
	model.setProgress({running: false, done: 1, total: 1, finishedAt: '2025-07-23T12:00:00.000Z', results: []});
	assert.equal(h.state().refresh.finishedAt, '2025-07-23T12:00:00.000Z');
	assert.equal(h.position(), '1/30', 'g stays applied');
	assert.equal(h.selectedItem()?.text, 'item number 0');
});

test('at the top, new items show above the selection', () => {
	const model = new MemoryModel(manyItems(5));
	const h = startController(model, {columns: 100, rows: 24});
	model.addItems([makeItem({id: 'newest', date: '2025-07-23T11:59:00.000Z', text: 'brand new'})]);
	assert.equal(h.snapshot().timeline.rows[0]?.text, 'brand new', 'the new item is the first row');
	assert.equal(h.selectedItem()?.text, 'item number 0');
	assert.equal(h.state().cursors.timeline.offset, 0);
});

test('an item opened from the timeline stays its selection when items arrive above it', () => {
	const model = new MemoryModel(manyItems(10));
	const h = startController(model, {columns: 100, rows: 24});
	h.press('j', 'j', 'return');
	assert.equal(h.openItem(), 'n000002');
	model.addItems([makeItem({id: 'newest', date: '2025-07-23T11:59:00.000Z', text: 'brand new'})]);
	h.press('escape');
	assert.equal(h.selectedItem()?.text, 'item number 2');
	assert.equal(h.position(), '4/11');
});

test('changes a key makes to the model are taken in once the key is done, in one frame', () => {
	const model = new MemoryModel(seedItems());
	const h = startController(model, {columns: 100, rows: 24});
	h.press('u');
	const frames = h.frames();
	// Opening marks the item read; the unread list keeps it while it is open (and selected).
	h.press('return');
	assert.equal(h.frames(), frames + 1);
	assert.equal(h.openItem(), 'thread');
	assert.equal(model.item('thread')?.read, true);
	assert.equal(h.state().counts.timeline, 3);
	assert.equal(h.state().synced.version, model.version());
	h.press('escape', 'j');
	assert.equal(h.state().counts.timeline, 2, 'once the selection left it, it left the list');
});

test('a count the model takes later reaches the state when the model says so', () => {
	const model = new MemoryModel(manyItems(10));
	let exact = true;
	const count = model.count.bind(model);
	// As the SqliteModel does for a long search typed one character further: an upper bound first.
	model.count = q => (exact ? count(q) : 10);
	const h = startController(model, {columns: 100, rows: 24});
	exact = false;
	h.press('/', 'number 1');
	assert.equal(h.state().counts.timeline, 10, 'the bound stands in');
	exact = true;
	model.changed();
	assert.equal(h.state().counts.timeline, 1);
	assert.equal(h.selectedItem()?.text, 'item number 1');
});

test('the controller reads nothing while a frame is drawn: the snapshot is the same object until something changes', () => {
	const model = new MemoryModel(manyItems(10));
	const h = startController(model, {columns: 100, rows: 24});
	const first = h.snapshot();
	assert.equal(h.controller.getSnapshot(), first);
	h.press('j');
	const second = h.snapshot();
	assert.notEqual(second, first);
	assert.equal(second.timeline.rows, first.timeline.rows, 'the rows on screen are the same: not read again');
	model.changed();
	assert.notEqual(h.snapshot(), second, 'a model change is a new frame');
});

test('a model that fails after the first frame hands the error to the owner', () => {
	const model = new MemoryModel(manyItems(10));
	const errors: unknown[] = [];
	const controller = new TuiController(model, {size: {columns: 100, rows: 24}, openUrl: () => Promise.resolve(), quit: () => {}, onError: e => errors.push(e)});
	model.window = (): Item[] => {
		throw new Error('database is locked');
	};
	model.changed();
	assert.match(String(errors[0]), /database is locked/);
	for (const [input, key] of inkInputs('G')) controller.press(input, key);
	assert.equal(errors.length, 2, 'a key that needs rows fails the same way');
	controller.dispose();
});

test('the first frame fails when the model cannot be read', () => {
	const model = new MemoryModel(manyItems(10));
	model.window = (): Item[] => {
		throw new Error('database is locked');
	};
	assert.throws(() => new TuiController(model, {size: {columns: 100, rows: 24}, openUrl: () => Promise.resolve(), quit: () => {}}), /database is locked/);
});

test('dispose stops following the model', () => {
	const model = new MemoryModel(manyItems(3));
	const h = startController(model, {columns: 100, rows: 24});
	h.controller.dispose();
	model.addItems([makeItem({id: 'newest', date: '2025-07-23T11:59:00.000Z', text: 'brand new'})]);
	assert.equal(h.state().counts.timeline, 3);
});
