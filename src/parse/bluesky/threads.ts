/**
 * From author-feed pages to timeline items. A self-thread is rebuilt from `record.reply` URIs
 * (never from "1/4" text), so it comes out whole and root first however the pages split it and
 * in whatever order they arrive. Pure: no IO.
 */
import type {ItemDraft, PaperRef} from '../../domain/types.js';
import {dedupePapers} from '../paper-ids.js';
import {type BskyPost, dedupeLinks, normalizePost, uriAuthority} from './post.js';

/** What is kept per Bluesky source between refreshes. */
export interface BskyEntry {
	/** Post URI, or for a repost the repost record's URI. */
	uri: string;
	/** Sort time: the post's createdAt, or when it was reposted. */
	createdAt: string;
	type: 'post' | 'repost';
	post: BskyPost;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- validated lexicon JSON */
/** Normalises one page (or several) of `getAuthorFeed` into entries of the actor. */
export function entriesFromFeed(feed: readonly any[], actorDid: string): BskyEntry[] {
	const out = new Map<string, BskyEntry>();
	const addOwn = (view: any) => {
		if (!view || typeof view !== 'object' || !('record' in view) || view.author?.did !== actorDid) return;
		if (out.has(view.uri)) return;
		const post = normalizePost(view);
		out.set(post.uri, {uri: post.uri, createdAt: post.createdAt, type: 'post', post});
	};
	for (const item of feed) {
		const reason = item?.reason;
		if (reason?.$type === 'app.bsky.feed.defs#reasonRepost') {
			if (reason.by?.did !== actorDid) continue;
			const post = normalizePost(item.post);
			const uri = typeof reason.uri === 'string' ? reason.uri : `repost:${post.uri}`;
			const at = Date.parse(String(reason.indexedAt));
			out.set(uri, {uri, createdAt: Number.isNaN(at) ? post.createdAt : new Date(at).toISOString(), type: 'repost', post});
			continue;
		}
		// A pinned post arrives twice (pinned on page 1, again in place later): the map keeps one.
		addOwn(item?.post);
		// Hydrated ancestors fill gaps when a thread's root fell on another page.
		if (item?.reply) {
			addOwn(item.reply.root);
			addOwn(item.reply.parent);
		}
	}
	return [...out.values()];
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface BuildOptions {
	actorDid: string;
	/** Stable item id for a natural key (thread root URI, repost URI). */
	idFor: (naturalKey: string) => string;
}

/** Groups the actor's entries into thread / post / repost items. Replies to other people come back hidden. */
export function buildItems(entries: readonly BskyEntry[], options: BuildOptions): ItemDraft[] {
	const {actorDid} = options;
	const groups = new Map<string, BskyPost[]>();
	const hiddenReplies: BskyPost[] = [];
	const items: ItemDraft[] = [];
	for (const entry of entries) {
		if (entry.type === 'repost') {
			items.push(repostItem(entry, options));
			continue;
		}
		const post = entry.post;
		if (!post.replyRoot || !post.replyParent) {
			push(groups, post.uri, post);
		} else if (uriAuthority(post.replyRoot) === actorDid && uriAuthority(post.replyParent) === actorDid) {
			// A self-reply joins its root's thread even when a post between them was deleted.
			push(groups, post.replyRoot, post);
		} else {
			hiddenReplies.push(post);
		}
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
		// The original author's words, unchanged; who wrote them shows in posts[0].url.
		text: post.text,
		url: post.url,
		posts: [{uri: post.uri, url: post.url, createdAt: post.createdAt, text: post.text}],
		links: post.links,
		papers: post.papers,
	};
}

function mergePapers(papers: PaperRef[]): PaperRef[] {
	return dedupePapers(papers);
}
