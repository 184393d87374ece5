import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {marked} from 'marked';
import {extractHomepage} from '../../../src/parse/homepage/index.js';
import {isNewsTitle} from '../../../src/parse/homepage/titles.js';
import {extractFixture, rows} from './helpers.js';

const URL_ = 'https://me.example.org/';

function html(body: string): string {
	return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Me</title></head><body>${body}</body></html>`;
}

function news(body: string): ReturnType<typeof rows> {
	return rows(extractHomepage({text: html(body), url: URL_}));
}

describe('hostile content', () => {
	it('drops scripts, styles, javascript:/data:/file: links, terminal escapes and bidi controls', () => {
		const x = extractFixture('hostile.html', 'https://eve.example.org/');
		assert.deepEqual(rows(x), [
			['2025-05-01', 'month', '2025.05', 'Safe item with a script link and a real link.'],
			['2025-04-01', 'month', '2025.04', 'Escapes here and bidi txet end. data file bad profile'],
			['2025-03-01', 'month', '2025.03', 'Image with a handler. spaced'],
		]);
		assert.deepEqual(x.news[0]!.links, [{url: 'https://ok.example.org/', text: 'a real link'}]);
		assert.deepEqual(x.news[2]!.links, [{url: 'https://spaced.example.org/', text: 'spaced'}]);
		assert.deepEqual(x.feeds, ['https://eve.example.org/atom.xml']);
		assert.deepEqual(x.bluesky, []);
		for (const e of x.news) {
			assert.doesNotMatch(e.text, /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
			for (const l of e.links) assert.match(l.url, /^https?:\/\//);
		}
	});

	it('raw escape bytes in text never reach an entry', () => {
		const rowsOut = news('<h2>News</h2><ul><li>2025.01: \x1b[31mred\x1b[0m \x1b]52;c;ZXZpbA==\x07clip \u202edone</li></ul>');
		assert.deepEqual(rowsOut, [['2025-01-01', 'month', '2025.01', 'red clip done']]);
	});
});

describe('what counts as an item', () => {
	it('HTML comments are ignored; hidden items (display:none on the item itself) still count', () => {
		const out = news(
			'<h2>News</h2><ul><li>2025.02: visible</li><!-- <li>2025.01: commented</li> -->' +
				'<li style="display:none">2024.12: hidden item</li><li hidden>2024.11: hidden attribute</li></ul>',
		);
		assert.deepEqual(out.map(r => r[3]), ['visible', 'hidden item', 'hidden attribute']);
	});

	it('undated list items are skipped, dated ones kept', () => {
		const out = news('<h2>News</h2><ul><li>2025.02: dated</li><li>See all news on the archive page</li><li>2025.01: also dated</li></ul>');
		assert.deepEqual(out.map(r => r[3]), ['dated', 'also dated']);
	});

	it('stops at the next heading of the same or higher level, not at a lower one', () => {
		const out = news(
			'<h2>News</h2><h3>2025</h3><ul><li>2025.02: a</li></ul><h3>2024</h3><ul><li>2024.06: b</li></ul>' +
				'<h2>Awards</h2><ul><li>2023.01: not news</li></ul>',
		);
		assert.deepEqual(out.map(r => r[3]), ['a', 'b']);
	});

	it('finds the heading inside a wrapper and items in a later cousin; a footer ends the section', () => {
		const out = news(
			'<div class="head"><h1><span>📰</span> Latest News</h1></div><div class="body"><p>2025.03 — cousin item</p></div>' +
				'<footer><p>2025.01: footer text</p></footer>',
		);
		assert.deepEqual(out.map(r => r[3]), ['cousin item']);
	});

	it('a table with a date column, a <dl>, and divs with date spans', () => {
		assert.deepEqual(news('<h2>Updates</h2><table><tr><td>2025-03-02</td><td>Row one</td></tr><tr><td>2025-01</td><td>Row two</td></tr></table>'), [
			['2025-03-02', 'day', '2025-03-02', 'Row one'],
			['2025-01-01', 'month', '2025-01', 'Row two'],
		]);
		assert.deepEqual(
			news('<h2>Recent News</h2><div class="news-container"><div><span class="news-date">2026 Jul:</span><span class="news-content">1 paper at <strong>ACM MM</strong></span><span>🎉</span></div><div><span class="news-date">2025 Sept:</span><span class="news-content">2 papers at NeurIPS</span></div></div>'),
			[
				['2026-07-01', 'month', '2026 Jul', '1 paper at ACM MM🎉'],
				['2025-09-01', 'month', '2025 Sept', '2 papers at NeurIPS'],
			],
		);
	});

	it('an entry with only a date has no text and is dropped', () => {
		assert.deepEqual(news('<h2>News</h2><ul><li>2025.02</li><li>2025.01: real</li></ul>').map(r => r[3]), ['real']);
	});

	it('a same-page menu anchor leads to a section whose heading does not say News', () => {
		const out = news('<nav><a href="#happenings">News</a></nav><h2 id="happenings">What I have been up to</h2><ul><li>2025.02: via anchor</li></ul><h2>Other</h2>');
		assert.deepEqual(out.map(r => r[3]), ['via anchor']);
	});

	it('a container named news is used when there is no heading', () => {
		const out = news('<div id="news"><p>2025.02: container item</p><p>2025.01: another</p></div><div id="pubs"><p>2024.01: pub</p></div>');
		assert.deepEqual(out.map(r => r[3]), ['container item', 'another']);
	});

	it('the text of a News link is not enough: an unrelated list is not news', () => {
		assert.deepEqual(news('<p>Read the <a href="/blog/">News</a></p><ul><li>2025.02: not in a news section</li></ul>'), []);
	});
});

describe('news headings', () => {
	it('accepts the usual names with emoji and punctuation', () => {
		for (const t of ['News', '🔥 News', 'Recent News', 'Latest news:', "What's new", 'What’s New', 'Updates', 'News & Updates', 'Announcements', '新闻', '最新动态', '动态', 'News 新闻', '— News —', 'ニュース']) {
			assert.ok(isNewsTitle(t), t);
		}
	});
	it('rejects other sections and look-alikes', () => {
		for (const t of ['Newsletter', 'Publications', 'News about my cat and many other things that happened', 'Honors and Awards', '']) {
			assert.ok(!isNewsTitle(t), t);
		}
	});
});

describe('Markdown rendered with marked (templates written as Markdown)', () => {
	it('minimal-light: ## News with **[Mon. YYYY]** items', () => {
		const md = '## News\n\n- **[Feb. 2020]** Paper accepted to CVPR 2020.\n- **[Sept. 2019]** Paper accepted to NeurIPS 2019.\n\n## Publications\n\n- **[2019]** not news\n';
		assert.deepEqual(news(marked.parse(md, {async: false})), [
			['2020-02-01', 'month', '[Feb. 2020]', 'Paper accepted to CVPR 2020.'],
			['2019-09-01', 'month', '[Sept. 2019]', 'Paper accepted to NeurIPS 2019.'],
		]);
	});

	it('setext heading and raw HTML list inside Markdown (academicpages / GitZH-Chen includes)', () => {
		const md =
			'👾 News\n======\n\n<div style="max-height: 400px; overflow-y: scroll;">\n<ul>\n  <li><strong>2026.08</strong>: Two papers accepted to T&uuml;bingen venues – Bures–Wasserstein.</li>\n' +
			'  <li><strong>2026.05</strong>: Organizing <a href="https://mlss.example.org/">MLSS 2026</a>.</li>\n</ul>\n</div>\n\n👾 Activities\n======\n\n- *2018.Summer* intern\n';
		const x = extractHomepage({text: md, url: 'https://raw.githubusercontent.com/u/u.github.io/HEAD/_pages/about.md'});
		assert.deepEqual(rows(x), [
			['2026-08-01', 'month', '2026.08', 'Two papers accepted to Tübingen venues – Bures–Wasserstein.'],
			['2026-05-01', 'month', '2026.05', 'Organizing MLSS 2026.'],
		]);
	});

	it('a page whose news lives only in an {% include %} has no entries, and that is not an error', () => {
		const md = '---\npermalink: /\n---\n\n# 🔔 News\n{% include_relative includes/news.md %}\n\n# Publications\n- [A Paper Title Here](https://arxiv.org/abs/2401.00001)\n';
		const x = extractHomepage({text: md, url: 'https://example.org/_pages/about.md'});
		assert.deepEqual(x.news, []);
		assert.deepEqual(x.papers.map(p => [p.id, p.title]), [['arxiv:2401.00001', 'A Paper Title Here']]);
	});
});
