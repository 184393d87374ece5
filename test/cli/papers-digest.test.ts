import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import type {Item, Paper} from '../../src/domain/types.js';
import {RECORDS} from '../fixtures/arxiv/papers.js';
import {HANDLES, leqiFixture, PAPERS, weiFixture} from '../fixtures/bluesky/build.js';
import {type ArxivServer, startArxivServer} from '../helpers/arxiv-server.js';
import {type BibliographyServer, startBibliographyServer} from '../helpers/bibliography-server.js';
import {startServer} from '../helpers/loopback-server.js';
import {latexText, readBibtex} from '../helpers/bibtex-reader.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';

const NOW = '2025-07-24T12:00:00.000Z';
const golden = (name: string) => new URL(`../fixtures/digest/${name}`, import.meta.url);

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it. */
function assertGolden(actual: string, name: string): void {
	if (process.env['UPDATE_GOLDEN']) writeFileSync(golden(name), actual);
	assert.equal(actual, readFileSync(golden(name), 'utf8'));
}

describe('arXiv metadata through refresh; papers --json/--bibtex; digest', () => {
	let bsky: XrpcServer;
	let arxiv: ArxivServer;
	/** Semantic Scholar and Crossref, knowing none of these papers (their `null` and 404 answers). */
	let others: BibliographyServer;
	let home: ReturnType<typeof tempHome>;
	const env = () => ({
		RESEARCH_FEED_BLUESKY_SERVICE: bsky.url,
		RESEARCH_FEED_ARXIV_API: arxiv.api,
		RESEARCH_FEED_S2_API: others.bases.s2,
		RESEARCH_FEED_CROSSREF_API: others.bases.crossref,
		RESEARCH_FEED_NOW: NOW,
	});
	const cli = (args: string[], dir = home.dir) => runCli(args, {home: dir, env: env()});

	before(async () => {
		bsky = await startXrpcServer({actors: [await leqiFixture(), await weiFixture()], pageSize: 3});
		arxiv = await startArxivServer(Object.values(RECORDS));
		others = await startBibliographyServer();
		home = tempHome();
		assert.equal((await cli(['add', 'Leqi Liu', '--bluesky', HANDLES.leqi])).code, 0);
		assert.equal((await cli(['add', 'Wei Liu', '--bluesky', (await weiFixture()).actor.did])).code, 0);
	});
	after(async () => {
		await bsky.close();
		await arxiv.close();
		await others.close();
		home.cleanup();
	});

	test('refresh asks the arXiv API once for every arXiv paper, in one batch', async () => {
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual(Object.keys(json<object>(r)), ['sources'], 'refresh --json is unchanged');
		assert.equal(arxiv.count('/api/query'), 1);
		assert.deepEqual(arxiv.idLists()[0]!.sort(), ['2305.18290', '2402.05133', '2410.13828', '2507.02834']);
		assert.equal(arxiv.requests[0]!.query['max_results'], '4');
		assert.match(r.stderr, /^paper metadata: 4 paper\(s\) described by arXiv\.$/m);
	});

	test('papers --json: the arXiv title wins, authors fill in, own mentions are marked', async () => {
		const papers = json<Paper[]>(await cli(['papers', '--json']));
		const expo = papers.find(p => p.id === 'arxiv:2507.02834')!;
		assert.deepEqual(Object.keys(expo), ['id', 'url', 'title', 'authors', 'ids', 'venue', 'mentions']);
		assert.equal(expo.title, PAPERS.expo.title);
		assert.deepEqual(expo.authors, ['Ruiyang Zhou', 'Shuozhe Li', 'Amy Zhang', 'Liu Leqi']);
		assert.deepEqual(expo.mentions.map(m => [m.researcher, m.own]), [['Wei Liu', false], ['Leqi Liu', true]]);
		const dpo = papers.find(p => p.id === 'arxiv:2305.18290')!;
		assert.equal(dpo.title, 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model', 'no card title: the arXiv title');
		assert.ok(dpo.mentions.every(m => !m.own));
		const acl = papers.find(p => p.id === 'acl:2023.emnlp-main.467')!;
		assert.deepEqual(acl.authors, [], 'no metadata: no authors');
		const items = json<Item[]>(await cli(['list', '--json']));
		const withDpo = items.find(i => i.papers.some(p => p.id === 'arxiv:2305.18290'))!;
		assert.equal(withDpo.papers.find(p => p.id === 'arxiv:2305.18290')!.title, dpo.title, 'list --json papers carry the arXiv title');
		assert.match((await cli(['papers'])).stdout, /Leqi Liu \(bluesky, author\)/);
	});

	test('a second refresh asks arXiv nothing (cached)', async () => {
		const r = await cli(['refresh']);
		assert.equal(r.code, 0, r.stderr);
		assert.equal(arxiv.count('/api/query'), 1);
		assert.doesNotMatch(r.stderr, /paper metadata/);
	});

	test('papers --bibtex parses back; --researcher narrows it', async () => {
		const r = await cli(['papers', '--bibtex']);
		assert.equal(r.code, 0, r.stderr);
		const entries = readBibtex(r.stdout);
		const papers = json<Paper[]>(await cli(['papers', '--json']));
		assert.equal(entries.length, papers.length);
		assert.equal(new Set(entries.map(e => e.key)).size, entries.length, 'unique keys');
		const expo = entries.find(e => e.fields['eprint'] === '2507.02834')!;
		assert.equal(expo.key, 'zhou2025expo');
		assert.equal(latexText(expo.fields['title']!), PAPERS.expo.title);
		assert.equal(expo.fields['year'], '2025');
		assert.equal(expo.fields['primaryclass'], 'cs.LG');
		for (const e of entries) if (e.fields['title']) latexText(e.fields['title']);
		const wei = readBibtex((await cli(['papers', '--bibtex', '--researcher', 'wei liu'])).stdout);
		assert.deepEqual(wei.map(e => e.key).sort(), entries.filter(e => ['zhou2025expo', 'acl2023emnlpmain467'].includes(e.key)).map(e => e.key).sort());
		const both = await cli(['papers', '--bibtex', '--json']);
		assert.equal(both.code, 1);
	});

	test('digest (markdown and JSON) for a fixed clock: golden output', async () => {
		const md = await cli(['digest', '--since', '2025-07-01']);
		assert.equal(md.code, 0, md.stderr);
		assertGolden(md.stdout, 'since-2025-07-01.md');
		const js = await cli(['digest', '--since', '2025-07-01', '--format', 'json']);
		assert.equal(js.code, 0, js.stderr);
		assertGolden(js.stdout, 'since-2025-07-01.json');
		const week = json<{since: string; until: string}>(await cli(['digest', '--format', 'json']));
		assert.deepEqual([week.since, week.until], ['2025-07-17T12:00:00.000Z', NOW], 'the default window is the last 7 days');
		const none = await cli(['digest', '--since', '2h']);
		assert.equal(none.stdout, '# Research digest, 2025-07-24 to 2025-07-24\n\nNothing new since 2025-07-24.\n');
		const bad = await cli(['digest', '--since', 'last week']);
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /--since: "last week" is neither a duration/);
	});

	test('a failed arXiv request does not fail the refresh; the next refresh retries', async () => {
		const other = tempHome();
		try {
			const fresh = await startArxivServer(Object.values(RECORDS));
			const cli2 = (args: string[]) => runCli(args, {home: other.dir, env: {...env(), RESEARCH_FEED_ARXIV_API: fresh.api}});
			try {
				assert.equal((await cli2(['add', 'Leqi Liu', '--bluesky', HANDLES.leqi])).code, 0);
				fresh.failNext(1, 503);
				const r = await cli2(['refresh']);
				assert.equal(r.code, 0, 'sources succeeded: exit 0');
				assert.match(r.stderr, /^research-feed: paper metadata: arXiv API: HTTP 503; 4 left for a later refresh$/m);
				const before = json<Paper[]>(await cli2(['papers', '--json']));
				assert.equal(before.find(p => p.id === 'arxiv:2305.18290')!.title, null);
				// A refresh never waits on arXiv's 3 s pacing longer than on its sources: the retry is sent
				// while a source of this refresh takes 3.5 s (a refresh of quick sources leaves it to the next one).
				const slow = await startServer();
				slow.route('GET', '/feed.xml', (_req, res) => {
					setTimeout(() => {
						res.writeHead(200, {'content-type': 'application/rss+xml'});
						res.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title><link>https://example.org/</link></channel></rss>');
					}, 3500);
				});
				assert.equal((await cli2(['add', 'Leqi Liu', '--feed', `${slow.url}/feed.xml`])).code, 0);
				const again = await cli2(['refresh']).finally(() => slow.close());
				assert.equal(again.code, 0, again.stderr);
				assert.equal(fresh.count('/api/query'), 2);
				const gap = fresh.requests[1]!.time - fresh.requests[0]!.time;
				assert.ok(gap >= 2900, `the retry waited for the 3 s interval across processes (${gap} ms)`);
				const after = json<Paper[]>(await cli2(['papers', '--json']));
				assert.equal(after.find(p => p.id === 'arxiv:2305.18290')!.title, 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model');
			} finally {
				await fresh.close();
			}
		} finally {
			other.cleanup();
		}
	});
});
