import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {extractHomepage} from '../../../src/parse/homepage/index.js';
import {extractFixture, rows} from './helpers.js';

describe('AcadHomepage', () => {
	it('rendered page: emoji heading, <em> dates, flags, out-of-order item kept in place, Honors not merged', () => {
		const x = extractFixture('acadhomepage.html', 'https://meizhang.github.io/');
		assert.deepEqual(rows(x), [
			['2025-05-01', 'month', '2025.05', '🎉🎉 One paper about Lumen accepted by ICML 2025.'],
			['2025-04-01', 'month', '2025.04', '🇸🇬🇸🇬 Attended ICLR 2025 @ Singapore.'],
			['2026-02-01', 'month', '2026.02', '🎉 One paper accepted by ICASSP 2025 (a typo the author never fixed).'],
			['2024-12-01', 'month', '2024.12', 'Released DeepSet, a dataset.'],
		]);
		assert.deepEqual(x.news[0]!.links, [{url: 'https://arxiv.org/abs/2505.01234', text: 'Lumen'}]);
		assert.deepEqual(x.news[0]!.papers, [
			{id: 'arxiv:2505.01234', url: 'https://arxiv.org/abs/2505.01234', title: 'Lumen: Cheaper Reasoning with Adaptive Length Rewards'},
		]);
		assert.equal(x.newsPageUrl, null);
	});

	it('raw Markdown source: front matter and Liquid dropped, kramdown escapes, scroll box with markdown="1"', () => {
		const x = extractFixture('acadhomepage-about.md', 'https://raw.githubusercontent.com/mei/mei.github.io/main/_pages/about.md', 'text/plain; charset=utf-8');
		assert.deepEqual(rows(x), [
			['2025-05-01', 'month', '[05/2025]', 'We release Lumen to make reasoning models cheaper -- 40% fewer tokens!'],
			['2025-05-01', 'month', '[05/2025]', 'Two papers accepted by ICML 2025!'],
			['2025-01-01', 'month', '2025.01', '🎉🎉 Our survey is out. Twitter'],
			['2024-11-01', 'month', '[11/2024]', 'Is Your Model Really Careful? Let us check with Carefulness!'],
		]);
		assert.deepEqual(x.news[2]!.links.map(l => l.url), ['https://arxiv.org/pdf/2501.04321v2.pdf', 'https://x.com/example/status/1']);
		// The versioned PDF link and the publication list's abs link are one paper, titled from the list.
		assert.deepEqual(x.news[2]!.papers, [{id: 'arxiv:2501.04321', url: 'https://arxiv.org/abs/2501.04321', title: 'A Survey of Efficient Reasoning'}]);
		assert.ok(!x.news.some(e => e.text.includes('{%') || e.text.includes('{{')));
	});

	it('the same entries get the same keys from the Markdown source and from the rendered page', () => {
		const md = '# News\n- *2025.05*: 🎉🎉 One paper about [Lumen](https://arxiv.org/abs/2505.01234) accepted by ICML 2025.\n';
		const fromMd = extractHomepage({text: md, url: 'https://x.example.org/about.md'});
		const fromHtml = extractFixture('acadhomepage.html', 'https://meizhang.github.io/');
		assert.equal(fromMd.news[0]!.key, fromHtml.news[0]!.key);
	});
});

describe('al-folio', () => {
	it('homepage table: <th> dates, <td> text, emoji shortcodes, relative news-title links', () => {
		const x = extractFixture('al-folio.html', 'https://ana.example.io/');
		assert.deepEqual(rows(x), [
			['2025-01-20', 'day', 'Jan 20, 2025', ':tada: Our paper Sparse Retrieval at Scale is accepted by WebConf 2025. Congrats to Kim!'],
			['2024-12-22', 'day', 'Dec 22, 2024', 'We will hold a workshop at WWW 25.'],
			['2024-09-15', 'day', 'Sep 15, 2024', 'A long announcement with its own page'],
		]);
		assert.deepEqual(x.news[2]!.links, [{url: 'https://ana.example.io/news/announcement_2/', text: 'A long announcement with its own page'}]);
		// News found on the homepage: no need to fetch /news/.
		assert.equal(x.newsPageUrl, null);
	});

	it('/news/ page: all entries, keys shared with the homepage subset', () => {
		const home = extractFixture('al-folio.html', 'https://ana.example.io/');
		const page = extractFixture('al-folio-news.html', 'https://ana.example.io/news/');
		assert.equal(page.news.length, 4);
		assert.deepEqual(page.news.at(-1)!.text, 'Joined the lab as a postdoc.');
		assert.deepEqual(page.news.slice(0, 3).map(e => e.key), home.news.map(e => e.key));
	});

	it('news disabled: no entries, the same-site /news/ menu link is offered (not an external "News")', () => {
		const x = extractFixture('al-folio-no-news.html', 'https://leo.example.io/');
		assert.deepEqual(x.news, []);
		assert.equal(x.newsPageUrl, 'https://leo.example.io/news/');
		assert.deepEqual(x.papers, [{id: 'openreview:yzkSU5zdwD', url: 'https://openreview.net/forum?id=yzkSU5zdwD', title: 'Personalized Preference Models'}]);
	});
});

