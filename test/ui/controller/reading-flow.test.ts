/**
 * The morning read on the controller over the real SqliteModel and a temporary cache: J/K from an
 * open item (of the timeline and of a paper's mentions), n/N to the next unread, m and opening in
 * unread-only mode keeping the item until the selection moves, A with U, and what the status line
 * says when the browser cannot be started or a link cannot be copied.
 */
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import {SqliteModel} from '../../../src/app/sqlite-model.js';
import {currentContext} from '../../../src/state/types.js';
import {MAX_COPY_CHARS} from '../../../src/ui/format/terminal.js';
import {type PaperStore, paperDraft, paperStore, PRLHF} from '../../helpers/paper-store.js';
import {startController} from './harness.js';

let s: PaperStore;
let model: SqliteModel;

/** p0 (newest) … p9, Leqi Liu's; p3 and p6 mention PRLHF, and Wei Liu's w0 does too. */
beforeEach(() => {
	s = paperStore();
	s.put(
		'Leqi Liu',
		Array.from({length: 10}, (_, i) => paperDraft(`p${i}`, new Date(Date.UTC(2025, 6, 23, 12) - i * 3_600_000).toISOString(), i === 3 || i === 6 ? [PRLHF] : [], {text: `post ${i}`})),
	);
	s.put('Wei Liu', [paperDraft('w0', '2025-07-01T00:00:00.000Z', [PRLHF], {text: 'Wei on PRLHF'})], 'homepage');
	model = new SqliteModel({store: s.store, researchers: () => ['Leqi Liu', 'Wei Liu'].map(name => ({name, sources: []})), showReplies: false});
});
afterEach(() => s.close());

const read = (id: string): boolean | undefined => model.item(id)?.read;

test('J/K in an open item: the next and previous items of the timeline open in its place, each read', () => {
	const h = startController(model, {columns: 100, rows: 24});
	h.press('j', 'return');
	assert.equal(h.openItem(), 'p1');
	h.press('J', 'J');
	assert.equal(h.openItem(), 'p3');
	assert.deepEqual(['p1', 'p2', 'p3'].map(read), [true, true, true]);
	h.press('K');
	assert.equal(h.openItem(), 'p2');
	h.press('q');
	assert.equal(h.selectedItem()?.id, 'p2', 'the list followed the open item');
	h.press('G', 'return', 'J');
	assert.equal(h.state().message, 'this is the last item');
	assert.equal(h.openItem(), 'w0');
});

test('unread-only: J/K step through the list without skipping, though each item read leaves it', () => {
	const h = startController(model, {columns: 100, rows: 24});
	h.press('u');
	assert.equal(h.state().counts.timeline, 11);
	h.press('return');
	assert.equal(h.openItem(), 'p0');
	h.press('J');
	assert.equal(h.openItem(), 'p1', 'not p2: p0 read stayed in the list while it was open');
	h.press('J', 'J');
	assert.equal(h.openItem(), 'p3');
	h.press('K');
	assert.equal(h.state().message, 'this is the first item', 'p0–p2 were read and left the unread list');
	assert.equal(h.openItem(), 'p3');
	h.press('q');
	assert.equal(h.selectedItem()?.id, 'p3', 'read, and kept while it is selected');
	h.press('j');
	assert.equal(h.selectedItem()?.id, 'p4');
	assert.deepEqual(
		h.rowTexts().slice(0, 2),
		['post 4', 'post 5'],
		'the read items have left the unread list once the selection left them',
	);
});

test('unread-only: m keeps the item on screen until the selection moves, so m undoes it', () => {
	const h = startController(model, {columns: 100, rows: 24});
	h.press('u', 'j', 'm');
	assert.equal(read('p1'), true);
	assert.equal(h.selectedItem()?.id, 'p1', 'still on screen, still selected');
	assert.equal(h.state().counts.timeline, 11);
	h.press('m');
	assert.equal(read('p1'), false, 'undone');
	h.press('m', 'j');
	assert.equal(h.selectedItem()?.id, 'p2', 'the selection moved on to the next row');
	assert.equal(h.state().counts.timeline, 10, 'and p1 left the list');
	assert.equal(h.rowTexts().includes('post 1'), false);
	h.press('k');
	assert.equal(h.selectedItem()?.id, 'p0');
});

