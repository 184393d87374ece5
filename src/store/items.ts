import type {DatePrecision, Item, ItemDraft, ItemKind, Link, PaperRef, RepostAuthor, SourceKind, ThreadPost} from '../domain/types.js';
import {cacheVersion, type Db, statement} from './db.js';
import {idsIn, idsParam} from './id-list.js';
import {ownMention} from './paper-own.js';
import {SEARCH_COUNT, SEARCH_ROWIDS} from './search-index.js';

export interface ItemFilter {
	researcher?: string;
	source?: SourceKind;
	kind?: ItemKind;
	/** ISO date: items dated on or after. */
	since?: string;
	/** Only items dated this precisely (digest: the months and years that reach into its window). */
	precisions?: readonly DatePrecision[];
	unread?: boolean;
	/** With `unread`: this item is listed although read (the UI's item kept on screen after reading it). */
	keep?: string;
	starred?: boolean;
	search?: string;
	/** Include Bluesky replies to other people (never silent records). */
	includeHidden?: boolean;
}

interface ItemRow {
	id: string;
	researcher: string;
	source: SourceKind;
	kind: ItemKind;
	date: string;
	date_precision: Item['datePrecision'];
	title: string | null;
	text: string;
	url: string;
	posts: string;
	links: string;
	hidden: number;
	repost_of: string | null;
	read: number | null;
	starred: number | null;
}

/** Values of items.hidden. */
export const HIDDEN = {none: 0, reply: 1, silent: 2} as const;

const SELECT = `SELECT i.id, i.researcher, i.source, i.kind, i.date, i.date_precision, i.title, i.text, i.url,
	i.posts, i.links, i.hidden, i.repost_of, s.read, s.starred FROM items i LEFT JOIN item_state s ON s.item_id = i.id`;

/**
 * How a text filter finds its items. `index`: through the trigram index (items_fts), cheap when
 * matches are few. `scan`: a `LIKE '%text%'` test of each item, in timeline order, cheap when
 * matches are many (a window of 40 is found after a few hundred items) and the only way for text
 * shorter than a trigram. Both select exactly the same items.
 */
export type SearchPlan = 'index' | 'scan';

/** A trigram index matches text of at least three characters. */
const TRIGRAM = 3;

/**
 * Up to this many matches a window is read through the index (each match looked up, then sorted:
 * about 1.5 µs each); beyond it, matches are at least 1 in N/2000 items, so walking the timeline in
 * order meets a window's worth after a few thousand tests at most.
 */
export const INDEX_WINDOW_MAX = 2000;

function needleOf(filter: ItemFilter): string | null {
	const needle = filter.search?.trim().toLowerCase();
	return needle ? needle : null;
}

function indexable(needle: string): boolean {
	return [...needle].length >= TRIGRAM;
}

/** An FTS5 phrase: the text as one string of trigrams, only `"` needs escaping. */
function ftsPhrase(needle: string): string {
	return `"${needle.replace(/"/g, '""')}"`;
}

/**
 * Builds the WHERE clause shared by list, count and indexOf so the three always agree. `matches`:
 * the index plan's matching rowids already found (see indexedMatches), as a JSON array.
 */
