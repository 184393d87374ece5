import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {arr, BibliographyParseError, count, dateFromParts, dayDate, decodeEntities, IdCollector, instantDate, jsonInput, titleText, urlOfId, venueText} from '../../../src/parse/bibliography/common.js';
import {childElement, childText, leanText, parseLeanXml} from '../../../src/parse/bibliography/xml-lean.js';
import type {LeanElement} from '../../../src/parse/bibliography/xml-lean.js';
import {XmlSyntaxError, XmlTooComplexError} from '../../../src/parse/xml-dom.js';

describe('IdCollector', () => {
	test('arXiv first, then DOIs, ACL, OpenReview, others; an ACL DOI after everything; deduplicated', () => {
		const ids = new IdCollector()
			.url('https://openreview.net/forum?id=abc')
			.url('https://proceedings.mlr.press/v202/li23a.html')
			.doi('10.18653/v1/2023.acl-long.48')
			.doi('https://doi.org/10.1145/ABC.1')
			.url('http://arxiv.org/abs/2401.01234v2')
			.arxiv('arXiv:2401.01234')
			.doi('doi:10.1145/abc.1');
		assert.deepEqual(ids.ids(), ['arxiv:2401.01234', 'doi:10.1145/abc.1', 'acl:2023.acl-long.48', 'openreview:abc', 'pmlr:v202/li23a', 'doi:10.18653/v1/2023.acl-long.48']);
		assert.equal(ids.url0(), 'https://arxiv.org/abs/2401.01234');
		assert.equal(new IdCollector().url0(), null);
	});

	test('arXiv ids in every form; junk and hostile ids are not ids', () => {
		for (const raw of ['2401.01234', '2401.01234v2', 'arXiv:2401.01234', 'ARXIV: 2401.01234', 'https://arxiv.org/pdf/2401.01234v1.pdf', '10.48550/arXiv.2401.01234']) {
			assert.deepEqual(new IdCollector().arxiv(raw).ids(), ['arxiv:2401.01234'], raw);
		}
		assert.deepEqual(new IdCollector().arxiv('hep-th/9901001v1').ids(), ['arxiv:hep-th/9901001']);
		assert.deepEqual(new IdCollector().arxiv('https://doi.org/10.1000/x').ids(), []);
		assert.deepEqual(new IdCollector().doi('10.5555/a\u001b]0;x\u0007b').doi('10.5555/a\u202eb').doi(42).doi(null).url('javascript:alert(1)').ids(), []);
	});

	test('canonical URLs of ids', () => {
		assert.equal(urlOfId('arxiv:hep-th/9901001'), 'https://arxiv.org/abs/hep-th/9901001');
		assert.equal(urlOfId('doi:10.1007/978-3-030-32236-6_12'), 'https://doi.org/10.1007/978-3-030-32236-6_12');
		assert.equal(urlOfId('acl:P19-1001'), 'https://aclanthology.org/P19-1001/');
		assert.equal(urlOfId('openreview:abc'), 'https://openreview.net/forum?id=abc');
		assert.equal(urlOfId('pubmed:1'), null);
	});
});

describe('dates', () => {
	test('from parts: precision follows what is given and valid', () => {
		assert.deepEqual(dateFromParts(2021, 3, 15), {date: '2021-03-15T00:00:00.000Z', precision: 'day'});
		assert.deepEqual(dateFromParts({value: '2021'}, {value: '03'}, null), {date: '2021-03-01T00:00:00.000Z', precision: 'month'});
		assert.deepEqual(dateFromParts('2021', null, '15'), {date: '2021-01-01T00:00:00.000Z', precision: 'year'});
		assert.deepEqual(dateFromParts(2023, 2, 30), {date: '2023-02-01T00:00:00.000Z', precision: 'month'});
		assert.equal(dateFromParts(null), null);
		assert.equal(dateFromParts(99), null);
		assert.equal(dateFromParts('2021x'), null);
		assert.deepEqual(dayDate('2018-02-13'), {date: '2018-02-13T00:00:00.000Z', precision: 'day'});
		assert.deepEqual(dayDate('2018'), {date: '2018-01-01T00:00:00.000Z', precision: 'year'});
		assert.equal(dayDate('13 Feb 2018'), null);
	});

	test('instants with offsets to UTC, Python and RFC 3339 forms', () => {
		assert.deepEqual(instantDate('2015-07-21 16:00:43-04:00'), {date: '2015-07-21T20:00:43.000Z', precision: 'instant'});
		assert.deepEqual(instantDate('2015-07-21T16:00:43.123456-04:00'), {date: '2015-07-21T20:00:43.123Z', precision: 'instant'});
		assert.equal(instantDate('soon'), null);
		assert.equal(instantDate(undefined), null);
	});
});

