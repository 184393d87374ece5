import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {
	cleanInline,
	cleanText,
	isShortenedUrlText,
	linkTextMismatch,
	safeHttpUrl,
	truncateText,
	TRUNCATION_MARKER,
} from '../../src/parse/sanitize.js';

const ESC = '\x1b';
const BEL = '\x07';

describe('cleanText: terminal control sequences', () => {
	const cases: [string, string, string][] = [
		['CSI colour', `a${ESC}[31mred${ESC}[0m b`, 'ared b'],
		['CSI with intermediates and private params', `x${ESC}[?1049hy${ESC}[2 qz`, 'xyz'],
		['CSI cursor movement and erase', `a${ESC}[2J${ESC}[H${ESC}[10;20Hb`, 'ab'],
		['truncated CSI at the end', `abc${ESC}[31`, 'abc'],
		['OSC 0 window title, BEL-terminated', `a${ESC}]0;pwned${BEL}b`, 'ab'],
		['OSC 2 window title, ST-terminated', `a${ESC}]2;pwned${ESC}\\b`, 'ab'],
		['OSC 52 clipboard write', `safe${ESC}]52;c;cm0gLXJmIH4=${BEL} text`, 'safe text'],
		['OSC 8 hyperlink', `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`, 'click'],
		['OSC terminated by 8-bit ST', `a${ESC}]0;t\x9cb`, 'ab'],
		['unterminated OSC loses only its introducer', `a${ESC}]0;title`, 'a0;title'],
		['DCS string', `a${ESC}Pq#0;2;0;0;0${ESC}\\b`, 'ab'],
		['SOS, PM and APC strings', `a${ESC}Xsos${ESC}\\b${ESC}^pm${ESC}\\c${ESC}_apc${ESC}\\d`, 'abcd'],
		['two-character escapes', `a${ESC}7b${ESC}8c${ESC}cd${ESC}(Be${ESC}=f`, 'abcdef'],
		['lone ESC at the end', `abc${ESC}`, 'abc'],
		['8-bit CSI with parameters', 'a\x9b31mred\x9b0m', 'ared'],
		['8-bit OSC with payload', 'a\x9d52;c;eA==\x07b', 'ab'],
		['other C1 controls', 'a\x80b\x85c\x8ed\x9fe', 'abcde'],
		['C0 controls except tab and newline', 'a\x00b\x01c\x07d\x08e\x0bf\x0cg\x1fh\x7fi', 'abcdefghi'],
	];
	for (const [name, input, expected] of cases) {
		it(name, () => assert.equal(cleanText(input), expected));
	}

	it('keeps tab and newline', () => {
		assert.equal(cleanText('a\tb\nc'), 'a\tb\nc');
	});

	it('turns CRLF and lone CR into LF', () => {
		assert.equal(cleanText('a\r\nb\rc\r\r\nd'), 'a\nb\nc\n\nd');
	});

	it('turns U+2028/U+2029 into LF and NBSP into a space', () => {
		assert.equal(cleanText('a\u2028b\u2029c\u00a0d'), 'a\nb\nc d');
	});
});

describe('cleanText: invisible and bidi characters', () => {
	it('removes bidi overrides, embeddings, isolates and marks', () => {
		assert.equal(cleanText('invoice\u202Efdp.exe'), 'invoicefdp.exe');
		assert.equal(cleanText('a\u202Ab\u202Bc\u202Cd\u202De'), 'abcde');
		assert.equal(cleanText('a\u2066b\u2067c\u2068d\u2069e'), 'abcde');
		assert.equal(cleanText('a\u200Eb\u200Fc\u061Cd'), 'abcd');
	});

	it('removes zero-width tricks', () => {
		assert.equal(cleanText('pay\u200Bpal'), 'paypal');
		assert.equal(cleanText('a\u200Cb\u2060c\uFEFFd\u180Ee'), 'abcde');
		assert.equal(cleanText('f\u2061(x)\u2062y\u2063z\u2064w'), 'f(x)yzw');
	});

	it('keeps ZWJ inside emoji sequences', () => {
		for (const emoji of ['👨\u200D👩\u200D👧', '👩🏽\u200D💻', '🏳\uFE0F\u200D🌈', '🧑\u200D🤝\u200D🧑']) {
			assert.equal(cleanText(emoji), emoji);
			assert.equal(cleanText(`family: ${emoji}!`), `family: ${emoji}!`);
		}
	});

	it('removes ZWJ that does not join two emoji', () => {
		assert.equal(cleanText('a\u200Db'), 'ab');
		assert.equal(cleanText('👨\u200Db'), '👨b');
		assert.equal(cleanText('a\u200D👩'), 'a👩');
		assert.equal(cleanText('\u200D'), '');
		assert.equal(cleanText('👨\u200B\u200D👩'), '👨👩');
	});

	it('removes Unicode tag characters (hidden text) but keeps subdivision flags', () => {
		const scotland = '🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
		assert.equal(cleanText(scotland), scotland);
		assert.equal(cleanText('hi\u{E0049}\u{E0067}\u{E006E}\u{E006F}\u{E0072}\u{E0065}'), 'hi');
	});

	it('removes unpaired surrogates, keeps pairs', () => {
		assert.equal(cleanText('a\uD800b\uDC00c'), 'abc');
		assert.equal(cleanText('a😀b'), 'a😀b');
	});

	it('leaves ordinary text, CJK, accents and emoji alone (same string)', () => {
		const s = 'Liu Wei 刘威 — café, naïve 🎉 ✨\n\tindent  two spaces';
		assert.equal(cleanText(s), s);
	});
});

