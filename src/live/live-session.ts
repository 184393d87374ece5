/**
 * Bluesky live: Jetstream events for the followed accounts, hydrated through the AppView and saved
 * as a refresh saves them. What the open timeline and `watch` share.
 *
 * - Who is followed: every configured Bluesky source whose DID is known (a DID target, or the DID
 *   its first refresh learnt). `sync()` re-reads them; the connections change without a restart.
 * - Events are read by parse/jetstream.ts; those of accounts not followed are dropped (the server
 *   filters too, but not during the hello window of older servers, nor while a filter changes).
 * - Events wait up to BATCH_MS to share getPosts calls (25 URIs each), then are saved in one
 *   transaction with the cursor (apply.ts). Batches are saved in order, one at a time.
 * - The cursor: saved with each batch, never moved back; a reconnect replays from a little before
 *   it (replay is inclusive and saving is idempotent). Older than the replay window, it is no
 *   promise that nothing was missed: `covers()` says the author feeds must be polled once.
 */
import type {Settings} from '../config/config.js';
import {sourceKey} from '../domain/identity.js';
import type {ResearcherConfig} from '../domain/types.js';
import type {HttpClient} from '../net/http.js';
import type {BskyPost} from '../parse/bluesky/post.js';
import {postFromRecord} from '../parse/bluesky/record-post.js';
import {type JetstreamEvent, LIVE_COLLECTIONS, MAX_FRAME_BYTES, parseJetstreamFrame} from '../parse/jetstream.js';
import {cleanInline} from '../parse/sanitize.js';
import {uriAuthority} from '../parse/bluesky/post.js';
import {liveCursor, recentlyDeleted} from '../store/live.js';
import {allSourceStates} from '../store/sources.js';
import {knownPostUris} from '../store/posts.js';
import type {Store} from '../store/store.js';
import {applyLiveBatch, type LiveSource, postEntry, repostEntry, type SourceChange} from './apply.js';
import {JetstreamClient} from './jetstream-client.js';

/** Events gathered before one hydration call: short enough to stay "within seconds". */
export const BATCH_MS = 150;
/** A batch is hydrated and saved at this many events even before BATCH_MS is up. */
const BATCH_MAX = 200;
/** How long a post the AppView did not return yet is given before it is built from its record. */
const HYDRATE_RETRY_MS = 2000;
/** Jetstream keeps about a day (v1's default TTL is 24 h); a cursor older than this is not trusted to replay everything. */
export const REPLAY_WINDOW_MS = 20 * 3600_000;
/** Replay starts this far before the cursor: servers may reorder around it (reference §6). */
const REWIND_US = 2_000_000;
/**
 * Events waiting for their batch beyond this are dropped: a followed set's stream is a trickle, and
 * memory stays bounded whatever a server sends (the author feeds still have what was dropped).
 */
const MAX_PENDING = 50_000;

export type LiveState = 'off' | 'connecting' | 'up' | 'down';

export interface LiveSessionOptions {
	store: Store;
	settings: Pick<Settings, 'blueskyService' | 'showReplies'> & {jetstream: string};
	researchers: () => ResearcherConfig[];
	http: HttpClient;
	/** New or grown items, saved: their ids. */
	onItems?: (ids: string[]) => void;
	/** Items removed because their last post was deleted. */
	onRemoved?: (ids: string[]) => void;
	/** A state change, with a line for people (said once per change). */
	onState?: (state: LiveState, line: string) => void;
	/** Something passed over (a record that does not validate, a failed hydration): one line each. */
	onNote?: (line: string) => void;
	now?: () => Date;
	backoffMs?: {min: number; max: number};
	/** Getting posts from the AppView; the default uses the Bluesky adapter's client. */
	fetchPosts?: (uris: readonly string[]) => Promise<Map<string, BskyPost>>;
}

export class LiveSession {
	readonly #o: LiveSessionOptions;
	#client: JetstreamClient | undefined;
	#byDid = new Map<string, LiveSource[]>();
	#state: LiveState = 'off';
	#pending: JetstreamEvent[] = [];
	#timer: NodeJS.Timeout | undefined;
	#saving: Promise<void> = Promise.resolve();
	/** Where the stream starts when nothing was saved yet: when the session began. */
	readonly #startedUs: number;
	/** The cursor was fresh when the session began: the stream replays what happened meanwhile. */
	readonly #freshAtStart: boolean;
	#stopped = false;
	#lastDids = '';

	constructor(options: LiveSessionOptions) {
		this.#o = options;
		const now = this.#now();
		this.#startedUs = now.getTime() * 1000;
		const cursor = liveCursor(options.store.db);
		this.#freshAtStart = cursor !== null && now.getTime() - cursor / 1000 < REPLAY_WINDOW_MS;
	}

	get state(): LiveState {
		return this.#state;
	}

