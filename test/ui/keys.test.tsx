/**
 * Every key of every binding in the keymap table, pressed in the running App, with what the user
 * then sees. A binding added to the table without a scenario here fails the first test.
 */
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import {cleanup} from 'ink-testing-library';
import {KEYMAP} from '../../src/keys/keymap.js';
import {MemoryModel, makeItem} from '../helpers/memory-model.js';
import {seedItems} from './fixtures.js';
import {renderApp, selectedLine} from './render-app.js';

afterEach(() => cleanup());

type App = Awaited<ReturnType<typeof renderApp>>;
type Scenario = (app: App, model: MemoryModel, key: string) => Promise<void>;

const LINKS = Array.from({length: 9}, (_, i) => ({url: `https://example.org/link/${i + 1}`, text: `link ${i + 1}`}));

function model(): MemoryModel {
	const items = Array.from({length: 50}, (_, i) =>
		makeItem({id: `k${String(i).padStart(2, '0')}`, date: new Date(Date.UTC(2025, 6, 23, 11) - i * 60_000).toISOString(), text: `row ${i}`, links: i === 0 ? LINKS : []}),
	);
	return new MemoryModel([...items, ...seedItems()], {onRefresh: m => m.setProgress({running: true, done: 0, total: 2, results: [], finishedAt: null})});
}

const selected = (app: App, text: string, what = text) => app.waitFor(f => selectedLine(f)?.includes(text) === true, what);
const search = async (app: App, text: string) => {
	await app.press('/', text);
	await app.waitFor(f => f.includes(`/${text}_`), 'typing');
};

const SCENARIOS: Record<string, Scenario> = {
	'move.down': async (app, _m, key) => {
		await app.press(key);
		await selected(app, 'row 1');
	},
	'move.up': async (app, _m, key) => {
		await app.press('j', 'j');
		await selected(app, 'row 2');
		await app.press(key);
		await selected(app, 'row 1');
	},
	'move.first': async (app, _m, key) => {
		await app.press('G');
		await selected(app, 'Our paper on personalized');
		await app.press(key);
		await selected(app, 'row 0');
	},
	'move.last': async (app, _m, key) => {
		await app.press(key);
		await selected(app, 'Our paper on personalized', 'the oldest item');
	},
	'page.down': async (app, _m, key) => {
		await app.press(key);
		await selected(app, 'row 20');
	},
	'page.up': async (app, _m, key) => {
		await app.press('pagedown', 'pagedown');
		await selected(app, 'row 40');
		await app.press(key);
		await selected(app, 'row 20');
	},
	open: async (app, m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('Links (9)'), 'the item');
		assert.equal(m.item('k00')?.read, true);
	},
	back: async (app, _m, key) => {
		if (key === 'q') {
			await app.press('tab');
			await app.waitFor(f => f.includes('[Papers]'));
		} else {
			await app.press('return');
			await app.waitFor(f => f.includes('Links (9)'));
		}
		await app.press(key);
		await app.waitFor(f => f.includes('[Timeline]') && !f.includes('Links (9)'), 'the timeline');
		assert.equal(app.quits(), 0);
	},
	quit: async (app, _m, key) => {
		await app.press(key);
		assert.equal(app.quits(), 1);
	},
	'quit.force': async (app, _m, key) => {
		await app.press('return');
		await app.waitFor(f => f.includes('Links (9)'));
		await app.press(key);
		assert.equal(app.quits(), 1);
	},
	'open.browser': async (app, _m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('opening https://bsky.app/'));
		assert.equal(app.opened.length, 1);
	},
	'open.link': async (app, _m, key) => {
		await app.press('return');
		await app.waitFor(f => f.includes('Links (9)'));
		await app.press(key);
		await app.waitFor(f => f.includes(`opening https://example.org/link/${key}`));
		assert.deepEqual(app.opened, [`https://example.org/link/${key}`]);
	},
	'search.start': async (app, _m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('/_') && f.includes('Enter keep'), 'the search line');
	},
	'search.next': async (app, _m, key) => {
		await search(app, 'row 1');
		await app.press('return', key);
		await selected(app, 'row 10', 'the second match');
	},
	'search.prev': async (app, _m, key) => {
		await search(app, 'row 1');
		await app.press('return', key);
		await selected(app, 'row 19', 'the last match, wrapping');
	},
	'view.next': async (app, _m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('[Papers]'));
	},
	'filter.researcher': async (app, _m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('Filter by researcher'));
	},
	'filter.unread': async (app, _m, key) => {
		await app.press(key);
		await app.waitFor(f => !f.includes('Notes on diffusion') && /unread +1\/53/.test(f), 'unread only');
	},
	'filter.own': async (app, _m, key) => {
		await app.press('tab');
		await app.waitFor(f => f.includes('[Papers]') && f.includes('Personalized Language Modeling'));
		await app.press(key);
		// Nobody in the seeds is known to have written the paper: the list empties and says why.
		await app.waitFor(f => f.includes('own papers') && f.includes('No paper mentioned by one of its authors'), 'own papers only');
		await app.press(key);
		await app.waitFor(f => !f.includes('own papers') && f.includes('Personalized Language Modeling'), 'every paper again');
	},
	'toggle.read': async (app, m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('marked read'));
		assert.equal(m.item('k00')?.read, true);
	},
	'toggle.star': async (app, m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('starred'));
		assert.equal(m.item('k00')?.starred, true);
	},
	refresh: async (app, m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('refreshing 0/2'));
		assert.equal(m.refreshCalls, 1);
	},
	help: async (app, _m, key) => {
		await app.press(key);
		await app.waitFor(f => f.includes('Keys') && f.includes('page down'));
	},
	'search.accept': async (app, _m, key) => {
		await search(app, 'row 4');
		await app.press(key);
		await app.waitFor(f => f.includes('/row 4 ') && f.includes('q quit'), 'the filter kept, keys back to the list');
	},
	'search.cancel': async (app, _m, key) => {
		await search(app, 'row 4');
		await app.press(key);
		await app.waitFor(f => f.includes('row 3') && !f.includes('/row 4'), 'the filter cleared');
	},
	'search.delete': async (app, _m, key) => {
		await search(app, 'row 49');
		await app.press(key);
		await app.waitFor(f => f.includes('/row 4_') && f.includes('row 45'), 'one character fewer');
	},
	'search.type': async app => {
		await search(app, 'row 33');
		await app.waitFor(f => selectedLine(f)?.includes('row 33') === true && !f.includes('row 32'), 'live filter');
	},
};

test('every binding of the keymap has a scenario', () => {
	for (const b of KEYMAP) assert.ok(SCENARIOS[b.command] !== undefined, `no scenario for ${b.command}`);
});

for (const b of KEYMAP) {
	for (const key of b.keys) {
		test(`${key} → ${b.command} (${b.contexts.join(', ')})`, async () => {
			const m = model();
			const app = await renderApp(m, {columns: 100, rows: 24});
			await selected(app, 'row 0');
			const scenario = SCENARIOS[b.command];
			assert.ok(scenario);
			await scenario(app, m, key === 'text' ? '' : key);
		});
	}
}
