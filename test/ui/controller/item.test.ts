/** An open item's keys, on the controller: back, links, the browser, scrolling, n/N, m and s. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {topScreen} from '../../../src/state/types.js';
import {lineText} from '../../../src/ui/components/Line.js';
import {MemoryModel, makeItem} from '../../helpers/memory-model.js';
import {PAPER_URL, REPO_URL, seedItems} from '../fixtures.js';
import {type ControllerOptions, type Harness, startController} from './harness.js';

function openThread(model = new MemoryModel(seedItems()), options: ControllerOptions = {columns: 100, rows: 40}): Harness {
	const h = startController(model, options);
	h.press('return');
	assert.equal(h.openItem(), 'thread');
	return h;
}

/** The first line of the item shown, and the status line's `lines a-b/n`. */
function scrolled(h: Harness): {offset: number; lines: number} {
	const top = topScreen(h.state());
	assert.equal(top?.kind, 'item');
	return {offset: top?.kind === 'item' ? top.offset : -1, lines: h.state().counts.item};
}

test('Enter opens the item and marks it read; its lines are laid out once', () => {
	const model = new MemoryModel(seedItems());
	const h = openThread(model);
	assert.equal(model.item('thread')?.read, true);
	const lines = h.snapshot().item;
	assert.ok(lines !== null && lines.some(l => lineText(l) === 'Links (2)'));
	assert.equal(h.state().counts.item, lines?.length);
	h.press('j');
	assert.equal(h.snapshot().item, lines, 'scrolling does not lay the item out again');
});

test('Esc and q go back to the timeline, the selection where it was', () => {
	const h = openThread();
	h.press('escape');
	assert.equal(h.openItem(), undefined);
	assert.equal(h.selectedItem()?.id, 'thread');
	assert.equal(h.selectedItem()?.read, true, 'now read');
	h.press('return');
	assert.equal(h.openItem(), 'thread');
	h.press('q');
	assert.equal(h.openItem(), undefined, 'back with q');
	assert.equal(h.quits(), 0, 'q in an item goes back, it does not quit');
	assert.equal(h.state().view, 'timeline');
});

test('1–9 open link N; a missing link says so', () => {
	const h = openThread();
	h.press('2');
	assert.equal(h.state().message, `opening ${REPO_URL}`);
	assert.deepEqual(h.opened, [REPO_URL]);
	h.press('1');
	assert.equal(h.state().message, `opening ${PAPER_URL}`);
	h.press('9');
	assert.equal(h.state().message, 'no link 9');
	assert.deepEqual(h.opened, [REPO_URL, PAPER_URL]);
});

test('o opens the first paper, else the item URL; from the timeline too', () => {
	const h = openThread();
	h.press('o');
	assert.equal(h.state().message, `opening ${PAPER_URL}`);
	h.press('escape', 'j');
	assert.equal(h.selectedItem()?.id, 'repost');
	h.press('o');
	assert.equal(h.state().message, 'opening https://bsky.app/profile/other.example/post/3rep');
	assert.deepEqual(h.opened, [PAPER_URL, 'https://bsky.app/profile/other.example/post/3rep']);
});

test('links that are not http(s) are never opened', () => {
	const evil = makeItem({id: 'evil', text: 'click', url: 'javascript:alert(1)', links: [{url: 'file:///etc/passwd', text: 'x'}]});
	const h = startController(new MemoryModel([evil]), {columns: 100, rows: 24});
	h.press('o');
	assert.equal(h.state().message, 'not opening a link that is not http(s): javascript:alert(1)');
	h.press('return');
	assert.equal(h.openItem(), 'evil');
	h.press('1');
	assert.equal(h.state().message, 'not opening a link that is not http(s): file:///etc/passwd');
	assert.deepEqual(h.opened, []);
});

test('a failing browser is reported on the status line', async () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24, openUrl: () => Promise.reject(new Error('spawn nope ENOENT'))});
	h.press('o');
	assert.equal(h.state().message, `opening ${PAPER_URL}`);
	const frames = h.frames();
	await new Promise(resolve => setImmediate(resolve));
	assert.equal(h.state().message, "cannot open (y copies it): spawn nope ENOENT");
	assert.equal(h.frames(), frames + 1, 'a frame says so');
});

test('a long item scrolls by line with j/k, pages, g/G', () => {
	const long = makeItem({id: 'long', text: Array.from({length: 80}, (_, i) => `paragraph ${i}`).join('\n')});
	const h = startController(new MemoryModel([long]), {columns: 80, rows: 24});
	h.press('return');
	const {lines} = scrolled(h);
	// The meta line, a blank line, 80 paragraphs, a blank line and the URL.
	assert.equal(lines, 84);
	h.press('j', 'j', 'down');
	assert.equal(scrolled(h).offset, 3);
	h.press('k');
	assert.equal(scrolled(h).offset, 2);
	h.press('space');
	assert.equal(scrolled(h).offset, 21, 'a page is the screen less one line');
	h.press('G');
	assert.equal(scrolled(h).offset, lines - 20, 'the last screenful');
	h.press('g');
	assert.equal(scrolled(h).offset, 0);
});

test('n/N in an open item step to the next/previous search match', () => {
	const model = new MemoryModel(seedItems());
	const h = startController(model, {columns: 100, rows: 30});
	h.press('/', 'personalized', 'return', 'return');
	assert.equal(h.openItem(), 'thread', 'first match open');
	h.press('n');
	assert.equal(h.openItem(), 'news', 'second match open');
	assert.equal(model.item('news')?.read, true, 'and read');
	assert.equal(h.state().screens.length, 1, 'in place of the first');
	h.press('N');
	assert.equal(h.openItem(), 'thread', 'back to the first');
	h.press('escape');
	assert.equal(h.openItem(), undefined);
	assert.equal(h.selectedItem()?.id, 'thread', 'timeline, same selection');
});

test('n in an open item without a search opens the next unread item; in the papers view it says how to search', () => {
	const h = openThread();
	h.press('n');
	assert.equal(h.openItem(), 'repost', 'the next item, unread');
	h.press('n');
	assert.equal(h.openItem(), 'news', 'the article between is read: skipped');
	h.press('q', 'tab', 'n');
	assert.equal(h.state().message, 'no search: press / in a list to search');
});

test('m and s work on the open item', () => {
	const model = new MemoryModel(seedItems());
	const h = openThread(model);
	h.press('m');
	assert.equal(model.item('thread')?.read, false);
	assert.match((h.snapshot().item ?? []).map(lineText).join('\n'), /· unread/, 'the item is laid out again');
	h.press('s');
	assert.equal(model.item('thread')?.starred, true);
	assert.match((h.snapshot().item ?? []).map(lineText).join('\n'), /· starred/);
});
