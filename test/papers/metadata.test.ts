/**
 * Paper metadata for every id kind (issue 15) against loopback services: Semantic Scholar's batch
 * and Crossref (test/helpers/bibliography-server.ts, their answers in the shapes of
 * ../shared/reference/paper-sources.md §5–§6) and the arXiv API (test/helpers/arxiv-server.ts).
 * Time is a fake clock, so "a day later" costs nothing.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import type {ItemDraft} from '../../src/domain/types.js';
import {createHttpClient, type HttpClient} from '../../src/net/http.js';
import {describeEnrichment, enrichPapers, type EnrichOptions, startMetadata} from '../../src/papers/enrich.js';
import {upsertItems} from '../../src/store/items.js';
import {registerWork} from '../../src/store/paper-identity.js';
import {lookupState} from '../../src/store/paper-lookups.js';
import {paperMetaState} from '../../src/store/paper-meta.js';
import {Store} from '../../src/store/store.js';
import {type ArxivRecord, RECORDS} from '../fixtures/arxiv/papers.js';
import {type ArxivServer, startArxivServer} from '../helpers/arxiv-server.js';
import {type BibliographyServer, startBibliographyServer} from '../helpers/bibliography-server.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {tempHome} from '../helpers/temp-home.js';

const DAY = 24 * 60 * 60 * 1000;

/** The canonical landing page of a paper id (what a link to it would be). */
function urlOf(id: string): string {
	const [kind, rest] = [id.slice(0, id.indexOf(':')), id.slice(id.indexOf(':') + 1)];
	return kind === 'arxiv' ? `https://arxiv.org/abs/${rest}` : kind === 'doi' ? `https://doi.org/${rest}` : `https://aclanthology.org/${rest}/`;
}

function post(id: string, paperIds: readonly string[]): ItemDraft {
	return {
		id,
		kind: 'post',
		date: '2025-07-20T00:00:00.000Z',
		datePrecision: 'instant',
		title: null,
		text: `post ${id}`,
		url: `https://example.org/${id}`,
		posts: [],
		links: [],
		papers: paperIds.map(p => ({id: p, url: urlOf(p), title: `link text of ${p}`})),
	};
}

/** An S2 paper record (paper-sources.md §5: `externalIds`, `authors` with `name`, `venue`, `publicationDate`). */
function s2Paper(n: number, title: string, externalIds: Record<string, string | number>, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		paperId: `${n}`.padStart(40, '0'),
		externalIds: {CorpusId: n, ...externalIds},
		title,
		abstract: null,
		venue: '',
		year: 2025,
		publicationDate: '2025-03-01',
		journal: null,
		publicationVenue: null,
		authors: [{authorId: String(n), name: 'Ada Example'}],
		...extra,
	};
}

/** A Crossref `message` (paper-sources.md §6, HAB). */
function crossrefWork(doi: string, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		DOI: doi,
		title: [title],
		author: [{given: 'Grace', family: 'Example', sequence: 'first', affiliation: []}],
		'container-title': ['Journal of Examples'],
		type: 'journal-article',
		issued: {'date-parts': [[2024, 5, 2]]},
		relation: {},
		...extra,
	};
}

/** An HTTP client that keeps the ids of every Semantic Scholar batch it sends (the loopback server records no bodies). */
function recordingClient(batches: string[][]): HttpClient {
	const real = createHttpClient({retries: 0});
	return {
		...real,
		fetch: (input, init) => {
			if (init?.method === 'POST' && typeof init.body === 'string') batches.push((JSON.parse(init.body) as {ids: string[]}).ids);
			return real.fetch(input, init);
		},
	};
}

