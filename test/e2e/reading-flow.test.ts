/**
 * The morning read as a user does it: `node bin/research-feed.js` in a real pseudo-terminal against
 * a loopback AppView. J/K inside an open item, A then U, y writing OSC 52 to the terminal, a console
 * browser given the terminal (it must see a TTY and get the keys typed), and a browser that fails.
 */
import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {KEYS, type PtyTerminal, spawnInPty} from '../helpers/pty-terminal.js';
import {runCli} from '../helpers/run-cli.js';
import {BIN, quitTui, refreshedTuiHome, type TuiHome} from '../helpers/tui-home.js';

let tui: TuiHome;
let home: TuiHome['home'];
let env: Record<string, string>;
let items: Array<{id: string; text: string; url: string; papers: Array<{url: string}>}>;

before(async () => {
	tui = await refreshedTuiHome();
	({home, env} = tui);
	items = JSON.parse((await runCli(['list', '--json'], {env})).stdout) as typeof items;
	assert.ok(items.length >= 3);
});

after(() => tui.close());

/** A terminal running the timeline, its launch refresh over (its end would replace a message on the status line). */
async function start(extra: Record<string, string> = {}): Promise<PtyTerminal> {
	const term = spawnInPty(process.execPath, [BIN], {cols: 100, rows: 30, env: {...env, ...extra}});
	await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && s.some(l => l.startsWith('>')) && /\d+ new/.test(status(s)));
	return term;
}

/** The status line (the row above the key hint). */
const status = (s: string[]): string => s[s.length - 3] ?? '';
/** The open item's heading: `Leqi Liu · Bluesky · thread · …`. */
const heading = (s: string[]): string => s[1] ?? '';

test('J / K inside an open item show the next and previous items of the timeline', async () => {
	const term = await start();
	try {
		term.write(KEYS.enter);
		await term.waitFor(s => (s[0] ?? '').includes('› item') && heading(s) !== '');
		const first = heading(term.screen());
		term.write('J');
		await term.waitFor(s => heading(s) !== first && heading(s) !== '');
		const second = heading(term.screen());
		term.write('J');
		await term.waitFor(s => heading(s) !== second && heading(s) !== first && heading(s) !== '');
		term.write('K');
		await term.waitFor(s => heading(s) === second);
		assert.match(term.screen()[0] ?? '', /› item/, 'still in the item view: no q, j, Enter needed');
		term.write('q');
		await term.waitFor(s => !(s[0] ?? '').includes('› item') && status(s).includes('2/'));
		await quitTui(term);
	} finally {
		term.kill();
	}
});

test('A marks the unread list read, U undoes it, as the status line offers', async () => {
	const term = await start();
	try {
		term.write('u');
		await term.waitFor(s => /unread\s+1\/\d+/.test(status(s)));
		const count = Number(/unread\s+1\/(\d+)/.exec(status(term.screen()))![1]);
		term.write('A');
		await term.waitFor(s => status(s).includes(`marked ${count} read · U undo`) && /0\/0/.test(status(s)));
		term.write('U');
		await term.waitFor(s => status(s).includes(`marked ${count} unread again`) && status(s).includes(`1/${count}`));
		const listed = JSON.parse((await runCli(['list', '--json', '--unread'], {env})).stdout) as unknown[];
		assert.equal(listed.length, count, 'the cache agrees');
		await quitTui(term);
	} finally {
		term.kill();
	}
});

test('y writes the paper URL to the terminal as OSC 52, and says so', async () => {
	const withPaper = items.findIndex(i => i.papers.length > 0);
	assert.ok(withPaper >= 0);
	const url = items[withPaper]!.papers[0]!.url;
	const term = await start();
	try {
		for (let i = 0; i < withPaper; i++) term.write('j');
		await term.waitFor(s => status(s).includes(`${withPaper + 1}/`));
		term.write('y');
		await term.waitFor(s => status(s).includes(`copied paper URL: ${url}`));
		assert.ok(term.output().includes(`\u001b]52;c;${Buffer.from(url).toString('base64')}\u0007`), 'the OSC 52 sequence');
		await quitTui(term);
	} finally {
		term.kill();
	}
});

