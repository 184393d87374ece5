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

test('j/k/↓/↑ move the selection; g/G/Home/End jump', async () => {
	const app = await renderApp(new MemoryModel(manyItems(50)), {columns: 100, rows: 24});
	await app.waitFor(f => selectedLine(f)?.includes('item number 0') === true);
	await app.press('j', 'j', 'down');
	await app.waitFor(f => selectedLine(f)?.includes('item number 3') === true, 'row 3');
	await app.press('k', 'up');
	await app.waitFor(f => selectedLine(f)?.includes('item number 1') === true, 'row 1');
	await app.press('G');
	await app.waitFor(f => selectedLine(f)?.includes('item number 49') === true, 'last row');
	await app.press('g');
	await app.waitFor(f => selectedLine(f)?.includes('item number 0') === true, 'first row');
	await app.press('end');
	await app.waitFor(f => selectedLine(f)?.includes('item number 49') === true, 'End');
	await app.press('home');
	await app.waitFor(f => selectedLine(f)?.includes('item number 0') === true, 'Home');
	assert.match(app.frame(), /1\/50/);
});

test('PgDn / Ctrl-d / Space page down, PgUp / Ctrl-u page up', async () => {
	const app = await renderApp(new MemoryModel(manyItems(200)), {columns: 100, rows: 24});
	// 24 rows: 23 drawn, header and two status lines leave 20 list rows.
	await app.waitFor(f => selectedLine(f)?.includes('item number 0') === true);
	await app.press('pagedown');
	await app.waitFor(f => selectedLine(f)?.includes('item number 20') === true, 'PgDn');
	await app.press('ctrl+d');
	await app.waitFor(f => selectedLine(f)?.includes('item number 40') === true, 'Ctrl-d');
	await app.press('space');
	await app.waitFor(f => selectedLine(f)?.includes('item number 60') === true, 'Space');
	await app.press('pageup');
	await app.waitFor(f => selectedLine(f)?.includes('item number 40') === true, 'PgUp');
	await app.press('ctrl+u');
	await app.waitFor(f => selectedLine(f)?.includes('item number 20') === true, 'Ctrl-u');
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

test('new items arriving above keep the selection on the same item', async () => {
	const model = new MemoryModel(manyItems(60));
	const app = await renderApp(model, {columns: 100, rows: 24});
	await app.press('G', 'k', 'k');
	const before = await app.waitFor(f => selectedLine(f)?.includes('item number 57') === true);
	const rowBefore = lines(before).findIndex(l => l.startsWith('> '));
	model.addItems([1, 2, 3].map(i => makeItem({id: `new${i}`, date: `2025-07-23T11:5${i}:00.000Z`, text: `fresh ${i}`})));
	const after = await app.waitFor(f => f.includes('/63'), 'the new count');
	assert.match(selectedLine(after) ?? '', /item number 57/);
	assert.equal(lines(after).findIndex(l => l.startsWith('> ')), rowBefore, 'the selected row did not move on screen');
	assert.match(after, /61\/63/);
});

test('a key pressed as a refresh ends is not undone by it (g, then the refresh in the same turn)', async () => {
	const model = new MemoryModel(manyItems(30));
	const app = await renderApp(model, {columns: 100, rows: 24});
	await app.press('j', 'j');
	await app.waitFor(f => /3\/30/.test(f), 'third item');
	// The key and the refresh's news reach the app before it draws again.
	app.stdin.write('g');
	model.setProgress({running: false, done: 1, total: 1, finishedAt: '2025-07-23T12:00:00.000Z', results: []});
	const frame = await app.waitFor(f => f.includes('0 new'), 'the refresh summary');
	await new Promise(resolve => setTimeout(resolve, 50));
	assert.match(app.frame(), /1\/30/, `g stays applied:\n${frame}`);
	assert.match(selectedLine(app.frame()) ?? '', /item number 0/);
});

test('at the top, new items show above the selection', async () => {
	const model = new MemoryModel(manyItems(5));
	const app = await renderApp(model, {columns: 100, rows: 24});
	await app.waitFor(f => selectedLine(f)?.includes('item number 0') === true);
	model.addItems([makeItem({id: 'newest', date: '2025-07-23T11:59:00.000Z', text: 'brand new'})]);
	const frame = await app.waitFor(f => f.includes('brand new'));
	assert.match(lines(frame)[1] ?? '', /brand new/);
	assert.match(selectedLine(frame) ?? '', /item number 0/);
});

test('u shows unread items only, and again all', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('Notes on diffusion'));
	await app.press('u');
	const frame = await app.waitFor(f => !f.includes('Notes on diffusion'), 'read item hidden');
	assert.match(frame, /unread/);
	assert.match(frame, /Personalized RLHF/);
	await app.press('u');
	await app.waitFor(f => f.includes('Notes on diffusion'), 'read item back');
});

test('m marks read and unread; s stars and unstars', async () => {
	const model = new MemoryModel(seedItems());
	const app = await renderApp(model, {columns: 100, rows: 24});
	await app.waitFor(f => /^> N /.test(selectedLine(f) ?? ''));
	await app.press('m');
	await app.waitFor(f => /^> {3}/.test(selectedLine(f) ?? '') && f.includes('marked read'), 'read');
	assert.equal(model.item('thread')?.read, true);
	await app.press('m');
	await app.waitFor(f => /^> N /.test(selectedLine(f) ?? ''), 'unread again');
	assert.equal(model.item('thread')?.read, false);
	await app.press('s');
	await app.waitFor(f => /^> N\* /.test(selectedLine(f) ?? '') && f.includes('starred'), 'starred');
	assert.equal(model.item('thread')?.starred, true);
	await app.press('s');
	await app.waitFor(f => /^> N {2}/.test(selectedLine(f) ?? ''), 'unstarred');
	assert.equal(model.item('thread')?.starred, false);
});

