import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import type {ItemDraft} from '../../../src/domain/types.js';
import {type BskyEntry, buildItems, entriesFromFeed} from '../../../src/parse/bluesky/threads.js';
import {CALIB_THREAD, type FeedViewPost, inesFixture, type InesPostName} from '../../fixtures/bluesky/build.js';

const idFor = (key: string) => `id:${key}`;

type Ines = Awaited<ReturnType<typeof inesFixture>>;

function itemsOf(f: Ines, feed: readonly FeedViewPost[] = f.feed): ItemDraft[] {
	return buildItems(entriesFromFeed(feed, f.actor.did), {actorDid: f.actor.did, idFor});
}

/** The one item holding the named post (every own post is in exactly one). */
function itemOf(f: Ines, items: ItemDraft[], name: InesPostName): ItemDraft {
	const holding = items.filter(i => i.posts.some(p => p.uri === f.posts[name].uri));
	assert.equal(holding.length, 1, `${name} is in ${holding.length} items`);
	return holding[0]!;
}

function uris(f: Ines, names: readonly InesPostName[]): string[] {
	return names.map(n => f.posts[n].uri);
}

describe('self-thread rule: a reply joins the thread only when its whole parent chain is own', () => {
	test('a two-part answer to someone’s reply under her own post is not part of that post’s thread (part 1 missing from the feed)', async () => {
		const f = await inesFixture();
		const items = itemsOf(f);
		const question = itemOf(f, items, 'askJudges');
		assert.equal(question.kind, 'post');
		assert.deepEqual(question.posts.map(p => p.uri), uris(f, ['askJudges']));
		assert.equal(question.hidden, undefined);
		for (const part of ['answerPart1', 'answerPart2'] as const) {
			const reply = itemOf(f, items, part);
			assert.equal(reply.hidden, 'reply', part);
			assert.equal(reply.kind, 'post', part);
			assert.deepEqual(reply.posts.map(p => p.uri), uris(f, [part]));
			assert.equal(reply.id, idFor(f.posts[part].uri));
		}
		assert.ok(!items.some(i => i.posts.some(p => p.uri === f.posts.kofiQuestion.uri)), 'other people’s posts are never own items');
	});

	test('every part of an answer to a blocked reply stays out of the thread', async () => {
		const f = await inesFixture();
		const items = itemsOf(f);
		const call = itemOf(f, items, 'workshopCall');
		assert.deepEqual(call.posts.map(p => p.uri), uris(f, ['workshopCall']));
		assert.equal(call.kind, 'post');
		for (const part of ['workshopReply1', 'workshopReply2', 'workshopReply3'] as const) {
			const reply = itemOf(f, items, part);
			assert.equal(reply.hidden, 'reply', part);
			assert.deepEqual(reply.posts.map(p => p.uri), uris(f, [part]));
		}
	});

	test('a reply whose own parent was deleted is not folded into the root’s thread: what stood between is unknown', async () => {
		const f = await inesFixture();
		const items = itemsOf(f);
		assert.deepEqual(itemOf(f, items, 'seminar').posts.map(p => p.uri), uris(f, ['seminar']));
		const reply = itemOf(f, items, 'afterDeletedMiddle');
		assert.equal(reply.hidden, 'reply');
		assert.deepEqual(reply.posts.map(p => p.uri), uris(f, ['afterDeletedMiddle']));
	});

	test('the genuine self-thread still folds: whole feed, pages of one item in any order, or only its last two items', async () => {
		const f = await inesFixture();
		const expected = uris(f, CALIB_THREAD);
		const whole = itemOf(f, itemsOf(f), 'calib1');
		assert.equal(whole.kind, 'thread');
		assert.equal(whole.hidden, undefined);
		assert.deepEqual(whole.posts.map(p => p.uri), expected);

		// One page per item, newest page first, merged the way the adapter merges pages.
		const merged = new Map<string, BskyEntry>();
		for (const item of [...f.feed].reverse()) for (const e of entriesFromFeed([item], f.actor.did)) if (!merged.has(e.uri)) merged.set(e.uri, e);
		const paged = buildItems([...merged.values()], {actorDid: f.actor.did, idFor});
		assert.deepEqual(itemOf(f, paged, 'calib1').posts.map(p => p.uri), expected);

		// Pages never fetched: 3/4's item hydrates 2/4 as its parent, and both items hydrate the root.
		const lastTwo = f.feed.filter(it => it.post.uri === f.posts.calib4.uri || it.post.uri === f.posts.calib3.uri);
		assert.equal(lastTwo.length, 2);
		const thread = itemOf(f, itemsOf(f, lastTwo), 'calib1');
		assert.deepEqual(thread.posts.map(p => p.uri), expected);
		assert.equal(thread.id, idFor(f.posts.calib1.uri));
	});
});
