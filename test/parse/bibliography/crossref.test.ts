import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {BibliographyParseError} from '../../../src/parse/bibliography/common.js';
import {isCrossrefNotFound, parseCrossrefWork} from '../../../src/parse/bibliography/crossref.js';
import {CROSSREF_AAAI, CROSSREF_MONTH, CROSSREF_NO_DATE, CROSSREF_NOT_FOUND_BODY} from '../../fixtures/bibliography/crossref.js';

describe('parseCrossrefWork', () => {
	test('a proceedings article: markup out of the title, JATS abstract as text, preprint relation as an id', () => {
		assert.deepEqual(parseCrossrefWork(CROSSREF_AAAI), {
			title: 'Calibrated Reviewers: Scoring Peer Review with Uncertainty',
			authors: ['Lena Okafor', 'Jia Jiang', 'The PEER Consortium'],
			abstract: 'Peer review scores are noisy; we calibrate them & rank them.',
			venue: 'Proceedings of the AAAI Conference on Artificial Intelligence',
			date: '2025-04-11T00:00:00.000Z',
			precision: 'day',
			ids: ['arxiv:2410.01234', 'doi:10.1609/aaai.v39i1.32013'],
		});
	});

	test('two date-parts are month precision; a subtitle joins the title', () => {
		const meta = parseCrossrefWork(JSON.stringify(CROSSREF_MONTH));
		assert.equal(meta.title, 'Reviewer load: a longitudinal study');
		assert.equal(meta.date, '2008-05-01T00:00:00.000Z');
		assert.equal(meta.precision, 'month');
		assert.deepEqual(meta.ids, ['doi:10.1002/asi.20846']);
	});

	test('[[null]] is no date; a posted-content venue is its institution; is-preprint-of adds the journal DOI', () => {
		const meta = parseCrossrefWork(CROSSREF_NO_DATE);
		assert.equal(meta.date, null);
		assert.equal(meta.precision, null);
		assert.equal(meta.venue, 'Center for Open Science');
		assert.deepEqual(meta.ids, ['doi:10.31219/osf.io/abcd3', 'doi:10.1002/asi.20846']);
	});

	test('one date-part is year precision; title and container-title as plain strings; missing everything else', () => {
		const meta = parseCrossrefWork({status: 'ok', 'message-type': 'work', message: {DOI: '10.1000/X', title: 'Plain', 'container-title': 'Journal', issued: {'date-parts': [[2001]]}}});
		assert.deepEqual(meta, {title: 'Plain', authors: [], abstract: null, venue: 'Journal', date: '2001-01-01T00:00:00.000Z', precision: 'year', ids: ['doi:10.1000/x']});
	});

	test('not a work answer: a work list, an error, the 404 text: one-line error', () => {
		for (const body of [{status: 'ok', 'message-type': 'work-list', message: {items: []}}, CROSSREF_NOT_FOUND_BODY, '<html>429</html>', {}]) {
			assert.throws(
				() => parseCrossrefWork(body),
				(e: unknown) => e instanceof BibliographyParseError && /^not a Crossref work answer/.test(e.message) && !e.message.includes('\n'),
			);
		}
	});
});

describe('isCrossrefNotFound', () => {
	test('404 text/plain "Resource not found." only', () => {
		assert.equal(isCrossrefNotFound(404, 'text/plain;charset=utf-8', CROSSREF_NOT_FOUND_BODY), true);
		assert.equal(isCrossrefNotFound(404, null, 'Resource not found.'), true);
		assert.equal(isCrossrefNotFound(404, 'application/json', '{"status":"error"}'), false);
		assert.equal(isCrossrefNotFound(429, 'text/plain', 'Resource not found.'), false);
		assert.equal(isCrossrefNotFound(200, 'application/json', '{}'), false);
	});
});
