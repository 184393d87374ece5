/**
 * The trigram search index and its queue (schema 5, src/store/search-index.ts): whether items are
 * indexed with their transaction or queued for a catch-up (a refresh), every search selects exactly
 * the items a scan of their text selects, and once caught up the index holds exactly the visible
 * items' texts.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import type {ItemDraft, PaperMeta} from '../../src/domain/types.js';
import {schemaVersion} from '../../src/store/db.js';
import {type ItemFilter, upsertItems} from '../../src/store/items.js';
import {MIGRATIONS} from '../../src/store/migrations.js';
import {Store} from '../../src/store/store.js';
import {tempHome} from '../helpers/temp-home.js';

const PAPER = {id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: null};

function draft(id: string, text: string, extra: Partial<ItemDraft> = {}): ItemDraft {
	return {id, kind: 'post', date: `2025-07-${String(10 + id.length).padStart(2, '0')}T00:00:00.000Z`, datePrecision: 'instant', title: null, text, url: `https://example.org/${id}`, posts: [], links: [], papers: [], ...extra};
}

const ctx = (researcher: string) => ({researcher, source: 'bluesky' as const, sourceKey: `bluesky ${researcher}`, now: '2025-08-01T00:00:00.000Z'});

/** Needles of every kind: common, rare, across words, only in a title or a researcher's name, none. */
const NEEDLES = ['reward', 'rewa', 'model', 'odel ali', 'kalotrinet', 'expo', 'unlocking hard', 'leqi', 'wei l', 'zzz', 'ab', 'o', '%', 'ard m'];

/** The items a search selects, found the slow way: every row's text, in timeline order. */
function scan(store: Store, filter: ItemFilter): string[] {
	const needle = filter.search!.trim().toLowerCase();
	const rows = store.db.prepare('SELECT id, researcher_key, hidden, search_text FROM items ORDER BY date DESC, id DESC').all() as Array<{
		id: string;
		researcher_key: string;
		hidden: number;
		search_text: string;
	}>;
	return rows
		.filter(r => (filter.includeHidden ? r.hidden <= 1 : r.hidden === 0))
		.filter(r => filter.researcher === undefined || r.researcher_key === filter.researcher.toLowerCase())
		.filter(r => r.search_text.includes(needle))
		.map(r => r.id);
}

function assertSearchesExact(store: Store, label: string): void {
	for (const search of NEEDLES) {
		for (const extra of [{}, {includeHidden: true}, {researcher: 'Leqi Liu'}, {researcher: 'Wei Liu', includeHidden: true}] as ItemFilter[]) {
			const filter = {...extra, search};
			const expected = scan(store, filter);
			const what = `${label}: ${JSON.stringify(filter)}`;
			assert.deepEqual(store.listItems(filter, 0, 1000).map(i => i.id), expected, what);
			assert.equal(store.countItems(filter), expected.length, `count, ${what}`);
			for (const [position, id] of expected.entries()) assert.equal(store.indexOfItem(filter, id), position, `position of ${id}, ${what}`);
		}
	}
}

/** Once nothing is queued: the index holds the visible items' texts, and nothing else. */
function assertIndexExact(store: Store): void {
	assert.equal(queued(store), 0);
	for (const needle of NEEDLES.filter(n => [...n].length >= 3)) {
		const phrase = `"${needle.replace(/"/g, '""')}"`;
		const indexed = (store.db.prepare('SELECT rowid FROM items_fts WHERE items_fts MATCH ? ORDER BY rowid').pluck().all(phrase) as number[]);
		const visible = store.db.prepare(`SELECT rowid FROM items WHERE hidden = 0 AND instr(search_text, ?) > 0 ORDER BY rowid`).pluck().all(needle) as number[];
		assert.deepEqual(indexed, visible, `index rows for ${needle}`);
	}
}

function queued(store: Store): number {
	return store.db.prepare('SELECT COUNT(*) FROM items_fts_pending').pluck().get() as number;
}

/** Inserts, edits, items turning into replies and back, a removed source: through `store`. */
function writeHistory(store: Store): void {
	store.transaction(() => {
		upsertItems(store.db, ctx('Leqi Liu'), [
			draft('a', 'Reward models and alignment', {papers: [PAPER]}),
			draft('bb', 'A model of kalotrinet features'),
			draft('ccc', 'Replying: reward hacking', {hidden: 'reply'}),
			draft('dddd', 'Silent record', {hidden: 'silent', title: 'Reward model'}),
		]);
		upsertItems(store.db, ctx('Wei Liu'), [draft('e', 'ExPO: unlocking hard reasoning'), draft('ff', 'Another model')]);
	});
	store.transaction(() => {
		// Edited text, a reply that became visible, a visible post that became a reply.
		upsertItems(store.db, ctx('Leqi Liu'), [
			draft('a', 'Preference models, not reward ones', {papers: [PAPER]}),
			draft('ccc', 'Replying: reward hacking'),
			draft('bb', 'A model of kalotrinet features', {hidden: 'reply'}),
		]);
		upsertItems(store.db, ctx('Ann Other'), [draft('g', 'Reward shaping'), draft('hh', 'Models')]);
	});
	store.deleteSources(['bluesky Ann Other']);
	store.transaction(() => upsertItems(store.db, ctx('Ann Other'), [draft('i', 'Reward again')]));
}

const META: PaperMeta = {
	id: PAPER.id,
	title: 'ExPO: Unlocking Hard Reasoning with Self-Explanation-Guided Reinforcement Learning',
	authors: ['Ruiyang Zhou', 'Shuozhe Li', 'Amy Zhang', 'Liu Leqi'],
	abstract: null,
	category: 'cs.LG',
	published: null,
	updated: null,
	version: 1,
	doi: null,
	journalRef: null,
};

