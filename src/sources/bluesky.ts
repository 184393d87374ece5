/**
 * Bluesky author feeds through @atproto/api. The first fetch goes back a bounded depth; later
 * fetches stop at the first page that reaches posts already stored. Threads are rebuilt from
 * everything stored for the source, so a continuation posted days later joins its thread.
 */
import {Agent} from '@atproto/api';
import {type BskyEntry, buildItems, entriesFromFeed} from '../parse/bluesky/threads.js';
import {itemId} from '../store/source-key.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

const PAGE_LIMIT = 100;

export const blueskyAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		const agent = new Agent({service: ctx.settings.blueskyService, fetch: ctx.http.fetch});
		const target = ctx.source.target.trim().replace(/^@/, '');
		// Prefer the DID learnt earlier: handles change, DIDs do not.
		const knownDid = typeof ctx.previous?.state['did'] === 'string' ? (ctx.previous.state['did'] as string) : undefined;
		const actor = target.startsWith('did:') ? target : (knownDid ?? target);
		const known = ctx.cache.knownPostUris(ctx.sourceKey);
		const firstFetch = known.size === 0;
		const feed: unknown[] = [];
		let cursor: string | undefined;
		let page = 0;
		for (;;) {
			page++;
			const response = await agent.app.bsky.feed.getAuthorFeed(
				{actor, limit: PAGE_LIMIT, cursor, filter: 'posts_with_replies', includePins: true},
				{signal: ctx.signal},
			);
			const items = response.data.feed;
			feed.push(...items);
			ctx.log(`page ${page}: ${items.length} posts`);
			cursor = response.data.cursor;
			if (!cursor || items.length === 0) break;
			if (firstFetch && feed.length >= ctx.settings.firstFetchDepth) break;
			// Reached what is stored: everything older is cached already. The pinned post is no evidence.
			const reached = items.some(item => item.reason?.$type !== 'app.bsky.feed.defs#reasonPin' && known.has(entryKey(item)));
			if (reached) break;
			if (!firstFetch && feed.length >= 10 * ctx.settings.firstFetchDepth) break;
		}
		const did = knownDid ?? findActorDid(feed, target);
		if (!did) return {items: [], posts: [], state: {...ctx.previous?.state}};
		const fresh = entriesFromFeed(feed, did);
		const stored = ctx.cache.loadPosts<BskyEntry>(ctx.sourceKey);
		const merged = new Map<string, BskyEntry>(stored.map(e => [e.uri, e]));
		for (const entry of fresh) merged.set(entry.uri, entry);
		const items = buildItems([...merged.values()], {actorDid: did, idFor: key => itemId(ctx.sourceKey, key)});
		return {items, posts: fresh, state: {...ctx.previous?.state, did}};
	},
};

/* eslint-disable @typescript-eslint/no-explicit-any -- validated lexicon JSON */
function entryKey(item: any): string {
	if (item.reason?.$type === 'app.bsky.feed.defs#reasonRepost') return typeof item.reason.uri === 'string' ? item.reason.uri : `repost:${item.post.uri}`;
	return String(item.post?.uri);
}

function findActorDid(feed: readonly any[], target: string): string | undefined {
	if (target.startsWith('did:')) return target;
	const handle = target.toLowerCase();
	for (const item of feed) {
		if (item.reason?.by?.handle?.toLowerCase() === handle) return item.reason.by.did;
		if (item.post?.author?.handle?.toLowerCase() === handle) return item.post.author.did;
	}
	return undefined;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
