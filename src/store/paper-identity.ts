/**
 * One paper, whatever its ids (issue 15). A work is named by several ids: its arXiv id, a
 * publisher's DOI, an ACL Anthology id. `paper_ids` points every id at the paper's canonical id
 * (the arXiv id when there is one, else the DOI, else another), so a thread that links the DOI
 * and a homepage that links the arXiv abstract mention one paper. When new ids show that two
 * stored papers are one, the one with the weaker canonical id is merged into the other: its
 * mentions, source records, titles and paper items move over, and its ids point at the survivor.
 */
import {normaliseTitle} from '../parse/bibliography/normalise-title.js';
import {urlOfId} from '../parse/bibliography/common.js';
import {type Db, statement} from './db.js';
import {betterId, canonicalId} from './paper-aliases.js';

export {betterId, canonicalId, idsOf} from './paper-aliases.js';
import {movePaperMeta} from './paper-meta.js';

const SQL = {
	canonical: 'SELECT paper_id FROM paper_ids WHERE alias = ?',
	alias: 'INSERT INTO paper_ids (alias, paper_id) VALUES (?, ?) ON CONFLICT(alias) DO UPDATE SET paper_id = excluded.paper_id',
	aliasesOf: 'SELECT alias FROM paper_ids WHERE paper_id = ?',
	titled: 'SELECT paper_id FROM paper_titles WHERE researcher_key = ? AND title_key = ?',
	title: `INSERT INTO paper_titles (researcher_key, title_key, paper_id) VALUES (?, ?, ?)
		ON CONFLICT(researcher_key, title_key) DO UPDATE SET paper_id = excluded.paper_id`,
} as const;

/**
 * Records that `ids` name one work (and, when `title` is given, that it is `researcherKey`'s work of
 * that title) and returns its canonical id. Papers stored under any of these ids, or under the
 * same normalised title of the same researcher, are merged into one. Call inside a transaction.
 */
export function registerWork(db: Db, ids: readonly string[], title?: {researcherKey: string; text: string}): string {
	const known = new Set<string>();
	for (const id of ids) known.add(canonicalId(db, id));
	const titleKey = title ? normaliseTitle(title.text) : '';
	const titled = titleKey.length >= 12 && title ? (statement(db, SQL.titled).get(title.researcherKey, titleKey) as {paper_id: string} | undefined) : undefined;
	if (titled) known.add(canonicalId(db, titled.paper_id));
	let canonical = [...known].reduce(betterId);
	for (const id of ids) canonical = betterId(canonical, id);
	for (const other of known) if (other !== canonical) mergePaper(db, other, canonical);
	const alias = statement(db, SQL.alias);
	alias.run(canonical, canonical);
	for (const id of ids) alias.run(id, canonical);
	if (titleKey.length >= 12 && title) statement(db, SQL.title).run(title.researcherKey, titleKey, canonical);
	return canonical;
}

/** The stored paper `from` becomes part of `into`: every row that named it names `into` now. */
export function mergePaper(db: Db, from: string, into: string): void {
	if (from === into) return;
	// Metadata a service gave under the old id describes the survivor now.
	movePaperMeta(db, from, into, new Date().toISOString());
	statement(db, 'UPDATE paper_ids SET paper_id = ? WHERE paper_id = ?').run(into, from);
	statement(db, SQL.alias).run(from, into);
	statement(db, 'UPDATE paper_titles SET paper_id = ? WHERE paper_id = ?').run(into, from);
	// The paper row first: mentions of `into` need it.
	const url = urlOfId(into) ?? (statement(db, 'SELECT url FROM papers WHERE id = ?').get(from) as {url: string} | undefined)?.url ?? '';
	statement(db, `INSERT INTO papers (id, url, title, authors, venue) SELECT ?, ?, title, authors, venue FROM papers WHERE id = ?
		ON CONFLICT(id) DO UPDATE SET title = COALESCE(papers.title, excluded.title), venue = COALESCE(papers.venue, excluded.venue),
		authors = CASE WHEN papers.authors = '[]' THEN excluded.authors ELSE papers.authors END`).run(into, url, from);
	// Moved by insert and delete (not UPDATE), so the paper index triggers see both papers change.
	statement(db, `INSERT OR IGNORE INTO mentions (item_id, paper_id, position, title, own)
		SELECT item_id, ?, position, title, own FROM mentions WHERE paper_id = ?`).run(into, from);
	statement(db, 'DELETE FROM mentions WHERE paper_id = ?').run(from);
	statement(db, `INSERT OR IGNORE INTO source_papers (source_key, paper_id, first_seen)
		SELECT source_key, ?, first_seen FROM source_papers WHERE paper_id = ?`).run(into, from);
	statement(db, 'DELETE FROM source_papers WHERE paper_id = ?').run(from);
	// A researcher with a paper item for each: the older item stays, the other goes.
	const dupes = statement(
		db,
		`SELECT f.item_id FROM paper_items f JOIN paper_items t ON t.paper_id = ? AND t.researcher_key = f.researcher_key
		 WHERE f.paper_id = ?`,
	).all(into, from) as Array<{item_id: string}>;
	for (const {item_id} of dupes) deleteItem(db, item_id);
	statement(db, 'UPDATE paper_items SET paper_id = ? WHERE paper_id = ?').run(into, from);
	statement(db, 'DELETE FROM papers WHERE id = ? AND id NOT IN (SELECT paper_id FROM mentions)').run(from);
}

function deleteItem(db: Db, id: string): void {
	statement(db, 'DELETE FROM mentions WHERE item_id = ?').run(id);
	statement(db, 'DELETE FROM item_state WHERE item_id = ?').run(id);
	statement(db, 'DELETE FROM paper_items WHERE item_id = ?').run(id);
	statement(db, 'DELETE FROM items WHERE id = ?').run(id);
}

/** Paper references with each id replaced by its canonical id (and URL), duplicates dropped. */
export function canonicalRefs<T extends {id: string; url: string}>(db: Db, refs: readonly T[]): T[] {
	const out: T[] = [];
	const seen = new Set<string>();
	for (const ref of refs) {
		const id = canonicalId(db, ref.id);
		if (seen.has(id)) continue;
		seen.add(id);
		out.push(id === ref.id ? ref : {...ref, id, url: urlOfId(id) ?? ref.url});
	}
	return out;
}
