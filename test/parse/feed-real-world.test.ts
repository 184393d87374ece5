/**
 * Real-world feed shapes that were read wrong (issue 13), and the one-parse-per-document rule
 * (issue 14). Each fixture's comment cites the spec or generator it imitates.
 */
import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import Parser from 'rss-parser';
import {FeedParseError, parseFeed} from '../../src/parse/feed.js';
import type {FeedEntry} from '../../src/parse/feed.js';

const NOW = new Date('2025-08-01T00:00:00.000Z');

function fixture(name: string): string {
	return readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url), 'utf8');
}

const summary = (entries: FeedEntry[]) => entries.map(e => ({key: e.key, title: e.title, date: e.date, text: e.text, url: e.url}));

describe('parseFeed: elements matched by namespace, not by prefix', () => {
	const expected = [
		{
			key: 'https://doi.org/10.1145/3580305.3599572',
			title: 'Learning reward models from preferences',
			date: '2023-08-04T10:00:00.000Z',
			text: 'We learn reward models from pairwise preferences.',
			url: 'https://doi.org/10.1145/3580305.3599572',
		},
		{
			key: 'https://journal.example.org/doi/10.5555/edit',
			title: 'Editorial',
			date: '2023-08-01T00:00:00.000Z',
			text: 'A word from the editors.',
			url: 'https://journal.example.org/doi/10.5555/edit',
		},
	];

	it('reads RSS 1.0 whose elements carry an rss: prefix bound to the RSS 1.0 namespace (and Dublin Core under another prefix)', async () => {
		const entries = await parseFeed(fixture('rss1-prefixed.rdf'), {url: 'https://journal.example.org/toc/current.rss', now: NOW});
		assert.deepEqual(summary(entries), expected);
		assert.deepEqual(entries[0]!.papers, [{id: 'doi:10.1145/3580305.3599572', url: 'https://doi.org/10.1145/3580305.3599572', title: 'Learning reward models from preferences'}]);
	});

	it('reads the same RSS 1.0 with RDF under another prefix, and with RSS 1.0 as the default namespace', async () => {
		const otherRdf = fixture('rss1-prefixed.rdf').replaceAll('rdf:', 'r:').replace('xmlns:rdf=', 'xmlns:r=');
		assert.match(otherRdf, /<r:RDF xmlns:r="http:\/\/www\.w3\.org\/1999\/02\/22-rdf-syntax-ns#"/);
		assert.deepEqual(summary(await parseFeed(otherRdf, {url: 'https://journal.example.org/toc/current.rss', now: NOW})), expected);
		const defaultNs = fixture('rss1-prefixed.rdf').replaceAll('<rss:', '<').replaceAll('</rss:', '</').replace('xmlns:rss=', 'xmlns=');
		assert.deepEqual(summary(await parseFeed(defaultNs, {url: 'https://journal.example.org/toc/current.rss', now: NOW})), expected);
	});

	it('reads Atom written with an atom: prefix; unprefixed XHTML and Media RSS elements of the same names are not Atom', async () => {
		const entries = await parseFeed(fixture('atom-prefixed.xml'), {url: 'https://prefixed.example.net/atom.xml', now: NOW});
		assert.deepEqual(summary(entries), [
			{
				key: 'tag:prefixed.example.net,2025:preprint',
				title: 'Our new preprint',
				date: '2025-06-30T14:00:00.000Z',
				text: 'Read the paper.',
				url: 'https://prefixed.example.net/posts/preprint/',
			},
			{
				key: 'tag:prefixed.example.net,2025:xhtml',
				title: 'Emphasis in an XHTML title',
				date: '2025-05-01T09:00:00.000Z',
				text: 'Plain summary.',
				// no entry link: the feed's alternate link
				url: 'https://prefixed.example.net/',
			},
		]);
		assert.deepEqual(entries[0]!.papers.map(p => p.id), ['arxiv:2507.02834']);
		assert.ok(!JSON.stringify(entries).includes('video.mp4') && !JSON.stringify(entries).includes('Not the title'));
	});

	it('does not take a <feed> or <RDF> in another namespace for a feed', async () => {
		for (const body of ['<feed xmlns="http://example.org/not-atom"><entry><id>a</id></entry></feed>', '<x:RDF xmlns:x="http://example.org/not-rdf"><item/></x:RDF>']) {
			await assert.rejects(parseFeed(body, {url: 'https://x.example/feed', now: NOW}), (err: unknown) => err instanceof FeedParseError && /root element is not/.test(err.message));
		}
	});
});

