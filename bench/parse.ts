/**
 * Parser throughput, in one process, no IO inside the timed loops:
 * - homepages/s through the news extractor (`decodeHomepage` + `extractHomepage`): the test
 *   fixture pages (real site templates: al-folio, academicpages, Hugo Blox, jemdoc, Markdown…) and
 *   generated academic pages like the refresh benchmark serves;
 * - author-feed pages/s (100 posts each) through the thread builder (`entriesFromFeed` +
 *   `buildItems`), from lexicon-valid pages built with the test fixture builder;
 * - Atom feeds/s (20 entries) through `parseFeed`, for reference.
 *
 * Each figure: the median of several timed rounds after a warm-up round. Prints one JSON object.
 * Usage: node --import tsx bench/parse.ts [--quick]
 */
import {readdirSync, readFileSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {entriesFromFeed, buildItems} from '../src/parse/bluesky/threads.js';
import {parseFeed} from '../src/parse/feed.js';
import {decodeHomepage, extractHomepage} from '../src/parse/homepage/index.js';
import {itemId} from '../src/domain/identity.js';
import {atomFeed, blueskyActor, homepageHtml} from './lib/corpus.js';
import {median, researcherNames, rng} from './lib/random.js';
import {runIfEntry} from './lib/run-main.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface Rate {
	perSecond: number;
	/** Median time of one unit (ms). */
	msEach: number;
	units: number;
	bytes: number;
	rounds: number;
}

/** Runs `work` over all `units` per round; rounds last at least `minMs` (repeating the set as needed). */
async function rate<T>(units: T[], bytesOf: (u: T) => number, work: (u: T) => unknown, rounds: number, minMs: number): Promise<Rate> {
	for (const u of units) await work(u);
	const perUnit: number[] = [];
	for (let r = 0; r < rounds; r++) {
		let n = 0;
		const t0 = performance.now();
		do {
			for (const u of units) await work(u);
			n += units.length;
		} while (performance.now() - t0 < minMs);
		perUnit.push((performance.now() - t0) / n);
	}
	const msEach = median(perUnit);
	return {perSecond: 1000 / msEach, msEach, units: units.length, bytes: units.reduce((a, u) => a + bytesOf(u), 0), rounds};
}

export interface ParseResult {
	homepagesFixtures: Rate;
	homepagesGenerated: Rate;
	authorFeedPages: Rate & {postsPerPage: number};
	atomFeeds: Rate;
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const rounds = quick ? 3 : 7;
	const minMs = quick ? 300 : 800;
	const rand = rng(5);
	const now = Date.now();

	const fixtureDir = join(ROOT, 'test', 'fixtures', 'homepages');
	const fixtures = readdirSync(fixtureDir)
		.filter(f => /\.(html|md)$/.test(f))
		.map(f => ({url: `https://someone.github.io/${f.endsWith('.md') ? f : ''}`, bytes: readFileSync(join(fixtureDir, f)), type: f.endsWith('.md') ? 'text/markdown' : 'text/html'}));
	const homepage = (page: {url: string; bytes: Uint8Array; type: string}) => {
		const {text} = decodeHomepage(page.bytes, page.type);
		return extractHomepage({text, url: page.url, contentType: page.type});
	};
	const homepagesFixtures = await rate(fixtures, p => p.bytes.length, homepage, rounds, minMs);

	const names = researcherNames(rand, 20);
	const generated = names.map((name, i) => ({url: `https://r${i}.github.io/`, bytes: Buffer.from(homepageHtml(rand, name, now)), type: 'text/html; charset=utf-8'}));
	const homepagesGenerated = await rate(generated, p => p.bytes.length, homepage, rounds, minMs);

	// Author-feed pages of 100 items, as the AppView serves them (JSON round trip: what the client gets).
	const pages: Array<{did: string; feed: unknown[]; bytes: number}> = [];
	for (let i = 0; i < 10; i++) {
		const actor = await blueskyActor(rand, i, names[i]!, now, 100);
		const json = JSON.stringify(actor.feed.slice(0, 100));
		pages.push({did: actor.profile.did, feed: JSON.parse(json) as unknown[], bytes: json.length});
	}
	const authorFeedPages = await rate(
		pages,
		p => p.bytes,
		p => buildItems(entriesFromFeed(p.feed, p.did), {actorDid: p.did, idFor: k => itemId(`bluesky ${p.did}`, k)}),
		rounds,
		minMs,
	);

	const feeds = names.map((name, i) => ({url: `https://blog${i}.example.org/feed.xml`, body: atomFeed(rand, `https://blog${i}.example.org`, name, now)}));
	const atomFeeds = await rate(feeds, f => f.body.length, f => parseFeed(f.body, {url: f.url, contentType: 'application/atom+xml', now: new Date(now)}), rounds, minMs);

	const result: ParseResult = {homepagesFixtures, homepagesGenerated, authorFeedPages: {...authorFeedPages, postsPerPage: 100}, atomFeeds};
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

runIfEntry(import.meta.url, main);
