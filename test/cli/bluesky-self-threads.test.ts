import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Item} from '../../src/domain/types.js';
import {CALIB_THREAD, HANDLES, inesFixture, type InesPostName} from '../fixtures/bluesky/build.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';

/**
 * The self-thread rule end to end: the real client pages through a loopback AppView (pages of 3),
 * refresh stores what the adapter builds, and `list` shows it with and without `bluesky.showReplies`.
 */
describe('refresh + list: replies under one’s own post that answer someone else', () => {
	let server: XrpcServer;
	let home: ReturnType<typeof tempHome>;
	let ines: Awaited<ReturnType<typeof inesFixture>>;
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: {RESEARCH_FEED_BLUESKY_SERVICE: server.url}});
	const holding = (items: Item[], name: InesPostName) => items.filter(i => i.posts.some(p => p.uri === ines.posts[name].uri));
	const postsOf = (item: Item | undefined) => item?.posts.map(p => p.uri);
	const uris = (names: readonly InesPostName[]) => names.map(n => ines.posts[n].uri);
	const replies = ['answerPart1', 'answerPart2', 'workshopReply1', 'workshopReply2', 'workshopReply3', 'afterDeletedMiddle'] as const;

	before(async () => {
		ines = await inesFixture();
		server = await startXrpcServer({actors: [ines], pageSize: 3});
		home = tempHome();
		assert.equal((await cli(['add', 'Ines Ortega', '--bluesky', HANDLES.ines])).code, 0);
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 0, r.stderr);
		assert.ok(server.feedRequests(HANDLES.ines).length >= 5, 'every page was read');
	});
	after(async () => {
		await server.close();
		home.cleanup();
	});

	test('the timeline shows her posts without the answers, and the self-thread whole', async () => {
		const items = json<Item[]>(await cli(['list', '--json']));
		assert.deepEqual(postsOf(holding(items, 'askJudges')[0]), uris(['askJudges']));
		assert.deepEqual(postsOf(holding(items, 'workshopCall')[0]), uris(['workshopCall']));
		assert.deepEqual(postsOf(holding(items, 'seminar')[0]), uris(['seminar']));
		for (const name of replies) assert.equal(holding(items, name).length, 0, `${name} is not in the timeline`);
		const thread = holding(items, 'calib1')[0];
		assert.equal(thread?.kind, 'thread');
		assert.deepEqual(postsOf(thread), uris(CALIB_THREAD));
	});

	test('with bluesky.showReplies each answer is a reply item of its own, never part of the thread', async () => {
		const file = join(home.dir, 'config.json');
		const config = JSON.parse(readFileSync(file, 'utf8')) as {bluesky?: Record<string, unknown>};
		writeFileSync(file, JSON.stringify({...config, bluesky: {...config.bluesky, showReplies: true}}, null, 2));
		const items = json<Item[]>(await cli(['list', '--json']));
		for (const name of replies) {
			const found = holding(items, name);
			assert.equal(found.length, 1, `${name} is listed once`);
			assert.deepEqual(postsOf(found[0]), uris([name]));
			assert.equal(found[0]!.kind, 'post');
		}
		assert.deepEqual(postsOf(holding(items, 'askJudges')[0]), uris(['askJudges']));
		assert.deepEqual(postsOf(holding(items, 'calib1')[0]), uris(CALIB_THREAD));
	});
});
