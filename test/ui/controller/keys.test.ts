/**
 * Every key of every binding in the keymap table, pressed into the controller (as Ink hands keys
 * over), with what the next frame then shows and what the model was asked to do. A binding added
 * to the table without a scenario here fails the first test.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {KEYMAP} from '../../../src/keys/keymap.js';
import type {CommandId} from '../../../src/keys/keymap.js';
import {currentContext} from '../../../src/state/types.js';
import {osc52} from '../../../src/ui/format/terminal.js';
import {lineText} from '../../../src/ui/components/Line.js';
import {filterSummary} from '../../../src/ui/components/StatusLine.js';
import {MemoryModel, makeItem} from '../../helpers/memory-model.js';
import {seedItems} from '../fixtures.js';
import {type Harness, startController} from './harness.js';

type Scenario = (h: Harness, model: MemoryModel, key: string) => void;

const LINKS = Array.from({length: 12}, (_, i) => ({url: `https://example.org/link/${i + 1}`, text: `link ${i + 1}`}));

function model(): MemoryModel {
	const items = Array.from({length: 50}, (_, i) =>
		makeItem({id: `k${String(i).padStart(2, '0')}`, date: new Date(Date.UTC(2025, 6, 23, 11) - i * 60_000).toISOString(), text: `row ${i}`, links: i === 0 ? LINKS : []}),
	);
	return new MemoryModel([...items, ...seedItems()], {onRefresh: m => m.setProgress({running: true, done: 0, total: 2, results: [], finishedAt: null})});
}

function selected(h: Harness, text: string, what = text): void {
	const item = h.selectedItem();
	assert.ok(item?.text.includes(text), `${what}: selected ${item?.text}`);
}

function search(h: Harness, text: string): void {
	h.press('/', text);
	assert.equal(h.state().search, text);
	assert.equal(currentContext(h.state()), 'search');
}

/** The open item's lines as text. */
function itemText(h: Harness): string {
	return (h.snapshot().item ?? []).map(lineText).join('\n');
}

