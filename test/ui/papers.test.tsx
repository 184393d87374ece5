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
		{paperInfo: {'arxiv:2402.05133': {authors: ['Xinyu Li', 'Zachary C. Lipton', 'Leqi Liu']}}},
	);
}

async function papersView(m = model()) {
	const app = await renderApp(m, {columns: 120, rows: 24});
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('tab');
	await app.waitFor(f => f.includes('[Papers]'));
	return app;
}

test('Tab shows one row per paper, newest mention first, with who mentioned it where', async () => {
	const app = await papersView();
	const frame = app.frame();
	const rows = lines(frame).slice(1, 3);
	assert.match(rows[0] ?? '', /^> N {2}3h .*Personalized Language Modeling from Personalized Human Feedback .*Leqi Liu on Bluesky, Wei Liu's homepage/);
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
	assert.match(frame, /Xinyu Li, Zachary C\. Lipton, Leqi Liu/);
	assert.match(selectedLine(frame) ?? '', /Leqi Liu .*@ thread .*Personalized RLHF/);
	assert.match(frame, /Wei Liu .*H news .*Our paper on personalized/);
	// Opening the paper from the papers view marks every item that mentions it read.
	assert.equal(m.item('thread')?.read, true);
	assert.equal(m.item('news')?.read, true);
	await app.press('j', 'return');
	frame = await app.waitFor(f => f.includes('Wei Liu · homepage · news · May 2025'), 'the news item');
	await app.press('escape');
	frame = await app.waitFor(f => f.includes('Mentioned 2 times'), 'mentions again');
	assert.match(selectedLine(frame) ?? '', /Wei Liu/);
	await app.press('escape');
	await app.waitFor(f => f.includes('[Papers]') && !f.includes('Mentioned'), 'papers again');
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
