/**
 * `watch` as a user runs it (node bin/research-feed.js watch) against a loopback Jetstream and a
 * loopback AppView: new posts, a self-reply joining its thread, an account not followed, a repost,
 * deletes, bad frames, a restart that replays what was missed, a stale cursor, Jetstream down,
 * and --exec.
 */
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import Database from 'better-sqlite3';
import type {Item} from '../../src/domain/types.js';
import {externalEmbed} from '../fixtures/bluesky/build.js';
import {type CliProcess, startCli} from '../helpers/cli-process.js';
import {jet} from '../helpers/jetstream-server.js';
import {ADA, type LiveWorld, startLiveWorld, ZED} from '../helpers/live-world.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

describe('watch', () => {
	let world: LiveWorld;
	let home: ReturnType<typeof tempHome>;
	let watch: CliProcess;
	const started: CliProcess[] = [];
	/** Every watch started is killed at the end, whatever failed before its own stop. */
	const run = (args: string[]) => {
		const w = startCli(args, {home: home.dir, env: world.env});
		started.push(w);
		return w;
	};
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: world.env});
	const items = async () => json<Item[]>(await cli(['list', '--json']));
	const parsed = (line: string) => JSON.parse(line) as Item;
	let threadRoot: Awaited<ReturnType<LiveWorld['post']>>;
	let reply: Awaited<ReturnType<LiveWorld['post']>>;

	before(async () => {
		world = await startLiveWorld();
		home = tempHome();
		const added = await cli(['add', 'Ada Live', '--bluesky', ADA.handle]);
		assert.equal(added.code, 0, added.stderr);
		watch = run(['watch', '--json']);
		await world.jetstream.waitForHello(1);
	});
	after(async () => {
		for (const w of started) await w.stop('SIGKILL');
		await world.close();
		home.cleanup();
	});

	test('first run: the refresh fills the empty cache silently, then one subscription says hello with the DIDs, none in the URL', async () => {
		await watch.waitForStderr(/live: following 1 Bluesky account/);
		assert.deepEqual(watch.stdoutLines(), [], 'an empty cache’s first refresh prints nothing');
		assert.equal((await items()).length, 1, 'the older post was fetched');
		const [sub] = world.jetstream.subscribers();
		assert.equal(sub?.hello, true);
		assert.equal(sub?.dids, 1);
		assert.deepEqual(sub?.collections, ['app.bsky.feed.post', 'app.bsky.feed.repost']);
		assert.match(sub.url, /requireHello=true/);
		assert.doesNotMatch(sub.url, /wantedDids|did%3A|did:/, 'no DID in the URL');
	});

	test('a new post prints within seconds, hydrated through getPosts (its link card and paper)', async () => {
		const card = await externalEmbed(ADA.did, {uri: 'https://arxiv.org/abs/2507.02834', title: 'ExPO: Self-Explanation-Guided RL', description: 'The paper.'});
		threadRoot = await world.post(ADA, 'New preprint, thread below', {embed: card});
		const from = watch.stdoutLines().length;
		const sent = Date.now();
		world.jetstream.emit(threadRoot.commit);
		const line = await watch.waitForLine(l => l.includes(threadRoot.view.uri), {from});
		assert.ok(Date.now() - sent < 3000, 'within seconds');
		const item = parsed(line);
		assert.equal(item.kind, 'post');
		assert.equal(item.researcher, 'Ada Live');
		assert.match(item.text, /ExPO: Self-Explanation-Guided RL/, 'the link card came from the AppView view');
		assert.deepEqual(item.papers.map(p => p.id), ['arxiv:2507.02834']);
		assert.equal(item.url, `https://bsky.app/profile/${ADA.handle}/post/${threadRoot.view.uri.split('/').pop()}`, 'the handle came from the view');
	});

	test('a self-reply extends its thread item: the same id printed again, two posts', async () => {
		reply = await world.post(ADA, 'Part two of the thread.', {reply: threadRoot.view});
		const from = watch.stdoutLines().length;
		world.jetstream.emit(reply.commit);
		const item = parsed(await watch.waitForLine(l => l.includes(reply.view.uri), {from}));
		const first = parsed(watch.stdoutLines().find(l => l.includes(threadRoot.view.uri))!);
		assert.equal(item.id, first.id);
		assert.equal(item.kind, 'thread');
		assert.deepEqual(item.posts.map(p => p.uri), [threadRoot.view.uri, reply.view.uri]);
	});

	test('an account not followed is ignored even when the server lets its event through; a repost appears as a repost', async () => {
		const stranger = await world.post(ZED, 'Zed says something Ada did not write.');
		// Past the server's filter, as legacy servers may let through before a hello.
		world.jetstream.raw(JSON.stringify({...stranger.commit, time_us: Date.now() * 1000}));
		const from = watch.stdoutLines().length;
		const repost = await world.repost(ADA, stranger.view);
		world.jetstream.emit(repost.commit);
		const line = await watch.waitForLine(l => l.includes('Zed says'), {from});
		const item = parsed(line);
		assert.equal(item.kind, 'repost');
		assert.equal(item.researcher, 'Ada Live');
		assert.equal(watch.stdoutLines().slice(from).length, 1, 'only the repost printed, not Zed’s own post');
		assert.ok(!(await items()).some(i => i.kind !== 'repost' && i.text.includes('Zed says')));
	});

	test('malformed, binary and oversized frames are skipped; the next event still arrives', async () => {
		world.jetstream.raw('this is not json');
		world.jetstream.raw('{"did": 5, "time_us": "x"}');
		world.jetstream.raw(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
		const huge = jet.post(ADA.did, '3zzzzzzzzzz22', {text: 'x'.repeat(300_000), createdAt: new Date().toISOString()});
		world.jetstream.raw(JSON.stringify({...huge, time_us: Date.now() * 1000}));
		const bad = jet.post(ADA.did, '3zzzzzzzzzy22', {text: 42, createdAt: 'yesterday'});
		world.jetstream.emit(bad);
		const after = await world.post(ADA, 'Still here after the garbage.');
		const from = watch.stdoutLines().length;
		world.jetstream.emit(after.commit);
		await watch.waitForLine(l => l.includes('Still here after the garbage'), {from});
		assert.equal(watch.stdoutLines().slice(from).length, 1);
		assert.match(watch.stderr(), /live: skipped at:\/\/did:plc:ada2live4test6x7y8z9a2b3c\/app\.bsky\.feed\.post\/3zzzzzzzzzy22/);
		assert.equal(watch.child.exitCode, null, 'watch is still running');
	});

	test('deletes: a thread keeps its other posts, a post with none left disappears; nothing is printed', async () => {
		const lone = await world.post(ADA, 'A post about to be deleted.');
		const from = watch.stdoutLines().length;
		world.jetstream.emit(lone.commit);
		await watch.waitForLine(l => l.includes(lone.view.uri), {from});
		world.jetstream.emit(world.remove(ADA, lone.view.uri));
		world.jetstream.emit(world.remove(ADA, reply.view.uri));
		const marker = await world.post(ADA, 'Marker after the deletes.');
		world.jetstream.emit(marker.commit);
		await watch.waitForLine(l => l.includes('Marker after the deletes'), {from: from + 1});
		assert.equal(watch.stdoutLines().length, from + 2, 'the deletes printed nothing');
		const now = await items();
		assert.ok(!now.some(i => i.posts.some(p => p.uri === lone.view.uri)), 'the deleted post’s item is gone');
		const thread = now.find(i => i.posts.some(p => p.uri === threadRoot.view.uri));
		assert.equal(thread?.kind, 'post');
		assert.deepEqual(thread?.posts.map(p => p.uri), [threadRoot.view.uri]);
	});

	test('SIGINT ends watch with exit 0; three posts made while it is down all arrive on restart, without polling the author feed; --exec gets each as JSON', async () => {
		assert.equal(await watch.stop('SIGINT'), 0);
		const missed = [];
		for (const n of [1, 2, 3]) {
			const p = await world.post(ADA, `Missed while down, number ${n}.`);
			world.jetstream.emit(p.commit);
			missed.push(p);
		}
		const feedBefore = world.appview.feedRequests(ADA.did).length;
		const sink = join(home.dir, 'exec-out.txt');
		const script = join(home.dir, 'sink.mjs');
		writeFileSync(script, `import {appendFileSync, readFileSync} from 'node:fs';\nappendFileSync(process.argv[2], JSON.parse(readFileSync(0, 'utf8')).id + '\\n');\n`);
		watch = run(['watch', '--json', '--exec', process.execPath, script, sink]);
		for (const p of missed) await watch.waitForLine(l => l.includes(p.view.uri));
		assert.equal(world.appview.feedRequests(ADA.did).length, feedBefore, 'within the replay window the author feed is not polled');
		const printed = watch.stdoutLines().map(parsed);
		assert.equal(printed.length, 3);
		const until = Date.now() + 5000;
		while (Date.now() < until && readLines(sink).length < 3) await new Promise(r => setTimeout(r, 50));
		assert.deepEqual(readLines(sink).sort(), printed.map(i => i.id).sort(), '--exec ran once per item with its JSON on stdin');
		assert.equal(await watch.stop('SIGTERM'), 0);
	});

	test('a cursor older than the replay window: the author feed is polled once, then the stream resumes', async () => {
		const db = new Database(join(home.dir, 'cache.db'));
		db.prepare(`UPDATE app_state SET value = ? WHERE key = 'jetstream.cursor'`).run(String((Date.now() - 3 * 86_400_000) * 1000));
		db.close();
		const feedBefore = world.appview.feedRequests(ADA.did).length;
		watch = run(['watch']);
		await watch.waitForStderr(/live: following 1/);
		const until = Date.now() + 10_000;
		while (world.appview.feedRequests(ADA.did).length === feedBefore && Date.now() < until) await new Promise(r => setTimeout(r, 50));
		assert.ok(world.appview.feedRequests(ADA.did).length > feedBefore, 'the author feed was polled');
		const [sub] = world.jetstream.subscribers();
		const cursor = Number(new URL(sub!.url, 'ws://x').searchParams.get('cursor'));
		assert.ok(cursor > (Date.now() - 60_000) * 1000, 'the stream resumed from now, not from the stale cursor');
		const p = await world.post(ADA, 'Plain line output for people.');
		world.jetstream.emit(p.commit);
		const line = await watch.waitForLine(l => l.includes('Plain line output'));
		assert.match(line, /Ada Live\s+bluesky\s+post\s+Plain line output for people\./);
		assert.equal(await watch.stop(), 0);
	});

	test('Jetstream down: said once, the author feeds are polled, and it comes back live by itself', async () => {
		world.jetstream.setDown(true);
		const feedBefore = world.appview.feedRequests(ADA.did).length;
		watch = run(['watch', '--json']);
		await watch.waitForStderr(/live: Jetstream unreachable \(HTTP 503\)/);
		// Retries go on meanwhile (with backoff): still one line.
		await new Promise(r => setTimeout(r, 2500));
		assert.equal(watch.stderr().match(/unreachable/g)?.length, 1, watch.stderr());
		assert.ok(world.appview.feedRequests(ADA.did).length > feedBefore, 'polling went on');
		world.jetstream.setDown(false);
		await watch.waitForStderr(/live: following 1/, 70_000);
		const p = await world.post(ADA, 'Back live.');
		world.jetstream.emit(p.commit);
		await watch.waitForLine(l => l.includes(p.view.uri));
		assert.equal(await watch.stop(), 0);
	});

	test('researchers added and removed while watch runs change its subscription, without a restart', async () => {
		watch = run(['watch']);
		await watch.waitForStderr(/live: following 1/);
		const until = async (dids: number) => {
			const end = Date.now() + 20_000;
			while (world.jetstream.subscribers().find(s => s.hello)?.dids !== dids) {
				if (Date.now() > end) throw new Error(`no subscription of ${dids} DIDs: ${JSON.stringify(world.jetstream.subscribers())}`);
				await new Promise(r => setTimeout(r, 50));
			}
		};
		assert.equal((await cli(['add', 'Zed Other', '--bluesky', ZED.did])).code, 0);
		await until(2);
		const zedPost = await world.post(ZED, 'Zed is followed now.');
		world.jetstream.emit(zedPost.commit);
		await watch.waitForLine(l => l.includes('Zed is followed now'));
		assert.equal((await cli(['remove', 'Zed Other'])).code, 0);
		await until(1);
		assert.equal(world.jetstream.subscribers().filter(s => s.hello).length, 1, 'one connection throughout');
		assert.equal(await watch.stop(), 0);
	});

	test('--exec failures are reported and never fatal; --exec without a command is a usage error', async () => {
		const bad = await cli(['watch', '--exec']);
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /^research-feed: watch: --exec needs a command/);
		watch = run(['watch', '--exec', 'definitely-not-a-command-xyz']);
		await watch.waitForStderr(/live: following 1/);
		const p = await world.post(ADA, 'Exec will fail for this one.');
		world.jetstream.emit(p.commit);
		await watch.waitForLine(l => l.includes('Exec will fail'));
		await watch.waitForStderr(/--exec definitely-not-a-command-xyz: could not start \(.*ENOENT/);
		const q = await world.post(ADA, 'And watch goes on.');
		world.jetstream.emit(q.commit);
		await watch.waitForLine(l => l.includes('And watch goes on'));
		assert.equal(await watch.stop(), 0);
	});
});

function readLines(file: string): string[] {
	try {
		return readFileSync(file, 'utf8').split('\n').filter(Boolean);
	} catch {
		return [];
	}
}