export function whereClause(filter: ItemFilter, plan: SearchPlan = 'index', matches?: string): {sql: string; params: unknown[]} {
	const parts: string[] = [];
	const params: unknown[] = [];
	parts.push(filter.includeHidden ? `i.hidden IN (${HIDDEN.none}, ${HIDDEN.reply})` : `i.hidden = ${HIDDEN.none}`);
	if (filter.researcher) {
		parts.push('i.researcher_key = ?');
		params.push(filter.researcher.trim().toLowerCase());
	}
	if (filter.source) {
		parts.push('i.source = ?');
		params.push(filter.source);
	}
	if (filter.kind) {
		parts.push('i.kind = ?');
		params.push(filter.kind);
	}
	if (filter.since) {
		parts.push('i.date >= ?');
		params.push(filter.since);
	}
	if (filter.precisions) {
		parts.push('i.date_precision IN (SELECT value FROM json_each(?))');
		params.push(JSON.stringify(filter.precisions));
	}
	if (filter.unread && filter.keep !== undefined) {
		parts.push('(COALESCE(s.read, 0) = 0 OR i.id = ?)');
		params.push(filter.keep);
	} else if (filter.unread) parts.push('COALESCE(s.read, 0) = 0');
	if (filter.starred) parts.push('COALESCE(s.starred, 0) = 1');
	const needle = needleOf(filter);
	if (needle !== null) {
		const like = `%${escapeLike(needle)}%`;
		if (plan === 'index' && indexable(needle)) {
			// items_fts holds the visible items only; replies to others are few and scanned in their index range.
			const fts = matches === undefined ? `i.rowid IN (${SEARCH_ROWIDS})` : 'i.rowid IN (SELECT value FROM json_each(?))';
			const ftsParams = matches === undefined ? [ftsPhrase(needle), like] : [matches];
			if (filter.includeHidden) {
				parts.push(`(${fts} OR (i.hidden = ${HIDDEN.reply} AND i.search_text LIKE ? ESCAPE '\\'))`);
				params.push(...ftsParams, like);
			} else {
				parts.push(fts);
				params.push(...ftsParams);
			}
		} else {
			parts.push(`i.search_text LIKE ? ESCAPE '\\'`);
			params.push(like);
		}
	}
	return {sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params};
}

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, c => `\\${c}`);
}

/**
 * THE SEARCH MEMOS, per connection and needle (the search text, trimmed and lower-cased):
 *
 * - `plans`: the plan decided for the needle (see SearchPlan) and when. A typed character lists,
 *   counts and places the selection, and each asked for the same probe (a common word's took
 *   ~1.5 ms). A plan decides only the speed, never which items are found, so one a little stale (a
 *   refresh added matches meanwhile) is harmless. Bound: PLANS_MAX needles. Invalidated by age
 *   alone: decided again after PLAN_TTL_MS, whatever was written.
 * - `matches`: the rowids an indexed search (the index plan) matches, as a JSON array. Counting,
 *   listing and placing the selection each evaluated the trigram phrase again (a nine-letter rare
 *   word: 2.5 ms each at 100,000 items); with the matches found once, the three read at most
 *   INDEX_WINDOW_MAX rows by rowid. Bound: MATCHES_MAX needles. Invalidated by any change to the
 *   cache file: kept only while cacheVersion(db) is the one they were found at (a refresh in
 *   another process is seen on the next call).
 *
 * Past its bound, each map is forgotten all at once.
 */
interface SearchMemo {
	plans: Map<string, {plan: SearchPlan; at: number}>;
	matchesVersion: string;
	matches: Map<string, string>;
}
const searchMemos = new WeakMap<Db, SearchMemo>();
const PLAN_TTL_MS = 30_000;
const PLANS_MAX = 64;
const MATCHES_MAX = 32;

function searchMemo(db: Db): SearchMemo {
	let memo = searchMemos.get(db);
	if (memo === undefined) searchMemos.set(db, (memo = {plans: new Map(), matchesVersion: '', matches: new Map()}));
	return memo;
}

/** The remembered matches of this connection, emptied when the cache file changed since they were found. */
function currentMatches(db: Db): Map<string, string> {
	const memo = searchMemo(db);
	const version = cacheVersion(db);
	if (memo.matchesVersion !== version || memo.matches.size >= MATCHES_MAX) {
		memo.matchesVersion = version;
		memo.matches = new Map();
	}
	return memo.matches;
}

