/** @jsxRuntime automatic */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import stringWidth from 'string-width';
import {MemoryModel, makeItem} from '../helpers/memory-model.js';
import {seedItems, seedSources} from './fixtures.js';
import {lines, renderApp, selectedLine} from './render-app.js';

afterEach(() => cleanup());

function manyItems(n: number) {
	return Array.from({length: n}, (_, i) =>
		makeItem({id: `n${String(i).padStart(6, '0')}`, date: new Date(Date.UTC(2025, 6, 23, 11, 0) - i * 60_000).toISOString(), text: `item number ${i}`}),
	);
}

test('rows show date, researcher, source glyph, kind, headline, paper badge and unread mark, newest first', async () => {
	const app = await renderApp(new MemoryModel(seedItems(), {sources: seedSources()}), {columns: 100, rows: 24});
	const frame = await app.waitFor(f => f.includes('Personalized RLHF'));
	const rows = lines(frame).slice(1, 5);
	assert.match(rows[0] ?? '', /^> N {2}3h {9}Leqi Liu {2,}@ thread {2}📄 Personalized RLHF: our new paper!/);
	assert.match(rows[1] ?? '', /^ {2}N {2}1d {9}刘伟 .*@ repost .*新しい論文 about tokenizers/);
	assert.match(rows[2] ?? '', /^ {5}3d {9}Wei Liu .*F article .*Notes on diffusion models/, 'read: no N; titled: the title');
	assert.match(rows[3] ?? '', /^ {2}N {2}May 2025 {3}Wei Liu .*H news {4}📄 Our paper on personalized/);
});

test('columns line up by display width with CJK names and emoji', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	const frame = await app.waitFor(f => f.includes('tokenizers'));
	const at = (line: string, glyph: string) => stringWidth(line.slice(0, line.indexOf(glyph)));
	const rows = lines(frame).slice(1, 5);
	const kindColumns = rows.map(r => at(r, r.includes(' @ ') ? ' @ ' : r.includes(' H ') ? ' H ' : ' F '));
	assert.equal(new Set(kindColumns).size, 1, `kind columns differ: ${kindColumns.join(',')}`);
});

test('100,000 items: only the visible rows are fetched and the frame fits the terminal', async () => {
	const model = new MemoryModel(manyItems(100_000));
	const app = await renderApp(model, {columns: 80, rows: 24});
	await app.press('G');
	const frame = await app.waitFor(f => selectedLine(f)?.includes('item number 99999') === true, 'last row', 10_000);
	assert.equal(lines(frame).length, 23);
	assert.match(frame, /100000\/100000/);
	assert.ok(model.windowLimits.length > 0);
	assert.ok(Math.max(...model.windowLimits) <= 20, `fetched ${Math.max(...model.windowLimits)} rows at once`);
});

test('r starts a refresh; the status line shows progress, then the summary', async () => {
	const model = new MemoryModel(seedItems(), {
		onRefresh: m => m.setProgress({running: true, done: 3, total: 7, results: [], finishedAt: null}),
	});
	const app = await renderApp(model, {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('r');
	await app.waitFor(f => f.includes('refreshing 3/7'), 'progress');
	assert.equal(model.refreshCalls, 1);
	await app.press('r');
	await app.waitFor(f => f.includes('already running'), 'one refresh at a time');
	assert.equal(model.refreshCalls, 1);
	model.setProgress({
		running: false,
		done: 7,
		total: 7,
		finishedAt: '2025-07-23T12:00:00.000Z',
		results: [
			{researcher: 'Leqi Liu', source: 'bluesky', target: 'leqiliu.bsky.social', ok: true, newItems: 3, error: null},
			{researcher: 'Wei Liu', source: 'homepage', target: 'https://wei.example/', ok: false, newItems: 0, error: 'HTTP 500'},
		],
	});
	await app.waitFor(f => f.includes('3 new · 1 failed: Wei Liu homepage — HTTP 500'), 'summary');
});

test('offline, every source fails: the status line names two and counts the rest', async () => {
	const model = new MemoryModel(seedItems());
	const app = await renderApp(model, {columns: 140, rows: 30});
	await app.waitFor(f => f.includes('tokenizers'));
	const results = Array.from({length: 921}, (_, i) => ({
		researcher: `Researcher ${i}`,
		source: 'homepage' as const,
		target: `https://r${i}.example/`,
		ok: false,
		newItems: 0,
		error: 'refused',
	}));
	model.setProgress({running: false, done: 921, total: 921, finishedAt: '2025-07-23T12:00:00.000Z', results});
	await app.waitFor(f => f.includes('921 failed: Researcher 0 homepage'), 'summary');
	const status = app.frame().split('\n').find(l => l.includes('921 failed')) ?? '';
	assert.match(status, /Researcher 1 homepage/);
	assert.doesNotMatch(status, /Researcher 2 /);
	assert.match(status, /\+919 more/);
});

test('? shows help from the keymap; Esc closes it', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 30});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('?');
	const help = await app.waitFor(f => f.includes('Keys'));
	assert.match(help, /Keys {2}\(Esc, q or \? closes; j\/k scroll\)/, 'how to leave, from the keymap');
	assert.match(help, /PgDn \/ Ctrl-d \/ Space\s+page down/);
	assert.match(help, /1–9\s+in an open item: open link N/);
	await app.press('escape');
	await app.waitFor(f => f.includes('tokenizers') && !f.includes('PgDn /'), 'closed');
	await app.press('?');
	await app.waitFor(f => f.includes('Keys'));
	await app.press('?');
	await app.waitFor(f => f.includes('tokenizers'), 'closed by ? again');
});

