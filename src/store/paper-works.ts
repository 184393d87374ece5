/**
 * A bibliography source's works become `paper` items (contract: "Bibliography sources"). One item
 * per researcher and paper, however many of the researcher's bibliography sources list it; of the
 * followed researchers who wrote it, the timeline shows the item of the first in author order and
 * keeps the others silent (they still give each author an own mention in `papers`). The first fetch
 * of a source records its papers silently except those of the last `recentDays` days; later fetches
 * announce every paper the source had not listed before. A paper's date is the earliest any source
 * gives (a preprint's first version), with that source's precision.
 */
import type {BibWork} from '../parse/bibliography/types.js';
import {authorMatches} from '../parse/author-match.js';
import {itemId} from '../domain/identity.js';
import type {ItemDraft, MentionHead, PaperMeta, SourceKind} from '../domain/types.js';
import type {Db} from './db.js';
import {HIDDEN, upsertItems} from './items.js';
import {canonicalId, registerWork} from './paper-identity.js';
import {urlOfId} from '../parse/bibliography/common.js';

export interface PaperWorksContext {
	researcher: string;
	source: SourceKind;
	sourceKey: string;
	now: string;
	/** The source's first successful fetch: only recent papers are announced. */
	firstFetch: boolean;
	/** Papers dated on or after this instant are recent (first fetch). */
	recentSince: string;
}

interface PaperItemRow {
	item_id: string;
	researcher_key: string;
	author_position: number | null;
	announce: number;
}

/** Text of a paper item: its authors, venue and year. */
export function paperText(work: Pick<BibWork, 'authors' | 'venue' | 'date'>): string {
	const authors = work.authors.length > 8 ? `${work.authors.slice(0, 7).join(', ')}, … ${work.authors.at(-1)!}` : work.authors.join(', ');
	const year = work.date ? work.date.slice(0, 4) : '';
	return [authors, work.venue ?? '', year].filter(Boolean).join(' · ');
}

/** The researcher's place among the authors (0 = first), or null when their name is not there. */
function authorPosition(researcher: string, authors: readonly string[]): number | null {
	const i = authors.findIndex(a => authorMatches(researcher, a));
	return i === -1 ? null : i;
}

/**
 * Saves the works one fetch of a bibliography source listed. Returns the ids of the items that
 * became visible now (the source's new items). Call inside the source's transaction.
 */
