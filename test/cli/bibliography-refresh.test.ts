/**
 * Bibliography sources through bin/research-feed.js against loopback DBLP, ORCID, arXiv listing and
 * OpenAlex servers (test/helpers/bibliography-server.ts), with a feed that links one paper by its
 * DOI and another entry that links it by its arXiv id. The answers below are our own, in each
 * service's shape as documented in ../shared/reference/paper-sources.md: DBLP person XML (ORW,
 * ORPY: `<dblpperson>`, `<r>`-wrapped records, CoRR `<ee>` with a 10.48550 DOI, homonym numbers),
 * ORCID `/works` groups (ORW, OSMP), the arXiv `.atom2` listing (ABR), OpenAlex `/works` (OAPI).
 */
import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import type {Item, Paper} from '../../src/domain/types.js';
import {startBibliographyServer, type BibliographyServer} from '../helpers/bibliography-server.js';
import {ALL_WORKS} from '../fixtures/bibliography/openalex.js';
import {type LoopbackServer, startServer, staticRoute} from '../helpers/loopback-server.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const NOW = '2026-12-01T12:00:00Z';

/** The preprint (CoRR, August 2025) and its AAAI version share a title: one paper. */
const PREPRINT = `<r><article key="journals/corr/abs-2508-04024" publtype="informal" mdate="2025-09-10">
<author pid="71/2088-1">Lena Okafor 0001</author>
<author pid="33/1000">Ravi Shah</author>
<title>Identity Theft in AI Conference Peer Review.</title>
<year>2025</year><month>August</month><volume>abs/2508.04024</volume><journal>CoRR</journal>
<ee type="oa">https://doi.org/10.48550/arXiv.2508.04024</ee>
</article></r>`;
const PUBLISHED = `<r><inproceedings key="conf/aaai/OkaforS26" mdate="2026-02-11">
<author pid="71/2088-1">Lena Okafor 0001</author>
<author pid="33/1000">Ravi Shah</author>
<title>Identity theft in AI conference peer review</title>
<year>2026</year><booktitle>AAAI</booktitle>
<ee>https://doi.org/10.1609/aaai.v40i1.4242</ee>
</inproceedings></r>`;
const OLD = `<r><inproceedings key="conf/acl/Okafor19" mdate="2019-08-10">
<author pid="71/2088-1">Lena Okafor 0001</author>
<title>Reviewing at Scale: A Study of Reviewer Load.</title>
<year>2019</year><booktitle>ACL</booktitle>
<ee>https://aclanthology.org/P19-1001</ee>
</inproceedings></r>`;
const LATER = `<r><inproceedings key="conf/emnlp/Okafor20" mdate="2020-11-10">
<author pid="71/2088-1">Lena Okafor 0001</author>
<title>Reviewer Assignment as Matching.</title>
<year>2020</year><booktitle>EMNLP</booktitle>
<ee>https://doi.org/10.5555/emnlp.2020.77</ee>
</inproceedings></r>`;

function dblpPerson(name: string, pid: string, records: string[]): string {
	return `<?xml version="1.0"?>
<dblpperson name="${name}" pid="${pid}" n="${records.length}">
<person key="homepages/${pid}" mdate="2025-06-02"><author pid="${pid}">${name}</author></person>
${records.join('\n')}
</dblpperson>`;
}

/** ORCID groups: the AAAI DOI (the same paper as the preprint) and a paper from last week. */
const ORCID_WORKS = {
	'last-modified-date': {value: 1764000000000},
	group: [
		orcidGroup('10.1609/aaai.v40i1.4242', 'Identity Theft in AI Conference Peer Review', {year: '2026', month: '02', day: null}, 'AAAI'),
		orcidGroup('10.5555/jmlr.2026.118', 'Fair Reviewer Bidding', {year: '2026', month: '11', day: '25'}, 'Journal of Machine Learning Research'),
	],
	path: '/0000-0002-1825-0097/works',
};

function orcidGroup(doi: string, title: string, date: {year: string; month: string | null; day: string | null}, journal: string): unknown {
	const ids = {'external-id': [{'external-id-type': 'doi', 'external-id-value': doi, 'external-id-normalized': {value: doi.toLowerCase(), transient: true}, 'external-id-url': {value: `https://doi.org/${doi}`}, 'external-id-relationship': 'self'}]};
	return {
		'last-modified-date': {value: 1764000000000},
		'external-ids': ids,
		'work-summary': [
			{
				'put-code': Math.abs(hash(doi)),
				source: {'source-orcid': null, 'source-client-id': {path: '0000-0001-9884-1913'}, 'source-name': {value: 'Crossref'}},
				title: {title: {value: title}, subtitle: null, 'translated-title': null},
				'external-ids': ids,
				url: {value: `https://doi.org/${doi}`},
				type: 'journal-article',
				'publication-date': {year: {value: date.year}, month: date.month ? {value: date.month} : null, day: date.day ? {value: date.day} : null},
				'journal-title': {value: journal},
				visibility: 'public',
				path: `/0000-0002-1825-0097/work/${Math.abs(hash(doi))}`,
				'display-index': '0',
			},
		],
	};
}

