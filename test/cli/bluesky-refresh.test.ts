import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import type {Item, Paper} from '../../src/domain/types.js';
import {EXPO_THREAD, EXPO_THREAD_LATER, HANDLES, leqiFixture, leqiLaterFixture, PAPERS, weiFixture} from '../fixtures/bluesky/build.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {rateLimited, startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';

interface RefreshJson {
	sources: Array<{researcher: string; source: string; target: string; ok: boolean; newItems: number; error: string | null}>;
}

describe('refresh + list + papers against a loopback AppView', () => {
	let server: XrpcServer;
	let home: ReturnType<typeof tempHome>;
	let leqi: Awaited<ReturnType<typeof leqiFixture>>;
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: {RESEARCH_FEED_BLUESKY_SERVICE: server.url}});

	before(async () => {
		leqi = await leqiFixture();
		const wei = await weiFixture();
		server = await startXrpcServer({actors: [leqi, wei], pageSize: 3});
		home = tempHome();
		assert.equal((await cli(['add', 'Leqi Liu', '--bluesky', HANDLES.leqi])).code, 0);
		assert.equal((await cli(['add', 'Wei Liu', '--bluesky', wei.actor.did])).code, 0);
	});
	after(async () => {
		await server.close();
		home.cleanup();
	});

	test('first refresh pages through the feed and saves threads', async () => {
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 0, r.stderr);
		const out = json<RefreshJson>(r);
		assert.deepEqual(out.sources.map(s => [s.researcher, s.source, s.ok]), [['Leqi Liu', 'bluesky', true], ['Wei Liu', 'bluesky', true]]);
		assert.ok(out.sources[0]!.newItems > 5);
		assert.ok(server.feedRequests(HANDLES.leqi).length >= 2, 'more than one page was read');
		assert.match(r.stderr, /Leqi Liu/);

		const items = json<Item[]>(await cli(['list', '--json']));
		const thread = items.find(i => i.posts[0]?.uri === leqi.posts.expo1.uri)!;
		assert.equal(thread.kind, 'thread');
		assert.equal(thread.researcher, 'Leqi Liu');
		assert.equal(thread.source, 'bluesky');
		assert.deepEqual(thread.posts.map(p => p.uri), EXPO_THREAD.map(n => leqi.posts[n].uri));
		assert.deepEqual(Object.keys(thread), ['id', 'researcher', 'source', 'kind', 'date', 'datePrecision', 'title', 'text', 'url', 'posts', 'links', 'papers', 'read', 'starred']);
		const dates = items.map(i => i.date);
		assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
		assert.ok(!items.some(i => i.posts.some(p => p.uri === leqi.posts.replyToOther.uri)), 'replies to others hidden');
		assert.equal(items.filter(i => i.posts.some(p => p.uri === leqi.posts.pinned.uri)).length, 1, 'pinned once');
	});

	test('papers are deduplicated across researchers, with every mention', async () => {
		const papers = json<Paper[]>(await cli(['papers', '--json']));
		const expo = papers.find(p => p.id === 'arxiv:2507.02834')!;
		assert.equal(expo.url, PAPERS.expo.abs);
		assert.equal(expo.title, PAPERS.expo.title);
		assert.deepEqual([...new Set(expo.mentions.map(m => m.researcher))].sort(), ['Leqi Liu', 'Wei Liu']);
		assert.deepEqual(Object.keys(expo), ['id', 'url', 'title', 'authors', 'ids', 'venue', 'mentions']);
		assert.deepEqual(expo.ids, ['arxiv:2507.02834']);
		const human = await cli(['papers']);
		assert.match(human.stdout, /arxiv:2507\.02834/);
	});

	test('list filters: researcher, kind, search, limit, since', async () => {
		const wei = json<Item[]>(await cli(['list', '--json', '--researcher', 'wei liu']));
		assert.ok(wei.length > 0 && wei.every(i => i.researcher === 'Wei Liu'));
		const threads = json<Item[]>(await cli(['list', '--json', '--kind', 'thread']));
		assert.ok(threads.length >= 1 && threads.every(i => i.kind === 'thread'));
		const found = json<Item[]>(await cli(['list', '--json', '--search', 'explain the answer']));
		assert.ok(found.some(i => i.posts[0]?.uri === leqi.posts.expo1.uri));
		assert.equal(json<Item[]>(await cli(['list', '--json', '--limit', '2'])).length, 2);
		const recent = json<Item[]>(await cli(['list', '--json', '--since', '2025-07-01']));
		assert.ok(recent.every(i => i.date >= '2025-07-01'));
		const human = await cli(['list']);
		assert.equal(human.code, 0);
		assert.match(human.stdout, /Leqi Liu\s+bluesky\s+thread/);
	});

	test('refreshing again changes nothing; ids are stable', async () => {
		const before = json<Item[]>(await cli(['list', '--json']));
		const requestsBefore = server.feedRequests(HANDLES.leqi).length;
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual(json<RefreshJson>(r).sources.map(s => s.newItems), [0, 0]);
		assert.deepEqual(json<Item[]>(await cli(['list', '--json'])), before);
		assert.equal(server.feedRequests(HANDLES.leqi).length + server.feedRequests(leqi.actor.did).length - requestsBefore >= 1, true);
	});

	test('a later refresh stops at known posts and grows the thread in place', async () => {
		const before = json<Item[]>(await cli(['list', '--json']));
		const later = await leqiLaterFixture();
		server.setFeed(leqi.actor.did, later.feed);
		const requestsBefore = server.requests.length;
		const r = await cli(['refresh', '--researcher', 'Leqi Liu', '--json']);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(json<RefreshJson>(r).sources[0]!.newItems, 1, 'one new top-level post; the thread is not new');
		assert.ok(server.requests.length - requestsBefore <= 2, `incremental fetch read ${server.requests.length - requestsBefore} pages`);
		const items = json<Item[]>(await cli(['list', '--json']));
		const thread = items.find(i => i.posts[0]?.uri === leqi.posts.expo1.uri)!;
		assert.deepEqual(thread.posts.map(p => p.uri), EXPO_THREAD_LATER.map(n => later.posts[n].uri));
		assert.equal(thread.id, before.find(i => i.posts[0]?.uri === leqi.posts.expo1.uri)!.id);
		assert.equal(items.length, before.length + 1);
	});

	test('a failing source is named, exits 2, and costs nobody their items', async () => {
		const before = json<Item[]>(await cli(['list', '--json']));
		server.injectResponse(leqi.actor.did, rateLimited());
		server.injectResponse(HANDLES.leqi, rateLimited());
		try {
			const r = await cli(['refresh', '--json']);
			assert.equal(r.code, 2);
			const out = json<RefreshJson>(r);
			const failed = out.sources.find(s => s.researcher === 'Leqi Liu')!;
			assert.equal(failed.ok, false);
			assert.match(failed.error!, /429/);
			assert.equal(out.sources.find(s => s.researcher === 'Wei Liu')!.ok, true);
			assert.match(r.stderr, /research-feed: Leqi Liu bluesky leqiliu\.bsky\.social: .*429/);
			assert.deepEqual(json<Item[]>(await cli(['list', '--json'])), before);
			const researchers = json<Array<{name: string; sources: Array<{lastError: string | null}>}>>(await cli(['researchers', '--json']));
			assert.match(researchers.find(x => x.name === 'Leqi Liu')!.sources[0]!.lastError!, /429/);
		} finally {
			server.clearInjections();
		}
	});

	test('remove drops the researcher and its cached items only', async () => {
		assert.equal((await cli(['remove', 'wei liu'])).code, 0);
		const items = json<Item[]>(await cli(['list', '--json']));
		assert.ok(items.length > 0 && items.every(i => i.researcher === 'Leqi Liu'));
		const expo = json<Paper[]>(await cli(['papers', '--json'])).find(p => p.id === 'arxiv:2507.02834')!;
		assert.ok(expo.mentions.every(m => m.researcher === 'Leqi Liu'));
	});
});
