/**
 * An author feed whose first page is, byte for byte, the one the last refresh read brings nothing:
 * the Bluesky adapter ends the call before the client parses and validates it, and nothing stored
 * is rewritten. A page that changed in any way is parsed and saved as before. The real adapter and
 * HTTP client against the loopback AppView.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {Config} from '../../src/config/config.js';
import type {ResearcherConfig} from '../../src/domain/types.js';
import {sourceKey} from '../../src/domain/identity.js';
import {createHttpClient} from '../../src/net/http.js';
import {refreshSources} from '../../src/refresh/refresh.js';
import {blueskyAdapter} from '../../src/sources/bluesky.js';
import {getSourceState} from '../../src/store/sources.js';
import {Store} from '../../src/store/store.js';
import {HANDLES, leqiFixture} from '../fixtures/bluesky/build.js';
import {tempHome} from '../helpers/temp-home.js';
import {NSID, startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';

describe('an unchanged first page of an author feed', () => {
	let server: XrpcServer;
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	let leqi: Awaited<ReturnType<typeof leqiFixture>>;
	const researchers: ResearcherConfig[] = [{name: 'Leqi Liu', sources: [{kind: 'bluesky', target: HANDLES.leqi}]}];
	const key = sourceKey({kind: 'bluesky', target: HANDLES.leqi});

	const refresh = async () => {
		const settings = (await Config.open(home.dir, {write: false})).settings({RESEARCH_FEED_BLUESKY_SERVICE: server.url});
		const [result] = await refreshSources({researchers, store, http: createHttpClient(), settings, adapters: {bluesky: blueskyAdapter}});
		assert.equal(result?.ok, true, result?.error ?? '');
		return result;
	};
	/** Stored posts carrying the mark a rewrite would drop. */
	const marked = () => (store.db.prepare(`SELECT COUNT(*) AS n FROM posts WHERE source_key = ? AND json_extract(data, '$.probe') = 1`).get(key) as {n: number}).n;
	const feedRequests = () => server.requests.filter(r => r.path === `/xrpc/${NSID.getAuthorFeed}`).length;

	before(async () => {
		leqi = await leqiFixture();
		server = await startXrpcServer({actors: [leqi], pageSize: 100});
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
		await refresh(); // the first fetch
		await refresh(); // a recheck: its first page's hash is kept
	});
	after(async () => {
		store.close();
		await server.close();
		home.cleanup();
	});

	test('is fetched but neither parsed nor saved: what was stored stands', async () => {
		assert.equal(typeof getSourceState(store.db, key)?.state['page'], 'string', 'the recheck kept its page hash');
		const stored = (store.db.prepare('SELECT COUNT(*) AS n FROM posts WHERE source_key = ?').get(key) as {n: number}).n;
		assert.ok(stored > 3);
		// A mark on every stored post: parsing the page and comparing its posts would find them
		// different and write them again, without the mark.
		store.db.prepare(`UPDATE posts SET data = json_set(data, '$.probe', 1) WHERE source_key = ?`).run(key);
		const requests = feedRequests();
		const before = getSourceState(store.db, key)!;
		const result = await refresh();
		assert.equal(result.newItems, 0);
		assert.equal(feedRequests(), requests + 1, 'one request, the first page');
		assert.equal(marked(), stored, 'no stored post was rewritten');
		const after = getSourceState(store.db, key)!;
		assert.notEqual(after.lastSuccess, before.lastSuccess, 'the source still records its successful refresh');
		assert.deepEqual(after.state, before.state);
	});

	test('a page that changed, even by a like count, is parsed and its posts saved', async () => {
		const before = getSourceState(store.db, key)!.state['page'];
		const first = leqi.feed[0]!.post;
		first.likeCount = (first.likeCount ?? 0) + 1;
		await refresh();
		assert.equal(marked(), 0, 'the posts were compared with the page and written again');
		assert.notEqual(getSourceState(store.db, key)!.state['page'], before, 'the new page is the one compared next time');
		// And the page as it now is counts as unchanged on the next refresh.
		store.db.prepare(`UPDATE posts SET data = json_set(data, '$.probe', 1) WHERE source_key = ?`).run(key);
		await refresh();
		assert.ok(marked() > 0);
	});
});
