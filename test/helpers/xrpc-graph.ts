/**
 * The loopback AppView's graph endpoints, added to a server from `startXrpcServer` through its
 * `route()` method: `app.bsky.graph.getStarterPack`, `app.bsky.graph.getList` and
 * `app.bsky.graph.getFollows` (paged by an opaque cursor, `pageSize` items per page at most),
 * and `app.bsky.actor.getProfiles` (≤ 25 actors). Accounts are also registered as actors (empty
 * feeds) so `com.atproto.identity.resolveHandle` knows them. Every answer is checked with
 * `lexicons.assertValidXrpcOutput` before it is sent (a failure becomes a 500 kept in `errors`),
 * and every record with `lexicons.assertValidRecord`.
 */
import type {AppBskyActorDefs, AppBskyGraphDefs} from '@atproto/api';
import {lexicons} from '@atproto/api';
import {recordCid, tidFromDate} from '../fixtures/bluesky/build.js';
import {sendJson} from './loopback-server.js';
import type {XrpcServer} from './xrpc-server.js';

export const GRAPH_NSID = {
	getStarterPack: 'app.bsky.graph.getStarterPack',
	getList: 'app.bsky.graph.getList',
	getFollows: 'app.bsky.graph.getFollows',
	getProfiles: 'app.bsky.actor.getProfiles',
} as const;

export interface GraphAccount {
	did: string;
	handle: string;
	displayName?: string;
	description?: string;
	website?: string;
}

export interface GraphList {
	creator: string;
	rkey: string;
	name: string;
	/** Member DIDs in list order. */
	members: string[];
}

export interface GraphStarterPack {
	creator: string;
	rkey: string;
	name: string;
	/** rkey of the creator's list holding the pack's members. */
	list: string;
}

export interface GraphFixture {
	accounts: GraphAccount[];
	lists?: GraphList[];
	starterPacks?: GraphStarterPack[];
	/** DID → DIDs it follows, in order. */
	follows?: Record<string, string[]>;
}

const CREATED = '2024-11-05T10:00:00.000Z';
const INDEXED = '2025-06-01T12:00:00.000Z';

class BadRequest extends Error {
	constructor(
		readonly error: string,
		message: string,
	) {
		super(message);
	}
}

function profileView(a: GraphAccount): AppBskyActorDefs.ProfileView {
	return {
		did: a.did,
		handle: a.handle,
		...(a.displayName !== undefined ? {displayName: a.displayName} : {}),
		...(a.description !== undefined ? {description: a.description} : {}),
		indexedAt: INDEXED,
		createdAt: CREATED,
		labels: [],
	};
}

function profileBasic(a: GraphAccount): AppBskyActorDefs.ProfileViewBasic {
	return {did: a.did, handle: a.handle, ...(a.displayName !== undefined ? {displayName: a.displayName} : {}), labels: [], createdAt: CREATED};
}

function profileDetailed(a: GraphAccount): AppBskyActorDefs.ProfileViewDetailed {
	const {$type: _type, ...view} = profileView(a);
	return {
		...view,
		...(a.website !== undefined ? {website: a.website} : {}),
		followersCount: 100,
		followsCount: 50,
		postsCount: 10,
	};
}

function page<T>(url: URL, all: readonly T[], pageSize: number): {items: T[]; cursor?: string} {
	const rawLimit = url.searchParams.get('limit');
	const limit = rawLimit === null ? 50 : Number(rawLimit);
	if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new BadRequest('InvalidRequest', 'limit must be an integer between 1 and 100');
	const cursor = url.searchParams.get('cursor');
	const start = cursor ? Number(/^o(\d+)$/.exec(cursor)?.[1] ?? NaN) : 0;
	if (Number.isNaN(start)) throw new BadRequest('InvalidRequest', 'Malformed cursor');
	const n = Math.min(limit, pageSize);
	const items = all.slice(start, start + n);
	return start + n < all.length ? {items, cursor: `o${start + n}`} : {items};
}

