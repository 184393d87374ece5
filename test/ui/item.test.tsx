/** @jsxRuntime automatic */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {MemoryModel, makeItem} from '../helpers/memory-model.js';
import {seedItems} from './fixtures.js';
import {lines, renderApp, selectedLine} from './render-app.js';

afterEach(() => cleanup());

async function openThread(model = new MemoryModel(seedItems()), size = {columns: 100, rows: 40}) {
	const app = await renderApp(model, size);
	await app.waitFor(f => selectedLine(f)?.includes('Personalized RLHF') === true);
	await app.press('return');
	await app.waitFor(f => f.includes('Links (2)'), 'the item view');
	return app;
}

test('Enter opens the whole thread post by post, links numbered, papers with titles, the URL', async () => {
	const model = new MemoryModel(seedItems());
	const app = await openThread(model);
	const frame = app.frame();
	assert.match(frame, /Leqi Liu · Bluesky · thread · 2025-07-23 \d\d:00 \(3h\) · read/);
	assert.match(frame, /── 1\/3 · /);
	assert.match(frame, /── 2\/3 · /);
	assert.match(frame, /── 3\/3 · /);
	// Every link numbered, inline and in the list.
	assert.match(frame, /Personalized RLHF: our new paper! https:\/\/arxiv\.org\/abs\/2402\.05133 \[1\]/);
	assert.match(frame, /Code: https:\/\/github\.com\/HumainLab\/Personalized_RLHF \[2\]/);
	assert.match(frame, /\[1\] https:\/\/arxiv\.org\/abs\/2402\.05133/);
	// The composer's shortened text adds nothing to the full URL, so it is not repeated.
	assert.match(frame, /\[2\] https:\/\/github\.com\/HumainLab\/Personalized_RLHF\n/);
	assert.match(frame, /Papers \(1\)/);
	assert.match(frame, /📄 Personalized Language Modeling from Personalized Human Feedback/);
	assert.match(frame, /arxiv:2402\.05133 · https:\/\/arxiv\.org\/abs\/2402\.05133/);
	assert.match(frame, /URL https:\/\/bsky\.app\/profile\/leqiliu\.bsky\.social\/post\/3root/);
	// Quoted posts set off, alt text marked.
	assert.match(frame, /│ Quoted: a colleague's post about preference learning/);
	assert.match(frame, /▫ \[image: a plot of reward against steps\]/);
	// Opening marks it read.
	assert.equal(model.item('thread')?.read, true);
});

test('a long item scrolls by line with j/k, pages, g/G', async () => {
	const long = makeItem({id: 'long', text: Array.from({length: 80}, (_, i) => `paragraph ${i}`).join('\n')});
	const app = await renderApp(new MemoryModel([long]), {columns: 80, rows: 24});
	await app.waitFor(f => f.includes('paragraph 0'));
	await app.press('return');
	let frame = await app.waitFor(f => f.includes('lines 1-20/'), 'item view');
	assert.match(frame, /\nparagraph 0\n/);
	// The meta line and a blank line come first.
	await app.press('j', 'j', 'down');
	frame = await app.waitFor(f => f.includes('lines 4-23/'), 'scrolled 3');
	assert.doesNotMatch(frame, /\nparagraph 0\n/);
	assert.match(frame, /\nparagraph 1\n/);
	await app.press('k');
	await app.waitFor(f => f.includes('lines 3-22/') && /\nparagraph 0\n/.test(f), 'back up one');
	await app.press('space');
	await app.waitFor(f => f.includes('lines 22-41/'), 'page');
	await app.press('G');
	frame = await app.waitFor(f => /URL https:\/\/bsky\.app/.test(f), 'end');
	assert.equal(lines(frame).length, 23);
	await app.press('g');
	await app.waitFor(f => f.includes('lines 1-20/'), 'top');
});

const PAPER_INFO = {
	'arxiv:2402.05133': {
		authors: ['Xinyu Li', 'Zachary C. Lipton', 'Leqi Liu'],
		abstract: 'Reinforcement Learning from Human Feedback (RLHF) is commonly used to align large language models with human preferences.',
		category: 'cs.CL',
		published: '2024-02-07T18:00:00Z',
	},
};

test('under each paper: its authors, category, abstract, and who else shared it', async () => {
	const app = await openThread(new MemoryModel(seedItems(), {paperInfo: PAPER_INFO}), {columns: 100, rows: 50});
	const frame = app.frame();
	assert.match(
		frame,
		new RegExp(
			[
				' 📄 Personalized Language Modeling from Personalized Human Feedback',
				' {4}arxiv:2402\\.05133 · https://arxiv\\.org/abs/2402\\.05133',
				' {4}Xinyu Li, Zachary C\\. Lipton, Leqi Liu',
				' {4}cs\\.CL · first version 2024-02-07',
				' {4}Reinforcement Learning from Human Feedback \\(RLHF\\) is commonly used to align large language',
				' {4}models with human preferences\\.',
				' {4}also shared by Wei Liu',
			].join('\n'),
		),
	);
	// From the news item the other way round.
	await app.press('escape', 'G', 'return');
	await app.waitFor(f => f.includes('Wei Liu · homepage · news') && f.includes('also shared by Leqi Liu'), 'the news item');
});

test('without metadata the papers stay as they were: title, id and URL, nothing invented', async () => {
	const app = await openThread();
	const frame = app.frame();
	assert.match(frame, /arxiv:2402\.05133 · https:\/\/arxiv\.org\/abs\/2402\.05133\n {4}also shared by Wei Liu\n\nLinks \(2\)/);
	assert.doesNotMatch(frame, /abstract|authors unknown/i);
});
