import type {Paper, PaperMention, SourceKind} from '../domain/types.js';
import {isAuthor} from '../parse/author-match.js';
import type {Db} from './db.js';
import {HIDDEN} from './items.js';

export interface PaperFilter {
	researcher?: string;
	search?: string;
	includeHidden?: boolean;
	/** Only papers one of whose mentions is by an author of the paper (by `researcher` when given). */
	own?: boolean;
}

interface MentionRow {
	paper_id: string;
	url: string;
	title: string | null;
	mention_title: string | null;
	authors: string;
	item_id: string;
	researcher: string;
	source: SourceKind;
	date: string;
}

/**
 * Papers with every mention, most recently mentioned first. A paper with a researcher filter
 * keeps all its mentions (so "also shared by" stays visible) but appears only if that
 * researcher mentioned it. The title is the arXiv metadata's, else the first link card's, else
 * a mention's link text; authors come from the metadata; a mention is `own` when its researcher
 * is one of those authors.
 */
export function listPapers(db: Db, filter: PaperFilter = {}): Paper[] {
	const rows = db
		.prepare(
			`SELECT m.paper_id, p.url, COALESCE(pm.title, p.title) AS title, m.title AS mention_title, COALESCE(pm.authors, p.authors) AS authors,
			 i.id AS item_id, i.researcher, i.source, i.date
			 FROM mentions m JOIN papers p ON p.id = m.paper_id JOIN items i ON i.id = m.item_id
			 LEFT JOIN paper_meta pm ON pm.paper_id = p.id AND pm.status = 'ok'
			 ${filter.includeHidden ? '' : `WHERE i.hidden <> ${HIDDEN.reply}`}
			 ORDER BY i.date DESC, i.id DESC`,
		)
		.all() as MentionRow[];
	const byId = new Map<string, Paper & {latest: string}>();
	// A paper's authors are matched once per researcher, however often they mentioned it.
	const ownCache = new Map<string, boolean>();
	for (const row of rows) {
		let paper = byId.get(row.paper_id);
		if (!paper) {
			paper = {
				id: row.paper_id,
				url: row.url,
				title: row.title ?? null,
				authors: JSON.parse(row.authors) as string[],
				mentions: [],
				latest: row.date,
			};
			byId.set(row.paper_id, paper);
		}
		if (!paper.title && row.mention_title) paper.title = row.mention_title;
		const ownKey = `${row.paper_id}\u0000${row.researcher}`;
		let own = ownCache.get(ownKey);
		if (own === undefined) {
			own = paper.authors.length > 0 && isAuthor(row.researcher, paper.authors);
			ownCache.set(ownKey, own);
		}
		const mention: PaperMention = {item: row.item_id, researcher: row.researcher, source: row.source, date: row.date, own};
		paper.mentions.push(mention);
	}
	let papers = [...byId.values()];
	if (filter.researcher) {
		const wanted = filter.researcher.trim().toLowerCase();
		papers = papers.filter(p => p.mentions.some(m => m.researcher.toLowerCase() === wanted && (!filter.own || m.own)));
	} else if (filter.own) {
		papers = papers.filter(p => p.mentions.some(m => m.own));
	}
	if (filter.search?.trim()) {
		const q = filter.search.trim().toLowerCase();
		papers = papers.filter(p => `${p.id} ${p.title ?? ''} ${p.authors.join(' ')}`.toLowerCase().includes(q));
	}
	return papers.map(({latest: _latest, ...paper}) => paper);
}
