/**
 * Cases from trying the extractor on homepages nobody on the project had seen (issue 13): styled
 * section titles, "New!" badges before dates, MM/YY and day-first dates, month words the parser does
 * not know, and Hugo Blox card layouts. Every fixture here is our own, modelled on those templates.
 */
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {extractHomepage} from '../../../src/parse/homepage/index.js';
import {isNewsTitle} from '../../../src/parse/homepage/titles.js';
import {extractFixture, rows} from './helpers.js';

function page(body: string): ReturnType<typeof rows> {
	const text = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Me</title></head><body>${body}</body></html>`;
	return rows(extractHomepage({text, url: 'https://me.example.org/'}));
}

describe('styled section titles', () => {
	it('a styled <div> title opens the news; badges, MM/YY and unknown month words keep their entries; the next styled title ends it', () => {
		const x = extractFixture('lab-styled-titles.html', 'https://ada.example.se/');
		assert.deepEqual(rows(x), [
			['2025-11-01', 'month', '11/25', 'Our paper on sparse probing is accepted at AAAI 2026.'],
			['2025-03-01', 'month', '2025.03', '🔥 We released the ADA benchmark.'],
			['2025-03-01', 'month', '[03/2025]', 'Invited talk at the Nordic NLP day.'],
			['2024-08-01', 'month', '8/24', 'Welcome to our new PhD students!'],
			['2024-01-01', 'year', '[SEG. 2024]', 'Keynote at a Brazilian workshop (the month is written in Portuguese).'],
			['2024-01-01', 'year', 'Febuary 2024', 'Best reviewer award.'],
		]);
		assert.deepEqual(x.news[0]!.papers.map(p => p.id), ['arxiv:2511.01234']);
	});

	it('styled <p>, a lone <span> before <br> and a classed <p> are titles; a list that writes 17/06/2025 reads 03/04/2025 day-first, one that writes 06/17/2025 month-first', () => {
		const x = extractFixture('lab-news-paragraph-titles.html', 'https://okafor.example.ng/');
		assert.deepEqual(rows(x), [
			['2025-06-17', 'day', '06/17/2025', 'Chidi gave a talk in Lagos.'],
			['2025-04-03', 'day', '04/03/2025', 'Our workshop proposal was accepted.'],
			['2025-06-17', 'day', '17/06/2025', 'Group retreat in Kaduna.'],
			['2025-04-03', 'day', '03/04/2025', 'Two posters at ICLR.'],
			['2024-11-29', 'day', '29/11/2024', 'Funding from the national science fund.'],
			['2025-06-01', 'day', '2025-06-01', 'Summer school.'],
		]);
	});

	it('news headings with a lab name or extra words', () => {
		for (const t of ['Recent ADALab News', 'Latest News & Updates', 'Lab news', 'News and Events', 'NLP Group News', '📰 Okafor Lab News']) {
			assert.ok(isNewsTitle(t), t);
		}
		for (const t of ['Newsletter', 'Publications', 'News about the weather is not a section title because it is a sentence']) {
			assert.ok(!isNewsTitle(t), t);
		}
	});

	it('a menu item or link named News is navigation, not a title', () => {
		assert.deepEqual(page('<div><a href="/news">News</a></div><p>2025.01: not news, the link named it</p>'), []);
		assert.deepEqual(page('<ul class="menu"><li><span>News</span></li></ul><p>2025.01: a menu item is no title</p>'), []);
	});

	it('a span that shares its line with other text is not a title', () => {
		assert.deepEqual(page('<p>See <span>News</span> below.</p><p>2025.01: not under a title</p>'), []);
	});

	it('without a styled title after it, the news runs to the next real heading, as before', () => {
		assert.deepEqual(page('<div class="t">News</div><p>2025.02: a</p><p>Some closing words.</p><h2>Publications</h2><p>2024.01: b</p>'), [
			['2025-02-01', 'month', '2025.02', 'a'],
		]);
	});
});

describe('dates in a list share a convention', () => {
	it('ambiguous dates follow the list\'s unambiguous ones, day-first', () => {
		assert.deepEqual(page('<h2>News</h2><ul><li>03/04/2025 x</li><li>29/11/2024 y</li></ul>').map(r => r[0]), ['2025-04-03', '2024-11-29']);
	});

	it('and month-first, even with the European full stop', () => {
		assert.deepEqual(page('<h2>News</h2><ul><li>03.04.2025 x</li><li>12.25.2024 y</li></ul>').map(r => r[0]), ['2025-03-04', '2024-12-25']);
	});

	it('with evidence both ways or none, each date keeps its own reading', () => {
		assert.deepEqual(page('<h2>News</h2><ul><li>03/04/2025 a</li><li>29/11/2024 b</li><li>12/25/2024 c</li></ul>').map(r => r[0]), ['2025-03-04', '2024-11-29', '2024-12-25']);
		assert.deepEqual(page('<h2>News</h2><ul><li>03/04/2025 a</li><li>03.04.2025 b</li></ul>').map(r => r[0]), ['2025-03-04', '2025-04-03']);
	});

	it('each list decides for itself', () => {
		const r = page('<h2>News</h2><ul><li>17/06/2025 a</li><li>03/04/2025 b</li></ul><h2>Updates</h2><ul><li>06/17/2025 c</li><li>03/04/2025 d</li></ul>');
		assert.deepEqual(r.map(x => x[0]), ['2025-06-17', '2025-04-03', '2025-06-17', '2025-03-04']);
	});
});

describe('card layouts (Hugo Blox)', () => {
	it('each card is one entry dated by its full date, not by a venue tag or a bare year in its title; reading time dropped', () => {
		const x = extractFixture('hugo-blox-cards.html', 'https://rui.example.jp/');
		assert.deepEqual(rows(x), [
			['2026-05-02', 'day', 'May 2, 2026', 'AISTATS 2026\n\nPaper on regret bounds accepted\n\nJoint work with colleagues.'],
			['2025-11-06', 'day', 'Nov 6, 2025', '2025 Outstanding Paper Award\n\nOur EMNLP paper won an award.'],
			['2026-01-05', 'day', 'Jan 5, 2026', 'ICLR 2026: two papers, one oral\n\nBoth are about exploration.'],
			['2025-09-14', 'day', 'Sep 14, 2025', 'Visiting Kyoto University'],
		]);
		assert.deepEqual(x.news[0]!.papers.map(p => p.id), ['arxiv:2602.00111']);
		assert.ok(x.news[0]!.links.some(l => l.url === 'https://rui.example.jp/post/aistats/'));
	});

	it('a card with two full dates is a container of entries, not one card', () => {
		const card = (a: string, b: string): string => `<div class="c"><p>${a}: first</p><p>${b}: second</p></div>`;
		assert.deepEqual(page(`<h2>News</h2>${card('May 2, 2026', 'Apr 1, 2026')}${card('Mar 3, 2026', 'Feb 2, 2026')}`).map(r => r[3]), ['first', 'second', 'first', 'second']);
	});

	it('a lone block that is not one of a run of like blocks is not taken for a card', () => {
		const r = page('<h2>News</h2><div class="intro"><p>Welcome.</p><p>Read more below.</p><p>May 2, 2026 · 2 min read</p></div>');
		assert.equal(r.length, 1);
		assert.doesNotMatch(r[0]![3], /Welcome|Read more/);
	});
});
