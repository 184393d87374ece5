/**
 * From author-feed pages to timeline items. A self-thread is rebuilt from `record.reply` URIs
 * (never from "1/4" text), so it comes out whole and root first however the pages split it and
 * in whatever order they arrive. Which replies belong to it is decided in `self-thread-root.ts`.
 * Pure: no IO.
 */
import {AppBskyFeedDefs} from '@atproto/api';
import type {ItemDraft, PaperRef} from '../../domain/types.js';
import {dedupePapers} from '../paper-ids.js';
import {type BskyPost, dedupeLinks, normalizePost} from './post.js';
import {selfThreadRoots} from './self-thread-root.js';

/** What is kept per Bluesky source between refreshes. */
export interface BskyEntry {
	/** Post URI, or for a repost the repost record's URI. */
	uri: string;
	/** Sort time: the post's createdAt, or when it was reposted. */
	createdAt: string;
	type: 'post' | 'repost';
	post: BskyPost;
}

/**
 * Normalises one page (or several) of `getAuthorFeed` into entries of the actor. The items are what
 * the client validated as `FeedViewPost`s, kept by the caller as they came; they are read
 * defensively all the same (anything that is not an object is passed over).
 */
export function entriesFromFeed(feed: readonly unknown[], actorDid: string): BskyEntry[] {
	const out = new Map<string, BskyEntry>();
	const addOwn = (view: unknown) => {
		if (!isPostView(view) || view.author?.did !== actorDid) return;
		if (out.has(view.uri)) return;
		const post = normalizePost(view);
		out.set(post.uri, {uri: post.uri, createdAt: post.createdAt, type: 'post', post});
	};
	for (const item of feed) {
		if (!isFeedItem(item)) continue;
		const reason = item.reason;
		if (AppBskyFeedDefs.isReasonRepost(reason)) {
			if (reason.by?.did !== actorDid) continue;
			const post = normalizePost(item.post);
			const uri = typeof reason.uri === 'string' ? reason.uri : `repost:${post.uri}`;
			const at = Date.parse(String(reason.indexedAt));
			out.set(uri, {uri, createdAt: Number.isNaN(at) ? post.createdAt : new Date(at).toISOString(), type: 'repost', post});
			continue;
		}
		// A pinned post arrives twice (pinned on page 1, again in place later): the map keeps one.
		addOwn(item.post);
		// Hydrated ancestors fill gaps when a thread's root fell on another page.
		if (item.reply) {
			addOwn(item.reply.root);
			addOwn(item.reply.parent);
		}
	}
	return [...out.values()];
}

/** A feed item: an object, which the client validated as a `FeedViewPost`. */
function isFeedItem(item: unknown): item is AppBskyFeedDefs.FeedViewPost {
	return typeof item === 'object' && item !== null;
}

/**
 * A post with its record: the item's own post, or a reply ref's root or parent when it is a
 * `PostView` (not a `NotFoundPost` or `BlockedPost`, which carry none).
 */
function isPostView(view: unknown): view is AppBskyFeedDefs.PostView {
	return typeof view === 'object' && view !== null && 'record' in view;
}

export interface BuildOptions {
	actorDid: string;
	/** Stable item id for a natural key (thread root URI, repost URI). */
	idFor: (naturalKey: string) => string;
}

/**
 * Groups the actor's entries into thread / post / repost items. Replies to other people, and replies
 * not provably in a self-thread (see `self-thread-root.ts`), come back one per item with
 * `hidden: 'reply'`: cached, and listed only when the config asks for replies.
 */
export function buildItems(entries: readonly BskyEntry[], options: BuildOptions): ItemDraft[] {
	const groups = new Map<string, BskyPost[]>();
	const hiddenReplies: BskyPost[] = [];
	const items: ItemDraft[] = [];
	const ownPosts = entries.flatMap(entry => (entry.type === 'post' ? [entry.post] : []));
	const rootOf = selfThreadRoots(ownPosts, options.actorDid);
	for (const entry of entries) {
		if (entry.type === 'repost') {
			items.push(repostItem(entry, options));
			continue;
		}
		const post = entry.post;
		const root = rootOf.get(post.uri);
		// No root: a reply to someone, or one whose chain may pass through someone's post. Either
		// way it answers something the timeline does not show, so it is a reply item of its own.
		if (root === undefined) hiddenReplies.push(post);
		else push(groups, root, post);
	}
	for (const [rootUri, posts] of groups) {
		posts.sort((a, b) => (a.uri === rootUri ? -1 : b.uri === rootUri ? 1 : a.createdAt.localeCompare(b.createdAt)));
		items.push(postGroupItem(rootUri, posts, options, false));
	}
	for (const reply of hiddenReplies) items.push(postGroupItem(reply.uri, [reply], options, true));
	return items;
}

function push(map: Map<string, BskyPost[]>, key: string, post: BskyPost): void {
	const list = map.get(key);
	if (list) list.push(post);
	else map.set(key, [post]);
}

function postGroupItem(rootUri: string, posts: BskyPost[], options: BuildOptions, hidden: boolean): ItemDraft {
	const root = posts.find(p => p.uri === rootUri);
	const first = posts[0]!;
	return {
		id: options.idFor(rootUri),
		kind: posts.length >= 2 ? 'thread' : 'post',
		// The thread's date is its root's; if the root is gone, its earliest surviving post's.
		date: (root ?? first).createdAt,
		datePrecision: 'instant',
		title: null,
		text: posts.map(p => p.text).join('\n\n'),
		url: (root ?? first).url,
		posts: posts.map(p => ({uri: p.uri, url: p.url, createdAt: p.createdAt, text: p.text})),
		links: dedupeLinks(posts.flatMap(p => p.links.map(l => ({...l})))),
		papers: mergePapers(posts.flatMap(p => p.papers)),
		...(hidden ? {hidden: 'reply' as const} : {}),
	};
}

function repostItem(entry: BskyEntry, options: BuildOptions): ItemDraft {
	const post = entry.post;
	return {
		id: options.idFor(entry.uri),
		kind: 'repost',
		date: entry.createdAt,
		datePrecision: 'instant',
		title: null,
		// The original author's words, unchanged; who wrote them is `repostOf` (and shows in posts[0].url).
		text: post.text,
		url: post.url,
		posts: [{uri: post.uri, url: post.url, createdAt: post.createdAt, text: post.text}],
		links: post.links,
		papers: post.papers,
		...(post.authorName !== '' || post.authorHandle !== '' ? {repostOf: {name: post.authorName || post.authorHandle, handle: post.authorHandle}} : {}),
	};
}

function mergePapers(papers: PaperRef[]): PaperRef[] {
	return dedupePapers(papers);
}