describe('search index (schema 5)', () => {
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	beforeEach(() => {
		home = tempHome('rf-search-index-');
		store = new Store(join(home.dir, 'cache.db'));
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	test('indexed with each transaction: searches match a scan, nothing stays queued', () => {
		writeHistory(store);
		store.savePaperMeta([META], '2025-08-02T00:00:00.000Z');
		assertSearchesExact(store, 'indexed');
		assertIndexExact(store);
	});

	test('deferred (a refresh): queued items are found by their text, then the catch-up indexes them', async () => {
		// Some items indexed before the refresh, so that edits leave out-of-date text in the index.
		store.transaction(() => upsertItems(store.db, ctx('Leqi Liu'), [draft('a', 'Reward models and alignment'), draft('ccc', 'Replying: reward hacking', {hidden: 'reply'})]));
		assertIndexExact(store);
		const release = store.deferSearchIndex();
		writeHistory(store);
		store.savePaperMeta([META], '2025-08-02T00:00:00.000Z');
		assert.ok(queued(store) > 0, 'the refresh left indexing for later');
		assertSearchesExact(store, 'queued');
		release();
		await store.searchIndexSettled();
		assertSearchesExact(store, 'caught up');
		assertIndexExact(store);
	});

	test('a second refresh while the first is under way: indexing waits for both', async () => {
		const first = store.deferSearchIndex();
		const second = store.deferSearchIndex();
		writeHistory(store);
		first();
		await store.searchIndexSettled();
		assert.ok(queued(store) > 0);
		second();
		await store.searchIndexSettled();
		assertIndexExact(store);
	});

	test('closing the cache indexes what a deferred refresh left', () => {
		const release = store.deferSearchIndex();
		writeHistory(store);
		release();
		const file = join(home.dir, 'cache.db');
		store.close();
		store = new Store(file);
		assertIndexExact(store);
		assertSearchesExact(store, 'reopened');
	});

	test('closing with a deadline (the refresh command) leaves what did not fit queued: searches find it all the same, the next catch-up indexes it', async () => {
		const release = store.deferSearchIndex();
		writeHistory(store);
		const left = queued(store);
		assert.ok(left > 0);
		// The deadline has passed: the catch-up stops at once and close() indexes nothing.
		store.indexSearchUntil(performance.now() - 1);
		release();
		await store.searchIndexSettled();
		const file = join(home.dir, 'cache.db');
		store.close();
		store = new Store(file);
		assert.equal(queued(store), left, 'nothing indexed after the deadline');
		assertSearchesExact(store, 'left queued at close');
		// The next refresh's catch-up takes them in.
		store.deferSearchIndex()();
		await store.searchIndexSettled();
		assertIndexExact(store);
		assertSearchesExact(store, 'caught up by the next refresh');
	});

	test('closing with a deadline still ahead indexes what it can before it', () => {
		const release = store.deferSearchIndex();
		writeHistory(store);
		store.indexSearchUntil(performance.now() + 60_000);
		release();
		const file = join(home.dir, 'cache.db');
		store.close();
		store = new Store(file);
		assertIndexExact(store);
	});

	test('queued rows another writer left are indexed by the next ordinary transaction', () => {
		const file = join(home.dir, 'cache.db');
		const other = new Store(file);
		try {
			other.deferSearchIndex();
			writeHistory(other);
			assert.ok(queued(store) > 0);
			assertSearchesExact(store, 'seen from another connection');
			store.transaction(() => upsertItems(store.db, ctx('Wei Liu'), [draft('j', 'One more reward')]));
			assertIndexExact(store);
			assertSearchesExact(store, 'taken along');
		} finally {
			other.db.close();
		}
	});
});

describe('Store: schema 4 caches gain the search queue on open', () => {
	test('items indexed before schema 5 stay found; new writes are indexed', () => {
		const home = tempHome('rf-schema4-');
		const file = join(home.dir, 'cache.db');
		const db = new Database(file);
		for (const sql of MIGRATIONS.slice(0, 4)) db.exec(sql);
		db.pragma('user_version = 4');
		const item = db.prepare(`INSERT INTO items (id, researcher, researcher_key, source, source_key, kind, date, date_precision, text, url, hidden, search_text, first_seen, updated_at)
			VALUES (?, 'Leqi Liu', 'leqi liu', 'bluesky', 'bluesky Leqi Liu', 'post', ?, 'instant', ?, '', ?, ?, '', '')`);
		item.run('old', '2025-07-01T00:00:00.000Z', 'Reward models', 0, 'leqi liu\n\nreward models\n');
		item.run('reply', '2025-07-02T00:00:00.000Z', 'Reward hacking', 1, 'leqi liu\n\nreward hacking\n');
		db.close();

		const store = new Store(file);
		try {
			assert.equal(store.db.pragma('user_version', {simple: true}), schemaVersion());
			assert.deepEqual(store.listItems({search: 'reward'}).map(i => i.id), ['old']);
			assert.deepEqual(store.listItems({search: 'reward', includeHidden: true}).map(i => i.id), ['reply', 'old']);
			store.transaction(() => upsertItems(store.db, ctx('Leqi Liu'), [draft('new', 'Reward shaping'), draft('old', 'Preference models')]));
			assertSearchesExact(store, 'after the upgrade');
			assertIndexExact(store);
		} finally {
			store.close();
			home.cleanup();
		}
	});
});
