import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, test} from 'node:test';
import {parseArxivListing} from '../../../src/parse/bibliography/arxiv-listing.js';
import {BibliographyParseError} from '../../../src/parse/bibliography/common.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/bibliography/${name}`, import.meta.url), 'utf8');

describe('parseArxivListing', () => {
	test('.atom2 as arXiv writes it now: bare versioned ids, Python dates with offsets to UTC, one name split', () => {
		const works = parseArxivListing(fixture('arxiv-listing.atom2'));
		assert.deepEqual(works[0], {
			ids: ['arxiv:2508.04024'],
			title: 'Identity Theft in AI Conference Peer Review',
			authors: ['Nihar B. Shah', 'Lena Okafor', 'Jia Jiang'],
			venue: 'arXiv',
			date: '2025-08-06T01:30:07.000Z',
			precision: 'instant',
			url: 'https://arxiv.org/abs/2508.04024',
			abstract: "We report identity theft in peer review. Reviewers' accounts were taken over.",
			sourceKey: 'https://arxiv.org/abs/2508.04024',
		});
		// arxiv:doi is a second id, journal_ref the venue; a -04:00 first version.
		assert.deepEqual(works[1]!.ids, ['arxiv:2410.01234', 'doi:10.1609/aaai.v39i1.32013']);
		assert.equal(works[1]!.venue, 'AAAI 2025');
		assert.equal(works[1]!.date, '2024-10-02T17:59:59.000Z');
		// Old-style id with a subject class in the URL form of the listing.
		assert.deepEqual(works[2]!.ids, ['arxiv:math/0309136']);
		assert.deepEqual(works[2]!.authors, ['Lena Okafor']);
		assert.equal(works.length, 3);
	});

	test('.atom in the older form: abs URLs, RFC 3339 times, one <author> each with affiliations', () => {
		const works = parseArxivListing(fixture('arxiv-listing-legacy.atom'));
		assert.deepEqual(works[0], {
			ids: ['arxiv:1507.05965', 'doi:10.1007/jhep03(2016)087'],
			title: 'On Gauge Enhancement and Singular Limits in $G_2$ Compactifications of M-theory',
			authors: ['Andreas P. Braun', 'Michele Del Zotto', 'David R. Morrison'],
			venue: 'JHEP 1603:087,2016',
			date: '2015-07-21T20:00:43.000Z',
			precision: 'instant',
			url: 'https://arxiv.org/abs/1507.05965',
			abstract: 'We relate M-theory on singular G_2 holonomy spaces to heterotic string theory.',
			sourceKey: 'https://arxiv.org/abs/1507.05965',
		});
		assert.deepEqual(works[1]!.ids, ['arxiv:hep-th/9901001']);
		assert.equal(works[1]!.date, '1999-01-04T16:00:00.000Z');
	});

	test('an empty listing; entries without an arXiv id or title are skipped; a feed without namespace is read', () => {
		assert.deepEqual(parseArxivListing('<feed xmlns="http://www.w3.org/2005/Atom"><title>X</title></feed>'), []);
		const xml = `<feed><entry><id>not-an-id</id><title>T</title></entry><entry><id>2401.01234v1</id></entry>
			<entry><id>2401.01234v2</id><title>Kept\u001b[2J</title><published>garbage</published><updated>2024-01-02T03:04:05Z</updated><author><name></name></author></entry>
			<entry><id>2401.01234v3</id><title>Duplicate</title></entry></feed>`;
		assert.deepEqual(parseArxivListing(xml), [
			{ids: ['arxiv:2401.01234'], title: 'Kept', authors: [], venue: 'arXiv', date: '2024-01-02T03:04:05.000Z', precision: 'instant', url: 'https://arxiv.org/abs/2401.01234', abstract: null, sourceKey: 'https://arxiv.org/abs/2401.01234'},
		]);
	});

	test("arXiv's 400 page for an unknown author, a truncated feed, another XML: one-line error", () => {
		const bodies = [
			'<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>Author nobody_x_1 not found</p>\n',
			fixture('arxiv-listing.atom2').slice(0, 1500),
			'<rss version="2.0"><channel/></rss>',
			'',
		];
		for (const body of bodies) {
			assert.throws(
				() => parseArxivListing(body),
				(e: unknown) => e instanceof BibliographyParseError && /^not an arXiv author listing/.test(e.message) && !e.message.includes('\n'),
			);
		}
	});
});