function hash(s: string): number {
	let h = 0;
	for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
	return h;
}

/** The arXiv listing of Lena: the preprint, first version 2025-08-05 (US Eastern offset, as arXiv writes it). */
const ARXIV_LISTING = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>Lena Okafor's articles on arXiv</title>
  <id>http://arxiv.org/a/okafor_l_1</id>
  <updated>2025-09-01T00:00:00-04:00</updated>
  <entry>
    <id>http://arxiv.org/abs/2508.04024v2</id>
    <updated>2025-08-20T10:00:00-04:00</updated>
    <published>2025-08-05T21:30:07-04:00</published>
    <title>Identity Theft in AI Conference Peer Review</title>
    <summary>We study identity theft in peer review.</summary>
    <author><name>Lena Okafor, Ravi Shah</name></author>
    <link href="https://arxiv.org/abs/2508.04024v2" rel="alternate" type="text/html"/>
    <arxiv:primary_category term="cs.CY" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
</feed>`;

/** A blog that links the paper once by its DOI and once by its arXiv id. */
function blogFeed(base: string): string {
	return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Review notes</title><id>${base}/blog/</id><updated>2026-11-30T00:00:00Z</updated>
<entry><id>${base}/blog/1</id><title>Our AAAI paper</title><link href="${base}/blog/1"/><updated>2026-11-30T00:00:00Z</updated>
<content type="html">&lt;p&gt;Read it at &lt;a href="https://doi.org/10.1609/aaai.v40i1.4242"&gt;AAAI&lt;/a&gt;.&lt;/p&gt;</content></entry>
<entry><id>${base}/blog/2</id><title>The preprint</title><link href="${base}/blog/2"/><updated>2026-11-29T00:00:00Z</updated>
<content type="html">&lt;p&gt;See &lt;a href="https://arxiv.org/abs/2508.04024v1"&gt;arXiv&lt;/a&gt;.&lt;/p&gt;</content></entry>
</feed>`;
}

interface RefreshJson {
	sources: Array<{researcher: string; source: string; target: string; ok: boolean; newItems: number; error: string | null}>;
}