describe('text', () => {
	test('entities: numeric, XML, Latin-1 names; unknown names stay; NUL and surrogates dropped', () => {
		assert.equal(decodeEntities('J&ouml;rg &amp; Andr&#233; &#x2013; &bogus; &#0;&#xD800;'), 'Jörg & André – &bogus; ');
	});

	test('titles lose publishers\' inline markup, keep comparisons', () => {
		assert.equal(titleText('CO<sub>2</sub> in <i>E. coli</i>: <scp>Results</scp> <mml:math><mml:mi>x</mml:mi></mml:math>'), 'CO2 in E. coli: Results x');
		assert.equal(titleText('When x < y and y > z'), 'When x < y and y > z');
		assert.equal(titleText('x'.repeat(5000))!.length, 1000);
		assert.equal(titleText('   '), null);
		assert.equal(titleText({}), null);
	});

	test('every arXiv venue name is arXiv', () => {
		for (const v of ['CoRR', 'arXiv', 'ArXiv', 'arXiv.org', 'arXiv (Cornell University)', 'Cornell University - arXiv']) assert.equal(venueText(v), 'arXiv', v);
		assert.equal(venueText('arXiv workshop on things'), 'arXiv workshop on things');
	});

	test('collapsed lists, string counts, JSON text', () => {
		assert.deepEqual(arr(undefined), []);
		assert.deepEqual(arr({a: 1}), [{a: 1}]);
		assert.equal(count('67660'), 67660);
		assert.equal(count('-1'), null);
		assert.equal(count(1.5), null);
		assert.deepEqual(jsonInput('\ufeff{"a":1}', 'x'), {a: 1});
		assert.throws(() => jsonInput('<html>', 'an answer'), (e: unknown) => e instanceof BibliographyParseError && e.message === 'not an answer (HTML or XML, not JSON)');
	});
});

describe('parseLeanXml', () => {
	test('namespaces resolved from declarations in scope; text, CDATA and markup inside text', () => {
		const root = parseLeanXml('<?xml version="1.0"?><!-- c --><f xmlns="urn:a" xmlns:x="urn:x"><x:e k="&amp;v">one <i>two</i><![CDATA[ <three>]]></x:e><y:z xmlns:y="urn:y"/><q:u/></f>');
		assert.equal(root.ns, 'urn:a');
		const e = childElement(root, 'e', ['urn:x'])!;
		assert.equal(e.attrs['k'], '&v');
		assert.equal(leanText(e), 'one two <three>');
		assert.equal(childElement(root, 'z')!.ns, 'urn:y');
		assert.equal(childElement(root, 'u')!.ns, null);
		assert.equal(childText(root, 'missing'), null);
	});

	test('skipped subtrees are checked but not kept; root children can be streamed', () => {
		const seen: string[] = [];
		const root = parseLeanXml('<r><a>1</a><skip><deep/></skip><b>2</b></r>', {skip: name => name === 'skip', onRootChild: (el: LeanElement) => seen.push(`${el.name}=${leanText(el)}`)});
		assert.deepEqual(root.children, []);
		assert.deepEqual(seen, ['a=1', 'b=2']);
		assert.throws(() => parseLeanXml('<r><skip><deep></skip></r>', {skip: name => name === 'skip'}), XmlSyntaxError);
	});

	test('not well-formed: truncated, mismatched, two roots, text outside', () => {
		for (const xml of ['<a><b></b>', '<a></b>', '<a/><b/>', 'x<a/>', '<a/>x', '', '<!DOCTYPE html><html><body>']) {
			assert.throws(() => parseLeanXml(xml), XmlSyntaxError, JSON.stringify(xml));
		}
	});

	test('nesting and element limits', () => {
		assert.throws(() => parseLeanXml('<a>'.repeat(1001) + '</a>'.repeat(1001)), XmlTooComplexError);
		assert.throws(() => parseLeanXml(`<r>${'<e/>'.repeat(11)}</r>`, {maxElements: 10}), XmlTooComplexError);
	});
});
