/**
 * The search plan (trigram index or timeline scan) is remembered for a while per text: a plan
 * decided before a refresh added thousands of matches must still find exactly the right items.
 */
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {INDEX_WINDOW_MAX, searchPlan} from '../../src/store/items.js';
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
