/**
 * The controller over the real SqliteModel and a temporary SQLite cache: keys, the papers read
 * and star state shared by every item, the live search's count taken after the frame, and items
 * arriving in the cache while the timeline is open.
 */
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import {SqliteModel} from '../../../src/app/sqlite-model.js';
import {currentContext} from '../../../src/state/types.js';
import {EXPO, type PaperStore, paperDraft, PRLHF, PRLHF_META, seededPaperStore} from '../../helpers/paper-store.js';
import {startController} from './harness.js';

let s: PaperStore;
let model: SqliteModel;

beforeEach(() => {
	s = seededPaperStore();
	s.store.savePaperMeta([PRLHF_META], '2025-07-25T00:00:00.000Z');
	model = new SqliteModel({
		store: s.store,
		researchers: () => ['Leqi Liu', 'Wei Liu', 'Mira Chen'].map(name => ({name, sources: []})),
		showReplies: false,
	});
});
afterEach(() => s.close());

test('over SQLite: +N, the item, the papers view, own papers, mentions, m and s on a paper', () => {
	const h = startController(model, {columns: 100, rows: 30});
	assert.equal(h.selectedItem()?.id, 'l1');
	assert.deepEqual(
		h.snapshot().timeline.shared.get('l1')?.map(a => a.researcher),
		['Wei Liu'],
		'Wei Liu shared its paper too (a reply to others does not count)',
	);
	h.press('return');
	assert.equal(h.openItem(), 'l1');
	assert.equal(model.item('l1')?.read, true);
	h.press('escape', 'tab');
	assert.equal(h.state().counts.papers, 3);
	assert.equal(h.selectedPaper()?.id, PRLHF);
	h.press('a');
	assert.equal(h.state().counts.papers, 1, 'own papers only');
	h.press('return');
	assert.equal(currentContext(h.state()), 'mentions');
	assert.deepEqual(
		h.snapshot().mentions.paper?.mentions.map(m => [m.item, m.own]),
		[
			['l1', true],
			['w1', false],
		],
	);
	assert.deepEqual(h.snapshot().mentions.meta?.authors, PRLHF_META.authors);
	// Opening the paper read it everywhere, in one go.
	assert.equal(s.store.isPaperRead(PRLHF), true);
	assert.equal(model.item('w1')?.read, true);
	h.press('escape', 'm');
	assert.equal(h.state().message, 'marked unread: 2 items');
	assert.equal(s.store.isPaperRead(PRLHF), false);
	assert.equal(h.selectedPaper()?.read, false);
	h.press('a');
	assert.equal(h.state().counts.papers, 3, 'every paper again');
	h.press('j', 's');
	assert.equal(h.selectedPaper()?.id, EXPO);
	assert.equal(h.selectedPaper()?.starred, true);
	assert.equal(model.item('l1')?.starred, true);
});

test('over SQLite: items written to the cache while the timeline is open keep the selection on its item', () => {
	const h = startController(model, {columns: 100, rows: 30});
	h.press('j');
	const before = h.selectedItem()?.id;
	assert.equal(before, 'm2');
	s.put('Wei Liu', [paperDraft('w2', '2025-07-25T00:00:00.000Z', [], {text: 'newer than everything'})], 'homepage');
	// What the timeline's refresh does when a source finished (here at once, not throttled).
	model.dataChanged();
	assert.equal(h.state().counts.timeline, 4);
	assert.equal(h.snapshot().timeline.rows[0]?.id, 'w2', 'the new item is on top');
	assert.equal(h.selectedItem()?.id, before);
	assert.equal(h.state().cursors.timeline.selected, 2);
});
