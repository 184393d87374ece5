/** @jsxRuntime automatic */
/**
 * What the timeline draws for the morning read (issue 17): the "new since you last looked"
 * divider and count, reposts' authors, search matches, the picker's unread counts, the papers
 * view's unread filter, the status line's refresh news, and the room a headline gets.
 */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import stringWidth from 'string-width';
import {lineText} from '../../src/ui/components/Line.js';
import {refreshSummary} from '../../src/ui/components/StatusLine.js';
import {headline, timelineRow} from '../../src/ui/views/TimelineView.js';
import {fitMentionSummary} from '../../src/ui/views/paper-lines.js';
import {splitWidths} from '../../src/state/layout.js';
import type {Paper} from '../../src/domain/types.js';
import {activeSearch} from '../../src/state/types.js';
import {visibleItemLines} from '../../src/ui/views/ItemView.js';
import {MemoryModel, makeItem} from '../helpers/memory-model.js';
import {startController} from './controller/harness.js';
import {NOW, seedItems} from './fixtures.js';
import {lines, renderApp, selectedLine} from './render-app.js';

afterEach(() => cleanup());

const SINCE = '2025-07-23T08:00:00.000Z';

test('new since you last looked: a divider under the new rows at the top, the count in the header', async () => {
	const model = new MemoryModel(seedItems(), {fresh: {since: SINCE, ids: ['thread', 'repost']}});
	const app = await renderApp(model, {columns: 100, rows: 24});
	const frame = await app.waitFor(f => f.includes('new since you last looked'));
	const rows = lines(frame);
	assert.match(rows[0] ?? '', /Researchers +2 new since \d\d:\d\d$/, 'the count in the header');
	assert.match(rows[1] ?? '', /Personalized RLHF/);
	assert.match(rows[2] ?? '', /tokenizers/);
	assert.match(rows[3] ?? '', /^── ↑ new since you last looked \(\d\d:\d\d\) ─+$/);
	assert.equal(stringWidth(rows[3] ?? ''), 100, 'the rule runs across the list');
	assert.match(rows[4] ?? '', /Notes on diffusion/);
	assert.match(rows[5] ?? '', /Our paper on personalized/);
	assert.equal(lines(frame).length, 23, 'the frame still fits the terminal');
});

test('no divider in the first session, nor when nothing new leads the list', async () => {
	const first = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	const frame = await first.waitFor(f => f.includes('tokenizers'));
	assert.doesNotMatch(frame, /new since/);
	cleanup();
	// New, but dated below older rows: counted in the header, no divider above it.
	const app = await renderApp(new MemoryModel(seedItems(), {fresh: {since: SINCE, ids: ['news']}}), {columns: 100, rows: 24});
	const later = await app.waitFor(f => f.includes('1 new since'));
	assert.doesNotMatch(later, /new since you last looked/);
});

test('the divider never pushes the selected row off the screen, however far the selection goes', async () => {
	const items = Array.from({length: 60}, (_, i) =>
		makeItem({id: `n${String(i).padStart(3, '0')}`, date: new Date(Date.UTC(2025, 6, 23, 11) - i * 60_000).toISOString(), text: `item number ${i}`}),
	);
	const app = await renderApp(new MemoryModel(items, {fresh: {since: SINCE, ids: items.slice(0, 25).map(i => i.id)}}), {columns: 80, rows: 24});
	await app.waitFor(f => f.includes('25 new since'));
	for (let i = 1; i < 40; i++) {
		await app.press('j');
		const frame = await app.waitFor(f => selectedLine(f)?.includes(`item number ${i}`) === true, `row ${i} selected and drawn`);
		assert.equal(lines(frame).length, 23);
		const body = lines(frame).slice(1, 21);
		const divider = body.findIndex(l => l.includes('new since you last looked'));
		if (divider >= 0) {
			assert.match(body[divider - 1] ?? 'top', /item number 24|top/, 'the divider sits under the last new row');
		}
	}
	await app.press('G');
	await app.waitFor(f => selectedLine(f)?.includes('item number 59') === true, 'the last row');
	await app.press('g');
	const top = await app.waitFor(f => selectedLine(f)?.includes('item number 0') === true, 'the first row');
	assert.doesNotMatch(top, /new since you last looked/, 'the divider is below the screen');
});

