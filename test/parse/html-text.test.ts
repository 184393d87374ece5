import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {load} from 'cheerio';
import {htmlToText, linksInText, nodeToText} from '../../src/parse/html-text.js';

const BASE = 'https://me.example.org/news/';

describe('htmlToText: structure', () => {
	it('turns paragraphs into blank-line separated blocks and collapses whitespace', () => {
		const {text} = htmlToText('<p>First   para\n  with  <b>bold</b> text.</p>\n\n<p>Second</p>');
		assert.equal(text, 'First para with bold text.\n\nSecond');
	});

	it('ends lines at div, li, tr, headings and br', () => {
		const html = '<h2>News</h2><ul><li>[05/2025] One</li><li>[04/2025] Two<br>continued</li></ul><div>a</div><div>b</div>';
		assert.equal(htmlToText(html).text, 'News\n\n[05/2025] One\n[04/2025] Two\ncontinued\na\nb');
	});

	it('counts consecutive <br> up to one blank line', () => {
		assert.equal(htmlToText('a<br><br>b<br/><br/><br/><br/>c').text, 'a\n\nb\n\nc');
	});

	it('separates table cells by a space and rows by a line', () => {
		const html = '<table><tr><th>May 2025</th><td>Paper accepted</td></tr><tr><td>Apr 2025</td><td>Talk</td></tr></table>';
		assert.equal(htmlToText(html).text, 'May 2025 Paper accepted\nApr 2025 Talk');
	});

	it('keeps blockquote, dl and nested blocks apart without piling up blank lines', () => {
		const html = '<div><div><p>One</p></div></div><blockquote><p>Quote</p></blockquote><dl><dt>Term</dt><dd>Def</dd></dl>';
		assert.equal(htmlToText(html).text, 'One\n\nQuote\n\nTerm\nDef');
	});

	it('keeps inline elements inline and does not invent spaces', () => {
		assert.equal(htmlToText('<span>Liu</span><span>Wei</span> <i>and</i><b> co</b>').text, 'LiuWei and co');
	});

	it('preserves line breaks and indentation inside pre', () => {
		assert.equal(htmlToText('<p>Code:</p><pre>def f():\n    return 1</pre><p>done</p>').text, 'Code:\n\ndef f():\n    return 1\n\ndone');
	});

	it('trims leading and trailing whitespace of lines and of the whole text', () => {
		assert.equal(htmlToText('  <div>  a  </div>  <div>  b </div>  ').text, 'a\nb');
	});

	it('handles an empty or whitespace-only input', () => {
		assert.deepEqual(htmlToText(''), {text: '', links: []});
		assert.deepEqual(htmlToText('  \n '), {text: '', links: []});
		assert.deepEqual(htmlToText('<div><p></p></div>'), {text: '', links: []});
	});

	it('accepts a whole document (head and title are not text)', () => {
		const html = '<!doctype html><html><head><title>Page title</title><meta charset="utf-8"><style>p{}</style></head><body><p>Body text</p></body></html>';
		assert.equal(htmlToText(html).text, 'Body text');
	});
});

describe('htmlToText: what is never text', () => {
	it('drops script, style, noscript, template and comments', () => {
		const html = '<p>a<script>alert("x")</script>b<style>.c{color:red}</style>c</p><noscript>enable js</noscript><template><p>tpl</p></template><!-- secret comment --><p>d</p>';
		assert.equal(htmlToText(html).text, 'abc\n\nd');
	});

	it('drops iframes, svg, forms controls and hidden elements', () => {
		const html = '<p>a<iframe src="https://x.example/">fallback</iframe><svg><title>icon</title><text>svg</text></svg><button>Copy</button><select><option>o</option></select></p><p hidden>hidden</p><p style="display: none">none</p><p aria-hidden="true">aria</p><p>b</p>';
		assert.equal(htmlToText(html).text, 'a\n\nb');
	});
});

