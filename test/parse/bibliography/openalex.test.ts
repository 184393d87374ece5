import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {BibliographyParseError} from '../../../src/parse/bibliography/common.js';
import {abstractFromInvertedIndex, parseOpenAlexAuthors, parseOpenAlexError, parseOpenAlexWorks} from '../../../src/parse/bibliography/openalex.js';
import {AUTHORS_SEARCH, ERROR_403, ERROR_429, WORKS_PAGE_1, WORKS_PAGE_END} from '../../fixtures/bibliography/openalex.js';

describe('parseOpenAlexWorks', () => {
	const page = parseOpenAlexWorks(WORKS_PAGE_1);
	const byKey = new Map(page.works.map(w => [w.sourceKey, w]));

	test('the envelope: count, next cursor, one work per result', () => {
		assert.equal(page.count, 6);
		assert.equal(page.nextCursor, WORKS_PAGE_1.meta.next_cursor);
		assert.deepEqual(
			page.works.map(w => w.sourceKey),
			['W4400000001', 'W4400000002', 'W4400000003', 'W4400000004', 'W2741809807', 'W4400000006'],
		);
	});

	test('a published paper with an arXiv location: arXiv id first, DOI second, abstract rebuilt and cleaned', () => {
		assert.deepEqual(byKey.get('W4400000001'), {
			ids: ['arxiv:2410.01234', 'doi:10.1609/aaai.v39i1.32013'],
			title: 'Calibrated Reviewers: Scoring Peer Review with Uncertainty',
			authors: ['Lena Okafor', 'Jia Jiang'],
			venue: 'Proceedings of the AAAI Conference on Artificial Intelligence',
			date: '2025-04-11T00:00:00.000Z',
			precision: 'day',
			url: 'https://arxiv.org/abs/2410.01234',
			abstract: 'Peer review scores are noisy ; we calibrate review with uncertainty',
			sourceKey: 'W4400000001',
			authorIds: ['A5023888391', 'A5000000003'],
		});
	});

	test('an arXiv preprint: its arXiv DOI is the arXiv id; venue arXiv; the nested InvertedIndex form', () => {
		const w = byKey.get('W4400000002')!;
		assert.deepEqual(w.ids, ['arxiv:2508.04024']);
		assert.equal(w.venue, 'arXiv');
		assert.equal(w.abstract, 'Someone reviewed as someone else.');
		assert.deepEqual(w.authorIds, ['A5000000002', 'A5023888391']);
	});

	test('ACL and OpenReview papers; markup and entities in titles', () => {
		assert.deepEqual(byKey.get('W4400000003')!.ids, ['acl:2023.acl-long.48', 'doi:10.18653/v1/2023.acl-long.48']);
		const iclr = byKey.get('W4400000004')!;
		assert.deepEqual(iclr.ids, ['openreview:Xy7_ab-12Q']);
		assert.equal(iclr.title, 'Does k-NN Beat Transformers on Review Scores & Ranks?');
		assert.equal(iclr.url, 'https://openreview.net/forum?id=Xy7_ab-12Q');
	});

	test('an author without display_name falls back to the raw name', () => {
		assert.deepEqual(byKey.get('W2741809807')!.authors, ['Heather A. Piwowar', 'Okafor, Lena']);
		assert.deepEqual(byKey.get('W2741809807')!.ids, ['doi:10.7717/peerj.4375']);
	});

	test('odd but valid: no title (display_name used), no DOI, year only, collapsed authorships, no location', () => {
		assert.deepEqual(byKey.get('W4400000006'), {
			ids: [],
			title: 'Reviewer Load Revisited',
			authors: ['Lena Okafor'],
			venue: null,
			date: '2019-01-01T00:00:00.000Z',
			precision: 'year',
			url: 'https://openalex.org/W4400000006',
			abstract: null,
			sourceKey: 'W4400000006',
			authorIds: ['A5023888391'],
		});
	});

	test('the last page: no works, no cursor; also from the JSON text', () => {
		assert.deepEqual(parseOpenAlexWorks(JSON.stringify(WORKS_PAGE_END)), {works: [], nextCursor: null, count: 6});
	});

	test('not a list answer: one-line error (with the server message when there is one)', () => {
		for (const body of [ERROR_403, '<html>Forbidden</html>', {meta: {}}, 'null', '']) {
			assert.throws(
				() => parseOpenAlexWorks(body),
				(e: unknown) => e instanceof BibliographyParseError && /^not an OpenAlex works answer/.test(e.message) && !e.message.includes('\n'),
			);
		}
		assert.throws(() => parseOpenAlexWorks(ERROR_429), /Daily limit exceeded/);
	});
});

