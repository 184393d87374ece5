/**
 * The reads behind what the timeline shows (issue 17): what is new since the last look, unread
 * counts per researcher, the order of items with equal dates (and that it stays index-backed),
 * reposts' original authors, and the papers view's unread filter.
 */
import assert from 'node:assert/strict';
import {dirname, join} from 'node:path';
import {beforeEach, describe, test} from 'node:test';
import type {ItemDraft} from '../../src/domain/types.js';
import {upsertItems} from '../../src/store/items.js';
import {countNewSince, lastLook, newLeadCount, recordLook, unreadByResearcher} from '../../src/store/new-since.js';
import {countPapers, paperIds} from '../../src/store/papers.js';
import {Store} from '../../src/store/store.js';
import {safeDraft} from '../../src/refresh/safe-items.js';
import {storePerTest} from '../helpers/store-per-test.js';

function draft(id: string, date: string, extra: Partial<ItemDraft> = {}): ItemDraft {
	return {id, kind: 'post', date, datePrecision: 'instant', title: null, text: `text of ${id}`, url: `https://example.org/${id}`, posts: [], links: [], papers: [], ...extra};
}

const at = (researcher: string, now: string) => ({researcher, source: 'bluesky' as const, sourceKey: `bluesky ${researcher}`, now});

describe('timeline reads', () => {
	const storeOf = storePerTest();
	let store: Store;
	beforeEach(() => (store = storeOf()));

	test('the last look is kept across connections; before the first there is none', () => {
		assert.equal(lastLook(store.db), null);
		recordLook(store.db, '2025-08-01T09:00:00.000Z');
		recordLook(store.db, '2025-08-01T10:00:00.000Z');
		const another = new Store(store.db.name);
		try {
			assert.equal(lastLook(another.db), '2025-08-01T10:00:00.000Z');
		} finally {
			another.close();
		}
	});

	test('new since a look: counted by first sighting, not by date; the divider goes under the new run at the top', () => {
		const look = '2025-08-01T10:00:00.000Z';
		store.transaction(() => upsertItems(store.db, at('Leqi Liu', '2025-08-01T09:00:00.000Z'), [draft('old-1', '2025-07-30T00:00:00.000Z'), draft('old-2', '2025-07-29T00:00:00.000Z')]));
		store.transaction(() =>
			upsertItems(store.db, at('Leqi Liu', '2025-08-01T11:00:00.000Z'), [
				draft('new-1', '2025-08-01T10:30:00.000Z'),
				draft('new-2', '2025-07-31T00:00:00.000Z'),
				// Seen after the look, but dated long before: new, below the divider.
				draft('new-old', '2024-01-01T00:00:00.000Z'),
			]),
		);
		store.transaction(() => upsertItems(store.db, at('Wei Liu', '2025-08-01T11:00:00.000Z'), [draft('wei-new', '2025-08-01T10:45:00.000Z')]));
		// An item seen before that a later refresh rewrites (a thread that grew) keeps its first sighting.
		store.transaction(() => upsertItems(store.db, at('Leqi Liu', '2025-08-01T12:00:00.000Z'), [draft('old-1', '2025-07-30T00:00:00.000Z', {text: 'grew'})]));

		assert.equal(countNewSince(store.db, look), 4);
		assert.deepEqual(store.listItems({}, 0, 10).map(i => i.id), ['wei-new', 'new-1', 'new-2', 'old-1', 'old-2', 'new-old']);
		assert.equal(newLeadCount(store.db, {}, look), 3, 'three new rows lead the list');
		assert.equal(newLeadCount(store.db, {researcher: 'Leqi Liu'}, look), 2, 'in the filtered list too');
		assert.equal(newLeadCount(store.db, {researcher: 'Wei Liu'}, look), 1, 'all of a list that is all new');
		assert.equal(newLeadCount(store.db, {}, '2025-08-01T13:00:00.000Z'), 0, 'nothing new since a later look');
		assert.equal(countNewSince(store.db, '2025-08-01T13:00:00.000Z'), 0);
	});

	test('unread items per researcher', () => {
		store.transaction(() => upsertItems(store.db, at('Leqi Liu', '2025-08-01T09:00:00.000Z'), [draft('a', '2025-07-30T00:00:00.000Z'), draft('b', '2025-07-29T00:00:00.000Z')]));
		store.transaction(() => upsertItems(store.db, at('Wei Liu', '2025-08-01T09:00:00.000Z'), [draft('c', '2025-07-28T00:00:00.000Z')]));
		store.transaction(() => upsertItems(store.db, at('Mira Chen', '2025-08-01T09:00:00.000Z'), [draft('d', '2025-07-28T00:00:00.000Z'), draft('r', '2025-07-28T00:00:00.000Z', {hidden: 'reply'})]));
		store.setRead('a', true);
		store.setRead('c', true);
		assert.deepEqual([...unreadByResearcher(store.db)].sort(), [['leqi liu', 1], ['mira chen', 1]], 'read items and replies to others not counted');
		assert.deepEqual([...unreadByResearcher(store.db, true)].sort(), [['leqi liu', 1], ['mira chen', 2]], 'replies counted when shown');
	});

	test('items with equal dates keep one order, whatever order they were stored in, newest first', () => {
		const day = '2025-05-01T00:00:00.000Z';
		const drafts = ['m', 'z', 'a', 'q'].map(id => draft(id, day, {datePrecision: 'month'}));
		store.transaction(() => upsertItems(store.db, at('Wei Liu', '2025-08-01T09:00:00.000Z'), drafts));
		const other = new Store(join(dirname(store.db.name), 'other.db'));
		try {
			other.transaction(() => upsertItems(other.db, at('Wei Liu', '2025-08-01T09:00:00.000Z'), [...drafts].reverse()));
			const order = store.listItems({}, 0, 10).map(i => i.id);
			assert.deepEqual(order, ['z', 'q', 'm', 'a'], 'ties broken by id, descending');
			assert.deepEqual(other.listItems({}, 0, 10).map(i => i.id), order, 'not by insertion');
			assert.deepEqual([0, 1, 2, 3].map(i => store.listItems({}, i, 1)[0]?.id), order, 'windows agree with the list');
			assert.equal(store.indexOfItem({}, 'm'), 2);
		} finally {
			other.close();
		}
	});

	test('the timeline, its filtered lists and the new-since reads use indexes, never a sort of every row', () => {
		const plan = (sql: string, ...params: unknown[]): string =>
			(store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{detail: string}>).map(r => r.detail).join('\n');
		const list = plan(`SELECT i.id, i.text, s.read FROM items i LEFT JOIN item_state s ON s.item_id = i.id WHERE i.hidden = 0 ORDER BY i.date DESC, i.id DESC LIMIT 40`);
		assert.match(list, /USING (COVERING )?INDEX items_timeline/);
		assert.doesNotMatch(list, /TEMP B-TREE/, list);
		const byResearcher = plan(`SELECT i.id, i.text, s.read FROM items i LEFT JOIN item_state s ON s.item_id = i.id WHERE i.hidden = 0 AND i.researcher_key = ? ORDER BY i.date DESC, i.id DESC LIMIT 40`, 'x');
		assert.match(byResearcher, /USING (COVERING )?INDEX items_researcher/);
		assert.doesNotMatch(byResearcher, /TEMP B-TREE/, byResearcher);
		const fresh = plan(`SELECT COUNT(*) FROM items i WHERE i.first_seen > ? AND i.hidden = 0`, '2025-01-01');
		assert.match(fresh, /USING (COVERING )?INDEX items_first_seen/, fresh);
		const lead = plan(`SELECT i.date, i.id FROM items i LEFT JOIN item_state s ON s.item_id = i.id WHERE i.hidden = 0 AND +i.first_seen <= ? ORDER BY i.date DESC, i.id DESC LIMIT 1`, '2025-01-01');
		assert.doesNotMatch(lead, /TEMP B-TREE/, lead);
	});

	test("a repost keeps its original author, made terminal-safe, and it is searchable; list's JSON does not change", () => {
		const repost = safeDraft(
			draft('rp', '2025-07-30T00:00:00.000Z', {kind: 'repost', repostOf: {name: 'Mira \u001b[31mChen', handle: 'mira.example'}}),
			'https://bsky.app/',
		)!;
		store.transaction(() => upsertItems(store.db, at('Leqi Liu', '2025-08-01T09:00:00.000Z'), [repost, draft('plain', '2025-07-29T00:00:00.000Z')]));
		assert.deepEqual(store.getItem('rp')?.repostOf, {name: 'Mira Chen', handle: 'mira.example'});
		assert.equal(store.getItem('plain')?.repostOf, undefined);
		assert.deepEqual(store.listItems({search: 'mira chen'}, 0, 10).map(i => i.id), ['rp']);
	});

	test('the papers view lists unread papers only: those some item mentioning them is unread', () => {
		const paper = (id: string) => ({id, url: `https://arxiv.org/abs/${id.slice(6)}`, title: id});
		store.transaction(() =>
			upsertItems(store.db, at('Leqi Liu', '2025-08-01T09:00:00.000Z'), [
				draft('a', '2025-07-30T00:00:00.000Z', {papers: [paper('arxiv:2501.00001')]}),
				draft('b', '2025-07-29T00:00:00.000Z', {papers: [paper('arxiv:2501.00001'), paper('arxiv:2501.00002')]}),
			]),
		);
		assert.equal(countPapers(store.db, {unread: true}), 2);
		store.setRead('b', true);
		assert.deepEqual(paperIds(store.db, {unread: true}, 0, 10), ['arxiv:2501.00001'], 'still unread through item a');
		store.setRead('a', true);
		assert.equal(countPapers(store.db, {unread: true}), 0);
		assert.equal(countPapers(store.db, {}), 2);
	});

	test("papers' mentions carry their item's date precision", () => {
		store.transaction(() =>
			upsertItems(store.db, at('Wei Liu', '2025-08-01T09:00:00.000Z'), [
				draft('n', '2024-01-01T00:00:00.000Z', {kind: 'news', datePrecision: 'month', papers: [{id: 'arxiv:2401.00001', url: 'https://arxiv.org/abs/2401.00001', title: 'x'}]}),
			]),
		);
		assert.equal(store.papers()[0]?.mentions[0]?.datePrecision, 'month');
	});
});
