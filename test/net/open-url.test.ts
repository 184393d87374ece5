import assert from 'node:assert/strict';
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, afterEach, test} from 'node:test';
import {browserCommand, openUrl} from '../../src/net/open-url.js';

const dir = mkdtempSync(join(tmpdir(), 'rf-open-'));
const record = join(dir, 'argv.txt');
const script = join(dir, 'browser.sh');
writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$#" "$@" >> '${record}'\n`);
chmodSync(script, 0o755);

afterEach(() => rmSync(record, {force: true}));
after(() => rmSync(dir, {recursive: true, force: true}));

/** The recorded argv once complete: the count line, then that many arguments. */
async function recorded(): Promise<string[]> {
	const start = Date.now();
	for (;;) {
		const text = existsSync(record) ? readFileSync(record, 'utf8') : '';
		const lines = text.split('\n').slice(0, -1);
		if (lines.length > 0 && lines.length >= 1 + Number(lines[0])) return lines;
		if (Date.now() - start > 5000) throw new Error(`the browser script never finished: ${JSON.stringify(text)}`);
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

test('only http and https URLs are opened', async () => {
	for (const bad of ['javascript:alert(1)', 'file:///etc/passwd', 'mailto:a@b.c', 'not a url', '']) {
		await assert.rejects(openUrl(bad, {BROWSER: script}), /not http\(s\)/);
	}
	await new Promise(resolve => setTimeout(resolve, 100));
	assert.equal(existsSync(record), false, 'the browser was never started');
});

test('BROWSER is run without a shell, the URL as one argument', async () => {
	await openUrl('https://arxiv.org/abs/2507.02834', {BROWSER: script});
	assert.deepEqual(await recorded(), ['1', 'https://arxiv.org/abs/2507.02834']);
});

test('BROWSER with arguments: split on whitespace; %s marks where the URL goes', async () => {
	await openUrl('https://example.org/a', {BROWSER: `${script} --new-tab`});
	assert.deepEqual(await recorded(), ['2', '--new-tab', 'https://example.org/a']);
	rmSync(record);
	await openUrl('https://example.org/b', {BROWSER: `${script} --url=%s --x`});
	assert.deepEqual(await recorded(), ['2', '--url=https://example.org/b', '--x']);
});

test('a BROWSER that does not exist rejects (never throws synchronously)', async () => {
	let promise: Promise<void> | undefined;
	assert.doesNotThrow(() => {
		promise = openUrl('https://example.org/', {BROWSER: join(dir, 'no-such-browser')});
	});
	await assert.rejects(promise as Promise<void>, /no-such-browser/);
});

test('browserCommand', () => {
	assert.deepEqual(browserCommand('firefox', 'https://x.org/'), {command: 'firefox', args: ['https://x.org/']});
	assert.deepEqual(browserCommand('  open -a Safari ', 'https://x.org/'), {command: 'open', args: ['-a', 'Safari', 'https://x.org/']});
	assert.equal(browserCommand('   ', 'https://x.org/'), null);
});
