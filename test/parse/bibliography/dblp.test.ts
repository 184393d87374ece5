import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, test} from 'node:test';
import {BibliographyParseError} from '../../../src/parse/bibliography/common.js';
import {candidateFromPerson, parseDblpAuthorSearch, parseDblpPerson, stripHomonym} from '../../../src/parse/bibliography/dblp.js';
import {DBLP_SEARCH_MANY, DBLP_SEARCH_NONE, DBLP_SEARCH_ONE} from '../../fixtures/bibliography/dblp-search.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bibliography/${name}`, import.meta.url), 'utf8');

describe('parseDblpPerson', () => {
	const person = parseDblpPerson(fixture('dblp-person.xml'));
	const byKey = new Map(person.works.map(w => [w.sourceKey, w]));

	test('the person: name without homonym number, pid, current affiliation (decoded), record count', () => {
		assert.equal(person.name, 'Lena Okafor');
		assert.equal(person.pid, '71/2088-1');
		assert.equal(person.affiliation, 'Université de Montréal, Mila, Canada');
		assert.equal(person.disambiguation, false);
		assert.equal(person.records, 11);
		assert.equal(person.truncated, false);
	});

	test('home page (www) and edited proceedings are not works; everything else is, in dblp order', () => {
		assert.deepEqual(
			person.works.map(w => w.sourceKey),
			[
				'journals/corr/abs-2508-04024',
				'conf/aaai/OkaforJ0025',
				'conf/acl/OkaforM23',
				'conf/iclr/OkaforCP23',
				'journals/corr/OkaforS16',
				'journals/corr/abs-1901-00017',
				'conf/ictai/PourazadO12',
				'phd/us/Okafor21',
				'journals/jmlr/Okafor20',
			],
		);
	});

	test('a CoRR record: the arXiv id from its 10.48550 DOI, venue arXiv, month precision, no trailing period', () => {
		assert.deepEqual(byKey.get('journals/corr/abs-2508-04024'), {
			ids: ['arxiv:2508.04024'],
			title: 'Identity Theft in AI Conference Peer Review',
			authors: ['Lena Okafor', 'Nihar B. Shah'],
			venue: 'arXiv',
			date: '2025-08-01T00:00:00.000Z',
			precision: 'month',
			url: 'https://arxiv.org/abs/2508.04024',
			abstract: null,
			sourceKey: 'journals/corr/abs-2508-04024',
		});
	});

	test('older CoRR records: an abs URL ee, or only the volume', () => {
		assert.deepEqual(byKey.get('journals/corr/OkaforS16')?.ids, ['arxiv:1606.05403']);
		assert.equal(byKey.get('journals/corr/OkaforS16')?.precision, 'year');
		assert.deepEqual(byKey.get('journals/corr/abs-1901-00017')?.ids, ['arxiv:1901.00017']);
		assert.equal(byKey.get('journals/corr/abs-1901-00017')?.date, '2019-01-01T00:00:00.000Z');
		assert.equal(byKey.get('journals/corr/abs-1901-00017')?.precision, 'month');
	});

	test('an ACL record gives the acl: id and keeps the DOI; homonym numbers go from co-authors too', () => {
		const acl = byKey.get('conf/acl/OkaforM23')!;
		assert.deepEqual(acl.ids, ['acl:2023.acl-long.48', 'doi:10.18653/v1/2023.acl-long.48']);
		assert.equal(acl.url, 'https://aclanthology.org/2023.acl-long.48/');
		assert.equal(acl.venue, 'ACL (1)');
		assert.equal(acl.title, 'Who Reviews the Reviewers? Citation Bias in NLP Peer Review');
		assert.deepEqual(byKey.get('conf/aaai/OkaforJ0025')?.authors, ['Lena Okafor', 'Jia Jiang']);
		assert.deepEqual(byKey.get('conf/aaai/OkaforJ0025')?.ids, ['doi:10.1609/aaai.v39i1.32013']);
	});

	test('OpenReview ee; markup in titles read as text; "?" kept; character references and &amp; decoded', () => {
		const iclr = byKey.get('conf/iclr/OkaforCP23')!;
		assert.deepEqual(iclr.ids, ['openreview:Xy7_ab-12Q']);
		assert.equal(iclr.title, 'Does k-NN Beat Transformers on Review Scores & Ranks?');
		assert.deepEqual(iclr.authors, ['Lena Okafor', 'Bastien Châtelet', 'Anaïs Pérez']);
		assert.equal(byKey.get('conf/ictai/PourazadO12')?.title, 'Random Forests Based View Generation for 3D TV');
		assert.deepEqual(byKey.get('conf/ictai/PourazadO12')?.ids, ['doi:10.1109/ictai.2012.57']);
	});

	test('records without a paper id: the ee link is the URL; a thesis has its school as venue', () => {
		assert.deepEqual(byKey.get('journals/jmlr/Okafor20'), {
			ids: [],
			title: 'Why Do Reviewers Disagree?',
			authors: ['Lena Okafor'],
			venue: 'J. Mach. Learn. Res.',
			date: '2020-01-01T00:00:00.000Z',
			precision: 'year',
			url: 'http://jmlr.org/papers/v21/19-123.html',
			abstract: null,
			sourceKey: 'journals/jmlr/Okafor20',
		});
		assert.equal(byKey.get('phd/us/Okafor21')?.venue, 'Carnegie Mellon University, USA');
	});

	test('a disambiguation bin is flagged', () => {
		const bin = parseDblpPerson(fixture('dblp-disambiguation.xml'));
		assert.equal(bin.disambiguation, true);
		assert.equal(bin.name, 'Lena Okafor');
		assert.equal(bin.works.length, 2);
		assert.equal(candidateFromPerson(bin).disambiguation, true);
	});

	test('named Latin-1 entities, hostile text and links are cleaned', () => {
		const xml = `<?xml version="1.0"?><dblpperson name="J&ouml;rg M&#252;ller 0003" pid="1/2-3" n="1"><r><article key="k/1">
			<author pid="1/2-3">J&ouml;rg M&#252;ller 0003</author>
			<title>Evil&#27;]0;title&#7; <i>Titles</i>&#8238; &amp;amp; More.</title><year>2024</year><journal>T&#8203;est</journal>
			<ee>javascript:alert(1)</ee><ee>https://doi.org/10.1000/ABC%0A1</ee></article></r></dblpperson>`;
		const p = parseDblpPerson(xml);
		assert.equal(p.name, 'Jörg Müller');
		const w = p.works[0]!;
		// `&amp;amp;` is an upstream double escape: read as the "&" it meant.
		assert.equal(w.title, 'Evil Titles & More');
		assert.deepEqual(w.authors, ['Jörg Müller']);
		assert.equal(w.venue, 'Test');
		// A DOI with an encoded newline is no id; the javascript: link is never the URL.
		assert.deepEqual(w.ids, []);
		assert.equal(w.url, 'https://doi.org/10.1000/ABC%0A1');
		const bare = parseDblpPerson('<dblpperson name="A" pid="1/1"><r><article key="k/2"><author pid="1/1">A</author><title>T.</title></article></r></dblpperson>');
		assert.equal(bare.works[0]!.url, 'https://dblp.org/rec/k/2.html');
		assert.equal(bare.works[0]!.date, null);
	});

	test('a record of the person as editor only is left out, one they co-authored is kept', () => {
		const xml = `<dblpperson name="A B" pid="1/1" n="2">
			<r><book key="b/1"><editor pid="1/1">A B</editor><author pid="9/9">C D</author><title>Edited.</title><year>2020</year></book></r>
			<r><book key="b/2"><editor pid="1/1">A B</editor><author pid="1/1">A B</author><title>Written.</title><year>2021</year></book></r>
		</dblpperson>`;
		assert.deepEqual(
			parseDblpPerson(xml).works.map(w => w.title),
			['Written'],
		);
	});

	test('at most 10 000 works are kept', () => {
		const records = Array.from({length: 10_002}, (_, i) => `<r><article key="k/${i}"><author pid="1/1">A</author><title>T${i}.</title><year>2020</year></article></r>`).join('');
		const p = parseDblpPerson(`<dblpperson name="A" pid="1/1" n="10002">${records}</dblpperson>`);
		assert.equal(p.works.length, 10_000);
		assert.equal(p.truncated, true);
		assert.equal(candidateFromPerson(p).papers, 10_002);
	});

	test('not a person XML: one-line BibliographyParseError', () => {
		const bodies = [
			'<html><head><title>429 Too Many Requests</title></head><body><h1>429 Too Many Requests</h1><p>The vast number of requests from your side has led to a temporary block.</p></body></html>',
			'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>dblp: Error 404</title></head><body>',
			fixture('dblp-person.xml').slice(0, 2000),
			'',
			'{"result": {}}',
		];
		for (const body of bodies) {
			assert.throws(
				() => parseDblpPerson(body),
				(e: unknown) => e instanceof BibliographyParseError && /^not a dblp person XML/.test(e.message) && !e.message.includes('\n'),
				body.slice(0, 40),
			);
		}
	});
});