describe('cleanText: properties', () => {
	const nasty = [
		`a${ESC}${ESC}[31mb`,
		`x${ESC}\x00[31my`,
		'\r\x00\n',
		`${ESC}]0;${ESC}]0;t${BEL}${BEL}`,
		'👨\u200D\u200D👩',
		'a\u009b\u009b31mb',
		`${ESC}[${ESC}]52;c;x${BEL}m`,
		'🏴\u200B\u{E0067}\u{E007F}',
		`a${ESC}P${ESC}\\${ESC}\\b`,
	];
	it('is idempotent', () => {
		for (const s of nasty) {
			const once = cleanText(s);
			assert.equal(cleanText(once), once, JSON.stringify(s));
		}
	});

	it('never leaves ESC, C0 (except \\t \\n) or C1 controls', () => {
		for (const s of nasty) {
			assert.doesNotMatch(cleanText(s), /[\x00-\x08\x0b-\x1f\x7f-\x9f]/, JSON.stringify(s));
		}
	});

	it('is fast on large input (linear, no pathological backtracking)', () => {
		const big = `word ${ESC}[1mbold${ESC}[0m \u200B\u00a0`.repeat(50_000);
		const unterminated = `${ESC}]`.repeat(200_000) + `${ESC}P` + 'x'.repeat(1_000_000);
		const start = performance.now();
		const out = cleanText(big);
		cleanText(unterminated);
		assert.ok(performance.now() - start < 2000);
		assert.equal(out, 'word bold  '.repeat(50_000));
	});
});

describe('cleanInline', () => {
	it('collapses whitespace runs, newlines and tabs, and trims', () => {
		assert.equal(cleanInline('  Title\n\n  with\t\tgaps\u00a0 '), 'Title with gaps');
	});
	it('cleans before collapsing', () => {
		assert.equal(cleanInline(`a ${ESC}[31m\u200B b`), 'a b');
	});
});

describe('truncateText', () => {
	it('returns text that fits unchanged', () => {
		assert.equal(truncateText('hello', 5), 'hello');
		assert.equal(truncateText('', 0), '');
	});
	it('cuts and appends the default marker', () => {
		assert.equal(truncateText('hello world', 5), `hello${TRUNCATION_MARKER}`);
		assert.equal(TRUNCATION_MARKER, '… [truncated]');
	});
	it('trims whitespace before the marker', () => {
		assert.equal(truncateText('hello world', 6), `hello${TRUNCATION_MARKER}`);
	});
	it('never splits a surrogate pair', () => {
		// 'ab😀' is 4 UTF-16 units; cutting at 3 would split the emoji.
		assert.equal(truncateText('ab😀cd', 3, '…'), 'ab…');
		assert.equal(truncateText('ab😀cd', 4, '…'), 'ab😀…');
		for (let n = 0; n < 12; n++) {
			assert.doesNotMatch(truncateText('😀😀😀😀😀😀', n, ''), /[\uD800-\uDBFF]$/);
		}
	});
	it('takes a custom marker', () => {
		assert.equal(truncateText('abcdef', 3, ' [+]'), 'abc [+]');
	});
});