test('a repost says whose post it is, in its row and in the item view', async () => {
	const repost = makeItem({
		id: 'rp',
		researcher: 'Leqi Liu',
		kind: 'repost',
		date: '2025-07-23T10:00:00.000Z',
		text: 'Our #ICLR2025 paper on reward hacking',
		url: 'https://bsky.app/profile/mira.example/post/3abc',
		repostOf: {name: 'Mira Chen', handle: 'mira.example'},
	});
	const app = await renderApp(new MemoryModel([repost]), {columns: 100, rows: 24});
	const frame = await app.waitFor(f => f.includes('reward hacking'));
	assert.match(selectedLine(frame) ?? '', /Leqi Liu +@ repost +Mira Chen: Our #ICLR2025 paper on reward hacking/);
	await app.press('return');
	const item = await app.waitFor(f => f.includes('reposted'));
	assert.match(item, /Leqi Liu reposted Mira Chen \(@mira\.example\) · Bluesky · repost/);
});

test('search matches are split out for highlighting in rows without changing a single column', () => {
	const item = makeItem({text: 'Diffusion: diffusion', kind: 'post'});
	for (const columns of [60, 80, 120]) {
		const plain = timelineRow(item, columns, {selected: false, color: true, now: NOW});
		const marked = timelineRow(item, columns, {selected: false, color: true, now: NOW, search: 'DIFFUSION'});
		assert.equal(lineText(marked), lineText(plain), 'the same text');
		assert.deepEqual(
			marked.filter(s => s.match === true).map(s => s.text),
			['Diffusion', 'diffusion'],
			'every occurrence, case-insensitively, as written',
		);
	}
	// A needle with regular-expression characters is taken literally.
	const odd = timelineRow(makeItem({text: 'a (b) c'}), 80, {selected: false, color: false, now: NOW, search: '(b)'});
	assert.deepEqual(odd.filter(s => s.match === true).map(s => s.text), ['(b)']);
});

test('without colour, a match is set off by bold and underline (not colours), and only the match', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24, color: false});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('/', 'diffusion', 'return');
	await app.waitFor(f => f.includes('/diffusion '));
	const raw = app.rawFrame();
	const styled = /Notes on ((?:\u001b\[[0-9;]*m)+)diffusion(?:\u001b\[[0-9;]*m)+ models/.exec(raw);
	assert.ok(styled !== null, raw);
	assert.match(styled[1] ?? '', /\u001b\[(1;)?4m/, 'underlined');
	assert.match(styled[1] ?? '', /\u001b\[1[;m]/, 'bold');
	assert.doesNotMatch(raw, /\u001b\[3\dm/, 'no colour');
	assert.equal([...raw.matchAll(/\u001b\[(1;)?4m/g)].length, 1, 'nothing else is set off');
});

test('search matches are highlighted in the open item', () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	h.press('/', 'rlhf', 'return', 'return');
	const lines = h.snapshot().item ?? [];
	assert.ok(lines.length > 0, 'the thread is open');
	const shown = visibleItemLines(lines, 0, 40, activeSearch(h.state()));
	assert.deepEqual(shown.map(lineText), lines.slice(0, 40).map(lineText), 'the same text, line for line');
	const matched = shown.flatMap(l => l.filter(s => s.match === true).map(s => s.text));
	assert.ok(matched.length >= 2, `the thread's text and its paper's title: ${matched.join(', ')}`);
	assert.ok(matched.every(m => m.toLowerCase() === 'rlhf'));
	// The match's styling in a real terminal is checked in test/e2e/tui.test.ts.
});

test('the picker narrows as you type and shows unread counts; Backspace widens, Esc clears, Enter picks', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('f');
	let frame = await app.waitFor(f => f.includes('Filter by researcher'));
	assert.match(frame, /Leqi Liu +1 unread/);
	assert.match(frame, /刘伟 +1 unread/);
	await app.press('w', 'e', 'i');
	frame = await app.waitFor(f => f.includes('Filter by researcher: wei_'));
	assert.match(frame, /1 match/);
	assert.doesNotMatch(frame, /Leqi Liu/);
	await app.press('x');
	frame = await app.waitFor(f => f.includes('No researcher matches "weix"'));
	await app.press('backspace');
	await app.waitFor(f => f.includes('Filter by researcher: wei_') && f.includes('Wei Liu'));
	await app.press('escape');
	frame = await app.waitFor(f => f.includes('type to narrow'));
	assert.match(frame, /Leqi Liu/);
	await app.press('l', 'i', 'u', 'down', 'return');
	frame = await app.waitFor(f => !f.includes('Filter by researcher') && f.includes('Notes on diffusion'));
	assert.match(frame, /Wei Liu {2}1\/2/);
});

test('the papers view: u lists unread papers only', async () => {
	const items = seedItems().map(i => (i.id === 'news' ? {...i, read: true} : i));
	const app = await renderApp(new MemoryModel(items), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('tab');
	let frame = await app.waitFor(f => f.includes('[Papers]'));
	assert.match(frame, /1\/1/);
	await app.press('u');
	frame = await app.waitFor(f => f.includes('unread'));
	assert.match(frame, /unread {2}1\/1/, 'its thread is unread');
	await app.press('m');
	frame = await app.waitFor(f => f.includes('No unread paper'), 'read: it leaves the list');
	assert.match(frame, /unread {2}0\/0/);
});

test('the author mark survives however many mentions a paper has', () => {
	const mentions = ['Ana Ortiz', 'Bo Li', 'Carla Diaz', 'Dev Patel', 'Eun Kim', 'Leqi Liu'].map((researcher, i) => ({
		item: `i${i}`,
		researcher,
		source: 'bluesky' as const,
		date: '2025-07-01T00:00:00.000Z',
		own: researcher === 'Leqi Liu',
	}));
	const paper: Paper = {id: 'arxiv:1', url: 'https://arxiv.org/abs/1', title: 't', authors: [], ids: ['arxiv:1'], venue: null, mentions};
	for (const columns of [16, 24, 40, 60]) {
		const who = fitMentionSummary(paper, columns);
		assert.ok(stringWidth(who) <= columns, `${who} fits ${columns}`);
		assert.match(who, /\(author\)/, `at ${columns}: ${who}`);
	}
	assert.match(fitMentionSummary(paper, 60), /^Leqi Liu on Bluesky \(author\), Ana Ortiz on Bluesky, \+4$/);
});

test('the status line: never stale progress; what the last refresh did and when, then its time', () => {
	const text = (s: ReturnType<typeof refreshSummary>) => (s ?? []).map(x => x.text).join('');
	assert.equal(text(refreshSummary({running: true, done: 0, total: 0, results: [], finishedAt: null}, NOW)), 'refreshing…');
	assert.equal(text(refreshSummary({running: true, done: 2, total: 7, results: [], finishedAt: null}, NOW)), 'refreshing 2/7');
	const results = [
		{researcher: 'Leqi Liu', source: 'bluesky' as const, target: 'x', ok: true, newItems: 7, error: null},
		{researcher: 'Wei Liu', source: 'homepage' as const, target: 'y', ok: false, newItems: 0, error: 'HTTP 500'},
	];
	const finishedAt = new Date(NOW.getTime() - 20_000).toISOString();
	const fresh = text(refreshSummary({running: false, done: 2, total: 2, results, finishedAt}, NOW));
	assert.match(fresh, /^refreshed \d\d:\d\d · 7 new · 1 failed: Wei Liu homepage — HTTP 500$/);
	const later = text(refreshSummary({running: false, done: 2, total: 2, results, finishedAt}, new Date(NOW.getTime() + 3 * 60_000)));
	assert.match(later, /^last refresh \d\d:\d\d · 3 min ago · 1 failed \(Researchers view\)$/);
	assert.equal(refreshSummary({running: false, done: 0, total: 0, results: [], finishedAt: null}, NOW), null);
});

test('at 120 columns a headline has more room than at 80, never less', () => {
	const item = makeItem({researcher: 'Leqi Liu', text: 'x'.repeat(200), kind: 'thread'});
	// The headline is the row's last segment: a long one fills the room it is given.
	const room = (columns: number) => stringWidth(timelineRow(item, columns, {selected: false, color: true, now: NOW}).at(-1)?.text ?? '');
	assert.ok(headline(item).length > 100);
	const narrow = room(80);
	for (const columns of [120, 140, 160, 200]) {
		const wide = room(splitWidths(columns).list);
		assert.ok(wide > narrow, `${columns} columns: ${wide} for the headline, ${narrow} at 80`);
	}
});
