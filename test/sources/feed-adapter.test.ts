/**
 * The feed adapter's fetch path with a stub HTTP client: what reaches parseFeed, and what the
 * markup bounds refuse. JSON Feed strings are judged after decoding (PHP's escaped `<\/p>` is
 * no unclosed element); deep or huge markup is still refused, in JSON and in XML.
 */
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, test} from 'node:test';
import type {Settings} from '../../src/config/config.js';
import type {HttpClient, HttpResponse} from '../../src/net/http.js';
import {feedAdapter} from '../../src/sources/feed.js';
import type {AdapterContext, AdapterResult} from '../../src/sources/types.js';

const URL_ = 'https://php.example.org/feed/json';

function fetchBody(body: string, contentType: string): Promise<AdapterResult> {
	const response: HttpResponse = {status: 200, url: URL_, headers: new Headers({'content-type': contentType}), body: new TextEncoder().encode(body), attempts: 1};
	const http: HttpClient = {get: () => Promise.resolve(response), fetch: () => Promise.reject(new Error('not used'))};
	const ctx: AdapterContext = {
		source: {kind: 'feed', target: URL_},
		sourceKey: 'feed test',
		researcher: 'Test',
		previous: undefined,
		http,
		cache: {loadPosts: () => [], knownPostUris: () => new Set(), knownSourcePapers: () => new Set()},
		settings: {} as Settings,
		now: new Date('2025-08-01T00:00:00Z'),
		log: () => {},
	};
	return feedAdapter.fetch(ctx);
}

/** The fixture's first item, 400 times: PHP writes `<\/a>`, so a scan of the raw JSON sees 1600 elements that never close. */
function longPhpFeed(): string {
	const doc = JSON.parse(readFileSync(new URL('../fixtures/feeds/jsonfeed-php-escaped.json', import.meta.url), 'utf8')) as {items: Array<Record<string, unknown>>};
	const item = doc.items[0]!;
	doc.items = Array.from({length: 400}, (_, i) => ({...item, id: `${String(item['id'])}-${i}`, url: `${String(item['url'])}${i}/`}));
	// As json_encode writes it: every slash escaped.
	return JSON.stringify(doc).replaceAll('/', '\\/');
}

describe('feed adapter: markup bounds', () => {
	test('a long JSON Feed with escaped slashes is read whole', async () => {
		const body = longPhpFeed();
		assert.match(body, /<\\\/a>/);
		const {items} = await fetchBody(body, 'application/feed+json');
		assert.equal(items.length, 400);
		assert.equal(items[0]!.text, 'Slides for our paper are online.\n\nCafé chat afterwards.');
	});

	test('deep or huge markup in content_html still fails the source with the guard’s reason', async () => {
		const feed = (html: string) => JSON.stringify({version: 'https://jsonfeed.org/version/1.1', items: [{id: '1', content_html: html}]});
		await assert.rejects(fetchBody(feed('<span>'.repeat(2_000)), 'application/feed+json'), /markup nested too deeply to read safely \(over 1000 levels\)$/);
		await assert.rejects(fetchBody(feed(`<div>${'<b>x</b>'.repeat(60_000)}</div>`), 'application/feed+json'), /markup has too many elements to read safely \(over 50000\)$/);
	});

	test('deep or huge XML feeds are still refused before any parser builds them', async () => {
		const deepRss = `<rss version="2.0"><channel><title>t</title>${'<x>'.repeat(100_000)}</channel></rss>`;
		await assert.rejects(fetchBody(deepRss, 'application/rss+xml'), /markup nested too deeply to read safely/);
		const deepAtom = `<feed xmlns="http://www.w3.org/2005/Atom">${'<x>'.repeat(100_000)}</feed>`;
		await assert.rejects(fetchBody(deepAtom, 'application/atom+xml'), /markup nested too deeply to read safely/);
		const hugeAtom = `<feed xmlns="http://www.w3.org/2005/Atom">${'<entry><id>x</id></entry>'.repeat(30_000)}</feed>`;
		await assert.rejects(fetchBody(hugeAtom, 'application/atom+xml'), /markup has too many elements to read safely/);
	});
});
