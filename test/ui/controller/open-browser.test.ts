/**
 * `o` through the real opener: BROWSER points at a script that records its arguments, so the
 * test sees exactly what a browser would have been given.
 */
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {after, afterEach, test} from 'node:test';
import {openUrl} from '../../../src/net/open-url.js';
import {browserRecorder} from '../../helpers/browser-recorder.js';
import {MemoryModel, makeItem} from '../../helpers/memory-model.js';
import {PAPER_URL, seedItems} from '../fixtures.js';
import {startController} from './harness.js';

const browser = browserRecorder();
const recorded = () => browser.recorded();

afterEach(() => browser.reset());
after(() => browser.remove());

const env = {...process.env, BROWSER: browser.script};

test('o opens the first paper with $BROWSER, the URL as one argument', async () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 24, openUrl: url => openUrl(url, env)});
	h.press('o');
	assert.deepEqual(await recorded(), ['1', PAPER_URL]);
});

test('without papers, o opens the item URL; shell syntax in it stays inert', async () => {
	const url = 'https://example.org/post?a=1&b=$(touch pwned);c=`id`';
	const item = makeItem({id: 'plain', text: 'no papers here', url});
	const h = startController(new MemoryModel([item]), {columns: 100, rows: 24, openUrl: u => openUrl(u, env)});
	h.press('o');
	const [count, arg] = await recorded();
	assert.equal(count, '1');
	assert.equal(arg, new URL(url).href);
	assert.ok(arg?.includes('$(touch pwned)') || arg?.includes('$(touch%20pwned)'), arg);
	assert.equal(existsSync(join(process.cwd(), 'pwned')), false);
});

test('a link opened by number from the item view reaches the browser', async () => {
	const h = startController(new MemoryModel(seedItems()), {columns: 100, rows: 40, openUrl: url => openUrl(url, env)});
	h.press('return', '2');
	assert.deepEqual(await recorded(), ['1', 'https://github.com/HumainLab/Personalized_RLHF']);
});
