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
import type {ItemDraft, SourceKind} from '../domain/types.js';
import {type Db, statement} from './db.js';
import {upsertItems} from './items.js';
import {canonicalId, registerWork} from './paper-identity.js';
import {chooseVisible} from './paper-visibility.js';
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

/** Text of a paper item: its authors, venue and year. */
export function paperText(work: Pick<BibWork, 'authors' | 'venue' | 'date'>): string {
	const authors = work.authors.length > 8 ? `${work.authors.slice(0, 7).join(', ')}, … ${work.authors.at(-1)!}` : work.authors.join(', ');
	const year = work.date ? work.date.slice(0, 4) : '';
	return [authors, work.venue ?? '', year].filter(Boolean).join(' · ');
}

/**
 * Two records of one paper as one: the earliest date (a preprint's first version) with its
 * precision, a published venue over `arXiv`, the longer author list, the first title and ids.
 */
function mergeWork(a: BibWork | undefined, b: BibWork): BibWork {
	if (a === undefined) return b;
	const earlier = a.date === null ? b : b.date === null ? a : a.date <= b.date ? a : b;
	const venue = a.venue && a.venue !== 'arXiv' ? a.venue : b.venue && b.venue !== 'arXiv' ? b.venue : (a.venue ?? b.venue);
	return {
		...a,
		ids: [...new Set([...a.ids, ...b.ids])],
		authors: b.authors.length > a.authors.length ? b.authors : a.authors,
		venue,
		date: earlier.date,
		precision: earlier.precision,
		abstract: a.abstract ?? b.abstract,
		url: a.url ?? b.url,
	};
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
	const listedBefore = new Set(
		(statement(db, 'SELECT paper_id FROM source_papers WHERE source_key = ?').all(ctx.sourceKey) as Array<{paper_id: string}>).map(r =>
			canonicalId(db, r.paper_id),
		),
	);
	const mine = statement(db, 'SELECT item_id, announce FROM paper_items WHERE paper_id = ? AND researcher_key = ?');
	const existing = statement(db, 'SELECT date, date_precision, hidden FROM items WHERE id = ?');
	const recordPaperItem = statement(db, `INSERT INTO paper_items (item_id, paper_id, researcher_key, author_position, announce) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT(item_id) DO UPDATE SET paper_id = excluded.paper_id, author_position = excluded.author_position,
		announce = max(paper_items.announce, excluded.announce)`);
	// A published venue wins over `arXiv` (the preprint's), whichever source listed the paper first.
	const describe = statement(db, `UPDATE papers SET title = COALESCE(title, @title), venue = CASE WHEN venue IS NULL OR venue = 'arXiv' THEN COALESCE(@venue, venue) ELSE venue END,
		authors = CASE WHEN authors = '[]' THEN @authors ELSE authors END WHERE id = @id`);
	const listed = statement(db, 'INSERT OR IGNORE INTO source_papers (source_key, paper_id, first_seen) VALUES (?, ?, ?)');
	// One fetch may list a paper twice (DBLP's CoRR record and its conference record): merged first.
	const merged = new Map<string, BibWork>();
	for (const work of works) {
		const ids = work.ids.length > 0 ? work.ids : [`${ctx.source}:${work.sourceKey}`];
		const paper = registerWork(db, ids, work.title ? {researcherKey, text: work.title} : undefined);
		merged.set(paper, mergeWork(merged.get(paper), work));
	}
	// Papers merged by a later work of this fetch answer to their survivor now.
	const byPaper = new Map<string, BibWork>();
	for (const [paper, work] of merged) {
		const id = canonicalId(db, paper);
		byPaper.set(id, mergeWork(byPaper.get(id), work));
	}
	const described = statement(db, 'SELECT title, authors, venue FROM papers WHERE id = ?');
	const drafts: ItemDraft[] = [];
	for (const [paper, work] of byPaper) {
		const url = paperUrl(paper, work);
		statement(db, 'INSERT OR IGNORE INTO papers (id, url, title) VALUES (?, ?, ?)').run(paper, url, work.title || null);
		describe.run({title: work.title || null, venue: work.venue, authors: JSON.stringify(work.authors), id: paper});
		// What every source has said of the paper, not only this one (ORCID gives no authors).
		const row = described.get(paper) as {title: string | null; authors: string; venue: string | null};
		const before = mine.get(paper, researcherKey) as {item_id: string; announce: number} | undefined;
		const id = before?.item_id ?? itemId(`paper ${researcherKey}`, paper);
		const recent = work.date !== null && work.date >= ctx.recentSince;
		const announce = before ? before.announce === 1 : ctx.firstFetch ? recent : !listedBefore.has(paper);
		const stored = existing.get(id) as {date: string; date_precision: string; hidden: number} | undefined;
		// The earliest date any source gives, with that source's precision.
		const earlier = stored && (work.date === null || stored.date <= work.date);
		const date = earlier ? stored.date : (work.date ?? ctx.now);
		const known = {authors: JSON.parse(row.authors) as string[], venue: row.venue, date: earlier || work.date ? date : null};
		const title = row.title ?? (work.title || paper);
		drafts.push({
			id,
			kind: 'paper',
			date,
			datePrecision: earlier ? (stored.date_precision as ItemDraft['datePrecision']) : work.date ? (work.precision ?? 'year') : 'seen',
			title,
			text: paperText(known),
			url,
			posts: [],
			links: [{url, text: title}],
			papers: [{id: paper, url, title}],
			own: true,
			...(announce ? {} : {hidden: 'silent' as const}),
		});
		recordPaperItem.run(id, paper, researcherKey, authorPosition(ctx.researcher, known.authors), announce ? 1 : 0);
		listed.run(ctx.sourceKey, paper, ctx.now);
	}
	const fresh = new Set(upsertItems(db, {researcher: ctx.researcher, source: ctx.source, sourceKey: ctx.sourceKey, now: ctx.now}, drafts));
	const touched = byPaper.keys();
	const shown = new Set<string>();
	for (const paper of touched) {
		const visible = chooseVisible(db, paper);
		if (visible !== null) shown.add(visible);
	}
	return drafts.filter(d => fresh.has(d.id) && shown.has(d.id)).map(d => d.id);
}


/** The paper's canonical URL, else the service's link when it is http(s). */
function paperUrl(paper: string, work: BibWork): string {
	const canonical = urlOfId(paper);
	if (canonical) return canonical;
	return work.url && /^https?:\/\//i.test(work.url) ? work.url : '';
}
