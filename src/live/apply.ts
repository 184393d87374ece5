/**
 * Saves a batch of live events: one IMMEDIATE transaction (Store.transaction, as a refresh saves a
 * source) in which each touched account's stored posts gain the new ones and lose the deleted
 * ones, its items are rebuilt by the thread builder polling uses, and the cursor moves to the
 * batch's last event. Replayed events change nothing: a post stored as it is now is not news.
 */
import {itemId} from '../domain/identity.js';
import type {ItemDraft, SourceKind} from '../domain/types.js';
import type {BskyPost} from '../parse/bluesky/post.js';
import {type BskyEntry, buildItems} from '../parse/bluesky/threads.js';
import {safeDraft} from '../refresh/safe-items.js';
import {upsertItems} from '../store/items.js';
import {advanceLiveCursor, deleteItems, deletePosts, recentlyDeleted, rememberDeleted} from '../store/live.js';
import {canonicalRefs} from '../store/paper-identity.js';
import {loadPosts, savePosts} from '../store/posts.js';
import type {Store} from '../store/store.js';

/** A followed Bluesky source, by the account's DID. */
export interface LiveSource {
	researcher: string;
	sourceKey: string;
	did: string;
}

/** What one batch brings to one source: entries to add or replace, URIs deleted. */
export interface SourceChange {
	source: LiveSource;
	entries: BskyEntry[];
	deleted: string[];
}

export interface AppliedBatch {
	/** Items that are new or grew, not hidden: what `watch` prints. */
	changed: string[];
	/** Items that lost their last post. */
	removed: string[];
}

const BLUESKY: SourceKind = 'bluesky';

export function applyLiveBatch(store: Store, changes: readonly SourceChange[], lastTimeUs: number, now: Date, showReplies: boolean): AppliedBatch {
	const out: AppliedBatch = {changed: [], removed: []};
	const nowIso = now.toISOString();
	store.transaction(() => {
		const tombstones = recentlyDeleted(store.db);
		for (const change of changes) {
			const entries = change.entries.filter(e => !tombstones.has(e.uri));
			applyToSource(store, {...change, entries}, nowIso, showReplies, out);
		}
		rememberDeleted(store.db, changes.flatMap(c => c.deleted));
		advanceLiveCursor(store.db, lastTimeUs);
	});
	return out;
}

function applyToSource(store: Store, {source, entries, deleted}: SourceChange, nowIso: string, showReplies: boolean, out: AppliedBatch): void {
	const {db} = store;
	const stored = loadPosts<BskyEntry>(db, source.sourceKey);
	const byUri = new Map(stored.map(e => [e.uri, e]));
	const idFor = (key: string) => itemId(source.sourceKey, key);
	const options = {actorDid: source.did, idFor};
	const before = buildItems(stored, options);
	const repostUris = (list: Iterable<BskyEntry>) => [...list].flatMap(e => (e.type === 'repost' ? [e.uri] : []));
	const itemOfBefore = itemOfUri(before, idFor, repostUris(stored));
	// Replayed or unchanged: the same JSON savePosts wrote before.
	const fresh = entries.filter(e => {
		const old = byUri.get(e.uri);
		return old === undefined || JSON.stringify(old) !== JSON.stringify(e);
	});
	const gone = deleted.filter(uri => byUri.has(uri));
	if (fresh.length === 0 && gone.length === 0) return;
	for (const uri of gone) byUri.delete(uri);
	for (const e of fresh) byUri.set(e.uri, e);
	const after = buildItems([...byUri.values()], options);
	const itemOfAfter = itemOfUri(after, idFor, repostUris(byUri.values()));
	// Items to write: those holding a new post, those that held a deleted one, and any new id (a
	// thread split by a deleted middle post).
	const touched = new Set<string>();
	for (const e of fresh) {
		const id = itemOfAfter.get(e.uri);
		if (id !== undefined) touched.add(id);
	}
	for (const uri of gone) {
		const id = itemOfBefore.get(uri);
		if (id !== undefined) touched.add(id);
	}
	const beforeIds = new Set(before.map(d => d.id));
	const afterIds = new Set(after.map(d => d.id));
	const drafts = after
		.filter(d => touched.has(d.id) || !beforeIds.has(d.id))
		.map(d => safeDraft(d, ''))
		.filter((d): d is ItemDraft => d !== null)
		.map(d => (d.papers.length === 0 ? d : {...d, papers: canonicalRefs(db, d.papers)}));
	if (gone.length > 0) deletePosts(db, source.sourceKey, gone);
	if (fresh.length > 0) savePosts(db, source.sourceKey, fresh);
	upsertItems(db, {researcher: source.researcher, source: BLUESKY, sourceKey: source.sourceKey, now: nowIso}, drafts);
	const removed = [...beforeIds].filter(id => !afterIds.has(id));
	deleteItems(db, removed);
	out.removed.push(...removed);
	// What grew: items holding a post this batch brought (a delete alone prints nothing).
	const grown = new Set(fresh.flatMap(e => itemOfAfter.get(e.uri) ?? []));
	for (const d of drafts) if (grown.has(d.id) && (!d.hidden || (showReplies && d.hidden === 'reply'))) out.changed.push(d.id);
}

/**
 * Entry URI → id of the item showing it. A repost's item is keyed by its record's URI (as
 * buildItems keys it), a post's by the thread or post that holds it.
 */
function itemOfUri(drafts: readonly ItemDraft[], idFor: (key: string) => string, reposts: Iterable<string>): Map<string, string> {
	const map = new Map<string, string>();
	for (const d of drafts) if (d.kind !== 'repost') for (const p of d.posts) map.set(p.uri, d.id);
	const ids = new Set(drafts.map(d => d.id));
	for (const uri of reposts) if (ids.has(idFor(uri))) map.set(uri, idFor(uri));
	return map;
}

/** The entry a repost event makes: keyed by the repost record, holding the reposted post. */
export function repostEntry(uri: string, createdAt: string, post: BskyPost): BskyEntry {
	return {uri, createdAt, type: 'repost', post};
}

/** The entry a post event makes. */
export function postEntry(post: BskyPost): BskyEntry {
	return {uri: post.uri, createdAt: post.createdAt, type: 'post', post};
}