test('J/K in an item opened from a paper mentions: the next mention opens', () => {
	const h = startController(model, {columns: 100, rows: 24});
	h.press('tab');
	assert.equal(h.selectedPaper()?.id, PRLHF);
	h.press('return', 'return');
	assert.equal(currentContext(h.state()), 'item');
	const mentions = h.snapshot().mentions.paper?.mentions.map(m => m.item);
	assert.deepEqual(mentions, ['p3', 'p6', 'w0']);
	assert.equal(h.openItem(), 'p3');
	h.press('J');
	assert.equal(h.openItem(), 'p6');
	h.press('J');
	assert.equal(h.openItem(), 'w0');
	h.press('J');
	assert.equal(h.state().message, 'this is the last item');
	h.press('K', 'q');
	assert.equal(currentContext(h.state()), 'mentions');
	const top = h.state().screens.at(-1);
	assert.equal(top?.kind === 'mentions' ? top.cursor.selected : -1, 1, 'the mentions list followed');
});

test('n / N without a search: the next / previous unread item, wrapping; from an open item it opens', () => {
	for (const id of ['p1', 'p2', 'p4']) model.setRead(id, true);
	const h = startController(model, {columns: 100, rows: 24});
	h.press('n');
	assert.equal(h.selectedItem()?.id, 'p3');
	h.press('n');
	assert.equal(h.selectedItem()?.id, 'p5');
	h.press('N', 'N');
	assert.equal(h.selectedItem()?.id, 'p0');
	h.press('N');
	assert.equal(h.selectedItem()?.id, 'w0', 'wrapped to the bottom');
	assert.equal(h.state().message, 'no unread item above: continuing at the bottom');
	h.press('g', 'return', 'n');
	assert.equal(h.openItem(), 'p3', 'the next unread opens');
	assert.equal(read('p3'), true);
	h.press('q', '/', 'post', 'return', 'n');
	assert.equal(h.selectedItem()?.id, 'p4', 'with a search: the next match, read or not');
});

test('A marks the list as filtered read and U takes back exactly that', () => {
	model.setRead('p5', true);
	const h = startController(model, {columns: 100, rows: 24});
	h.press('f');
	const names = h.snapshot().names;
	h.press(...Array.from({length: names.indexOf('Leqi Liu')}, () => 'j'), 'return');
	assert.equal(h.state().researcher, 'Leqi Liu');
	h.press('A');
	assert.equal(h.state().message, 'marked 9 read · U undo');
	assert.equal(read('w0'), false, "another researcher's item is not in the list");
	h.press('U');
	assert.equal(h.state().message, 'marked 9 unread again');
	assert.deepEqual(
		Array.from({length: 10}, (_, i) => read(`p${i}`)),
		[false, false, false, false, false, true, false, false, false, false],
		'p5 was read before A and stays read',
	);
});

test('an opener that fails: the status line says why and offers y; copying refuses what it must', async () => {
	const h = startController(model, {columns: 100, rows: 24, openUrl: () => Promise.reject(new Error('xdg-open exited with status 3; no browser here? set BROWSER'))});
	h.press('o');
	assert.equal(h.state().message, 'opening https://example.org/p0');
	await new Promise(resolve => setImmediate(resolve));
	assert.equal(h.state().message, 'cannot open (y copies it): xdg-open exited with status 3; no browser here? set BROWSER');
	s.put('Leqi Liu', [paperDraft('bad', '2025-08-01T00:00:00.000Z', [], {url: 'javascript:alert(1)'}), paperDraft('long', '2025-07-31T00:00:00.000Z', [], {url: `https://example.org/${'x'.repeat(MAX_COPY_CHARS)}`})]);
	model.dataChanged();
	h.press('g');
	assert.equal(h.selectedItem()?.id, 'bad');
	h.press('Y');
	assert.equal(h.state().message, 'not copying a link that is not http(s): javascript:alert(1)');
	h.press('j');
	assert.equal(h.selectedItem()?.id, 'long');
	h.press('Y');
	assert.equal(h.state().message, `not copying a link of ${MAX_COPY_CHARS + 20} characters (at most ${MAX_COPY_CHARS})`);
	assert.deepEqual(h.copied, [], 'nothing was copied');
	h.press('j', 'y');
	assert.equal(h.copied.length, 1);
});