describe('safeHttpUrl', () => {
	it('accepts http and https, normalised', () => {
		assert.equal(safeHttpUrl('https://Example.COM/ab'), 'https://example.com/ab');
		assert.equal(safeHttpUrl('http://example.com'), 'http://example.com/');
		assert.equal(safeHttpUrl('  https://example.com/x?y=1#z  '), 'https://example.com/x?y=1#z');
	});
	it('resolves relative URLs against the base', () => {
		assert.equal(safeHttpUrl('/code/', 'https://leqi.example.org/feed.xml'), 'https://leqi.example.org/code/');
		assert.equal(safeHttpUrl('img/x.png', 'https://a.org/posts/p/'), 'https://a.org/posts/p/img/x.png');
		assert.equal(safeHttpUrl('//cdn.example/x', 'https://a.org/'), 'https://cdn.example/x');
		assert.equal(safeHttpUrl('../up', 'https://a.org/b/c/'), 'https://a.org/b/up');
	});
	it('ignores a bad base for an absolute URL, rejects relative without a usable base', () => {
		assert.equal(safeHttpUrl('https://a.org/', 'not a base'), 'https://a.org/');
		assert.equal(safeHttpUrl('/x'), null);
		assert.equal(safeHttpUrl('/x', 'not a base'), null);
	});
	it('rejects other schemes', () => {
		for (const bad of [
			'javascript:alert(1)',
			'JaVaScRiPt:alert(1)',
			'  javascript:alert(1)',
			'data:text/html,<script>alert(1)</script>',
			'file:///etc/passwd',
			'mailto:a@b.c',
			'ftp://example.com/',
			'vbscript:x',
			'chrome://settings',
			'tel:+123',
		]) {
			assert.equal(safeHttpUrl(bad), null, bad);
			assert.equal(safeHttpUrl(bad, 'https://a.org/'), null, bad);
		}
	});
	it('rejects a relative URL that resolves to another scheme', () => {
		assert.equal(safeHttpUrl('x', 'file:///home/'), null);
	});
	it('rejects whitespace and control characters inside', () => {
		for (const bad of ['https://a.org/a b', 'https://a.org/\x1b[31m', 'https://a.org/\u202Efdp', 'https://a\u200B.org/', 'https://a.org/\nx', 'java\tscript:alert(1)']) {
			assert.equal(safeHttpUrl(bad), null, JSON.stringify(bad));
		}
	});
	it('rejects empty, unparseable and oversized input', () => {
		assert.equal(safeHttpUrl(''), null);
		assert.equal(safeHttpUrl('   '), null);
		assert.equal(safeHttpUrl('https://'), null);
		assert.equal(safeHttpUrl('http://[::1'), null);
		assert.equal(safeHttpUrl('https://a.org/' + 'x'.repeat(10_000)), null);
	});
	it('drops credentials that disguise the host', () => {
		assert.equal(safeHttpUrl('https://paypal.com@evil.example/login'), 'https://evil.example/login');
		assert.equal(safeHttpUrl('https://user:pw@a.org/'), 'https://a.org/');
	});
	it('returns punycode for IDN hosts', () => {
		assert.equal(safeHttpUrl('https://pаypal.com/'), 'https://xn--pypal-4ve.com/');
	});
});

describe('linkTextMismatch', () => {
	it('flags text naming another host', () => {
		assert.equal(linkTextMismatch('https://paypal.com', 'https://evil.example/'), true);
		assert.equal(linkTextMismatch('paypal.com', 'https://evil.example/'), true);
		assert.equal(linkTextMismatch('github.com/openai/gpt', 'https://evil.example/github'), true);
		assert.equal(linkTextMismatch('www.paypal.com/login', 'https://paypal.com.evil.example/'), true);
		assert.equal(linkTextMismatch('arxiv.org/abs/2507.02834', 'https://arxiv-org.example/'), true);
	});
	it('flags a homograph (Cyrillic а) naming a different host', () => {
		assert.equal(linkTextMismatch('pаypal.com', 'https://paypal.com/'), true);
	});
	it('does not flag the same host, www. either side, or a subdomain of the named host', () => {
		assert.equal(linkTextMismatch('https://paypal.com', 'https://paypal.com/x'), false);
		assert.equal(linkTextMismatch('www.paypal.com', 'https://paypal.com/'), false);
		assert.equal(linkTextMismatch('paypal.com', 'https://www.paypal.com/'), false);
		assert.equal(linkTextMismatch('github.com', 'https://gist.github.com/x'), false);
		assert.equal(linkTextMismatch('GitHub.com/x', 'https://github.com/x'), false);
	});
	it('does not flag composer-shortened text pointing to the same host', () => {
		assert.equal(linkTextMismatch('github.com/HumainLab/Pe...', 'https://github.com/HumainLab/Personalized-RLHF'), false);
		assert.equal(linkTextMismatch('arxiv.org/abs/2402.0513…', 'https://arxiv.org/abs/2402.05133'), false);
	});
	it('does not flag ordinary text', () => {
		for (const text of ['Paper', 'our code', 'Node.js', 'README.md', 'setup.py', 'e.g.', 'Fig. 1', 'v1.2', 'arXiv:2507.02834', '', 'click here: paypal.com']) {
			assert.equal(linkTextMismatch(text, 'https://evil.example/'), false, text);
		}
	});
	it('flags a hostname text when the target is not a URL at all', () => {
		assert.equal(linkTextMismatch('paypal.com', 'not a url'), true);
	});
});

describe('isShortenedUrlText', () => {
	it('recognises composer-shortened URLs', () => {
		assert.equal(isShortenedUrlText('github.com/HumainLab/Pe...', 'https://github.com/HumainLab/Personalized-RLHF'), true);
		assert.equal(isShortenedUrlText('www.example.com/a/very/lo…', 'https://example.com/a/very/long/path'), true);
		assert.equal(isShortenedUrlText('https://example.com/caf…', 'https://example.com/caf%C3%A9'), true);
	});
	it('rejects other texts', () => {
		assert.equal(isShortenedUrlText('github.com/HumainLab/Pe', 'https://github.com/HumainLab/Personalized-RLHF'), false);
		assert.equal(isShortenedUrlText('github.com/Other/Pe...', 'https://github.com/HumainLab/Personalized-RLHF'), false);
		assert.equal(isShortenedUrlText('Read more...', 'https://example.com/read-more'), false);
		assert.equal(isShortenedUrlText('...', 'https://example.com/'), false);
	});
});
