/** @jsxRuntime automatic */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {MemoryModel, makeItem} from '../helpers/memory-model.js';
import {PAPER_URL, seedItems} from './fixtures.js';
import {lines, renderApp, selectedLine} from './render-app.js';

afterEach(() => cleanup());

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
		{
			paperInfo: {
				'arxiv:2402.05133': {
					authors: ['Xinyu Li', 'Zachary C. Lipton', 'Leqi Liu'],
					abstract: 'Reinforcement Learning from Human Feedback (RLHF) is commonly used to align large language models with human preferences.',
					category: 'cs.CL',
					published: '2024-02-07T18:00:00Z',
				},
			},
		},
	);
}

async function papersView(m = model(), size = {columns: 100, rows: 24}) {
	const app = await renderApp(m, size);
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('tab');
	await app.waitFor(f => f.includes('[Papers]'));
	return app;
}

test('Tab shows one row per paper, newest mention first, with who mentioned it where', async () => {
	const app = await papersView();
	const frame = app.frame();
	const rows = lines(frame).slice(1, 3);
	assert.match(rows[0] ?? '', /^> N {2}3h .*Personalized Language Modeling from Personalized.* {2}Leqi Liu on Bluesky \(author\), We/);
	assert.match(rows[1] ?? '', /Jun 1 .*Older Work on Reward Models .*Leqi Liu on Bluesky/);
	assert.match(frame, /1\/2/);
});

test('Enter lists the mentions; Enter on one opens the item; Esc goes back step by step', async () => {
	const m = model();
	const app = await papersView(m);
	await app.press('return');
	let frame = await app.waitFor(f => f.includes('Mentioned 2 times'));
	assert.match(frame, /Personalized Language Modeling from Personalized Human Feedback/);
	assert.match(frame, /arxiv:2402\.05133 · https:\/\/arxiv\.org\/abs\/2402\.05133/);
	assert.match(selectedLine(frame) ?? '', /Leqi Liu .*@ thread +\(author\) Personalized RLHF/, 'her own paper');
	// Under the list: what arXiv says about the paper.
	assert.match(frame, /─{20}\nXinyu Li, Zachary C\. Lipton, Leqi Liu\ncs\.CL · first version 2024-02-07\nReinforcement Learning from Human Feedback \(RLHF\)/);
	assert.match(frame, /Wei Liu .*H news .*Our paper on personalized/);
	// Opening the paper from the papers view marks every item that mentions it read, in one call.
	assert.equal(m.item('thread')?.read, true);
	assert.equal(m.item('news')?.read, true);
	assert.deepEqual(m.paperReadCalls, [{paperId: 'arxiv:2402.05133', read: true}]);
	await app.press('j', 'return');
	frame = await app.waitFor(f => f.includes('Wei Liu · homepage · news · May 2025'), 'the news item');
	await app.press('escape');
	frame = await app.waitFor(f => f.includes('Mentioned 2 times'), 'mentions again');
	assert.match(selectedLine(frame) ?? '', /Wei Liu/);
	await app.press('escape');
	await app.waitFor(f => f.includes('[Papers]') && !f.includes('Mentioned 2 times:\n'), 'papers again');
	await app.press('q');
	await app.waitFor(f => f.includes('[Timeline]'), 'q from papers goes back to the timeline');
	assert.equal(app.quits(), 0);
});

test('o opens the paper (and marks its items read), in the list and in its mentions', async () => {
	const m = model();
	const app = await papersView(m);
	await app.press('o');
	await app.waitFor(f => f.includes(`opening ${PAPER_URL}`));
	assert.equal(m.item('news')?.read, true);
	await app.press('j', 'return');
	await app.waitFor(f => f.includes('Mentioned 1 time:'));
	await app.press('o');
	await app.waitFor(f => f.includes('opening https://openreview.net/forum?id=abc'));
	assert.deepEqual(app.opened, [PAPER_URL, 'https://openreview.net/forum?id=abc']);
});

test('s and m on a paper apply to every item that mentions it', async () => {
	const m = model();
	const app = await papersView(m);
	await app.press('s');
	await app.waitFor(f => /^> N\*/.test(selectedLine(f) ?? '') && f.includes('starred: 2 items'));
	assert.equal(m.item('thread')?.starred, true);
	assert.equal(m.item('news')?.starred, true);
	await app.press('m');
	await app.waitFor(f => /^> {2}\*/.test(selectedLine(f) ?? ''), 'read');
	assert.deepEqual(m.paperReadCalls, [{paperId: 'arxiv:2402.05133', read: true}], 'one call for the paper, not one per item');
	assert.equal(m.item('thread')?.read, true);
	assert.equal(m.item('news')?.read, true);
	await app.press('m');
	await app.waitFor(f => /^> N\*/.test(selectedLine(f) ?? ''), 'unread again');
	assert.equal(m.item('news')?.read, false);
});

