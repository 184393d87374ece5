/**
 * The search plan (trigram index or timeline scan) is remembered for a while per text: a plan
 * decided before a refresh added thousands of matches must still find exactly the right items;
 * the matches an indexed search found are used only while the cache is unchanged.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {INDEX_WINDOW_MAX, searchPlan, upsertItems} from '../../src/store/items.js';
import {Store} from '../../src/store/store.js';
import {paperDraft, paperStore} from '../helpers/paper-store.js';

const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();

test('a remembered plan that the data outgrew still lists and counts exactly the matching items', () => {
	const s = paperStore();
	try {
		s.put('Ada', [paperDraft('r0', at(0), [], {text: 'a rare zebrafish'}), paperDraft('o0', at(1), [], {text: 'other'})]);
		assert.equal(searchPlan(s.store.db, {search: 'zebrafish'}), 'index', 'few matches: the index');
		// A refresh brings more matches than the index plan is meant for.
		const many = Array.from({length: INDEX_WINDOW_MAX + 500}, (_, i) => paperDraft(`z${i}`, at(10 + i), [], {text: `zebrafish ${i}`}));
		s.put('Bo', many);
		assert.equal(searchPlan(s.store.db, {search: 'zebrafish'}), 'index', 'remembered');
		assert.equal(s.store.countItems({search: 'zebrafish'}), many.length + 1);
		const window = s.store.listItems({search: 'zebrafish'}, 0, 50);
		assert.deepEqual(
			window.map(i => i.id),
			Array.from({length: 50}, (_, k) => `z${many.length - 1 - k}`),
		);
		const tail = s.store.listItems({search: 'zebrafish'}, many.length - 2, 50);
		assert.deepEqual(
			tail.map(i => i.id),
			['z1', 'z0', 'r0'],
		);
		// A text never planned before is decided from the data as it is now.
		assert.equal(searchPlan(s.store.db, {search: 'zebrafis'}), 'scan');
	} finally {
		s.close();
	}
});

test('an indexed search’s matches, found once per text, follow writes of this connection and commits of another', () => {
	const s = paperStore();
	const other = new Store(join(s.dir, 'cache.db'));
	try {
		s.put('Ada', [paperDraft('a0', at(0), [], {text: 'a rare zebrafish'}), paperDraft('a1', at(1), [], {text: 'other'})]);
		const ids = () => s.store.listItems({search: 'zebrafish'}, 0, 10).map(i => i.id);
		const counted = () => s.store.countItems({search: 'zebrafish'});
		assert.equal(searchPlan(s.store.db, {search: 'zebrafish'}), 'index');
		assert.deepEqual([ids(), counted()], [['a0'], 1]);
		// This connection writes: the remembered matches are not used.
		s.put('Ada', [paperDraft('a2', at(2), [], {text: 'zebrafish again'})]);
		assert.deepEqual([ids(), counted()], [['a2', 'a0'], 2]);
		assert.equal(s.store.indexOfItem({search: 'zebrafish'}, 'a0'), 1);
		// Another connection (a refresh in its own process) commits: seen on the next read.
		other.transaction(() =>
			upsertItems(other.db, {researcher: 'Bo', source: 'feed', sourceKey: 'feed Bo', now: '2025-07-20T00:00:00.000Z'}, [paperDraft('b0', at(3), [], {text: 'zebrafish by Bo'})]),
		);
		assert.deepEqual([ids(), counted()], [['b0', 'a2', 'a0'], 3]);
		assert.equal(s.store.indexOfItem({search: 'zebrafish'}, 'a0'), 2);
		// A text typed further is its own search: its matches are its own.
		assert.deepEqual(s.store.listItems({search: 'zebrafish a'}, 0, 10).map(i => i.id), ['a2']);
	} finally {
		other.close();
		s.close();
	}
});

test('windows of an indexed search, with the read and starred filters, are the matching rows in timeline order', () => {
	const s = paperStore();
	try {
		const words = ['zebrafish', 'zebra', 'fish', 'other'];
		const drafts = Array.from({length: 90}, (_, i) => paperDraft(`d${String(i).padStart(2, '0')}`, at(i % 30), [], {text: `${words[i % 4]} ${i}`}));
		s.put('Ada', drafts);
		for (const [i, d] of drafts.entries()) {
			if (i % 3 === 0) s.store.setRead(d.id, true);
			if (i % 5 === 0) s.store.setStarred(d.id, true);
		}
		// The timeline, unfiltered, is the reference order; the filters are applied here by hand.
		const all = s.store.listItems({}, 0, 1000);
		const read = new Set(drafts.filter((_, i) => i % 3 === 0).map(d => d.id));
		const starred = new Set(drafts.filter((_, i) => i % 5 === 0).map(d => d.id));
		for (const filter of [{search: 'zebra'}, {search: 'zebra', unread: true}, {search: 'zebra', starred: true}, {search: 'fish 1'}]) {
			assert.equal(searchPlan(s.store.db, filter), 'index');
			const expected = all
				.filter(i => i.text.includes(filter.search))
				.filter(i => !('unread' in filter) || !read.has(i.id))
				.filter(i => !('starred' in filter) || starred.has(i.id))
				.map(i => i.id);
			const label = JSON.stringify(filter);
			assert.equal(s.store.countItems(filter), expected.length, label);
			assert.deepEqual(s.store.listItems(filter, 0, 1000).map(i => i.id), expected, label);
			assert.deepEqual(s.store.listItems(filter, 3, 4).map(i => i.id), expected.slice(3, 7), label);
			assert.deepEqual(s.store.listItemsFromEnd(filter, 2, 3).map(i => i.id), expected.slice(-5, -2), label);
			const from = all.find(i => i.id === expected[4])!;
			assert.deepEqual(s.store.listItemsFrom(filter, from, 'older', 1, 3).map(i => i.id), expected.slice(6, 9), label);
			assert.deepEqual(s.store.listItemsFrom(filter, from, 'newer', 0, 2).map(i => i.id), expected.slice(2, 4), label);
			assert.equal(s.store.indexOfItem(filter, expected[4]!), 4, label);
		}
	} finally {
		s.close();
	}
});
