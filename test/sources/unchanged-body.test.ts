/**
 * A server that ignores conditional requests and sends the very bytes the last refresh read: the
 * document is treated as a 304 (fetchDocument), so nothing is parsed and nothing stored is
 * rewritten; a body that changed is parsed as before. A homepage whose news lives on a page of its
 * own is always read (that page may change while the homepage does not). The real adapters and
 * HTTP client against a loopback server that sends no validators.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, afterEach, before, beforeEach, describe, test} from 'node:test';
import {Config} from '../../src/config/config.js';
import type {ResearcherConfig} from '../../src/domain/types.js';
import {createHttpClient} from '../../src/net/http.js';
import {refreshSources} from '../../src/refresh/refresh.js';
import {adapterLoads} from '../../src/sources/index.js';
import {Store} from '../../src/store/store.js';
import {type LoopbackServer, sendText, startServer} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

function atom(entries: number): string {
	const list = Array.from(
		{length: entries},
		(_, e) => `<entry><id>https://blog.example.org/${e}</id><title>Post ${e}</title><link href="https://blog.example.org/${e}"/>
		<updated>2025-07-${String(10 + e).padStart(2, '0')}T00:00:00Z</updated><content type="text">Entry ${e}.</content></entry>`,
	);
	return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><id>urn:blog</id>
	<updated>2025-07-20T00:00:00Z</updated>${list.join('')}</feed>`;
}

const homepage = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/homepages', name), 'utf8');

describe('a body the same as last time, from a server without validators', () => {
	let server: LoopbackServer;
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	let feed = atom(2);
	let newsRequests = 0;

	before(async () => {
		server = await startServer();
		server.route('GET', '/feed.xml', (_req, res) => sendText(res, 200, feed, 'application/atom+xml; charset=utf-8'));
		server.route('GET', '/leo/', (_req, res) => sendText(res, 200, homepage('al-folio-no-news.html'), 'text/html; charset=utf-8'));
		server.route('GET', '/news/', (_req, res) => {
			newsRequests++;
			sendText(res, 200, homepage('al-folio-news.html'), 'text/html; charset=utf-8');
		});
	});
	after(() => server.close());
	beforeEach(() => {
		home = tempHome('rf-unchanged-body-');
		store = new Store(join(home.dir, 'cache.db'));
	});
	afterEach(() => {
		store.close();
		home.cleanup();
	});

	const refresh = async (researchers: ResearcherConfig[]) => {
		const settings = (await Config.open(home.dir, {write: false})).settings({});
		const [result] = await refreshSources({researchers, store, http: createHttpClient({retries: 0}), settings, adapters: adapterLoads(['feed', 'homepage'])});
		assert.equal(result?.ok, true, result?.error ?? '');
		return result;
	};
	const texts = () => store.db.prepare(`SELECT text FROM items ORDER BY id`).pluck().all() as string[];

	test('a feed: the same bytes are not parsed and nothing is rewritten; new bytes are parsed', async () => {
		const blog: ResearcherConfig[] = [{name: 'Bo Blog', sources: [{kind: 'feed', target: `${server.url}/feed.xml`}]}];
		feed = atom(2);
		assert.equal((await refresh(blog)).newItems, 2);
		// A mark on the stored items: the feed parsed again would write its entries over them.
		store.db.prepare(`UPDATE items SET text = 'probe'`).run();
		const again = await refresh(blog);
		assert.equal(again.newItems, 0);
		assert.deepEqual(texts(), ['probe', 'probe'], 'nothing was rewritten');
		feed = atom(3);
		assert.equal((await refresh(blog)).newItems, 1);
		assert.deepEqual(texts().sort(), ['Entry 0.', 'Entry 1.', 'Entry 2.'], 'the changed feed was parsed and saved whole');
	});

	test("a homepage whose news is on a page of its own reads that page every time, the homepage's bytes unchanged or not", async () => {
		const leo: ResearcherConfig[] = [{name: 'Leo Page', sources: [{kind: 'homepage', target: `${server.url}/leo/`}]}];
		newsRequests = 0;
		const first = await refresh(leo);
		assert.ok(first.newItems > 0);
		await refresh(leo);
		assert.equal(newsRequests, 2, 'the news page was asked both times');
	});
});
