import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import type {ItemDraft} from '../../src/domain/types.js';
import {createHttpClient, type HttpClient} from '../../src/net/http.js';
import {enrichPapers} from '../../src/papers/enrich.js';
import {upsertItems} from '../../src/store/items.js';
import {paperMetaState} from '../../src/store/paper-meta.js';
import {Store} from '../../src/store/store.js';
import {RECORDS} from '../fixtures/arxiv/papers.js';
import {type ArxivServer, startArxivServer} from '../helpers/arxiv-server.js';
import {FakeClock} from '../helpers/fake-clock.js';
import {tempHome} from '../helpers/temp-home.js';

function post(id: string, paperIds: string[], researcher = 'Leqi Liu'): [string, ItemDraft] {
	return [
		researcher,
		{
			id,
			kind: 'post',
			date: '2025-07-20T00:00:00.000Z',
			datePrecision: 'instant',
			title: null,
			text: `post ${id}`,
			url: `https://example.org/${id}`,
			posts: [],
			links: [],
			papers: paperIds.map(p => ({id: p, url: `https://arxiv.org/abs/${p.slice(6)}`, title: `card title of ${p}`})),
		},
	];
}

describe('enrichPapers against a loopback arXiv API', () => {
	let server: ArxivServer;
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	let clock: FakeClock;
	let http: HttpClient;
	/** Fake-clock time of each API request. */
	let sentAt: number[];
	const all = Object.values(RECORDS);

	before(async () => {
		server = await startArxivServer(all);
	});
	after(() => server.close());
	beforeEach(() => {
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
		clock = new FakeClock();
		sentAt = [];
		const real = createHttpClient({retries: 0});
		http = {
			...real,
			get: request => {
				sentAt.push(clock.now());
				return real.get(request);
			},
		};
		server.reset();
		server.setRecords(all);
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	const add = (...posts: Array<[string, ItemDraft]>) =>
		store.transaction(() => {
			for (const [researcher, draft] of posts) upsertItems(store.db, {researcher, source: 'bluesky', sourceKey: `bluesky ${researcher}`, now: '2025-07-20T00:00:00.000Z'}, [draft]);
		});
	const run = (extra: {batchSize?: number; maxRequests?: number} = {}) => enrichPapers({store, http, settings: {arxivApi: server.api}, clock, ...extra});

	test('batches ids, waits 3 s between requests (fake clock), and never asks for a known paper again', async () => {
		add(post('a', all.slice(0, 4).map(r => `arxiv:${r.id}`)), post('b', all.slice(4).map(r => `arxiv:${r.id}`), 'Wei Liu'));
		const started = Date.now();
		const result = await run({batchSize: 4});
		assert.equal(result.requests, 2);
		assert.equal(result.error, null);
		assert.equal(result.enriched.length, 6);
		assert.deepEqual(server.idLists().map(l => l.length), [4, 2], 'many ids per request');
		assert.deepEqual(server.requests.map(r => r.query['max_results']), ['4', '2']);
		assert.ok(server.idLists().flat().includes('hep-th/9901001'), 'old-style ids are sent as such');
		assert.equal(sentAt[1]! - sentAt[0]!, 3000, 'the second request waited 3 s');
		assert.deepEqual(clock.sleeps, [3000]);
		assert.ok(Date.now() - started < 2500, 'no real waiting');

		const meta = store.paperMeta('arxiv:2507.02834')!;
		assert.equal(meta.title, 'ExPO: Unlocking Hard Reasoning with Self-Explanation-Guided Reinforcement Learning');
		assert.equal(meta.published, '2025-07-03T17:41:42.000Z');
		assert.equal(meta.category, 'cs.LG');
		const papers = store.papers();
		const expo = papers.find(p => p.id === 'arxiv:2507.02834')!;
		assert.equal(expo.title, meta.title, 'metadata title wins over the card title');
		assert.deepEqual(expo.authors, ['Ruiyang Zhou', 'Shuozhe Li', 'Amy Zhang', 'Liu Leqi']);
		assert.deepEqual(expo.mentions.map(m => [m.researcher, m.own]), [['Leqi Liu', true]]);
		assert.equal(store.getItem('a')!.papers.find(p => p.id === 'arxiv:2507.02834')!.title, meta.title);
		assert.equal(store.listItems({search: 'secretly a reward'}).length, 1, 'metadata titles are searchable');
		assert.deepEqual(store.papers({own: true}).map(p => p.id).sort(), ['arxiv:2402.05133', 'arxiv:2410.13828', 'arxiv:2501.00001', 'arxiv:2507.02834']);

		server.reset();
		clock.advance(60_000);
		const again = await run();
		assert.equal(again.requests, 0);
		assert.equal(server.count('/api/query'), 0, 'a known paper is never asked for again');
	});

	test('the 3 s interval holds across runs (kept in the cache)', async () => {
		add(post('a', ['arxiv:2507.02834']));
		await run();
		clock.advance(1000);
		add(post('b', ['arxiv:2402.05133']));
		await run();
		assert.deepEqual(clock.sleeps, [2000]);
		assert.equal(sentAt[1]! - sentAt[0]!, 3000);
		assert.deepEqual(server.idLists(), [['2507.02834'], ['2402.05133']], 'only the new paper is asked for');
	});

	test('a request that never reached the server (connection refused) does not hold back the next run', async () => {
		add(post('a', ['arxiv:2507.02834']));
		const closed = await startArxivServer();
		await closed.close();
		const refused = await enrichPapers({store, http, settings: {arxivApi: closed.api}, clock});
		assert.match(refused.error!, /connection refused/);
		assert.equal(paperMetaState(store.db, 'arxiv:2507.02834')!.status, 'failed');
		const next = await run();
		assert.equal(next.enriched.length, 1);
		assert.deepEqual(clock.sleeps, [], 'nothing reached arXiv, so nothing to wait for');
	});

	test('concurrent runs in one process are serialised and share one interval', async () => {
		add(post('a', ['arxiv:2507.02834']), post('b', ['arxiv:2402.05133'], 'Wei Liu'));
		const [first, second] = await Promise.all([run({batchSize: 1, maxRequests: 1}), run({batchSize: 1, maxRequests: 1})]);
		assert.equal(first.enriched.length + second.enriched.length, 2);
		assert.deepEqual(server.idLists(), [['2507.02834'], ['2402.05133']]);
		assert.equal(sentAt[1]! - sentAt[0]!, 3000);
	});

	test('a failed request is retried on the next run; metadata then arrives', async () => {
		add(post('a', ['arxiv:2507.02834', 'arxiv:2402.05133']));
		server.failNext(1, 503);
		const failed = await run();
		assert.equal(failed.requests, 1, 'the first failure ends the run');
		assert.match(failed.error!, /HTTP 503/);
		assert.deepEqual(failed.failed.sort(), ['arxiv:2402.05133', 'arxiv:2507.02834']);
		assert.equal(paperMetaState(store.db, 'arxiv:2507.02834')!.status, 'failed');
		assert.equal(store.papers().find(p => p.id === 'arxiv:2507.02834')!.title, 'card title of arxiv:2507.02834');
		const retried = await run();
		assert.equal(retried.error, null);
		assert.equal(retried.enriched.length, 2);
		assert.equal(server.count('/api/query'), 2);
		assert.equal(paperMetaState(store.db, 'arxiv:2507.02834')!.attempts, 2);
	});

	test('Retry-After pauses the next runs', async () => {
		add(post('a', ['arxiv:2507.02834']));
		server.failNext(1, 503, {'retry-after': '120'});
		await run();
		clock.advance(60_000);
		const paused = await run();
		assert.equal(paused.requests, 0);
		assert.match(paused.error!, /asked to wait/);
		clock.advance(61_000);
		// A later process: a new HTTP client (this one remembers the real Retry-After by itself).
		http = createHttpClient({retries: 0});
		assert.equal((await run()).enriched.length, 1);
	});

	test('a malformed id (the API error entry) is dropped for good and the rest asked again', async () => {
		add(post('a', ['arxiv:2507.02834', 'arxiv:2501.1234567', 'arxiv:2402.05133']));
		const result = await run();
		assert.deepEqual(result.invalid, ['arxiv:2501.1234567']);
		assert.deepEqual(result.enriched.sort(), ['arxiv:2402.05133', 'arxiv:2507.02834']);
		assert.equal(result.requests, 2);
		assert.equal(server.requests[0]!.query['id_list']!.split(',').length, 3);
		assert.deepEqual(server.idLists()[1]!.sort(), ['2402.05133', '2507.02834']);
		assert.equal(paperMetaState(store.db, 'arxiv:2501.1234567')!.status, 'invalid');
		clock.advance(30 * 24 * 3600_000);
		assert.equal((await run()).requests, 0, 'never asked again');
	});

	test('a paper the API does not know is asked again only after a delay', async () => {
		add(post('a', ['arxiv:2509.99999']));
		const first = await run();
		assert.deepEqual(first.missing, ['arxiv:2509.99999']);
		const state = paperMetaState(store.db, 'arxiv:2509.99999')!;
		assert.equal(state.status, 'missing');
		assert.equal(Date.parse(state.retryAfter!) - clock.now(), 3600_000);
		clock.advance(30 * 60_000);
		assert.equal((await run()).requests, 0);
		clock.advance(31 * 60_000);
		const second = await run();
		assert.equal(second.requests, 1);
		assert.equal(Date.parse(paperMetaState(store.db, 'arxiv:2509.99999')!.retryAfter!) - clock.now(), 2 * 3600_000, 'the delay doubles');
	});

	test('at most maxRequests per run; the rest waits for the next run', async () => {
		add(post('a', all.slice(0, 5).map(r => `arxiv:${r.id}`)));
		const result = await run({batchSize: 1, maxRequests: 2});
		assert.equal(result.requests, 2);
		assert.equal(result.remaining, 3);
		assert.equal((await run({batchSize: 10})).enriched.length, 3);
	});

	test('metadata outlives the researcher: re-adding the paper asks nothing', async () => {
		add(post('a', ['arxiv:2507.02834']));
		await run();
		store.deleteSources(['bluesky Leqi Liu']);
		add(post('c', ['arxiv:2507.02834'], 'Wei Liu'));
		server.reset();
		await run();
		assert.equal(server.count('/api/query'), 0);
		assert.equal(store.papers()[0]!.title, RECORDS.expo.title.replace(/\s+/g, ' '));
	});
});
