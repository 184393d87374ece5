/**
 * The morning read in a real terminal (issue 17): `node bin/research-feed.js` in a pseudo-terminal
 * against a loopback AppView. A first session ends; a refresh brings new posts; the next session
 * puts them above a "new since you last looked" divider and counts them in the header. The `f`
 * picker narrows as you type; search matches are underlined even under NO_COLOR.
 */
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {leqiLaterFixture} from '../fixtures/bluesky/build.js';
import {KEYS, spawnInPty} from '../helpers/pty-terminal.js';
import {runCli} from '../helpers/run-cli.js';
import {BIN, quitTui, refreshedTuiHome, selectedRow, type TuiHome} from '../helpers/tui-home.js';

let tui: TuiHome;
let server: TuiHome['server'];
let env: Record<string, string>;

before(async () => {
	tui = await refreshedTuiHome();
	({server, env} = tui);
});

after(() => tui.close());

test('what arrived since the last session sits above a divider, counted in the header', async () => {
	const first = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env});
	try {
		await first.waitFor(s => s.some(l => l.includes('Leqi Liu')) && selectedRow(s) !== '');
		assert.ok(!first.screen().join('\n').includes('new since'), 'the first session has nothing to compare with');
		await quitTui(first);
	} finally {
		first.kill();
	}

	// Later: two new posts, and the ExPO thread grows by a post (the same item: not new).
	server.setActor(await leqiLaterFixture());
	const refreshed = await runCli(['refresh', '--json'], {env});
	assert.equal(refreshed.code, 0, refreshed.stderr);
	const added = (JSON.parse(refreshed.stdout) as {sources: Array<{newItems: number}>}).sources.reduce((n, s) => n + s.newItems, 0);
	assert.ok(added > 0, refreshed.stdout);

	const second = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env});
	try {
		await second.waitFor(s => s.some(l => l.includes('new since you last looked')));
		const screen = second.screen();
		assert.match(screen[0] ?? '', new RegExp(`${added} new since \\d\\d:\\d\\d`), 'the count in the header');
		const divider = screen.findIndex(l => l.includes('new since you last looked'));
		assert.ok(divider > 1, 'new rows above it');
		assert.ok(screen.slice(divider + 1).some(l => l.includes('Leqi Liu') || l.includes('Wei Liu')), 'older rows below it');
		// j walks across the divider onto the first older row.
		for (let i = 1; i < divider; i++) second.write('j');
		await second.waitFor(s => s.findIndex(l => l.startsWith('>')) === divider + 1);
		await quitTui(second);
	} finally {
		second.kill();
	}
});

test('f: typing narrows the picker, Backspace widens it, Enter picks; unread counts shown', async () => {
	const term = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env});
	try {
		await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && selectedRow(s) !== '');
		term.write('f');
		await term.waitFor(s => s.some(l => l.includes('Filter by researcher')));
		assert.ok(term.screen().some(l => /Leqi Liu +\d+ unread/.test(l)), term.screen().join('\n'));
		for (const ch of 'weix') term.write(ch);
		await term.waitFor(s => s.some(l => l.includes('No researcher matches "weix"')));
		term.write('\x7f');
		await term.waitFor(s => s.some(l => l.includes('Filter by researcher: wei_')) && s.some(l => /^> Wei Liu/.test(l)));
		assert.ok(!term.screen().some(l => /^\s+Leqi Liu/.test(l)), 'Leqi Liu is not listed');
		term.write(KEYS.enter);
		await term.waitFor(s => !s.some(l => l.includes('Filter by researcher')) && s.some(l => /Wei Liu +1\/\d+$/.test(l)));
		const rows = term.screen().filter(l => /^[> ] [N ]/.test(l) && /Liu/.test(l));
		assert.ok(rows.length > 0 && rows.every(l => l.includes('Wei Liu')), rows.join('\n'));
		term.write('f');
		await term.waitFor(s => !s.some(l => /Wei Liu +1\/\d+$/.test(l)));
		await quitTui(term);
	} finally {
		term.kill();
	}
});

test('search matches are underlined and bold under NO_COLOR, and nothing else is', async () => {
	const term = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env});
	try {
		await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && selectedRow(s) !== '');
		term.write('/');
		for (const ch of 'post-train') term.write(ch);
		term.write(KEYS.enter);
		await term.waitFor(s => s.some(l => l.includes('/post-train ')));
		const y = term.screen().findIndex(l => /^[> ] /.test(l) && /post-train/i.test(l));
		assert.ok(y > 0, term.screen().join('\n'));
		const line = term.screen()[y]!;
		// Found by cells, not string index: the headless terminal may draw the 📄 badge a column narrower.
		const cells = Array.from({length: 100}, (_, i) => term.cell(i, y)?.chars ?? '');
		const x = cells.findIndex((_, i) => cells.slice(i, i + 10).join('').toLowerCase() === 'post-train');
		assert.ok(x > 0, line);
		for (let i = 0; i < 'post-train'.length; i++) {
			const cell = term.cell(x + i, y);
			assert.ok(cell?.underline && cell.bold, `column ${x + i} of "${line}" is highlighted`);
		}
		assert.equal(term.cell(x - 2, y)?.underline, false, 'the text before the match is not');
		await quitTui(term);
	} finally {
		term.kill();
	}
});
