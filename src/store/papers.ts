import type {DatePrecision, Paper, PaperMention, SourceKind} from '../domain/types.js';
import {type Db, statement} from './db.js';
import {HIDDEN} from './items.js';
import {idsOfMany} from './paper-aliases.js';
import {idsIn, idsParam} from './id-list.js';

export interface PaperFilter {
	researcher?: string;
	/** Case-insensitive substring of the id, title, arXiv authors, link texts or who mentioned it. */
	search?: string;
	includeHidden?: boolean;
	/** Only papers one of whose mentions is by an author of the paper (by `researcher` when given). */
	own?: boolean;
	/** Only papers some item mentioning which is unread (the papers view's read state: paperStates). */
	unread?: boolean;
}

interface MentionRow {
	paper_id: string;
	url: string;
	title: string | null;
	mention_title: string | null;
	authors: string;
	venue: string | null;
	own: number;
	item_id: string;
	researcher: string;
	source: SourceKind;
	date: string;
	date_precision: DatePrecision;
}

function escapeLike(s: string): string {
	return s.replace(/[\\%_]/g, c => `\\${c}`);
}

/**
 * The papers a filter selects, over `paper_index` (schema 4): its sort key column, so the list is
 * an index range; researcher and own-paper filters through the items and mentions indexes. The
 * search text is lower-cased by SQLite, which folds ASCII letters only (as LIKE compares them).
 */
function paperWhere(filter: PaperFilter): {sql: string; params: unknown[]; key: 'visible_key' | 'any_key'} {
	const key = filter.includeHidden ? 'any_key' : 'visible_key';
	const parts = [`pi.${key} IS NOT NULL`];
	const params: unknown[] = [];
	const hidden = filter.includeHidden ? '' : ` AND i.hidden <> ${HIDDEN.reply}`;
	const own = filter.own ? ' AND m.own = 1' : '';
	if (filter.researcher) {
		parts.push(`pi.paper_id IN (SELECT m.paper_id FROM items i JOIN mentions m ON m.item_id = i.id WHERE i.researcher_key = ?${hidden}${own})`);
		params.push(filter.researcher.trim().toLowerCase());
	} else if (filter.own) {
		parts.push(`pi.paper_id IN (SELECT m.paper_id FROM mentions m JOIN items i ON i.id = m.item_id WHERE m.own = 1${hidden})`);
	}
	if (filter.unread) {
		// As paperStates decides: read when every item mentioning the paper is read.
		parts.push('pi.paper_id IN (SELECT m.paper_id FROM mentions m LEFT JOIN item_state s ON s.item_id = m.item_id WHERE COALESCE(s.read, 0) = 0)');
	}
	const needle = filter.search?.trim().toLowerCase();
	if (needle) {
		parts.push(`pi.search_text LIKE ? ESCAPE '\\'`);
		params.push(`%${escapeLike(needle)}%`);
	}
	return {sql: `WHERE ${parts.join(' AND ')}`, params, key};
}

/** Number of papers the filter selects (an index count). */
export function countPapers(db: Db, filter: PaperFilter = {}): number {
	const where = paperWhere(filter);
	return (statement(db, `SELECT COUNT(*) AS n FROM paper_index pi ${where.sql}`).get(...where.params) as {n: number}).n;
}

/** Ids of papers `offset .. offset+limit` (all from `offset` when limit < 0), most recently mentioned first. */
export function paperIds(db: Db, filter: PaperFilter, offset: number, limit: number): string[] {
	const where = paperWhere(filter);
	const sql = `SELECT pi.paper_id FROM paper_index pi ${where.sql} ORDER BY pi.${where.key} DESC, pi.paper_id DESC LIMIT ? OFFSET ?`;
	const rows = statement(db, sql).all(...where.params, limit < 0 ? -1 : limit, Math.max(0, offset)) as Array<{paper_id: string}>;
	return rows.map(r => r.paper_id);
}

/**
 * These papers with every mention, newest first (a homepage's silently recorded publications
 * last, as in the index order), in the order of `ids` (unknown ids left out). The
 * title is the arXiv metadata's, else the first link card's, else a mention's link text; authors
 * come from the metadata; `own` was decided when the mention or the metadata was written.
 */