describe('academicpages', () => {
	it('date at the end of each item (float-right div); Activities section ignored; project-site relative links', () => {
		const x = extractFixture('academicpages.html', 'https://kailin.github.io/academicpages.github.io/');
		assert.deepEqual(rows(x), [
			['2020-12-01', 'month', '2020.12', '🎉 One paper is accepted by AAAI-21.'],
			['2020-07-01', 'month', '2020.07', '🎉 One paper is accepted by ECCV 2020.'],
			['2020-03-01', 'month', '2020.03', '🎉 I will join a lab as a research intern.'],
		]);
		assert.deepEqual(x.news[1]!.links, [{url: 'https://kailin.github.io/academicpages.github.io/papers/eccv20.pdf', text: 'ECCV 2020'}]);
		assert.deepEqual(x.feeds, ['https://kailin.github.io/academicpages.github.io/feed.xml']);
	});
});

describe('Hugo', () => {
	it('Hugo Blox collection: heading and items in sibling columns, German Mon YY dates, minified HTML', () => {
		const x = extractFixture('hugo-blox.html', 'https://jonas.example.eu/');
		assert.deepEqual(rows(x), [
			['2024-10-01', 'month', 'Okt 24', 'Invited talk at the University of Göttingen'],
			['2024-04-01', 'month', 'April 24', 'Invited talk - Weak Supervision Tutorial at LMU Munich\n\nslides'],
			['2024-03-01', 'month', 'Mär 24', 'Two oral presentations at EACL 2024'],
			['2023-12-01', 'month', 'Dez 23', 'Paper accepted at EMNLP 2023'],
		]);
		assert.deepEqual(x.feeds, ['https://jonas.example.eu/index.xml', 'https://jonas.example.eu/news/index.xml']);
	});

	it('Academic v4 blank widget: sibling <p> items with [MM/DD/YYYY]; the next section is not news', () => {
		const x = extractFixture('hugo-academic-v4.html', 'https://yuchen.example.io/');
		assert.deepEqual(rows(x), [
			['2021-05-17', 'day', '[05/17/2021]', 'I will join a research lab as an intern this summer.'],
			['2020-01-12', 'day', '[01/12/2020]', 'Our paper on Iterated learning for emergent systematicity in VQA is accepted at ICLR2021 (Oral)'],
		]);
		assert.equal(x.news[1]!.papers[0]!.id, 'openreview:Pd_oMxH8IlF');
	});

	it('Wowchemy /news page given as Markdown without a heading: "Feb 24" is February 2024', () => {
		const x = extractFixture('wowchemy-news.md', 'https://raw.githubusercontent.com/g/site/main/content/news/index.md', 'text/plain');
		assert.deepEqual(rows(x), [
			['2024-02-01', 'month', 'Feb 24', 'life update! I moved to Lisbon and started a postdoc;'],
			['2024-01-01', 'month', 'Jan 24', 'our Safety-Tuned LLaMA paper was accepted at ICLR 2024;'],
			['2023-11-01', 'month', 'Nov 23', 'I will co-organize the Third Workshop on Safety at LREC/COLING 2024;'],
			['2022-10-01', 'month', 'Oct 22', 'I successfully defended my Ph.D. (!) 🎉;'],
		]);
	});
});