const SCENARIOS: Record<CommandId, Scenario> = {
	'move.down': (h, _m, key) => {
		h.press(key);
		selected(h, 'row 1');
	},
	'move.up': (h, _m, key) => {
		h.press('j', 'j');
		selected(h, 'row 2');
		h.press(key);
		selected(h, 'row 1');
	},
	'move.first': (h, _m, key) => {
		h.press('G');
		selected(h, 'Our paper on personalized');
		h.press(key);
		selected(h, 'row 0');
	},
	'move.last': (h, _m, key) => {
		h.press(key);
		selected(h, 'Our paper on personalized', 'the oldest item');
	},
	'page.down': (h, _m, key) => {
		h.press(key);
		selected(h, 'row 20');
	},
	'page.up': (h, _m, key) => {
		h.press('pagedown', 'pagedown');
		selected(h, 'row 40');
		h.press(key);
		selected(h, 'row 20');
	},
	open: (h, m, key) => {
		h.press(key);
		assert.equal(h.openItem(), 'k00');
		assert.match(itemText(h), /Links \(12\)/);
		assert.equal(m.item('k00')?.read, true);
	},
	back: (h, _m, key) => {
		if (key === 'q') {
			h.press('tab');
			assert.equal(h.state().view, 'papers');
		} else {
			h.press('return');
			assert.equal(h.openItem(), 'k00');
		}
		h.press(key);
		assert.equal(h.state().view, 'timeline');
		assert.equal(h.openItem(), undefined);
		assert.equal(h.quits(), 0);
	},
	quit: (h, _m, key) => {
		h.press(key);
		assert.equal(h.quits(), 1);
	},
	'quit.force': (h, _m, key) => {
		h.press('return');
		assert.equal(h.openItem(), 'k00');
		h.press(key);
		assert.equal(h.quits(), 1);
	},
	'open.browser': (h, m, key) => {
		h.press(key);
		assert.match(h.state().message ?? '', /^opening https:\/\/bsky\.app\//);
		assert.equal(h.opened.length, 1);
		assert.equal(m.item('k00')?.read, true, 'opened in the browser is read');
	},
	'open.own': (h, m, key) => {
		h.press('G');
		const item = h.selectedItem();
		assert.ok(item !== undefined && item.papers.length > 0 && item.url !== item.papers[0]?.url, 'an item with a paper');
		h.press(key);
		// The item's own URL (the page), not its paper's.
		assert.deepEqual(h.opened, [item.url]);
		assert.equal(m.item(item.id)?.read, true);
	},
	'link.start': (h, _m, key) => {
		h.press('return', key);
		assert.equal(currentContext(h.state()), 'link');
		assert.equal(h.state().linkInput, '');
		h.press('12');
		assert.equal(h.state().linkInput, '12');
		h.press('return');
		assert.deepEqual(h.opened, ['https://example.org/link/12']);
		assert.equal(currentContext(h.state()), 'item');
	},
	'link.accept': (h, _m, key) => {
		h.press('return', '#', '10', key);
		assert.deepEqual(h.opened, ['https://example.org/link/10']);
		h.press('#', '13', key);
		assert.equal(h.state().message, 'no link 13');
		assert.equal(h.opened.length, 1);
	},
	'link.cancel': (h, _m, key) => {
		h.press('return', '#', '1', key);
		assert.equal(currentContext(h.state()), 'item', 'back to the item, not out of it');
		assert.equal(h.opened.length, 0);
	},
	'link.delete': (h, _m, key) => {
		h.press('return', '#', '12', key, 'return');
		assert.deepEqual(h.opened, ['https://example.org/link/1']);
	},
	'link.type': h => {
		h.press('return', '#', 'x1', '1', 'return');
		assert.deepEqual(h.opened, ['https://example.org/link/11'], 'digits only');
	},
	'item.next': (h, m, key) => {
		h.press(key);
		selected(h, 'row 1', 'in the list: the next row');
		h.press('return');
		assert.equal(h.openItem(), 'k01');
		h.press(key);
		assert.equal(h.openItem(), 'k02', 'from the open item: the next item opens in its place');
		assert.equal(h.state().screens.length, 1);
		assert.equal(m.item('k02')?.read, true);
		assert.match(itemText(h), /row 2/);
		h.press('escape');
		selected(h, 'row 2', 'the list followed');
	},
	'item.prev': (h, _m, key) => {
		h.press('j', 'j', key);
		selected(h, 'row 1');
		h.press('return', key);
		assert.equal(h.openItem(), 'k00');
		h.press(key);
		assert.equal(h.state().message, 'this is the first item');
		assert.equal(h.openItem(), 'k00');
	},
	'copy.paper': (h, _m, key) => {
		const url = h.selectedItem()?.url ?? '';
		h.press(key);
		assert.deepEqual(h.copied, [osc52(url)]);
		assert.match(h.state().message ?? '', /^copied item URL: https:\/\/bsky\.app\//);
		h.press('G', key);
		assert.equal(h.copied[1], osc52('https://arxiv.org/abs/2402.05133'));
		assert.equal(h.state().message, 'copied paper URL: https://arxiv.org/abs/2402.05133');
	},
	'copy.item': (h, _m, key) => {
		h.press('G');
		const item = h.selectedItem();
		assert.ok(item !== undefined && item.papers.length > 0, 'an item with a paper');
		h.press(key);
		assert.deepEqual(h.copied, [osc52(item.url)], 'its own URL, not the paper');
		assert.equal(h.state().message, `copied item URL: ${item.url}`);
	},
	'read.all': (h, m, key) => {
		h.press('u');
		const unread = h.state().counts.timeline;
		h.press('/', 'row 1', 'return', key);
		assert.equal(h.state().message, 'marked 11 read · U undo', 'row 1, row 10–19: the list as filtered');
		assert.equal(h.state().counts.timeline, 0);
		h.press('escape');
		assert.equal(h.state().counts.timeline, unread - 11, 'nothing else was marked');
		assert.equal(m.item('k02')?.read, false);
	},
	'read.undo': (h, m, key) => {
		h.press('j', 'm', 'g');
		assert.equal(m.item('k01')?.read, true, 'read before A');
		h.press('A');
		assert.match(h.state().message ?? '', /^marked \d+ read · U undo$/);
		h.press(key);
		assert.match(h.state().message ?? '', /^marked \d+ unread again$/);
		assert.equal(m.item('k00')?.read, false, 'what A read is unread again');
		assert.equal(m.item('k01')?.read, true, 'what was read before A stays read');
		assert.equal(m.item('article')?.read, true);
		h.press(key);
		assert.match(h.state().message ?? '', /^nothing to undo/);
		h.press('A', 'j', key);
		assert.match(h.state().message ?? '', /^nothing to undo/, 'only right after A');
		assert.equal(m.item('k00')?.read, true);
	},
	'filter.starred': (h, m, key) => {
		h.press('j', 's', key);
		assert.equal(h.state().starredOnly, true);
		assert.deepEqual(h.rowTexts(), ['row 1']);
		assert.match(filterSummary(h.state()), /starred/);
		h.press(key);
		assert.equal(h.state().counts.timeline, m.count({}));
	},
	'open.link': (h, _m, key) => {
		h.press('return');
		assert.match(itemText(h), /Links \(12\)/);
		h.press(key);
		assert.equal(h.state().message, `opening https://example.org/link/${key}`);
		assert.deepEqual(h.opened, [`https://example.org/link/${key}`]);
	},
	'search.start': (h, _m, key) => {
		h.press(key);
		assert.equal(currentContext(h.state()), 'search');
		assert.equal(h.state().search, '');
	},
	'search.next': (h, _m, key) => {
		search(h, 'row 1');
		h.press('return', key);
		selected(h, 'row 10', 'the second match');
		h.press('escape', 'g', 'j', 'm', 'j', 'm', 'g', key);
		selected(h, 'row 3', 'no search: the next unread item');
	},
	'search.prev': (h, _m, key) => {
		search(h, 'row 1');
		h.press('return', key);
		selected(h, 'row 19', 'the last match, wrapping');
		h.press('escape', 'g', 'j', 'm', 'j', 'm', key);
		selected(h, 'row 0', 'no search: the previous unread item');
	},
	'view.next': (h, _m, key) => {
		h.press(key);
		assert.equal(h.state().view, 'papers');
	},
	'filter.researcher': (h, _m, key) => {
		h.press(key);
		assert.equal(currentContext(h.state()), 'picker');
	},
	'filter.unread': (h, _m, key) => {
		h.press(key);
		assert.equal(h.state().unreadOnly, true);
		assert.ok(!h.rowTexts().includes('Notes on diffusion models'));
		assert.equal(h.position(), '1/53');
	},
	'filter.own': (h, _m, key) => {
		h.press('tab');
		assert.equal(h.selectedPaper()?.title, 'Personalized Language Modeling from Personalized Human Feedback');
		h.press(key);
		// Nobody in the seeds is known to have written the paper: the list empties.
		assert.equal(h.state().ownOnly, true);
		assert.equal(h.state().counts.papers, 0);
		assert.deepEqual(h.snapshot().papers.rows, []);
		h.press(key);
		assert.equal(h.state().ownOnly, false);
		assert.equal(h.selectedPaper()?.title, 'Personalized Language Modeling from Personalized Human Feedback');
	},
	'toggle.read': (h, m, key) => {
		h.press(key);
		assert.equal(h.state().message, 'marked read');
		assert.equal(m.item('k00')?.read, true);
	},
	'toggle.star': (h, m, key) => {
		h.press(key);
		assert.equal(h.state().message, 'starred');
		assert.equal(m.item('k00')?.starred, true);
	},
	refresh: (h, m, key) => {
		h.press(key);
		assert.equal(m.refreshCalls, 1);
		assert.deepEqual(h.state().refresh, {running: true, done: 0, total: 2, results: [], finishedAt: null});
	},
	help: (h, _m, key) => {
		h.press(key);
		assert.equal(currentContext(h.state()), 'help');
		assert.ok(h.state().counts.help > KEYMAP.length, 'the help text is laid out and counted');
	},
	'search.accept': (h, _m, key) => {
		search(h, 'row 4');
		h.press(key);
		assert.equal(h.state().search, 'row 4', 'the filter kept');
		assert.equal(currentContext(h.state()), 'timeline', 'keys back to the list');
	},
	'search.cancel': (h, _m, key) => {
		search(h, 'row 4');
		h.press(key);
		assert.equal(h.state().search, '');
		assert.equal(currentContext(h.state()), 'timeline');
		assert.ok(h.rowTexts().includes('row 3'), 'the filter cleared');
	},
	'search.delete': (h, _m, key) => {
		search(h, 'row 49');
		h.press(key);
		assert.equal(h.state().search, 'row 4');
		assert.ok(h.rowTexts().includes('row 45'), 'one character fewer');
	},
	'search.type': h => {
		search(h, 'row 33');
		selected(h, 'row 33', 'live filter');
		assert.ok(!h.rowTexts().includes('row 32'));
	},
	'picker.type': h => {
		h.press('f');
		assert.equal(h.state().counts.picker, 3, 'every researcher');
		// Letters are text in the picker: `j` and `q` narrow the list rather than move or close it.
		h.press('wei');
		assert.equal(h.state().pickerFilter, 'wei');
		assert.equal(h.state().counts.picker, 1, 'only Wei Liu');
		assert.equal(currentContext(h.state()), 'picker');
		h.press('return');
		assert.equal(h.state().researcher, 'Wei Liu', 'Enter picks the one listed');
		assert.ok(h.rowTexts().includes('Notes on diffusion models'));
	},
	'picker.delete': (h, _m, key) => {
		h.press('f', 'weix');
		assert.equal(h.state().counts.picker, 0, 'nobody matches');
		h.press(key);
		assert.equal(h.state().pickerFilter, 'wei');
		assert.equal(h.state().counts.picker, 1, 'one character fewer widens the list');
		h.press('escape');
		assert.equal(h.state().pickerFilter, '', 'Esc clears what was typed');
		assert.equal(h.state().counts.picker, 3);
		assert.equal(currentContext(h.state()), 'picker', 'and stays open');
		h.press('escape');
		assert.equal(h.state().picker, null, 'then closes it');
	},
};

test('every binding of the keymap has a scenario', () => {
	for (const b of KEYMAP) assert.ok(SCENARIOS[b.command] !== undefined, `no scenario for ${b.command}`);
});

for (const b of KEYMAP) {
	for (const key of b.keys) {
		test(`${key} → ${b.command} (${b.contexts.join(', ')})`, () => {
			const m = model();
			const h = startController(m, {columns: 100, rows: 24});
			selected(h, 'row 0');
			SCENARIOS[b.command](h, m, key === 'text' ? '' : key);
		});
	}
}
