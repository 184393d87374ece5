/**
 * Bluesky author feeds through @atproto/api. The first fetch goes back a bounded depth; later
 * fetches stop at the first page that reaches posts already stored. Threads are rebuilt from
 * everything stored for the source, so a continuation posted days later joins its thread.
 */
import {createHash} from 'node:crypto';
import {Agent, AppBskyFeedDefs} from '@atproto/api';
import {type BskyPost, normalizePost} from '../parse/bluesky/post.js';
import {type BskyEntry, buildItems, entriesFromFeed} from '../parse/bluesky/threads.js';
import type {HttpClient} from '../net/http.js';
import {itemId} from '../domain/identity.js';
import type {AdapterContext, AdapterResult, SourceAdapter} from './types.js';

const PAGE_LIMIT = 100;
/** First page of a later fetch (see the loop in fetch). */
const RECHECK_LIMIT = 25;
/**
 * Version of what `buildItems` makes of stored posts. A refresh that brings nothing new skips the
 * rebuild only for sources last built by this version: bump it when the thread builder changes
 * its output, and every account is rebuilt once on its next refresh. 2: a reply joins a self-thread
 * only when its whole parent chain is the account's own.
 */
export const THREADS_BUILT = 2;

/**
 * One Agent per HTTP client and AppView, shared by every account of a refresh: constructing one
 * compiles the whole lexicon catalogue (about 5 ms and a few MB of garbage), which with hundreds of
 * accounts was a second of CPU per refresh. Logged-out calls keep no state in the Agent.
 */
const agents = new WeakMap<HttpClient, Map<string, Agent>>();

function agentFor(http: HttpClient, service: string): Agent {
	let byService = agents.get(http);
	if (byService === undefined) agents.set(http, (byService = new Map<string, Agent>()));
	let agent = byService.get(service);
	if (agent === undefined) byService.set(service, (agent = new Agent({service, fetch: comparingFetch(http.fetch)})));
	return agent;
}

/**
 * A first page to be compared with the one a source's last refresh read (its hash is kept in the
 * source's state as `page`). Registered under the source's signal, which the Agent hands to our
 * fetch unchanged; `unchanged` is set when the page was the same, byte for byte.
 */
interface PageCheck {
	previous: string | undefined;
	hash?: string;
	unchanged?: boolean;
}

const pageChecks = new WeakMap<AbortSignal, PageCheck>();

/** Ends the Agent's call when the page is the one read last time (the adapter catches it). */
class UnchangedPage extends Error {}

/**
 * `fetch` that hashes the body of a page under check (with its URL: the account, the page size
 * and the filter are part of it) and, when it is the stored page, ends the call before the client
 * parses and validates it: most accounts post less often than they are refreshed, and validating
 * a page of posts was most of an unchanged refresh's CPU.
 */
function comparingFetch(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
	return async (input, init) => {
		const response = await fetch(input, init);
		const check = init?.signal ? pageChecks.get(init.signal) : undefined;
		if (check === undefined || response.status !== 200) return response;
		pageChecks.delete(init!.signal!);
		const body = new Uint8Array(await response.arrayBuffer());
		const url = input instanceof Request ? input.url : String(input);
		check.hash = createHash('sha256').update(url).update('\n').update(body).digest('base64');
		if (check.hash === check.previous) {
			check.unchanged = true;
			throw new UnchangedPage('the first page is the one read last time');
		}
		return new Response(body, {status: response.status, statusText: response.statusText, headers: response.headers});
	};
}