describe('stripHomonym', () => {
	test('drops a four-digit homonym number only', () => {
		assert.equal(stripHomonym('Wei Liu 0032'), 'Wei Liu');
		assert.equal(stripHomonym('Wei Liu'), 'Wei Liu');
		assert.equal(stripHomonym('Louis XIV 1'), 'Louis XIV 1');
	});
});

describe('candidateFromPerson', () => {
	test('paper count, newest titles first, the add flags', () => {
		assert.deepEqual(candidateFromPerson(parseDblpPerson(fixture('dblp-person.xml'))), {
			service: 'dblp',
			name: 'Lena Okafor',
			affiliation: 'Université de Montréal, Mila, Canada',
			papers: 9,
			latest: ['Identity Theft in AI Conference Peer Review', 'Calibrated Reviewers: Scoring Peer Review with Uncertainty', 'Who Reviews the Reviewers? Citation Bias in NLP Peer Review'],
			add: ['--dblp', '71/2088-1'],
			disambiguation: false,
		});
	});
});

describe('parseDblpAuthorSearch', () => {
	test('hits as candidates: pid from the URL, affiliation from the notes, string counts as numbers', () => {
		const out = parseDblpAuthorSearch(DBLP_SEARCH_MANY);
		assert.equal(out.total, 3);
		assert.deepEqual(out.candidates, [
			{service: 'dblp', name: 'Lena Okafor', affiliation: 'Université de Montréal, Mila, Canada', papers: null, latest: [], add: ['--dblp', '71/2088-1'], disambiguation: false},
			{service: 'dblp', name: 'Lena Okafor', affiliation: null, papers: null, latest: [], add: ['--dblp', '71/2088'], disambiguation: true},
			{service: 'dblp', name: 'Lenart Okafor-Bright', affiliation: 'University of Lagos, Nigeria', papers: null, latest: [], add: ['--dblp', '301/7788'], disambiguation: false},
		]);
	});

	test('a single hit collapsed to an object, from the JSON text', () => {
		const out = parseDblpAuthorSearch(JSON.stringify(DBLP_SEARCH_ONE));
		assert.equal(out.total, 1);
		assert.deepEqual(
			out.candidates.map(c => c.add),
			[['--dblp', 'm/AndrewMcCallum']],
		);
	});

	test('no hits', () => {
		assert.deepEqual(parseDblpAuthorSearch(DBLP_SEARCH_NONE), {total: 0, candidates: []});
	});

	test('the HTML 429 page or another JSON document is a one-line error', () => {
		for (const body of ['<html><body>429 Too Many Requests</body></html>', '{"error": "x"}', '[]', 'null']) {
			assert.throws(
				() => parseDblpAuthorSearch(body),
				(e: unknown) => e instanceof BibliographyParseError && /^not a dblp author search answer/.test(e.message) && !e.message.includes('\n'),
			);
		}
	});
});
