/** The papers view's keys, on the controller: mentions, the browser, read and star, filters. */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {currentContext, topScreen} from '../../../src/state/types.js';
import {MemoryModel, makeItem} from '../../helpers/memory-model.js';
import {PAPER_URL, seedItems} from '../fixtures.js';
import {type Harness, startController} from './harness.js';

function model() {
	return new MemoryModel(
		[
			...seedItems(),
			makeItem({
				id: 'older',
				researcher: 'Leqi Liu',
				date: '2025-06-01T10:00:00.000Z',
				text: 'An older paper',
				papers: [{id: 'openreview:abc', url: 'https://openreview.net/forum?id=abc', title: 'Older Work on Reward Models'}],
			}),
		],
		{paperInfo: {'arxiv:2402.05133': {authors: ['Xinyu Li', 'Zachary C. Lipton', 'Leqi Liu'], abstract: 'RLHF aligns models.', category: 'cs.CL'}}},
	);
}

function papersView(m = model()): Harness {
	const h = startController(m, {columns: 100, rows: 24});
	h.press('tab');
	assert.equal(h.state().view, 'papers');
	return h;
}

const titles = (h: Harness): string[] => h.snapshot().papers.rows.map(p => p.title ?? p.id);
const PRLHF = 'Personalized Language Modeling from Personalized Human Feedback';

test('Tab lists the papers, newest mention first, with their mentions', () => {
	const h = papersView();
	assert.deepEqual(titles(h), [PRLHF, 'Older Work on Reward Models']);
	assert.equal(h.state().counts.papers, 2);
	assert.deepEqual(
		h.selectedPaper()?.mentions.map(m => [m.item, m.own]),
		[
			['thread', true],
			['news', false],
		],
	);
});

test('Enter lists the mentions; Enter on one opens the item; Esc goes back step by step', () => {
	const m = model();
	const h = papersView(m);
	h.press('return');
	assert.equal(currentContext(h.state()), 'mentions');
	const {mentions} = h.snapshot();
	assert.equal(mentions.paper?.title, PRLHF);
	assert.equal(mentions.meta?.category, 'cs.CL', 'what arXiv says about the paper');
	assert.deepEqual([...mentions.items.keys()], ['thread', 'news'], 'the items of the mentions on screen');
	// Opening the paper from the papers view marks every item that mentions it read, in one call.
	assert.equal(m.item('thread')?.read, true);
	assert.equal(m.item('news')?.read, true);
	assert.deepEqual(m.paperReadCalls, [{paperId: 'arxiv:2402.05133', read: true}]);
	h.press('j', 'return');
	assert.equal(h.openItem(), 'news');
	h.press('escape');
	const top = topScreen(h.state());
	assert.equal(top?.kind === 'mentions' && top.cursor.selected, 1, 'mentions again, the same one selected');
	h.press('escape');
	assert.equal(currentContext(h.state()), 'papers');
	h.press('q');
	assert.equal(h.state().view, 'timeline', 'q from papers goes back to the timeline');
	assert.equal(h.quits(), 0);
});

test('o opens the paper (and marks its items read), in the list and in its mentions', () => {
	const m = model();
	const h = papersView(m);
	h.press('o');
	assert.equal(h.state().message, `opening ${PAPER_URL}`);
	assert.equal(m.item('news')?.read, true);
	h.press('j', 'return');
	assert.equal(h.snapshot().mentions.paper?.mentions.length, 1);
	h.press('o');
	assert.equal(h.state().message, 'opening https://openreview.net/forum?id=abc');
	assert.deepEqual(h.opened, [PAPER_URL, 'https://openreview.net/forum?id=abc']);
});

test('s and m on a paper apply to every item that mentions it', () => {
	const m = model();
	const h = papersView(m);
	h.press('s');
	assert.equal(h.state().message, 'starred: 2 items');
	assert.equal(h.selectedPaper()?.starred, true);
	assert.equal(m.item('thread')?.starred, true);
	assert.equal(m.item('news')?.starred, true);
	h.press('m');
	assert.equal(h.selectedPaper()?.read, true);
	assert.deepEqual(m.paperReadCalls, [{paperId: 'arxiv:2402.05133', read: true}], 'one call for the paper, not one per item');
	assert.equal(m.item('thread')?.read, true);
	assert.equal(m.item('news')?.read, true);
	h.press('m');
	assert.equal(h.selectedPaper()?.read, false);
	assert.equal(m.item('news')?.read, false);
});

test('the researcher filter and the search apply to papers', () => {
	const h = papersView();
	h.press('/', 'reward');
	assert.deepEqual(titles(h), ['Older Work on Reward Models']);
	h.press('escape', 'f');
	assert.equal(currentContext(h.state()), 'picker');
	h.press('down', 'return');
	assert.equal(h.state().researcher, 'Wei Liu');
	assert.deepEqual(titles(h), [PRLHF]);
});

test('a lists only papers mentioned by one of their authors, and again all', () => {
	const h = papersView();
	h.press('a');
	assert.deepEqual(titles(h), [PRLHF]);
	assert.equal(h.state().counts.papers, 1);
	h.press('a');
	assert.deepEqual(titles(h), [PRLHF, 'Older Work on Reward Models']);
});

test('search over papers matches authors and the researchers who mentioned them', () => {
	const h = papersView();
	h.press('/', 'lipton');
	assert.deepEqual(titles(h), [PRLHF], 'by author');
	h.press('escape', '/', 'wei liu');
	assert.deepEqual(titles(h), [PRLHF], 'by researcher');
	assert.equal(h.state().counts.papers, 1);
});

test('10,000 papers: only the visible rows are read, G reaches the last', () => {
	const items = Array.from({length: 10_000}, (_, i) =>
		makeItem({
			id: `p${String(i).padStart(5, '0')}`,
			date: new Date(Date.UTC(2025, 6, 23, 11) - i * 60_000).toISOString(),
			text: `paper post ${i}`,
			papers: [{id: `arxiv:2501.${String(i).padStart(5, '0')}`, url: `https://arxiv.org/abs/2501.${String(i).padStart(5, '0')}`, title: `Paper number ${i}`}],
		}),
	);
	const m = new MemoryModel(items);
	const h = startController(m, {columns: 100, rows: 24});
	assert.equal(m.paperWindowLimits.length, 0, 'papers are read only while their view is on');
	h.press('tab');
	assert.equal(h.selectedPaper()?.title, 'Paper number 0');
	h.press('G');
	assert.equal(h.selectedPaper()?.title, 'Paper number 9999');
	assert.equal(h.state().cursors.papers.selected + 1, 10_000);
	assert.equal(h.state().counts.papers, 10_000);
	assert.ok(Math.max(...m.paperWindowLimits) <= 20, `read ${Math.max(...m.paperWindowLimits)} papers at once`);
});
