import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {FeedParseError, MAX_ENTRY_TEXT, parseFeed} from '../../src/parse/feed.js';
import type {FeedEntry} from '../../src/parse/feed.js';

const NOW = new Date('2025-08-01T00:00:00.000Z');
const LATER = new Date('2025-09-15T12:00:00.000Z');

function fixture(name: string): string {
	return readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');
}

function rss(items: string, channelExtra = ''): string {
	return `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>t</title><link>https://site.example/</link>${channelExtra}${items}</channel></rss>`;
}

function atom(entries: string): string {
	return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id>${entries}</feed>`;
}

async function rejectsWith(body: string, pattern: RegExp, contentType?: string): Promise<void> {
	await assert.rejects(parseFeed(body, {url: 'https://f.example/feed', now: NOW, contentType}), (err: unknown) => {
		assert.ok(err instanceof FeedParseError, String(err));
		assert.ok(err instanceof Error);
		assert.match(err.message, /^not a valid RSS\/Atom\/JSON feed: /);
		assert.match(err.message, pattern);
		assert.doesNotMatch(err.message, /\n|\x1b| {4}at /);
		assert.ok(err.message.length <= 250, err.message);
		return true;
	});
}

describe('parseFeed: RSS 2.0', () => {
	it('reads the fixture: guid/link identity, dates, summary text, links and papers', async () => {
		const entries = await parseFeed(fixture('rss2.xml'), {url: 'https://leqi.example.org/feed.xml', now: NOW});
		const expected: FeedEntry[] = [
			{
				key: 'https://leqi.example.org/posts/p-rlhf/',
				title: 'Personalized RLHF, explained',
				date: '2025-07-22T17:09:02.000Z',
				datePrecision: 'instant',
				text: 'A short summary of Personalized Language Modeling from Personalized Human Feedback.',
				url: 'https://leqi.example.org/posts/p-rlhf/',
				links: [
					{url: 'https://leqi.example.org/posts/p-rlhf/', text: 'Personalized RLHF, explained'},
					{url: 'https://arxiv.org/abs/2402.05133v2', text: 'Personalized Language Modeling from Personalized Human Feedback'},
					// content:encoded links count too; relative ones resolve against the entry link
					{url: 'https://leqi.example.org/code/', text: 'our code'},
					{url: 'https://doi.org/10.1145/3397271.3401075', text: 'the SIGIR paper'},
				],
				papers: [
					{id: 'arxiv:2402.05133', url: 'https://arxiv.org/abs/2402.05133', title: 'Personalized Language Modeling from Personalized Human Feedback'},
					{id: 'doi:10.1145/3397271.3401075', url: 'https://doi.org/10.1145/3397271.3401075', title: 'the SIGIR paper'},
					{id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: null},
				],
			},
			{
				key: 'https://leqi.example.org/posts/second/',
				title: 'Tom & Jerry <3 — a title with entities',
				date: '2025-06-02T09:00:00.000Z',
				datePrecision: 'instant',
				text: 'Plain description without markup',
				url: 'https://leqi.example.org/posts/second/',
				links: [{url: 'https://leqi.example.org/posts/second/', text: 'Tom & Jerry <3 — a title with entities'}],
				papers: [],
			},
			{
				key: 'tag:leqi.example.org,2025:third',
				title: 'Third',
				date: '2025-05-01T12:00:00.000Z',
				datePrecision: 'instant',
				text: 'Relative image link',
				// no link, guid is not a URL: the channel's site link
				url: 'https://leqi.example.org/',
				links: [{url: 'https://leqi.example.org/img/x.png', text: 'image'}],
				papers: [],
			},
		];
		assert.deepEqual(entries, expected);
	});

	it('prefers the guid over the link as key, and uses a permalink guid as URL when there is no link', async () => {
		const entries = await parseFeed(
			rss(`<item><guid isPermaLink="false">post-17</guid><link>https://site.example/p/17</link><title>A</title></item>
				<item><guid>https://site.example/p/18</guid><title>B</title></item>`),
			{url: 'https://site.example/rss', now: NOW},
		);
		assert.deepEqual(entries.map(e => [e.key, e.url]), [
			['post-17', 'https://site.example/p/17'],
			['https://site.example/p/18', 'https://site.example/p/18'],
		]);
	});

	it('reads dc:date, HTML entities outside CDATA, a BOM and an rss element without version', async () => {
		const body = '\ufeff' + rss('<item><title>caf&eacute;&nbsp;talk</title><link>https://site.example/t</link><dc:date>2025-03-04T05:06:07Z</dc:date><description>&lt;p&gt;x&amp;nbsp;y&lt;/p&gt;</description></item>').replace(' version="2.0"', '');
		const [entry] = await parseFeed(body, {url: 'https://site.example/rss', now: NOW});
		assert.equal(entry?.title, 'café talk');
		assert.equal(entry?.date, '2025-03-04T05:06:07.000Z');
		assert.equal(entry?.datePrecision, 'instant');
		assert.equal(entry?.text, 'x y');
	});

	it('falls back to the feed URL when the channel link is not http(s)', async () => {
		const body = rss('<item><guid>x</guid></item>').replace('<link>https://site.example/</link>', '<link>javascript:alert(1)</link>');
		assert.equal((await parseFeed(body, {url: 'https://site.example/rss', now: NOW}))[0]?.url, 'https://site.example/rss');
	});

	it('returns [] for a channel without items', async () => {
		assert.deepEqual(await parseFeed(rss(''), {url: 'https://site.example/rss', now: NOW}), []);
	});

	it('keeps keys stable across refreshes', async () => {
		const a = await parseFeed(fixture('rss2.xml'), {url: 'https://leqi.example.org/feed.xml', now: NOW});
		const b = await parseFeed(fixture('rss2.xml'), {url: 'https://leqi.example.org/feed.xml', now: LATER});
		assert.deepEqual(a.map(e => e.key), b.map(e => e.key));
	});
});