test('wide terminals show the selected item beside the list; narrow ones do not', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 160, rows: 30});
	const wide = await app.waitFor(f => f.includes('│'));
	const first = lines(wide).find(l => l.includes('Personalized RLHF: our new paper!')) ?? '';
	assert.ok(first.indexOf('│') > 0);
	assert.match(wide, /│.*Links \(2\)/);
	assert.match(wide, /│.*Leqi Liu · Bluesky · thread/);
	await app.press('j');
	await app.waitFor(f => /│.*刘伟 reposted @other\.example · Bluesky · repost/.test(f), 'detail follows the selection');
	await app.resize(80, 24);
	const narrow = app.frame();
	assert.doesNotMatch(narrow, /│/);
	assert.doesNotMatch(narrow, /Links \(/);
});

test('nothing is drawn past the terminal at any size', async () => {
	const model = new MemoryModel([...seedItems(), ...manyItems(40)], {sources: seedSources()});
	const app = await renderApp(model, {columns: 100, rows: 24});
	for (const [columns, rows] of [[80, 24], [160, 48], [40, 10], [120, 20], [200, 8], [60, 5]] as const) {
		await app.resize(columns, rows);
		for (const [view, next] of [['Timeline', 'Papers'], ['Papers', 'Researchers'], ['Researchers', 'Timeline']] as const) {
			const frame = await app.waitFor(f => f.includes(`[${view}]`), view);
			const ls = lines(frame);
			assert.ok(ls.length <= rows - 1, `${view} at ${columns}x${rows}: ${ls.length} lines`);
			for (const l of ls) assert.ok(stringWidth(l) <= columns, `${view} at ${columns}x${rows}: "${l}" is ${stringWidth(l)} wide`);
			await app.press('tab');
			await app.waitFor(f => f.includes(`[${next}]`), next);
		}
	}
});

test('an empty cache says what to do', async () => {
	const app = await renderApp(new MemoryModel([]), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('No researchers yet'));
	const none = await renderApp(new MemoryModel([], {researchers: ['Leqi Liu']}), {columns: 100, rows: 24});
	await none.waitFor(f => f.includes('No items yet. r refreshes.'));
});

test('with colour on, the selection is shown by inverse video, not a marker', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24, color: true});
	const frame = await app.waitFor(f => f.includes('tokenizers'));
	assert.equal(selectedLine(frame), undefined);
	assert.match(lines(frame)[1] ?? '', /^ {2}N {2}3h/);
});

test('keys that arrive in one burst are each handled, in order', async () => {
	const app = await renderApp(new MemoryModel(manyItems(30)), {columns: 100, rows: 24});
	await app.waitFor(f => selectedLine(f)?.includes('item number 0') === true);
	// A held-down key, then Tab twice, as a terminal may deliver them: one chunk each.
	await app.press('jjj');
	await app.waitFor(f => selectedLine(f)?.includes('item number 3') === true, 'three moves');
	await app.press('\t\t');
	await app.waitFor(f => f.includes('[Researchers]'), 'two view switches');
	await app.press('\t', '/number 2\r');
	const frame = await app.waitFor(f => f.includes('/number 2 ') && !f.includes('item number 3\n'), 'a search typed fast and kept');
	assert.match(selectedLine(frame) ?? '', /item number 2/);
	await app.press('j');
	await app.waitFor(f => selectedLine(f)?.includes('item number 20') === true, 'j moves again after Enter');
});

test('items whose papers others shared too end in +N; the wide detail pane names them and previews the abstract', async () => {
	const abstract = Array.from({length: 40}, (_, i) => `sentence ${i} of a long abstract.`).join(' ');
	const model = new MemoryModel(seedItems(), {paperInfo: {'arxiv:2402.05133': {authors: ['Xinyu Li', 'Leqi Liu'], abstract}}});
	const app = await renderApp(model, {columns: 100, rows: 24});
	let frame = await app.waitFor(f => f.includes('Personalized RLHF'));
	const rows = lines(frame).slice(1, 5);
	assert.match(rows[0] ?? '', /📄 Personalized RLHF: our new paper! +\+1$/);
	assert.match(rows[3] ?? '', /📄 Our paper on personalized .* \+1$/);
	assert.doesNotMatch(rows[1] ?? '', /\+\d$/, 'no paper, no mark');
	await app.resize(160, 40);
	frame = await app.waitFor(f => f.includes('│     also shared by Wei Liu'), 'the detail pane');
	assert.match(frame, /│ {5}Xinyu Li, Leqi Liu/);
	// A preview: six lines of abstract, the last one cut with an ellipsis; the item view has it all.
	const abstractLines = lines(frame).filter(l => /│ {5}.*sentence \d+/.test(l));
	assert.equal(abstractLines.length, 6);
	assert.match(abstractLines[5] ?? '', /…\s*$/);
	assert.ok(lines(frame).every(l => l.length <= 160));
});