/** Index or scan for listing (see SearchPlan): one bounded probe of the trigram index decides. */
export function searchPlan(db: Db, filter: ItemFilter): SearchPlan {
	const needle = needleOf(filter);
	if (needle === null || !indexable(needle)) return 'scan';
	const known = searchMemo(db).plans;
	const now = Date.now();
	const hit = known.get(needle);
	if (hit !== undefined && now - hit.at < PLAN_TTL_MS) return hit.plan;
	// The probe reads the matches themselves: when they are few, they are the index plan's matches
	// (indexedMatches), found by this one evaluation of the phrase.
	const rowids = statement(db, `${SEARCH_ROWIDS} LIMIT ${INDEX_WINDOW_MAX + 1}`).pluck().all(ftsPhrase(needle), `%${escapeLike(needle)}%`) as number[];
	const plan: SearchPlan = rowids.length > INDEX_WINDOW_MAX ? 'scan' : 'index';
	if (plan === 'index') currentMatches(db).set(needle, JSON.stringify(rowids));
	if (known.size >= PLANS_MAX) known.clear();
	known.set(needle, {plan, at: now});
	return plan;
}

/** The matches of an indexable needle (the index plan), as a JSON array of rowids. */
function indexedMatches(db: Db, needle: string): string {
	const known = currentMatches(db);
	let matches = known.get(needle);
	if (matches === undefined) {
		const rowids = statement(db, SEARCH_ROWIDS).pluck().all(ftsPhrase(needle), `%${escapeLike(needle)}%`) as number[];
		known.set(needle, (matches = JSON.stringify(rowids)));
	}
	return matches;
}

/** The WHERE clause of a listing, by the filter's plan (with the index plan's matches found once). */
export function plannedWhere(db: Db, filter: ItemFilter): {sql: string; params: unknown[]; indexed: boolean} {
	const plan = searchPlan(db, filter);
	const needle = needleOf(filter);
	const matches = plan === 'index' && needle !== null && indexable(needle) ? indexedMatches(db, needle) : undefined;
	return {...whereClause(filter, plan, matches), indexed: matches !== undefined};
}

/**
 * One window of rows in `order`. Through the index plan the matches are sorted by date to pick the
 * window, then only its rows are read whole: sorting whole rows read the text and posts of every
 * match (a thousand, 12 ms with a cold page cache) to keep forty.
 */
function windowRows(db: Db, where: {sql: string; params: unknown[]; indexed: boolean}, order: string, params: unknown[]): ItemRow[] {
	const pick = `${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`;
	const sql = where.indexed
		? `${SELECT} WHERE i.rowid IN (SELECT i.rowid FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${pick}) ORDER BY ${order}`
		: `${SELECT} ${pick}`;
	return statement(db, sql).all(...where.params, ...params) as ItemRow[];
}

/** Where a window starts when it is read from a known row instead of from the top. */
export interface ItemKey {
	date: string;
	id: string;
}

export function listItems(db: Db, filter: ItemFilter, offset: number, limit: number): Item[] {
	const where = plannedWhere(db, filter);
	return hydrate(db, windowRows(db, where, 'i.date DESC, i.id DESC', [Math.max(0, limit), Math.max(0, offset)]));
}

/**
 * Items next to a known one, newest first either way: `older` skips `skip` items after `from` in
 * timeline order, `newer` ends `skip` items before it. A seek in the timeline index, so the cost
 * depends on `skip + limit`, not on how deep `from` is (OFFSET would walk every row above it).
 */
export function listItemsFrom(db: Db, filter: ItemFilter, from: ItemKey, direction: 'older' | 'newer', skip: number, limit: number): Item[] {
	const where = plannedWhere(db, filter);
	const older = direction === 'older';
	const seek = older ? '(i.date, i.id) < (?, ?)' : '(i.date, i.id) > (?, ?)';
	const sql = where.sql ? `${where.sql} AND ${seek}` : `WHERE ${seek}`;
	const order = older ? 'i.date DESC, i.id DESC' : 'i.date ASC, i.id ASC';
	const rows = windowRows(db, {...where, sql, params: [...where.params, from.date, from.id]}, order, [Math.max(0, limit), Math.max(0, skip)]);
	return hydrate(db, older ? rows : rows.reverse());
}

