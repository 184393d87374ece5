/**
 * What the status line, the search line and the picker draw as keys change the filters; and what
 * a list that matches nothing says. (What the keys do to the state is tested on the controller.)
 */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {MemoryModel} from '../helpers/memory-model.js';
import {seedItems, seedSources} from './fixtures.js';
import {renderApp, selectedLine} from './render-app.js';

afterEach(() => cleanup());

test('the filters and the position: a researcher picked from the picker, unread only', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('f');
	const picker = await app.waitFor(f => f.includes('Filter by researcher'));
	assert.match(picker, /Filter by researcher {2}\(type to narrow, Enter picks, Esc cancels\)/);
	// Sorted names: Leqi Liu, Wei Liu, 刘伟; each with its unread count.
	assert.match(selectedLine(picker) ?? '', /Leqi Liu +1 unread$/);
	assert.match(picker, /\n {2}Wei Liu +1 unread\n/);
	await app.press('down', 'return');
	const filtered = await app.waitFor(f => !f.includes('Filter by researcher') && !f.includes('Personalized RLHF'), 'Wei Liu only');
	assert.match(filtered, /Notes on diffusion/);
	assert.doesNotMatch(filtered, /tokenizers/);
	assert.match(filtered, /Wei Liu {2}1\/2\n/, 'the filter and position in the status line');
	await app.press('u');
	await app.waitFor(f => !f.includes('Notes on diffusion') && /Wei Liu · unread {2}1\/1\n/.test(f), 'unread too');
});

test('a source picked in the researchers view filters the timeline, and says so', async () => {
	const app = await renderApp(new MemoryModel(seedItems(), {sources: seedSources()}), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('tab', 'tab');
	await app.waitFor(f => f.includes('[Researchers]'));
	await app.press('j', 'return');
	const frame = await app.waitFor(f => f.includes('[Timeline]'));
	assert.match(frame, /Notes on diffusion/);
	assert.doesNotMatch(frame, /Personalized RLHF/);
	assert.match(frame, /Wei Liu {2}1\/2/);
});

test('the search line echoes what is typed and says when it filters; a kept search shows in the status line', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('/', 'p', 'e');
	// Two characters only echo, and say when filtering starts; the list is as it was.
	const short = await app.waitFor(f => f.includes('/pe_'), 'echo');
	assert.match(short, /filters from 3 characters \(Enter: now\)/);
	assert.match(short, /tokenizers/);
	assert.match(short, / › search/, 'the header says so');
	await app.press('r', 's');
	const typing = await app.waitFor(f => !f.includes('tokenizers') && f.includes('/pers_'), 'live filter');
	assert.match(typing, /Personalized RLHF/);
	assert.match(typing, /Our paper on personalized/);
	assert.doesNotMatch(typing, /Notes on diffusion/);
	await app.press('return');
	await app.waitFor(f => /\/pers {2}1\/2\n/.test(f), 'kept filter in the status line');
	await app.press('n', 'n');
	await app.waitFor(f => selectedLine(f)?.includes('Personalized RLHF') === true && f.includes('search hit bottom, continuing at top'), 'wrapped');
});

test('a list that matches nothing says so, and what clears it', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => f.includes('tokenizers'));
	await app.press('/', '刘伟x');
	await app.waitFor(f => f.includes('Nothing matches. Esc clears the search, f the researcher filter, u unread-only.'), 'no match');
	await app.press('return', 'tab');
	await app.waitFor(f => f.includes('No paper matches the filter. Esc clears the search, f the researcher.'), 'no paper');
	await app.press('tab');
	await app.waitFor(f => f.includes('No source matches the filter.'), 'no source');
});

test('row flags and one-off messages: m and s on the selected row', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {columns: 100, rows: 24});
	await app.waitFor(f => /^> N /.test(selectedLine(f) ?? ''));
	await app.press('m');
	await app.waitFor(f => /^> {3}/.test(selectedLine(f) ?? '') && f.includes('marked read'), 'read');
	await app.press('m');
	await app.waitFor(f => /^> N /.test(selectedLine(f) ?? ''), 'unread again');
	await app.press('s');
	await app.waitFor(f => /^> N\* /.test(selectedLine(f) ?? '') && f.includes('starred'), 'starred');
	await app.press('s');
	await app.waitFor(f => /^> N {2}/.test(selectedLine(f) ?? '') && f.includes('unstarred'), 'unstarred');
});

test('the browser: what is opened, what is refused, and a failure, on the status line', async () => {
	const app = await renderApp(new MemoryModel(seedItems()), {
		columns: 100,
		rows: 24,
		openUrl: url => (url.includes('arxiv') ? Promise.reject(new Error('spawn nope ENOENT')) : Promise.resolve()),
	});
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('o');
	await app.waitFor(f => f.includes('cannot open (y copies it): spawn nope ENOENT'));
	await app.press('j', 'o');
	await app.waitFor(f => f.includes('opening https://bsky.app/profile/other.example/post/3rep'));
});