test('f picks a researcher to filter by; f again clears it', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('f');
	const picker = await app.waitFor(f => f.includes('Filter by researcher'));
	// Sorted names: Leqi Liu, Wei Liu, 刘伟.
	assert.match(selectedLine(picker) ?? '', /Leqi Liu/);
	await app.press('j', 'return');
	const filtered = await app.waitFor(f => !f.includes('Filter by researcher') && !f.includes('Personalized RLHF'), 'Wei Liu only');
	assert.match(filtered, /Notes on diffusion/);
	assert.doesNotMatch(filtered, /tokenizers/);
	assert.match(filtered, /Wei Liu {2}1\/2\n/, "the filter and position in the status line");
	await app.press('f');
	await app.waitFor(f => f.includes('Personalized RLHF') && f.includes('tokenizers'), 'all again');
	// Esc leaves the picker without filtering.
	await app.press('f');
	await app.waitFor(f => f.includes('Filter by researcher'));
	await app.press('escape');
	const cancelled = await app.waitFor(f => !f.includes('Filter by researcher') && f.includes('tokenizers') && f.includes('Personalized RLHF'), 'cancelled, all items');
	// Clearing the filter kept the selection on the item it was on.
	assert.match(selectedLine(cancelled) ?? '', /Notes on diffusion/);
});

test('/ filters live while typing; Enter keeps it; n/N step through matches; Esc clears', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('/', 'p', 'e');
	// Two characters only echo, and say when filtering starts; the list is as it was.
	const short = await app.waitFor(f => f.includes('/pe_'), 'echo');
	assert.match(short, /filters from 3 characters/);
	assert.match(short, /tokenizers/);
	await app.press('r', 's');
	// Matches text ("Personalized"), and the news item's text ("personalized").
	const typing = await app.waitFor(f => !f.includes('tokenizers') && f.includes('/pers_'), 'live filter');
	assert.match(typing, /Personalized RLHF/);
	assert.match(typing, /Our paper on personalized/);
	assert.doesNotMatch(typing, /Notes on diffusion/);
	await app.press('return');
	await app.waitFor(f => f.includes('/pers ') || /\/pers\s+1\/2/.test(f), 'kept filter in the status line');
	await app.press('n');
	await app.waitFor(f => selectedLine(f)?.includes('Our paper on personalized') === true, 'next match');
	await app.press('n');
	await app.waitFor(f => selectedLine(f)?.includes('Personalized RLHF') === true && f.includes('continuing at top'), 'wrapped');
	await app.press('N');
	await app.waitFor(f => selectedLine(f)?.includes('Our paper on personalized') === true, 'previous match');
	await app.press('escape');
	await app.waitFor(f => f.includes('tokenizers') && f.includes('Notes on diffusion'), 'cleared');
});

test('search also matches researchers and paper titles; Backspace edits; Esc while typing clears', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('/', 'Human Feedback');
	// Only via the paper title (the thread and the news item both mention the paper).
	await app.waitFor(f => f.includes('Personalized RLHF') && !f.includes('tokenizers') && !f.includes('diffusion'), 'paper-title match');
	await app.press('escape');
	await app.waitFor(f => f.includes('tokenizers'), 'cleared by Esc while typing');
	await app.press('/', '刘伟x');
	await app.waitFor(f => f.includes('Nothing matches'), 'no match');
	await app.press('backspace');
	// Two characters wait for Enter (see LIVE_SEARCH_MIN), then match the researcher's name.
	await app.waitFor(f => f.includes('/刘伟_') && f.includes('Personalized'), 'short search waits');
	await app.press('return');
	await app.waitFor(f => f.includes('tokenizers') && !f.includes('Personalized'), 'researcher match');
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
	assert.match(help, /PgDn \/ Ctrl-d \/ Space\s+page down/);
	assert.match(help, /1–9\s+in an open item: open link N/);
	await app.press('escape');
	await app.waitFor(f => f.includes('tokenizers') && !f.includes('PgDn /'), 'closed');
	await app.press('?');
	await app.waitFor(f => f.includes('Keys'));
	await app.press('?');
	await app.waitFor(f => f.includes('tokenizers'), 'closed by ? again');
});

test('q quits from the timeline; Ctrl-c quits from anywhere, even while typing', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('q');
	assert.equal(app.quits(), 1);
	const again = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await again.waitFor(f => f.includes('tokenizers'));
	await again.press('/', 'x', 'ctrl+c');
	assert.equal(again.quits(), 1);
});

test('wide terminals show the selected item beside the list; narrow ones do not', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 160, rows: 30});
	const wide = await app.waitFor(f => f.includes('│'));
	const first = lines(wide).find(l => l.includes('Personalized RLHF: our new paper!')) ?? '';
	assert.ok(first.indexOf('│') > 0);
	assert.match(wide, /│.*Links \(2\)/);
	assert.match(wide, /│.*Leqi Liu · Bluesky · thread/);
	await app.press('j');
	await app.waitFor(f => /│.*刘伟 · Bluesky · repost/.test(f), 'detail follows the selection');
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
