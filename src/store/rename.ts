/**
 * `rename NAME NEW-NAME` in the cache: every place a researcher's name is kept moves to the new
 * name — items (`researcher`, `researcher_key`, and the first line of `search_text`), the fetch
 * state of their sources, bibliography paper items and the titles they are matched by. Into an
 * existing researcher it merges: where both had a paper item for the same paper, the one that
 * was already the new name's stays. What depends on the name is decided again: whether a mention
 * is by one of the paper's authors, a paper item's place among the authors, and so which of a
 * paper's items the timeline shows.
 */
import {authorMatches} from '../parse/author-match.js';
import type {Db} from './db.js';
import {updateOwn} from './paper-own.js';
import {chooseVisible} from './paper-visibility.js';

export interface RenameInCache {
	/** The name as the cache keys it now (any case). */
	from: string;
	/** The name it takes (the display name of the researcher it becomes or merges into). */
	to: string;
	/** The configured sources of the renamed researcher (their fetch state is renamed too). */
	sourceKeys: readonly string[];
}

/** Renames (or merges) a researcher's cached rows. Call inside a transaction. Returns how many items now carry the new name. */
export function renameResearcherInCache(db: Db, {from, to, sourceKeys}: RenameInCache): number {
	const fromKey = from.trim().toLowerCase();
	const toKey = to.trim().toLowerCase();
	if (fromKey !== toKey) {
		// Merging: a paper both had an item for keeps the new name's item; the other goes with its state.
		const dupes = db
			.prepare(
				`SELECT f.item_id FROM paper_items f JOIN paper_items t ON t.paper_id = f.paper_id AND t.researcher_key = ?
				 WHERE f.researcher_key = ?`,
			)
			.pluck()
			.all(toKey, fromKey) as string[];
		const drop = ['DELETE FROM mentions WHERE item_id = ?', 'DELETE FROM item_state WHERE item_id = ?', 'DELETE FROM paper_items WHERE item_id = ?', 'DELETE FROM items WHERE id = ?'].map(
			sql => db.prepare(sql),
		);
		for (const id of dupes) for (const statement of drop) statement.run(id);
		db.prepare('UPDATE paper_items SET researcher_key = ? WHERE researcher_key = ?').run(toKey, fromKey);
		// A title both had keeps the new name's paper.
		db.prepare('UPDATE OR IGNORE paper_titles SET researcher_key = ? WHERE researcher_key = ?').run(toKey, fromKey);
		db.prepare('DELETE FROM paper_titles WHERE researcher_key = ?').run(fromKey);
	}
	// search_text starts with the researcher's name, lower-cased as upsertItems wrote it (JavaScript's
	// toLowerCase, which SQLite's lower() is not beyond ASCII), then a newline.
	const renamed = db
		.prepare(
			`UPDATE items SET researcher = @to, researcher_key = @toKey, search_text = @toLower || substr(search_text, instr(search_text, char(10)))
			 WHERE researcher_key = @fromKey AND (researcher <> @to OR researcher_key <> @toKey)`,
		)
		.run({to, toKey, toLower: to.toLowerCase(), fromKey}).changes;
	db.prepare('UPDATE sources SET researcher = ? WHERE source_key IN (SELECT value FROM json_each(?))').run(to, JSON.stringify(sourceKeys));

	// What the name decides: own mentions, and the place among the authors of each paper item (by the
	// bibliography's author list first, as savePaperWorks placed it).
	const papers = db
		.prepare('SELECT DISTINCT m.paper_id FROM mentions m JOIN items i ON i.id = m.item_id WHERE i.researcher_key = ?')
		.pluck()
		.all(toKey) as string[];
	updateOwn(db, papers);
	const items = db
		.prepare(
			`SELECT p.item_id, p.paper_id, p.author_position, COALESCE(NULLIF(pa.authors, '[]'), pm.authors) AS authors FROM paper_items p
			 LEFT JOIN paper_meta pm ON pm.paper_id = p.paper_id AND pm.status = 'ok' LEFT JOIN papers pa ON pa.id = p.paper_id
			 WHERE p.researcher_key = ?`,
		)
		.all(toKey) as Array<{item_id: string; paper_id: string; author_position: number | null; authors: string | null}>;
	const setPosition = db.prepare('UPDATE paper_items SET author_position = ? WHERE item_id = ?');
	for (const item of items) {
		const position = authorPosition(to, item.authors);
		if (position !== item.author_position) setPosition.run(position, item.item_id);
	}
	for (const paper of new Set(items.map(i => i.paper_id))) chooseVisible(db, paper);
	return renamed;
}

/** The researcher's place among a stored JSON author list (0 = first), or null (not there, or no list). */
function authorPosition(researcher: string, authorsJson: string | null): number | null {
	if (authorsJson === null) return null;
	let authors: unknown;
	try {
		authors = JSON.parse(authorsJson);
	} catch {
		return null;
	}
	if (!Array.isArray(authors)) return null;
	const i = authors.findIndex(a => typeof a === 'string' && authorMatches(researcher, a));
	return i === -1 ? null : i;
}

/**
 * A source two researchers follow keeps one set of items, filed under whichever refreshed it last.
 * When the one they are filed under stops following it (`remove`), they are filed under the other
 * (bibliography paper items stay: they are per researcher already). Call inside a transaction.
 */
export function refileSourceItems(db: Db, sourceKey: string, to: string): void {
	db.prepare(
		`UPDATE items SET researcher = @to, researcher_key = @toKey, search_text = @toLower || substr(search_text, instr(search_text, char(10)))
		 WHERE source_key = @sourceKey AND kind <> 'paper' AND (researcher <> @to OR researcher_key <> @toKey)`,
	).run({to, toKey: to.trim().toLowerCase(), toLower: to.toLowerCase(), sourceKey});
	db.prepare('UPDATE sources SET researcher = ? WHERE source_key = ?').run(to, sourceKey);
}