/** The window that ends `fromEnd` items before the last one, newest first: read backwards from the end. */
export function listItemsFromEnd(db: Db, filter: ItemFilter, fromEnd: number, limit: number): Item[] {
	const where = plannedWhere(db, filter);
	return hydrate(db, windowRows(db, where, 'i.date ASC, i.id ASC', [Math.max(0, limit), Math.max(0, fromEnd)]).reverse());
}

function onlyHiddenFilter(filter: ItemFilter): boolean {
	return !filter.researcher && !filter.source && !filter.kind && !filter.since && !filter.precisions && !filter.unread && !filter.starred;
}

export function countItems(db: Db, filter: ItemFilter): number {
	const needle = needleOf(filter);
	const hidden = filter.includeHidden ? [HIDDEN.none, HIDDEN.reply] : [HIDDEN.none];
	if (onlyHiddenFilter(filter) && needle === null) {
		// The whole timeline: kept by triggers (migration 3), so the first frame counts nothing.
		const row = statement(db, `SELECT COALESCE(SUM(n), 0) AS n FROM item_counts WHERE hidden IN (${hidden.join(', ')})`).get() as {n: number};
		return row.n;
	}
	if (onlyHiddenFilter(filter) && needle !== null && indexable(needle)) {
		// The live search: the trigram index holds exactly the visible items (with the rows queued for
		// it: search-index.ts), so it counts alone, without reading the items (most of the cost of a joined count).
		// With few matches (the index plan), they are found once for the count, the list and indexOf.
		let n =
			searchPlan(db, filter) === 'index'
				? (statement(db, `SELECT COUNT(*) FROM items i WHERE i.rowid IN (SELECT value FROM json_each(?)) AND i.hidden = ${HIDDEN.none}`).pluck().get(indexedMatches(db, needle)) as number)
				: (statement(db, SEARCH_COUNT).get({match: ftsPhrase(needle), like: `%${escapeLike(needle)}%`}) as {n: number}).n;
		if (filter.includeHidden) {
			n += (statement(db, `SELECT COUNT(*) AS n FROM items i WHERE i.hidden = ${HIDDEN.reply} AND i.search_text LIKE ? ESCAPE '\\'`).get(`%${escapeLike(needle)}%`) as {n: number}).n;
		}
		return n;
	}
	const where = whereClause(filter);
	const row = statement(db, `SELECT COUNT(*) AS n FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${where.sql}`).get(...where.params) as {
		n: number;
	};
	return row.n;
}

/** Position of an item in the filter's ordering (items newer than it, or tied and with a greater id). */
export function indexOfItem(db: Db, filter: ItemFilter, id: string): number {
	const target = statement(db, 'SELECT date FROM items WHERE id = ?').get(id) as {date: string} | undefined;
	if (!target) return -1;
	const where = plannedWhere(db, filter);
	const extra = `(i.date, i.id) > (?, ?)`;
	const sql = where.sql ? `${where.sql} AND ${extra}` : `WHERE ${extra}`;
	const row = statement(db, `SELECT COUNT(*) AS n FROM items i LEFT JOIN item_state s ON s.item_id = i.id ${sql}`).get(...where.params, target.date, id) as {
		n: number;
	};
	return row.n;
}

export function getItem(db: Db, id: string): Item | undefined {
	const rows = statement(db, `${SELECT} WHERE i.id = ?`).all(id) as ItemRow[];
	return hydrate(db, rows)[0];
}

