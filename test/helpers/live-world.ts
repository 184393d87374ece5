/**
 * A followed Bluesky account and one that is not, served by the loopback AppView (xrpc-server.ts)
 * and the loopback Jetstream (jetstream-server.ts) together: a post made here is in the author
 * feed and in getPosts, and its commit is what Jetstream sends.
 */
import {type FeedViewPost, makePost, type PostView, type ProfileViewDetailed, refOf, repostItem} from '../fixtures/bluesky/build.js';
import {jet, type JetstreamCommit, type JetstreamServer, startJetstreamServer} from './jetstream-server.js';
import {startXrpcServer, type XrpcServer} from './xrpc-server.js';

export const ADA = {did: 'did:plc:ada2live4test6x7y8z9a2b3c', handle: 'ada-live.bsky.social', displayName: 'Ada Live'};
export const ZED = {did: 'did:plc:zed5notfollowed2c3d4e5f6g', handle: 'zed-other.bsky.social', displayName: 'Zed Other'};

function profile(a: typeof ADA): ProfileViewDetailed {
	return {...a, followersCount: 1, followsCount: 1, postsCount: 1};
}

export interface LiveWorld {
	appview: XrpcServer;
	jetstream: JetstreamServer;
	env: Record<string, string>;
	/** A new post by `who` (now, or at `at`), known to the AppView; `send` emits its commit. */
	post(who: typeof ADA, text: string, options?: {reply?: PostView; root?: PostView; at?: string; embed?: Parameters<typeof makePost>[0]['embed']}): Promise<{view: PostView; commit: JetstreamCommit}>;
	repost(who: typeof ADA, post: PostView): Promise<{uri: string; commit: JetstreamCommit}>;
	/** The delete commit of a post (the AppView forgets it too). */
	remove(who: typeof ADA, uri: string): JetstreamCommit;
	close(): Promise<void>;
}

export async function startLiveWorld(): Promise<LiveWorld> {
	const old = await makePost({author: ADA, createdAt: '2026-11-01T10:00:00.000Z', text: 'An older post, from before.'});
	const feeds = new Map<string, FeedViewPost[]>([
		[ADA.did, [{post: old}]],
		[ZED.did, []],
	]);
	const appview = await startXrpcServer({actors: [{profile: profile(ADA), feed: feeds.get(ADA.did)!}, {profile: profile(ZED), feed: []}], pageSize: 50});
	const jetstream = await startJetstreamServer();
	let clock = 0;
	const rkeyOf = (uri: string) => uri.split('/').pop()!;
	const prepend = (did: string, item: FeedViewPost) => {
		const feed = [item, ...(feeds.get(did) ?? [])];
		feeds.set(did, feed);
		appview.setFeed(did, feed);
	};
	return {
		appview,
		jetstream,
		env: {RESEARCH_FEED_BLUESKY_SERVICE: appview.url, RESEARCH_FEED_JETSTREAM: jetstream.url},
		async post(who, text, options = {}) {
			// Distinct record keys even within one millisecond.
			const at = options.at ?? new Date(Date.now() + clock++).toISOString();
			const reply = options.reply ? {root: refOf(options.root ?? options.reply), parent: refOf(options.reply)} : undefined;
			const view = await makePost({author: who, createdAt: at, text, ...(reply ? {reply} : {}), ...(options.embed ? {embed: options.embed} : {}), clockId: clock % 1024});
			const known = new Map((feeds.get(who.did) ?? []).map(i => [i.post.uri, i.post]));
			prepend(who.did, reply ? {post: view, reply: {root: {$type: 'app.bsky.feed.defs#postView', ...(known.get(reply.root.uri) ?? options.root ?? options.reply!)}, parent: {$type: 'app.bsky.feed.defs#postView', ...options.reply!}}} : {post: view});
			return {view, commit: jet.post(who.did, rkeyOf(view.uri), view.record)};
		},
		async repost(who, post) {
			const at = new Date(Date.now() + clock++).toISOString();
			const item = await repostItem(post, who, at);
			prepend(who.did, item);
			const uri = (item.reason as {uri: string}).uri;
			return {uri, commit: jet.repost(who.did, rkeyOf(uri), refOf(post), at)};
		},
		remove(who, uri) {
			const feed = (feeds.get(who.did) ?? []).filter(i => i.post.uri !== uri && (i.reason as {uri?: string} | undefined)?.uri !== uri);
			feeds.set(who.did, feed);
			appview.setFeed(who.did, feed);
			return jet.delete(who.did, uri.split('/')[3]!, rkeyOf(uri));
		},
		async close() {
			await jetstream.close();
			await appview.close();
		},
	};
}
