/**
 * Feeds parsed on worker threads (src/refresh/parse-pool.ts) give exactly what parsing in the
 * refresh's own thread gives: the same items and the same failure lines, through the real binary
 * (the workers run the bundle's parse-worker.js) against a loopback server. Also when to use them.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import iconv from 'iconv-lite';
import {PARSE_POOL_MIN_CORES, PARSE_POOL_MIN_FEEDS, parseThreads} from '../../src/refresh/parse-pool.js';
import {json, runCli} from '../helpers/run-cli.js';
import {type LoopbackServer, startServer, staticRoute} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/site/${name}`, import.meta.url));

/** RSS 2.0 in ISO-8859-1, said only by its XML declaration (RSS 2.0 spec; such feeds are common on old sites). */
const LATIN1_RSS = iconv.encode(
	`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>Café</title><link>https://cafe.example.org/</link>
	<item><title>Résumé of the année</title><link>https://cafe.example.org/1</link><pubDate>Tue, 01 Jul 2025 10:00:00 GMT</pubDate>
	<description>&lt;p&gt;Voilà: https://arxiv.org/abs/2501.00001v2&lt;/p&gt;</description></item></channel></rss>`,
	'latin1',
);
/** JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). */
const JSON_FEED = JSON.stringify({
	version: 'https://jsonfeed.org/version/1.1',
	title: 'Lab',
	items: [{id: 'j1', url: 'https://lab.example.org/j1', title: 'JSON entry', content_text: 'doi 10.1145/3290605.3300233', date_published: '2025-06-01T00:00:00Z'}],
});

const FEEDS: Record<string, {body: string | Buffer; contentType: string}> = {
	'/atom.xml': {body: fixture('feed-v1.xml'), contentType: 'application/atom+xml'},
	'/empty.xml': {body: fixture('empty-jekyll.xml'), contentType: 'application/atom+xml'},
	'/latin1.xml': {body: LATIN1_RSS, contentType: 'application/rss+xml'},
	'/feed.json': {body: JSON_FEED, contentType: 'application/feed+json'},
	'/broken.xml': {body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</item></rss>', contentType: 'application/rss+xml'},
	'/page.html': {body: '<!doctype html><html><body><p>Not a feed</p></body></html>', contentType: 'text/html'},
};

describe('feeds parsed on worker threads', () => {
	let server: LoopbackServer;
	const homes: Array<ReturnType<typeof tempHome>> = [];

	before(async () => {
		server = await startServer();
		for (const [path, {body, contentType}] of Object.entries(FEEDS)) server.route('GET', path, staticRoute({body: Buffer.from(body), contentType}));
	});
	after(async () => {
		await server.close();
		for (const home of homes) home.cleanup();
	});

	/** A fresh home following every feed, refreshed with `threads` parse workers: what `refresh --json` and `list --json` say. */
	async function refreshWith(threads: number): Promise<{sources: unknown; items: unknown}> {
		const home = tempHome('rf-parse-pool-');
		homes.push(home);
		const args = ['add', 'Ada Lovelace', ...Object.keys(FEEDS).flatMap(path => ['--feed', `${server.url}${path}`])];
		assert.equal((await runCli(args, {home: home.dir})).code, 0);
		const env = {RESEARCH_FEED_PARSE_THREADS: String(threads), RESEARCH_FEED_NOW: '2025-08-01T00:00:00Z'};
		const refreshed = await runCli(['refresh', '--json'], {home: home.dir, env});
		assert.equal(refreshed.code, 2, `two feeds fail: ${refreshed.stderr}`);
		const sources = (JSON.parse(refreshed.stdout) as {sources: unknown[]}).sources;
		const items = json<Array<Record<string, unknown>>>(await runCli(['list', '--json'], {home: home.dir, env}));
		return {sources, items};
	}

	test('the same items and the same failures as parsing in the refresh thread', async () => {
		const here = await refreshWith(0);
		const workers = await refreshWith(2);
		assert.deepEqual(workers.sources, here.sources);
		assert.deepEqual(workers.items, here.items);
		// Not a vacuous comparison: every kind of feed gave its items, and the failures are named.
		const items = here.items as Array<{title: string | null; papers: Array<{id: string}>}>;
		assert.ok(items.some(i => i.title === 'Résumé of the année' && i.papers.some(p => p.id === 'arxiv:2501.00001')));
		assert.ok(items.some(i => i.title === 'JSON entry'));
		assert.ok(items.length >= 3, `items: ${items.length}`);
		const errors = (here.sources as Array<{target: string; error: string | null}>).filter(s => s.error !== null);
		assert.deepEqual(
			errors.map(e => new URL(e.target).pathname).sort(),
			['/broken.xml', '/page.html'],
		);
		assert.ok(errors.every(e => /not a valid RSS\/Atom\/JSON feed/.test(e.error!)), JSON.stringify(errors));
	});
});

test('worker threads for a refresh of many feeds on four cores or more; the override decides alone', () => {
	assert.equal(parseThreads(PARSE_POOL_MIN_FEEDS - 1, undefined, 16), 0, 'a small refresh parses in its own thread');
	assert.equal(parseThreads(PARSE_POOL_MIN_FEEDS, undefined, PARSE_POOL_MIN_CORES - 1), 0, 'too few cores');
	assert.equal(parseThreads(PARSE_POOL_MIN_FEEDS, undefined, 4), 2);
	assert.equal(parseThreads(500, undefined, 3), 0);
	assert.equal(parseThreads(500, undefined, 64), 2);
	assert.equal(parseThreads(1, 2, 2), 2);
	assert.equal(parseThreads(10_000, 0, 64), 0);
});