describe('htmlToText: entities, images, hostile text', () => {
	it('decodes entities, including &nbsp without a semicolon', () => {
		assert.equal(htmlToText('Tom &amp; Jerry &mdash; caf&eacute; &#x1F389; a&nbsp;b a&nbspc &lt;tag&gt;').text, 'Tom & Jerry — café 🎉 a b a c <tag>');
	});

	it('turns emoji images into their alt, ignores other images', () => {
		const html = '<p>Accepted! <img class="emoji" alt=":tada:" src="tada.png"> <img alt="🔥" src="fire.png"> <img draggable="false" class="wp-smiley" alt="😀"> <img alt="Photo of me" src="me.jpg"><img src="new.gif"></p>';
		assert.equal(htmlToText(html).text, 'Accepted! :tada: 🔥 😀');
	});

	it('passes every text node through cleanText', () => {
		const html = '<p>safe\x1b]52;c;cm0gLXJmIH4=\x07 text \u202Egnp.exe pay\u200Bpal 👨\u200D👩\u200D👧</p>';
		assert.equal(htmlToText(html).text, 'safe text gnp.exe paypal 👨\u200D👩\u200D👧');
	});

	it('does not let an escape sequence survive across entity decoding', () => {
		// &#27; decodes to ESC: the whole CSI goes. &#x9b; is not the 8-bit CSI in HTML: numeric
		// references to 0x80–0x9F decode as windows-1252 (› U+203A), which is harmless.
		assert.equal(htmlToText('a&#27;[31mred&#x9b;0m b').text, 'ared›0m b');
		assert.equal(htmlToText('x&#27;]52;c;cm0gLXJmIH4=&#7;y').text, 'xy');
	});
});

describe('htmlToText: links', () => {
	it('resolves relative hrefs against the base and keeps the link text', () => {
		const {links} = htmlToText('<a href="/pubs/">Publications</a> <a href="slides.pdf">slides</a> <a href="https://github.com/x/y">code</a>', BASE);
		assert.deepEqual(links, [
			{url: 'https://me.example.org/pubs/', text: 'Publications'},
			{url: 'https://me.example.org/news/slides.pdf', text: 'slides'},
			{url: 'https://github.com/x/y', text: 'code'},
		]);
	});

	it('drops relative links without a base, and in-page anchors', () => {
		const {links} = htmlToText('<a href="/pubs/">rel</a> <a href="#top">top</a> <a href="">empty</a> <a href="https://a.org/">abs</a>');
		assert.deepEqual(links, [{url: 'https://a.org/', text: 'abs'}]);
	});

	it('drops javascript:, data:, file:, mailto: and other schemes, but keeps their text', () => {
		const html = '<p><a href="javascript:alert(1)">click</a> <a href=" JAVASCRIPT:alert(1)">again</a> <a href="data:text/html,x">data</a> <a href="file:///etc/passwd">file</a> <a href="mailto:a@b.c">mail</a> <a href="ftp://x.org/">ftp</a></p>';
		assert.deepEqual(htmlToText(html, BASE), {text: 'click again data file mail ftp', links: []});
	});

	it('deduplicates by URL: first position, first non-empty text', () => {
		const html = '<a href="https://a.org/x"><img src="logo.png"></a> <a href="https://a.org/x">A paper</a> <a href="https://a.org/x">again</a> <a href="https://b.org/">B</a>';
		assert.deepEqual(htmlToText(html).links, [
			{url: 'https://a.org/x', text: 'A paper'},
			{url: 'https://b.org/', text: 'B'},
		]);
	});

	it('collapses link text to one line, emoji alt included', () => {
		const html = '<a href="https://a.org/">  Personalized\n   Language <em>Modeling</em> <img class="emoji" alt="🎉"></a>';
		assert.deepEqual(htmlToText(html).links, [{url: 'https://a.org/', text: 'Personalized Language Modeling 🎉'}]);
	});

	it('expands composer-shortened link text to the full URL', () => {
		const html = '<p>Code: <a href="https://github.com/HumainLab/Personalized-RLHF">github.com/HumainLab/Pe...</a> now.</p>';
		assert.deepEqual(htmlToText(html), {
			text: 'Code: https://github.com/HumainLab/Personalized-RLHF now.',
			links: [{url: 'https://github.com/HumainLab/Personalized-RLHF', text: 'https://github.com/HumainLab/Personalized-RLHF'}],
		});
	});

	it('keeps disguised link text as written (flagging is the caller’s job)', () => {
		const {text, links} = htmlToText('<a href="https://evil.example/login">https://paypal.com/login</a>');
		assert.equal(text, 'https://paypal.com/login');
		assert.deepEqual(links, [{url: 'https://evil.example/login', text: 'https://paypal.com/login'}]);
	});

	it('finds bare URLs in text, without trailing punctuation', () => {
		const {text, links} = htmlToText('<p>Code at https://github.com/x/y. Slides (https://me.org/s.pdf), and http://a.org/p_(x).</p>');
		assert.equal(text, 'Code at https://github.com/x/y. Slides (https://me.org/s.pdf), and http://a.org/p_(x).');
		assert.deepEqual(links, [
			{url: 'https://github.com/x/y', text: 'https://github.com/x/y'},
			{url: 'https://me.org/s.pdf', text: 'https://me.org/s.pdf'},
			{url: 'http://a.org/p_(x)', text: 'http://a.org/p_(x)'},
		]);
	});

	it('keeps links in document order with anchors and bare URLs interleaved', () => {
		const {links} = htmlToText('<p>see https://one.org/ and <a href="https://two.org/">two</a> and https://two.org/</p>');
		assert.deepEqual(links, [
			{url: 'https://one.org/', text: 'https://one.org/'},
			{url: 'https://two.org/', text: 'two'},
		]);
	});

	it('ignores links in script, style and comments', () => {
		const {links} = htmlToText('<script>var u="https://s.org/"</script><!-- <a href="https://c.org/">c</a> --><style>@import "https://st.org/x.css";</style>');
		assert.deepEqual(links, []);
	});

	it('drops credentials from link URLs', () => {
		assert.deepEqual(htmlToText('<a href="https://paypal.com@evil.example/">x y</a>').links, [{url: 'https://evil.example/', text: 'x y'}]);
	});
});

