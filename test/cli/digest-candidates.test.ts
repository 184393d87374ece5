/**
 * The items `digest` reads (digestCandidates): everything isNewSince may accept, whatever its date
 * precision, and not the year of items before the window.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {test} from 'node:test';
import {digestCandidates} from '../../src/cli/commands/digest.js';
import type {DatePrecision, ItemDraft} from '../../src/domain/types.js';
import {isNewSince} from '../../src/papers/digest.js';
import {upsertItems} from '../../src/store/items.js';
import {Store} from '../../src/store/store.js';
import {tempHome} from '../helpers/temp-home.js';

const draft = (id: string, date: string, datePrecision: DatePrecision): ItemDraft => ({id, kind: 'news', date, datePrecision, title: id, text: id, url: `https://example.org/${id}`, posts: [], links: [], papers: []});

test('digest reads every item its window may take, of any precision, and not the year before it', () => {
	const home = tempHome();
	const store = new Store(join(home.dir, 'cache.db'));
	try {
		const drafts = [
			draft('instant-in', '2025-07-20T10:00:00.000Z', 'instant'),
			draft('instant-before', '2025-07-16T10:00:00.000Z', 'instant'),
			draft('day-reaching-in', '2025-07-17T00:00:00.000Z', 'day'),
			draft('day-before', '2025-07-15T00:00:00.000Z', 'day'),
			draft('month-reaching-in', '2025-07-01T00:00:00.000Z', 'month'),
			draft('month-before', '2025-06-01T00:00:00.000Z', 'month'),
			draft('year-reaching-in', '2025-01-01T00:00:00.000Z', 'year'),
			draft('year-before', '2024-01-01T00:00:00.000Z', 'year'),
			draft('seen-in', '2025-07-18T00:00:00.000Z', 'seen'),
		];
		// A year of day-dated items before the window: none of them is read.
		for (let d = 1; d <= 300; d++) drafts.push(draft(`old-${d}`, new Date(Date.UTC(2024, 8, d)).toISOString(), 'instant'));
		store.transaction(() => upsertItems(store.db, {researcher: 'Ada', source: 'homepage', sourceKey: 'homepage https://ada.example/', now: '2025-07-24T00:00:00.000Z'}, drafts));
		const since = new Date('2025-07-17T12:00:00.000Z');
		const until = new Date('2025-07-24T00:00:00.000Z');
		const read = digestCandidates(store, since, false);
		const taken = store.listItems({}, 0, 10_000).filter(i => isNewSince(i, since, until)).map(i => i.id).sort();
		assert.deepEqual(taken, ['day-reaching-in', 'instant-in', 'month-reaching-in', 'seen-in', 'year-reaching-in']);
		assert.deepEqual(read.filter(i => isNewSince(i, since, until)).map(i => i.id).sort(), taken);
		assert.equal(new Set(read.map(i => i.id)).size, read.length, 'no item twice');
		assert.ok(read.length <= taken.length + 4, `read ${read.length}: ${read.map(i => i.id).join(', ')}`);
	} finally {
		store.close();
		home.cleanup();
	}
});
