/** Which of a paper's items the timeline shows (light: the store calls it when sources go). */
import type {Db} from './db.js';
import {statement} from './db.js';
import {HIDDEN} from './items.js';

interface PaperItemRow {
	item_id: string;
	researcher_key: string;
	author_position: number | null;
	announce: number;
}

/**
 * Of a paper's items, the one the timeline shows: the announced item of the followed researcher who
 * comes first among the authors (then the oldest); every other item of the paper stays silent.
 */
export function chooseVisible(db: Db, paper: string): string | null {
	const rows = statement(
		db,
		`SELECT p.item_id, p.researcher_key, p.author_position, p.announce FROM paper_items p JOIN items i ON i.id = p.item_id
		 WHERE p.paper_id = ? ORDER BY p.author_position IS NULL, p.author_position, i.first_seen, p.item_id`,
	).all(paper) as PaperItemRow[];
	const announced = rows.some(r => r.announce === 1);
	const visible = announced ? rows[0]!.item_id : null;
	const setHidden = statement(db, 'UPDATE items SET hidden = ? WHERE id = ? AND hidden <> ?');
	for (const row of rows) {
		const hidden = row.item_id === visible ? HIDDEN.none : HIDDEN.silent;
		setHidden.run(hidden, row.item_id, hidden);
	}
	return visible;
}
