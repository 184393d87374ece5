/**
 * Bibliography works into paper items (src/store/paper-works.ts) and one paper whatever its ids
 * (src/store/paper-identity.ts), against a real SQLite cache.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {afterEach, beforeEach, describe, test} from 'node:test';
import type {BibWork} from '../../src/parse/bibliography/types.js';
import {listItems} from '../../src/store/items.js';
import {canonicalId, idsOf, registerWork} from '../../src/store/paper-identity.js';
import {savePaperWorks, type PaperWorksContext} from '../../src/store/paper-works.js';
import {Store} from '../../src/store/store.js';
import {tempHome} from '../helpers/temp-home.js';

function work(fields: Partial<BibWork> & {sourceKey: string}): BibWork {
	return {ids: [], title: 'A Paper', authors: [], venue: null, date: null, precision: null, url: null, abstract: null, ...fields};
}

const PREPRINT = work({
	sourceKey: 'journals/corr/abs-2508-04024',
	ids: ['arxiv:2508.04024'],
	title: 'Identity Theft in AI Conference Peer Review',
	authors: ['Lena Okafor', 'Ravi Shah'],
	venue: 'arXiv',
	date: '2025-08-01T00:00:00.000Z',
	precision: 'month',
});
const PUBLISHED = work({
	sourceKey: 'conf/aaai/OkaforS26',
	ids: ['doi:10.1609/aaai.v40i1.4242'],
	title: 'Identity theft in AI conference peer review',
	authors: ['Lena Okafor', 'Ravi Shah'],
	venue: 'AAAI',
	date: '2026-01-01T00:00:00.000Z',
	precision: 'year',
});

function ctx(researcher: string, source: PaperWorksContext['source'], firstFetch = false): PaperWorksContext {
	return {researcher, source, sourceKey: `${source} ${researcher}`, now: '2026-12-01T00:00:00.000Z', firstFetch, recentSince: '2026-11-01T00:00:00.000Z'};
}

describe('paper items from bibliography works', () => {
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
	const save = (c: PaperWorksContext, works: BibWork[]): string[] => store.transaction(() => savePaperWorks(store.db, c, works));
	const papers = () => listItems(store.db, {kind: 'paper', includeHidden: true}, 0, 100);

	test('a preprint and its published version in one answer are one item: the published venue, the preprint\'s date', () => {
		const fresh = save(ctx('Lena Okafor', 'dblp'), [PREPRINT, PUBLISHED]);
		assert.equal(fresh.length, 1);
		const [item] = papers();
		assert.ok(item);
		assert.deepEqual(item.papers.map(p => p.id), ['arxiv:2508.04024']);
		assert.equal(item.text, 'Lena Okafor, Ravi Shah · AAAI · 2025');
		assert.equal(item.date, '2025-08-01T00:00:00.000Z');
		assert.equal(item.datePrecision, 'month');
		assert.deepEqual(idsOf(store.db, 'arxiv:2508.04024'), ['arxiv:2508.04024', 'doi:10.1609/aaai.v40i1.4242']);
	});

	test('the same order reversed gives the same paper and text', () => {
		save(ctx('Lena Okafor', 'dblp'), [PUBLISHED, PREPRINT]);
		const [item] = papers();
		assert.equal(item!.text, 'Lena Okafor, Ravi Shah · AAAI · 2025');
		assert.equal(canonicalId(store.db, 'doi:10.1609/aaai.v40i1.4242'), 'arxiv:2508.04024');
	});

	test('a source without authors (ORCID) keeps the authors another source gave; one item per researcher and paper', () => {
		save(ctx('Lena Okafor', 'dblp'), [PREPRINT]);
		save(ctx('Lena Okafor', 'orcid'), [{...PUBLISHED, authors: [], sourceKey: '123'}]);
		const items = papers();
		assert.equal(items.length, 1);
		assert.equal(items[0]!.text, 'Lena Okafor, Ravi Shah · AAAI · 2025');
	});

	test('a paper by two followed researchers shows once, under the first author; the other item stays silent', () => {
		save(ctx('Ravi Shah', 'dblp'), [{...PREPRINT, date: '2026-11-20T00:00:00.000Z', precision: 'day'}]);
		save(ctx('Lena Okafor', 'dblp'), [{...PREPRINT, date: '2026-11-20T00:00:00.000Z', precision: 'day'}]);
		const visible = listItems(store.db, {kind: 'paper'}, 0, 10);
		assert.deepEqual(visible.map(i => i.researcher), ['Lena Okafor']);
		const rows = store.db.prepare('SELECT researcher_key, author_position FROM paper_items ORDER BY author_position').all();
		assert.deepEqual(rows, [
			{researcher_key: 'lena okafor', author_position: 0},
			{researcher_key: 'ravi shah', author_position: 1},
		]);
	});

	test('a title of the same researcher ties a DOI-only record to the preprint; the arXiv id stays canonical', () => {
		store.transaction(() => registerWork(store.db, ['doi:10.5555/x'], {researcherKey: 'lena okafor', text: 'Reviewer Assignment as Matching'}));
		const id = store.transaction(() => registerWork(store.db, ['arxiv:2401.00001'], {researcherKey: 'lena okafor', text: 'Reviewer assignment as matching.'}));
		assert.equal(id, 'arxiv:2401.00001');
		assert.equal(canonicalId(store.db, 'doi:10.5555/x'), 'arxiv:2401.00001');
		// Another researcher's paper of the same title is not merged.
		const other = store.transaction(() => registerWork(store.db, ['doi:10.5555/y'], {researcherKey: 'wei liu', text: 'Reviewer Assignment as Matching'}));
		assert.equal(other, 'doi:10.5555/y');
	});
});
