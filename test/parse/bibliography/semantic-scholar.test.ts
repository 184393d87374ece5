import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {BibliographyParseError} from '../../../src/parse/bibliography/common.js';
import {parseS2Batch, s2BatchBody, s2Batches, s2BatchIds, s2ErrorMessage, s2Id} from '../../../src/parse/bibliography/semantic-scholar.js';
import {S2_429, S2_ANSWER, S2_REQUEST} from '../../fixtures/bibliography/s2-batch.js';

const PAPER_IDS = ['arxiv:2410.01234', 'doi:10.9999/unknown.1', 'acl:2023.acl-long.48', 'arxiv:2508.04024', 'doi:10.2139/ssrn.288970'];

describe('s2BatchIds', () => {
	test('ARXIV:, DOI:, ACL: forms; other kinds skipped; duplicates once', () => {
		const req = s2BatchIds([...PAPER_IDS, 'openreview:Xy7_ab-12Q', 'pmlr:v202/li23a', 'arxiv:2410.01234', 'arxiv:hep-th/9901001', 'garbage']);
		assert.deepEqual(
			req.map(r => r.s2Id),
			[...S2_REQUEST, 'ARXIV:hep-th/9901001'],
		);
		assert.deepEqual(req[0], {paperId: 'arxiv:2410.01234', s2Id: 'ARXIV:2410.01234'});
		assert.equal(s2Id('openreview:x'), null);
		assert.deepEqual(s2BatchBody(req.slice(0, 2)), {ids: ['ARXIV:2410.01234', 'DOI:10.9999/unknown.1']});
	});

	test('batches of at most 500', () => {
		const ids = Array.from({length: 1201}, (_, i) => `doi:10.1000/x.${i}`);
		assert.deepEqual(
			s2Batches(ids).map(b => b.length),
			[500, 500, 201],
		);
	});
});

describe('parseS2Batch', () => {
	const requested = s2BatchIds(PAPER_IDS);

	test('answers paired with the request by position; null = unknown', () => {
		const out = parseS2Batch(S2_ANSWER, requested);
		assert.deepEqual(
			out.map(a => [a.id, a.meta === null]),
			[
				['arxiv:2410.01234', false],
				['doi:10.9999/unknown.1', true],
				['acl:2023.acl-long.48', false],
				['arxiv:2508.04024', false],
				['doi:10.2139/ssrn.288970', false],
			],
		);
	});

	test('externalIds link the preprint and the published version; venue, day date', () => {
		assert.deepEqual(parseS2Batch(JSON.stringify(S2_ANSWER), requested)[0]!.meta, {
			title: 'Calibrated Reviewers: Scoring Peer Review with Uncertainty',
			authors: ['Lena Okafor', 'Jia Jiang'],
			abstract: 'Peer review scores are noisy; we calibrate them.',
			venue: 'AAAI Conference on Artificial Intelligence',
			date: '2025-04-11T00:00:00.000Z',
			precision: 'day',
			ids: ['arxiv:2410.01234', 'doi:10.1609/aaai.v39i1.32013'],
		});
	});

	test('ACL with its DOI; year only; an arXiv DOI is the arXiv id; empty venue falls back to the journal', () => {
		const out = parseS2Batch(S2_ANSWER, requested);
		assert.deepEqual(out[2]!.meta!.ids, ['acl:2023.acl-long.48', 'doi:10.18653/v1/2023.acl-long.48']);
		assert.equal(out[2]!.meta!.precision, 'year');
		assert.equal(out[2]!.meta!.date, '2023-01-01T00:00:00.000Z');
		assert.deepEqual(out[3]!.meta!.ids, ['arxiv:2508.04024']);
		assert.equal(out[3]!.meta!.venue, 'arXiv');
		assert.equal(out[4]!.meta!.venue, 'Experimental & Empirical Studies eJournal');
		assert.deepEqual(out[4]!.meta!.authors, ['Marianne Bertrand', 'E. Duflo']);
	});

	test('the request may be given as the ids sent', () => {
		assert.deepEqual(
			parseS2Batch(S2_ANSWER, S2_REQUEST).map(a => a.id),
			S2_REQUEST,
		);
	});

	test('missing fields and a paper with only paperId do not throw', () => {
		const out = parseS2Batch([{paperId: 'abc'}], s2BatchIds(['arxiv:2401.01234']));
		assert.deepEqual(out[0]!.meta, {title: null, authors: [], abstract: null, venue: null, date: null, precision: null, ids: []});
	});

	test('an error body or a misaligned array is a one-line error', () => {
		assert.throws(
			() => parseS2Batch(S2_429, requested),
			(e: unknown) => e instanceof BibliographyParseError && /^not a Semantic Scholar batch answer \(Too Many Requests/.test(e.message),
		);
		assert.throws(() => parseS2Batch([null], requested), /answered 1 entries for 5 ids/);
		assert.throws(() => parseS2Batch('<html></html>', requested), BibliographyParseError);
	});

	test('error lines', () => {
		assert.match(s2ErrorMessage(429, false), /semanticscholar\.apiKey/);
		assert.doesNotMatch(s2ErrorMessage(429, true), /set semanticscholar/);
		assert.equal(s2ErrorMessage(503, false), 'Semantic Scholar server error HTTP 503');
	});
});
