/**
 * `list --json` is rendered by SQLite (src/store/item-json.ts), not by JSON.stringify of the items.
 * Its bytes must stay those of JSON.stringify(items, null, 2) for every item kind and every filter:
 * here the real binary's stdout is compared with the same items read through the object path the
 * timeline uses (Store.listItems → toJson), on a cache holding a Bluesky thread with posts, a link
 * card and a quote, a repost, a hidden reply, a silent record, homepage news and a publication, a
 * feed article, a bibliography paper, paper metadata titles, read and starred state, and text that
 * JSON must escape (quotes, backslashes, tabs, newlines, C0 controls, DEL, U+2028) or must not
 * (emoji, CJK, accents).
 */
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {toJson} from '../../src/cli/commands/list.js';
import type {ItemDraft, SourceKind} from '../../src/domain/types.js';
import {upsertItems} from '../../src/store/items.js';
import {type ItemFilter, Store} from '../../src/store/store.js';
import {EXPO, meta, OPENREVIEW, PRLHF, PRLHF_META} from '../helpers/paper-store.js';
import {runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';

const NOW = '2025-08-01T12:00:00.000Z';
/** Everything JSON.stringify escapes, and some of what it leaves alone. */
const HARD = 'say "hi" \\ back\\slash\ttab\nnew line \u0001\u001f\u007f ctl\u2028ls 😀 👩🏽‍💻 日本語 café';

function draft(id: string, date: string, extra: Partial<ItemDraft> = {}): ItemDraft {
	return {id, kind: 'post', date, datePrecision: 'instant', title: null, text: `text of ${id}`, url: `https://example.org/${id}`, posts: [], links: [], papers: [], ...extra};
}

const paper = (id: string, title: string | null) => ({id, url: `https://example.org/paper/${encodeURIComponent(id)}`, title});

describe('list --json bytes (rendered in SQL) equal JSON.stringify of the items', () => {
	let home: ReturnType<typeof tempHome>;
	let store: Store;
	const put = (researcher: string, source: SourceKind, drafts: ItemDraft[]) =>
		store.transaction(() => upsertItems(store.db, {researcher, source, sourceKey: `${source} ${researcher}`, now: NOW}, drafts));
	const config = (showReplies: boolean) =>
		writeFileSync(
			join(home.dir, 'config.json'),
			JSON.stringify({
				researchers: ['Leqi Liu', 'Wei Liu', 'Mira Chen', 'Ana Díaz'].map(name => ({name, sources: [{kind: 'feed', target: `https://example.org/${name.length}.xml`}]})),
				bluesky: {showReplies},
			}),
		);

	before(() => {
		home = tempHome('rf-list-bytes-');
		config(false);
		store = new Store(join(home.dir, 'cache.db'));
		put('Leqi Liu', 'bluesky', [
			draft('thread', '2025-07-23T09:00:00.000Z', {
				kind: 'thread',
				text: `Our new paper ${HARD}\n\nQuoting Mira Chen: "earlier work" https://arxiv.org/abs/2507.02834`,
				posts: [
					{uri: 'at://did:plc:leqi/app.bsky.feed.post/1', url: 'https://bsky.app/profile/leqi/post/1', createdAt: '2025-07-23T09:00:00.000Z', text: `1/ ${HARD}`},
					{uri: 'at://did:plc:leqi/app.bsky.feed.post/2', url: 'https://bsky.app/profile/leqi/post/2', createdAt: '2025-07-23T09:01:00.000Z', text: '2/ link card: Personalized RLHF'},
				],
				links: [
					{url: 'https://arxiv.org/abs/2402.05133', text: 'Personalized "RLHF" card'},
					{url: 'https://arxiv.org/abs/2507.02834', text: ''},
				],
				papers: [paper(PRLHF, 'link card title'), paper(EXPO, null)],
			}),
			draft('repost', '2025-07-22T08:00:00.000Z', {kind: 'repost', text: 'Mira Chen: reposted text', repostOf: {name: 'Mira Chen', handle: 'mira.bsky.social'}}),
			draft('reply', '2025-07-24T00:00:00.000Z', {hidden: 'reply', text: 'a reply to someone else', papers: [paper(OPENREVIEW, 'OpenReview link')]}),
			draft('silent', '2025-07-25T00:00:00.000Z', {hidden: 'silent', text: 'never listed'}),
			// Same date: ordered by id, descending.
			draft('tie-a', '2025-07-01T00:00:00.000Z'),
			draft('tie-b', '2025-07-01T00:00:00.000Z'),
		]);
		put('Wei Liu', 'homepage', [
			draft('news', '2025-05-01T00:00:00.000Z', {kind: 'news', datePrecision: 'month', text: `Three papers accepted ${HARD}`, url: 'https://wei.example.org/', papers: [paper(PRLHF, null)]}),
			draft('publication', '2025-06-02T10:00:00.000Z', {kind: 'publication', datePrecision: 'seen', title: 'A publication', text: 'Authors. Venue 2025.'}),
		]);
		put('Mira Chen', 'feed', [
			draft('article', '2025-06-15T00:00:00.000Z', {kind: 'article', datePrecision: 'day', title: `Blog: ${HARD}`, text: 'Body\twith\ttabs', links: [{url: 'https://example.org/a?b=1&c="2"', text: 'x'}]}),
		]);
		put('Ana Díaz', 'dblp', [
			draft('bib', '2024-01-01T00:00:00.000Z', {kind: 'paper', datePrecision: 'year', title: 'Learning Things', text: 'A. Díaz, B. Ng. ICML 2024.', papers: [paper('doi:10.1000/xyz', 'Learning Things')], own: true}),
		]);
		store.savePaperMeta([PRLHF_META, meta(EXPO, `EXPO ${HARD}`, ['Someone'])], NOW);
		store.setRead('thread', true, NOW);
		store.setStarred('news', true, NOW);
		store.setRead('article', true, NOW);
		store.setStarred('article', true, NOW);
	});
	after(() => {
		store.close();
		home.cleanup();
	});

	/** What the object path prints for this filter (the bytes the command printed before item-json.ts). */
	const expected = (filter: ItemFilter, limit = 1000) => `${JSON.stringify(store.listItems(filter, 0, limit).map(toJson), null, 2)}\n`;
	const list = async (args: string[]) => {
		const r = await runCli(['list', '--json', ...args], {home: home.dir, env: {RESEARCH_FEED_NOW: NOW}});
		assert.equal(r.code, 0, r.stderr);
		assert.equal(r.stderr, '');
		return r.stdout;
	};

	test('every item kind, with the contract fields in order and every escape as JSON.stringify writes it', async () => {
		const out = await list([]);
		assert.equal(out, expected({}));
		const items = JSON.parse(out) as Array<Record<string, unknown>>;
		assert.deepEqual(
			items.map(i => i['id']),
			['thread', 'repost', 'tie-b', 'tie-a', 'article', 'publication', 'news', 'bib'],
		);
		assert.deepEqual(Object.keys(items[0]!), ['id', 'researcher', 'source', 'kind', 'date', 'datePrecision', 'title', 'text', 'url', 'posts', 'links', 'papers', 'read', 'starred']);
		const thread = items[0]!;
		assert.equal((thread['posts'] as Array<{text: string}>)[0]!.text, `1/ ${HARD}`);
		assert.deepEqual(thread['papers'], [
			{id: PRLHF, url: `https://example.org/paper/${encodeURIComponent(PRLHF)}`, title: PRLHF_META.title},
			{id: EXPO, url: `https://example.org/paper/${encodeURIComponent(EXPO)}`, title: `EXPO ${HARD}`},
		]);
		assert.ok(out.includes('\\u0001\\u001f\u007f ctl\u2028ls'), 'C0 controls escaped in lower-case hex, DEL and U+2028 kept');
		assert.equal(thread['read'], true);
	});

	test('each filter, the limit, and a list with nothing in it', async () => {
		const cases: Array<[string[], ItemFilter, number?]> = [
			[['--limit', '3'], {}, 3],
			[['--unread'], {unread: true}],
			[['--starred'], {starred: true}],
			[['--researcher', 'leqi liu'], {researcher: 'Leqi Liu'}],
			[['--kind', 'thread'], {kind: 'thread'}],
			[['--source', 'homepage'], {source: 'homepage'}],
			[['--since', '2025-06-15'], {since: '2025-06-15T00:00:00.000Z'}],
			[['--search', 'accepted'], {search: 'accepted'}],
			[['--search', 'personalized language'], {search: 'personalized language'}],
		];
		for (const [args, filter, limit] of cases) {
			const out = await list(args);
			assert.equal(out, expected(filter, limit), args.join(' '));
			assert.notEqual(out, '[]\n', `${args.join(' ')} selects something`);
		}
		assert.equal(await list(['--search', 'no such words anywhere']), '[]\n');
	});

	test('with showReplies, the reply to someone else is listed in its place (never the silent record)', async () => {
		config(true);
		try {
			const out = await list([]);
			assert.equal(out, expected({includeHidden: true}));
			const ids = (JSON.parse(out) as Array<{id: string}>).map(i => i.id);
			assert.deepEqual(ids.slice(0, 2), ['reply', 'thread']);
			assert.ok(!ids.includes('silent'));
		} finally {
			config(false);
		}
	});
});