describe('abstractFromInvertedIndex', () => {
	test('words at their positions; gaps and bad positions ignored; null for none', () => {
		assert.equal(abstractFromInvertedIndex({b: [1], a: [0, 3], c: [2, -1, 1.5, 'x']}), 'a b c a');
		assert.equal(abstractFromInvertedIndex({word: [99_999_999]}), null);
		assert.equal(abstractFromInvertedIndex(null), null);
		assert.equal(abstractFromInvertedIndex({}), null);
	});
});

describe('parseOpenAlexAuthors', () => {
	test('candidates: last known institution, works count, add flags', () => {
		assert.deepEqual(parseOpenAlexAuthors(AUTHORS_SEARCH), [
			{service: 'openalex', name: 'Lena Okafor', affiliation: 'Université de Montréal', papers: 37, latest: [], add: ['--openalex', 'A5023888391']},
			{service: 'openalex', name: 'Lena O. Okafor', affiliation: null, papers: 2, latest: [], add: ['--openalex', 'A5099999999']},
		]);
	});

	test('the older single last_known_institution; results without an author id are skipped', () => {
		const out = parseOpenAlexAuthors({meta: {count: 2}, results: [{id: 'https://openalex.org/A1234', display_name: 'X Y', works_count: '12', last_known_institution: {display_name: 'MIT'}}, {display_name: 'no id'}]});
		assert.deepEqual(out, [{service: 'openalex', name: 'X Y', affiliation: 'MIT', papers: 12, latest: [], add: ['--openalex', 'A1234']}]);
	});
});

describe('parseOpenAlexError', () => {
	test('403 is the rate limit, 429 the daily limit; without a key the line names openalex.apiKey', () => {
		const keyless403 = parseOpenAlexError(403, ERROR_403, false);
		assert.match(keyless403, /rate limit/i);
		assert.match(keyless403, /openalex\.apiKey/);
		const keyless429 = parseOpenAlexError(429, JSON.stringify(ERROR_429), false);
		assert.match(keyless429, /daily limit/i);
		assert.match(keyless429, /openalex\.apiKey/);
		const keyed403 = parseOpenAlexError(403, ERROR_403, true);
		assert.match(keyed403, /slow down/);
		assert.doesNotMatch(keyed403, /openalex\.apiKey/);
		assert.match(parseOpenAlexError(429, ERROR_429, true), /daily limit.*tomorrow/i);
		for (const line of [keyless403, keyless429, keyed403]) assert.ok(!line.includes('\n'));
	});

	test('an HTML body is not repeated; hostile messages are cleaned; other statuses', () => {
		assert.equal(parseOpenAlexError(500, '<html><body>Bad gateway</body></html>', true), 'OpenAlex server error HTTP 500');
		assert.equal(parseOpenAlexError(400, {error: 'Invalid query parameters error.', message: 'authorships.foo is not a valid\u001b]0;x\u0007 field'}, true), 'OpenAlex rejected the request (authorships.foo is not a valid field)');
		assert.match(parseOpenAlexError(401, '', false), /requires an API key.*openalex\.apiKey/);
		assert.match(parseOpenAlexError(403, {error: 'Invalid API key'}, true), /refused the API key in openalex\.apiKey/);
	});
});
