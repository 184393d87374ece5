import assert from 'node:assert/strict';
import {test} from 'node:test';
import {clampScroll, computeWindow} from '../../src/state/window.js';

test('an empty list or a zero-height viewport shows nothing', () => {
	assert.deepEqual(computeWindow({selected: 5, offset: 3, count: 0, height: 10}), {selected: 0, offset: 0, start: 0, end: 0});
	assert.deepEqual(computeWindow({selected: 5, offset: 3, count: 50, height: 0}), {selected: 0, offset: 0, start: 0, end: 0});
});

test('a short list shows every row from the top', () => {
	assert.deepEqual(computeWindow({selected: 2, offset: 0, count: 4, height: 10}), {selected: 2, offset: 0, start: 0, end: 4});
});

test('the offset stays put while the selection is in view', () => {
	const w = computeWindow({selected: 15, offset: 10, count: 100, height: 10});
	assert.deepEqual([w.start, w.end], [10, 20]);
});

test('moving past the bottom scrolls just enough', () => {
	const w = computeWindow({selected: 20, offset: 10, count: 100, height: 10});
	assert.deepEqual([w.start, w.end, w.selected], [11, 21, 20]);
	const up = computeWindow({selected: 9, offset: 10, count: 100, height: 10});
	assert.deepEqual([up.start, up.end], [9, 19]);
});

test('scrolloff keeps rows visible around the selection', () => {
	const w = computeWindow({selected: 19, offset: 10, count: 100, height: 10, scrolloff: 2});
	assert.equal(w.start, 12);
	const top = computeWindow({selected: 11, offset: 10, count: 100, height: 10, scrolloff: 2});
	assert.equal(top.start, 9);
	// Near the ends of the list scrolloff cannot apply.
	assert.equal(computeWindow({selected: 0, offset: 0, count: 100, height: 10, scrolloff: 2}).start, 0);
	assert.equal(computeWindow({selected: 99, offset: 0, count: 100, height: 10, scrolloff: 2}).end, 100);
});

test('the selection is clamped into the list', () => {
	assert.equal(computeWindow({selected: 500, offset: 0, count: 100, height: 10}).selected, 99);
	assert.equal(computeWindow({selected: -3, offset: 40, count: 100, height: 10}).selected, 0);
});

test('100,000 rows: the window is always the viewport, wherever the selection is', () => {
	const count = 100_000;
	for (const selected of [0, 1, 12_345, 50_000, 99_990, 99_999]) {
		const w = computeWindow({selected, offset: 0, count, height: 40});
		assert.equal(w.end - w.start, 40);
		assert.ok(w.start <= selected && selected < w.end);
	}
	const last = computeWindow({selected: count - 1, offset: 0, count, height: 40});
	assert.deepEqual([last.start, last.end], [count - 40, count]);
});

test('resize: shrinking keeps the selection visible, growing fills the screen', () => {
	// Selected row 30 of 100 in a 20-row viewport starting at 15.
	const shrunk = computeWindow({selected: 30, offset: 15, count: 100, height: 8});
	assert.ok(shrunk.start <= 30 && 30 < shrunk.end);
	assert.equal(shrunk.end - shrunk.start, 8);
	// At the end of the list, growing the viewport pulls the offset back instead of leaving blank rows.
	const grown = computeWindow({selected: 99, offset: 90, count: 100, height: 30});
	assert.deepEqual([grown.start, grown.end], [70, 100]);
});

test('the list shrinking under the offset pulls it back', () => {
	const w = computeWindow({selected: 3, offset: 50, count: 10, height: 5});
	assert.ok(w.start <= 3 && 3 < w.end);
	assert.ok(w.end <= 10);
});

test('clampScroll keeps the last screenful full', () => {
	assert.equal(clampScroll(100, 30, 10), 20);
	assert.equal(clampScroll(-4, 30, 10), 0);
	assert.equal(clampScroll(5, 8, 10), 0);
});
