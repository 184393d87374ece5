/**
 * `research-feed demo`: its loopback server answers the arXiv API and DBLP from assets/demo/, its
 * data path (the real adapters, refresh and metadata enrichment) leaves papers with authors,
 * abstracts, venues and own mentions, and its temporary home is gone however it ends: quitting,
 * or SIGTERM and SIGHUP with the timeline up (the terminal restored).
 */
import assert from 'node:assert/strict';
import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {fileURLToPath} from 'node:url';
import {describe, test} from 'node:test';
import {openDemo} from '../../src/cli/commands/demo.js';
import {papersCommand} from '../../src/cli/commands/papers.js';
import {startDemoServer} from '../../src/demo/server.js';
import type {Paper} from '../../src/domain/types.js';
import {parseArxivResponse} from '../../src/parse/arxiv.js';
import {parseDblpPerson} from '../../src/parse/bibliography/dblp.js';
import {paperMetaMany} from '../../src/store/paper-meta.js';
import {spawnInPty} from '../helpers/pty-terminal.js';
import {runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

/** Every arXiv paper the demo's researchers mention (bluesky.json, weiliu.md). */
const ARXIV_IDS = ['2507.02834', '2402.05133', '2410.13828', '2305.18290', '2505.15612', '2412.17451', '2503.18892', '2407.08733', '2312.15685'];

function sink(): {stream: NodeJS.WritableStream; text: () => string} {
	const stream = new PassThrough();
	let text = '';
	stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
	return {stream, text: () => text};
}

describe('demo server', () => {
	test('answers the arXiv API with the entries of the ids asked, in order, and DBLP persons by pid', async () => {
		const server = await startDemoServer();
		try {
			const query = await fetch(`${server.env['RESEARCH_FEED_ARXIV_API']}?id_list=2402.05133,9999.99999,2507.02834v2&max_results=3`);
			assert.equal(query.status, 200);
			const answer = await parseArxivResponse(await query.text());
			assert.deepEqual(
				answer.entries.map(e => e.id),
				['arxiv:2402.05133', 'arxiv:2507.02834'],
			);
			assert.equal(answer.totalResults, 2);
			assert.deepEqual(answer.entries[1]!.authors, ['Ruiyang Zhou', 'Shuozhe Li', 'Amy Zhang', 'Liu Leqi']);

			const all = await parseArxivResponse(await (await fetch(`${server.env['RESEARCH_FEED_ARXIV_API']}?id_list=${ARXIV_IDS.join(',')}&max_results=100`)).text());
			assert.deepEqual(
				all.entries.map(e => e.id),
				ARXIV_IDS.map(id => `arxiv:${id}`),
			);
			for (const entry of all.entries) {
				assert.ok(entry.title && entry.abstract && entry.authors.length > 0 && entry.published, entry.id);
			}

			const malformed = await fetch(`${server.env['RESEARCH_FEED_ARXIV_API']}?id_list=2402.05133,not-an-id&max_results=2`);
			assert.equal(malformed.status, 400);
			assert.deepEqual(
				(await parseArxivResponse(await malformed.text())).errors.map(e => e.rawId),
				['not-an-id'],
			);

			const leqi = parseDblpPerson(await (await fetch(`${server.env['RESEARCH_FEED_DBLP_API']}/pid/l/LeqiLiu.xml`)).text());
			assert.equal(leqi.pid, 'l/LeqiLiu');
			assert.equal(leqi.works.length, 3);
			const wei = parseDblpPerson(await (await fetch(`${server.env['RESEARCH_FEED_DBLP_API']}/pid/l/WeiLiu.xml`)).text());
			assert.deepEqual([...new Set(wei.works.map(w => w.venue))].sort(), ['EMNLP', 'ICLR', 'ICML', 'NAACL-HLT', 'NLPCC (2)', 'arXiv']);
			assert.equal((await fetch(`${server.url}/pid/x/Nobody.xml`)).status, 404);

			// Semantic Scholar and Crossref, pointed here so nothing reaches the network, know none of them.
			const s2 = await fetch(`${server.env['RESEARCH_FEED_S2_API']}/paper/batch?fields=title`, {method: 'POST', body: JSON.stringify({ids: ['ARXIV:2402.05133', 'DOI:10.1/x']})});
			assert.deepEqual(await s2.json(), [null, null]);
			assert.equal((await fetch(`${server.env['RESEARCH_FEED_CROSSREF_API']}/works/10.1/x`)).status, 404);
		} finally {
			await server.close();
		}
	});
});

describe('demo data path', () => {
	test('the real refresh and enrichment give authors, abstracts, venues and own mentions', async () => {
		const home = tempHome('rf-demo-');
		const out = sink();
		const err = sink();
		const demo = await openDemo({stdout: out.stream, stderr: err.stream, stdin: new PassThrough(), env: {NO_COLOR: '1'}}, home.dir);
		try {
			assert.match(err.text(), /5 source\(s\)/);
			assert.doesNotMatch(err.text(), /FAILED/);
			assert.equal(await papersCommand(demo.ctx, {json: true}), 0);
			const papers = JSON.parse(out.text()) as Paper[];
			const byId = new Map(papers.map(p => [p.id, p]));
			const meta = paperMetaMany(
				demo.ctx.store.db,
				papers.map(p => p.id),
			);

			// Every arXiv paper mentioned got its authors and abstract from the (demo) arXiv API.
			for (const id of ARXIV_IDS) {
				const m = meta.get(`arxiv:${id}`);
				assert.ok(m, `arxiv:${id} has metadata`);
				assert.ok(m.authors.length > 0, `arxiv:${id} authors`);
				assert.ok(m.abstract && m.abstract.length > 20, `arxiv:${id} abstract`);
			}
			assert.deepEqual(meta.get('arxiv:2402.05133')!.authors, ['Xinyu Li', 'Ruiyang Zhou', 'Zachary C. Lipton', 'Liu Leqi']);
			assert.equal(meta.get('arxiv:2507.02834')!.category, 'cs.LG');

			// "Liu Leqi" on arXiv is the researcher "Leqi Liu": her mentions are her own, Wei Liu's are not.
			const expo = byId.get('arxiv:2507.02834')!;
			assert.ok(expo.mentions.some(m => m.researcher === 'Leqi Liu' && m.source === 'bluesky' && m.own));
			assert.ok(expo.mentions.some(m => m.researcher === 'Wei Liu' && m.source === 'bluesky' && !m.own));
			assert.ok(byId.get('arxiv:2505.15612')!.mentions.some(m => m.researcher === 'Wei Liu' && m.source === 'homepage' && m.own));

			// DBLP's papers: paper items of both researchers, with the venue DBLP gives (a published
			// venue over the CoRR record's arXiv).
			assert.ok(papers.some(p => p.mentions.some(m => m.researcher === 'Leqi Liu' && m.source === 'dblp')));
			assert.equal(byId.get('arxiv:2312.15685')!.venue, 'ICLR');
			assert.equal(byId.get('arxiv:2412.17451')!.venue, 'ICML');
			assert.equal(byId.get('arxiv:2410.13828')!.venue, 'arXiv');
			const emnlp = papers.find(p => p.ids.includes('acl:2023.emnlp-main.467'));
			assert.ok(emnlp);
			assert.equal(emnlp.venue, 'EMNLP');
			assert.deepEqual(
				emnlp.mentions.filter(m => m.source === 'dblp').map(m => [m.researcher, m.own]),
				[['Wei Liu', true]],
			);
			assert.equal(papers.find(p => p.ids.includes('doi:10.1007/978-3-030-32236-6_12'))?.venue, 'NLPCC (2)');
		} finally {
			await demo.close();
			home.cleanup();
		}
	});
});

describe('demo temporary home', () => {
	const leftovers = (dir: string) => readdirSync(dir).filter(name => name.startsWith('research-feed-demo-'));

	test('without a terminal: lists the timeline, paper items included, and removes its home', async () => {
		const tmp = tempHome('rf-demo-tmp-');
		try {
			const r = await runCli(['demo'], {env: {TMPDIR: tmp.dir}});
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stdout, /Wei Liu\s+dblp\s+paper\s+Joint Entity and Relation Extraction/);
			assert.deepEqual(leftovers(tmp.dir), []);
		} finally {
			tmp.cleanup();
		}
	});

	for (const [signal, number] of [
		['SIGTERM', 15],
		['SIGHUP', 1],
	] as const) {
		test(`${signal} with the timeline up: the terminal is restored and the home removed`, async () => {
			const tmp = tempHome('rf-demo-tmp-');
			const term = spawnInPty(process.execPath, [BIN, 'demo'], {cols: 120, rows: 30, env: {TMPDIR: tmp.dir, NO_COLOR: '1', CI: 'true'}});
			try {
				await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && s.some(l => l.startsWith('>')), 30_000);
				const [home] = leftovers(tmp.dir);
				assert.ok(home !== undefined && existsSync(join(tmp.dir, home, 'cache.db')), 'the demo runs in a home under TMPDIR');
				process.kill(term.pid, signal);
				const exit = await Promise.race([term.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${signal}`)), 10_000))]);
				assert.equal(exit.signal, number, JSON.stringify(exit));
				const output = term.output();
				assert.ok(output.lastIndexOf('\u001b[?1049l') > output.lastIndexOf('\u001b[?1049h'), 'left the alternate screen');
				assert.deepEqual(leftovers(tmp.dir), []);
			} finally {
				term.kill();
				tmp.cleanup();
			}
		});
	}
});
