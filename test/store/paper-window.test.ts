import assert from 'node:assert/strict';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import {MIGRATIONS} from '../../src/store/migrations.js';
import {getAppState} from '../../src/store/paper-meta.js';
import {reindexPapers} from '../../src/store/paper-index-sql.js';
import {countPapers, paperStates, paperWindow} from '../../src/store/papers.js';
import {Store} from '../../src/store/store.js';
import {EXPO, meta, OPENREVIEW, type PaperStore, paperDraft, paperStore, PRLHF, PRLHF_META, seededPaperStore} from '../helpers/paper-store.js';
import {tempHome} from '../helpers/temp-home.js';

const ids = (papers: Array<{id: string}>) => papers.map(p => p.id);

describe('Store: windows of the papers list (paper index, schema 4)', () => {
	let s: PaperStore;
	beforeEach(() => {
		s = seededPaperStore();
	});
	afterEach(() => s.close());

	test('countPapers and paperWindow agree with papers(): newest mention first, then the item’s order', () => {
		const {store} = s;
		assert.deepEqual(ids(store.papers()), [PRLHF, EXPO, OPENREVIEW]);
		assert.equal(countPapers(store.db), 3);
		assert.deepEqual(ids(paperWindow(store.db, {}, 0, 2)), [PRLHF, EXPO]);
		assert.deepEqual(ids(paperWindow(store.db, {}, 2, 2)), [OPENREVIEW]);
		assert.deepEqual(paperWindow(store.db, {}, 0, 3), store.papers(), 'the same papers, mentions and all');
		// Mira Chen's reply to someone else counts only with replies shown.
		assert.deepEqual(ids(paperWindow(store.db, {includeHidden: true}, 0, 10)), [EXPO, PRLHF, OPENREVIEW]);
		assert.equal(countPapers(store.db, {includeHidden: true}), 3);
		assert.deepEqual(paperWindow(store.db, {}, 1, 1)[0]?.mentions.map(m => m.item), ['l1']);
		assert.deepEqual(store.getPaper(EXPO, {includeHidden: true})?.mentions.map(m => m.item), ['m1', 'l1']);
		assert.equal(store.getPaper('arxiv:0000.00000'), undefined);
	});

	test('filters: researcher (the paper keeps every mention), search over id, titles, authors, link texts, researchers', () => {
		const {store} = s;
		const wei = paperWindow(store.db, {researcher: ' wei liu '}, 0, 10);
		assert.deepEqual(ids(wei), [PRLHF]);
		assert.deepEqual(wei[0]?.mentions.map(m => m.researcher), ['Leqi Liu', 'Wei Liu']);
		assert.equal(countPapers(store.db, {researcher: 'Wei Liu'}), 1);
		assert.deepEqual(ids(paperWindow(store.db, {search: 'openreview:ABC'}, 0, 10)), [OPENREVIEW]);
		assert.deepEqual(ids(paperWindow(store.db, {search: 'link text of arxiv:2507'}, 0, 10)), [EXPO]);
		assert.deepEqual(ids(paperWindow(store.db, {search: 'Mira'}, 0, 10)), [OPENREVIEW], 'her reply to others is not listed, so not searched');
		assert.deepEqual(ids(paperWindow(store.db, {search: 'wei liu'}, 0, 10)), [PRLHF]);
		assert.deepEqual(ids(paperWindow(store.db, {search: 'lipton'}, 0, 10)), [], 'no authors before the metadata');
		store.savePaperMeta([PRLHF_META], '2025-07-25T00:00:00.000Z');
		assert.deepEqual(ids(paperWindow(store.db, {search: 'lipton'}, 0, 10)), [PRLHF]);
		assert.deepEqual(ids(paperWindow(store.db, {search: 'personalized human feedback'}, 0, 10)), [PRLHF], 'the arXiv title');
		// Items show the best title known too: the arXiv one over the link text they were written with.
		assert.deepEqual(store.getItem('l1')?.papers.map(p => p.title), [PRLHF_META.title, `link text of ${EXPO}`]);
		assert.equal(countPapers(store.db, {search: '100%_'}), 0, 'LIKE wildcards are literal');
	});

	test('own papers: a mention by one of the authors, whether the metadata came before or after it', () => {
		const {store} = s;
		assert.deepEqual(ids(paperWindow(store.db, {own: true}, 0, 10)), []);
		store.savePaperMeta([PRLHF_META], '2025-07-25T00:00:00.000Z');
		const own = paperWindow(store.db, {own: true}, 0, 10);
		assert.deepEqual(ids(own), [PRLHF]);
		assert.deepEqual(own[0]?.mentions.map(m => [m.researcher, m.own]), [['Leqi Liu', true], ['Wei Liu', false]]);
		assert.equal(countPapers(store.db, {own: true}), 1);
		assert.equal(countPapers(store.db, {own: true, researcher: 'Wei Liu'}), 0, 'Wei Liu mentioned it but did not write it');
		// Metadata first, mention later: decided when the mention is written.
		store.savePaperMeta([meta(OPENREVIEW, 'Reward models', ['W. Liu'])], '2025-07-25T00:00:00.000Z');
		s.put('Wei Liu', [paperDraft('w2', '2025-07-26T00:00:00.000Z', [OPENREVIEW])], 'homepage');
		assert.deepEqual(ids(paperWindow(store.db, {own: true}, 0, 10)), [OPENREVIEW, PRLHF]);
		assert.deepEqual(store.getPaper(OPENREVIEW)?.mentions.map(m => [m.item, m.own]), [['w2', true], ['m2', false]]);
	});

	test('the order follows new, re-dated, changed and removed mentions', () => {
		const {store} = s;
		s.put('Wei Liu', [paperDraft('w2', '2025-07-25T00:00:00.000Z', [OPENREVIEW])], 'homepage');
		assert.deepEqual(ids(store.papers()), [OPENREVIEW, PRLHF, EXPO]);
		// l1 edited: no longer links EXPO, and re-dated after w2.
		s.put('Leqi Liu', [paperDraft('l1', '2025-07-26T00:00:00.000Z', [PRLHF])]);
		assert.deepEqual(ids(store.papers()), [PRLHF, OPENREVIEW]);
		assert.deepEqual(ids(store.papers({includeHidden: true})), [PRLHF, OPENREVIEW, EXPO], 'the reply (July 24) still mentions EXPO');
		store.deleteSources(['bluesky Leqi Liu', 'bluesky Mira Chen']);
		assert.deepEqual(ids(store.papers({includeHidden: true})), [OPENREVIEW, PRLHF]);
		assert.deepEqual(store.getPaper(PRLHF)?.mentions.map(m => m.item), ['w1']);
	});

	test('paperStates and setPaperStarred: a paper’s state is its items’', () => {
		const {store} = s;
		assert.deepEqual(paperStates(store.db, [PRLHF, OPENREVIEW]).get(PRLHF), {read: false, starred: false});
		store.setPaperRead(PRLHF, true);
		assert.deepEqual(store.setPaperStarred(PRLHF, true), ['l1', 'w1']);
		assert.deepEqual(paperStates(store.db, [PRLHF]).get(PRLHF), {read: true, starred: true});
		assert.equal(store.isPaperRead(PRLHF), true);
		store.setStarred('w1', false);
		assert.deepEqual(paperStates(store.db, [PRLHF]).get(PRLHF), {read: true, starred: true}, 'starred while any item is');
		store.setRead('w1', false);
		assert.equal(paperStates(store.db, [PRLHF]).get(PRLHF)?.read, false);
		assert.equal(paperStates(store.db, ['arxiv:0000.00000']).size, 0);
	});

	test('the index kept by triggers equals one rebuilt from scratch after many writes', () => {
		const {store} = s;
		let seed = 7;
		const rand = (n: number): number => {
			seed = (seed * 16807) % 2147483647;
			return seed % n;
		};
		const paper = (): string => `arxiv:2401.${String(rand(25)).padStart(5, '0')}`;
		for (let round = 0; round < 40; round++) {
			const researcher = ['Leqi Liu', 'Wei Liu', 'Mira Chen', 'Ana Ruiz'][rand(4)]!;
			const drafts = new Map<string, ReturnType<typeof paperDraft>>();
			for (let i = 0; i < 12; i++) {
				const id = `r${rand(150)}`;
				const date = new Date(Date.UTC(2025, 0, 1) + rand(200) * 3_600_000).toISOString();
				drafts.set(id, paperDraft(id, date, Array.from({length: rand(3)}, paper), rand(5) === 0 ? {hidden: 'reply'} : {}));
			}
			s.put(researcher, [...drafts.values()]);
			if (round === 15) store.savePaperMeta([meta('arxiv:2401.00003', 'A Title', ['Ana Ruiz', 'Bo Li'])], '2025-07-25T00:00:00.000Z');
			if (round === 30) store.deleteSources(['bluesky Mira Chen']);
		}
		const read = () => store.db.prepare('SELECT paper_id, visible_key, any_key, search_text FROM paper_index ORDER BY paper_id').all() as Array<Record<string, string>>;
		const lines = (t: string | undefined) => [...new Set((t ?? '').split('\n').filter(Boolean))].sort();
		const kept = read();
		store.db.exec(reindexPapers('SELECT paper_id FROM paper_index UNION SELECT paper_id FROM mentions'));
		const rebuilt = read();
		assert.deepEqual(
			kept.map(r => [r['paper_id'], r['visible_key'], r['any_key']]),
			rebuilt.map(r => [r['paper_id'], r['visible_key'], r['any_key']]),
		);
		kept.forEach((r, i) => assert.deepEqual(lines(r['search_text']), lines(rebuilt[i]?.['search_text']), `search text of ${r['paper_id']}`));
	});
});