describe('parseFeed: JSON Feed strings', () => {
	it('reads PHP json_encode output (escaped slashes, \\u escapes) as the decoded strings', async () => {
		const entries = await parseFeed(fixture('jsonfeed-php-escaped.json'), {url: 'https://php.example.org/feed/json', now: NOW});
		assert.deepEqual(summary(entries), [
			{
				key: 'https://php.example.org/?p=12',
				title: 'Talk at ICML',
				date: '2025-07-20T08:00:00.000Z',
				text: 'Slides for our paper are online.\n\nCafé chat afterwards.',
				url: 'https://php.example.org/2025/07/icml-talk/',
			},
			{key: 'https://php.example.org/?p=11', title: 'Hello', date: '2025-06-01T06:00:00.000Z', text: 'First post.', url: 'https://php.example.org/2025/06/hello/'},
		]);
		assert.deepEqual(entries[0]!.links[1], {url: 'https://arxiv.org/abs/2507.02834', text: 'our paper'});
	});

	it('still refuses deeply nested or huge markup inside content_html', async () => {
		const feed = (html: string) => JSON.stringify({version: 'https://jsonfeed.org/version/1.1', items: [{id: '1', content_html: html}]});
		await assert.rejects(parseFeed(feed('<div>'.repeat(5_000)), {url: 'https://x.example/feed.json', now: NOW}), /markup nested too deeply to read safely/);
		await assert.rejects(parseFeed(feed(`<div>${'<i>x</i>'.repeat(60_000)}</div>`), {url: 'https://x.example/feed.json', now: NOW}), /markup has too many elements to read safely/);
	});

	it('title, summary and content_text are plain text: angle brackets and entities stay as written, terminal controls go', async () => {
		const entries = await parseFeed(fixture('jsonfeed-plain-text.json'), {url: 'https://plain.example.de/feed.json', now: NOW});
		assert.deepEqual(
			entries.map(e => [e.title, e.text]),
			[
				['Die Rückkehr von <i> und <b>', 'Warum x<y & <T> wichtig sind; &amp; bleibt &amp;.'],
				['Tabs <br> & escapes', 'A <p> in plain text is two characters and a p.\nSecond line: https://plain.example.de/more.'],
				// content_html is HTML
				['HTML content', 'Real markup & an entity.'],
			],
		);
		assert.deepEqual(entries[1]!.links, [{url: 'https://plain.example.de/more', text: 'https://plain.example.de/more'}]);
		assert.equal(entries[0]!.links[0]!.text, 'Die Rückkehr von <i> und <b>');
	});
});

describe('parseFeed: dates without a zone are UTC', () => {
	/** Parses the fixtures in a child process whose local time zone is `tz` (Node reads TZ once, at startup). */
	function datesIn(tz: string): unknown {
		const feedModule = fileURLToPath(new URL('../../src/parse/feed.ts', import.meta.url));
		const arxivModule = fileURLToPath(new URL('../../src/parse/arxiv.ts', import.meta.url));
		const script = `
			const {parseFeed} = await import(${JSON.stringify(feedModule)});
			const {parseArxivResponse} = await import(${JSON.stringify(arxivModule)});
			const now = new Date('2025-08-01T00:00:00Z');
			const rss = await parseFeed(process.env.RSS, {url: 'https://dates.example.org/rss', now});
			const atom = await parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>a</id><published>2018-01-06T08:00</published></entry></feed>', {url: 'https://dates.example.org/atom', now});
			const json = await parseFeed(JSON.stringify({version: 'https://jsonfeed.org/version/1.1', items: [{id: 'j', date_published: '2018-09-18 14:38:10'}]}), {url: 'https://dates.example.org/json', now});
			const arxiv = await parseArxivResponse('<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>http://arxiv.org/abs/2507.02834v1</id><title>T</title><published>2025-07-03T17:41:42</published><updated>2025-07-03 17:41:42</updated></entry></feed>');
			process.stdout.write(JSON.stringify({
				local: new Date(2018, 0, 6, 8).toISOString(),
				rss: Object.fromEntries(rss.map(e => [e.key, e.date])),
				atom: atom[0].date,
				json: json[0].date,
				arxiv: [arxiv.entries[0].published, arxiv.entries[0].updated],
			}));
		`;
		const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {env: {...process.env, TZ: tz, RSS: fixture('rss2-zoneless-dates.xml')}, encoding: 'utf8'});
		assert.equal(r.status, 0, r.stderr);
		return JSON.parse(r.stdout) as unknown;
	}

	for (const [tz, local] of [
		['America/Los_Angeles', '2018-01-06T16:00:00.000Z'],
		['Asia/Kolkata', '2018-01-06T02:30:00.000Z'],
	] as const) {
		it(`reads them as UTC when the local zone is ${tz}; dates with zones keep theirs`, () => {
			assert.deepEqual(datesIn(tz), {
				local, // the child really runs in that zone
				rss: {
					'sql-datetime': '2018-09-18T14:38:10.000Z',
					'iso-minutes': '2018-01-06T08:00:00.000Z',
					'rfc822-no-zone': '2018-09-18T14:38:10.000Z',
					'rfc822-offset': '2018-09-18T12:38:10.000Z',
					'rfc822-named-zone': '2018-09-18T21:38:10.000Z',
					'iso-offset': '2018-09-18T09:08:10.000Z',
					'iso-z': '2018-09-18T14:38:10.250Z',
					'date-only': '2018-09-18T00:00:00.000Z',
				},
				atom: '2018-01-06T08:00:00.000Z',
				json: '2018-09-18T14:38:10.000Z',
				arxiv: ['2025-07-03T17:41:42.000Z', '2025-07-03T17:41:42.000Z'],
			});
		});
	}
});

