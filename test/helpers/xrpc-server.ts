/**
 * A loopback stand-in for the Bluesky AppView (logged-out, `public.api.bsky.app`-like), built on
 * `loopback-server.ts`. It serves, from per-actor data that tests can change between requests:
 *
 * - `app.bsky.feed.getAuthorFeed`: `actor` (handle or DID), `limit` (1..100), opaque `cursor`,
 *   `filter` (posts_with_replies default, posts_no_replies, posts_with_media, posts_with_video,
 *   posts_and_author_threads), `includePins`. Pages hold min(limit, pageSize) items (pageSize
 *   default 3) so clients must follow cursors; the last page has no `cursor`.
 *   Pins follow the reference AppView: only with includePins and no cursor, the profile's
 *   `pinnedPost` is unshifted with `reasonPin` and removed from its natural place only when that
 *   place is on the first page (so it reappears, without reason, on a later page).
 * - `app.bsky.actor.getProfile`, `com.atproto.identity.resolveHandle`,
 *   `app.bsky.feed.getPostThread` (tree built from every post the server knows), `app.bsky.feed.getPosts`.
 * - Error injection per actor (or `'*'`), optionally limited to some methods or a number of requests.
 *
 * Data is served as given: nothing is validated, so invalid bodies can be served on purpose.
 */
import type {ServerResponse} from 'node:http';
import type {AppBskyActorDefs, AppBskyFeedDefs} from '@atproto/api';
import {sendJson, sendText, startServer} from './loopback-server.js';
import type {HeaderMap, LoopbackServer, RecordedRequest} from './loopback-server.js';

type FeedViewPost = AppBskyFeedDefs.FeedViewPost;
type PostView = AppBskyFeedDefs.PostView;
type ProfileViewDetailed = AppBskyActorDefs.ProfileViewDetailed;

export const NSID = {
	getAuthorFeed: 'app.bsky.feed.getAuthorFeed',
	getProfile: 'app.bsky.actor.getProfile',
	resolveHandle: 'com.atproto.identity.resolveHandle',
	getPostThread: 'app.bsky.feed.getPostThread',
	getPosts: 'app.bsky.feed.getPosts',
} as const;

/** Path of an XRPC method, e.g. `xrpcPath('app.bsky.feed.getAuthorFeed')`. */
export function xrpcPath(nsid: string): string {
	return `/xrpc/${nsid}`;
}

/** What the server knows about one account. `ActorFixture` from the fixture builder fits. */
export interface XrpcActor {
	profile: ProfileViewDetailed;
	/** The full author feed, newest first (posts, replies, reposts; no pins). Served in this order. */
	feed: FeedViewPost[];
	/** Extra posts known to the AppView (e.g. other people's replies) for getPostThread/getPosts. */
	extraPosts?: PostView[];
}

export interface InjectedResponse {
	status: number;
	/** Object → JSON; string or Buffer → sent as is with `contentType`. Omitted → empty body. */
	body?: unknown;
	/** Default `application/json; charset=utf-8` for objects, `text/plain; charset=utf-8` for strings. */
	contentType?: string;
	headers?: HeaderMap;
	/** Only these XRPC methods (NSIDs). Default: every method that names the actor. */
	nsid?: string | readonly string[];
	/** Apply to this many matching requests, then disappear. Default: until cleared. */
	times?: number;
}

export interface XrpcServerOptions {
	actors?: readonly XrpcActor[];
	/** Max items per getAuthorFeed page (before the pin). Default 3. */
	pageSize?: number;
	/** Posts known to getPostThread/getPosts besides those in the actors' feeds. */
	extraPosts?: readonly PostView[];
	/**
	 * Like the real AppView: also give a cursor on the last non-empty page, so the very last
	 * page is an empty `{feed: []}` without cursor. Default false (no cursor on the last page).
	 */
	trailingEmptyPage?: boolean;
}

export interface XrpcServer extends LoopbackServer {
	/** Add or replace an account (matched by DID). */
	setActor(actor: XrpcActor): void;
	removeActor(actor: string): void;
	/** Replace an actor's full timeline (newest first). */
	setFeed(actor: string, feed: FeedViewPost[]): void;
	setProfile(actor: string, profile: ProfileViewDetailed): void;
	setPageSize(n: number): void;
	/** Answer requests about `actor` (handle, DID, any raw string, or `'*'`) with `response`. */
	injectResponse(actor: string, response: InjectedResponse): void;
	/** Alias of injectResponse. */
	injectError(actor: string, response: InjectedResponse): void;
	/** Remove injections for one actor (as given to injectResponse), or all. */
	clearInjections(actor?: string): void;
	/** Recorded getAuthorFeed requests, optionally only those naming `actor` (handle or DID). */
	feedRequests(actor?: string): RecordedRequest[];
}