test('the researcher filter and the search apply to papers', async () => {
	const app = await papersView();
	await app.press('/', 'reward');
	await app.waitFor(f => f.includes('Older Work') && !f.includes('Personalized Language'), 'searched');
	await app.press('escape', 'f');
	await app.waitFor(f => f.includes('Filter by researcher'));
	await app.press('j', 'return');
	const frame = await app.waitFor(f => f.includes('Wei Liu ·') || (f.includes('Personalized Language') && !f.includes('Older Work')), 'Wei Liu only');
	assert.doesNotMatch(frame, /Older Work/);
});

test('a lists only papers mentioned by one of their authors, and again all', async () => {
	const app = await papersView();
	await app.press('a');
	let frame = await app.waitFor(f => f.includes('own papers') && !f.includes('Older Work'), 'own papers only');
	assert.match(selectedLine(frame) ?? '', /Personalized Language Modeling .*Leqi Liu on Bluesky \(author\)/);
	assert.match(frame, /own papers +1\/1/);
	await app.press('a');
	frame = await app.waitFor(f => !f.includes('own papers') && f.includes('Older Work'), 'every paper');
	assert.match(frame, /1\/2/);
});

test('a wide terminal shows the selected paper beside the list: who, authors, abstract', async () => {
	const app = await papersView(model(), {columns: 140, rows: 30});
	let frame = app.frame();
	assert.match(frame, /│ Personalized Language Modeling from Personalized Human\n.*│ Feedback\n/);
	assert.match(frame, /│ Mentioned 2 times: Leqi Liu on Bluesky \(author\), Wei Liu's\n.*│ homepage\n/);
	assert.match(frame, /│ Xinyu Li, Zachary C\. Lipton, Leqi Liu/);
	assert.match(frame, /│ cs\.CL · first version 2024-02-07/);
	assert.match(frame, /│ Reinforcement Learning from Human Feedback/);
	await app.press('j');
	frame = await app.waitFor(f => /│ Older Work on Reward Models/.test(f), 'the detail follows the selection');
	// No metadata: said once, plainly, rather than left blank.
	assert.match(frame, /│ authors unknown/);
	assert.match(frame, /│ No abstract \(not an arXiv paper\)\./);
	assert.ok(lines(frame).every(l => l.length <= 140));
});

test('search over papers matches authors and the researchers who mentioned them', async () => {
	const app = await papersView();
	await app.press('/', 'lipton');
	let frame = await app.waitFor(f => f.includes('Personalized Language') && !f.includes('Older Work'), 'by author');
	await app.press('escape', '/', 'wei liu');
	frame = await app.waitFor(f => /\/wei liu_/.test(f) && f.includes('Personalized Language') && !f.includes('Older Work'), 'by researcher');
	assert.match(frame, /1\/1/);
});

test('10,000 papers: only the visible rows are read, G reaches the last', async () => {
	const items = Array.from({length: 10_000}, (_, i) =>
		makeItem({
			id: `p${String(i).padStart(5, '0')}`,
			date: new Date(Date.UTC(2025, 6, 23, 11) - i * 60_000).toISOString(),
			text: `paper post ${i}`,
			papers: [{id: `arxiv:2501.${String(i).padStart(5, '0')}`, url: `https://arxiv.org/abs/2501.${String(i).padStart(5, '0')}`, title: `Paper number ${i}`}],
		}),
	);
	const m = new MemoryModel(items);
	const app = await renderApp(m, {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('paper post 0'));
	await app.press('tab');
	await app.waitFor(f => selectedLine(f)?.includes('Paper number 0') === true, 'papers view', 10_000);
	await app.press('G');
	const frame = await app.waitFor(f => selectedLine(f)?.includes('Paper number 9999') === true, 'last paper', 10_000);
	assert.match(frame, /10000\/10000/);
	assert.ok(Math.max(...m.paperWindowLimits) <= 20, `read ${Math.max(...m.paperWindowLimits)} papers at once`);
});