describe('parseFeed: RSS 1.0 (RDF)', () => {
	it('reads the fixture: rdf:about identity, dc:date, entry link as the paper', async () => {
		const entries = await parseFeed(fixture('rss1.rdf'), {url: 'https://lab.example.edu/news.rdf', now: NOW});
		assert.deepEqual(entries, [
			{
				key: 'https://lab.example.edu/news/1',
				title: 'Paper accepted at EMNLP',
				date: '2023-10-20T06:30:00.000Z',
				datePrecision: 'instant',
				text: 'Our paper [PDF] is out.',
				url: 'https://lab.example.edu/news/1',
				links: [
					{url: 'https://lab.example.edu/news/1', text: 'Paper accepted at EMNLP'},
					{url: 'https://aclanthology.org/2023.emnlp-main.467.pdf', text: '[PDF]'},
				],
				// "[PDF]" is not a title
				papers: [{id: 'acl:2023.emnlp-main.467', url: 'https://aclanthology.org/2023.emnlp-main.467/', title: null}],
			},
			{
				key: 'urn:lab:news:2',
				title: 'OpenReview discussion',
				date: '2024-01-15T00:00:00.000Z',
				datePrecision: 'instant',
				text: 'Reviews are public.',
				url: 'https://openreview.net/forum?id=AbC123xyz',
				links: [{url: 'https://openreview.net/forum?id=AbC123xyz', text: 'OpenReview discussion'}],
				// the entry link itself is the paper: the entry title is its title
				papers: [{id: 'openreview:AbC123xyz', url: 'https://openreview.net/forum?id=AbC123xyz', title: 'OpenReview discussion'}],
			},
		]);
	});
});