/** Turns rows into contract items, attaching papers with one query for the whole page. */
function hydrate(db: Db, rows: ItemRow[]): Item[] {
	if (rows.length === 0) return [];
	const papersByItem = new Map<string, PaperRef[]>();
	const mentionRows = statement(
		db,
		`SELECT m.item_id, p.id, p.url, COALESCE(pm.title, p.title, m.title) AS title FROM mentions m JOIN papers p ON p.id = m.paper_id
		 LEFT JOIN paper_meta pm ON pm.paper_id = p.id AND pm.status = 'ok'
		 WHERE ${idsIn('m.item_id')} ORDER BY m.item_id, m.position`,
	).all(idsParam(rows.map(r => r.id))) as Array<{item_id: string; id: string; url: string; title: string | null}>;
	for (const m of mentionRows) {
		const list = papersByItem.get(m.item_id) ?? [];
		list.push({id: m.id, url: m.url, title: m.title});
		papersByItem.set(m.item_id, list);
	}
	return rows.map(row => ({
		id: row.id,
		researcher: row.researcher,
		source: row.source,
		kind: row.kind,
		date: row.date,
		datePrecision: row.date_precision,
		title: row.title,
		text: row.text,
		url: row.url,
		posts: JSON.parse(row.posts) as ThreadPost[],
		links: JSON.parse(row.links) as Link[],
		papers: papersByItem.get(row.id) ?? [],
		read: row.read === 1,
		starred: row.starred === 1,
		...(row.hidden === HIDDEN.reply ? {hidden: 'reply' as const} : row.hidden === HIDDEN.silent ? {hidden: 'silent' as const} : {}),
		...repostOf(row.repost_of),
	}));
}

/** The stored original author of a repost; nothing for other items or a damaged value. */
function repostOf(json: string | null): {repostOf?: RepostAuthor} {
	if (json === null) return {};
	try {
		const v = JSON.parse(json) as Partial<RepostAuthor>;
		return typeof v.name === 'string' && v.name !== '' ? {repostOf: {name: v.name, handle: typeof v.handle === 'string' ? v.handle : ''}} : {};
	} catch {
		return {};
	}
}

export interface UpsertContext {
	researcher: string;
	source: SourceKind;
	sourceKey: string;
	now: string;
}

/**
 * Inserts new items and updates changed ones (a thread that grew, an edited entry), keeping
 * first_seen and read/star state. Returns the ids that were new. Call inside a transaction.
 *
 * Set-based: each table gets ONE statement for all the drafts (their rows as one JSON parameter),
 * not one per draft. Inside a transaction every writing statement keeps a journal of the pages it
 * changes (to undo itself alone), and an item row, its indexes, triggers and mentions change a
 * few dozen pages: per draft, that journal was written to a temporary file for every item, most
 * of an all-new refresh's write cost. One statement journals each page once.
 */
