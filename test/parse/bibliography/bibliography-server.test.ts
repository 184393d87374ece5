/**
 * The loopback bibliography server (test/helpers/bibliography-server.ts) answers like the services
 * it stands in for, and the parsers read what it serves.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {after, before, describe, test} from 'node:test';
import {parseArxivListing} from '../../../src/parse/bibliography/arxiv-listing.js';
import {BibliographyParseError} from '../../../src/parse/bibliography/common.js';
import {isCrossrefNotFound, parseCrossrefWork} from '../../../src/parse/bibliography/crossref.js';
import {parseDblpAuthorSearch, parseDblpPerson} from '../../../src/parse/bibliography/dblp.js';
import {parseOpenAlexAuthors, parseOpenAlexError, parseOpenAlexWorks} from '../../../src/parse/bibliography/openalex.js';
import {parseOrcidWorks} from '../../../src/parse/bibliography/orcid.js';
import {parseS2Batch, S2_FIELDS, s2BatchBody, s2BatchIds} from '../../../src/parse/bibliography/semantic-scholar.js';
import {CROSSREF_AAAI} from '../../fixtures/bibliography/crossref.js';
import {ALL_WORKS, AUTHORS_SEARCH, LENA, SHAH} from '../../fixtures/bibliography/openalex.js';
import {ORCID_WORKS} from '../../fixtures/bibliography/orcid-works.js';
import {S2_PAPERS} from '../../fixtures/bibliography/s2-batch.js';
import {type BibliographyServer, startBibliographyServer} from '../../helpers/bibliography-server.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bibliography/${name}`, import.meta.url), 'utf8');

let server: BibliographyServer;

before(async () => {
	server = await startBibliographyServer({
		dblpPersons: {'71/2088-1': fixture('dblp-person.xml'), '71/2088': fixture('dblp-disambiguation.xml')},
		dblpAuthors: [
			{author: 'Lena Okafor 0001', pid: '71/2088-1', affiliation: 'Université de Montréal, Mila, Canada'},
			{author: 'Lena Okafor', pid: '71/2088', disambiguation: true},
			{author: 'Lenart Okafor-Bright', pid: '301/7788', aliases: ['L. Okafor-Bright']},
			{author: 'Andrew McCallum', pid: 'm/AndrewMcCallum'},
		],
		orcidWorks: {'0000-0002-1825-0097': ORCID_WORKS},
		openalexWorks: ALL_WORKS as unknown as Array<Record<string, unknown>>,
		openalexAuthors: AUTHORS_SEARCH.results as unknown as Array<Record<string, unknown>>,
		arxivListings: {okafor_l_1: fixture('arxiv-listing.atom2'), '0000-0002-1825-0097': fixture('arxiv-listing.atom2')},
		arxivAtomListings: {morrison_d_1: fixture('arxiv-listing-legacy.atom')},
		s2Papers: S2_PAPERS,
		crossrefWorks: {'10.1609/AAAI.V39I1.32013': CROSSREF_AAAI.message},
	});
});

after(async () => {
	await server.close();
});

async function get(url: string, headers: Record<string, string> = {}): Promise<{status: number; type: string | null; body: string; headers: Headers}> {
	const res = await fetch(url, {headers});
	return {status: res.status, type: res.headers.get('content-type'), body: await res.text(), headers: res.headers};
}

describe('bibliography server', () => {
	test('each service has its own port (its own host for rate-limit holds) and base URL', () => {
		const hosts = new Set(Object.values(server.bases).map(b => new URL(b).host));
		assert.equal(hosts.size, 6);
		assert.match(server.bases.orcid, /\/v3\.0$/);
		assert.match(server.bases.s2, /\/graph\/v1$/);
	});

	test('dblp: person XML by pid, 404 HTML for an unknown one, author search JSON as dblp converts it', async () => {
		const person = await get(`${server.bases.dblp}/pid/71/2088-1.xml`);
		assert.equal(person.status, 200);
		assert.equal(parseDblpPerson(person.body).works.length, 9);
		const missing = await get(`${server.bases.dblp}/pid/1/1.xml`);
		assert.equal(missing.status, 404);
		assert.throws(() => parseDblpPerson(missing.body), BibliographyParseError);

		const many = await get(`${server.bases.dblp}/search/author/api?q=${encodeURIComponent('lena okafor')}&format=json`);
		const parsed = parseDblpAuthorSearch(many.body);
		assert.equal(parsed.total, 3);
		assert.deepEqual(
			parsed.candidates.map(c => [c.add[1], c.disambiguation]),
			[
				['71/2088-1', false],
				['71/2088', true],
				['301/7788', false],
			],
		);
		// `$` asks for the exact word ("lena$" is not "Lenart"); a single hit is an object, not a list.
		const exact = await get(`${server.bases.dblp}/search/author/api?q=lena$%20okafor$&format=json&h=5`);
		assert.equal(parseDblpAuthorSearch(exact.body).total, 2);
		const one = await get(`${server.bases.dblp}/search/author/api?q=andrew%20mccall&format=json`);
		assert.ok(!Array.isArray((JSON.parse(one.body) as {result: {hits: {hit: unknown}}}).result.hits.hit));
		assert.deepEqual(
			parseDblpAuthorSearch(one.body).candidates.map(c => c.add),
			[['--dblp', 'm/AndrewMcCallum']],
		);
		const xml = await get(`${server.bases.dblp}/search/author/api?q=mccallum`);
		assert.match(xml.type ?? '', /xml/);
		assert.match(xml.body, /<hits total="1"/);
	});

	test('ORCID: JSON only for Accept: application/json; XML otherwise; 406; unknown iD 404 JSON', async () => {
		const url = `${server.bases.orcid}/0000-0002-1825-0097/works`;
		const json = await get(url, {accept: 'application/json'});
		assert.equal(json.status, 200);
		assert.equal(parseOrcidWorks(json.body).length, 6);
		const xml = await get(url);
		assert.match(xml.type ?? '', /application\/vnd\.orcid\+xml/);
		assert.throws(() => parseOrcidWorks(xml.body), BibliographyParseError);
		assert.equal((await get(url, {accept: 'text/html'})).status, 406);
		const missing = await get(`${server.bases.orcid}/0000-0001-5109-3700/works`, {accept: 'application/json'});
		assert.equal(missing.status, 404);
		assert.match(missing.body, /"error-code":9016/);
	});

	test('OpenAlex: author filter with OR and AND, date filter, cursor paging to the empty last page', async () => {
		const filter = `authorships.author.id:${LENA}|a5000000002,from_publication_date:2023-01-01`;
		const seen: string[] = [];
		let cursor: string | null = '*';
		let pages = 0;
		while (cursor !== null) {
			const res = await get(`${server.bases.openalex}/works?filter=${encodeURIComponent(filter)}&per_page=2&cursor=${encodeURIComponent(cursor)}`);
			assert.equal(res.status, 200);
			const page = parseOpenAlexWorks(res.body);
			assert.equal(page.count, 4);
			seen.push(...page.works.map(w => w.sourceKey));
			cursor = page.nextCursor;
			pages++;
		}
		assert.deepEqual(seen, ['W4400000001', 'W4400000002', 'W4400000003', 'W4400000004']);
		assert.equal(pages, 3);
		const shahOnly = await get(`${server.bases.openalex}/works?filter=author.id:${SHAH.split('/').pop()!}&per_page=100&cursor=*`);
		assert.deepEqual(
			parseOpenAlexWorks(shahOnly.body).works.map(w => w.sourceKey),
			['W4400000002'],
		);
	});

	test('OpenAlex: bad filters and parameters are 400 JSON; page paging stops at 10 000 results', async () => {
		for (const query of ['filter=authorships.institution.id:I1', 'filter=author.id:W1', 'filter=from_publication_date:2023', 'per_page=500', 'cursor=bogus', 'page=101&per_page=100', 'foo=1', 'page=1&cursor=*']) {
			const res = await get(`${server.bases.openalex}/works?${query}`);
			assert.equal(res.status, 400, query);
			assert.match(parseOpenAlexError(res.status, res.body, true), /^OpenAlex rejected the request \(/);
		}
		const authors = await get(`${server.bases.openalex}/authors?search=${encodeURIComponent('léna okafor')}`);
		assert.deepEqual(
			parseOpenAlexAuthors(authors.body).map(c => c.add[1]),
			['A5023888391', 'A5099999999'],
		);
	});

	test('OpenAlex keys: keyless budget then 429 (or 403), slow down 403, unknown key 401, keyed budget', async () => {
		server.reset();
		server.openalex.keylessBudget = 1;
		server.openalex.keys = ['good-key'];
		server.openalex.keyedBudget = 2;
		const works = `${server.bases.openalex}/works?filter=author.id:A5023888391`;
		assert.equal((await get(works)).status, 200);
		const spent = await get(works);
		assert.equal(spent.status, 429);
		assert.match(parseOpenAlexError(spent.status, spent.body, false), /daily limit.*openalex\.apiKey/i);
		server.openalex.keylessExhausted = 403;
		const spent403 = await get(works);
		assert.equal(spent403.status, 403);
		assert.match(parseOpenAlexError(spent403.status, spent403.body, false), /rate limit.*openalex\.apiKey/i);
		assert.equal((await get(`${works}&api_key=bad`)).status, 401);
		assert.equal((await get(`${works}&api_key=good-key`)).status, 200);
		server.openalex.slowDownNext = 1;
		const slow = await get(`${works}&api_key=good-key`);
		assert.equal(slow.status, 403);
		assert.match(parseOpenAlexError(slow.status, slow.body, true), /slow down/);
		assert.equal((await get(`${works}&api_key=good-key`)).status, 200);
		assert.equal((await get(`${works}&api_key=good-key`)).status, 429);
		assert.equal(server.count('openalex', '/works'), 8);
		server.reset();
		server.openalex.keylessBudget = Number.POSITIVE_INFINITY;
		server.openalex.keylessExhausted = 429;
	});

	test('arXiv listings: .atom2 and .atom; an unknown author is 400 HTML; .json 404', async () => {
		const listing = await get(`${server.bases.arxiv}/a/okafor_l_1.atom2`);
		assert.equal(parseArxivListing(listing.body).length, 3);
		const byOrcid = await get(`${server.bases.arxiv}/a/0000-0002-1825-0097.atom2`);
		assert.equal(byOrcid.status, 200);
		const legacy = await get(`${server.bases.arxiv}/a/morrison_d_1.atom`);
		assert.equal(parseArxivListing(legacy.body)[0]!.authors.length, 3);
		const unknown = await get(`${server.bases.arxiv}/a/nobody_x_1.atom2`);
		assert.equal(unknown.status, 400);
		assert.match(unknown.body, /Author nobody_x_1 not found/);
		assert.throws(() => parseArxivListing(unknown.body), BibliographyParseError);
		assert.equal((await get(`${server.bases.arxiv}/a/nobody_x_1.json`)).status, 404);
	});

	test('Semantic Scholar: aligned answers with null for unknown ids, only the asked-for fields; limits', async () => {
		const requested = s2BatchIds(['arxiv:2410.01234', 'doi:10.9999/unknown.1', 'acl:2023.acl-long.48']);
		const post = (fields: string | null, body: unknown) =>
			fetch(`${server.bases.s2}/paper/batch${fields === null ? '' : `?fields=${fields}`}`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});
		const res = await post(S2_FIELDS, s2BatchBody(requested));
		assert.equal(res.status, 200);
		const out = parseS2Batch(await res.text(), requested);
		assert.deepEqual(
			out.map(a => a.meta?.title ?? null),
			['Calibrated Reviewers: Scoring Peer Review with Uncertainty', null, 'Who Reviews the Reviewers? Citation Bias in NLP Peer Review'],
		);
		const bare = (await (await post(null, {ids: ['arxiv:2410.01234']})).json()) as Array<Record<string, unknown>>;
		assert.deepEqual(Object.keys(bare[0]!).sort(), ['paperId', 'title']);
		assert.equal((await post(S2_FIELDS, {ids: Array.from({length: 501}, (_, i) => `DOI:10.1/${i}`)})).status, 400);
		assert.equal((await post('title,nonsense', {ids: []})).status, 400);
		assert.equal((await post(S2_FIELDS, {paperIds: []})).status, 400);
	});

	test('Crossref: a work by DOI in any case; an unknown DOI is 404 text/plain', async () => {
		const res = await get(`${server.bases.crossref}/works/10.1609/aaai.v39i1.32013`);
		assert.equal(parseCrossrefWork(res.body).title, 'Calibrated Reviewers: Scoring Peer Review with Uncertainty');
		const missing = await get(`${server.bases.crossref}/works/10.9999/nothing`);
		assert.equal(missing.status, 404);
		assert.ok(isCrossrefNotFound(missing.status, missing.type, missing.body));
	});

	test('knobs: 429 with Retry-After and the service body, injected answers, ETag/304, request log', async () => {
		server.reset();
		server.rateLimit('dblp', 7);
		const limited = await get(`${server.bases.dblp}/pid/71/2088-1.xml`);
		assert.equal(limited.status, 429);
		assert.equal(limited.headers.get('retry-after'), '7');
		assert.match(limited.type ?? '', /text\/html/);
		assert.equal((await get(`${server.bases.dblp}/pid/71/2088-1.xml`)).status, 200);

		server.inject('crossref', {status: 503, body: 'busy'}, 2);
		assert.equal((await get(`${server.bases.crossref}/works/10.1609/aaai.v39i1.32013`)).status, 503);
		assert.equal((await get(`${server.bases.crossref}/works/10.1609/aaai.v39i1.32013`)).status, 503);
		assert.equal((await get(`${server.bases.crossref}/works/10.1609/aaai.v39i1.32013`)).status, 200);

		const url = `${server.bases.dblp}/pid/71/2088-1.xml`;
		assert.equal((await get(url)).headers.get('etag'), null);
		server.conditional.dblp = true;
		const first = await get(url);
		const etag = first.headers.get('etag')!;
		assert.match(etag, /^"[0-9a-f]+"$/);
		const again = await get(url, {'if-none-match': etag});
		assert.equal(again.status, 304);
		assert.equal(again.body, '');
		server.set({dblpPersons: {...server.data.dblpPersons, '71/2088-1': fixture('dblp-person.xml').replace('Why Do Reviewers Disagree?', 'Why Do Reviewers Agree?')}});
		assert.equal((await get(url, {'if-none-match': etag})).status, 200);
		server.conditional.dblp = false;

		assert.equal(server.count('dblp', '/pid/'), 6);
		assert.equal(server.count('crossref'), 3);
		assert.deepEqual(
			server.requests('dblp').map(r => r.path),
			Array.from({length: 6}, () => '/pid/71/2088-1.xml'),
		);
		assert.equal(server.requests().length, 9);
	});
});
