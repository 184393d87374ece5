/**
 * The orchestrator with the real HTTP client, the real feed adapter and a loopback server: at most
 * `concurrency` requests are in flight however many sources wait to be parsed, every source's items
 * are found by search as soon as its result is reported, and the search index catches up after
 * the sources (Store.deferSearchIndex).
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import {Config} from '../../src/config/config.js';
import type {ResearcherConfig} from '../../src/domain/types.js';
import {createHttpClient} from '../../src/net/http.js';
import {refreshSources} from '../../src/refresh/refresh.js';
import {loadAdapters} from '../../src/sources/index.js';
import {Store} from '../../src/store/store.js';
import {type LoopbackServer, sendText, startServer} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

const FEEDS = 9;
const ENTRIES = 5;

function atom(n: number): string {
	const entries = Array.from(
		{length: ENTRIES},
		(_, e) => `<entry><id>https://blog${n}.example.org/${e}</id><title>Post ${e} of blog ${n}</title>
		<link href="https://blog${n}.example.org/${e}"/><updated>2025-07-${String(10 + e).padStart(2, '0')}T00:00:00Z</updated>
		<content type="html">&lt;p&gt;Entry ${e}: blogword${n} and common words&lt;/p&gt;</content></entry>`,
	);
	return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog ${n}</title><id>urn:blog${n}</id>
	<updated>2025-07-20T00:00:00Z</updated>${entries.join('')}</feed>`;
}

describe('refresh: requests in flight and the search index', () => {
	let server: LoopbackServer;
	let inFlight = 0;
	let maxInFlight = 0;
	let home: ReturnType<typeof tempHome>;
	let store: Store;

	before(async () => {
		server = await startServer();
		server.route('GET', '/feed/*', async (_req, res, url) => {
			inFlight++;
			maxInFlight = Math.max(maxInFlight, inFlight);
			await new Promise(resolve => setTimeout(resolve, 20));
			inFlight--;
			sendText(res, 200, atom(Number(/\d+/.exec(url.pathname)![0])), 'application/atom+xml; charset=utf-8');
		});
	});
	after(() => server.close());
	beforeEach(() => {
		home = tempHome('rf-refresh-index-');
		store = new Store(join(home.dir, 'cache.db'));
		maxInFlight = 0;
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	test('at most `concurrency` requests at once; each source searchable when reported; indexed afterwards', async () => {
		const researchers: ResearcherConfig[] = Array.from({length: FEEDS}, (_, n) => ({name: `Researcher ${n}`, sources: [{kind: 'feed', target: `${server.url}/feed/${n}.xml`}]}));
		const settings = {...(await Config.open(home.dir, {write: false})).settings({}), concurrency: 2};
		const reported: string[] = [];
		const results = await refreshSources({
			researchers,
			store,
			http: createHttpClient({retries: 0}),
			settings,
			adapters: await loadAdapters(['feed']),
			onResult: result => {
				// Reported means saved: its items are found by search already, queued for the index or not.
				const n = /\d+/.exec(result.researcher)![0];
				assert.equal(store.countItems({search: `blogword${n} `}), ENTRIES, `items of ${result.researcher} when reported`);
				reported.push(result.researcher);
			},
		});
		assert.deepEqual(
			results.map(r => [r.ok, r.newItems, r.error]),
			researchers.map(() => [true, ENTRIES, null]),
		);
		assert.equal(reported.length, FEEDS);
		assert.equal(maxInFlight, 2, 'requests at once');
		assert.equal(store.countItems({search: 'common words'}), FEEDS * ENTRIES);
		await store.searchIndexSettled();
		assert.equal(store.db.prepare('SELECT COUNT(*) FROM items_fts_pending').pluck().get(), 0, 'the index caught up');
		assert.equal(store.db.prepare(`SELECT COUNT(*) FROM items_fts WHERE items_fts MATCH '"common words"'`).pluck().get(), FEEDS * ENTRIES);
		assert.equal(store.countItems({search: 'blogword3 '}), ENTRIES);
	});

	test('a source leaves its place among those under way once its write is queued: the writes of a refresh gather into one commit', async () => {
		const researchers: ResearcherConfig[] = Array.from({length: FEEDS}, (_, n) => ({name: `Researcher ${n}`, sources: [{kind: 'feed', target: `${server.url}/feed/${n}.xml`}]}));
		// One request at a time, two sources under way: had each held its place until its write
		// committed, the first two would have waited for the batch's delay (a second) with nothing
		// else fetched, and the refresh would have committed at least FEEDS / 2 times.
		const settings = {...(await Config.open(home.dir, {write: false})).settings({}), concurrency: 1};
		let commits = 0;
		const original = store.transaction.bind(store);
		store.transaction = <T>(fn: () => T): T => {
			commits++;
			return original(fn);
		};
		const results = await refreshSources({researchers, store, http: createHttpClient({retries: 0}), settings, adapters: await loadAdapters(['feed'])});
		assert.deepEqual(
			results.map(r => r.ok),
			researchers.map(() => true),
		);
		assert.equal(commits, 1, 'every source in one commit, made when the last write was queued');
		assert.equal(store.countItems({}), FEEDS * ENTRIES);
	});
});
