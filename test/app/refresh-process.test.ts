/**
 * The timeline's refresh in a child process: a real child (refresh-child.ts under tsx, as the
 * bundle runs refresh-child.js) against a loopback server, reporting each source, saving to the
 * cache the parent reads, stopping when the parent quits, and failing with one clean line.
 */
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {childRefresher, refreshInChildProcess} from '../../src/app/refresh-process.js';
import type {SourceResult} from '../../src/domain/types.js';
import {Store} from '../../src/store/store.js';
import {runCli} from '../helpers/run-cli.js';
import {type LoopbackServer, startServer, staticRoute} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

const feed = readFileSync(new URL('../fixtures/site/feed-v2.xml', import.meta.url));

describe('refreshInChildProcess', () => {
	let server: LoopbackServer;
	const homes: Array<ReturnType<typeof tempHome>> = [];
	const newHome = async (feeds: string[]) => {
		const home = tempHome('rf-child-');
		homes.push(home);
		for (const [i, url] of feeds.entries()) {
			const r = await runCli(['add', `Researcher ${i}`, '--feed', url], {home: home.dir});
			assert.equal(r.code, 0, r.stderr);
		}
		return {dir: home.dir, paths: {configDir: home.dir, cacheFile: join(home.dir, 'cache.db')}};
	};
	const env = (dir: string) => ({
		...process.env,
		RESEARCH_FEED_HOME: dir,
		RESEARCH_FEED_ARXIV_API: `${server.url}/arxiv`,
		RESEARCH_FEED_S2_API: `${server.url}/s2`,
		RESEARCH_FEED_CROSSREF_API: `${server.url}/crossref`,
	});

	before(async () => {
		server = await startServer();
		server.route('GET', '/feed.xml', staticRoute({body: feed, contentType: 'application/atom+xml'}));
		server.route('GET', '/gone.xml', (_req, res) => {
			res.writeHead(404, {'content-type': 'text/plain'});
			res.end('no such feed');
		});
		// Never answers: a source still in flight when the user quits.
		server.route('GET', '/hang.xml', () => undefined);
	});
	after(async () => {
		await server.close();
		for (const home of homes) home.cleanup();
	});

	test('reports every source as it finishes and saves what it fetched where the parent reads it', async () => {
		const home = await newHome([`${server.url}/feed.xml`, `${server.url}/gone.xml`]);
		const heard: Array<{result: SourceResult; done: number; total: number}> = [];
		const results = await refreshInChildProcess({paths: home.paths, env: env(home.dir), onResult: (result, done, total) => heard.push({result, done, total})});

		assert.deepEqual(
			results.map(r => [r.target, r.ok, r.newItems]).sort(),
			[
				[`${server.url}/feed.xml`, true, 2],
				[`${server.url}/gone.xml`, false, 0],
			].sort(),
		);
		assert.match(results.find(r => !r.ok)?.error ?? '', /404/);
		assert.deepEqual(heard.map(h => [h.done, h.total]), [[1, 2], [2, 2]]);
		assert.deepEqual(new Set(heard.map(h => h.result.target)), new Set(results.map(r => r.target)));

		const store = new Store(home.paths.cacheFile);
		try {
			const items = store.listItems({}, 0, 10);
			assert.equal(items.length, 2);
			assert.ok(items.every(i => i.researcher === 'Researcher 0'));
		} finally {
			store.close();
		}
	});

	test('quitting stops the child: its request in flight is dropped and the promise settles with what finished', async () => {
		const home = await newHome([`${server.url}/feed.xml`, `${server.url}/hang.xml`]);
		const quitting = new AbortController();
		const hung = new Promise<void>(resolve => {
			server.route('GET', '/hang.xml', req => {
				// The child's abort closes the connection: proof it stopped, not just that we stopped listening.
				req.socket.once('close', () => resolve());
				quitting.abort();
			});
		});
		const results = await refreshInChildProcess({paths: home.paths, env: env(home.dir), signal: quitting.signal, onResult: () => undefined});
		assert.ok(results.every(r => r.target !== `${server.url}/hang.xml`), 'the unfinished source is not reported as done');
		await hung;
	});

	test('a config the child cannot read fails the refresh with one line naming the file', async () => {
		const home = await newHome([`${server.url}/feed.xml`]);
		writeFileSync(join(home.dir, 'config.json'), '{"researchers": [');
		await assert.rejects(
			refreshInChildProcess({paths: home.paths, env: env(home.dir), onResult: () => undefined}),
			(error: Error) => error.message.includes(join(home.dir, 'config.json')) && !error.message.includes('\n'),
		);
	});

	test('a child that dies is reported with its status and last stderr line, control sequences removed', async () => {
		const home = await newHome([]);
		const entry = join(home.dir, 'dies.mjs');
		writeFileSync(entry, "process.stderr.write('warming up\\nboom \\u001b[31mred\\u001b[0m\\n'); process.exit(3);\n");
		await assert.rejects(refreshInChildProcess({paths: home.paths, env: env(home.dir), entry, onResult: () => undefined}), (error: Error) => {
			assert.equal(error.message, 'the refresh process exited with status 3: boom red');
			return true;
		});
	});

	test('a refresh that starts while the last child still waits on arXiv ends that child first', async () => {
		const home = await newHome([`${server.url}/feed.xml`]);
		// The first child's metadata request never gets an answer: it would wait out its timeout.
		const firstAsked = new Promise<{closed: Promise<void>}>(resolve => {
			server.route('GET', '/arxiv', req => {
				resolve({closed: new Promise(done => req.socket.once('close', () => done()))});
			});
		});
		const refresh = childRefresher({paths: home.paths, env: env(home.dir)});
		const first = await refresh(() => undefined);
		assert.deepEqual(first.map(r => r.ok), [true]);
		const {closed} = await firstAsked;
		// Its connection closes because the child ended, not because the second child asked anew.
		server.route('GET', '/arxiv', (_req, res) => {
			res.writeHead(503, {'content-type': 'text/plain'});
			res.end('busy');
		});
		const second = refresh(() => undefined);
		// Left alone, the first child would hold the request until its 15 s header timeout.
		await Promise.race([closed, new Promise((_, reject) => setTimeout(() => reject(new Error('the first child was not ended')), 5000).unref())]);
		assert.deepEqual((await second).map(r => [r.ok, r.newItems]), [[true, 0]]);
	});
});