describe('bibliography sources: papers by the people you follow', () => {
	let bib: BibliographyServer;
	let web: LoopbackServer;
	let home: ReturnType<typeof tempHome>;
	const env = (): Record<string, string> => ({
		RESEARCH_FEED_NOW: NOW,
		RESEARCH_FEED_DBLP_API: bib.bases.dblp,
		RESEARCH_FEED_ORCID_API: bib.bases.orcid,
		RESEARCH_FEED_ARXIV_SITE: bib.bases.arxiv,
		RESEARCH_FEED_OPENALEX_API: bib.bases.openalex,
		RESEARCH_FEED_S2_API: 'http://127.0.0.1:9/graph/v1',
		RESEARCH_FEED_CROSSREF_API: 'http://127.0.0.1:9',
	});
	const cli = (args: string[]) => runCli(args, {home: home.dir, env: env()});

	before(async () => {
		bib = await startBibliographyServer({
			dblpPersons: {
				'71/2088-1': dblpPerson('Lena Okafor 0001', '71/2088-1', [PREPRINT, PUBLISHED, OLD]),
				'33/1000': dblpPerson('Ravi Shah', '33/1000', [PREPRINT]),
			},
			orcidWorks: {'0000-0002-1825-0097': ORCID_WORKS},
			arxivListings: {okafor_l_1: ARXIV_LISTING},
			openalexWorks: ALL_WORKS,
		});
		web = await startServer();
		web.route('GET', '/blog/feed.xml', staticRoute({body: blogFeed(web.url), contentType: 'application/atom+xml'}));
		home = tempHome();
	});
	after(async () => {
		await bib.close();
		await web.close();
		home.cleanup();
	});

	test('add validates each id: a bad ORCID checksum is one line, exit 1, nothing written', async () => {
		const bad = await cli(['add', 'Lena Okafor', '--orcid', '0000-0002-1825-0098']);
		assert.equal(bad.code, 1);
		assert.match(bad.stderr, /--orcid: "0000-0002-1825-0098" is not a valid ORCID iD \(checksum/);
		assert.equal(bad.stderr.trim().split('\n').length, 1);
		const none = json<unknown[]>(await cli(['researchers', '--json']));
		assert.deepEqual(none, []);
		const junk = await cli(['add', 'Lena Okafor', '--dblp', 'not a pid at all']);
		assert.equal(junk.code, 1);
		assert.match(junk.stderr, /--dblp: "not a pid at all" is not a DBLP pid/);
	});

	test('add takes ids and the URLs people copy', async () => {
		const r = await cli([
			'add', 'Lena Okafor',
			'--dblp', 'https://dblp.org/pid/71/2088-1.html',
			'--orcid', 'https://orcid.org/0000-0002-1825-0097',
			'--arxiv-author', 'https://arxiv.org/a/okafor_l_1.html',
			'--feed', `${web.url}/blog/feed.xml`,
		]);
		assert.equal(r.code, 0, r.stderr);
		assert.equal((await cli(['add', 'Ravi Shah', '--dblp', '33/1000'])).code, 0);
		const researchers = json<Array<{name: string; sources: Array<{kind: string; target: string}>}>>(await cli(['researchers', '--json']));
		assert.deepEqual(researchers[0]!.sources.map(s => [s.kind, s.target]), [
			['feed', `${web.url}/blog/feed.xml`],
			['dblp', '71/2088-1'],
			['orcid', '0000-0002-1825-0097'],
			['arxiv', 'okafor_l_1'],
		]);
	});

	test('first refresh: old papers recorded silently, last week\'s paper announced; one paper whatever names it', async () => {
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 0, r.stderr);
		const results = json<RefreshJson>(r).sources;
		assert.ok(results.every(s => s.ok), JSON.stringify(results));
		assert.equal(results.find(s => s.source === 'orcid')!.newItems, 1, 'the paper of last week');
		assert.equal(results.find(s => s.source === 'dblp' && s.researcher === 'Lena Okafor')!.newItems, 0, 'older papers stay silent');

		const papersItems = json<Item[]>(await cli(['list', '--json', '--kind', 'paper']));
		assert.deepEqual(papersItems.map(i => [i.researcher, i.source, i.title, i.datePrecision]), [['Lena Okafor', 'orcid', 'Fair Reviewer Bidding', 'day']]);
		assert.equal(papersItems[0]!.url, 'https://doi.org/10.5555/jmlr.2026.118');
		assert.match(papersItems[0]!.text, /Journal of Machine Learning Research · 2026/);

		const papers = json<Paper[]>(await cli(['papers', '--json']));
		const theft = papers.filter(p => p.title !== null && /identity theft/i.test(p.title));
		assert.equal(theft.length, 1, `one paper, not ${theft.length}: ${JSON.stringify(theft.map(p => p.id))}`);
		const paper = theft[0]!;
		assert.equal(paper.id, 'arxiv:2508.04024', 'the arXiv id is canonical');
		assert.ok(paper.ids.includes('doi:10.1609/aaai.v40i1.4242'), JSON.stringify(paper.ids));
		assert.equal(paper.url, 'https://arxiv.org/abs/2508.04024');
		// Both blog entries (DOI link, arXiv link) mention this one paper.
		const feedMentions = paper.mentions.filter(m => m.source === 'feed');
		assert.equal(feedMentions.length, 2, JSON.stringify(paper.mentions));
		// Co-authored by two followed researchers: each has an own mention.
		const own = [...new Set(paper.mentions.filter(m => m.own).map(m => m.researcher))].sort();
		assert.deepEqual(own, ['Lena Okafor', 'Ravi Shah']);
		assert.deepEqual(paper.authors.slice(0, 2), ['Lena Okafor', 'Ravi Shah']);
	});

	test('a second refresh changes nothing; a paper new to DBLP becomes an item, dated as DBLP dates it', async () => {
		const again = json<RefreshJson>(await cli(['refresh', '--json'])).sources;
		assert.deepEqual(again.map(s => s.newItems), again.map(() => 0));
		bib.set({dblpPersons: {...bib.data.dblpPersons, '71/2088-1': dblpPerson('Lena Okafor 0001', '71/2088-1', [PREPRINT, PUBLISHED, OLD, LATER])}});
		const r = json<RefreshJson>(await cli(['refresh', '--json'])).sources;
		assert.equal(r.find(s => s.source === 'dblp' && s.researcher === 'Lena Okafor')!.newItems, 1);
		const items = json<Item[]>(await cli(['list', '--json', '--kind', 'paper']));
		const later = items.find(i => i.title === 'Reviewer Assignment as Matching');
		assert.ok(later, JSON.stringify(items.map(i => i.title)));
		assert.equal(later.date, '2020-01-01T00:00:00.000Z');
		assert.equal(later.datePrecision, 'year');
		assert.deepEqual(later.papers.map(p => p.id), ['doi:10.5555/emnlp.2020.77']);
	});

	test('a source that fails costs only itself and keeps what it had', async () => {
		bib.inject('orcid', {status: 404, body: {'response-code': 404, 'user-message': 'The resource was not found.'}}, 5);
		const r = await cli(['refresh', '--json']);
		assert.equal(r.code, 2);
		const results = json<RefreshJson>(r).sources;
		const orcid = results.find(s => s.source === 'orcid')!;
		assert.equal(orcid.ok, false);
		assert.match(orcid.error!, /ORCID has no record 0000-0002-1825-0097/);
		assert.ok(results.filter(s => s.source !== 'orcid').every(s => s.ok));
		const items = json<Item[]>(await cli(['list', '--json', '--kind', 'paper']));
		assert.ok(items.some(i => i.title === 'Fair Reviewer Bidding'), 'cached items stay');
	});

	test('OpenAlex: every followed author in one request, each source takes its own works', async () => {
		assert.equal((await cli(['add', 'Lena Okafor', '--openalex', 'https://openalex.org/A5023888391'])).code, 0);
		assert.equal((await cli(['add', 'Ravi Shah', '--openalex', 'a5000000002'])).code, 0);
		bib.reset();
		const r = json<RefreshJson>(await cli(['refresh', '--json'])).sources;
		const openalex = r.filter(s => s.source === 'openalex');
		assert.deepEqual(openalex.map(s => s.ok), [true, true], JSON.stringify(openalex));
		const asked = bib.requests('openalex').map(q => new URL(q.url, 'http://x').searchParams.get('filter'));
		assert.ok(asked.length >= 1 && asked.every(f => f === 'authorships.author.id:A5023888391|A5000000002'), JSON.stringify(asked));
		// OpenAlex lists the preprint too (by its arXiv DOI): DBLP, ORCID, arXiv and OpenAlex, one paper.
		const theft = json<Paper[]>(await cli(['papers', '--json'])).filter(p => p.title !== null && /identity theft/i.test(p.title));
		assert.deepEqual(theft.map(p => p.id), ['arxiv:2508.04024']);
		// One paper item per researcher, whichever of their four sources listed it first.
		const own = theft[0]!.mentions.filter(m => m.own).map(m => m.researcher).sort();
		assert.deepEqual(own, ['Lena Okafor', 'Ravi Shah'], JSON.stringify(theft[0]!.mentions));
		// The keyless budget spent: one line naming the setting, the other sources unaffected.
		bib.openalex.keylessBudget = 0;
		const spent = await cli(['refresh', '--json']);
		assert.equal(spent.code, 2);
		const lines = json<RefreshJson>(spent).sources;
		for (const s of lines.filter(x => x.source === 'openalex')) assert.match(s.error!, /openalex\.apiKey/);
		assert.ok(lines.filter(x => x.source !== 'openalex' && x.source !== 'orcid').every(x => x.ok));
	});

	test('BibTeX carries the DOI and venue a bibliography gave; export and import round-trip the new source kinds', async () => {
		const bib = await cli(['papers', '--bibtex', '--researcher', 'Ravi Shah']);
		assert.equal(bib.code, 0, bib.stderr);
		assert.match(bib.stdout, /eprint\s+= \{2508\.04024\}/);
		assert.match(bib.stdout, /doi\s+= \{10\.1609\/aaai\.v40i1\.4242\}/);
		assert.match(bib.stdout, /note\s+= \{AAAI\}/);
		assert.match(bib.stdout, /year\s+= \{2025\}/);
		const opml = await cli(['export']);
		assert.match(opml.stdout, /type="dblp" target="71\/2088-1" htmlUrl="https:\/\/dblp\.org\/pid\/71\/2088-1\.html"/);
		assert.match(opml.stdout, /type="orcid" target="0000-0002-1825-0097"/);
		assert.match(opml.stdout, /type="arxiv" target="okafor_l_1"/);
		assert.match(opml.stdout, /type="openalex" target="A5023888391"/);
		const other = tempHome();
		try {
			const file = `${other.dir}/researchers.opml`;
			(await import('node:fs')).writeFileSync(file, opml.stdout);
			const imported = await runCli(['import', file], {home: other.dir});
			assert.equal(imported.code, 0, imported.stderr);
			const before = json<Array<{name: string; sources: Array<{kind: string; target: string}>}>>(await cli(['researchers', '--json']));
			const after = json<Array<{name: string; sources: Array<{kind: string; target: string}>}>>(await runCli(['researchers', '--json'], {home: other.dir}));
			assert.deepEqual(after.map(r => [r.name, r.sources.map(s => `${s.kind} ${s.target}`)]), before.map(r => [r.name, r.sources.map(s => `${s.kind} ${s.target}`)]));
		} finally {
			other.cleanup();
		}
	});
});
