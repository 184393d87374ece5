/**
 * Paper metadata (title, authors, abstract, venue, date, the ids that name the same work) from
 * the metadata services — the arXiv API (also category, versions), Semantic Scholar, Crossref —
 * one row per paper under its canonical id, what several services said merged into it; the
 * paper-level views the UI needs: reading a paper everywhere and who else shared an item's papers.
 * Metadata rows are never deleted: a paper known once is never asked for again, even after the
 * researcher who mentioned it was removed. Which service was asked about which id, and when to ask
 * again, is in paper-lookups.ts; a row here with a status other than `ok` only says how the
 * paper's last lookup went.
 */
import type {AlsoShared, PaperMeta} from '../domain/types.js';
import {type Db, statement} from './db.js';
import {idsIn, idsParam} from './id-list.js';
import {HIDDEN, setItemState} from './items.js';
import {updateOwn} from './paper-own.js';
import {countLeft, pendingLookups} from './paper-lookups.js';

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
	venue: string | null;
	/** JSON array of every id the services linked to the paper. */
	ids: string;
	/** The services that described the paper, best first, joined by `+` (`arxiv+s2`); NULL: the arXiv API (rows from before schema 7). */
	provider: string | null;
}

export interface PaperMetaState extends PaperMeta {
	status: PaperMetaStatus;
	fetchedAt: string | null;
	attempts: number;
	lastError: string | null;
	retryAfter: string | null;
	/** Every id the metadata services linked to this paper. */
	ids: string[];
}

function jsonList(text: string | null): string[] {
	if (!text) return [];
	try {
		const value = JSON.parse(text) as unknown;
		return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];
	} catch {
		return [];
	}
}

function fromRow(row: MetaRow): PaperMetaState {
	return {
		id: row.paper_id,
		title: row.title,
		authors: jsonList(row.authors),
		abstract: row.abstract,
		category: row.category,
		published: row.published,
		updated: row.updated,
		version: row.version,
		doi: row.doi,
		journalRef: row.journal_ref,
		...(row.venue !== null ? {venue: row.venue} : {}),
		...(row.provider !== null ? {provider: row.provider} : {}),
		status: row.status,
		fetchedAt: row.fetched_at,
		attempts: row.attempts,
		lastError: row.last_error,
		retryAfter: row.retry_after,
		ids: jsonList(row.ids),
	};
}

/** Metadata (status `ok`) of these papers, by id. Papers without metadata are absent. */
export function paperMetaMany(db: Db, ids: readonly string[]): Map<string, PaperMeta> {
	const out = new Map<string, PaperMeta>();
	if (ids.length === 0) return out;
	const rows = statement(db, `SELECT * FROM paper_meta WHERE status = 'ok' AND ${idsIn('paper_id')}`).all(idsParam(ids)) as MetaRow[];
	for (const row of rows) {
		const {status: _s, fetchedAt: _f, attempts: _a, lastError: _l, retryAfter: _r, ids: _i, ...meta} = fromRow(row);
		out.set(row.paper_id, meta);
	}
	return out;
}

/** The full metadata state of one paper (any status), for diagnostics and tests. */
export function paperMetaState(db: Db, id: string): PaperMetaState | undefined {
	const row = statement(db, 'SELECT * FROM paper_meta WHERE paper_id = ?').get(id) as MetaRow | undefined;
	return row ? fromRow(row) : undefined;
}

/**
 * arXiv papers seen anywhere (mentioned by an item or listed on a homepage) the arXiv API is still
 * to be asked about: never asked, or asked and failed / not found with its retry time past.
 * Never-asked papers first, newest ids first.
 */
export function pendingArxivPapers(db: Db, nowIso: string, limit: number): string[] {
	return pendingLookups(db, 'arxiv', nowIso, limit);
}

/** Number of arXiv papers the arXiv API is still to be asked about on a later run (never asked, or failed). */
export function countPendingArxivPapers(db: Db): number {
	return countLeft(db, ['arxiv']);
}

/** Metadata one service gave for a paper (`provider`: `arxiv` when not given), with the ids it linked. */
export type ServiceMeta = PaperMeta & {ids?: readonly string[]};

/** Services by how much their word counts: the arXiv API knows arXiv papers best, then S2, Crossref, the rest. */
const PROVIDER_RANK = ['arxiv', 's2', 'crossref'];

function providerRank(provider: string): number {
	const r = PROVIDER_RANK.indexOf(provider);
	return r === -1 ? PROVIDER_RANK.length : r;
}

function providersOf(row: MetaRow): string[] {
	return row.provider === null ? ['arxiv'] : row.provider.split('+').filter(Boolean);
}

