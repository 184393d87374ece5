import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {arxivAuthorId, bibliographyLinks, dblpPid, openAlexAuthorId, orcidCheckCharacter, orcidId, orcidProblem} from '../../../src/parse/bibliography/ids.js';

describe('dblpPid', () => {
	test('bare pids: numeric, with homonym suffix, letter/name', () => {
		for (const pid of ['95/7448', '95/7448-1', '82/4206-49', 'm/AndrewMcCallum', 'h/GeoffreyEHinton']) assert.equal(dblpPid(pid), pid);
		assert.equal(dblpPid('  95/7448-1 \n'), '95/7448-1');
	});

	test('person URLs on dblp.org and its mirrors, with or without .html/.xml, scheme or www', () => {
		const cases: Array<[string, string]> = [
			['https://dblp.org/pid/95/7448-1', '95/7448-1'],
			['https://dblp.org/pid/95/7448-1.html', '95/7448-1'],
			['http://dblp.org/pid/95/7448-1.xml', '95/7448-1'],
			['https://www.dblp.org/pid/95/7448-1.html?view=bibtex#x', '95/7448-1'],
			['dblp.org/pid/m/AndrewMcCallum', 'm/AndrewMcCallum'],
			['https://dblp.uni-trier.de/pid/10/3248.html', '10/3248'],
			['https://dblp1.uni-trier.de/pid/10/3248', '10/3248'],
			['https://dblp.org/pid/m/AndrewMcCallum.html', 'm/AndrewMcCallum'],
		];
		for (const [input, pid] of cases) assert.equal(dblpPid(input), pid, input);
	});

	test('not a pid: old-style name pages, other hosts, record pages, junk', () => {
		for (const input of ['https://dblp.org/pers/hd/l/Liu:Wei', 'https://example.org/pid/95/7448-1', 'https://dblp.org/rec/conf/acl/OkaforM23', 'Wei Liu', '', '95/', 'javascript:alert(1)']) {
			assert.equal(dblpPid(input), null, input);
		}
	});
});

describe('orcidId / orcidProblem', () => {
	test('the check character is ISO 7064 MOD 11-2', () => {
		assert.equal(orcidCheckCharacter('000000021825009'), '7');
		// An iD whose check character is X.
		assert.equal(orcidCheckCharacter('000000021694233'), 'X');
	});

	test('bare, hyphen-less, orcid.org with and without scheme, http, trailing slash; X check upper-cased', () => {
		const cases = ['0000-0002-1825-0097', '0000000218250097', 'orcid.org/0000-0002-1825-0097', 'http://orcid.org/0000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-0097/', 'https://www.orcid.org/0000-0002-1825-0097'];
		for (const input of cases) assert.equal(orcidId(input), '0000-0002-1825-0097', input);
		assert.equal(orcidId('0000-0002-1694-233x'), '0000-0002-1694-233X');
		assert.equal(orcidProblem('https://orcid.org/0000-0002-1825-0097'), null);
	});

	test('a wrong check character is named as a checksum problem', () => {
		assert.equal(orcidId('0000-0002-1825-0098'), null);
		const problem = orcidProblem('0000-0002-1825-0098');
		assert.match(problem!, /^checksum does not match/);
		assert.match(problem!, /end in 7/);
	});

	test('not an iD at all', () => {
		for (const input of ['0000-0002-1825-009', 'https://example.org/0000-0002-1825-0097', 'Lena Okafor', '']) {
			assert.equal(orcidId(input), null, input);
			assert.match(orcidProblem(input)!, /^not an ORCID iD/);
		}
	});
});

describe('openAlexAuthorId', () => {
	test('bare (either case), openalex.org, /authors/, api.openalex.org', () => {
		const cases = [
			'A5023888391',
			'a5023888391',
			'https://openalex.org/A5023888391',
			'https://openalex.org/authors/A5023888391',
			'https://api.openalex.org/authors/A5023888391',
			'https://api.openalex.org/A5023888391?select=id',
			'openalex.org/a5023888391',
		];
		for (const input of cases) assert.equal(openAlexAuthorId(input), 'A5023888391', input);
	});

	test('works, institutions and other hosts are not authors', () => {
		for (const input of ['W2741809807', 'https://openalex.org/W2741809807', 'https://openalex.org/I70931966', 'https://example.org/A5023888391', 'A']) {
			assert.equal(openAlexAuthorId(input), null, input);
		}
	});
});

describe('arxivAuthorId', () => {
	test('author ids and listing URLs in every format', () => {
		for (const input of ['warner_s_1', 'https://arxiv.org/a/warner_s_1', 'https://arxiv.org/a/warner_s_1.html', 'http://arxiv.org/a/warner_s_1.atom', 'arxiv.org/a/warner_s_1.atom2', 'https://export.arxiv.org/a/warner_s_1.json']) {
			assert.equal(arxivAuthorId(input), 'warner_s_1', input);
		}
	});

	test('an ORCID iD, bare, as a URL, or inside the listing URL, gives the iD', () => {
		for (const input of ['0000-0002-1825-0097', 'https://orcid.org/0000-0002-1825-0097', 'https://arxiv.org/a/0000-0002-1825-0097.atom2', 'http://arxiv.org/a/http://orcid.org/0000-0002-1825-0097']) {
			assert.equal(arxivAuthorId(input), '0000-0002-1825-0097', input);
		}
		assert.equal(arxivAuthorId('https://arxiv.org/a/0000-0002-1825-0098.atom2'), null);
	});

	test('papers and junk are not listings', () => {
		for (const input of ['https://arxiv.org/abs/2401.01234', 'Warner_S_1', 'warner_s', 'https://example.org/a/warner_s_1']) assert.equal(arxivAuthorId(input), null, input);
	});
});

describe('bibliographyLinks', () => {
	test('suggests each kind once, in link order; other links and bare text are ignored', () => {
		const links = bibliographyLinks([
			'https://dblp.org/pid/95/7448-1.html',
			'https://scholar.google.com/citations?user=abc',
			'https://orcid.org/0000-0002-1825-0097',
			'http://orcid.org/0000-0002-1825-0097/',
			'https://orcid.org/0000-0002-1825-0098',
			'https://openalex.org/A5023888391',
			'https://arxiv.org/a/warner_s_1',
			'https://arxiv.org/abs/2401.01234',
			'https://dblp.uni-trier.de/pid/m/AndrewMcCallum',
			'0000-0002-1825-0097',
			'javascript:alert(1)',
		]);
		assert.deepEqual(links, {dblp: ['95/7448-1', 'm/AndrewMcCallum'], orcid: ['0000-0002-1825-0097'], openalex: ['A5023888391'], arxivAuthor: ['warner_s_1']});
	});
});