describe('parseFeed: Atom', () => {
	it('reads the fixture: xhtml content in order, xml:base, html and text constructs', async () => {
		const entries = await parseFeed(fixture('atom-xhtml.xml'), {url: 'https://wei.example.net/atom.xml', now: NOW});
		assert.deepEqual(entries, [
			{
				key: 'tag:wei.example.net,2025:mixed',
				title: 'Mixed content title',
				date: '2025-06-30T14:00:00.000Z', // published wins over updated
				datePrecision: 'instant',
				text: 'Hello our new preprint world, and a figure.\n\nSecond paragraph with bold text.',
				url: 'https://wei.example.net/posts/mixed/',
				links: [
					{url: 'https://wei.example.net/posts/mixed/', text: 'Mixed content title'},
					{url: 'https://example.com/related', text: ''},
					{url: 'https://arxiv.org/pdf/2507.02834v1.pdf', text: 'our new preprint'},
					{url: 'https://wei.example.net/posts/mixed/fig.png', text: 'a figure'},
				],
				papers: [{id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: null}],
			},
			{
				key: 'tag:wei.example.net,2025:html',
				title: 'HTML title & more',
				date: '2025-05-05T05:05:05.000Z',
				datePrecision: 'instant',
				text: 'Summary with KDD paper', // summary before content
				url: 'https://wei.example.net/posts/html/',
				links: [
					{url: 'https://wei.example.net/posts/html/', text: 'HTML title & more'},
					{url: 'https://dl.acm.org/doi/abs/10.1145/3580305.3599572', text: 'KDD paper'},
					{url: 'https://openreview.net/pdf?id=XyZ987', text: 'OpenReview PDF'},
				],
				papers: [
					{id: 'doi:10.1145/3580305.3599572', url: 'https://doi.org/10.1145/3580305.3599572', title: 'KDD paper'},
					{id: 'openreview:XyZ987', url: 'https://openreview.net/forum?id=XyZ987', title: null},
				],
			},
			{
				key: 'https://wei.example.net/posts/plain/',
				title: 'Plain text title',
				date: '2025-04-01T00:00:00.000Z',
				datePrecision: 'instant',
				text: 'Line one\nLine <two> with https://github.com/wei/repo.',
				url: 'https://wei.example.net/posts/plain/', // the id is a URL
				links: [{url: 'https://github.com/wei/repo', text: 'https://github.com/wei/repo'}],
				papers: [],
			},
		]);
	});

	it('returns [] for an empty Jekyll feed', async () => {
		assert.deepEqual(await parseFeed(fixture('jekyll-empty.xml'), {url: 'https://someone.github.io/feed.xml', now: NOW}), []);
	});

	it('survives a bad date and a link without attributes (rss-parser alone would reject the feed)', async () => {
		const entries = await parseFeed(
			atom(`<entry><id>a</id><title>A</title><link>https://x.example/a</link><published>not a date</published><updated>2025-02-03T04:05:06Z</updated></entry>
				<entry><id>b</id><title>B</title><link rel="alternate" href="/b"/><published>garbage</published></entry>`),
			{url: 'https://x.example/feed', now: NOW},
		);
		assert.deepEqual(entries.map(e => [e.key, e.url, e.date, e.datePrecision]), [
			['a', 'https://x.example/feed', '2025-02-03T04:05:06.000Z', 'instant'],
			['b', 'https://x.example/b', NOW.toISOString(), 'seen'],
		]);
	});

	it('uses content when there is no summary, and ignores non-text content', async () => {
		const entries = await parseFeed(
			atom(`<entry><id>a</id><content type="html">&lt;p&gt;Only &lt;i&gt;content&lt;/i&gt;&lt;/p&gt;</content></entry>
				<entry><id>b</id><content type="image/png">iVBORw0KGgo=</content></entry>
				<entry><id>c</id><content src="https://x.example/c.html"/></entry>`),
			{url: 'https://x.example/feed', now: NOW},
		);
		assert.deepEqual(entries.map(e => [e.text, e.links.map(l => l.url)]), [
			['Only content', []],
			['', []],
			['', ['https://x.example/c.html']],
		]);
	});

	it('does not take a type="text" title with angle brackets for HTML', async () => {
		const [entry] = await parseFeed(atom('<entry><id>a</id><title>Why x&lt;y and &lt;T&gt; matter</title></entry>'), {url: 'https://x.example/feed', now: NOW});
		assert.equal(entry?.title, 'Why x<y and <T> matter');
	});
});

