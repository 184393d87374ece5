/**
 * Paper metadata from the arXiv API (title, authors, abstract, category, first-version date),
 * per-paper retry state, and the paper-level views the UI needs: reading a paper everywhere and
 * who else shared an item's papers. Metadata rows are never deleted: a paper known once is
 * never asked for again, even after the researcher who mentioned it was removed.
 */
import type {AlsoShared, PaperMeta} from '../domain/types.js';
import type {Db} from './db.js';
import {HIDDEN, setItemState} from './items.js';
import {updateOwn} from './paper-own.js';

/** `ok`: metadata known (never asked again); `invalid`: the API rejected the id (never asked again);
 * `missing`: the API does not know it (yet: asked again after `retry_after`); `failed`: the request
 * failed (asked again on the next run). */
export type PaperMetaStatus = 'ok' | 'invalid' | 'missing' | 'failed';

interface MetaRow {
	paper_id: string;
	status: PaperMetaStatus;
	title: string | null;
	authors: string;
	abstract: string | null;
	category: string | null;
	published: string | null;
	updated: string | null;
	version: number | null;
	doi: string | null;
	journal_ref: string | null;
	fetched_at: string | null;
	attempts: number;
	last_error: string | null;
	retry_after: string | null;
}

export interface PaperMetaState extends PaperMeta {
	status: PaperMetaStatus;
	fetchedAt: string | null;
	attempts: number;
	lastError: string | null;
	retryAfter: string | null;
}

function fromRow(row: MetaRow): PaperMetaState {
	return {
		id: row.paper_id,
		title: row.title,
		authors: JSON.parse(row.authors) as string[],
		abstract: row.abstract,
		category: row.category,
		published: row.published,
		updated: row.updated,
		version: row.version,
		doi: row.doi,
		journalRef: row.journal_ref,
		status: row.status,
		fetchedAt: row.fetched_at,
		attempts: row.attempts,
		lastError: row.last_error,
		retryAfter: row.retry_after,
	};
}

/** Metadata (status `ok`) of these papers, by id. Papers without metadata are absent. */
export function paperMetaMany(db: Db, ids: readonly string[]): Map<string, PaperMeta> {
	const out = new Map<string, PaperMeta>();
	for (let i = 0; i < ids.length; i += 500) {
		const chunk = ids.slice(i, i + 500);
		const rows = db
			.prepare(`SELECT * FROM paper_meta WHERE status = 'ok' AND paper_id IN (${chunk.map(() => '?').join(',')})`)
			.all(...chunk) as MetaRow[];
		for (const row of rows) {
			const {status: _s, fetchedAt: _f, attempts: _a, lastError: _l, retryAfter: _r, ...meta} = fromRow(row);
			out.set(row.paper_id, meta);
		}
	}
	return out;
}

/** The full metadata state of one paper (any status), for diagnostics and tests. */
export function paperMetaState(db: Db, id: string): PaperMetaState | undefined {
	const row = db.prepare('SELECT * FROM paper_meta WHERE paper_id = ?').get(id) as MetaRow | undefined;
	return row ? fromRow(row) : undefined;
}

/**
 * arXiv papers seen anywhere (mentioned by an item or listed on a homepage) whose metadata is
 * still to be asked for: never asked, or asked and failed / not found with its retry time past.
 * Never-asked papers first, newest ids first.
 */
export function pendingArxivPapers(db: Db, nowIso: string, limit: number): string[] {
	const rows = db
		.prepare(
			`SELECT p.id FROM papers p LEFT JOIN paper_meta pm ON pm.paper_id = p.id
			 WHERE p.id LIKE 'arxiv:%'
			   AND (pm.paper_id IS NULL OR (pm.status IN ('failed', 'missing') AND (pm.retry_after IS NULL OR pm.retry_after <= ?)))
			 ORDER BY pm.paper_id IS NOT NULL, p.id DESC LIMIT ?`,
		)
		.all(nowIso, Math.max(0, limit)) as Array<{id: string}>;
	return rows.map(r => r.id);
}

/** Number of arXiv papers whose metadata is still to be asked for (any retry time). */
export function countPendingArxivPapers(db: Db): number {
	const row = db
		.prepare(
			`SELECT COUNT(*) AS n FROM papers p LEFT JOIN paper_meta pm ON pm.paper_id = p.id
			 WHERE p.id LIKE 'arxiv:%' AND (pm.paper_id IS NULL OR pm.status IN ('failed', 'missing'))`,
		)
		.get() as {n: number};
	return row.n;
}

/** Saves metadata the API returned, and makes the title findable by search in every item mentioning the paper. */
export function savePaperMeta(db: Db, metas: readonly PaperMeta[], nowIso: string): void {
	const upsert = db.prepare(`INSERT INTO paper_meta (paper_id, status, title, authors, abstract, category, published, updated, version, doi,
		journal_ref, fetched_at, attempts, last_error, retry_after)
		VALUES (@id, 'ok', @title, @authors, @abstract, @category, @published, @updated, @version, @doi, @journalRef, @now, 1, NULL, NULL)
		ON CONFLICT(paper_id) DO UPDATE SET status = 'ok', title = excluded.title, authors = excluded.authors, abstract = excluded.abstract,
		category = excluded.category, published = excluded.published, updated = excluded.updated, version = excluded.version,
		doi = excluded.doi, journal_ref = excluded.journal_ref, fetched_at = excluded.fetched_at, attempts = paper_meta.attempts + 1,
		last_error = NULL, retry_after = NULL`);
	const search = db.prepare(`UPDATE items SET search_text = search_text || char(10) || @needle
		WHERE id IN (SELECT item_id FROM mentions WHERE paper_id = @id) AND instr(search_text, @needle) = 0`);
	for (const meta of metas) {
		upsert.run({
			id: meta.id,
			title: meta.title,
			authors: JSON.stringify(meta.authors),
			abstract: meta.abstract,
			category: meta.category,
			published: meta.published,
			updated: meta.updated,
			version: meta.version,
			doi: meta.doi,
			journalRef: meta.journalRef,
			now: nowIso,
		});
		const needle = [meta.title ?? '', meta.authors.join(' ')].join(' ').trim().toLowerCase();
		if (needle) search.run({id: meta.id, needle});
	}
	// Now that the authors are known, mentions by one of them are the author's own.
	updateOwn(db, metas.map(m => m.id));
}