describe('parseFeed: every entry is kept', () => {
	it('a feed of 730 entries gives 730 items, in RSS, Atom and JSON Feed', async () => {
		const n = 730;
		const ids = Array.from({length: n}, (_, i) => `e${i}`);
		const rss = `<rss version="2.0"><channel><title>t</title>${ids.map(id => `<item><guid>${id}</guid><title>${id}</title></item>`).join('')}</channel></rss>`;
		const atom = `<feed xmlns="http://www.w3.org/2005/Atom">${ids.map(id => `<entry><id>${id}</id><title>${id}</title></entry>`).join('')}</feed>`;
		const json = JSON.stringify({version: 'https://jsonfeed.org/version/1.1', items: ids.map(id => ({id, title: id}))});
		for (const body of [rss, atom, json]) {
			assert.deepEqual((await parseFeed(body, {url: 'https://long.example.org/feed', now: NOW})).map(e => e.key), ids);
		}
	});
});

describe('parseFeed: Media RSS descriptions', () => {
	it('reads a YouTube channel feed: the text of an entry is its media:group/media:description', async () => {
		const entries = await parseFeed(fixture('youtube-atom.xml'), {url: 'https://www.youtube.com/feeds/videos.xml?channel_id=UCexampleLabChannel00', now: NOW});
		assert.deepEqual(entries, [
			{
				key: 'yt:video:AbCdEfGhIjK',
				title: 'Reward models that listen (talk)',
				date: '2025-07-15T16:00:06.000Z',
				datePrecision: 'instant',
				text: 'Our ICML talk on reward models.\nPaper: https://arxiv.org/abs/2507.02834\nCode: https://github.com/example-lab/rm',
				url: 'https://www.youtube.com/watch?v=AbCdEfGhIjK',
				links: [
					{url: 'https://www.youtube.com/watch?v=AbCdEfGhIjK', text: 'Reward models that listen (talk)'},
					{url: 'https://arxiv.org/abs/2507.02834', text: 'https://arxiv.org/abs/2507.02834'},
					{url: 'https://github.com/example-lab/rm', text: 'https://github.com/example-lab/rm'},
				],
				papers: [{id: 'arxiv:2507.02834', url: 'https://arxiv.org/abs/2507.02834', title: null}],
			},
			{
				key: 'yt:video:ZyXwVuTsRqP',
				title: 'Lab tour',
				date: '2025-06-01T12:00:00.000Z',
				datePrecision: 'instant',
				text: '',
				url: 'https://www.youtube.com/watch?v=ZyXwVuTsRqP',
				links: [{url: 'https://www.youtube.com/watch?v=ZyXwVuTsRqP', text: 'Lab tour'}],
				papers: [],
			},
		]);
	});

	it('reads RSS media:description on the item or in media:group (plain or html) when there is no description', async () => {
		const entries = await parseFeed(fixture('media-rss.xml'), {url: 'https://videos.example.org/rss', now: NOW});
		assert.deepEqual(
			entries.map(e => [e.key, e.text, e.papers.map(p => [p.id, p.title])]),
			[
				['ep-1', 'We discuss https://openreview.net/forum?id=XyZ987 and more.', [['openreview:XyZ987', null]]],
				['ep-2', 'Show notes: Personalized RLHF', [['arxiv:2402.05133', 'Personalized RLHF']]],
				['ep-3', 'The RSS description.', []],
			],
		);
	});
});

describe('parseFeed: one parse per document', () => {
	it('Atom and JSON Feed never reach rss-parser; RSS reaches it once', async t => {
		const parseString = t.mock.method(Parser.prototype, 'parseString');
		const count = async (body: string): Promise<number> => {
			parseString.mock.resetCalls();
			await parseFeed(body, {url: 'https://x.example/feed', now: NOW});
			return parseString.mock.callCount();
		};
		assert.equal(await count(fixture('atom-xhtml.xml')), 0);
		assert.equal(await count(fixture('youtube-atom.xml')), 0);
		assert.equal(await count(fixture('jsonfeed.json')), 0);
		assert.equal(await count(fixture('rss2.xml')), 1);
		assert.equal(await count(fixture('rss1-prefixed.rdf')), 1);
	});

	it('Atom that is not well-formed is refused with a one-line message naming the place', async () => {
		const cases: Array<[string, RegExp]> = [
			['<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>a</b></entry></feed>', /malformed XML: Unexpected close tag <\/b>, expected <\/title> \(line 1, column 58\)/],
			['<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><id>x</id>', /malformed XML: Unclosed root tag \(line 2, column 18\)/],
			['<feed xmlns="http://www.w3.org/2005/Atom"/><feed xmlns="http://www.w3.org/2005/Atom"/>', /malformed XML: a second root element/],
		];
		for (const [body, message] of cases) {
			await assert.rejects(parseFeed(body, {url: 'https://x.example/feed', now: NOW}), (err: unknown) => err instanceof FeedParseError && message.test(err.message) && !err.message.includes('\n'));
		}
	});
});
