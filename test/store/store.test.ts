import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import type {ItemDraft} from '../../src/domain/types.js';
import {CacheError, schemaVersion} from '../../src/store/db.js';
import {upsertItems} from '../../src/store/items.js';
import {openStoreRecovering} from '../../src/store/open-recovering.js';
import {Store} from '../../src/store/store.js';
import {tempHome} from '../helpers/temp-home.js';

function draft(id: string, date: string, extra: Partial<ItemDraft> = {}): ItemDraft {
	return {id, kind: 'post', date, datePrecision: 'instant', title: null, text: `text of ${id}`, url: `https://example.org/${id}`, posts: [], links: [], papers: [], ...extra};
}

const ctx = (researcher = 'Leqi Liu') => ({researcher, source: 'bluesky' as const, sourceKey: `bluesky ${researcher}`, now: '2025-08-01T00:00:00.000Z'});

describe('Store', () => {
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

	test('migrates to the latest schema and uses WAL', () => {
		assert.equal(store.db.pragma('user_version', {simple: true}), schemaVersion());
		assert.equal(store.db.pragma('journal_mode', {simple: true}), 'wal');
	});

	test('lists newest first, windows, counts and finds positions', () => {
		store.transaction(() =>
			upsertItems(store.db, ctx(), [draft('a', '2025-01-01T00:00:00.000Z'), draft('c', '2025-03-01T00:00:00.000Z'), draft('b', '2025-02-01T00:00:00.000Z')]),
		);
		assert.deepEqual(store.listItems({}, 0, 10).map(i => i.id), ['c', 'b', 'a']);
		assert.deepEqual(store.listItems({}, 1, 1).map(i => i.id), ['b']);
		assert.equal(store.countItems({}), 3);
		assert.equal(store.indexOfItem({}, 'a'), 2);
		assert.equal(store.indexOfItem({}, 'missing'), -1);
	});

	test('upsert keeps read/star state and first-seen dates, and reports only new ids', () => {
		const first = store.transaction(() => upsertItems(store.db, ctx(), [draft('a', '2025-01-01T00:00:00.000Z', {datePrecision: 'seen'})]));
		assert.deepEqual(first, ['a']);
		store.setRead('a', true);
		store.setStarred('a', true);
		const second = store.transaction(() =>
			upsertItems(store.db, {...ctx(), now: '2025-09-01T00:00:00.000Z'}, [draft('a', '2025-09-01T00:00:00.000Z', {datePrecision: 'seen', text: 'edited'})]),
		);
		assert.deepEqual(second, []);
		const item = store.getItem('a')!;
		assert.equal(item.text, 'edited');
		assert.equal(item.date, '2025-01-01T00:00:00.000Z', 'a `seen` date is the first sighting');
		assert.equal(item.read, true);
		assert.equal(item.starred, true);
		store.setRead('a', false);
		assert.equal(store.getItem('a')!.read, false);
		assert.equal(store.getItem('a')!.starred, true, 'unread keeps the star');
	});

	test('filters by researcher, kind, date, state and search (case-insensitive, LIKE wildcards literal)', () => {
		store.transaction(() => {
			upsertItems(store.db, ctx('Leqi Liu'), [
				draft('t', '2025-07-22T17:09:02.114Z', {kind: 'thread', text: 'ExPO 100% better', papers: [{id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: 'ExPO: Unlocking Hard Reasoning'}]}),
				draft('r', '2025-01-01T00:00:00.000Z', {kind: 'post', hidden: 'reply'}),
			]);
			upsertItems(store.db, {...ctx('Wei Liu'), source: 'homepage', sourceKey: 'homepage x'}, [draft('n', '2025-05-01T00:00:00.000Z', {kind: 'news', datePrecision: 'month'})]);
		});
		assert.deepEqual(store.listItems({researcher: 'wei liu'}).map(i => i.id), ['n']);
		assert.deepEqual(store.listItems({kind: 'thread'}).map(i => i.id), ['t']);
		assert.deepEqual(store.listItems({since: '2025-06-01T00:00:00.000Z'}).map(i => i.id), ['t']);
		assert.deepEqual(store.listItems({search: 'unlocking hard'}).map(i => i.id), ['t'], 'paper titles are searchable');
		assert.deepEqual(store.listItems({search: 'WEI'}).map(i => i.id), ['n'], 'researcher names are searchable');
		assert.deepEqual(store.listItems({search: '0%'}).map(i => i.id), ['t']);
		assert.deepEqual(store.listItems({search: '_'}).map(i => i.id), []);
		assert.deepEqual(store.listItems({}).map(i => i.id), ['t', 'n'], 'replies to others are hidden by default');
		assert.deepEqual(store.listItems({includeHidden: true}).map(i => i.id), ['t', 'n', 'r']);
		store.setStarred('n', true);
		assert.deepEqual(store.listItems({starred: true}).map(i => i.id), ['n']);
		store.setRead('t', true);
		assert.deepEqual(store.listItems({unread: true}).map(i => i.id), ['n']);
	});

	test('one paper from two items is one paper with two mentions, most recent first', () => {
		const paper = {id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: null};
		store.transaction(() => {
			upsertItems(store.db, ctx('Leqi Liu'), [draft('t', '2025-07-22T00:00:00.000Z', {papers: [{...paper, title: 'ExPO'}]})]);
			upsertItems(store.db, {...ctx('Wei Liu'), source: 'homepage', sourceKey: 'homepage w'}, [draft('n', '2025-08-01T00:00:00.000Z', {papers: [paper]})]);
		});
		const papers = store.papers();
		assert.equal(papers.length, 1);
		assert.equal(papers[0]!.title, 'ExPO');
		assert.deepEqual(papers[0]!.mentions.map(m => [m.item, m.researcher, m.source]), [['n', 'Wei Liu', 'homepage'], ['t', 'Leqi Liu', 'bluesky']]);
		assert.equal(store.listItems({})[0]!.papers[0]!.title, 'ExPO', 'items show the best known title');
		assert.equal(store.papers({researcher: 'wei liu'}).length, 1);
	});

	test('deleteSources removes items, state, mentions and orphan papers', () => {
		store.transaction(() =>
			upsertItems(store.db, ctx(), [draft('t', '2025-07-22T00:00:00.000Z', {papers: [{id: 'arxiv:1', url: 'https://arxiv.org/abs/1', title: null}]})]),
		);
		store.setRead('t', true);
		store.deleteSources([ctx().sourceKey]);
		assert.equal(store.countItems({includeHidden: true}), 0);
		assert.equal(store.papers().length, 0);
		assert.equal((store.db.prepare('SELECT COUNT(*) AS n FROM item_state').get() as {n: number}).n, 0);
	});
});

describe('damaged caches', () => {
	test('a file that is not a database is moved aside and rebuilt', () => {
		const home = tempHome();
		try {
			const file = join(home.dir, 'cache.db');
			writeFileSync(file, 'this is not sqlite, just text '.repeat(100));
			assert.throws(() => new Store(file), CacheError);
			const warnings: string[] = [];
			const store = openStoreRecovering(file, w => warnings.push(w));
			assert.equal(store.countItems({}), 0);
			store.close();
			assert.equal(warnings.length, 1);
			assert.match(warnings[0]!, /cache\.db.*moved it to .*cache\.db\.broken-/);
		} finally {
			home.cleanup();
		}
	});

	test('a cache from a newer schema is refused, then moved aside', () => {
		const home = tempHome();
		try {
			const file = join(home.dir, 'cache.db');
			const db = new Database(file);
			db.pragma(`user_version = ${schemaVersion() + 5}`);
			db.close();
			assert.throws(() => new Store(file), /newer research-feed/);
			const store = openStoreRecovering(file, () => undefined);
			assert.equal(store.db.pragma('user_version', {simple: true}), schemaVersion());
			store.close();
		} finally {
			home.cleanup();
		}
	});
});
