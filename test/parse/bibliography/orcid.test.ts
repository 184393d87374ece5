import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {BibliographyParseError} from '../../../src/parse/bibliography/common.js';
import {parseOrcidWorks} from '../../../src/parse/bibliography/orcid.js';
import {ORCID_NO_WORKS, ORCID_NOT_FOUND, ORCID_WORKS} from '../../fixtures/bibliography/orcid-works.js';

describe('parseOrcidWorks', () => {
	const works = parseOrcidWorks(ORCID_WORKS);

	test('one work per group; groups sharing an id (any case) are one work', () => {
		assert.deepEqual(
			works.map(w => w.sourceKey),
			['89975745', '90011111', '90033333', '90044444', '90066666', '90077777'],
		);
	});

	test('a Crossref journal article: normalised DOI, day precision, journal title, no authors', () => {
		assert.deepEqual(works[0], {
			ids: ['doi:10.1364/oe.413844'],
			title: 'Verification of cascade optical coherence tomography for freeform optics form metrology',
			authors: [],
			venue: 'Optics Express',
			date: '2021-03-15T00:00:00.000Z',
			precision: 'day',
			url: 'https://doi.org/10.1364/oe.413844',
			abstract: null,
			sourceKey: '89975745',
		});
	});

	test('the preferred summary (highest display-index) gives title and date; its missing venue comes from another; version-of ids are not this work', () => {
		assert.deepEqual(works[1], {
			ids: ['doi:10.1609/aaai.v39i1.32013'],
			title: 'Calibrated Reviewers: Scoring Peer Review with Uncertainty',
			authors: [],
			venue: 'Proceedings of the AAAI Conference on Artificial Intelligence',
			date: '2025-01-01T00:00:00.000Z',
			precision: 'year',
			url: 'https://doi.org/10.1609/aaai.v39i1.32013',
			abstract: null,
			sourceKey: '90011111',
		});
	});

	test('an arXiv id written "arXiv:2508.04024v2"; a null day is month precision', () => {
		assert.deepEqual(works[2]!.ids, ['arxiv:2508.04024']);
		assert.equal(works[2]!.url, 'https://arxiv.org/abs/2508.04024');
		assert.equal(works[2]!.date, '2025-08-01T00:00:00.000Z');
		assert.equal(works[2]!.precision, 'month');
	});

	test('no usable id and no publication date: kept, without ids, date or URL', () => {
		assert.deepEqual(works[3], {ids: [], title: 'A Note on Reviewer Load', authors: [], venue: null, date: null, precision: null, url: null, abstract: null, sourceKey: '90044444'});
	});

	test('an ACL DOI is the acl: id, the DOI kept after it', () => {
		assert.deepEqual(works[4]!.ids, ['acl:2023.acl-long.48', 'doi:10.18653/v1/2023.acl-long.48']);
		assert.equal(works[4]!.url, 'https://aclanthology.org/2023.acl-long.48/');
	});

	test('hostile strings: escapes removed, an id with controls dropped, a javascript: URL dropped, an impossible month read as the year', () => {
		assert.deepEqual(works[5], {ids: [], title: 'A hostile title', authors: [], venue: 'Journal of Tests', date: '2024-01-01T00:00:00.000Z', precision: 'year', url: null, abstract: null, sourceKey: '90077777'});
	});

	test('ids merge through a third group; a collapsed list and missing fields do not throw', () => {
		const doiId = (value: string) => ({'external-id-type': 'doi', 'external-id-value': value, 'external-id-relationship': 'self'});
		const arxivId = (value: string) => ({'external-id-type': 'arxiv', 'external-id-value': value, 'external-id-relationship': 'self'});
		const g = (putCode: number, title: string, ids: unknown) => ({'external-ids': {'external-id': ids}, 'work-summary': {'put-code': putCode, title: {title: {value: title}}}});
		const out = parseOrcidWorks({
			group: [g(1, 'Preprint', arxivId('2401.01234')), g(2, 'Journal version', doiId('10.1000/j.1')), g(3, 'Both', [arxivId('https://arxiv.org/abs/2401.01234v3'), doiId('https://doi.org/10.1000/J.1')]), {}, null, g(4, '', [])],
		});
		assert.deepEqual(out, [
			{ids: ['arxiv:2401.01234', 'doi:10.1000/j.1'], title: 'Preprint', authors: [], venue: null, date: null, precision: null, url: 'https://arxiv.org/abs/2401.01234', abstract: null, sourceKey: '1'},
		]);
	});

	test('a record without works', () => {
		assert.deepEqual(parseOrcidWorks(ORCID_NO_WORKS), []);
		assert.deepEqual(parseOrcidWorks(JSON.stringify(ORCID_NO_WORKS)), []);
	});

	test('not a works answer: the 404 body, XML, HTML, an array: one-line error', () => {
		const xml = '<?xml version="1.0" encoding="UTF-8"?><activities:works xmlns:activities="http://www.orcid.org/ns/activities" path="/0000-0002-1825-0097/works"/>';
		for (const body of [ORCID_NOT_FOUND, JSON.stringify(ORCID_NOT_FOUND), xml, '<html><body>Too many</body></html>', [], 42]) {
			assert.throws(
				() => parseOrcidWorks(body),
				(e: unknown) => e instanceof BibliographyParseError && /^not an ORCID works answer/.test(e.message) && !e.message.includes('\n'),
			);
		}
		assert.throws(() => parseOrcidWorks(ORCID_NOT_FOUND), /The resource was not found/);
	});
});