/** Metadata as stored: what a PaperMeta holds, every field set, with the ids it links and who said it. */
type MergedMeta = Omit<PaperMeta, 'id' | 'venue' | 'provider'> & {venue: string | null; ids: string[]; provider: string};

function asMerged(meta: ServiceMeta): MergedMeta {
	return {
		title: meta.title,
		authors: [...meta.authors],
		abstract: meta.abstract,
		category: meta.category,
		published: meta.published,
		updated: meta.updated,
		version: meta.version,
		doi: meta.doi,
		journalRef: meta.journalRef,
		venue: meta.venue ?? null,
		ids: [...(meta.ids ?? [])],
		provider: meta.provider ?? 'arxiv',
	};
}

function rowAsMerged(row: MetaRow): MergedMeta {
	const {title, authors, abstract, category, published, updated, version, doi, journalRef} = fromRow(row);
	return {title, authors, abstract, category, published, updated, version, doi, journalRef, venue: row.venue, ids: jsonList(row.ids), provider: providersOf(row).join('+')};
}

/**
 * What two descriptions of one paper say together: field by field, the better-ranked service's
 * value when it has one, else the other's (so Semantic Scholar's venue and links stay when the
 * arXiv API's title and abstract arrive, and fill in what Crossref left empty); ids of both.
 */
function combine(a: MergedMeta, b: MergedMeta): MergedMeta {
	const rankOf = (m: MergedMeta) => Math.min(...m.provider.split('+').map(providerRank));
	const [first, second] = rankOf(a) <= rankOf(b) ? [a, b] : [b, a];
	const providers = [...new Set([...first.provider.split('+'), ...second.provider.split('+')])].sort((x, y) => providerRank(x) - providerRank(y));
	return {
		title: first.title ?? second.title,
		authors: first.authors.length > 0 ? first.authors : second.authors,
		abstract: first.abstract ?? second.abstract,
		category: first.category ?? second.category,
		published: first.published ?? second.published,
		updated: first.updated ?? second.updated,
		version: first.version ?? second.version,
		doi: first.doi ?? second.doi,
		journalRef: first.journalRef ?? second.journalRef,
		venue: first.venue ?? second.venue,
		ids: [...new Set([...first.ids, ...second.ids])],
		provider: providers.join('+'),
	};
}

function metaRow(db: Db, id: string): MetaRow | undefined {
	return statement(db, 'SELECT * FROM paper_meta WHERE paper_id = ?').get(id) as MetaRow | undefined;
}

/** Writes the merged description of `id` (status ok) and what follows from it: search text, own mentions. */
function writeMeta(db: Db, id: string, meta: MergedMeta, nowIso: string): void {
	statement(db, `INSERT INTO paper_meta (paper_id, status, title, authors, abstract, category, published, updated, version, doi,
		journal_ref, fetched_at, attempts, last_error, retry_after, venue, ids, provider)
		VALUES (@id, 'ok', @title, @authors, @abstract, @category, @published, @updated, @version, @doi, @journalRef, @now, 1, NULL, NULL,
		@venue, @ids, @provider)
		ON CONFLICT(paper_id) DO UPDATE SET status = 'ok', title = excluded.title, authors = excluded.authors, abstract = excluded.abstract,
		category = excluded.category, published = excluded.published, updated = excluded.updated, version = excluded.version,
		doi = excluded.doi, journal_ref = excluded.journal_ref, fetched_at = excluded.fetched_at, attempts = paper_meta.attempts + 1,
		last_error = NULL, retry_after = NULL, venue = excluded.venue, ids = excluded.ids, provider = excluded.provider`).run({
		id,
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
		venue: meta.venue,
		ids: JSON.stringify(meta.ids),
		provider: meta.provider,
	});
	const needle = [meta.title ?? '', meta.authors.join(' ')].join(' ').trim().toLowerCase();
	if (needle) {
		statement(db, `UPDATE items SET search_text = search_text || char(10) || @needle
			WHERE id IN (SELECT item_id FROM mentions WHERE paper_id = @id) AND instr(search_text, @needle) = 0`).run({id, needle});
	}
}

/**
 * Saves metadata a service returned (under each meta's `id`, the paper's canonical id), merged with
 * what other services said of the paper before, and makes the title findable by search in every
 * item mentioning the paper.
 */