// ---------------------------------------------------------------------------------------------
// Canned error responses
// ---------------------------------------------------------------------------------------------

/** 429 as the xrpc-server rate limiter sends it (`ratelimit-*` headers, reset in unix seconds). */
export function rateLimited(opts: {resetEpochSeconds?: number; limit?: number; windowSeconds?: number} = {}): InjectedResponse {
	const limit = opts.limit ?? 3000;
	const reset = opts.resetEpochSeconds ?? Math.floor(Date.now() / 1000) + 60;
	return {
		status: 429,
		body: {error: 'RateLimitExceeded', message: 'Rate Limit Exceeded'},
		headers: {
			'ratelimit-limit': String(limit),
			'ratelimit-remaining': '0',
			'ratelimit-reset': String(reset),
			'ratelimit-policy': `${limit};w=${opts.windowSeconds ?? 300}`,
		},
	};
}

export function serverError(status = 500): InjectedResponse {
	return {status, body: {error: 'InternalServerError', message: 'Internal Server Error'}};
}

/** A CDN block: 403 with an HTML body. */
export function forbiddenHtml(): InjectedResponse {
	return {
		status: 403,
		contentType: 'text/html; charset=utf-8',
		body: '<!DOCTYPE html><html><head><title>403 Forbidden</title></head><body><h1>Forbidden</h1></body></html>',
	};
}

/** 400 `BlockedActor` (the client maps it to `BlockedActorError`). */
export function blockedActor(): InjectedResponse {
	return {status: 400, body: {error: 'BlockedActor', message: 'Requester has blocked actor'}};
}

/** A 200 getAuthorFeed body that fails client validation: the first item's CID is not a CID. */
export function invalidCidFeed(items: readonly FeedViewPost[]): InjectedResponse {
	const feed = structuredClone(items.slice(0, 2));
	const first = feed[0];
	if (first) first.post.cid = 'bafy1-not-a-cid';
	return {status: 200, body: {feed}, nsid: NSID.getAuthorFeed};
}

// ---------------------------------------------------------------------------------------------
// Feed logic
// ---------------------------------------------------------------------------------------------

type ReplyRefRecord = {root: {uri: string; cid: string}; parent: {uri: string; cid: string}};

function recordReply(post: PostView): ReplyRefRecord | undefined {
	return (post.record as {reply?: ReplyRefRecord}).reply;
}

function reasonType(item: FeedViewPost): string | undefined {
	return (item.reason as {$type?: string} | undefined)?.$type;
}

function isRepost(item: FeedViewPost): boolean {
	return reasonType(item) === 'app.bsky.feed.defs#reasonRepost';
}

