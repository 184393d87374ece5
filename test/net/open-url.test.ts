import assert from 'node:assert/strict';
import {dirname, join} from 'node:path';
import {after, afterEach, test} from 'node:test';
import {browserCommand, openUrl} from '../../src/net/open-url.js';
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