export function savePaperMeta(db: Db, metas: readonly ServiceMeta[], nowIso: string): void {
	for (const meta of metas) {
		const before = metaRow(db, meta.id);
		const incoming = asMerged(meta);
		writeMeta(db, meta.id, before?.status === 'ok' ? combine(rowAsMerged(before), incoming) : incoming, nowIso);
	}
	// Now that the authors are known, mentions by one of them are the author's own.
	updateOwn(db, metas.map(m => m.id));
}

/**
 * The paper `from` became part of `into` (paper-identity.ts mergePaper): its metadata follows,
 * merged with what `into` had. A lookup that went wrong under the old id says nothing about the
 * merged paper and goes.
 */
export function movePaperMeta(db: Db, from: string, into: string, nowIso: string): void {
	if (from === into) return;
	const moved = metaRow(db, from);
	if (moved === undefined) return;
	statement(db, 'DELETE FROM paper_meta WHERE paper_id = ?').run(from);
	if (moved.status !== 'ok') return;
	const before = metaRow(db, into);
	const incoming = rowAsMerged(moved);
	writeMeta(db, into, before?.status === 'ok' ? combine(rowAsMerged(before), incoming) : incoming, moved.fetched_at ?? nowIso);
	updateOwn(db, [into]);
}

/**
 * Metadata left under an id that now names another paper (merged by a source since, through
 * registerWork) moves to that paper. Returns how many rows moved.
 */
export function followMergedMeta(db: Db, nowIso: string): number {
	const rows = statement(
		db,
		`SELECT pm.paper_id AS from_id, pi.paper_id AS into_id FROM paper_ids pi JOIN paper_meta pm ON pm.paper_id = pi.alias
		 WHERE pi.paper_id <> pi.alias`,
	).all() as Array<{from_id: string; into_id: string}>;
	for (const row of rows) movePaperMeta(db, row.from_id, row.into_id, nowIso);
	return rows.length;
}

/** Records an unsuccessful lookup. Papers with metadata already (`ok`) are left alone. */
export function markPaperMeta(
	db: Db,
	ids: readonly string[],
	outcome: {status: Exclude<PaperMetaStatus, 'ok'>; error: string; retryAfter: string | null},
	nowIso: string,
): void {
	const upsert = statement(db, `INSERT INTO paper_meta (paper_id, status, fetched_at, attempts, last_error, retry_after)
		VALUES (@id, @status, @now, 1, @error, @retryAfter)
		ON CONFLICT(paper_id) DO UPDATE SET status = excluded.status, fetched_at = excluded.fetched_at, attempts = paper_meta.attempts + 1,
		last_error = excluded.last_error, retry_after = excluded.retry_after WHERE paper_meta.status <> 'ok'`);
	for (const id of ids) upsert.run({id, status: outcome.status, now: nowIso, error: outcome.error, retryAfter: outcome.retryAfter});
}

/** How many lookups of this paper have failed or found nothing so far. */
export function paperMetaAttempts(db: Db, id: string): number {
	const row = statement(db, `SELECT attempts FROM paper_meta WHERE paper_id = ? AND status <> 'ok'`).get(id) as {attempts: number} | undefined;
	return row?.attempts ?? 0;
}

export function getAppState(db: Db, key: string): string | undefined {
	const row = statement(db, 'SELECT value FROM app_state WHERE key = ?').get(key) as {value: string} | undefined;
	return row?.value;
}

export function setAppState(db: Db, key: string, value: string): void {
	statement(db, 'INSERT INTO app_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Ids of every item that mentions the paper (hidden ones included). */
function itemsMentioning(db: Db, paperId: string): string[] {
	const rows = statement(db, 'SELECT item_id FROM mentions WHERE paper_id = ? ORDER BY item_id').all(paperId) as Array<{item_id: string}>;
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
	const row = statement(
		db,
		`SELECT COUNT(*) AS n, SUM(COALESCE(s.read, 0)) AS r FROM mentions m LEFT JOIN item_state s ON s.item_id = m.item_id WHERE m.paper_id = ?`,
	).get(paperId) as {n: number; r: number | null};
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
	{
		const rows = statement(
			db,
			`SELECT DISTINCT m1.item_id, i2.researcher, m2.paper_id, m1.position
			 FROM mentions m1
			 JOIN items i1 ON i1.id = m1.item_id
			 JOIN mentions m2 ON m2.paper_id = m1.paper_id AND m2.item_id <> m1.item_id
			 JOIN items i2 ON i2.id = m2.item_id
			 WHERE ${idsIn('m1.item_id')} AND i2.researcher_key <> i1.researcher_key ${hidden}
			 ORDER BY m1.item_id, lower(i2.researcher), m1.position`,
		).all(idsParam(itemIds)) as Array<{item_id: string; researcher: string; paper_id: string}>;
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
