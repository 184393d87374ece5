import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import {charsetFromContentType, decodeHomepage} from '../../../src/parse/homepage/decode.js';
import {extractHomepage} from '../../../src/parse/homepage/index.js';

const CHINESE_BODY =
	'<h2>新闻</h2><ul><li>2025年3月5日：我们的论文被 ICML 2025 接收！</li>' +
	'<li>2024年12月：我加入了香港科技大学自然语言处理实验室，担任博士研究生。</li>' +
	'<li>2024年9月：欢迎访问我们的项目主页，了解更多关于大语言模型推理的研究。</li></ul>';
const JAPANESE_BODY =
	'<h2>ニュース</h2><ul><li>2025年3月5日 論文が ACL 2025 に採択されました。</li>' +
	'<li>2024年12月 東京大学で招待講演を行いました。</li></ul>';

function page(head: string, body: string): string {
	return `<!DOCTYPE html><html><head>${head}<title>主页</title></head><body>${body}</body></html>`;
}

describe('decodeHomepage: declared charsets', () => {
	it('uses the HTTP header charset (GBK)', () => {
		const bytes = iconv.encode(page('', CHINESE_BODY), 'gbk');
		const {text, charset} = decodeHomepage(bytes, 'text/html; charset=GBK');
		assert.equal(charset, 'gbk');
		assert.ok(text.includes('我们的论文被 ICML 2025 接收'));
	});

	it('uses <meta charset> when the header has none', () => {
		const bytes = iconv.encode(page('<meta charset="gb2312">', CHINESE_BODY), 'gbk');
		const {text, charset} = decodeHomepage(bytes, 'text/html');
		assert.equal(charset, 'gbk');
		assert.ok(text.includes('香港科技大学'));
	});

	it('uses http-equiv Content-Type (Shift_JIS)', () => {
		const html = page('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">', JAPANESE_BODY);
		const {text, charset} = decodeHomepage(iconv.encode(html, 'shift_jis'), undefined);
		assert.equal(charset, 'shift_jis');
		assert.ok(text.includes('論文が ACL 2025 に採択されました'));
	});

	it('lets the HTTP header win over a contradicting <meta>', () => {
		const bytes = Buffer.from(page('<meta charset="gbk">', '<p>刘威 — naïve</p>'), 'utf8');
		assert.equal(decodeHomepage(bytes, 'text/html; charset=utf-8').text.includes('刘威 — naïve'), true);
	});

	it('honours a UTF-8 BOM and drops it', () => {
		const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>café</p>', 'utf8')]);
		const {text, charset} = decodeHomepage(bytes, 'text/html; charset=iso-8859-1');
		assert.equal(charset, 'utf-8');
		assert.equal(text, '<p>café</p>');
	});

	it('reads real Latin-1 as Latin-1', () => {
		const bytes = iconv.encode('<p>café naïve</p>', 'latin1');
		assert.equal(decodeHomepage(bytes, 'text/html; charset=ISO-8859-1').text, '<p>café naïve</p>');
	});

	it('does not create mojibake when a server claims Latin-1 for UTF-8 bytes', () => {
		const bytes = Buffer.from('<p>刘威 – Göttingen</p>', 'utf8');
		const {text, charset} = decodeHomepage(bytes, 'text/html; charset=ISO-8859-1');
		assert.equal(charset, 'utf-8');
		assert.equal(text, '<p>刘威 – Göttingen</p>');
	});
});

describe('decodeHomepage: sniffing and broken bytes', () => {
	it('sniffs an undeclared GBK page', () => {
		const bytes = iconv.encode(page('', CHINESE_BODY), 'gbk');
		const {text, charset} = decodeHomepage(bytes, undefined);
		assert.equal(charset, 'gb18030');
		assert.ok(text.includes('我加入了香港科技大学自然语言处理实验室'));
	});

	it('takes undeclared valid UTF-8 as UTF-8', () => {
		const bytes = Buffer.from('<p>Tübingen 🎉</p>', 'utf8');
		assert.deepEqual(decodeHomepage(bytes, undefined), {text: '<p>Tübingen 🎉</p>', charset: 'utf-8'});
	});

	it('decodes a UTF-8 page with stray GBK bytes with replacement characters (jemdoc footer)', () => {
		const html = Buffer.concat([
			Buffer.from(page('<meta http-equiv="Content-Type" content="text/html;charset=utf-8" />', '<h2>News</h2><ul><li><p>[Dec 2021] Passed my qualifying exam.</p></li></ul>'), 'utf8'),
			Buffer.from('<div id="footer">Page generated 2022-01-18 18:23:35 ', 'utf8'),
			iconv.encode('太平洋标准时间', 'gbk'),
			Buffer.from(', by jemdoc.</div>', 'utf8'),
		]);
		const {text, charset} = decodeHomepage(html, 'text/html');
		assert.equal(charset, 'utf-8');
		assert.ok(text.includes('\ufffd'));
		const x = extractHomepage({text, url: 'https://example.github.io/'});
		assert.equal(x.news.length, 1);
		assert.equal(x.news[0]!.text, 'Passed my qualifying exam.');
	});

	it('leaves mojibake that is already in the source alone', () => {
		const src = '# News\n- \\[05/2025\\] Hi, I am Wei Liu (ÂàòÂ®Å)\n';
		assert.equal(decodeHomepage(Buffer.from(src, 'utf8'), 'text/plain; charset=utf-8').text, src);
	});

	it('parses Content-Type parameters', () => {
		assert.equal(charsetFromContentType('text/html; charset="Shift_JIS"'), 'Shift_JIS');
		assert.equal(charsetFromContentType('text/html;charset=gbk;foo=bar'), 'gbk');
		assert.equal(charsetFromContentType('text/html'), undefined);
		assert.equal(charsetFromContentType(undefined), undefined);
	});

	it('ignores an unknown header label and falls back to the <meta>', () => {
		const bytes = iconv.encode(page('<meta charset="gbk">', CHINESE_BODY), 'gbk');
		assert.equal(decodeHomepage(bytes, 'text/html; charset=no-such-thing').charset, 'gbk');
	});
});

describe('decoded pages extract the right text', () => {
	it('GBK page: Chinese news heading and dates', () => {
		const {text} = decodeHomepage(iconv.encode(page('<meta charset="gbk">', CHINESE_BODY), 'gbk'), 'text/html');
		const x = extractHomepage({text, url: 'https://lab.example.cn/~wei/'});
		assert.deepEqual(
			x.news.map(e => [e.date, e.precision, e.text]),
			[
				['2025-03-05T00:00:00.000Z', 'day', '我们的论文被 ICML 2025 接收！'],
				['2024-12-01T00:00:00.000Z', 'month', '我加入了香港科技大学自然语言处理实验室，担任博士研究生。'],
				['2024-09-01T00:00:00.000Z', 'month', '欢迎访问我们的项目主页，了解更多关于大语言模型推理的研究。'],
			],
		);
	});

	it('Shift_JIS page: Japanese news heading and dates', () => {
		const html = page('<meta charset="Shift_JIS">', JAPANESE_BODY);
		const {text} = decodeHomepage(iconv.encode(html, 'shift_jis'), 'text/html');
		const x = extractHomepage({text, url: 'https://lab.example.jp/'});
		assert.deepEqual(
			x.news.map(e => [e.dateText, e.text]),
			[
				['2025年3月5日', '論文が ACL 2025 に採択されました。'],
				['2024年12月', '東京大学で招待講演を行いました。'],
			],
		);
	});
});