/** A console browser: a node script that records whether it has a TTY and the keys it reads, and quits on x. */
function consoleBrowser(name: string): {path: string; marker: string} {
	const dir = join(home.dir, `browser-${name}-${Date.now()}`);
	mkdirSync(dir);
	const marker = join(dir, 'marker.txt');
	const path = join(dir, name);
	writeFileSync(
		path,
		`#!${process.execPath}
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(marker)}, 'tty ' + Boolean(process.stdout.isTTY && process.stdin.isTTY) + ' ' + process.argv[2] + '\\n');
process.stdout.write('\\u001b[2J\\u001b[HCONSOLE BROWSER ' + process.argv[2] + '\\r\\n');
process.stdin.setRawMode(true);
process.stdin.on('data', d => {
	fs.appendFileSync(${JSON.stringify(marker)}, 'key ' + d.toString() + '\\n');
	if (d.toString().includes('x')) process.exit(0);
});
`,
	);
	chmodSync(path, 0o755);
	return {path, marker};
}

async function waitForText(file: string, text: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!(existsSync(file) && readFileSync(file, 'utf8').includes(text))) {
		if (Date.now() > deadline) throw new Error(`${file} never said ${JSON.stringify(text)}: ${existsSync(file) ? readFileSync(file, 'utf8') : 'missing'}`);
		await new Promise(resolve => setTimeout(resolve, 20));
	}
}

for (const {name, extra} of [
	{name: 'w3m', extra: {}},
	{name: 'my-browser', extra: {RESEARCH_FEED_BROWSER_TERMINAL: '1'}},
]) {
	test(`a console browser (${name}${extra.RESEARCH_FEED_BROWSER_TERMINAL ? ', RESEARCH_FEED_BROWSER_TERMINAL=1' : ''}) gets the terminal and the keys, then the timeline comes back`, async () => {
		const browser = consoleBrowser(name);
		const term = await start({BROWSER: browser.path, ...extra});
		try {
			term.write('O');
			await waitForText(browser.marker, `tty true ${items[0]!.url}`);
			await term.waitFor(s => s.join('\n').includes('CONSOLE BROWSER'));
			const left = term.output().lastIndexOf('\u001b[?1049l');
			assert.ok(left > term.output().indexOf('\u001b[?1049h'), 'the alternate screen was left for the browser');
			// Keys typed now are the browser's: none is eaten by the timeline.
			term.write('j');
			await waitForText(browser.marker, 'key j');
			term.write('x');
			await term.waitFor(s => status(s).includes('back from the browser') && s.some(l => l.includes('Leqi Liu')));
			assert.ok(term.output().lastIndexOf('\u001b[?1049h') > left, 'and entered again');
			assert.match(term.screen().find(l => l.startsWith('>')) ?? '', /./, 'the timeline is drawn whole');
			assert.ok(status(term.screen()).includes('1/'), 'the j went to the browser, not the list');
			term.write('j');
			await term.waitFor(s => status(s).includes('2/'));
			await quitTui(term);
		} finally {
			term.kill();
		}
	});
}

test('a browser that fails: the status line says why and suggests y', async () => {
	const dir = join(home.dir, 'failing');
	mkdirSync(dir, {recursive: true});
	const failing = join(dir, 'fail.sh');
	writeFileSync(failing, '#!/bin/sh\nexit 3\n');
	chmodSync(failing, 0o755);
	const term = await start({BROWSER: failing});
	try {
		term.write('o');
		await term.waitFor(s => status(s).includes('cannot open (y copies it): fail.sh exited with status 3'));
		await quitTui(term);
	} finally {
		term.kill();
	}
});
