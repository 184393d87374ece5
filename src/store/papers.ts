import type {Paper, PaperMention, SourceKind} from '../domain/types.js';
import type {Db} from './db.js';
import {HIDDEN} from './items.js';

export interface PaperFilter {
	researcher?: string;
	search?: string;
	includeHidden?: boolean;
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
 * researcher mentioned it.
 */
export function listPapers(db: Db, filter: PaperFilter = {}): Paper[] {
	const rows = db
		.prepare(
			`SELECT m.paper_id, p.url, p.title, m.title AS mention_title, p.authors, i.id AS item_id, i.researcher, i.source, i.date
			 FROM mentions m JOIN papers p ON p.id = m.paper_id JOIN items i ON i.id = m.item_id
			 ${filter.includeHidden ? '' : `WHERE i.hidden <> ${HIDDEN.reply}`}
			 ORDER BY i.date DESC, i.id DESC`,
		)
		.all() as MentionRow[];
	const byId = new Map<string, Paper & {latest: string}>();
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
		const mention: PaperMention = {item: row.item_id, researcher: row.researcher, source: row.source, date: row.date, own: false};
		paper.mentions.push(mention);
	}
	let papers = [...byId.values()];
	if (filter.researcher) {
		const wanted = filter.researcher.trim().toLowerCase();
		papers = papers.filter(p => p.mentions.some(m => m.researcher.toLowerCase() === wanted));
	}
	if (filter.search?.trim()) {
		const q = filter.search.trim().toLowerCase();
		papers = papers.filter(p => `${p.id} ${p.title ?? ''} ${p.authors.join(' ')}`.toLowerCase().includes(q));
	}
	return papers.map(({latest: _latest, ...paper}) => paper);
}
