/**
 * First minutes, what gets written: a failed `add` in a fresh home leaves it empty, and a feed two
 * researchers follow is fetched once and stays filed under one of them, whoever refreshes.
 * (Beside first-minutes.test.ts, which is long enough already for one file's time limit.)
 */
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import type {Item} from '../../src/domain/types.js';
import {type LoopbackServer, startServer, staticRoute} from '../helpers/loopback-server.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const NOW = '2025-07-24T12:00:00Z';

/** An Atom feed with one entry per date (the entry's title is `${tag} ${date}`). */
function atom(tag: string, dates: readonly string[]): string {
	const entries = dates.map(
		(date, i) => `<entry><title>${tag} ${date.slice(0, 10)}</title><id>urn:${tag}:${i}</id><link href="https://${tag}.example/${i}"/>
		<published>${date}</published><updated>${date}</updated><summary>Entry ${i} of ${tag}</summary></entry>`,
	);
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${tag}</title><id>urn:${tag}</id><updated>${dates[0]}</updated>${entries.join('\n')}</feed>`;
}

describe('first minutes: what a command writes', () => {
	let web: LoopbackServer;
	let refusedPort: number;
	const cliIn = (dir: string, args: string[]) => runCli(args, {home: dir, env: {RESEARCH_FEED_NOW: NOW, RESEARCH_FEED_HTTP_RETRY_BASE_MS: '10'}});
	const items = async (args: string[], dir: string) => json<Item[]>(await cliIn(dir, ['list', '--json', ...args]));

	before(async () => {
		web = await startServer();
		web.route('GET', '/ada-lab.xml', staticRoute({body: atom('adalab', ['2025-07-22T08:00:00Z', '2025-07-01T08:00:00Z']), contentType: 'application/atom+xml'}));
		web.route('GET', '/bo.xml', staticRoute({body: atom('bo', ['2025-07-24T06:00:00Z', '2025-07-15T08:00:00Z']), contentType: 'application/atom+xml'}));
		const server = createServer();
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		refusedPort = (server.address() as {port: number}).port;
		await new Promise(resolve => server.close(resolve));
	});
	after(() => web.close());

	test('a failed add in a fresh home writes nothing: no config.json, no cache', async () => {
		const failures: string[][] = [
			['add', 'X', '--feed', 'not a url'],
			['add', 'X', '--bluesky', 'https://bsky.app/profile/a.bsky.social/post/3abc'],
			['add', 'Two\nLines', '--feed', 'https://example.org/feed.xml'],
			['add', 'X', '--homepage', 'file:///etc/passwd'],
		];
		for (const args of failures) {
			const fresh = tempHome();
			try {
				const r = await runCli(args, {home: fresh.dir, env: {RESEARCH_FEED_BLUESKY_SERVICE: `http://127.0.0.1:${refusedPort}`}});
				assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
				assert.deepEqual(readdirSync(fresh.dir), [], `${args.join(' ')} wrote something`);
			} finally {
				fresh.cleanup();
			}
		}
		// And a read in a fresh home creates nothing either; the first successful add does.
		const fresh = tempHome();
		try {
			assert.equal((await runCli(['researchers', '--json'], {home: fresh.dir})).stdout, '[]\n');
			assert.deepEqual(readdirSync(fresh.dir).filter(f => f === 'config.json'), []);
			assert.equal((await runCli(['add', 'X', '--feed', 'https://example.org/feed.xml'], {home: fresh.dir})).code, 0);
			assert.deepEqual((JSON.parse(readFileSync(join(fresh.dir, 'config.json'), 'utf8')) as {researchers: unknown[]}).researchers, [{name: 'X', sources: [{kind: 'feed', target: 'https://example.org/feed.xml'}]}]);
		} finally {
			fresh.cleanup();
		}
	});


	test('a feed two researchers follow: fetched once, its items filed under the first of them whoever refreshes', async () => {
		const own = tempHome();
		try {
			const run = (args: string[]) => cliIn(own.dir, args);
			assert.equal((await run(['add', 'Ada', '--feed', `${web.url}/ada-lab.xml`])).code, 0);
			assert.equal((await run(['add', 'Bo Chen', '--feed', `${web.url}/bo.xml`, '--feed', `${web.url}/ada-lab.xml`])).code, 0);
			const filedUnder = async () => [...new Set((await items([], own.dir)).filter(i => i.title?.startsWith('adalab ')).map(i => i.researcher))];
			web.reset();
			const all = await run(['refresh']);
			assert.equal(all.code, 0, all.stderr);
			assert.equal(web.count('/ada-lab.xml'), 1, 'one request for the shared feed');
			assert.match(all.stderr, /^2 source\(s\), /m);
			assert.deepEqual(await filedUnder(), ['Ada']);
			// Bo Chen's own refresh fetches it too, and leaves it where it was.
			const bo = await run(['refresh', '--researcher', 'bo chen']);
			assert.equal(bo.code, 0, bo.stderr);
			assert.match(bo.stderr, /Ada · feed http:\/\/127\.0\.0\.1:\d+\/ada-lab\.xml: ok/);
			assert.deepEqual(await filedUnder(), ['Ada']);
			assert.equal((await run(['refresh'])).code, 0);
			assert.deepEqual(await filedUnder(), ['Ada']);
			// Without Ada, it is Bo Chen's.
			assert.equal((await run(['remove', 'Ada'])).code, 0);
			assert.equal((await run(['refresh'])).code, 0);
			assert.deepEqual(await filedUnder(), ['Bo Chen']);
		} finally {
			own.cleanup();
		}
	});
});