function authority(uri: string): string {
	return uri.replace(/^at:\/\//, '').split('/')[0] ?? '';
}

function sortAtMs(item: FeedViewPost): number {
	const reason = item.reason as {indexedAt?: string} | undefined;
	if (isRepost(item) && reason?.indexedAt) return Date.parse(reason.indexedAt);
	const createdAt = (item.post.record as {createdAt?: unknown}).createdAt;
	const created = typeof createdAt === 'string' ? Date.parse(createdAt) : NaN;
	const indexed = Date.parse(item.post.indexedAt);
	return Number.isNaN(created) ? indexed : Math.min(created, indexed);
}

function itemKey(item: FeedViewPost): string {
	const reason = item.reason as {cid?: string} | undefined;
	return isRepost(item) && reason?.cid ? reason.cid : item.post.cid;
}

function cursorOf(item: FeedViewPost): string {
	return `${sortAtMs(item)}::${itemKey(item)}`;
}

function embedTypes(post: PostView): string[] {
	const embed = post.embed as {$type?: string; media?: {$type?: string}} | undefined;
	if (!embed?.$type) return [];
	return embed.media?.$type ? [embed.$type, embed.media.$type] : [embed.$type];
}

function hasImages(post: PostView): boolean {
	return embedTypes(post).includes('app.bsky.embed.images#view');
}

function hasVideo(post: PostView): boolean {
	return embedTypes(post).includes('app.bsky.embed.video#view');
}

function filterItems(feed: readonly FeedViewPost[], filter: string, did: string): FeedViewPost[] {
	const own = (it: FeedViewPost) => !isRepost(it) && it.post.author.did === did;
	switch (filter) {
		case 'posts_no_replies':
			return feed.filter(it => isRepost(it) || !recordReply(it.post));
		case 'posts_with_media':
			return feed.filter(it => own(it) && (hasImages(it.post) || hasVideo(it.post)));
		case 'posts_with_video':
			return feed.filter(it => own(it) && hasVideo(it.post));
		case 'posts_and_author_threads':
			return feed.filter(it => {
				if (isRepost(it)) return true;
				const reply = recordReply(it.post);
				return !reply || authority(reply.root.uri) === did;
			});
		default:
			return [...feed];
	}
}

/** posts_and_author_threads: keep replies only when their whole parent chain is on the same page. */
function selfThreadTrack(page: FeedViewPost[]): FeedViewPost[] {
	const inPage = new Map<string, PostView>();
	for (const it of page) if (!isRepost(it)) inPage.set(it.post.uri, it.post);
	const chainOk = (post: PostView): boolean => {
		const seen = new Set<string>();
		let cur = post;
		for (;;) {
			const reply = recordReply(cur);
			if (!reply) return true;
			if (seen.has(cur.uri)) return false;
			seen.add(cur.uri);
			const parent = inPage.get(reply.parent.uri);
			if (!parent) return false;
			cur = parent;
		}
	};
	return page.filter(it => isRepost(it) || chainOk(it.post));
}

class BadRequest extends Error {
	constructor(
		readonly error: string,
		message: string,
	) {
		super(message);
	}
}

function parseLimit(raw: string | null): number {
	if (raw === null) return 50;
	const n = Number(raw);
	if (!Number.isInteger(n)) throw new BadRequest('InvalidRequest', 'limit must be an integer');
	if (n < 1) throw new BadRequest('InvalidRequest', 'limit can not be less than 1');
	if (n > 100) throw new BadRequest('InvalidRequest', 'limit can not be greater than 100');
	return n;
}

function parseBool(raw: string | null, name: string): boolean {
	if (raw === null || raw === 'false') return false;
	if (raw === 'true') return true;
	throw new BadRequest('InvalidRequest', `${name} must be a boolean`);
}

function required(url: URL, name: string): string {
	const v = url.searchParams.get(name);
	if (v === null || v === '') throw new BadRequest('InvalidRequest', `Error: Params must have the property "${name}"`);
	return v;
}

// ---------------------------------------------------------------------------------------------
// Server
// ---------------------------------------------------------------------------------------------

interface Injection {
	key: string;
	response: InjectedResponse;
	remaining: number;
}

export async function startXrpcServer(opts: XrpcServerOptions = {}): Promise<XrpcServer> {
	const actors = new Map<string, XrpcActor>(); // by DID
	let pageSize = opts.pageSize ?? 3;
	const extraPosts = [...(opts.extraPosts ?? [])];
	let injections: Injection[] = [];

	const copyActor = (a: XrpcActor): XrpcActor => ({
		profile: a.profile,
		feed: [...a.feed],
		...(a.extraPosts ? {extraPosts: [...a.extraPosts]} : {}),
	});
	for (const a of opts.actors ?? []) actors.set(a.profile.did, copyActor(a));

	/** Handle (case-insensitive) or DID → DID of a known actor. */
	const resolve = (id: string): string | undefined => {
		if (actors.has(id)) return id;
		const lower = id.toLowerCase();
		for (const a of actors.values()) if (a.profile.handle.toLowerCase() === lower) return a.profile.did;
		return undefined;
	};
	const mustActor = (id: string): XrpcActor => {
		const did = resolve(id);
		const a = did ? actors.get(did) : undefined;
		if (!a) throw new Error(`xrpc-server: unknown actor ${id}`);
		return a;
	};

	const postIndex = (): Map<string, PostView> => {
		const idx = new Map<string, PostView>();
		const add = (p: unknown) => {
			const v = p as {$type?: string; uri?: string; record?: unknown} | undefined;
			if (v?.uri && v.record !== undefined && (v.$type === undefined || v.$type === 'app.bsky.feed.defs#postView')) {
				const {$type: _t, ...post} = v as PostView & {$type?: string};
				if (!idx.has(post.uri)) idx.set(post.uri, post);
			}
		};
		for (const a of actors.values()) {
			for (const it of a.feed) {
				add(it.post);
				add(it.reply?.root);
				add(it.reply?.parent);
			}
			for (const p of a.extraPosts ?? []) add(p);
		}
		for (const p of extraPosts) add(p);
		return idx;
	};

	const takeInjection = (nsid: string, subject: string | undefined): InjectedResponse | undefined => {
		const did = subject === undefined ? undefined : resolve(subject);
		const inj = injections.find(i => {
			const scope = i.response.nsid;
			if (scope !== undefined && !(typeof scope === 'string' ? scope === nsid : scope.includes(nsid))) return false;
			if (i.key === '*') return true;
			if (subject === undefined) return false;
			if (i.key === subject || i.key.toLowerCase() === subject.toLowerCase()) return true;
			return did !== undefined && resolve(i.key) === did;
		});
		if (!inj) return undefined;
		inj.remaining -= 1;
		if (inj.remaining <= 0) injections = injections.filter(i => i !== inj);
		return inj.response;
	};

	const sendInjected = (res: ServerResponse, r: InjectedResponse) => {
		if (r.body === undefined) {
			sendText(res, r.status, '', r.contentType ?? 'application/json; charset=utf-8', r.headers);
		} else if (typeof r.body === 'string' || Buffer.isBuffer(r.body)) {
			sendText(res, r.status, r.body, r.contentType ?? 'text/plain; charset=utf-8', r.headers);
		} else if (r.contentType !== undefined) {
			sendText(res, r.status, JSON.stringify(r.body), r.contentType, r.headers);
		} else {
			sendJson(res, r.status, r.body, r.headers);
		}
	};

	type Handler = (url: URL) => unknown;
	const methods: Record<string, {subject: (url: URL) => string | undefined; handle: Handler}> = {
		[NSID.getAuthorFeed]: {
			subject: url => url.searchParams.get('actor') ?? undefined,
			handle: url => {
				const actorParam = required(url, 'actor');
				const limit = parseLimit(url.searchParams.get('limit'));
				const includePins = parseBool(url.searchParams.get('includePins'), 'includePins');
				const filter = url.searchParams.get('filter') ?? 'posts_with_replies';
				const cursor = url.searchParams.get('cursor');
				const did = resolve(actorParam);
				const actor = did ? actors.get(did) : undefined;
				if (!did || !actor) throw new BadRequest('InvalidRequest', 'Profile not found');

				const list = filterItems(actor.feed, filter, did);
				let start = 0;
				if (cursor !== null && cursor !== '') {
					const m = /^(\d+)::(.+)$/.exec(cursor);
					if (!m) throw new BadRequest('InvalidRequest', 'Malformed cursor');
					const ms = Number(m[1]);
					const idx = list.findIndex(it => itemKey(it) === m[2]);
					if (idx >= 0) start = idx + 1;
					else {
						const next = list.findIndex(it => sortAtMs(it) < ms);
						start = next >= 0 ? next : list.length;
					}
				}
				const n = Math.min(limit, pageSize);
				const slice = list.slice(start, start + n);
				const more = start + n < list.length;
				const last = slice[slice.length - 1];
				const nextCursor = last && (more || opts.trailingEmptyPage) ? cursorOf(last) : undefined;

				let page = filter === 'posts_and_author_threads' ? selfThreadTrack(slice) : slice;
				const pinned = actor.profile.pinnedPost;
				if (includePins && (cursor === null || cursor === '') && pinned && authority(pinned.uri) === did) {
					const natural = actor.feed.find(it => !isRepost(it) && it.post.uri === pinned.uri);
					const post = natural?.post ?? postIndex().get(pinned.uri);
					if (post) {
						const pinItem: FeedViewPost = {
							...(natural ?? {post}),
							reason: {$type: 'app.bsky.feed.defs#reasonPin'},
						};
						page = [pinItem, ...page.filter(it => isRepost(it) || it.post.uri !== pinned.uri)];
					}
				}
				return nextCursor === undefined ? {feed: page} : {cursor: nextCursor, feed: page};
			},
		},
		[NSID.getProfile]: {
			subject: url => url.searchParams.get('actor') ?? undefined,
			handle: url => {
				const did = resolve(required(url, 'actor'));
				const actor = did ? actors.get(did) : undefined;
				if (!actor) throw new BadRequest('InvalidRequest', 'Profile not found');
				return actor.profile;
			},
		},
		[NSID.resolveHandle]: {
			subject: url => url.searchParams.get('handle') ?? undefined,
			handle: url => {
				const handle = required(url, 'handle');
				const did = handle.startsWith('did:') ? undefined : resolve(handle);
				if (!did) throw new BadRequest('InvalidRequest', 'Unable to resolve handle');
				return {did};
			},
		},
		[NSID.getPostThread]: {
			subject: url => {
				const uri = url.searchParams.get('uri');
				return uri ? authority(uri) : undefined;
			},
			handle: url => {
				const rawUri = required(url, 'uri');
				const depth = url.searchParams.has('depth') ? Number(url.searchParams.get('depth')) : 6;
				const parentHeight = url.searchParams.has('parentHeight') ? Number(url.searchParams.get('parentHeight')) : 80;
				const auth = authority(rawUri);
				const did = auth.startsWith('did:') ? auth : resolve(auth);
				const uri = did ? rawUri.replace(`at://${auth}`, `at://${did}`) : rawUri;
				const idx = postIndex();
				const anchor = idx.get(uri);
				if (!anchor) throw new BadRequest('NotFound', `Post not found: ${rawUri}`);
				const children = new Map<string, PostView[]>();
				for (const p of idx.values()) {
					const r = recordReply(p);
					if (!r) continue;
					const list = children.get(r.parent.uri) ?? [];
					list.push(p);
					children.set(r.parent.uri, list);
				}
				const down = (p: PostView, d: number): Record<string, unknown> => {
					const kids = (children.get(p.uri) ?? []).sort((a, b) => a.indexedAt.localeCompare(b.indexedAt));
					return {
						$type: 'app.bsky.feed.defs#threadViewPost',
						post: p,
						...(d > 0 ? {replies: kids.map(k => down(k, d - 1))} : {}),
					};
				};
				const up = (p: PostView, h: number): Record<string, unknown> | undefined => {
					const r = recordReply(p);
					if (!r || h <= 0) return undefined;
					const parent = idx.get(r.parent.uri);
					if (!parent) return {$type: 'app.bsky.feed.defs#notFoundPost', uri: r.parent.uri, notFound: true};
					const grand = up(parent, h - 1);
					return {$type: 'app.bsky.feed.defs#threadViewPost', post: parent, ...(grand ? {parent: grand} : {})};
				};
				const thread = down(anchor, depth);
				const parent = up(anchor, parentHeight);
				return {thread: parent ? {...thread, parent} : thread};
			},
		},
		[NSID.getPosts]: {
			subject: () => undefined,
			handle: url => {
				const uris = url.searchParams.getAll('uris');
				if (uris.length > 25) throw new BadRequest('InvalidRequest', 'uris must not have more than 25 elements');
				const idx = postIndex();
				return {posts: uris.flatMap(u => idx.get(u) ?? [])};
			},
		},
	};

	const base = await startServer();
	base.route('GET', '/xrpc/*', (_req, res, url) => {
		const nsid = url.pathname.slice('/xrpc/'.length);
		const method = methods[nsid];
		const injected = takeInjection(nsid, method ? method.subject(url) : undefined);
		if (injected) {
			sendInjected(res, injected);
			return;
		}
		if (!method) {
			sendJson(res, 501, {error: 'MethodNotImplemented', message: 'Method Not Implemented'});
			return;
		}
		try {
			sendJson(res, 200, method.handle(url));
		} catch (err) {
			if (err instanceof BadRequest) sendJson(res, 400, {error: err.error, message: err.message});
			else throw err;
		}
	});

	const api = {
		setActor(actor: XrpcActor) {
			actors.set(actor.profile.did, copyActor(actor));
		},
		removeActor(actor: string) {
			const did = resolve(actor);
			if (did) actors.delete(did);
		},
		setFeed(actor: string, feed: FeedViewPost[]) {
			mustActor(actor).feed = [...feed];
		},
		setProfile(actor: string, profile: ProfileViewDetailed) {
			mustActor(actor).profile = profile;
		},
		setPageSize(n: number) {
			if (!Number.isInteger(n) || n < 1) throw new Error(`xrpc-server: bad page size ${n}`);
			pageSize = n;
		},
		injectResponse(actor: string, response: InjectedResponse) {
			injections.push({key: actor, response, remaining: response.times ?? Number.POSITIVE_INFINITY});
		},
		injectError(actor: string, response: InjectedResponse) {
			api.injectResponse(actor, response);
		},
		clearInjections(actor?: string) {
			injections = actor === undefined ? [] : injections.filter(i => i.key !== actor);
		},
		feedRequests(actor?: string) {
			const did = actor === undefined ? undefined : (resolve(actor) ?? actor);
			return base.requests.filter(r => {
				if (r.path !== xrpcPath(NSID.getAuthorFeed)) return false;
				if (did === undefined) return true;
				const a = r.query['actor'];
				return a !== undefined && (a === did || resolve(a) === did);
			});
		},
	};
	return Object.assign(base, api);
}