export const blueskyAdapter: SourceAdapter = {
	async fetch(ctx: AdapterContext): Promise<AdapterResult> {
		const agent = agentFor(ctx.http, ctx.settings.blueskyService);
		const target = ctx.source.target.trim().replace(/^@/, '');
		// Prefer the DID learnt earlier: handles change, DIDs do not.
		const knownDid = typeof ctx.previous?.state['did'] === 'string' ? ctx.previous.state['did'] : undefined;
		const actor = target.startsWith('did:') ? target : (knownDid ?? target);
		const known = ctx.cache.knownPostUris(ctx.sourceKey);
		const firstFetch = known.size === 0;
		// Each page is made into entries as it arrives and its response dropped: kept until the last
		// page, the client's lexicon objects (several times the JSON's size) outlived young-generation
		// collections and were most of an all-new refresh's old-space garbage. Only pages that came
		// before the account's DID is known wait, raw, for it (reposts and replies need it).
		let did = knownDid ?? (target.startsWith('did:') ? target : undefined);
		const waiting: unknown[] = [];
		const entries = new Map<string, BskyEntry>();
		let fetched = 0;
		let cursor: string | undefined;
		let page = 0;
		// The first page, byte for byte the one read last time, brings nothing: what was built from it
		// stands (only for items this version's thread builder made, from a DID known).
		const storedPage = ctx.previous?.state['page'];
		const check: PageCheck = {previous: !firstFetch && knownDid !== undefined && ctx.previous?.state['built'] === THREADS_BUILT && typeof storedPage === 'string' ? storedPage : undefined};
		for (;;) {
			page++;
			// A later fetch usually finds a few new posts on top of stored ones: a short first page is
			// enough to reach them, and the client validates every post it receives (about 30 µs each).
			const limit = firstFetch || page > 1 ? PAGE_LIMIT : RECHECK_LIMIT;
			let response;
			if (page === 1 && ctx.signal) pageChecks.set(ctx.signal, check);
			try {
				response = await agent.app.bsky.feed.getAuthorFeed({actor, limit, cursor, filter: 'posts_with_replies', includePins: true}, {signal: ctx.signal});
			} catch (error) {
				if (check.unchanged) return {items: [], posts: [], state: {...ctx.previous?.state}};
				throw error;
			} finally {
				if (ctx.signal) pageChecks.delete(ctx.signal);
			}
			const items = response.data.feed;
			fetched += items.length;
			ctx.log(`page ${page}: ${items.length} posts`);
			cursor = response.data.cursor;
			waiting.push(...items);
			did ??= findActorDid(items, target);
			if (did !== undefined) {
				mergeEntries(entries, entriesFromFeed(waiting, did));
				waiting.length = 0;
			}
			if (!cursor || items.length === 0) break;
			if (firstFetch && fetched >= ctx.settings.firstFetchDepth) break;
			// Reached what is stored: everything older is cached already. The pinned post is no evidence.
			const reached = items.some(item => item.reason?.$type !== 'app.bsky.feed.defs#reasonPin' && known.has(entryKey(item)));
			if (reached) break;
			if (!firstFetch && fetched >= 10 * ctx.settings.firstFetchDepth) break;
		}
		if (!did) return {items: [], posts: [], state: {...ctx.previous?.state}};
		const fresh = [...entries.values()];
		// The first page's hash, for the next refresh to compare (only a short recheck page is ever compared).
		const state = {...ctx.previous?.state, did, built: THREADS_BUILT, page: firstFetch ? undefined : check.hash};
		// The usual refresh: the first page holds only posts stored before, unchanged (the same JSON
		// savePosts wrote). The items built from them last time stand; loading every stored post,
		// rebuilding every thread of the account and rewriting it would spend the CPU, memory and
		// writes that a refresh with nothing new should not.
		if (ctx.previous?.state['built'] === THREADS_BUILT && ctx.cache.storedPostData) {
			const before = ctx.cache.storedPostData(ctx.sourceKey, fresh.map(e => e.uri));
			if (fresh.every(e => before.get(e.uri) === JSON.stringify(e))) return {items: [], posts: [], state};
		}
		const stamp = ctx.cache.postsStamp?.(ctx.sourceKey);
		const stored = ctx.cache.loadPosts<BskyEntry>(ctx.sourceKey);
		const merged = new Map<string, BskyEntry>(stored.map(e => [e.uri, e]));
		for (const entry of fresh) merged.set(entry.uri, entry);
		const options = {actorDid: did, idFor: (key: string) => itemId(ctx.sourceKey, key)};
		const items = buildItems([...merged.values()], options);
		const rebuild = stamp === undefined ? {} : {rebuild: {stamp, items: (all: unknown[]) => buildItems(all as BskyEntry[], options)}};
		return {items, posts: fresh, state, ...rebuild};
	},
};

/**
 * Entries of a later page joined to the earlier ones as entriesFromFeed joins them within a page:
 * a post seen again keeps its first appearance (a pinned post, an ancestor hydrated on an earlier
 * page), a repost its latest.
 */
function mergeEntries(into: Map<string, BskyEntry>, page: readonly BskyEntry[]): void {
	for (const entry of page) if (entry.type === 'repost' || !into.has(entry.uri)) into.set(entry.uri, entry);
}

/** The key entriesFromFeed gives the entry: the repost record's URI, else the post's. */
function entryKey(item: AppBskyFeedDefs.FeedViewPost): string {
	if (AppBskyFeedDefs.isReasonRepost(item.reason)) return item.reason.uri ?? `repost:${item.post.uri}`;
	return item.post.uri;
}

function findActorDid(feed: readonly AppBskyFeedDefs.FeedViewPost[], target: string): string | undefined {
	const handle = target.toLowerCase();
	for (const item of feed) {
		if (AppBskyFeedDefs.isReasonRepost(item.reason) && item.reason.by.handle.toLowerCase() === handle) return item.reason.by.did;
		if (item.post.author.handle.toLowerCase() === handle) return item.post.author.did;
	}
	return undefined;
}

/** The AppView takes at most this many URIs per getPosts call (its lexicon's `maxLength`). */
export const GET_POSTS_MAX = 25;

/**
 * Posts by URI through `app.bsky.feed.getPosts`, the call the live stream hydrates its records
 * with, through the same Agent (and HTTP limits) as the author feeds. Each post is normalised as a
 * polled one is, so link cards, quotes, alt text and papers come out alike. Posts the AppView does
 * not return (deleted, not indexed yet) are absent.
 */
export async function fetchPosts(http: HttpClient, service: string, uris: readonly string[], signal?: AbortSignal): Promise<Map<string, BskyPost>> {
	const agent = agentFor(http, service);
	const out = new Map<string, BskyPost>();
	for (let i = 0; i < uris.length; i += GET_POSTS_MAX) {
		const response = await agent.app.bsky.feed.getPosts({uris: uris.slice(i, i + GET_POSTS_MAX)}, {signal});
		for (const view of response.data.posts) out.set(view.uri, normalizePost(view));
	}
	return out;
}
