/** @jsxRuntime automatic */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {MemoryModel, makeItem} from '../helpers/memory-model.js';
import {seedItems} from './fixtures.js';
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
	assert.match(rows[0] ?? '', /^> N {2}3h .*Personalized Language Modeling from Personalized.* {2}Leqi Liu on Bluesky \(author\), \+1$/, 'whole phrases, the rest counted');
	assert.match(rows[1] ?? '', /Jun 1 .*Older Work on Reward Models .*Leqi Liu on Bluesky/);
	assert.match(frame, /1\/2/);
});

test('Enter shows the mentions: the paper, one row per item (own marked), what arXiv says; the item opened from them', async () => {
	const app = await papersView();
	await app.press('return');
	let frame = await app.waitFor(f => f.includes('Mentioned 2 times'));
	assert.match(frame, /Personalized Language Modeling from Personalized Human Feedback/);
	assert.match(frame, /arxiv:2402\.05133 · https:\/\/arxiv\.org\/abs\/2402\.05133/);
	assert.match(selectedLine(frame) ?? '', /Leqi Liu .*@ thread +\(author\) Personalized RLHF/, 'her own paper');
	// Under the list: what arXiv says about the paper.
	assert.match(frame, /─{20}\nXinyu Li, Zachary C\. Lipton, Leqi Liu\ncs\.CL · first version 2024-02-07\nReinforcement Learning from Human Feedback \(RLHF\)/);
	assert.match(frame, /Wei Liu .*H news .*Our paper on personalized/);
	await app.press('j', 'return');
	frame = await app.waitFor(f => f.includes('Wei Liu · homepage · news · May 2025'), 'the news item');
	await app.press('escape');
	frame = await app.waitFor(f => f.includes('Mentioned 2 times'), 'mentions again');
	assert.match(selectedLine(frame) ?? '', /Wei Liu/);
	await app.press('escape');
	await app.waitFor(f => f.includes('[Papers]') && !f.includes('Mentioned 2 times:\n'), 'papers again');
});

test('a paper’s row shows the read and star state its items share (s and m)', async () => {
	const app = await papersView();
	await app.press('s');
	await app.waitFor(f => /^> N\*/.test(selectedLine(f) ?? '') && f.includes('starred: 2 items'));
	await app.press('m');
	await app.waitFor(f => /^> {2}\*/.test(selectedLine(f) ?? ''), 'read');
	await app.press('m');
	await app.waitFor(f => /^> N\*/.test(selectedLine(f) ?? ''), 'unread again');
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
	assert.match(frame, /│ Personalized Language Modeling from Personalized\n.*│ Human Feedback\n/);
	assert.match(frame, /│ Mentioned 2 times: Leqi Liu on Bluesky \(author\),\n.*│ Wei Liu's homepage\n/);
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
