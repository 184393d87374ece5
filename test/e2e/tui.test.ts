/**
 * The full-screen timeline as a user runs it: `node bin/research-feed.js` in a real pseudo-terminal
 * against a loopback AppView, read back through a headless terminal emulator.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {HANDLES, PAPERS} from '../fixtures/bluesky/build.js';
import {KEYS, spawnInPty} from '../helpers/pty-terminal.js';
import {startServer} from '../helpers/loopback-server.js';
import {runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {BIN, refreshedTuiHome, selectedRow, type TuiHome} from '../helpers/tui-home.js';

let tui: TuiHome;
let env: Record<string, string>;
let opened: string;

before(async () => {
	tui = await refreshedTuiHome(dir => {
		opened = join(dir, 'opened.txt');
		const browser = join(dir, 'browser.sh');
		writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${opened}'\n`);
		chmodSync(browser, 0o755);
		// CI=true as on CI machines and in some users' shells: Ink would then draw only the last frame,
		// so a blank screen here means the TUI failed to hide it while loading Ink (commands/tui.ts).
		return {BROWSER: browser, CI: 'true'};
	});
	({env} = tui);
});

after(() => tui.close());

test('start, move, open, search, switch views, open a paper, quit with status 0', async () => {
	const term = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env});
	try {
		// Cache first: the stored items are on screen, newest first, with the first one selected.
		await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && selectedRow(s) !== '');
		const first = selectedRow(term.screen());

		term.write('j');
		term.write('j');
		await term.waitFor(s => selectedRow(s) !== first);
		assert.notEqual(selectedRow(term.screen()), first);

		term.write('g');
		await term.waitFor(s => selectedRow(s) === first);

		// Search narrows the list live; Enter keeps the filter; the thread opens whole.
		term.write('/');
		for (const ch of 'explain the') term.write(ch);
		await term.waitFor(s => s.filter(l => /^[> ] /.test(l) && /Leqi Liu|Wei Liu/.test(l)).length === 1);
		term.write(KEYS.enter);
		term.write(KEYS.enter);
		await term.waitFor(s => s.join('\n').includes('── 1/4'));
		const thread = term.screen().join('\n');
		assert.match(thread, /\[1\]/, 'links are numbered');
		assert.match(thread, /arxiv:2507\.02834|ExPO/);

		// o opens the item's paper through $BROWSER.
		term.write('o');
		await waitForFile(opened);
		assert.equal(readFileSync(opened, 'utf8').trim(), PAPERS.expo.abs);

		// One key at a time: two Escs in one read are Meta-Esc to a terminal.
		term.write(KEYS.escape);
		await term.waitFor(s => !s.join('\n').includes('── 1/4'));
		term.write(KEYS.escape);
		await term.waitFor(s => s.filter(l => l.includes('Leqi Liu')).length > 3);

		term.write(KEYS.tab);
		await term.waitFor(s => s.join('\n').includes('ExPO: Unlocking Hard Reasoning'));
		term.write(KEYS.tab);
		await term.waitFor(s => s.join('\n').includes(HANDLES.wei));

		term.write(KEYS.tab);
		term.write('q');
		const exit = await Promise.race([term.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not quit:\n${term.screen().join('\n')}`)), 5000))]);
		assert.equal(exit.exitCode, 0);
		assert.ok(term.output().includes('\u001b[?1049h'), 'entered the alternate screen');
		assert.ok(term.output().lastIndexOf('\u001b[?1049l') > term.output().lastIndexOf('\u001b[?1049h'), 'restored the terminal');
	} finally {
		term.kill();
	}
});

test('in colour: the selected row is in inverse video across the width and moves with j', async () => {
	const colourEnv: Record<string, string | undefined> = {...env, NO_COLOR: undefined, FORCE_COLOR: undefined};
	const term = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env: colourEnv});
	// Column 97, not 99: the headless terminal counts some emoji (📄) one column narrower than
	// terminals with current Unicode widths do, so a full row can end a column early there.
	const inverseRows = () => term.screen().flatMap((_, y) => (term.cell(0, y)?.inverse && term.cell(97, y)?.inverse ? [y] : []));
	try {
		await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && inverseRows().length === 1);
		const [row] = inverseRows();
		assert.ok(row !== undefined && row > 0, 'one row below the header is selected');
		// The researcher column is coloured on the rows that are not selected.
		const other = row + 1;
		const line = term.screen()[other]!;
		const at = Math.max(line.indexOf('Leqi Liu'), line.indexOf('Wei Liu'));
		assert.ok(at > 0, line);
		assert.notEqual(term.cell(at, other)?.fg, -1, 'researcher in colour');
		assert.equal(term.cell(at, other)?.inverse, false);

		term.write('j');
		await term.waitFor(() => inverseRows()[0] === row + 1);
		assert.deepEqual(inverseRows(), [row + 1], 'exactly one selected row after the move');
		term.write('q');
		const exit = await term.exited;
		assert.equal(exit.exitCode, 0, JSON.stringify(term.output().slice(-3000)));
	} finally {
		term.kill();
	}
});

test('the launch refresh runs in a child process: a fresh cache fills while the timeline is up, and quitting ends the child', async () => {
	const fresh = tempHome();
	// A homepage that answers `add` (which looks at it) and then never again: the refresh, and its
	// child process, keep running.
	const stalled = await startServer();
	let answered = false;
	stalled.route('GET', '/never/', (_req, res) => {
		if (answered) return;
		answered = true;
		res.writeHead(200, {'content-type': 'text/html'});
		res.end('<html><body><h1>Wei Liu</h1></body></html>');
	});
	try {
		const freshEnv = {...env, RESEARCH_FEED_HOME: fresh.dir};
		await runCli(['add', 'Leqi Liu', '--bluesky', HANDLES.leqi], {env: freshEnv});
		await runCli(['add', 'Wei Liu', '--homepage', `${stalled.url}/never/`], {env: freshEnv});
		const term = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env: freshEnv});
		try {
			// Nothing was cached: the rows can only come from the refresh the timeline started.
			await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && s.some(l => /refreshing 1\/2/.test(l)));
			await waitUntil(() => stalled.count('/never/') > 1);
			const children = childPids(term.pid);
			assert.equal(children.length, 1, 'one refresh process');
			term.write('q');
			const exit = await term.exited;
			assert.equal(exit.exitCode, 0);
			await waitUntil(() => !alive(children[0]!));
		} finally {
			term.kill();
		}
	} finally {
		await stalled.close();
		fresh.cleanup();
	}
});

async function waitUntil(condition: () => boolean): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error(`never true: ${condition.toString()}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

/** Child processes of pid (Linux /proc); [] elsewhere. */
function childPids(pid: number): number[] {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function waitForFile(file: string): Promise<void> {
	const deadline = Date.now() + 5000;
	while (!existsSync(file) || readFileSync(file, 'utf8') === '') {
		if (Date.now() > deadline) throw new Error(`${file} was never written`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}