describe('Store: schema 3 caches gain the paper index and own mentions on open', () => {
	test('papers, order and own flags of a cache written before schema 4', () => {
		const home = tempHome();
		const file = join(home.dir, 'cache.db');
		const db = new Database(file);
		for (const sql of MIGRATIONS.slice(0, 3)) db.exec(sql);
		db.pragma('user_version = 3');
		const item = db.prepare(`INSERT INTO items (id, researcher, researcher_key, source, source_key, kind, date, date_precision, text, url, first_seen, updated_at)
			VALUES (?, ?, ?, 'bluesky', ?, 'post', ?, 'instant', '', '', '', '')`);
		item.run('a', 'Leqi Liu', 'leqi liu', 'bluesky Leqi Liu', '2025-07-01T00:00:00.000Z');
		item.run('b', 'Wei Liu', 'wei liu', 'bluesky Wei Liu', '2025-07-02T00:00:00.000Z');
		db.prepare(`INSERT INTO papers (id, url, title) VALUES (?, ?, NULL)`).run(PRLHF, 'https://arxiv.org/abs/2402.05133');
		db.prepare(`INSERT INTO papers (id, url, title) VALUES (?, ?, 'Expo')`).run(EXPO, 'https://arxiv.org/abs/2507.02834');
		const mention = db.prepare('INSERT INTO mentions (item_id, paper_id, position, title) VALUES (?, ?, ?, ?)');
		mention.run('a', PRLHF, 0, 'link');
		mention.run('b', EXPO, 0, null);
		mention.run('b', PRLHF, 1, null);
		db.prepare(`INSERT INTO paper_meta (paper_id, status, title, authors, attempts) VALUES (?, 'ok', ?, ?, 1)`).run(PRLHF, PRLHF_META.title, JSON.stringify(PRLHF_META.authors));
		db.close();

		const store = new Store(file);
		try {
			assert.deepEqual(ids(paperWindow(store.db, {}, 0, 10)), [EXPO, PRLHF]);
			assert.deepEqual(ids(paperWindow(store.db, {own: true}, 0, 10)), [PRLHF]);
			assert.deepEqual(store.getPaper(PRLHF)?.mentions.map(m => [m.researcher, m.own]), [['Wei Liu', false], ['Leqi Liu', true]]);
			assert.deepEqual(ids(paperWindow(store.db, {search: 'zachary'}, 0, 10)), [PRLHF]);
			assert.equal(getAppState(store.db, 'mentions.own'), undefined, 'matched once, not on every open');
		} finally {
			store.close();
			home.cleanup();
		}
	});

	test('an empty new cache has nothing to match', () => {
		const s2 = paperStore();
		try {
			assert.equal(countPapers(s2.store.db), 0);
			assert.deepEqual(paperWindow(s2.store.db, {}, 0, 10), []);
			assert.equal(getAppState(s2.store.db, 'mentions.own'), undefined);
		} finally {
			s2.close();
		}
	});
});