describe('parseFeed: JSON Feed', () => {
	it('reads the fixture, skipping invalid items and wrong-typed fields', async () => {
		const entries = await parseFeed(fixture('jsonfeed.json'), {url: 'https://ana.example.org/feed.json', contentType: 'application/feed+json', now: NOW});
		assert.deepEqual(entries, [
			{
				key: '2',
				title: 'New paper on reward models',
				date: '2025-07-10T08:00:00.000Z',
				datePrecision: 'instant',
				text: 'A new paper.',
				url: 'https://ana.example.org/2025/07/new-paper',
				links: [
					{url: 'https://ana.example.org/2025/07/new-paper', text: 'New paper on reward models'},
					{url: 'https://arxiv.org/abs/2507.02834', text: 'Reward models that listen'},
				],
				papers: [{id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: 'Reward models that listen'}],
			},
			{
				key: '1',
				title: 'Talk',
				date: '2025-06-01T00:00:00.000Z', // date_modified when there is no date_published
				datePrecision: 'instant',
				text: 'Slides: https://ana.example.org/slides.pdf\nPaper: doi:10.18653/v1/2023.emnlp-main.467',
				url: 'https://ana.example.org/2025/06/talk',
				links: [
					{url: 'https://ana.example.org/2025/06/talk', text: 'Talk'},
					{url: 'https://www.youtube.com/watch?v=abc', text: ''},
					{url: 'https://ana.example.org/slides.pdf', text: 'https://ana.example.org/slides.pdf'},
				],
				// an ACL Anthology DOI is the ACL paper
				papers: [{id: 'acl:2023.emnlp-main.467', url: 'https://aclanthology.org/2023.emnlp-main.467/', title: null}],
			},
			{
				key: '3',
				title: null,
				date: NOW.toISOString(),
				datePrecision: 'seen',
				text: '',
				url: 'https://ana.example.org/',
				links: [],
				papers: [],
			},
		]);
	});

	it('detects JSON by body or content type, accepts version 1.0, and tolerates missing items', async () => {
		const v1 = JSON.stringify({version: 'https://jsonfeed.org/version/1', items: [{id: 'x', content_text: 'hi', url: 'https://a.org/x'}]});
		assert.deepEqual((await parseFeed(`  \n${v1}`, {url: 'https://a.org/feed', now: NOW})).map(e => [e.key, e.text]), [['x', 'hi']]);
		assert.deepEqual(await parseFeed(JSON.stringify({version: 'https://jsonfeed.org/version/1.1', title: 'empty'}), {url: 'https://a.org/feed', contentType: 'application/json', now: NOW}), []);
	});

	it('rejects malformed JSON and JSON that is not a JSON Feed', async () => {
		await rejectsWith('{"version": "https://jsonfeed.org/version/1.1", "items": [', /malformed JSON/);
		await rejectsWith('{"version": "2.0", "items": []}', /jsonfeed\.org version/);
		await rejectsWith('{"items": []}', /jsonfeed\.org version/);
		await rejectsWith('{"version": "https://jsonfeed.org/version/1.1", "items": {"a": 1}}', /items is not an array/);
		await rejectsWith('[1, 2]', /neither XML nor JSON|not an object/, 'application/json');
		await rejectsWith('null', /not an object/, 'application/feed+json');
	});

	it('cleans hostile JSON strings', async () => {
		const body = JSON.stringify({
			version: 'https://jsonfeed.org/version/1.1',
			items: [{id: 'h\x1b[2J', title: 'T\x1b]0;owned\x07itle\u202e', content_text: 'a\x1b]52;c;eA==\x07b\u200bc', url: 'javascript:alert(1)', external_url: 'data:text/html,x'}],
		});
		const [entry] = await parseFeed(body, {url: 'https://a.org/feed.json', now: NOW});
		assert.deepEqual(entry && [entry.key, entry.title, entry.text, entry.url, entry.links], ['h', 'Title', 'abc', 'https://a.org/feed.json', []]);
	});
});

describe('parseFeed: dates', () => {
	it('uses now with precision seen when the feed gives no usable date (none, garbage, 1970, far future)', async () => {
		const entries = await parseFeed(fixture('no-dates.xml'), {url: 'https://undated.example.org/rss', now: NOW});
		assert.equal(entries.length, 5);
		for (const e of entries) {
			assert.equal(e.date, NOW.toISOString(), e.title ?? '');
			assert.equal(e.datePrecision, 'seen', e.title ?? '');
		}
	});

	it('hashes title+date+text for an entry with neither guid nor link, stable across refreshes', async () => {
		const a = await parseFeed(fixture('no-dates.xml'), {url: 'https://undated.example.org/rss', now: NOW});
		const b = await parseFeed(fixture('no-dates.xml'), {url: 'https://undated.example.org/rss', now: LATER});
		assert.equal(a[4]?.title, 'Anonymous');
		assert.match(a[4].key, /^sha1:[0-9a-f]{40}$/);
		assert.equal(a[4].key, b[4]!.key);
		assert.equal(a[4].url, 'https://undated.example.org/');
		assert.deepEqual(a.slice(0, 4).map(e => e.key), ['a', 'b', 'c', 'd'].map(x => `https://undated.example.org/${x}`));
		// a different text is a different entry
		const other = await parseFeed(rss('<item><title>Anonymous</title><description>Something else.</description></item>'), {url: 'https://undated.example.org/rss', now: NOW});
		assert.notEqual(other[0]!.key, a[4].key);
	});

	it('accepts RFC 822 dates with named zones and ISO dates without time', async () => {
		const entries = await parseFeed(
			rss('<item><guid>1</guid><pubDate>Tue, 01 Jul 2025 10:00:00 EST</pubDate></item><item><guid>2</guid><pubDate>2025-07-02</pubDate></item>'),
			{url: 'https://site.example/rss', now: NOW},
		);
		assert.deepEqual(entries.map(e => e.date), ['2025-07-01T15:00:00.000Z', '2025-07-02T00:00:00.000Z']);
	});
});

