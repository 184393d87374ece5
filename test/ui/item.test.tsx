/** @jsxRuntime automatic */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {MemoryModel, makeItem} from '../helpers/memory-model.js';
import {PAPER_URL, REPO_URL, seedItems} from './fixtures.js';
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

test('Esc and q go back to the timeline, the selection where it was', async () => {
	const app = await openThread();
	await app.press('escape');
	let frame = await app.waitFor(f => !f.includes('Links (2)'), 'back');
	assert.match(selectedLine(frame) ?? '', /^> {3}.*Personalized RLHF/, 'now read');
	await app.press('return');
	await app.waitFor(f => f.includes('Links (2)'));
	await app.press('q');
	frame = await app.waitFor(f => !f.includes('Links (2)'), 'back with q');
	assert.equal(app.quits(), 0, 'q in an item goes back, it does not quit');
	assert.match(frame, /\[Timeline\]/);
});

test('1–9 open link N; a missing link says so', async () => {
	const app = await openThread();
	await app.press('2');
	await app.waitFor(f => f.includes(`opening ${REPO_URL}`));
	assert.deepEqual(app.opened, [REPO_URL]);
	await app.press('1');
	await app.waitFor(f => f.includes(`opening ${PAPER_URL}`));
	await app.press('9');
	await app.waitFor(f => f.includes('no link 9'));
	assert.deepEqual(app.opened, [REPO_URL, PAPER_URL]);
});

test('o opens the first paper, else the item URL; from the timeline too', async () => {
	const app = await openThread();
	await app.press('o');
	await app.waitFor(f => f.includes(`opening ${PAPER_URL}`));
	await app.press('escape', 'j');
	await app.waitFor(f => selectedLine(f)?.includes('tokenizers') === true);
	await app.press('o');
	await app.waitFor(f => f.includes('opening https://bsky.app/profile/other.example/post/3rep'));
	assert.deepEqual(app.opened, [PAPER_URL, 'https://bsky.app/profile/other.example/post/3rep']);
});

test('links that are not http(s) are never opened', async () => {
	const evil = makeItem({id: 'evil', text: 'click', url: 'javascript:alert(1)', links: [{url: 'file:///etc/passwd', text: 'x'}]});
	const app = await renderApp(new MemoryModel([evil]), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('click'));
	await app.press('o');
	await app.waitFor(f => f.includes('not opening a link that is not http(s)'));
	await app.press('return');
	await app.waitFor(f => f.includes('Links (1)'));
	await app.press('1');
	await app.waitFor(f => f.includes('not opening a link that is not http(s): file:///etc/passwd'));
	assert.deepEqual(app.opened, []);
});

test('a failing browser is reported on the status line', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {
		columns: 100,
		rows: 24,
		openUrl: async () => {
			throw new Error('spawn nope ENOENT');
		},
	});
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('o');
	await app.waitFor(f => f.includes(`could not open ${PAPER_URL}: spawn nope ENOENT`));
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

test('n/N in an open item step to the next/previous search match', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 30});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('/', 'personalized', 'return', 'return');
	await app.waitFor(f => f.includes('── 1/3'), 'first match open');
	await app.press('n');
	await app.waitFor(f => f.includes('Wei Liu · homepage · news · May 2025 · read'), 'second match open and read');
	await app.press('N');
	await app.waitFor(f => f.includes('── 1/3'), 'back to the first');
	await app.press('escape');
	await app.waitFor(f => !f.includes('── 1/3') && selectedLine(f)?.includes('Personalized RLHF') === true, 'timeline, same selection');
});

test('m and s work on the open item', async () => {
	const model = new MemoryModel(seedItems());
	const app = await openThread(model);
	await app.press('m');
	await app.waitFor(f => f.includes('· unread'), 'unread');
	assert.equal(model.item('thread')?.read, false);
	await app.press('s');
	await app.waitFor(f => f.includes('· starred'), 'starred');
	assert.equal(model.item('thread')?.starred, true);
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