export function upsertItems(db: Db, ctx: UpsertContext, drafts: ItemDraft[]): string[] {
	if (drafts.length === 0) return [];
	const unique = lastOfEachId(drafts);
	const ids = unique.map(d => d.id);
	const existing = new Map(
		(statement(db, `SELECT id, date FROM items WHERE ${idsIn('id')}`).all(idsParam(ids)) as Array<{id: string; date: string}>).map(r => [r.id, r.date]),
	);
	const paperIds = [...new Set(unique.flatMap(d => d.papers.map(p => p.id)))];
	// Paper metadata (arXiv titles and authors) is searchable too, not only the titles links gave.
	const metas = new Map(
		paperIds.length === 0
			? []
			: (
					statement(db, `SELECT paper_id, title, authors FROM paper_meta WHERE ${idsIn('paper_id')} AND status = 'ok'`).all(idsParam(paperIds)) as Array<{
						paper_id: string;
						title: string | null;
						authors: string;
					}>
				).map(r => [r.paper_id, r]),
	);
	const firstDates = firstDateOfEachId(drafts);
	const fresh: string[] = [];
	const itemRows: unknown[][] = [];
	const paperRows: unknown[][] = [];
	const mentionsOf = new Map<string, MentionRow[]>();
	for (const draft of unique) {
		const before = existing.get(draft.id);
		if (before === undefined) fresh.push(draft.id);
		// An item dated "when first seen" keeps that first date for ever.
		const date = draft.datePrecision === 'seen' ? (before ?? firstDates.get(draft.id) ?? draft.date) : draft.date;
		const paperTitles = draft.papers
			.map(p => {
				const meta = metas.get(p.id);
				const authors = meta ? (JSON.parse(meta.authors) as string[]).join(' ') : '';
				return [p.title ?? '', meta?.title ?? '', authors].join(' ').trim();
			})
			.join(' ');
		itemRows.push([
			draft.id,
			draft.kind,
			date,
			draft.datePrecision,
			draft.title,
			draft.text,
			draft.url,
			JSON.stringify(draft.posts),
			JSON.stringify(draft.links),
			draft.hidden ? HIDDEN[draft.hidden] : HIDDEN.none,
			[ctx.researcher, draft.repostOf?.name ?? '', draft.title ?? '', draft.text, paperTitles].join('\n').toLowerCase(),
			draft.repostOf === undefined ? null : JSON.stringify(draft.repostOf),
		]);
		const mentions: MentionRow[] = [];
		draft.papers.forEach((paper, position) => {
			paperRows.push([paper.id, paper.url, paper.title]);
			if (mentions.some(m => m.paper_id === paper.id)) return;
			const own = draft.own || ownMention(ctx.researcher, metas.get(paper.id)?.authors) ? 1 : 0;
			mentions.push({paper_id: paper.id, position, title: paper.title, own});
		});
		mentionsOf.set(draft.id, mentions);
	}
	statement(db, UPSERT_ITEMS).run({
		rows: JSON.stringify(itemRows),
		researcher: ctx.researcher,
		researcherKey: ctx.researcher.toLowerCase(),
		source: ctx.source,
		sourceKey: ctx.sourceKey,
		now: ctx.now,
	});
	if (paperRows.length > 0) statement(db, UPSERT_PAPERS).run(JSON.stringify(paperRows));
	const rewrite = mentionsToRewrite(db, unique, existing, mentionsOf);
	const known = rewrite.filter(id => existing.has(id));
	if (known.length > 0) statement(db, `DELETE FROM mentions WHERE ${idsIn('item_id')}`).run(idsParam(known));
	const mentionRows = rewrite.flatMap(id => (mentionsOf.get(id) ?? []).map(m => [id, m.paper_id, m.position, m.title, m.own]));
	if (mentionRows.length > 0) statement(db, INSERT_MENTIONS).run(JSON.stringify(mentionRows));
	return fresh;
}

/** Columns of an item row in UPSERT_ITEMS' JSON: `$[0]` id … `$[10]` search text, `$[11]` repost author. */
const UPSERT_ITEMS = `INSERT INTO items (id, researcher, researcher_key, source, source_key, kind, date, date_precision, title,
		text, url, posts, links, hidden, search_text, first_seen, updated_at, repost_of)
	SELECT r ->> '$[0]', @researcher, @researcherKey, @source, @sourceKey, r ->> '$[1]', r ->> '$[2]', r ->> '$[3]', r ->> '$[4]',
		r ->> '$[5]', r ->> '$[6]', r ->> '$[7]', r ->> '$[8]', r ->> '$[9]', r ->> '$[10]', @now, @now, r ->> '$[11]'
	FROM (SELECT value AS r FROM json_each(@rows) ORDER BY key) WHERE true
	ON CONFLICT(id) DO UPDATE SET researcher = excluded.researcher, researcher_key = excluded.researcher_key, kind = excluded.kind,
		date = excluded.date, date_precision = excluded.date_precision, title = excluded.title, text = excluded.text, url = excluded.url,
		posts = excluded.posts, links = excluded.links, hidden = excluded.hidden, search_text = excluded.search_text,
		updated_at = excluded.updated_at, repost_of = excluded.repost_of`;

