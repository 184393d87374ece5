/** @jsxRuntime automatic */
/**
 * The papers features end to end over the real SqliteModel and a temporary SQLite cache: items
 * written as a refresh writes them, arXiv metadata as enrichment saves it.
 */
import assert from 'node:assert/strict';
import {afterEach, beforeEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {SqliteModel} from '../../src/app/sqlite-model.js';
import {type PaperStore, PRLHF, PRLHF_META, seededPaperStore} from '../helpers/paper-store.js';
import {lines, renderApp, selectedLine} from './render-app.js';

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
afterEach(() => {
	cleanup();
	s.close();
});

test('over SQLite: timeline +N, item view authors and abstract, papers view own marks, a, Enter, m', async () => {
	const app = await renderApp(model, {columns: 100, rows: 30});
	let frame = await app.waitFor(f => selectedLine(f)?.includes('Personalized RLHF') === true, 'the timeline');
	assert.match(selectedLine(frame) ?? '', /📄 Personalized RLHF: our new paper! +\+1$/, 'Wei Liu shared its paper too');

	await app.press('return');
	frame = await app.waitFor(f => f.includes('Papers (2)'), 'the item');
	assert.match(frame, / 📄 Personalized Language Modeling from Personalized Human Feedback\n {4}arxiv:2402\.05133 · /);
	assert.match(frame, / {4}Xinyu Li, Zachary C\. Lipton, Leqi Liu\n {4}cs\.LG · first version 2024-02-07\n {4}RLHF aligns language models with human preferences\.\n {4}also shared by Wei Liu\n/);
	assert.match(frame, / 📄 link text of arxiv:2507\.02834\n {4}arxiv:2507\.02834 · [^\n]*\n\n/, 'no metadata, nobody else (a reply to others does not count)');
	await app.press('escape', 'tab');

	frame = await app.waitFor(f => f.includes('[Papers]') && f.includes('1/3'), 'the papers view');
	assert.match(lines(frame)[1] ?? '', /Personalized Language Modeling.* {2}Leqi Liu on Bluesky \(author\), \+1/);
	await app.press('a');
	frame = await app.waitFor(f => f.includes('own papers') && f.includes('1/1'), 'own papers only');
	await app.press('return');
	frame = await app.waitFor(f => f.includes('Mentioned 2 times:'), 'the mentions');
	assert.match(selectedLine(frame) ?? '', /Leqi Liu .*@ thread +\(author\) Personalized RLHF/);
	assert.match(frame, /─{20}\nXinyu Li, Zachary C\. Lipton, Leqi Liu\ncs\.LG · first version 2024-02-07\nRLHF aligns language models/);
	// Opening the paper read it everywhere, in one go.
	assert.equal(s.store.isPaperRead(PRLHF), true);
	assert.equal(model.item('w1')?.read, true);
	await app.press('escape', 'm');
	frame = await app.waitFor(f => f.includes('marked unread: 2 items'), 'unread again');
	assert.equal(s.store.isPaperRead(PRLHF), false);
	assert.match(selectedLine(frame) ?? '', /^> N /);
	await app.press('a');
	await app.waitFor(f => !f.includes('own papers') && f.includes('1/3'), 'every paper again');
	await app.press('j', 's');
	await app.waitFor(f => /^> N\* .*link text of arxiv:2507/.test(selectedLine(f) ?? ''), 'EXPO starred');
	assert.equal(model.item('l1')?.starred, true);
	assert.ok(lines(app.frame()).every(l => l.length <= 100));
});

test('over SQLite at 160 columns: the papers detail pane, and the timeline detail pane previews the abstract', async () => {
	const app = await renderApp(model, {columns: 160, rows: 40});
	let frame = await app.waitFor(f => f.includes('│ ') && f.includes('also shared by Wei Liu'), 'the timeline detail pane');
	assert.match(frame, /│ {5}RLHF aligns language models with human preferences\./);
	await app.press('tab');
	frame = await app.waitFor(f => f.includes('[Papers]') && f.includes('│ Mentioned 2 times: Leqi Liu on Bluesky (author), Wei Liu\'s homepage'), 'the papers detail');
	assert.match(frame, /│ Xinyu Li, Zachary C\. Lipton, Leqi Liu\n/);
	await app.press('j');
	frame = await app.waitFor(f => f.includes('│ No abstract yet (arXiv metadata not fetched).'), 'a paper without metadata');
	assert.ok(lines(frame).every(l => l.length <= 160));
	assert.equal(lines(frame).length, 39);
});