describe('nodeToText', () => {
	const page = `<html><body>
		<h2 id="news">News</h2>
		<ul>
			<li><b>[05/2025]</b> Our paper <a href="https://arxiv.org/abs/2507.02834">P-RLHF</a> is accepted! <img class="emoji" alt="🎉"></li>
			<li><b>[04/2025]</b> Talk at <a href="/talks/x">the lab</a>.<script>track()</script></li>
		</ul></body></html>`;

	it('converts one element with the same semantics as htmlToText', () => {
		const $ = load(page);
		const first = nodeToText($, $('li').first(), 'https://me.org/');
		assert.deepEqual(first, {
			text: '[05/2025] Our paper P-RLHF is accepted! 🎉',
			links: [{url: 'https://arxiv.org/abs/2507.02834', text: 'P-RLHF'}],
		});
	});

	it('accepts a bare node, an array of nodes and a selection', () => {
		const $ = load(page);
		const li = $('li').toArray();
		const second = {text: '[04/2025] Talk at the lab.', links: [{url: 'https://me.org/talks/x', text: 'the lab'}]};
		assert.deepEqual(nodeToText($, li[1]!, 'https://me.org/'), second);
		assert.deepEqual(nodeToText($, [li[1]!], 'https://me.org/'), second);
		assert.deepEqual(nodeToText($, $('li'), 'https://me.org/').text, '[05/2025] Our paper P-RLHF is accepted! 🎉\n[04/2025] Talk at the lab.');
	});

	it('works on XML-mode documents with namespace prefixes', () => {
		const $ = load('<content xmlns:h="http://www.w3.org/1999/xhtml"><h:p>One <h:a href="x.html">link</h:a></h:p><h:p>Two</h:p></content>', {xml: true});
		assert.deepEqual(nodeToText($, $.root().children().first(), 'https://b.org/dir/'), {
			text: 'One link\n\nTwo',
			links: [{url: 'https://b.org/dir/x.html', text: 'link'}],
		});
	});
});

describe('linksInText', () => {
	it('finds http(s) URLs in plain text, deduplicated', () => {
		assert.deepEqual(linksInText('Slides: https://a.org/s.pdf\nCode (https://github.com/x/y). Again https://a.org/s.pdf, ftp://no.org/ javascript:alert(1)'), [
			{url: 'https://a.org/s.pdf', text: 'https://a.org/s.pdf'},
			{url: 'https://github.com/x/y', text: 'https://github.com/x/y'},
		]);
	});
	it('does not let control characters into URLs', () => {
		assert.deepEqual(linksInText('https://a.org/x\x1b[31m'), [{url: 'https://a.org/x', text: 'https://a.org/x'}]);
	});
});
