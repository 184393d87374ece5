/**
 * `A` and `U` in the cache (src/store/mark-read.ts): every unread item of the timeline as filtered
 * becomes read in one statement, and undoing puts back exactly those items, at 300,000 items, with
 * no bound parameter per item. Also `n`'s next-unread seek (src/store/unread-step.ts).
 */
import assert from 'node:assert/strict';
import {beforeEach, describe, test} from 'node:test';
import type {Store} from '../../src/store/store.js';
import {storePerTest} from '../helpers/store-per-test.js';

const NOW = '2026-12-01T00:00:00.000Z';

/** `total` items straight into the table (a refresh would take minutes to write as many): researcher R0–R2, newest is item-0. */
function fill(store: Store, total: number): void {
	store.transaction(() =>
		store.db
			.prepare(
				`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${total - 1})
				 INSERT INTO items (id, researcher, researcher_key, source, source_key, kind, date, date_precision, title, text, url, hidden, search_text, first_seen, updated_at)
				 SELECT 'item-' || printf('%06d', i), 'R' || (i % 3), 'r' || (i % 3), 'feed', 'k' || (i % 3), 'post',
				 strftime('%Y-%m-%dT%H:%M:%fZ', '2026-06-01', '-' || i || ' minutes'), 'instant', NULL,
				 CASE WHEN i % 10 = 0 THEN 'about diffusion' ELSE 'other text' END, 'https://x.example/', 0,
				 CASE WHEN i % 10 = 0 THEN 'about diffusion' ELSE 'other text' END, '2026-01-01', '2026-01-01' FROM n`,
			)
			.run(),
	);
}

function readIds(store: Store): Set<string> {
	return new Set((store.db.prepare('SELECT item_id FROM item_state WHERE read = 1').pluck().all() as string[]));
}

describe('A / U and n in the cache', () => {
	const storeOf = storePerTest();
	let store: Store;
	beforeEach(() => (store = storeOf()));

	test('300,000 items: A marks the list as filtered, U restores exactly what A changed', () => {
		const total = 300_000;
		fill(store, total);
		// Read before A: some of R1's, one of them starred (A must not touch stars).
		for (const id of ['item-000001', 'item-000004', 'item-000007']) store.setRead(id, true, NOW);
		store.setStarred('item-000004', true, NOW);
		const before = readIds(store);

		let started = performance.now();
		const marked = store.markListRead({researcher: 'R1', unread: true}, NOW);
		const markMs = performance.now() - started;
		assert.equal(marked.count, total / 3 - 3, "R1's unread items, not the three read already");
		assert.equal(store.countItems({researcher: 'R1', unread: true}), 0);
		assert.equal(store.countItems({researcher: 'R0', unread: true}), total / 3, 'nothing of another researcher');

		started = performance.now();
		const undone = store.undoMarkRead(marked.batch, NOW);
		const undoMs = performance.now() - started;
		assert.equal(undone, marked.count);
		assert.deepEqual(readIds(store), before, 'exactly the items read before A are read');
		assert.equal(store.getItem('item-000004')?.starred, true);
		assert.equal(store.undoMarkRead(marked.batch, NOW), 0, 'a batch is undone once');
		assert.ok(markMs < 20_000 && undoMs < 20_000, `A ${Math.round(markMs)} ms, U ${Math.round(undoMs)} ms`);

		// The whole timeline, then a search: what A marks follows the filter.
		const all = store.markListRead({}, NOW);
		assert.equal(all.count, total - 3);
		assert.equal(store.undoMarkRead(all.batch, NOW), total - 3);
		const found = store.markListRead({search: 'diffusion'}, NOW);
		assert.equal(found.count, total / 10);
		assert.equal(store.countItems({unread: true}), total - 3 - total / 10);
	});

	test('a later A replaces the batch: U of the earlier one changes nothing', () => {
		fill(store, 30);
		const first = store.markListRead({researcher: 'R0'}, NOW);
		const second = store.markListRead({researcher: 'R1'}, NOW);
		assert.equal(store.undoMarkRead(first.batch, NOW), 0);
		assert.equal(store.countItems({researcher: 'R0', unread: true}), 0);
		assert.equal(store.undoMarkRead(second.batch, NOW), second.count);
		assert.equal(store.countItems({researcher: 'R1', unread: true}), 10);
	});

	test('an item kept on screen (keep) is listed though read; the next unread skips read items', () => {
		fill(store, 10);
		store.setRead('item-000001', true, NOW);
		store.setRead('item-000002', true, NOW);
		assert.equal(store.countItems({unread: true}), 8);
		assert.equal(store.countItems({unread: true, keep: 'item-000001'}), 9);
		assert.equal(store.indexOfItem({unread: true, keep: 'item-000001'}, 'item-000001'), 1);
		assert.equal(store.nextUnread({}, 'item-000000', 1), 'item-000003');
		assert.equal(store.nextUnread({}, 'item-000003', -1), 'item-000000');
		assert.equal(store.nextUnread({}, 'item-000009', 1), null, 'none below the last');
		assert.equal(store.nextUnread({}, null, 1), 'item-000000', 'from the top');
		assert.equal(store.nextUnread({}, null, -1), 'item-000009', 'from the bottom');
		assert.equal(store.nextUnread({researcher: 'R1'}, 'item-000001', 1), 'item-000004');
	});
});