/** Records an unsuccessful lookup. Papers with metadata already (`ok`) are left alone. */
export function markPaperMeta(
	db: Db,
	ids: readonly string[],
	outcome: {status: Exclude<PaperMetaStatus, 'ok'>; error: string; retryAfter: string | null},
	nowIso: string,
): void {
	const upsert = db.prepare(`INSERT INTO paper_meta (paper_id, status, fetched_at, attempts, last_error, retry_after)
		VALUES (@id, @status, @now, 1, @error, @retryAfter)
		ON CONFLICT(paper_id) DO UPDATE SET status = excluded.status, fetched_at = excluded.fetched_at, attempts = paper_meta.attempts + 1,
		last_error = excluded.last_error, retry_after = excluded.retry_after WHERE paper_meta.status <> 'ok'`);
	for (const id of ids) upsert.run({id, status: outcome.status, now: nowIso, error: outcome.error, retryAfter: outcome.retryAfter});
}

/** How many lookups of this paper have failed or found nothing so far. */
export function paperMetaAttempts(db: Db, id: string): number {
	const row = db.prepare(`SELECT attempts FROM paper_meta WHERE paper_id = ? AND status <> 'ok'`).get(id) as {attempts: number} | undefined;
	return row?.attempts ?? 0;
}

export function getAppState(db: Db, key: string): string | undefined {
	const row = db.prepare('SELECT value FROM app_state WHERE key = ?').get(key) as {value: string} | undefined;
	return row?.value;
}

export function setAppState(db: Db, key: string, value: string): void {
	db.prepare('INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Ids of every item that mentions the paper (hidden ones included). */
function itemsMentioning(db: Db, paperId: string): string[] {
	const rows = db.prepare('SELECT item_id FROM mentions WHERE paper_id = ? ORDER BY item_id').all(paperId) as Array<{item_id: string}>;
	return rows.map(r => r.item_id);
}

/** Marks every item mentioning the paper read (or unread). Returns the items changed. */
export function setPaperRead(db: Db, paperId: string, read: boolean, nowIso: string): string[] {
	const ids = itemsMentioning(db, paperId);
	db.transaction(() => {
		for (const id of ids) setItemState(db, id, {read}, nowIso);
	})();
	return ids;
}

/** Stars (or unstars) every item mentioning the paper. Returns the items changed. */
export function setPaperStarred(db: Db, paperId: string, starred: boolean, nowIso: string): string[] {
	const ids = itemsMentioning(db, paperId);
	db.transaction(() => {
		for (const id of ids) setItemState(db, id, {starred}, nowIso);
	})();
	return ids;
}

/** A paper is read when every item mentioning it is read (false when nothing mentions it). */
export function isPaperRead(db: Db, paperId: string): boolean {
	const row = db
		.prepare(
			`SELECT COUNT(*) AS n, SUM(COALESCE(s.read, 0)) AS r FROM mentions m LEFT JOIN item_state s ON s.item_id = m.item_id WHERE m.paper_id = ?`,
		)
		.get(paperId) as {n: number; r: number | null};
	return row.n > 0 && row.r === row.n;
}

/**
 * For each item, the other researchers who mentioned any of its papers, with those papers;
 * researchers in name order. Replies to other people count only with `includeHidden`.
 */
export function alsoSharedBy(db: Db, itemIds: readonly string[], options: {includeHidden?: boolean} = {}): Map<string, AlsoShared[]> {
	const out = new Map<string, AlsoShared[]>();
	if (itemIds.length === 0) return out;
	const hidden = options.includeHidden ? '' : `AND i2.hidden <> ${HIDDEN.reply}`;
	for (let i = 0; i < itemIds.length; i += 500) {
		const chunk = itemIds.slice(i, i + 500);
		const rows = db
			.prepare(
				`SELECT DISTINCT m1.item_id, i2.researcher, m2.paper_id, m1.position
				 FROM mentions m1
				 JOIN items i1 ON i1.id = m1.item_id
				 JOIN mentions m2 ON m2.paper_id = m1.paper_id AND m2.item_id <> m1.item_id
				 JOIN items i2 ON i2.id = m2.item_id
				 WHERE m1.item_id IN (${chunk.map(() => '?').join(',')}) AND i2.researcher_key <> i1.researcher_key ${hidden}
				 ORDER BY m1.item_id, lower(i2.researcher), m1.position`,
			)
			.all(...chunk) as Array<{item_id: string; researcher: string; paper_id: string}>;
		for (const row of rows) {
			const list = out.get(row.item_id) ?? [];
			let entry = list.find(e => e.researcher === row.researcher);
			if (!entry) {
				entry = {researcher: row.researcher, papers: []};
				list.push(entry);
			}
			if (!entry.papers.includes(row.paper_id)) entry.papers.push(row.paper_id);
			out.set(row.item_id, list);
		}
	}
	return out;
}
