import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import iconv from 'iconv-lite';
import type {Item, Paper} from '../../src/domain/types.js';
import {json, runCli} from '../helpers/run-cli.js';
import {type LoopbackServer, startServer, staticRoute} from '../helpers/loopback-server.js';
import {tempHome} from '../helpers/temp-home.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/site/${name}`, import.meta.url));

interface RefreshJson {
	sources: Array<{researcher: string; source: string; target: string; ok: boolean; newItems: number; error: string | null}>;
}

describe('homepages and feeds through bin/research-feed.js', () => {
	let server: LoopbackServer;
	let home: ReturnType<typeof tempHome>;
	const cli = (args: string[]) => runCli(args, {home: home.dir});
	const serveV = (v: 1 | 2) => {
		server.route('GET', '/ada/', staticRoute({body: fixture(`acad-v${v}.html`), contentType: 'text/html; charset=utf-8', etag: `"ada-v${v}"`}));
		server.route('GET', '/feed.xml', staticRoute({body: fixture(`feed-v${v}.xml`), contentType: 'application/atom+xml', etag: `"feed-v${v}"`}));
	};

	before(async () => {
		server = await startServer();
		home = tempHome();
		serveV(1);
		server.route('GET', '/empty.xml', staticRoute({body: fixture('empty-jekyll.xml'), contentType: 'application/atom+xml'}));
		// GBK bytes, with the charset only in the page's <meta http-equiv>.
		server.route('GET', '/liu/', staticRoute({body: iconv.encode(fixture('gbk.html').toString('utf8'), 'gbk'), contentType: 'text/html'}));
	});
	after(async () => {
		await server.close();
		home.cleanup();
	});

	test('add --homepage suggests the advertised feed and the linked Bluesky profile, adding neither', async () => {
		const r = await cli(['add', 'Ada Lovelace', '--homepage', `${server.url}/ada/`]);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stdout, new RegExp(`--feed ${server.url}/feed.xml`));
		assert.match(r.stdout, /--bluesky ada-lab\.bsky\.social/);
		const researchers = json<Array<{sources: unknown[]}>>(await cli(['researchers', '--json']));
		assert.equal(researchers[0]!.sources.length, 1, 'suggestions are not added');
	});

	test('first refresh: dated news items, papers recorded silently, feed articles', async () => {
		assert.equal((await cli(['add', 'Ada Lovelace', '--feed', `${server.url}/feed.xml`, '--feed', `${server.url}/empty.xml`])).code, 0);
		assert.equal((await cli(['add', '刘威', '--homepage', `${server.url}/liu/`])).code, 0);
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 0, r.stderr);
		const sources = json<RefreshJson>(r).sources;
		assert.ok(sources.every(s => s.ok), JSON.stringify(sources));

		const items = json<Item[]>(await cli(['list', '--json']));
		const news = items.filter(i => i.kind === 'news' && i.researcher === 'Ada Lovelace');
		assert.deepEqual(
			news.map(n => [n.date, n.datePrecision]),
			[
				['2025-05-01T00:00:00.000Z', 'month'],
				['2025-01-01T00:00:00.000Z', 'month'],
				['2024-01-15T00:00:00.000Z', 'day'],
			],
		);
		assert.match(news[0]!.text, /^🎉🎉 We release Laser for efficient reasoning!$/);
		assert.deepEqual(news[0]!.links, [{url: 'https://arxiv.org/abs/2505.15612v2', text: 'Laser'}]);
		assert.deepEqual(news[0]!.papers.map(p => p.id), ['arxiv:2505.15612']);
		assert.deepEqual(news[1]!.papers.map(p => p.id), ['openreview:AbC123xyz']);
		assert.doesNotMatch(news[2]!.text, /evil|alert/, 'script content and javascript: links never become text or links');
		assert.deepEqual(news[2]!.links, []);
		assert.ok(!items.some(i => /Some University/.test(i.text)), 'the next section is not news');
		assert.ok(!items.some(i => i.kind === 'publication'), 'the first fetch records publications silently');

		const papers = json<Paper[]>(await cli(['papers', '--json']));
		const laser = papers.find(p => p.id === 'arxiv:2505.15612')!;
		assert.ok(laser.mentions.every(m => m.researcher === 'Ada Lovelace' && m.source === 'homepage'));
		assert.ok(papers.some(p => p.id === 'acl:2023.emnlp-main.467'), 'publications appear in papers');
		// --json keeps the contract's mention fields, no more; the table says a month as a month.
		assert.deepEqual(Object.keys(laser.mentions[0]!), ['item', 'researcher', 'source', 'date', 'own']);
		const laserMention = laser.mentions[0]!;
		const table = (await cli(['papers'])).stdout;
		const laserLine = table.split('\n').find(l => l.includes('arxiv:2505.15612')) ?? '';
		assert.equal(laserMention.date, '2025-05-01T00:00:00.000Z');
		assert.match(laserLine, /^May 2025 +arxiv:2505\.15612/, table);
		assert.doesNotMatch(table, /2025-05-01/);
		// Newest real mention first; papers only recorded silently from the publication list come last.
		assert.deepEqual(
			papers.filter(p => p.mentions.some(m => m.researcher === 'Ada Lovelace')).map(p => p.id),
			['arxiv:2507.02834', 'arxiv:2505.15612', 'openreview:AbC123xyz', 'acl:2023.emnlp-main.467'],
		);

		const articles = items.filter(i => i.kind === 'article');
		assert.deepEqual(articles.map(a => [a.title, a.date, a.datePrecision, a.source]), [['Why self-explanations help RL', '2025-06-01T10:00:00.000Z', 'instant', 'feed']]);
		assert.equal(articles[0]!.text, 'A walk through our ExPO paper.');
		assert.deepEqual(articles[0]!.papers.map(p => p.id), ['arxiv:2507.02834']);

		const gbk = items.filter(i => i.researcher === '刘威');
		assert.deepEqual(gbk.map(i => [i.date, i.datePrecision]), [['2025-03-01T00:00:00.000Z', 'month'], ['2024-11-05T00:00:00.000Z', 'day']]);
		assert.match(gbk[0]!.text, /我们的论文 SimpleRL-Zoo 发布了！/);
	});

	test('an unchanged page costs a 304 and nothing changes', async () => {
		const before = json<Item[]>(await cli(['list', '--json']));
		const requestsBefore = server.requests.length;
		const r = await cli(['refresh', '--json', '--researcher', 'ada lovelace']);
		assert.equal(r.code, 0, r.stderr);
		assert.deepEqual(json<RefreshJson>(r).sources.map(s => s.newItems), [0, 0, 0]);
		const conditional = server.requests.slice(requestsBefore).filter(q => q.path === '/ada/' || q.path === '/feed.xml');
		assert.ok(conditional.length >= 2 && conditional.every(q => typeof q.headers['if-none-match'] === 'string'), 'conditional requests sent');
		assert.deepEqual(json<Item[]>(await cli(['list', '--json'])), before);
	});

	test('a changed page: one new news entry, one new publication, one new feed entry; old ones keep their ids', async () => {
		const before = json<Item[]>(await cli(['list', '--json']));
		serveV(2);
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 0, r.stderr);
		const bySource = json<RefreshJson>(r).sources;
		assert.equal(bySource.find(s => s.target.endsWith('/ada/'))!.newItems, 2, 'one news + one publication');
		assert.equal(bySource.find(s => s.target.endsWith('/feed.xml'))!.newItems, 1);
		const items = json<Item[]>(await cli(['list', '--json']));
		assert.equal(items.length, before.length + 3);
		// Old items are untouched, except that a paper may now carry a better title learnt from the new publication.
		const withoutTitles = (i: Item | undefined) => i && {...i, papers: i.papers.map(p => ({...p, title: null}))};
		for (const old of before) assert.deepEqual(withoutTitles(items.find(i => i.id === old.id)), withoutTitles(old), `item ${old.id} unchanged`);
		const publication = items.find(i => i.kind === 'publication')!;
		assert.equal(publication.title, 'SimpleRL-Zoo: Investigating and Taming Zero Reinforcement Learning');
		assert.equal(publication.datePrecision, 'seen');
		assert.deepEqual(publication.papers.map(p => p.id), ['arxiv:2503.18892']);
		const news = items.find(i => i.kind === 'news' && i.text.includes('ExPO'))!;
		assert.equal(news.date, '2025-07-01T00:00:00.000Z');
		// Refreshing again adds nothing.
		const again = json<RefreshJson>(await cli(['refresh', '--json'])).sources;
		assert.ok(again.every(s => s.newItems === 0));
	});
});
