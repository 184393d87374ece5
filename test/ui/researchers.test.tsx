/** @jsxRuntime automatic */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {MemoryModel} from '../helpers/memory-model.js';
import {seedItems, seedSources} from './fixtures.js';
import {lines, renderApp, selectedLine} from './render-app.js';

afterEach(() => cleanup());

async function researchersView(columns = 100, rows = 24) {
	const app = await renderApp(new MemoryModel(seedItems(), {sources: seedSources()}), {columns, rows});
	await app.waitFor(f => f.includes('Personalized RLHF'));
	await app.press('tab', 'tab');
	await app.waitFor(f => f.includes('[Researchers]'));
	return app;
}

test('each source with its state, last successful fetch and item count', async () => {
	const app = await researchersView();
	const frame = app.frame();
	const rows = lines(frame).slice(1, 4);
	assert.match(rows[0] ?? '', /^> Leqi Liu .*bluesky +ok +1h .*1 items leqiliu\.bsky\.social/);
	assert.match(rows[1] ?? '', /Wei Liu .*homepage +failed +3d .*1 items https:\/\/wei\.example\//);
	assert.match(rows[2] ?? '', /Wei Liu .*feed +never +- .*1 items https:\/\/wei\.example\/feed\.xml/);
});

test('the selected source’s last error is shown in full', async () => {
	const app = await researchersView(80, 24);
	await app.press('j');
	const frame = await app.waitFor(f => selectedLine(f)?.includes('homepage') === true);
	const detail = lines(frame).slice(-12, -2).join(' ');
	const words = seedSources()[1]?.lastError?.split(' ') ?? [];
	for (const w of words) assert.ok(detail.includes(w), `error word "${w}" missing from:\n${frame}`);
	assert.match(frame, /last success 2025-07-20 \d\d:00 \(3d ago\) · 1 items\n/);
	assert.match(frame, /last attempt 2025-07-23 \d\d:30 \(30m ago\)\n/);
	await app.press('j');
	await app.waitFor(f => f.includes('last success never'), 'never fetched');
});
