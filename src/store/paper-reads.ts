/** What the UI reads of papers beyond the paper index: bibliography descriptions and mention heads. */
import type {MentionHead, PaperMeta} from '../domain/types.js';
import {type Db, statement} from './db.js';
import {HIDDEN} from './items.js';

/**
 * What bibliographies said of these papers (title, authors, venue), for those no metadata service
 * has described yet: the detail pane shows authors and venue of a DBLP or ORCID paper at once.
 */
export function describedPapers(db: Db, ids: readonly string[]): Map<string, PaperMeta> {
	const out = new Map<string, PaperMeta>();
	const read = statement(db, `SELECT title, authors, venue FROM papers WHERE id = ? AND (authors <> '[]' OR venue IS NOT NULL)`);
	for (const id of ids) {
		const row = read.get(id) as {title: string | null; authors: string; venue: string | null} | undefined;
		if (!row) continue;
		out.set(id, {
			id,
			title: row.title,
			authors: JSON.parse(row.authors) as string[],
			abstract: null,
			category: null,
			published: null,
			updated: null,
			version: null,
			doi: null,
			journalRef: null,
			venue: row.venue,
		});
	}
	return out;
}

/** What is said about a paper (every item mentioning it but the bibliographies' own), newest first. */
export function paperMentionHeads(db: Db, paperId: string, limit = 50): MentionHead[] {
	const rows = statement(
		db,
		`SELECT i.researcher, i.source, i.kind, i.date, i.date_precision AS datePrecision, substr(COALESCE(i.title, i.text), 1, 300) AS text
		 FROM mentions m JOIN items i ON i.id = m.item_id
		 WHERE m.paper_id = ? AND i.kind <> 'paper' AND i.hidden <> ${HIDDEN.reply} ORDER BY i.date DESC, i.id DESC LIMIT ?`,
	).all(paperId, limit) as MentionHead[];
	return rows;
}
