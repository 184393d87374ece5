import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, afterEach, describe, test} from 'node:test';
import {browserCommand, isConsoleBrowser, openUrl} from '../../src/net/open-url.js';
import {browserRecorder} from '../helpers/browser-recorder.js';

const browser = browserRecorder();
const script = browser.script;
const recorded = () => browser.recorded();

afterEach(() => browser.reset());
after(() => browser.remove());

test('only http and https URLs are opened', async () => {
	for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'mailto:a@b.c', 'not a url', '']) {
		await assert.rejects(openUrl(bad, {BROWSER: script}), /not http\(s\)/);
	}
	await new Promise(resolve => setTimeout(resolve, 100));
	assert.equal(browser.used(), false, 'the browser was never started');
});

test('BROWSER is run without a shell, the URL as one argument', async () => {
	await openUrl('https://arxiv.org/abs/2507.02834', {BROWSER: script});
	assert.deepEqual(await recorded(), ['1', 'https://arxiv.org/abs/2507.02834']);
});

test('BROWSER with arguments: split on whitespace; %s marks where the URL goes', async () => {
	await openUrl('https://example.org/a', {BROWSER: `${script} --new-tab`});
	assert.deepEqual(await recorded(), ['2', '--new-tab', 'https://example.org/a']);
	browser.reset();
	await openUrl('https://example.org/b', {BROWSER: `${script} --url=%s --x`});
	assert.deepEqual(await recorded(), ['2', '--url=https://example.org/b', '--x']);
});

test('a BROWSER that does not exist rejects (never throws synchronously)', async () => {
	let promise: Promise<void> | undefined;
	assert.doesNotThrow(() => {
		promise = openUrl('https://example.org/', {BROWSER: join(dirname(script), 'no-such-browser')});
	});
	await assert.rejects(promise as Promise<void>, /no-such-browser/);
});

test('browserCommand', () => {
	assert.deepEqual(browserCommand('firefox', 'https://x.org/'), {command: 'firefox', args: ['https://x.org/']});
	assert.deepEqual(browserCommand('  open -a Safari ', 'https://x.org/'), {command: 'open', args: ['-a', 'Safari', 'https://x.org/']});
	assert.equal(browserCommand('   ', 'https://x.org/'), null);
});

/** An executable script in a fresh folder, named `name`. */
function shScript(name: string, body: string): {path: string; dir: string} {
	const dir = mkdtempSync(join(tmpdir(), 'rf-opener-'));
	const path = join(dir, name);
	writeFileSync(path, `#!/bin/sh\n${body}\n`);
	chmodSync(path, 0o755);
	return {path, dir};
}

test('a BROWSER that exits non-zero rejects with its status', async () => {
	const failing = shScript('browser.sh', 'exit 3');
	try {
		await assert.rejects(openUrl('https://example.org/', {BROWSER: failing.path}), /^Error: browser\.sh exited with status 3$/);
	} finally {
		rmSync(failing.dir, {recursive: true, force: true});
	}
});

test('a BROWSER still running after the wait is taken to work (a browser started directly)', async () => {
	const running = shScript('firefox', 'sleep 5');
	try {
		const started = Date.now();
		await openUrl('https://example.org/', {BROWSER: running.path}, {waitMs: 200});
		assert.ok(Date.now() - started < 2000);
	} finally {
		rmSync(running.dir, {recursive: true, force: true});
	}
});

test('no BROWSER, and a platform opener that fails (a box without a display): the reason, and a hint', async () => {
	const opener = shScript('xdg-open', 'exit 3');
	const path = process.env['PATH'];
	// The `open` package finds xdg-open on the PATH of this process (or runs its own copy, which fails alike here).
	process.env['PATH'] = `${opener.dir}:${path ?? ''}`;
	try {
		await assert.rejects(openUrl('https://example.org/', {}), /xdg-open exited with status \d+; no browser here\? set BROWSER/);
	} finally {
		process.env['PATH'] = path;
		rmSync(opener.dir, {recursive: true, force: true});
	}
});

describe('console browsers get the terminal', () => {
	test('known by name, or any with RESEARCH_FEED_BROWSER_TERMINAL=1', () => {
		for (const name of ['lynx', 'w3m', 'links', 'elinks', 'browsh', 'carbonyl', '/usr/bin/w3m']) assert.equal(isConsoleBrowser(name, {}), true, name);
		assert.equal(isConsoleBrowser('firefox', {}), false);
		assert.equal(isConsoleBrowser('w3m-wrapper', {}), false);
		assert.equal(isConsoleBrowser('mybrowser', {RESEARCH_FEED_BROWSER_TERMINAL: '1'}), true);
	});

	test('the terminal is released before the browser runs and reclaimed after it exits, whatever its status', async () => {
		const events: string[] = [];
		const log = join(tmpdir(), `rf-w3m-${process.pid}.log`);
		const w3m = shScript('w3m', `echo "ran $1" >> '${log}'\nexit "\${EXIT_WITH:-0}"`);
		const terminal = {
			release: () => {
				events.push(`release (browser ran: ${existsSync(log)})`);
				return Promise.resolve();
			},
			reclaim: () => {
				events.push(`reclaim (browser ran: ${existsSync(log)})`);
			},
		};
		try {
			await openUrl('https://example.org/a', {BROWSER: w3m.path}, {terminal});
			assert.deepEqual(events, ['release (browser ran: false)', 'reclaim (browser ran: true)']);
			assert.equal(readFileSync(log, 'utf8'), 'ran https://example.org/a\n');
			events.length = 0;
			await assert.rejects(openUrl('https://example.org/b', {BROWSER: w3m.path, EXIT_WITH: '2'}, {terminal}), /w3m exited with status 2/);
			assert.equal(events.length, 2, 'reclaimed after a failure too');
			await assert.rejects(openUrl('https://example.org/c', {BROWSER: w3m.path}), /w3m runs in the terminal, and none is at hand/);
		} finally {
			rmSync(w3m.dir, {recursive: true, force: true});
			rmSync(log, {force: true});
		}
	});
});