export function papersByIds(db: Db, ids: readonly string[], options: {includeHidden?: boolean} = {}): Paper[] {
	const byId = new Map<string, Paper>();
	const aliases = idsOfMany(db, ids);
	{
		const rows = statement(
			db,
			`SELECT m.paper_id, p.url, COALESCE(pm.title, p.title) AS title, m.title AS mention_title,
			 COALESCE(pm.authors, NULLIF(p.authors, '[]'), '[]') AS authors, COALESCE(pm.venue, p.venue) AS venue,
			 m.own, i.id AS item_id, i.researcher, i.source, i.date, i.date_precision
			 FROM mentions m JOIN papers p ON p.id = m.paper_id JOIN items i ON i.id = m.item_id
			 LEFT JOIN paper_meta pm ON pm.paper_id = p.id AND pm.status = 'ok'
			 WHERE ${idsIn('m.paper_id')} ${options.includeHidden ? '' : `AND i.hidden <> ${HIDDEN.reply}`}
			 ORDER BY (i.hidden = 2), i.date DESC, i.id DESC, m.position`,
		).all(idsParam(ids)) as MentionRow[];
		for (const row of rows) {
			let paper = byId.get(row.paper_id);
			if (!paper) {
				paper = {
					id: row.paper_id,
					url: row.url,
					title: row.title ?? null,
					authors: JSON.parse(row.authors) as string[],
					ids: aliases.get(row.paper_id) ?? [row.paper_id],
					venue: row.venue,
					mentions: [],
				};
				byId.set(row.paper_id, paper);
			}
			if (!paper.title && row.mention_title) paper.title = row.mention_title;
			const mention: PaperMention = {
				item: row.item_id,
				researcher: row.researcher,
				source: row.source,
				date: row.date,
				own: row.own === 1,
				datePrecision: row.date_precision,
			};
			paper.mentions.push(mention);
		}
	}
	return ids.map(id => byId.get(id)).filter((p): p is Paper => p !== undefined);
}

/** A window of the filtered papers: the cost grows with `limit`, not with the number of papers. */
export function paperWindow(db: Db, filter: PaperFilter, offset: number, limit: number): Paper[] {
	if (limit === 0) return [];
	return papersByIds(db, paperIds(db, filter, offset, limit), filter);
}

/**
 * Papers with every mention, most recently mentioned first. A paper with a researcher filter
 * keeps all its mentions (so "also shared by" stays visible) but appears only if that
 * researcher mentioned it.
 */
export function listPapers(db: Db, filter: PaperFilter = {}): Paper[] {
	return papersByIds(db, paperIds(db, filter, 0, -1), filter);
}

/**
 * listPapers a page at a time: the same papers in the same order, with the same mentions, but only
 * `size` papers' mentions in memory at once (the ids, read first, are all that is held for the
 * whole list). At 70,000 papers, listPapers held every mention as an object: half a gigabyte.
 */
export function* listPaperPages(db: Db, filter: PaperFilter = {}, size = 1000): Generator<Paper[]> {
	const ids = paperIds(db, filter, 0, -1);
	for (let i = 0; i < ids.length; i += size) yield papersByIds(db, ids.slice(i, i + size), filter);
}

/**
 * Read and star state of papers, which is their items': read when every item mentioning the
 * paper is read (as `isPaperRead`), starred when any is.
 */
export function paperStates(db: Db, ids: readonly string[]): Map<string, {read: boolean; starred: boolean}> {
	const out = new Map<string, {read: boolean; starred: boolean}>();
	{
		const rows = statement(
			db,
			`SELECT m.paper_id, COUNT(*) AS n, SUM(COALESCE(s.read, 0)) AS r, MAX(COALESCE(s.starred, 0)) AS st
			 FROM mentions m LEFT JOIN item_state s ON s.item_id = m.item_id
			 WHERE ${idsIn('m.paper_id')} GROUP BY m.paper_id`,
		).all(idsParam(ids)) as Array<{paper_id: string; n: number; r: number; st: number}>;
		for (const row of rows) out.set(row.paper_id, {read: row.n > 0 && row.r === row.n, starred: row.st === 1});
	}
	return out;
}