describe('jemdoc', () => {
	it('nested sub-items belong to their parent; venue tags, ranges, bare years; malformed target attributes tolerated', () => {
		const x = extractFixture('jemdoc.html', 'https://ruofan.example.edu/');
		assert.deepEqual(rows(x), [
			['2025-02-01', 'month', '[Feb 2025]', 'We released Phi-Tiny-MM!\n\nWeights\n\nPhi-Tiny Technical Report: Compact Multimodal Models'],
			['2024-01-23', 'day', 'January 23, 2024', '[WWW 2024] Our work on fair graph learning has been accepted by WWW 2024!'],
			['2022-09-23', 'day', 'September 23, 2022', 'Invited as a reviewer for LoG 2022.'],
			['2024-01-01', 'year', '2024-2026', 'Our team is working on a national LLM project. Press'],
			['2024-01-01', 'year', '2024', 'SeaBench for multilingual evaluation. arXiv'],
			['2022-06-01', 'month', '[Jun 2022]', 'Paper on children’s ASR accepted to ICASSP 2022.'],
		]);
		assert.deepEqual(x.news[0]!.links.map(l => l.url), ['https://huggingface.co/example/phi-tiny', 'https://arxiv.org/abs/2503.01743']);
		assert.deepEqual(x.news[3]!.links.map(l => l.url), ['https://ruofan.example.edu/assets/data/press.pdf']);
		assert.deepEqual(x.news[4]!.papers.map(p => p.id), ['arxiv:2309.04766']);
	});
});

describe('hand-written HTML', () => {
	it('div.news-item with a hidden "more" block and commented-out items', () => {
		const x = extractFixture('plain.html', 'https://yiwang.example.org/');
		assert.deepEqual(rows(x), [
			['2025-07-27', 'day', 'July 27, 2025', 'We had a tutorial on Synthetic Data at ACL 2025.'],
			['2024-11-21', 'day', 'Nov. 21, 2024', 'Released Hybrid Preferences and a paper.'],
			['2023-01-16', 'day', 'Jan. 16, 2023', 'Our paper on instruction tuning was accepted to ICLR 2024.'],
			['2019-09-05', 'day', 'Sep. 5, 2019', 'Started my PhD at UW.'],
		]);
		assert.deepEqual(x.news[1]!.papers.map(p => p.id), ['arxiv:2410.19133', 'openreview:XYMWd1wNlf']);
	});

	it('<li> wrapping <details> is a container; verbatim duplicates appear once', () => {
		const x = extractFixture('details.html', 'https://xinhan.example.io/');
		assert.deepEqual(rows(x), [
			['2025-06-01', 'month', '2025.06', 'I migrated my website to a new template!'],
			['2025-05-01', 'month', '2025.05', 'New preprints on Speculative Thinking and Longer Context, Deeper Thinking are out!'],
			['2024-05-01', 'month', '2024.05', 'One paper is accepted by ACL2024!'],
			['2024-04-01', 'month', '2024.04', 'Invited talk at a workshop.'],
		]);
		assert.equal(new Set(x.news.map(e => e.key)).size, x.news.length);
		assert.deepEqual(x.news[2]!.papers, [{id: 'arxiv:2312.15194', url: 'https://arxiv.org/abs/2312.15194', title: 'Fair Graph Benchmarks for Everyone'}]);
	});

	it('bold-paragraph pseudo-headings, <br>-separated lines, <dl> pairs, CJK dates; the next section stops it', () => {
		const x = extractFixture('pseudo-heading.html', 'https://old.example.edu/~prof/');
		assert.deepEqual(rows(x), [
			['2025-05-01', 'month', '2025.05', 'A new grant.'],
			['2025-04-01', 'month', '2025.04', 'Two papers at ACL.\ncontinued on a second line.'],
			['2024-05-01', 'month', '05/2024', 'Talk at Kyoto.'],
			['2024-01-15', 'day', '15 January 2024', 'Joined the editorial board.'],
			['2023-03-05', 'day', '2023年3月5日', '中文新闻：论文被接收。'],
		]);
		assert.deepEqual(x.news[2]!.links, [{url: 'https://old.example.edu/talks/kyoto.html', text: 'Kyoto'}]);
	});

	it('a page without news yields no entries and no news page', () => {
		const html = '<html><body><h1>Jo</h1><h2>Publications</h2><ul><li>2024.05: a paper list item</li></ul></body></html>';
		const x = extractHomepage({text: html, url: 'https://jo.example.org/'});
		assert.deepEqual(x.news, []);
		assert.equal(x.newsPageUrl, null);
	});
});
