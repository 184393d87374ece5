/**
 * A refresh and the live stream writing the same account at once (the timeline's stream and a
 * cron `refresh`): the real Bluesky adapter against the loopback AppView, and a live save landing
 * after the adapter read the cache but before the refresh saved. Neither loses the other's posts,
 * and a post the stream saw deleted is not brought back by an author feed that still lists it.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {Config} from '../../src/config/config.js';
import type {ResearcherConfig} from '../../src/domain/types.js';
import {sourceKey} from '../../src/domain/identity.js';
import {applyLiveBatch, postEntry} from '../../src/live/apply.js';
import {createHttpClient} from '../../src/net/http.js';
import {postFromRecord} from '../../src/parse/bluesky/record-post.js';
import {refreshSources} from '../../src/refresh/refresh.js';
import {blueskyAdapter} from '../../src/sources/bluesky.js';
import type {SourceAdapter} from '../../src/sources/types.js';
import {Store} from '../../src/store/store.js';
import {makePost, refOf} from '../fixtures/bluesky/build.js';
import {ADA, type LiveWorld, startLiveWorld} from '../helpers/live-world.js';
import {tempHome} from '../helpers/temp-home.js';

describe('a refresh and the live stream at once', () => {
	let world: LiveWorld;
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	const researchers: ResearcherConfig[] = [{name: 'Ada Live', sources: [{kind: 'bluesky', target: ADA.did}]}];
	const source = {researcher: 'Ada Live', sourceKey: sourceKey({kind: 'bluesky', target: ADA.did}), did: ADA.did};
	const refresh = async (during: () => void) => {
		const settings = (await Config.open(home.dir, {write: false})).settings({RESEARCH_FEED_BLUESKY_SERVICE: world.appview.url});
		// The real adapter; the live save happens once it has read the cache and fetched the feed.
		const adapter: SourceAdapter = {
			fetch: async ctx => {
				const out = await blueskyAdapter.fetch(ctx);
				during();
				return out;
			},
		};
		const [result] = await refreshSources({researchers, store, http: createHttpClient(), settings, adapters: {bluesky: adapter}});
		assert.equal(result?.ok, true, result?.error ?? '');
	};

	before(async () => {
		world = await startLiveWorld();
		home = tempHome();
		store = new Store(join(home.dir, 'cache.db'));
		await refresh(() => undefined);
	});
	after(async () => {
		store.close();
		await world.close();
		home.cleanup();
	});

	test('a self-reply saved live while a refresh brings its root: the thread holds both', async () => {
		const root = await world.post(ADA, 'A root the refresh brings.');
		const reply = await makePost({author: ADA, createdAt: new Date(Date.now() + 5).toISOString(), text: 'A reply only the stream has seen.', reply: {root: refOf(root.view), parent: refOf(root.view)}});
		await refresh(() => {
			const post = postFromRecord(reply.uri, ADA.did, reply.record, new Date().toISOString());
			applyLiveBatch(store, [{source, entries: [postEntry(post)], deleted: []}], Date.now() * 1000, new Date(), false);
		});
		const thread = store.listItems({}, 0, 50).find(i => i.posts.some(p => p.uri === root.view.uri));
		assert.equal(thread?.kind, 'thread');
		assert.deepEqual(thread?.posts.map(p => p.uri), [root.view.uri, reply.uri]);
	});

	test('a post deleted live stays deleted when the author feed still lists it', async () => {
		const doomed = await world.post(ADA, 'Deleted, but the AppView lags.');
		const other = await world.post(ADA, 'Something new, so the refresh saves.');
		await refresh(() => undefined);
		assert.ok(store.listItems({}, 0, 50).some(i => i.posts.some(p => p.uri === doomed.view.uri)));
		applyLiveBatch(store, [{source, entries: [], deleted: [doomed.view.uri]}], Date.now() * 1000, new Date(), false);
		assert.ok(!store.listItems({}, 0, 50).some(i => i.posts.some(p => p.uri === doomed.view.uri)), 'gone');
		const newer = await world.post(ADA, 'Newer still, the feed has changed.');
		await refresh(() => undefined);
		const now = store.listItems({}, 0, 50);
		assert.ok(now.some(i => i.posts.some(p => p.uri === newer.view.uri)), 'the refresh saved');
		assert.ok(now.some(i => i.posts.some(p => p.uri === other.view.uri)));
		assert.ok(!now.some(i => i.posts.some(p => p.uri === doomed.view.uri)), 'still gone');
	});
});