export function savePaperWorks(db: Db, ctx: PaperWorksContext, works: readonly BibWork[]): string[] {
	const researcherKey = ctx.researcher.toLowerCase();
	const known = new Set(
		(db.prepare('SELECT paper_id FROM source_papers WHERE source_key = ?').all(ctx.sourceKey) as Array<{paper_id: string}>).map(r =>
			canonicalId(db, r.paper_id),
		),
	);
	const mine = db.prepare('SELECT item_id, announce FROM paper_items WHERE paper_id = ? AND researcher_key = ?');
	const existing = db.prepare('SELECT date, date_precision, hidden FROM items WHERE id = ?');
	const recordPaperItem = db.prepare(`INSERT INTO paper_items (item_id, paper_id, researcher_key, author_position, announce) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(item_id) DO UPDATE SET paper_id = excluded.paper_id, author_position = excluded.author_position,
		announce = max(paper_items.announce, excluded.announce)`);
	// A published venue wins over `arXiv` (the preprint's), whichever source listed the paper first.
	const describe = db.prepare(`UPDATE papers SET title = COALESCE(title, @title), venue = CASE WHEN venue IS NULL OR venue = 'arXiv' THEN COALESCE(@venue, venue) ELSE venue END,
		authors = CASE WHEN authors = '[]' THEN @authors ELSE authors END WHERE id = @id`);
	const listed = db.prepare('INSERT OR IGNORE INTO source_papers (source_key, paper_id, first_seen) VALUES (?, ?, ?)');
	const drafts: ItemDraft[] = [];
	const touched = new Set<string>();
	for (const work of works) {
		const ids = work.ids.length > 0 ? work.ids : [`${ctx.source}:${work.sourceKey}`];
		const paper = registerWork(db, ids, work.title ? {researcherKey, text: work.title} : undefined);
		if (touched.has(paper)) continue;
		touched.add(paper);
		const before = mine.get(paper, researcherKey) as {item_id: string; announce: number} | undefined;
		const id = before?.item_id ?? itemId(`paper ${researcherKey}`, paper);
		const recent = work.date !== null && work.date >= ctx.recentSince;
		const announce = before ? before.announce === 1 : ctx.firstFetch ? recent : !known.has(paper);
		const stored = existing.get(id) as {date: string; date_precision: string; hidden: number} | undefined;
		// The earliest date any source gives, with that source's precision.
		const earlier = stored && (work.date === null || stored.date <= work.date);
		const url = paperUrl(paper, work);
		drafts.push({
			id,
			kind: 'paper',
			date: earlier ? stored.date : (work.date ?? ctx.now),
			datePrecision: earlier ? (stored.date_precision as ItemDraft['datePrecision']) : work.date ? (work.precision ?? 'year') : 'seen',
			title: work.title || paper,
			text: paperText(work),
			url,
			posts: [],
			links: [{url, text: work.title || paper}],
			papers: [{id: paper, url, title: work.title || null}],
			own: true,
			...(announce ? {} : {hidden: 'silent' as const}),
		});
		recordPaperItem.run(id, paper, researcherKey, authorPosition(ctx.researcher, work.authors), announce ? 1 : 0);
		listed.run(ctx.sourceKey, paper, ctx.now);
	}
	const fresh = new Set(upsertItems(db, {researcher: ctx.researcher, source: ctx.source, sourceKey: ctx.sourceKey, now: ctx.now}, drafts));
	for (const work of works) {
		const paper = canonicalId(db, work.ids[0] ?? `${ctx.source}:${work.sourceKey}`);
		describe.run({title: work.title || null, venue: work.venue, authors: JSON.stringify(work.authors), id: paper});
	}
	const shown = new Set<string>();
	for (const paper of touched) {
		const visible = chooseVisible(db, paper);
		if (visible !== null) shown.add(visible);
	}
	return drafts.filter(d => fresh.has(d.id) && shown.has(d.id)).map(d => d.id);
}

/**
 * Of a paper's items, the one the timeline shows: the announced item of the followed researcher who
 * comes first among the authors (then the oldest); every other item of the paper stays silent.
 */
export function chooseVisible(db: Db, paper: string): string | null {
	const rows = db
		.prepare(
			`SELECT p.item_id, p.researcher_key, p.author_position, p.announce FROM paper_items p JOIN items i ON i.id = p.item_id
			 WHERE p.paper_id = ? ORDER BY p.author_position IS NULL, p.author_position, i.first_seen, p.item_id`,
		)
		.all(paper) as PaperItemRow[];
	const announced = rows.some(r => r.announce === 1);
	const visible = announced ? rows[0]!.item_id : null;
	const setHidden = db.prepare('UPDATE items SET hidden = ? WHERE id = ? AND hidden <> ?');
	for (const row of rows) {
		const hidden = row.item_id === visible ? HIDDEN.none : HIDDEN.silent;
		setHidden.run(hidden, row.item_id, hidden);
	}
	return visible;
}

/** The paper's canonical URL, else the service's link when it is http(s). */
function paperUrl(paper: string, work: BibWork): string {
	const canonical = urlOfId(paper);
	if (canonical) return canonical;
	return work.url && /^https?:\/\//i.test(work.url) ? work.url : '';
}

/**
 * What bibliographies said of these papers (title, authors, venue), for those no metadata service
 * has described yet: the detail pane shows authors and venue of a DBLP or ORCID paper at once.
 */
export function describedPapers(db: Db, ids: readonly string[]): Map<string, PaperMeta> {
	const out = new Map<string, PaperMeta>();
	const read = db.prepare(`SELECT title, authors, venue FROM papers WHERE id = ? AND (authors <> '[]' OR venue IS NOT NULL)`);
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
	const rows = db
		.prepare(
			`SELECT i.researcher, i.source, i.kind, i.date, i.date_precision AS datePrecision, substr(COALESCE(i.title, i.text), 1, 300) AS text
			 FROM mentions m JOIN items i ON i.id = m.item_id
			 WHERE m.paper_id = ? AND i.kind <> 'paper' AND i.hidden <> ${HIDDEN.reply} ORDER BY i.date DESC, i.id DESC LIMIT ?`,
		)
		.all(paperId, limit) as MentionHead[];
	return rows;
}
