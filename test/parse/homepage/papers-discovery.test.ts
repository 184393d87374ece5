import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {extractHomepage} from '../../../src/parse/homepage/index.js';
import {blueskyFromUrl} from '../../../src/parse/homepage/discover.js';
import {extractFixture} from './helpers.js';

describe('papers linked from the page', () => {
	it('AcadHomepage: paper-box first link, <font> title line, versioned PDF link', () => {
		const x = extractFixture('acadhomepage.html', 'https://meizhang.github.io/');
		assert.deepEqual(x.papers, [
			{id: 'arxiv:2505.01234', url: 'https://arxiv.org/abs/2505.01234', title: 'Lumen: Cheaper Reasoning with Adaptive Length Rewards'},
			{id: 'arxiv:2412.00042', url: 'https://arxiv.org/abs/2412.00042', title: 'Deep Sets of Reasoning Traces for Math'},
		]);
	});

	it('al-folio: div.title beats the short news link text; DOI links are papers too', () => {
		const x = extractFixture('al-folio.html', 'https://ana.example.io/');
		assert.deepEqual(x.papers, [
			{id: 'arxiv:2501.00011', url: 'https://arxiv.org/abs/2501.00011', title: 'Sparse Retrieval at Scale: Lessons from a Billion Queries'},
			{id: 'doi:10.1145/3589334.3645001', url: 'https://doi.org/10.1145/3589334.3645001', title: 'Sparse Retrieval at Scale: Lessons from a Billion Queries'},
		]);
		// The news entry's paper carries the same, better title.
		assert.equal(x.news[0]!.papers[0]!.title, 'Sparse Retrieval at Scale: Lessons from a Billion Queries');
	});

	it('Jon Barron rows: span.papertitle for an "arXiv" link', () => {
		const x = extractFixture('plain.html', 'https://yiwang.example.org/');
		assert.deepEqual(x.papers.find(p => p.id === 'arxiv:2411.18613'), {
			id: 'arxiv:2411.18613',
			url: 'https://arxiv.org/abs/2411.18613',
			title: 'CAT4D: Create Anything in 4D with Multi-View Video Diffusion Models',
		});
	});

	it('generic link texts give no title; a real link text does', () => {
		const html =
			'<ul><li><a href="https://arxiv.org/pdf/2401.00001v2.pdf">[PDF]</a></li>' +
			'<li><a href="https://openreview.net/pdf?id=abc_DEF-1">A Study of Things That Matter</a></li>' +
			'<li><a href="https://aclanthology.org/2023.emnlp-main.467.pdf">paper</a></li></ul>' +
			'<p>Also see arXiv:2402.05133 in text only.</p>';
		const x = extractHomepage({text: html, url: 'https://p.example.org/'});
		assert.deepEqual(x.papers, [
			{id: 'arxiv:2401.00001', url: 'https://arxiv.org/abs/2401.00001', title: null},
			{id: 'openreview:abc_DEF-1', url: 'https://openreview.net/forum?id=abc_DEF-1', title: 'A Study of Things That Matter'},
			{id: 'acl:2023.emnlp-main.467', url: 'https://aclanthology.org/2023.emnlp-main.467/', title: null},
		]);
	});

	it('papers written in news text without a link are recognised in the entry and listed', () => {
		const html = '<h2>News</h2><ul><li>2025.01: Preprint arXiv:2501.09999 is out.</li></ul>';
		const x = extractHomepage({text: html, url: 'https://p.example.org/'});
		assert.deepEqual(x.news[0]!.papers, [{id: 'arxiv:2501.09999', url: 'https://arxiv.org/abs/2501.09999', title: null}]);
		assert.deepEqual(x.papers.map(p => p.id), ['arxiv:2501.09999']);
	});
});

describe('discovery', () => {
	it('feeds from <link rel=alternate> of RSS, Atom and JSON Feed types only, resolved against <base>', () => {
		const html =
			'<html><head><base href="https://blog.example.org/sub/">' +
			'<link rel="alternate" type="application/rss+xml" href="index.xml">' +
			'<link rel="Alternate" type="application/atom+xml; charset=utf-8" href="/atom.xml">' +
			'<link rel="alternate" type="application/feed+json" href="https://blog.example.org/feed.json">' +
			'<link rel="alternate" type="text/html" hreflang="de" href="/de/">' +
			'<link rel="stylesheet" type="application/rss+xml" href="/not-a-feed.xml">' +
			'</head><body></body></html>';
		const x = extractHomepage({text: html, url: 'https://example.org/'});
		assert.deepEqual(x.feeds, ['https://blog.example.org/sub/index.xml', 'https://blog.example.org/atom.xml', 'https://blog.example.org/feed.json']);
	});

	it('Bluesky handles and DIDs from profile links', () => {
		const x = extractFixture('plain.html', 'https://yiwang.example.org/');
		assert.deepEqual(x.bluesky, ['yiwang.example.org', 'did:plc:z72i7hdynmk6r22z27h6tvur']);
		assert.equal(blueskyFromUrl('https://bsky.app/profile/Alice.BSKY.social'), 'alice.bsky.social');
		assert.equal(blueskyFromUrl('https://bsky.app/profile/@alice.bsky.social/post/3k'), 'alice.bsky.social');
		assert.equal(blueskyFromUrl('https://bsky.app/profile/did:web:example.com'), 'did:web:example.com');
		assert.equal(blueskyFromUrl('https://bsky.app/search?q=x'), null);
		assert.equal(blueskyFromUrl('https://evil.example/profile/alice.bsky.social'), null);
		assert.equal(blueskyFromUrl('https://bsky.app/profile/not a handle'), null);
	});

	it('news page: a News heading link wins over a menu link; never this page, never another site', () => {
		const html =
			'<nav><a href="/updates.html">News</a><a href="https://news.example.com/">News</a><a href="#news">News</a></nav>' +
			'<h2><a href="/news/">News</a></h2><p>See the news page.</p>';
		assert.equal(extractHomepage({text: html, url: 'https://me.example.org/'}).newsPageUrl, 'https://me.example.org/news/');
		const menuOnly = '<nav><a href="news.html">News</a> <a href="index.html">Home</a></nav><h2>About</h2>';
		assert.equal(extractHomepage({text: menuOnly, url: 'https://me.example.org/~me/index.html'}).newsPageUrl, 'https://me.example.org/~me/news.html');
		const self = '<nav><a href="/news/">News</a></nav><h1>News</h1><p>Nothing yet.</p>';
		assert.equal(extractHomepage({text: self, url: 'https://me.example.org/news/'}).newsPageUrl, null);
	});
});