/** Registers the graph endpoints on `server`. Returns the URIs of the lists and starter packs. */
export async function addGraphRoutes(
	server: XrpcServer,
	fixture: GraphFixture,
	options: {pageSize?: number} = {},
): Promise<{lists: Record<string, string>; starterPacks: Record<string, string>}> {
	const pageSize = options.pageSize ?? 2;
	const accounts = new Map(fixture.accounts.map(a => [a.did, a]));
	const account = (id: string): GraphAccount | undefined => accounts.get(id) ?? fixture.accounts.find(a => a.handle.toLowerCase() === id.toLowerCase());
	for (const a of fixture.accounts) server.setActor({profile: profileDetailed(a), feed: []});

	const lists = new Map<string, {view: AppBskyGraphDefs.ListView; basic: AppBskyGraphDefs.ListViewBasic; items: AppBskyGraphDefs.ListItemView[]}>();
	const listUris: Record<string, string> = {};
	for (const l of fixture.lists ?? []) {
		const creator = accounts.get(l.creator);
		if (!creator) throw new Error(`xrpc-graph: unknown list creator ${l.creator}`);
		const record = {$type: 'app.bsky.graph.list', purpose: 'app.bsky.graph.defs#curatelist', name: l.name, createdAt: CREATED};
		lexicons.assertValidRecord('app.bsky.graph.list', record);
		const uri = `at://${l.creator}/app.bsky.graph.list/${l.rkey}`;
		const cid = await recordCid(record);
		const items = l.members.map((did, i) => {
			const member = accounts.get(did);
			if (!member) throw new Error(`xrpc-graph: unknown list member ${did}`);
			return {uri: `at://${l.creator}/app.bsky.graph.listitem/${tidFromDate(CREATED, i + 1)}`, subject: profileView(member)};
		});
		const base = {uri, cid, name: l.name, purpose: 'app.bsky.graph.defs#curatelist', listItemCount: items.length, labels: []};
		lists.set(uri, {view: {...base, creator: profileView(creator), indexedAt: INDEXED}, basic: {...base, indexedAt: INDEXED}, items});
		listUris[l.rkey] = uri;
	}

	const packs = new Map<string, AppBskyGraphDefs.StarterPackView>();
	const packUris: Record<string, string> = {};
	for (const p of fixture.starterPacks ?? []) {
		const creator = accounts.get(p.creator);
		const listUri = `at://${p.creator}/app.bsky.graph.list/${p.list}`;
		const list = lists.get(listUri);
		if (!creator || !list) throw new Error(`xrpc-graph: starter pack ${p.rkey} needs a known creator and list`);
		const record = {$type: 'app.bsky.graph.starterpack', name: p.name, list: listUri, createdAt: CREATED};
		lexicons.assertValidRecord('app.bsky.graph.starterpack', record);
		const uri = `at://${p.creator}/app.bsky.graph.starterpack/${p.rkey}`;
		packs.set(uri, {
			uri,
			cid: await recordCid(record),
			record,
			creator: profileBasic(creator),
			list: list.basic,
			// Like the AppView: a sample only, so clients must read the list for every member.
			listItemsSample: list.items.slice(0, 2),
			joinedWeekCount: 0,
			joinedAllTimeCount: 3,
			labels: [],
			indexedAt: INDEXED,
		});
		packUris[p.rkey] = uri;
	}

	const required = (url: URL, name: string): string => {
		const v = url.searchParams.get(name);
		if (v === null || v === '') throw new BadRequest('InvalidRequest', `Error: Params must have the property "${name}"`);
		return v;
	};
	const handlers: Record<string, (url: URL) => unknown> = {
		[GRAPH_NSID.getStarterPack]: url => {
			const pack = packs.get(required(url, 'starterPack'));
			if (!pack) throw new BadRequest('NotFound', 'Starter pack not found');
			return {starterPack: pack};
		},
		[GRAPH_NSID.getList]: url => {
			const list = lists.get(required(url, 'list'));
			if (!list) throw new BadRequest('NotFound', 'List not found');
			const {items, cursor} = page(url, list.items, pageSize);
			return {...(cursor ? {cursor} : {}), list: list.view, items};
		},
		[GRAPH_NSID.getFollows]: url => {
			const subject = account(required(url, 'actor'));
			if (!subject) throw new BadRequest('InvalidRequest', 'Profile not found');
			const all = (fixture.follows?.[subject.did] ?? []).map(did => profileView(accounts.get(did)!));
			const {items, cursor} = page(url, all, pageSize);
			return {subject: profileView(subject), ...(cursor ? {cursor} : {}), follows: items};
		},
		[GRAPH_NSID.getProfiles]: url => {
			const actors = url.searchParams.getAll('actors');
			if (actors.length === 0) throw new BadRequest('InvalidRequest', 'Error: Params must have the property "actors"');
			if (actors.length > 25) throw new BadRequest('InvalidRequest', 'actors must not have more than 25 elements');
			return {profiles: actors.flatMap(a => {
				const found = account(a);
				return found ? [profileDetailed(found)] : [];
			})};
		},
	};
	for (const [nsid, handle] of Object.entries(handlers)) {
		server.route('GET', `/xrpc/${nsid}`, (_req, res, url) => {
			let body: unknown;
			try {
				body = handle(url);
			} catch (error) {
				if (error instanceof BadRequest) {
					sendJson(res, 400, {error: error.error, message: error.message});
					return;
				}
				throw error;
			}
			lexicons.assertValidXrpcOutput(nsid, body);
			sendJson(res, 200, body);
		});
	}
	return {lists: listUris, starterPacks: packUris};
}
