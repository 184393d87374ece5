/**
 * `rename` and `mark-read` in the cache (src/store/rename.ts, src/store/mark-read.ts) against a
 * real SQLite cache: every place the name is kept, merging two researchers' paper items, what the
 * name decides (own mentions, author positions, the visible item), and marking 300,000 items read
 * in one statement.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import type {BibWork} from '../../src/parse/bibliography/types.js';
import {listItems, upsertItems} from '../../src/store/items.js';
import {markItemsRead} from '../../src/store/mark-read.js';
import {savePaperWorks, type PaperWorksContext} from '../../src/store/paper-works.js';
import {renameResearcherInCache} from '../../src/store/rename.js';
import {saveSourceState} from '../../src/store/sources.js';
import {Store} from '../../src/store/store.js';
import {paperDraft} from '../helpers/paper-store.js';
import {tempHome} from '../helpers/temp-home.js';

const PAPER: BibWork = {
	sourceKey: 'conf/x/1',
	ids: ['arxiv:2508.04024'],
	title: 'Identity Theft in AI Conference Peer Review',
	authors: ['Lena Okafor', 'Ravi Shah'],
	venue: 'AAAI',
	date: '2026-11-20T00:00:00.000Z',
	precision: 'day',
	url: null,
	abstract: null,
};

function ctx(researcher: string, source: PaperWorksContext['source'], sourceKey: string): PaperWorksContext {
	return {researcher, source, sourceKey, now: '2026-12-01T00:00:00.000Z', firstFetch: true, recentSince: '2026-11-01T00:00:00.000Z'};
}

describe('rename and mark-read in the cache', () => {
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	beforeEach(() => {
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});
	const rows = (sql: string, ...params: unknown[]) => store.db.prepare(sql).all(...params);

	test('every place the name is kept moves; the search text and own mentions follow', () => {
		store.transaction(() => {
			upsertItems(store.db, {researcher: 'Okafor Lab', source: 'feed', sourceKey: 'feed https://l.example/feed', now: '2026-12-01T00:00:00.000Z'}, [
				paperDraft('post-1', '2026-11-25T00:00:00.000Z', ['arxiv:2508.04024']),
			]);
			savePaperWorks(store.db, ctx('Okafor Lab', 'dblp', 'dblp 71/2088-1'), [PAPER]);
			saveSourceState(store.db, {sourceKey: 'dblp 71/2088-1', researcher: 'Okafor Lab', kind: 'dblp', target: '71/2088-1', lastAttempt: null, lastSuccess: null, lastError: null, etag: null, lastModified: null, state: {}});
		});
		const own = () => rows(`SELECT m.own FROM mentions m JOIN items i ON i.id = m.item_id WHERE i.kind = 'post'`);
		assert.deepEqual(own(), [{own: 0}], '"Okafor Lab" is no author of the paper');
		const n = store.transaction(() => renameResearcherInCache(store.db, {from: 'okafor lab', to: 'Lena Okafor', sourceKeys: ['dblp 71/2088-1', 'feed https://l.example/feed']}));
		assert.equal(n, 2);
		assert.deepEqual(rows('SELECT DISTINCT researcher, researcher_key FROM items'), [{researcher: 'Lena Okafor', researcher_key: 'lena okafor'}]);
		assert.deepEqual(rows('SELECT researcher_key, author_position FROM paper_items'), [{researcher_key: 'lena okafor', author_position: 0}]);
		assert.deepEqual(rows('SELECT DISTINCT researcher_key FROM paper_titles'), [{researcher_key: 'lena okafor'}]);
		assert.deepEqual(rows('SELECT researcher FROM sources'), [{researcher: 'Lena Okafor'}]);
		assert.ok((rows('SELECT search_text FROM items') as Array<{search_text: string}>).every(r => r.search_text.startsWith('lena okafor\n')));
		assert.equal(listItems(store.db, {search: 'lena okafor'}, 0, 10).length, 2, 'found by the new name');
		assert.equal(listItems(store.db, {search: 'okafor lab'}, 0, 10).length, 0, 'not by the old one');
		assert.deepEqual(own(), [{own: 1}], 'Lena Okafor is the first author: her post mentions her own paper');
	});

	test('merging: a paper both had keeps one item (the new name’s), and the timeline shows it once', () => {
		store.transaction(() => {
			savePaperWorks(store.db, ctx('Lena Okafor', 'dblp', 'dblp 71/2088-1'), [PAPER]);
			savePaperWorks(store.db, ctx('Lena O.', 'orcid', 'orcid 0000-0002-1825-0097'), [{...PAPER, sourceKey: '99'}]);
		});
		const before = rows('SELECT item_id, researcher_key FROM paper_items ORDER BY researcher_key') as Array<{item_id: string; researcher_key: string}>;
		assert.equal(before.length, 2);
		store.transaction(() => renameResearcherInCache(store.db, {from: 'Lena O.', to: 'Lena Okafor', sourceKeys: ['orcid 0000-0002-1825-0097']}));
		assert.deepEqual(rows('SELECT item_id, researcher_key FROM paper_items'), [before.find(r => r.researcher_key === 'lena okafor')]);
		assert.equal((rows('SELECT COUNT(*) AS n FROM items') as Array<{n: number}>)[0]!.n, 1);
		assert.deepEqual(
			listItems(store.db, {kind: 'paper'}, 0, 10).map(i => i.researcher),
			['Lena Okafor'],
		);
	});

	test('mark-read: one statement over 300,000 items, by researcher, source and date', () => {
		const total = 300_000;
		// Items written straight into the table (a refresh would take minutes to write as many).
		store.transaction(() =>
			store.db
				.prepare(
					`WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${total - 1})
					 INSERT INTO items (id, researcher, researcher_key, source, source_key, kind, date, date_precision, title, text, url, hidden, search_text, first_seen, updated_at)
					 SELECT 'item-' || i, 'R' || (i % 3), 'r' || (i % 3), CASE WHEN i % 2 = 0 THEN 'feed' ELSE 'bluesky' END, 'k' || (i % 3), 'post',
					 strftime('%Y-%m-%dT%H:%M:%fZ', '2026-01-01', '+' || (i % 1000) || ' hours'), 'instant', NULL, 't', 'https://x.example/', 0, 't', '2026-01-01', '2026-01-01' FROM n`,
				)
				.run(),
		);
		const unread = () => (store.db.prepare('SELECT COUNT(*) AS n FROM items i LEFT JOIN item_state s ON s.item_id = i.id WHERE COALESCE(s.read, 0) = 0').get() as {n: number}).n;
		const now = '2026-12-01T00:00:00.000Z';
		const one = store.transaction(() => markItemsRead(store.db, {researcher: 'R1', source: 'feed', before: '2026-01-10T00:00:00.000Z'}, now));
		assert.equal(one, (store.db.prepare(`SELECT COUNT(*) AS n FROM items WHERE researcher_key = 'r1' AND source = 'feed' AND date < '2026-01-10'`).get() as {n: number}).n);
		assert.equal(unread(), total - one);
		const started = performance.now();
		const rest = store.transaction(() => markItemsRead(store.db, {}, now));
		const ms = performance.now() - started;
		assert.equal(rest, total - one);
		assert.equal(unread(), 0);
		assert.ok(ms < 20_000, `${ms} ms`);
		assert.equal(store.transaction(() => markItemsRead(store.db, {}, now)), 0, 'nothing left to mark');
	});
});