	/**
	 * Whether the stream stands in for polling the followed accounts' author feeds: it is up, or it
	 * is connecting with a fresh cursor (its replay will bring what happened since the last save).
	 */
	covers(): boolean {
		if (this.#state === 'up') return true;
		return this.#state === 'connecting' && this.#freshAtStart;
	}

	/** Starts (or updates) the subscriptions from the configured researchers. */
	sync(): void {
		if (this.#stopped) return;
		this.#byDid = followedSources(this.#o.store, this.#o.researchers());
		const dids = [...this.#byDid.keys()].sort();
		const key = dids.join(',');
		if (dids.length === 0) {
			this.#client?.close();
			this.#client = undefined;
			this.#lastDids = '';
			this.#setState('off', 'live: no Bluesky account to follow');
			return;
		}
		if (this.#client === undefined) {
			this.#client = new JetstreamClient({
				url: this.#o.settings.jetstream,
				collections: LIVE_COLLECTIONS,
				cursor: () => this.#resumeCursor(),
				maxMessageBytes: MAX_FRAME_BYTES,
				onFrame: text => this.#frame(text),
				onState: (up, reason) => this.#connectionState(up, reason),
				...(this.#o.backoffMs ? {backoffMs: this.#o.backoffMs} : {}),
			});
			this.#setState('connecting', 'live: connecting to Jetstream');
		}
		if (key !== this.#lastDids) this.#client.setDids(dids);
		this.#lastDids = key;
	}

	/** Closes the connections and saves what was received. */
	async stop(): Promise<void> {
		this.#stopped = true;
		this.#client?.close();
		this.#client = undefined;
		this.#flush();
		await this.#saving;
	}

	/**
	 * Where a connection starts: a little before the last saved event; before the first, where the
	 * session began. A cursor older than the replay window promises nothing (the author feeds are
	 * polled instead) and would only bring a day's burst: the stream then starts from now.
	 */
	#resumeCursor(): number {
		const nowUs = this.#now().getTime() * 1000;
		const base = liveCursor(this.#o.store.db) ?? this.#startedUs;
		return (nowUs - base > REPLAY_WINDOW_MS * 1000 ? nowUs : base) - REWIND_US;
	}

	#connectionState(up: boolean, reason: string | null): void {
		if (up) {
			this.#setState('up', `live: following ${this.#byDid.size} Bluesky account(s) through Jetstream`);
		} else {
			const why = cleanInline(reason ?? 'disconnected');
			this.#setState('down', `live: Jetstream unreachable (${why}); author feeds are polled meanwhile, retrying`);
		}
	}

	#setState(state: LiveState, line: string): void {
		if (this.#state === state) return;
		this.#state = state;
		this.#o.onState?.(state, line);
	}

	#frame(text: string): void {
		const event = parseJetstreamFrame(text);
		if (event === null) return;
		if (event.type === 'other' && event.rejected !== undefined && event.did !== null && this.#byDid.has(event.did)) {
			this.#o.onNote?.(`live: skipped ${cleanInline(event.rejected).slice(0, 300)}`);
		}
		if (this.#pending.length >= MAX_PENDING) return;
		this.#pending.push(event);
		if (this.#pending.length >= BATCH_MAX) this.#flush();
		else if (this.#timer === undefined) {
			this.#timer = setTimeout(() => this.#flush(), BATCH_MS);
		}
	}

	#flush(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		if (this.#pending.length === 0) return;
		const batch = this.#pending;
		this.#pending = [];
		this.#saving = this.#saving.then(() => this.#save(batch)).catch(error => this.#o.onNote?.(`live: could not save events: ${error instanceof Error ? error.message : String(error)}`));
	}

	async #save(batch: JetstreamEvent[]): Promise<void> {
		const lastTimeUs = Math.max(...batch.map(e => e.timeUs));
		// A replay may bring the create of a post deleted since: it is neither hydrated nor saved.
		const deleted = recentlyDeleted(this.#o.store.db);
		const followed = batch.filter(
			(e): e is Exclude<JetstreamEvent, {type: 'other'}> => e.type !== 'other' && this.#byDid.has(e.did) && (e.type === 'delete' || !deleted.has(e.uri)),
		);
		const posts = await this.#hydrate(followed);
		const changes = new Map<string, SourceChange>();
		const changeOf = (source: LiveSource): SourceChange => {
			let c = changes.get(source.sourceKey);
			if (c === undefined) changes.set(source.sourceKey, (c = {source, entries: [], deleted: []}));
			return c;
		};
		const indexedAt = this.#now().toISOString();
		for (const event of followed) {
			for (const source of this.#byDid.get(event.did) ?? []) {
				const change = changeOf(source);
				if (event.type === 'delete') {
					// In event order: a create earlier in the batch is undone, a later one stands.
					change.entries = change.entries.filter(e => e.uri !== event.uri);
					change.deleted.push(event.uri);
				} else if (event.type === 'post') {
					change.deleted = change.deleted.filter(uri => uri !== event.uri);
					const post = posts.get(event.uri) ?? postFromRecord(event.uri, event.did, event.record, indexedAt);
					change.entries.push(postEntry(post));
					// Own ancestors the AppView returned: a continuation joins a thread whose root was never stored.
					for (const uri of [post.replyParent, post.replyRoot]) {
						const ancestor = uri === null ? undefined : posts.get(uri);
						if (ancestor !== undefined && ancestor.authorDid === event.did) change.entries.push(postEntry(ancestor));
					}
				} else if (event.type === 'repost') {
					const subject = posts.get(event.subject);
					if (subject === undefined) this.#o.onNote?.(`live: skipped a repost of ${event.subject}: the AppView did not return the post`);
					else change.entries.push(repostEntry(event.uri, event.createdAt ?? indexedAt, subject));
				}
			}
		}
		const applied = applyLiveBatch(this.#o.store, [...changes.values()], lastTimeUs, this.#now(), this.#o.settings.showReplies);
		if (applied.changed.length > 0) this.#o.onItems?.(applied.changed);
		if (applied.removed.length > 0) this.#o.onRemoved?.(applied.removed);
	}

	/** The posts to build items from, by URI: new posts, their own ancestors not stored, reposted posts. */
	async #hydrate(events: readonly JetstreamEvent[]): Promise<Map<string, BskyPost>> {
		const uris = new Set<string>();
		for (const e of events) {
			if (e.type === 'repost') uris.add(e.subject);
			if (e.type !== 'post') continue;
			uris.add(e.uri);
			const reply = e.record['reply'] as {root?: {uri?: unknown}; parent?: {uri?: unknown}} | undefined;
			for (const ref of [reply?.parent?.uri, reply?.root?.uri]) {
				if (typeof ref !== 'string' || uriAuthority(ref) !== e.did) continue;
				const known = this.#byDid.get(e.did)?.some(s => knownPostUris(this.#o.store.db, s.sourceKey).has(ref));
				if (!known) uris.add(ref);
			}
		}
		if (uris.size === 0) return new Map();
		const fetch = this.#o.fetchPosts ?? (async (list: readonly string[]) => (await import('../sources/bluesky.js')).fetchPosts(this.#o.http, this.#o.settings.blueskyService, list));
		try {
			const found = await fetch([...uris]);
			// The AppView indexes a moment after the firehose: what it did not have yet is asked once more.
			const missing = events.flatMap(e => (e.type === 'post' ? [e.uri] : e.type === 'repost' ? [e.subject] : [])).filter(uri => !found.has(uri));
			if (missing.length > 0 && !this.#stopped) {
				await new Promise(resolve => setTimeout(resolve, HYDRATE_RETRY_MS));
				for (const [uri, post] of await fetch(missing)) found.set(uri, post);
			}
			return found;
		} catch (error) {
			// The posts still come from their records; reposts wait for the next poll.
			this.#o.onNote?.(`live: the AppView did not answer getPosts (${cleanInline(error instanceof Error ? error.message : String(error)).slice(0, 200)}); posts shown from their records`);
			return new Map();
		}
	}

	#now(): Date {
		return this.#o.now?.() ?? new Date();
	}
}

/** Configured Bluesky sources whose DID is known, by DID (one account may be followed under two names). */
export function followedSources(store: Store, researchers: readonly ResearcherConfig[]): Map<string, LiveSource[]> {
	const out = new Map<string, LiveSource[]>();
	const states = new Map(allSourceStates(store.db).map(s => [s.sourceKey, s.state]));
	for (const r of researchers) {
		for (const s of r.sources) {
			if (s.kind !== 'bluesky') continue;
			const key = sourceKey(s);
			const target = s.target.trim().replace(/^@/, '');
			const learnt = states.get(key)?.['did'];
			const did = target.startsWith('did:') ? target : typeof learnt === 'string' ? learnt : undefined;
			if (did === undefined) continue;
			const list = out.get(did) ?? [];
			list.push({researcher: r.name, sourceKey: key, did});
			out.set(did, list);
		}
	}
	return out;
}

/**
 * The researchers with their live Bluesky sources (those whose DID is known, which the stream
 * follows) left out: what a refresh polls while the stream covers Bluesky.
 */
export function withoutLiveSources(store: Store, researchers: readonly ResearcherConfig[]): ResearcherConfig[] {
	const live = new Set([...followedSources(store, researchers).values()].flatMap(list => list.map(s => s.sourceKey)));
	return researchers.map(r => ({...r, sources: r.sources.filter(s => s.kind !== 'bluesky' || !live.has(sourceKey(s)))}));
}
