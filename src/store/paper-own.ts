/**
 * `mentions.own`: whether the researcher who mentioned a paper is one of its arXiv authors. Decided
 * when a mention is written (the metadata may be known already) and again when a paper's metadata
 * arrives, so listing own papers is an index lookup rather than name matching over every mention.
 */
import {isAuthor} from '../parse/author-match.js';
import {type Db, statement} from './db.js';

const BACKFILL_KEY = 'mentions.own';

/** Whether `researcher` is among the authors of a stored JSON author list (false when unknown or damaged). */
export function ownMention(researcher: string, authorsJson: string | null | undefined): boolean {
	if (!authorsJson || authorsJson === '[]') return false;
	let authors: unknown;
	try {
		authors = JSON.parse(authorsJson);
	} catch {
		return false;
	}
	if (!Array.isArray(authors)) return false;
	const names = authors.filter((a): a is string => typeof a === 'string');
	return names.length > 0 && isAuthor(researcher, names);
}

interface OwnRow {
	item_id: string;
	paper_id: string;
	researcher: string;
	own: number;
	authors: string | null;
	/** A bibliography source's paper item: the researcher's own paper whatever the names say. */
	bibliography: number;
}

function apply(db: Db, rows: readonly OwnRow[]): void {
	const set = statement(db, 'UPDATE mentions SET own = ? WHERE item_id = ? AND paper_id = ?');
	// A paper's authors are matched once per researcher, however often they mentioned it.
	const decided = new Map<string, boolean>();
	for (const row of rows) {
		const key = `${row.paper_id}\u0000${row.researcher}`;
		let own = row.bibliography === 1 ? true : decided.get(key);
		if (own === undefined) {
			own = ownMention(row.researcher, row.authors);
			decided.set(key, own);
		}
		if ((row.own === 1) !== own) set.run(own ? 1 : 0, row.item_id, row.paper_id);
	}
}

// Authors from a metadata service, else those a bibliography gave (ORCID gives none; DBLP all).
const SELECT = `SELECT m.item_id, m.paper_id, i.researcher, m.own, i.kind = 'paper' AS bibliography,
	COALESCE(pm.authors, NULLIF(p.authors, '[]')) AS authors FROM mentions m JOIN items i ON i.id = m.item_id
	LEFT JOIN paper_meta pm ON pm.paper_id = m.paper_id AND pm.status = 'ok' LEFT JOIN papers p ON p.id = m.paper_id`;

/** Decides `own` again for every mention of these papers (their metadata just changed). */
export function updateOwn(db: Db, paperIds: readonly string[]): void {
	const select = statement(db, `${SELECT} WHERE m.paper_id = ?`);
	for (const id of paperIds) apply(db, select.all(id) as OwnRow[]);
}

/** Once, after the schema gained `mentions.own`: decides it for the mentions written before. */
export function backfillOwn(db: Db): void {
	const pending = statement(db, 'SELECT value FROM app_state WHERE key = ?').get(BACKFILL_KEY) as {value: string} | undefined;
	if (pending === undefined) return;
	// Runs once in the cache's life: prepared, not kept (see statement in db.ts).
	db.transaction(() => {
		apply(db, db.prepare(`${SELECT} WHERE COALESCE(pm.authors, NULLIF(p.authors, '[]')) IS NOT NULL`).all() as OwnRow[]);
		db.prepare('DELETE FROM app_state WHERE key = ?').run(BACKFILL_KEY);
	}).immediate();
}
