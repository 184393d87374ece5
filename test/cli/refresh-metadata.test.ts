/**
 * Paper metadata through `bin/research-feed.js refresh` (issue 15): Semantic Scholar and Crossref
 * stand-ins (test/helpers/bibliography-server.ts), the arXiv API (test/helpers/arxiv-server.ts or a
 * route of our own), feeds on a loopback server linking papers by arXiv id and by DOI.
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {after, before, describe, test} from 'node:test';
import type {Paper} from '../../src/domain/types.js';
import {type ArxivRecord, feedXml, RECORDS} from '../fixtures/arxiv/papers.js';
import {type ArxivServer, startArxivServer} from '../helpers/arxiv-server.js';
import {type BibliographyServer, startBibliographyServer} from '../helpers/bibliography-server.js';
import {type LoopbackServer, sendText, startServer, staticRoute} from '../helpers/loopback-server.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

/** An Atom feed whose entries each link one URL. */
function atomFeed(base: string, name: string, links: readonly string[]): string {
	const entries = links.map(
		(link, i) => `<entry><id>${base}/${name}/${i}</id><title>Post ${i}</title><link href="${base}/${name}/${i}"/><updated>2026-11-${String(10 + (i % 18)).padStart(2, '0')}T00:00:00Z</updated>
<content type="html">&lt;p&gt;Our paper: &lt;a href="${link}"&gt;read it&lt;/a&gt;.&lt;/p&gt;</content></entry>`,
	);
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>${name}</title><id>${base}/${name}/</id><updated>2026-11-30T00:00:00Z</updated>
${entries.join('\n')}
</feed>`;
}

interface TimedRun {
	code: number | null;
	stderr: string;
	/** Date.now() when the last source's `[n/n]` line arrived, and when the process ended. */
	lastSourceAt: number;
	endedAt: number;
}

/** `refresh` as runCli runs it, noting when the last source was reported and when the process ended. */
function timedRefresh(home: string, env: Record<string, string>): Promise<TimedRun> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BIN, 'refresh'], {
			env: {
				...process.env,
				NO_COLOR: '1',
				RESEARCH_FEED_ARXIV_API: 'http://127.0.0.1:9/api/query',
				RESEARCH_FEED_S2_API: 'http://127.0.0.1:9/graph/v1',
				RESEARCH_FEED_CROSSREF_API: 'http://127.0.0.1:9',
				...env,
				RESEARCH_FEED_HOME: home,
				DEBUG: '',
			},
			stdio: ['ignore', 'ignore', 'pipe'],
		});
		let stderr = '';
		let lastSourceAt = Number.NaN;
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
			stderr += chunk;
			const done = /^\[(\d+)\/(\d+)\] /gm;
			for (const m of chunk.matchAll(done)) if (m[1] === m[2]) lastSourceAt = Date.now();
		});
		child.on('error', reject);
		child.on('close', code => resolve({code, stderr, lastSourceAt, endedAt: Date.now()}));
	});
}

describe('paper metadata during refresh', () => {
	let web: LoopbackServer;
	let bib: BibliographyServer;
	let arxiv: ArxivServer;

	before(async () => {
		web = await startServer();
		bib = await startBibliographyServer();
		arxiv = await startArxivServer(Object.values(RECORDS));
	});
	after(async () => {
		await web.close();
		await bib.close();
		await arxiv.close();
	});

	test('Semantic Scholar externalIds make one paper of an arXiv link and a DOI link shared by two researchers (papers --json)', async () => {
		const home = tempHome();
		try {
			const record = {
				paperId: 'b1f3c0e2a9d84c7e8f6a5b4c3d2e1f0a9b8c7d6e',
				externalIds: {ArXiv: '2402.05133', DOI: '10.1145/3700000.1', CorpusId: 267500000},
				title: 'Personalized Language Modeling from Personalized Human Feedback',
				abstract: null,
				venue: 'International Conference on Machine Learning',
				year: 2025,
				publicationDate: '2025-07-13',
				journal: null,
				publicationVenue: null,
				authors: [{authorId: '1', name: 'Xinyu Li'}, {authorId: '2', name: 'Leqi Liu'}],
			};
			bib.set({s2Papers: {'ARXIV:2402.05133': record, 'DOI:10.1145/3700000.1': record}});
			web.route('GET', '/leqi.xml', staticRoute({body: atomFeed(web.url, 'leqi', ['https://arxiv.org/abs/2402.05133v2']), contentType: 'application/atom+xml'}));
			web.route('GET', '/wei.xml', staticRoute({body: atomFeed(web.url, 'wei', ['https://doi.org/10.1145/3700000.1']), contentType: 'application/atom+xml'}));
			const env = {RESEARCH_FEED_ARXIV_API: arxiv.api, RESEARCH_FEED_S2_API: bib.bases.s2, RESEARCH_FEED_CROSSREF_API: bib.bases.crossref};
			const cli = (args: string[]) => runCli(args, {home: home.dir, env});
			assert.equal((await cli(['add', 'Leqi Liu', '--feed', `${web.url}/leqi.xml`])).code, 0);
			assert.equal((await cli(['add', 'Wei Liu', '--feed', `${web.url}/wei.xml`])).code, 0);
			const r = await cli(['refresh']);
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stderr, /^paper metadata: 1 paper\(s\) described by arXiv, 1 by Semantic Scholar\.$/m);
			assert.equal(bib.count('s2'), 1, 'one Semantic Scholar batch for the refresh');
			assert.equal(arxiv.count('/api/query'), 1);
			assert.equal(bib.count('crossref'), 0, 'Semantic Scholar knew the DOI');

			const papers = json<Paper[]>(await cli(['papers', '--json']));
			assert.equal(papers.length, 1, JSON.stringify(papers, null, 2));
			const paper = papers[0]!;
			assert.equal(paper.id, 'arxiv:2402.05133');
			assert.deepEqual(paper.ids, ['arxiv:2402.05133', 'doi:10.1145/3700000.1']);
			assert.equal(paper.title, 'Personalized Language Modeling from Personalized Human Feedback');
			assert.equal(paper.venue, 'International Conference on Machine Learning');
			assert.deepEqual(paper.mentions.map(m => [m.researcher, m.own]).sort(), [['Leqi Liu', true], ['Wei Liu', false]]);

			// Known by both names now: nothing is asked again, and the DOI link stays on the one paper.
			const again = await cli(['refresh']);
			assert.equal(again.code, 0, again.stderr);
			assert.doesNotMatch(again.stderr, /paper metadata/);
			assert.equal(bib.count('s2'), 1);
			assert.equal(arxiv.count('/api/query'), 1);
			assert.equal(json<Paper[]>(await cli(['papers', '--json'])).length, 1);
		} finally {
			bib.reset();
			arxiv.reset();
			home.cleanup();
		}
	});

	test('refresh ends within about a second of its last source, whatever the arXiv pacing leaves; the next refresh fetches it', async t => {
		const home = tempHome();
		try {
			const ids = Array.from({length: 20}, (_, i) => `2511.${String(20000 + i)}`);
			const records: ArxivRecord[] = ids.map(id => ({
				id,
				version: 1,
				title: `Preprint ${id}`,
				summary: 'An abstract.',
				authors: ['Mira Chen'],
				primaryCategory: 'cs.LG',
				categories: ['cs.LG'],
				published: '2025-11-02T00:00:00Z',
				updated: '2025-11-02T00:00:00Z',
			}));
			web.route('GET', '/mira.xml', staticRoute({body: atomFeed(web.url, 'mira', ids.map(id => `https://arxiv.org/abs/${id}`)), contentType: 'application/atom+xml'}));
			// The arXiv API: failing, then slow (an answer after 6 s), then well.
			let mode: 'fail' | 'slow' | 'fast' = 'fail';
			web.route('GET', '/arxiv/query', (_req, res, url) => {
				const idList = url.searchParams.get('id_list') ?? '';
				const answer = () => sendText(res, 200, feedXml(idList, records.filter(r => idList.split(',').includes(r.id))), 'application/atom+xml; charset=UTF-8');
				if (mode === 'fail') sendText(res, 503, 'busy', 'text/plain');
				else if (mode === 'slow') setTimeout(answer, 6000).unref();
				else answer();
			});
			const env = {RESEARCH_FEED_ARXIV_API: `${web.url}/arxiv/query`, RESEARCH_FEED_S2_API: bib.bases.s2, RESEARCH_FEED_CROSSREF_API: bib.bases.crossref};
			assert.equal((await runCli(['add', 'Mira Chen', '--feed', `${web.url}/mira.xml`], {home: home.dir, env})).code, 0);

			// First refresh: the arXiv API fails, so 20 arXiv papers wait for it (Semantic Scholar knows nothing of them).
			const first = await timedRefresh(home.dir, env);
			assert.equal(first.code, 0, first.stderr);
			assert.match(first.stderr, /^research-feed: paper metadata: arXiv API: HTTP 503; 20 left for a later refresh$/m);

			// Second refresh, right after: arXiv's 3 s interval is not over, and its answer would take 6 s.
			// The paced path waited for both after the last source (about 8 s here; 12 s for five requests).
			mode = 'slow';
			const second = await timedRefresh(home.dir, env);
			assert.equal(second.code, 0, second.stderr);
			const afterLast = second.endedAt - second.lastSourceAt;
			t.diagnostic(`refresh ended ${afterLast} ms after its last source`);
			assert.ok(Number.isFinite(afterLast), second.stderr);
			assert.ok(afterLast < 3000, `refresh ended ${afterLast} ms after its last source:\n${second.stderr}`);
			assert.match(second.stderr, /^paper metadata: 20 left for a later refresh\.$/m);

			// The next refresh once arXiv's interval is over: the papers pacing left get their metadata.
			mode = 'fast';
			await new Promise(resolve => setTimeout(resolve, 3100));
			const third = await timedRefresh(home.dir, env);
			assert.equal(third.code, 0, third.stderr);
			assert.match(third.stderr, /^paper metadata: 20 paper\(s\) described by arXiv\.$/m);
			const papers = json<Paper[]>(await runCli(['papers', '--json'], {home: home.dir, env}));
			assert.equal(papers.length, 20);
			assert.ok(papers.every(p => p.title === `Preprint ${p.id.slice('arxiv:'.length)}`));
		} finally {
			bib.reset();
			home.cleanup();
		}
	});
});
