/**
 * Keeps the benchmark inputs from rotting (no timing here: figures come from `npm run bench`):
 * the cache generator writes what it says through the real Store and config, and the pages the
 * refresh benchmark serves parse into the items they are meant to produce.
 */
import assert from 'node:assert/strict';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {generateHome} from '../bench/generate.js';
import {runScale} from '../bench/scale.js';
import {atomFeed, blueskyActor, homepageHtml} from '../bench/lib/corpus.js';
import {median, percentile, rng} from '../bench/lib/random.js';
import {Config} from '../src/config/config.js';
import {buildItems, entriesFromFeed} from '../src/parse/bluesky/threads.js';
import {parseFeed} from '../src/parse/feed.js';
import {extractHomepage} from '../src/parse/homepage/index.js';
import {itemId} from '../src/domain/identity.js';
import {Store} from '../src/store/store.js';
import {tempHome} from './helpers/temp-home.js';

describe('benchmark inputs', () => {
	test('generateHome writes a valid config and the items it reports, searchable and windowed', async () => {
		const home = tempHome('rf-bench-smoke-');
		try {
			const result = generateHome({dir: home.dir, items: 400, researchers: 20, origin: 'http://127.0.0.1:9'});
			assert.equal(result.researchers, 20);
			const config = await Config.open(home.dir, {write: false});
			assert.equal(config.researchers().length, 20);
			assert.equal(config.settings({}).blueskyService, 'http://127.0.0.1:9');
			const store = new Store(join(home.dir, 'cache.db'));
			try {
				const visible = store.countItems({});
				assert.equal(visible, result.visibleItems);
				assert.ok(visible > 300 && visible <= 400, `visible items: ${visible}`);
				const first = store.listItems({}, 0, 10);
				assert.equal(first.length, 10);
				assert.ok(first.some(i => i.source === 'bluesky'));
				// The timeline and the keyset reads agree.
				const next = store.listItemsFrom({}, {date: first[4]!.date, id: first[4]!.id}, 'older', 0, 5);
				assert.deepEqual(
					next.map(i => i.id),
					first.slice(5).map(i => i.id),
				);
				const last = store.listItemsFromEnd({}, 0, 3);
				assert.deepEqual(
					last.map(i => i.id),
					store.listItems({}, visible - 3, 3).map(i => i.id),
				);
				// Search through the trigram index and through a scan find the same items.
				const word = first[0]!.text.split(/\s+/).find(w => w.length >= 5)!.toLowerCase();
				const hits = store.countItems({search: word});
				assert.ok(hits >= 1);
				assert.equal(store.countItems({search: word, unread: true}), hits, 'nothing is read yet');
				assert.equal(store.listItems({search: word}, 0, 1000).length, hits);
				assert.ok(store.papers().length > 0);
			} finally {
				store.close();
			}
		} finally {
			home.cleanup();
		}
	});

	test('the served homepages, Atom feeds and author feeds parse into items', async () => {
		const rand = rng(3);
		const now = Date.parse('2025-06-01T00:00:00Z');
		const page = extractHomepage({text: homepageHtml(rand, 'Ada Lovelace', now, 5, 4), url: 'http://127.0.0.1:9/home/1/', contentType: 'text/html'});
		assert.equal(page.news.length, 5);
		assert.equal(page.papers.length >= 4, true);

		const entries = await parseFeed(atomFeed(rand, 'https://blog.example.org', 'Ada Lovelace', now, {entries: 6, paperShare: 1, prose: [50, 80]}), {url: 'http://127.0.0.1:9/feed/1.xml', now: new Date(now)});
		assert.ok(entries.every(e => e.papers.some(p => p.id.startsWith('arxiv:'))), 'every entry links its paper when paperShare is 1');
		assert.equal(entries.length, 6);

		const actor = await blueskyActor(rand, 1, 'Ada Lovelace', now, 30);
		assert.equal(actor.feed.length, 30);
		const feed = JSON.parse(JSON.stringify(actor.feed)) as unknown[];
		const items = buildItems(entriesFromFeed(feed, actor.profile.did), {actorDid: actor.profile.did, idFor: k => itemId('bluesky r1.bench.test', k)});
		assert.ok(items.length > 0 && items.length <= 30);
		assert.ok(items.some(i => i.kind === 'thread'));
	});

	test('the scale benchmark runs every command over its generated cache, and reuses the cache', async () => {
		const work = tempHome('rf-bench-scale-smoke-');
		const bin = fileURLToPath(new URL('../bin/research-feed.js', import.meta.url));
		try {
			const first = await runScale({items: 300, work: work.dir, reuse: true, runs: 1, bin});
			assert.ok(first.generateMs !== null && first.visibleItems > 200);
			assert.deepEqual(Object.keys(first.commands), ['list --json', 'digest', 'papers', 'papers --json', 'papers --bibtex', 'export', 'list --search (common word)', 'list --search (rare term)', 'mark-read --all']);
			assert.ok(first.commands['list --json']!.stdoutBytes > 300 * 200, 'list --json printed the items');
			assert.ok(first.commands['list --json']!.peakRssBytes! > 10 * 2 ** 20, 'peak RSS measured');
			const again = await runScale({items: 300, work: work.dir, reuse: true, runs: 1, bin});
			assert.equal(again.generateMs, null, 'the cache is reused');
			// mark-read ran on a copy: the cache the next run reads is still unread.
			assert.equal(again.commands['mark-read --all']!.stdoutBytes, first.commands['mark-read --all']!.stdoutBytes);
		} finally {
			work.cleanup();
		}
	});

	test('statistics helpers', () => {
		assert.equal(median([3, 1, 2]), 2);
		assert.equal(median([4, 1, 2, 3]), 2.5);
		assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99), 10);
		assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
	});
});
