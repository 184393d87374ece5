/**
 * The refresh wiring both the `refresh` command and the timeline's refresh process use: the fault
 * limits reach the HTTP client, the adapters of the configured kinds are loaded, and the refresh's
 * connection runs with the smaller page cache (refresh-memory.ts). Real client, real feed adapter,
 * a loopback server.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {Config} from '../../src/config/config.js';
import {limitsFromEnv} from '../../src/refresh/limits.js';
import {refreshConfigured} from '../../src/refresh/refresh-configured.js';
import {REFRESH_PAGE_CACHE_KIB} from '../../src/refresh/refresh-memory.js';
import {Store} from '../../src/store/store.js';
import {type LoopbackServer, sendText, startServer} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

const ATOM = `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Lab</title><id>urn:lab</id>
<updated>2025-07-20T00:00:00Z</updated><entry><id>urn:lab:1</id><title>A new preprint</title><link href="https://lab.example.org/1"/>
<updated>2025-07-20T00:00:00Z</updated><content type="html">&lt;p&gt;See &lt;a href="https://arxiv.org/abs/2507.02834"&gt;the paper&lt;/a&gt;&lt;/p&gt;</content></entry></feed>`;

describe('refreshConfigured', () => {
	let server: LoopbackServer;
	let brokenAsked = 0;
	before(async () => {
		server = await startServer();
		server.route('GET', '/lab.xml', (_req, res) => sendText(res, 200, ATOM, 'application/atom+xml; charset=utf-8'));
		server.route('GET', '/broken.xml', (_req, res) => {
			brokenAsked++;
			sendText(res, 503, 'down for maintenance', 'text/plain');
		});
	});
	after(() => server.close());

	test('the fault limits reach the client, the feed adapter is loaded, the page cache is the refresh’s', async () => {
		const home = tempHome('rf-refresh-configured-');
		const store = new Store(join(home.dir, 'cache.db'));
		try {
			const settings = (await Config.open(home.dir, {write: false})).settings({});
			const results = await refreshConfigured({
				researchers: [
					{name: 'Ada', sources: [{kind: 'feed', target: `${server.url}/lab.xml`}]},
					{name: 'Bo', sources: [{kind: 'feed', target: `${server.url}/broken.xml`}]},
				],
				store,
				settings,
				// By default a 503 is retried; the override says not to.
				limits: limitsFromEnv({RESEARCH_FEED_HTTP_RETRIES: '0'}),
			});
			assert.deepEqual(
				results.map(r => [r.researcher, r.ok, r.newItems]),
				[
					['Ada', true, 1],
					['Bo', false, 0],
				],
			);
			assert.match(results[1]!.error ?? '', /503/);
			assert.equal(brokenAsked, 1, 'RESEARCH_FEED_HTTP_RETRIES=0 reached the client');
			assert.deepEqual(
				store.listItems({}, 0, 10).map(i => i.researcher),
				['Ada'],
			);
			assert.equal(store.db.pragma('cache_size', {simple: true}), -REFRESH_PAGE_CACHE_KIB.least, 'a small cache file keeps the small page cache');
		} finally {
			store.close();
			home.cleanup();
		}
	});
});