/** In order: a paper keeps the first title any link gave it. */
const UPSERT_PAPERS = `INSERT INTO papers (id, url, title)
	SELECT r ->> '$[0]', r ->> '$[1]', r ->> '$[2]' FROM (SELECT value AS r FROM json_each(?) ORDER BY key) WHERE true
	ON CONFLICT(id) DO UPDATE SET title = COALESCE(papers.title, excluded.title)`;

const INSERT_MENTIONS = `INSERT OR IGNORE INTO mentions (item_id, paper_id, position, title, own)
	SELECT r ->> '$[0]', r ->> '$[1]', r ->> '$[2]', r ->> '$[3]', r ->> '$[4]' FROM (SELECT value AS r FROM json_each(?) ORDER BY key)`;

/**
 * The items whose mentions are written anew: every item but a known one that names the same
 * papers as before (most refreshes bring the same papers again: rewriting them would only re-run
 * the paper index triggers).
 */
function mentionsToRewrite(db: Db, drafts: readonly ItemDraft[], existing: ReadonlyMap<string, string>, mentionsOf: ReadonlyMap<string, MentionRow[]>): string[] {
	const withPapers = drafts.filter(d => existing.has(d.id) && (mentionsOf.get(d.id)?.length ?? 0) > 0).map(d => d.id);
	const old = new Map<string, MentionRow[]>();
	if (withPapers.length > 0) {
		const rows = statement(db, `SELECT item_id, paper_id, position, title, own FROM mentions WHERE ${idsIn('item_id')} ORDER BY item_id, position`).all(
			idsParam(withPapers),
		) as Array<MentionRow & {item_id: string}>;
		for (const {item_id, ...m} of rows) {
			const list = old.get(item_id) ?? [];
			list.push(m);
			old.set(item_id, list);
		}
	}
	return drafts
		.map(d => d.id)
		.filter(id => {
			const now = mentionsOf.get(id) ?? [];
			return !(existing.has(id) && now.length > 0 && sameMentions(old.get(id) ?? [], now));
		});
}

/** One draft per id, the last of each (a later draft of the same item replaces an earlier one), in first-seen order. */
function lastOfEachId(drafts: readonly ItemDraft[]): ItemDraft[] {
	const last = new Map<string, ItemDraft>();
	for (const d of drafts) last.set(d.id, d);
	if (last.size === drafts.length) return [...drafts];
	return [...last.values()];
}

/** The date of each id's first draft: a `seen` date stays the one its item was first written with. */
function firstDateOfEachId(drafts: readonly ItemDraft[]): Map<string, string> {
	const first = new Map<string, string>();
	for (const d of drafts) if (!first.has(d.id)) first.set(d.id, d.date);
	return first;
}

interface MentionRow {
	paper_id: string;
	position: number;
	title: string | null;
	own: number;
}

function sameMentions(a: readonly MentionRow[], b: readonly MentionRow[]): boolean {
	return (
		a.length === b.length &&
		a.every((m, i) => {
			const o = b[i];
			return o !== undefined && m.paper_id === o.paper_id && m.position === o.position && m.title === o.title && m.own === o.own;
		})
	);
}

export function setItemState(db: Db, id: string, patch: {read?: boolean; starred?: boolean}, now: string): void {
	statement(db, `INSERT INTO item_state (item_id, read, starred, changed_at) VALUES (@id, @read, @starred, @now)
		ON CONFLICT(item_id) DO UPDATE SET read = COALESCE(@readPatch, read), starred = COALESCE(@starredPatch, starred), changed_at = @now`).run({
		id,
		read: patch.read ? 1 : 0,
		starred: patch.starred ? 1 : 0,
		readPatch: patch.read === undefined ? null : patch.read ? 1 : 0,
		starredPatch: patch.starred === undefined ? null : patch.starred ? 1 : 0,
		now,
	});
}