describe('parseFeed: hostile content', () => {
	it('strips escapes, bidi, scripts and non-http links; keeps disguised links for flagging', async () => {
		const entries = await parseFeed(fixture('hostile.xml'), {url: 'https://hostile.example/rss', now: NOW});
		assert.deepEqual(entries, [
			{
				key: 'hostile-1',
				title: 'Innocent red gnp.exe',
				date: '2025-07-02T10:00:00.000Z',
				datePrecision: 'instant',
				text: 'Hello world\n\nClipboard gone, 8-bit CSI gone, paypal, bell.\n\nclick data file mail https://paypal.com/login',
				url: 'https://hostile.example/', // the javascript: link is dropped
				links: [{url: 'https://evil.example/login', text: 'https://paypal.com/login'}],
				papers: [],
			},
		]);
		const all = JSON.stringify(entries);
		assert.doesNotMatch(all, /\\u001b|\\u0007|\u009b|\u202e|\u200b|javascript:|data:|file:|mailto:|alert|color:red|enable js|frame/);
	});

	it('cuts oversized text with a marker, on a code-point boundary', async () => {
		const long = '😀'.repeat(15_000); // 30,000 UTF-16 units
		const [entry] = await parseFeed(rss(`<item><guid>big</guid><description>${long}</description></item>`), {url: 'https://site.example/rss', now: NOW});
		assert.ok(entry!.text.endsWith('… [truncated]'));
		assert.ok(entry!.text.length <= MAX_ENTRY_TEXT + '… [truncated]'.length);
		assert.equal(entry!.text.slice(0, -'… [truncated]'.length), '😀'.repeat(MAX_ENTRY_TEXT / 2));
	});

	it('caps the number of entries', async () => {
		const items = Array.from({length: 30}, (_, i) => `<item><guid>${i}</guid></item>`).join('');
		const entries = await parseFeed(rss(items), {url: 'https://site.example/rss', now: NOW, maxEntries: 10});
		assert.deepEqual(entries.map(e => e.key), Array.from({length: 10}, (_, i) => String(i)));
	});
});

describe('parseFeed: not a feed', () => {
	it('rejects malformed XML with a short one-line message', async () => {
		await rejectsWith('<rss version="2.0"><channel><item><title>a</b></item></channel></rss>', /malformed XML: Unexpected close tag \(line 1, column \d+\)/);
		await rejectsWith('<rss version="2.0"><channel><item>', /malformed XML/);
		await rejectsWith(`<rss version="2.0"><channel><title>${'x'.repeat(5000)}</channel></rss>`, /malformed XML/);
	});

	it('rejects undeclared entities (no entity expansion)', async () => {
		await rejectsWith('<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title></channel></rss>', /malformed XML: Invalid character entity/);
	});

	it('rejects an HTML page, unknown XML, a body that is neither, and an empty body', async () => {
		await rejectsWith('<!DOCTYPE html><html><head><title>Home</title></head><body>hi</body></html>', /got an HTML page/);
		await rejectsWith('<html><body>hi</body></html>', /got an HTML page/);
		await rejectsWith('<?xml version="1.0"?><opml version="2.0"><body/></opml>', /root element is not/);
		await rejectsWith('<rss version="2.0"></rss>', /unexpected document structure/);
		await rejectsWith('hello, world', /neither XML nor JSON/);
		await rejectsWith('', /empty body/);
		await rejectsWith(' \n\ufeff', /empty body|neither/);
	});

	it('refuses a feed URL that is not http(s) (a caller bug, not a feed error)', async () => {
		await assert.rejects(parseFeed(rss(''), {url: 'file:///etc/feed.xml', now: NOW}), (err: unknown) => err instanceof TypeError && !(err instanceof FeedParseError));
	});

	it('keeps hostile characters out of the error message', async () => {
		await rejectsWith('<rss version="2.0"><channel><title>\x1b]52;c;eA==\x07</b></channel></rss>', /malformed XML/);
	});
});
