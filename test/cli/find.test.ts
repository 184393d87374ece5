import assert from 'node:assert/strict';
import {after, afterEach, before, describe, test} from 'node:test';
import {startBibliographyServer, type BibliographyServer} from '../helpers/bibliography-server.js';
import {json, runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

/**
 * `find` against loopback dblp and OpenAlex servers: homonyms ("Wei Liu 0001", "Wei Liu 0032"),
 * a disambiguation bin, a prefix match ("Weiwei Liu"), OpenAlex namesakes; failures of one service.
 */

interface Rec {
	title: string;
	year: number;
	venue: string;
	/** Write the title as a CoRR record (with a month). */
	month?: string;
}

/** A dblp person XML in the shape of dblp's answers (paper-sources.md §1, ORW). */
function personXml(name: string, pid: string, records: Rec[], {affiliation, bin = false}: {affiliation?: string; bin?: boolean} = {}): string {
	const person = [
		`<person${bin ? ' publtype="disambiguation"' : ''} key="homepages/${pid}" mdate="2025-01-01">`,
		`<author pid="${pid}">${name}</author>`,
		...(affiliation ? [`<note type="affiliation">${affiliation}</note>`, '<note label="former" type="affiliation">Somewhere Else</note>'] : []),
		'</person>',
	].join('\n');
	const rs = records.map(
		(r, i) =>
			`<r><inproceedings key="conf/x/K${pid.replace(/\W/g, '')}${i}" mdate="2025-01-01">\n<author pid="${pid}">${name}</author>\n<author pid="11/1111">Ada Coauthor</author>\n<title>${r.title}.</title>\n<year>${r.year}</year>${r.month ? `\n<month>${r.month}</month>` : ''}\n<booktitle>${r.venue}</booktitle>\n</inproceedings>\n</r>`,
	);
	return `<?xml version="1.0"?>\n<dblpperson name="${name}" pid="${pid}" n="${records.length}">\n${person}\n${rs.join('\n')}\n</dblpperson>\n`;
}

const WEI_1 = personXml(
	'Wei Liu 0001',
	'95/7448-1',
	[
		{title: 'Older Work on Graphs', year: 2019, venue: 'KDD'},
		{title: 'Fair Ranking under Uncertainty', year: 2025, venue: 'ICML'},
		{title: 'Causal Bandits Revisited', year: 2024, venue: 'NeurIPS'},
		{title: 'Robust Matrix Completion', year: 2023, venue: 'AAAI'},
	],
	{affiliation: 'University of Technology Sydney, Australia'},
);
const WEI_32 = personXml(
	'Wei Liu 0032',
	'32/1000-32',
	[
		{title: 'Tensor Networks for Vision', year: 2022, venue: 'CVPR'},
		{title: 'Sparse Coding at Scale', year: 2021, venue: 'ICCV'},
	],
	{affiliation: 'Tsinghua University, Beijing, China'},
);
/** The bare name: a bin, flagged only in its person XML (the search hit carries no note). */
const WEI_BIN = personXml(
	'Wei Liu',
	'95/7448',
	[
		{title: 'A Paper of Some Wei Liu', year: 2020, venue: 'ICDE'},
		{title: 'A Paper of Another Wei Liu', year: 2018, venue: 'SIGIR'},
	],
	{bin: true},
);
/** Flagged as a disambiguation page already in the search hit: its (large) XML is never read. */
const WEIWEI_BIN_PID = '150/9999';
const WEIWEI = personXml('Weiwei Liu', '150/2222', [{title: 'Label Noise and Robust Losses', year: 2024, venue: 'ICLR'}]);

function oaWork(id: string, title: string, date: string, author: string) {
	return {
		id: `https://openalex.org/${id}`,
		title,
		display_name: title,
		publication_date: date,
		publication_year: Number(date.slice(0, 4)),
		authorships: [{author_position: 'first', author: {id: `https://openalex.org/${author}`, display_name: 'Wei Liu', orcid: null}}],
	};
}

const OA_UTS = 'A5023888391';
const OA_OTHER = 'A5011111111';

describe('find NAME through bin/research-feed.js (loopback DBLP and OpenAlex)', () => {
	let bib: BibliographyServer;
	let home: ReturnType<typeof tempHome>;
	const cli = (args: string[], env: Record<string, string> = {}) =>
		runCli(args, {home: home.dir, env: {RESEARCH_FEED_DBLP_API: bib.bases.dblp, RESEARCH_FEED_OPENALEX_API: bib.bases.openalex, RESEARCH_FEED_HTTP_RETRY_BASE_MS: '1', ...env}});

	before(async () => {
		bib = await startBibliographyServer({
			dblpAuthors: [
				// dblp's order puts the prefix match first here: exact names must still come first.
				{author: 'Weiwei Liu', pid: '150/2222', affiliation: 'Wuhan University, China'},
				{author: 'Wei Liu 0001', pid: '95/7448-1', affiliation: 'UTS, Sydney'},
				{author: 'Wei Liu', pid: '95/7448'},
				{author: 'Wei Liu 0032', pid: '32/1000-32'},
				{author: 'Weiwei Liu', pid: WEIWEI_BIN_PID, disambiguation: true},
				{author: 'Lena Okafor', pid: '71/2088-1'},
			],
			dblpPersons: {'95/7448-1': WEI_1, '32/1000-32': WEI_32, '95/7448': WEI_BIN, '150/2222': WEIWEI},
			openalexAuthors: [
				{id: `https://openalex.org/${OA_UTS}`, display_name: 'Wei Liu', works_count: 412, last_known_institutions: [{id: 'https://openalex.org/I114017466', display_name: 'University of Technology Sydney'}]},
				{id: `https://openalex.org/${OA_OTHER}`, display_name: 'Wei Liu', works_count: 2, last_known_institutions: []},
				{id: 'https://openalex.org/A5099999999', display_name: 'Lena Okafor', works_count: 5, last_known_institutions: []},
			],
			// Newest first, as the real server answers `sort=publication_date:desc`.
			openalexWorks: [
				oaWork('W5', 'Fair Ranking under Uncertainty', '2025-07-01', OA_UTS),
				oaWork('W4', 'Causal Bandits Revisited', '2024-12-10', OA_UTS),
				oaWork('W3', 'Robust Matrix Completion', '2023-02-07', OA_UTS),
				oaWork('W2', 'Older Work on Graphs', '2019-08-01', OA_UTS),
				oaWork('W1', 'Soil Moisture Sensing', '2016-05-03', OA_OTHER),
			],
		});
		bib.openalex.keys = ['k1'];
	});
	after(async () => {
		await bib.close();
	});
	afterEach(() => {
		bib.reset();
		bib.openalex.keylessBudget = Number.POSITIVE_INFINITY;
		home.cleanup();
	});

	const expected = [
		{
			service: 'dblp',
			name: 'Wei Liu',
			affiliation: 'University of Technology Sydney, Australia',
			papers: 4,
			latest: ['Fair Ranking under Uncertainty', 'Causal Bandits Revisited', 'Robust Matrix Completion'],
			add: ['--dblp', '95/7448-1'],
		},
		{
			service: 'dblp',
			name: 'Wei Liu',
			affiliation: 'Tsinghua University, Beijing, China',
			papers: 2,
			latest: ['Tensor Networks for Vision', 'Sparse Coding at Scale'],
			add: ['--dblp', '32/1000-32'],
		},
		{service: 'dblp', name: 'Weiwei Liu', affiliation: 'Wuhan University, China', papers: 1, latest: ['Label Noise and Robust Losses'], add: ['--dblp', '150/2222']},
		{
			service: 'openalex',
			name: 'Wei Liu',
			affiliation: 'University of Technology Sydney',
			papers: 412,
			latest: ['Fair Ranking under Uncertainty', 'Causal Bandits Revisited', 'Robust Matrix Completion'],
			add: ['--openalex', OA_UTS],
		},
		{service: 'openalex', name: 'Wei Liu', affiliation: null, papers: 2, latest: ['Soil Moisture Sensing'], add: ['--openalex', OA_OTHER]},
	];

	test('--json: homonyms apart, bins left out, exact contract shape, best first; nothing added', async () => {
		home = tempHome();
		const r = await cli(['find', 'Wei Liu', '--json'], {RESEARCH_FEED_OPENALEX_KEY: 'k1'});
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stderr, '');
		const rows = json<Array<Record<string, unknown>>>(r);
		assert.deepEqual(rows, expected);
		for (const row of rows) assert.deepEqual(Object.keys(row), ['service', 'name', 'affiliation', 'papers', 'latest', 'add']);

		// The search once, then each hit's person XML, except the bin the search already flagged.
		const dblpPaths = bib.requests('dblp').map(q => q.path);
		assert.equal(dblpPaths.filter(p => p === '/search/author/api').length, 1);
		assert.deepEqual(dblpPaths.filter(p => p.startsWith('/pid/')).sort(), ['/pid/150/2222.xml', '/pid/32/1000-32.xml', '/pid/95/7448-1.xml', '/pid/95/7448.xml']);
		const search = bib.requests('dblp').find(q => q.path === '/search/author/api')!;
		assert.equal(search.query['q'], 'Wei Liu');
		assert.equal(search.query['format'], 'json');
		// OpenAlex: the search and one small works request per candidate, every one with the key.
		const oa = bib.requests('openalex');
		assert.equal(oa.filter(q => q.path === '/authors').length, 1);
		assert.equal(oa.filter(q => q.path === '/works').length, 2);
		assert.ok(oa.every(q => q.query['api_key'] === 'k1'));
		assert.ok(oa.filter(q => q.path === '/works').every(q => q.query['per_page'] === '3' && q.query['sort'] === 'publication_date:desc'));

		const researchers = json<unknown[]>(await cli(['researchers', '--json']));
		assert.deepEqual(researchers, [], 'find adds nothing');
	});

	test('human output: one block per candidate with the add line to copy; the bins flagged, not offered', async () => {
		home = tempHome();
		const r = await cli(['find', 'wei', 'liu']);
		assert.equal(r.code, 0, r.stderr);
		const out = r.stdout;
		assert.match(
			out,
			/^Wei Liu · DBLP 95\/7448-1\n {2}affiliation {2}University of Technology Sydney, Australia\n {2}papers {7}4\n {2}latest {7}Fair Ranking under Uncertainty\n {15}Causal Bandits Revisited\n {15}Robust Matrix Completion\n {2}follow {7}research-feed add "Wei Liu" --dblp 95\/7448-1\n/,
		);
		assert.match(out, /\n {2}follow {7}research-feed add "Wei Liu" --dblp 32\/1000-32\n/);
		assert.match(out, /\n {2}follow {7}research-feed add "Wei Liu" --openalex A5023888391\n/);
		assert.match(out, /^Wei Liu · DBLP 95\/7448 · disambiguation page\n {2}not one person: .*not offered to follow$/m);
		assert.match(out, /^Weiwei Liu · DBLP 150\/9999 · disambiguation page$/m);
		assert.doesNotMatch(out, /--dblp 95\/7448\n|--dblp 150\/9999/, 'bins are never offered');
		// Blocks in order: DBLP's exact names, its prefix match, its bins, then OpenAlex.
		const heads = out.split('\n').filter(l => / · (DBLP|OpenAlex) /.test(l));
		assert.deepEqual(heads, [
			'Wei Liu · DBLP 95/7448-1',
			'Wei Liu · DBLP 32/1000-32',
			'Weiwei Liu · DBLP 150/2222',
			'Wei Liu · DBLP 95/7448 · disambiguation page',
			'Weiwei Liu · DBLP 150/9999 · disambiguation page',
			'Wei Liu · OpenAlex A5023888391',
			'Wei Liu · OpenAlex A5011111111',
		]);

		// Once followed, a candidate says so instead of offering the add line again.
		assert.equal((await cli(['add', 'Wei Liu', '--dblp', '95/7448-1'])).code, 0);
		const again = await cli(['find', 'Wei Liu']);
		assert.match(again.stdout, /^Wei Liu · DBLP 95\/7448-1\n(?: {2}.*\n)*? {2}followed {5}already, as Wei Liu\n/m);
	});

	test('DBLP answering 429 with its HTML page costs only its own candidates', async () => {
		home = tempHome();
		bib.rateLimit('dblp', 0, 5);
		const r = await cli(['find', 'Wei Liu', '--json'], {RESEARCH_FEED_OPENALEX_KEY: 'k1'});
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stderr, 'research-feed: DBLP author search: HTTP 429 Too Many Requests (dblp limits how often one address may ask; try again in a few minutes)\n');
		assert.deepEqual(
			json<Array<{service: string}>>(r),
			expected.filter(c => c.service === 'openalex'),
		);

		// A Retry-After longer than find waits fails at once, also in one line.
		bib.reset();
		bib.rateLimit('dblp', 3600, 1);
		const human = await cli(['find', 'Wei Liu'], {RESEARCH_FEED_OPENALEX_KEY: 'k1'});
		assert.equal(human.code, 0, human.stderr);
		assert.match(human.stderr, /^research-feed: DBLP author search: HTTP 429 Too Many Requests: .*asks to wait 60 min.*\n$/);
		assert.equal(bib.count('dblp'), 1, 'asked once, not retried');
		assert.match(human.stdout, /^Wei Liu · OpenAlex A5023888391$/m);
		assert.doesNotMatch(human.stdout, /DBLP/);
	});

	test('a person page that fails leaves its candidate with no count, one warning', async () => {
		home = tempHome();
		bib.set({dblpPersons: {'95/7448-1': WEI_1, '32/1000-32': '<!DOCTYPE html><html><body>oops</body></html>', '95/7448': WEI_BIN, '150/2222': WEIWEI}});
		try {
			const r = await cli(['find', 'Wei Liu', '--json'], {RESEARCH_FEED_OPENALEX_KEY: 'k1'});
			assert.equal(r.code, 0, r.stderr);
			assert.match(r.stderr, /^research-feed: DBLP: 1 of 4 person pages could not be read \(not a dblp person XML .*\); their paper counts and titles are missing\n$/);
			const rows = json<Array<{add: string[]; papers: number | null; latest: string[]; affiliation: string | null}>>(r);
			const wei32 = rows.find(c => c.add[1] === '32/1000-32')!;
			assert.deepEqual([wei32.papers, wei32.latest, wei32.affiliation], [null, [], null]);
		} finally {
			bib.set({dblpPersons: {'95/7448-1': WEI_1, '32/1000-32': WEI_32, '95/7448': WEI_BIN, '150/2222': WEIWEI}});
		}
	});

	test('OpenAlex without a key: a spent keyless budget is one line naming openalex.apiKey', async () => {
		home = tempHome();
		bib.openalex.keylessBudget = 0;
		const r = await cli(['find', 'Wei Liu', '--json']);
		assert.equal(r.code, 0, r.stderr);
		assert.match(r.stderr, /^research-feed: OpenAlex daily limit exceeded .*set openalex\.apiKey.*\n$/);
		assert.deepEqual(
			json<Array<{service: string}>>(r),
			expected.filter(c => c.service === 'dblp'),
		);
		assert.ok(bib.requests('openalex').every(q => q.query['api_key'] === undefined), 'no key sent when none is set');

		// The budget runs out after the search: candidates without titles, one warning naming the key.
		bib.reset();
		bib.openalex.keylessBudget = 1;
		const partial = await cli(['find', 'Wei Liu', '--json']);
		assert.equal(partial.code, 0, partial.stderr);
		assert.match(partial.stderr, /^research-feed: OpenAlex daily limit exceeded .*openalex\.apiKey.* — latest titles missing for 2 of 2 candidates\n$/);
		const oa = json<Array<{service: string; latest: string[]; papers: number}>>(partial).filter(c => c.service === 'openalex');
		assert.deepEqual(
			oa.map(c => [c.papers, c.latest]),
			[
				[412, []],
				[2, []],
			],
		);
	});

	test('no candidates anywhere: exit 0, said plainly; --json an empty array', async () => {
		home = tempHome();
		const r = await cli(['find', 'Zzyzx Qwerty'], {RESEARCH_FEED_OPENALEX_KEY: 'k1'});
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stdout, 'No one named "Zzyzx Qwerty" on DBLP or OpenAlex.\n');
		const j = await cli(['find', 'Zzyzx Qwerty', '--json'], {RESEARCH_FEED_OPENALEX_KEY: 'k1'});
		assert.equal(j.code, 0, j.stderr);
		assert.deepEqual(json(j), []);
	});

	test('neither service answering: exit 1 with one line', async () => {
		home = tempHome();
		// Port 9: fetch refuses to connect at all.
		const r = await runCli(['find', 'Wei Liu'], {home: home.dir, env: {RESEARCH_FEED_DBLP_API: 'http://127.0.0.1:9', RESEARCH_FEED_OPENALEX_API: 'http://127.0.0.1:9'}});
		assert.equal(r.code, 1);
		assert.equal(r.stdout, '');
		assert.match(r.stderr, /^research-feed: find: neither DBLP nor OpenAlex answered \(DBLP author search: .*; OpenAlex author search: .*\)\n$/);
	});

	test('an empty NAME is a usage error', async () => {
		home = tempHome();
		const r = await cli(['find', '  ']);
		assert.equal(r.code, 1);
		assert.equal(r.stderr, 'research-feed: find: NAME must not be empty\n');
	});
});
