import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ItemDraft} from '../../../src/domain/types.js';
import {buildItems, entriesFromFeed} from '../../../src/parse/bluesky/threads.js';
import {
	CJK_TEXT,
	DIDS,
	EXPO_THREAD,
	EXPO_THREAD_LATER,
	leqiFixture,
	leqiLaterFixture,
	leqiShuffledFixture,
	PAPERS,
} from '../../fixtures/bluesky/build.js';

const idFor = (key: string) => `id:${key}`;

function itemsOf(fixture: Awaited<ReturnType<typeof leqiFixture>>, feed = fixture.feed): ItemDraft[] {
	return buildItems(entriesFromFeed(feed, fixture.actor.did), {actorDid: fixture.actor.did, idFor});
}

function byPost(items: ItemDraft[], uri: string): ItemDraft {
	const found = items.find(i => i.posts.some(p => p.uri === uri));
	assert.ok(found, `no item contains ${uri}`);
	return found;
}

describe('Bluesky thread building', () => {
	test('the self-thread is one thread item, root first, dated by its root', async () => {
		const f = await leqiFixture();
		const items = itemsOf(f);
		const root = f.posts.expo1;
		const thread = byPost(items, root.uri);
		assert.equal(thread.kind, 'thread');
		assert.deepEqual(thread.posts.map(p => p.uri), EXPO_THREAD.map(n => f.posts[n].uri));
		assert.equal(thread.date, new Date((root.record as {createdAt: string}).createdAt).toISOString());
		assert.equal(thread.id, idFor(root.uri));
		assert.equal(thread.url, `https://bsky.app/profile/leqiliu.bsky.social/post/${root.uri.split('/').pop()}`);
		// Every part of the thread appears in exactly one item.
		for (const name of EXPO_THREAD) assert.equal(items.filter(i => i.posts.some(p => p.uri === f.posts[name].uri)).length, 1);
	});

	test('thread split across pages and shuffled comes out the same', async () => {
		const f = await leqiShuffledFixture();
		const thread = byPost(itemsOf(f), f.posts.expo1.uri);
		assert.deepEqual(thread.posts.map(p => p.uri), EXPO_THREAD.map(n => f.posts[n].uri));
		// Order of the input must not matter at all.
		const reversed = itemsOf(f, [...f.feed].reverse());
		assert.deepEqual(byPost(reversed, f.posts.expo1.uri).posts.map(p => p.uri), EXPO_THREAD.map(n => f.posts[n].uri));
	});

	test('a later continuation joins the thread', async () => {
		const f = await leqiLaterFixture();
		const thread = byPost(itemsOf(f), f.posts.expo1.uri);
		assert.deepEqual(thread.posts.map(p => p.uri), EXPO_THREAD_LATER.map(n => f.posts[n].uri));
	});

	test('composer-shortened link text becomes the facet URL, in text and links', async () => {
		const f = await leqiFixture();
		const pinned = byPost(itemsOf(f), f.posts.pinned.uri);
		assert.ok(pinned.text.includes(PAPERS.github.prlhf), pinned.text);
		assert.ok(!pinned.text.includes('github.com/HumainLab/Pe...'), pinned.text);
		assert.ok(pinned.links.some(l => l.url === PAPERS.github.prlhf));
	});

	test('facets after CJK and emoji text map by UTF-8 bytes', async () => {
		const f = await leqiFixture();
		const cjk = byPost(itemsOf(f), f.posts.cjk.uri);
		assert.ok(cjk.text.startsWith('新しい論文 🎉📄 が出ました！コード: https://github.com/HumainLab/'), cjk.text);
		assert.ok(cjk.text.includes('#NLP'));
		assert.ok(!cjk.text.includes('Pe...'));
		assert.ok(CJK_TEXT.includes('github.com/HumainLab/Pe...'));
	});

	test('link cards title their papers; repeated links are one paper', async () => {
		const f = await leqiFixture();
		const pinned = byPost(itemsOf(f), f.posts.pinned.uri);
		assert.deepEqual(pinned.papers, [{id: 'arxiv:2402.05133', url: PAPERS.prlhf.abs, title: PAPERS.prlhf.title}]);
		const thread = byPost(itemsOf(f), f.posts.expo1.uri);
		assert.deepEqual(thread.papers.map(p => p.id), ['arxiv:2507.02834']);
		assert.equal(thread.papers[0]!.title, PAPERS.expo.title);
	});

	test('paper ids from every link form in the fixtures', async () => {
		const f = await leqiFixture();
		const items = itemsOf(f);
		const reading = byPost(items, f.posts.readingList.uri);
		assert.deepEqual(reading.papers.map(p => p.id), ['acl:2023.emnlp-main.467', 'arxiv:2305.18290']);
		assert.equal(reading.papers[1]!.url, 'https://arxiv.org/abs/2305.18290');
	});

	test('quoted posts bring their text, links and papers; image alt text is text', async () => {
		const f = await leqiFixture();
		const quote = byPost(itemsOf(f), f.posts.quoteWithMedia.uri);
		assert.match(quote.text, /Fresh in Nature this week/);
		assert.match(quote.text, /\[image: Whiteboard sketch: clusters of sampled answers/);
		assert.ok(quote.papers.some(p => p.id === 'doi:10.1038/s41586-024-07421-0'));
		const images = byPost(itemsOf(f), f.posts.images.uri);
		assert.match(images.text, /\[image: Line plot of chosen and rejected log-probabilities/);
		assert.match(images.text, /\[image\]/, 'an empty alt still marks the image');
		const video = byPost(itemsOf(f), f.posts.video.uri);
		assert.match(video.text, /\[video: /);
		const deleted = byPost(itemsOf(f), f.posts.quoteDeleted.uri);
		assert.match(deleted.text, /\[quoted post not found\]/);
	});

	test('unknown embeds are a placeholder, not a crash', async () => {
		const f = await leqiFixture();
		const item = byPost(itemsOf(f), f.posts.unknownEmbed.uri);
		assert.match(item.text, /\[unsupported embed\]/);
	});

	test('reposts are repost items with the original text; replies to others are hidden; pins appear once', async () => {
		const f = await leqiFixture();
		const items = itemsOf(f);
		const repost = byPost(items, f.posts.miraOpenReview.uri);
		assert.equal(repost.kind, 'repost');
		assert.match(repost.text, /reward hacking under distribution shift/);
		assert.deepEqual(repost.papers.map(p => p.id), ['openreview:rH4cKq9ZtW']);
		const reply = byPost(items, f.posts.replyToOther.uri);
		assert.equal(reply.hidden, 'reply');
		assert.equal(reply.kind, 'post');
		assert.equal(items.filter(i => i.posts.some(p => p.uri === f.posts.pinned.uri)).length, 1);
		assert.equal(items.filter(i => i.posts.some(p => p.uri === f.posts.tomasQuestion.uri) && i.kind !== 'repost').length, 0);
	});

	test('a reply whose parent was deleted does not break anything', async () => {
		const f = await leqiFixture();
		const items = itemsOf(f);
		const orphan = byPost(items, f.posts.orphanReply.uri);
		assert.ok(['post', 'thread'].includes(orphan.kind));
		assert.ok(orphan.text.length > 0);
	});

	test('terminal control sequences never survive', async () => {
		const f = await leqiFixture();
		for (const item of itemsOf(f)) {
			for (const s of [item.text, ...item.posts.map(p => p.text), ...item.links.map(l => l.text)]) {
				assert.doesNotMatch(s, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/, JSON.stringify(s));
			}
		}
		const hostile = byPost(itemsOf(f), f.posts.hostile.uri);
		assert.match(hostile.text, /Weekend reading list/);
	});

	test('posts by others in the feed never become own posts', async () => {
		const f = await leqiFixture();
		const entries = entriesFromFeed(f.feed, DIDS.leqi);
		for (const e of entries) if (e.type === 'post') assert.equal(e.post.authorDid, DIDS.leqi);
	});
});