describe('paper metadata for every id kind: Semantic Scholar, Crossref and the arXiv API', () => {
	let bib: BibliographyServer;
	let arxiv: ArxivServer;
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	let clock: FakeClock;
	/** The ids of each Semantic Scholar batch sent, in order. */
	let batches: string[][];

	before(async () => {
		bib = await startBibliographyServer();
		arxiv = await startArxivServer(Object.values(RECORDS));
	});
	after(async () => {
		await bib.close();
		await arxiv.close();
	});
	beforeEach(() => {
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
		clock = new FakeClock();
		batches = [];
		bib.reset();
		bib.set({s2Papers: {}, crossrefWorks: {}});
		arxiv.reset();
		arxiv.setRecords(Object.values(RECORDS));
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	const add = (researcher: string, ...drafts: ItemDraft[]) =>
		store.transaction(() => upsertItems(store.db, {researcher, source: 'bluesky', sourceKey: `bluesky ${researcher}`, now: '2025-07-20T00:00:00.000Z'}, drafts));
	const options = (extra: Partial<EnrichOptions> = {}): EnrichOptions => ({
		store,
		http: recordingClient(batches),
		settings: {arxivApi: arxiv.api, semanticScholarApi: bib.bases.s2, semanticScholarKey: null, crossrefApi: bib.bases.crossref},
		clock,
		...extra,
	});
	const run = (extra: Partial<EnrichOptions> = {}) => enrichPapers(options(extra));

	test('a null in a Semantic Scholar batch is "not found": not an error, asked again only after a day; Crossref gets the DOI (404 text/plain)', async () => {
		bib.set({s2Papers: {'DOI:10.5555/known.1': s2Paper(1, 'A Known Paper', {DOI: '10.5555/KNOWN.1'}, {venue: 'Journal of Knowns'})}});
		add('Ada Example', post('a', ['doi:10.5555/known.1', 'doi:10.5555/unknown.2', 'acl:2024.acl-long.9']));
		const first = await run();
		assert.equal(first.error, null, 'a null is not an error');
		assert.deepEqual(batches, [['DOI:10.5555/unknown.2', 'DOI:10.5555/known.1', 'ACL:2024.acl-long.9']], 'one batch, every id kind');
		assert.equal(arxiv.count('/api/query'), 0, 'no arXiv id: the arXiv API is not asked');
		const known = store.paperMeta('doi:10.5555/known.1')!;
		assert.equal(known.title, 'A Known Paper');
		assert.deepEqual(known.authors, ['Ada Example']);
		assert.equal(known.venue, 'Journal of Knowns');
		assert.equal(known.provider, 's2');
		assert.equal(store.papers().find(p => p.id === 'doi:10.5555/known.1')!.mentions[0]!.own, true, 'own: the researcher is an author');
		for (const id of ['doi:10.5555/unknown.2', 'acl:2024.acl-long.9']) {
			const s2 = lookupState(store.db, 's2', id)!;
			assert.equal(s2.status, 'missing', id);
			assert.equal(Date.parse(s2.retryAfter!) - clock.now(), DAY, `${id}: asked again after a day`);
			assert.equal(paperMetaState(store.db, id)!.status, 'missing');
		}
		// Crossref for the DOI Semantic Scholar did not know (not for the ACL id), and its 404 is "not found" too.
		assert.deepEqual(bib.requests('crossref').map(r => r.path), ['/works/10.5555/unknown.2']);
		assert.equal(lookupState(store.db, 'crossref', 'doi:10.5555/unknown.2')!.status, 'missing');
		assert.deepEqual(first.missing.sort(), ['acl:2024.acl-long.9', 'doi:10.5555/unknown.2']);
		assert.equal(first.remaining, 0);
		assert.equal(describeEnrichment(first), 'paper metadata: 1 paper(s) described by Semantic Scholar');

		bib.reset();
		batches.length = 0;
		assert.equal((await run()).requests, 0, 'a known paper is never asked again, an unknown one not before a day');
		clock.advance(DAY - 60_000);
		assert.equal((await run()).requests, 0);
		clock.advance(2 * 60_000);
		bib.set({crossrefWorks: {'10.5555/unknown.2': crossrefWork('10.5555/unknown.2', 'Known to Crossref Now')}});
		const later = await run();
		assert.equal(later.error, null);
		assert.deepEqual(batches, [['DOI:10.5555/unknown.2', 'ACL:2024.acl-long.9']], 'only the unknown ids, a day later');
		assert.equal(store.paperMeta('doi:10.5555/unknown.2')!.title, 'Known to Crossref Now');
		assert.equal(store.paperMeta('doi:10.5555/unknown.2')!.provider, 'crossref');
		assert.equal(Date.parse(lookupState(store.db, 's2', 'acl:2024.acl-long.9')!.retryAfter!) - clock.now(), 2 * DAY, 'the delay doubles');
	});

	test('429 with Retry-After from Semantic Scholar: one error, its papers asked again once the wait is over; the arXiv API unaffected', async () => {
		add('Leqi Liu', post('a', ['arxiv:2507.02834', 'doi:10.5555/known.1']));
		bib.set({s2Papers: {'DOI:10.5555/known.1': s2Paper(1, 'A Known Paper', {DOI: '10.5555/known.1'})}});
		bib.rateLimit('s2', 120);
		const limited = await run();
		assert.match(limited.error!, /^Semantic Scholar rate limit exceeded \(shared keyless pool\): try again later, or set semanticscholar\.apiKey \(asks to wait 120 s\)$/);
		assert.equal(lookupState(store.db, 's2', 'doi:10.5555/known.1')!.status, 'failed');
		assert.equal(store.paperMeta('arxiv:2507.02834')!.category, 'cs.LG', 'the arXiv API answered all the same');
		// Both papers wait for Semantic Scholar still (the arXiv paper for its venue and links).
		assert.match(describeEnrichment(limited)!, /^paper metadata: 1 paper\(s\) described by arXiv; Semantic Scholar rate limit exceeded .*; 2 left for a later refresh$/);

		clock.advance(60_000);
		const waiting = await run();
		assert.equal(bib.count('s2'), 1, 'not asked while the wait lasts');
		assert.match(waiting.error!, /^Semantic Scholar asked to wait until /);
		clock.advance(61_000);
		const after = await run();
		assert.equal(after.error, null);
		assert.equal(bib.count('s2'), 2);
		assert.equal(store.paperMeta('doi:10.5555/known.1')!.title, 'A Known Paper');
	});

	test('a Semantic Scholar key goes in x-api-key; a batch S2 rejects (400) is halved until the bad id is alone', async () => {
		add('Ada Example', post('a', ['doi:10.5555/a', 'doi:10.5555/b', 'doi:10.5555/c']));
		bib.set({s2Papers: {'DOI:10.5555/a': s2Paper(1, 'Paper A', {DOI: '10.5555/a'}), 'DOI:10.5555/c': s2Paper(3, 'Paper C', {DOI: '10.5555/c'})}});
		bib.inject('s2', {status: 400, body: {error: 'Invalid id'}}, 2);
		const result = await run({settings: {arxivApi: arxiv.api, semanticScholarApi: bib.bases.s2, semanticScholarKey: 'k-123', crossrefApi: bib.bases.crossref}});
		assert.ok(bib.requests('s2').every(r => r.headers['x-api-key'] === 'k-123'));
		// [c b a] → 400, halved: [c b] → 400, halved: [c], [b] (unknown: null), then [a].
		assert.deepEqual(batches, [['DOI:10.5555/c', 'DOI:10.5555/b', 'DOI:10.5555/a'], ['DOI:10.5555/c', 'DOI:10.5555/b'], ['DOI:10.5555/c'], ['DOI:10.5555/b'], ['DOI:10.5555/a']]);
		assert.equal(result.error, null);
		assert.equal(store.paperMeta('doi:10.5555/a')!.title, 'Paper A');
		assert.equal(store.paperMeta('doi:10.5555/c')!.title, 'Paper C');
	});

	test('Semantic Scholar externalIds make one paper of an arXiv id and a DOI mentioned by two different items', async () => {
		const record = s2Paper(7, 'Personalized Language Modeling from Personalized Human Feedback', {ArXiv: '2402.05133', DOI: '10.1145/3700000.1'}, {
			venue: 'International Conference on Machine Learning',
			authors: [{authorId: '1', name: 'Xinyu Li'}, {authorId: '2', name: 'Leqi Liu'}],
		});
		bib.set({s2Papers: {'ARXIV:2402.05133': record, 'DOI:10.1145/3700000.1': record}});
		add('Wei Liu', post('w', ['doi:10.1145/3700000.1']));
		add('Leqi Liu', post('l', ['arxiv:2402.05133']));
		assert.equal(store.papers().length, 2);
		const result = await run();
		assert.equal(result.error, null);
		const papers = store.papers();
		assert.equal(papers.length, 1, 'one paper');
		const paper = papers[0]!;
		assert.equal(paper.id, 'arxiv:2402.05133', 'the arXiv id is the canonical one');
		assert.deepEqual(paper.ids, ['arxiv:2402.05133', 'doi:10.1145/3700000.1']);
		assert.deepEqual(paper.mentions.map(m => [m.researcher, m.own]).sort(), [['Leqi Liu', true], ['Wei Liu', false]]);
		assert.equal(paper.title, 'Personalized Language Modeling from Personalized Human Feedback', 'the arXiv title');
		assert.equal(paper.venue, 'International Conference on Machine Learning', "Semantic Scholar's venue stays when arXiv answers");
		const meta = paperMetaState(store.db, 'arxiv:2402.05133')!;
		assert.equal(meta.provider, 'arxiv+s2');
		assert.equal(meta.category, 'cs.CL');
		assert.deepEqual([...meta.ids].sort(), ['arxiv:2402.05133', 'doi:10.1145/3700000.1']);
		assert.equal(paperMetaState(store.db, 'doi:10.1145/3700000.1'), undefined, 'nothing left under the DOI');
		assert.equal(lookupState(store.db, 's2', 'doi:10.1145/3700000.1')!.status, 'ok');

		bib.reset();
		arxiv.reset();
		clock.advance(60_000);
		assert.equal((await run()).requests, 0, 'the merged paper is asked nowhere again, by either of its names');
	});

	test('Crossref has-preprint links a DOI Semantic Scholar does not know to the arXiv paper another item mentions', async () => {
		bib.set({
			crossrefWorks: {
				'10.1016/j.example.2025.01': crossrefWork('10.1016/j.example.2025.01', 'ExPO, published', {
					relation: {'has-preprint': [{'id-type': 'doi', id: '10.48550/arXiv.2507.02834', 'asserted-by': 'subject'}]},
				}),
			},
		});
		add('Amy Zhang', post('a', ['doi:10.1016/j.example.2025.01', 'doi:10.1016/j.gone.404']));
		add('Leqi Liu', post('l', ['arxiv:2507.02834']));
		const result = await run();
		assert.equal(result.error, null, 'a 404 from Crossref is "not found", not a failure');
		assert.deepEqual(bib.requests('crossref').map(r => r.path).sort(), ['/works/10.1016/j.example.2025.01', '/works/10.1016/j.gone.404']);
		const expo = store.papers().find(p => p.id === 'arxiv:2507.02834')!;
		assert.deepEqual(expo.ids, ['arxiv:2507.02834', 'doi:10.1016/j.example.2025.01']);
		assert.deepEqual(expo.mentions.map(m => m.researcher).sort(), ['Amy Zhang', 'Leqi Liu']);
		assert.equal(expo.title, 'ExPO: Unlocking Hard Reasoning with Self-Explanation-Guided Reinforcement Learning');
		assert.equal(expo.venue, 'Journal of Examples');
		assert.equal(lookupState(store.db, 'crossref', 'doi:10.1016/j.gone.404')!.status, 'missing');
	});

	test('metadata stored under an id that a source then merges into another paper follows the paper', async () => {
		bib.set({s2Papers: {'DOI:10.5555/pub.1': s2Paper(1, 'Published Title', {DOI: '10.5555/pub.1'}, {venue: 'Venue One'})}});
		add('Ada Example', post('a', ['doi:10.5555/pub.1']));
		await run();
		assert.equal(store.paperMeta('doi:10.5555/pub.1')!.venue, 'Venue One');
		// A bibliography source learns that the DOI is the published version of an arXiv preprint.
		store.transaction(() => registerWork(store.db, ['arxiv:2501.00001', 'doi:10.5555/pub.1']));
		assert.equal(store.papers()[0]!.id, 'arxiv:2501.00001');
		await run();
		assert.equal(paperMetaState(store.db, 'doi:10.5555/pub.1'), undefined);
		assert.equal(store.papers()[0]!.venue, 'Venue One', 'the metadata moved to the merged paper');
	});

	test('1,000 papers of mixed ids: two Semantic Scholar batches of 500, the arXiv API in batches of 100, Crossref once per DOI S2 lacks', async () => {
		const arxivIds = Array.from({length: 400}, (_, i) => `2501.${String(10000 + i)}`);
		const dois = Array.from({length: 400}, (_, i) => `10.5555/mixed.${i}`);
		const acls = Array.from({length: 200}, (_, i) => `2024.acl-long.${i + 1}`);
		const records: ArxivRecord[] = arxivIds.map(id => ({
			id,
			version: 1,
			title: `Preprint ${id}`,
			summary: 'An abstract.',
			authors: ['Ada Example'],
			primaryCategory: 'cs.LG',
			categories: ['cs.LG'],
			published: '2025-01-02T00:00:00Z',
			updated: '2025-01-02T00:00:00Z',
		}));
		arxiv.setRecords(records);
		const s2Papers: Record<string, unknown> = {};
		arxivIds.forEach((id, i) => (s2Papers[`ARXIV:${id}`] = s2Paper(i, `Preprint ${id}`, {ArXiv: id})));
		// Semantic Scholar lacks the last 20 DOIs; Crossref knows half of those.
		dois.slice(0, 380).forEach((doi, i) => (s2Papers[`DOI:${doi}`] = s2Paper(1000 + i, `Paper ${doi}`, {DOI: doi})));
		acls.forEach((acl, i) => (s2Papers[`ACL:${acl}`] = s2Paper(2000 + i, `ACL paper ${acl}`, {ACL: acl})));
		const crossrefWorks: Record<string, unknown> = {};
		for (const doi of dois.slice(380, 390)) crossrefWorks[doi] = crossrefWork(doi, `Crossref paper ${doi}`);
		bib.set({s2Papers, crossrefWorks});
		const all = [...arxivIds.map(id => `arxiv:${id}`), ...dois.map(d => `doi:${d}`), ...acls.map(a => `acl:${a}`)];
		for (let i = 0; i < all.length; i += 100) add(`Researcher ${i / 100}`, post(`p${i}`, all.slice(i, i + 100)));

		const result = await run();
		assert.deepEqual(batches.map(b => b.length), [500, 500], 'Semantic Scholar: two requests of 500 ids');
		assert.equal(new Set(batches.flat()).size, 1000, 'every paper once');
		assert.deepEqual(arxiv.idLists().map(l => l.length), [100, 100, 100, 100], 'the arXiv API: four requests of 100 arXiv ids');
		assert.equal(bib.count('crossref'), 20, 'Crossref: one request per DOI Semantic Scholar lacks');
		assert.equal(result.requests, 26);
		assert.deepEqual(
			Object.fromEntries(Object.entries(result.services).map(([s, o]) => [s, o.described])),
			{arxiv: 400, s2: 980, crossref: 10},
		);
		assert.equal(result.enriched.length, 990);
		assert.equal(result.remaining, 0);
		assert.equal(result.error, null);
		assert.equal(describeEnrichment(result), 'paper metadata: 400 paper(s) described by arXiv, 980 by Semantic Scholar, 10 by Crossref');
	});

	test('a run overlaps its sources: poke picks up new papers; finish(grace) abandons what is still under way for the next run', async () => {
		// A server of its own: this one stops answering half-way.
		const s2 = await startBibliographyServer({
			s2Papers: {'DOI:10.5555/early': s2Paper(1, 'Early', {DOI: '10.5555/early'}), 'DOI:10.5555/late': s2Paper(2, 'Late', {DOI: '10.5555/late'})},
		});
		try {
			add('Ada Example', post('a', ['doi:10.5555/early']));
			const metadata = startMetadata(options({settings: {arxivApi: arxiv.api, semanticScholarApi: s2.bases.s2, crossrefApi: s2.bases.crossref}}));
			// Papers waiting before the run are asked about at once, while sources are still to come.
			await until(() => store.paperMeta('doi:10.5555/early') !== undefined);
			// A source saves a new paper; then Semantic Scholar stops answering.
			s2.servers.s2.route('POST', '/graph/v1/paper/batch', () => undefined);
			add('Ada Example', post('b', ['doi:10.5555/late']));
			metadata.poke();
			await until(() => s2.count('s2') === 2);
			const started = Date.now();
			const result = await metadata.finish(200);
			const took = Date.now() - started;
			assert.ok(took < 2000, `finish(200) took ${took} ms`);
			assert.equal(store.paperMeta('doi:10.5555/late'), undefined);
			assert.equal(result.error, null, 'abandoned at the end of the run is not a failure');
			assert.equal(result.remaining, 1, 'left for a later run');
			assert.equal(lookupState(store.db, 's2', 'doi:10.5555/late'), undefined, 'as never asked, for the next run');
		} finally {
			await s2.close();
		}
	});
});

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error('timed out waiting');
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}
