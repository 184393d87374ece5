/**
 * What each paper-metadata service was asked about which id, and what came of it (schema 7):
 * the schedule of metadata lookups. The metadata itself is in paper_meta (paper-meta.ts), under
 * the paper's canonical id; a lookup is keyed by the id that was sent, so merging papers never
 * makes a service forget what it was asked.
 *
 * - `ok`: the service described the id: never asked again.
 * - `invalid`: the service rejected the id as malformed: never asked again.
 * - `missing`: the service does not know the id (yet): asked again after `retry_after`.
 * - `failed`: the request failed: asked again on the next run.
 *
 * Which service is asked about which paper (see papers/enrich.ts for why):
 * - `s2` (Semantic Scholar's batch): every paper whose canonical id is an arXiv id, a DOI or an ACL id.
 * - `arxiv` (the arXiv API): every paper whose canonical id is an arXiv id.
 * - `crossref`: papers whose canonical id is a DOI Semantic Scholar does not know, still undescribed.
 */
import {type Db, statement} from './db.js';
import {idsParam} from './id-list.js';

export type MetaService = 'arxiv' | 's2' | 'crossref';
export type LookupStatus = 'ok' | 'invalid' | 'missing' | 'failed';

/** The id prefixes each service is asked by (the paper's canonical id). */
const KINDS: Record<MetaService, readonly string[]> = {
	arxiv: ['arxiv:'],
	s2: ['arxiv:', 'doi:', 'acl:'],
	crossref: ['doi:'],
};

/** Whether `service` is asked about papers whose canonical id is `id`. */
export function askedBy(service: MetaService, id: string): boolean {
	return KINDS[service].some(prefix => id.startsWith(prefix));
}

/**
 * `p.id` is of a kind the service takes. `substr` rather than LIKE: LIKE folds case and the
 * prefixes are lower-case already.
 */
function kindSql(service: MetaService): string {
	return `(${KINDS[service].map(prefix => `substr(p.id, 1, ${prefix.length}) = '${prefix}'`).join(' OR ')})`;
}

/** The paper still waits for the service: never asked, or asked and failed / not found (any retry time when `due` is null). */
function waitingSql(service: MetaService, alias: string, due: string | null): string {
	const retry = due === null ? '' : ` AND (${alias}.retry_after IS NULL OR ${alias}.retry_after <= ${due})`;
	const own = `${alias}.id IS NULL OR ${alias}.status = 'failed' OR (${alias}.status = 'missing'${retry})`;
	if (service !== 'crossref') return `(${own})`;
	// Crossref only for DOIs Semantic Scholar does not know, and only while nothing describes the paper.
	return `(s2l.status = 'missing' AND NOT EXISTS (SELECT 1 FROM paper_meta pm WHERE pm.paper_id = p.id AND pm.status = 'ok') AND (${own}))`;
}

function joinsSql(service: MetaService): string {
	const own = `LEFT JOIN paper_lookups l ON l.id = p.id AND l.service = '${service}'`;
	return service === 'crossref' ? `JOIN paper_lookups s2l ON s2l.id = p.id AND s2l.service = 's2' ${own}` : own;
}

export interface PendingScan {
	/** Ids already handled in this run: not picked again. */
	skip?: ReadonlySet<string>;
	/** Only papers stored after this rowid (those a refresh brought since an earlier scan). */
	afterRowid?: number;
	/** Only these papers. */
	only?: readonly string[];
}

/**
 * Papers (canonical ids) the service is to be asked about now: never asked first, then the
 * failed and the due, newest ids first.
 *
 * Two queries rather than one ordered by "asked or not": that order cannot come from an index, so
 * a cache with 100,000 papers waiting read and sorted all of them for each batch of 100 (while a
 * refresh's sources waited for the thread). Never-asked papers come in the primary key's order and
 * the query stops at `limit`; the asked ones come from the small index of waiting lookups.
 */
export function pendingLookups(db: Db, service: MetaService, nowIso: string, limit: number, scan: PendingScan = {}): string[] {
	const skip = scan.skip ?? new Set<string>();
	const only = scan.only ?? null;
	if (limit <= 0 || only?.length === 0) return [];
	const params = {now: nowIso, limit: limit + skip.size, ...(only !== null ? {only: idsParam(only)} : {}), ...(scan.afterRowid !== undefined ? {after: scan.afterRowid} : {})};
	const out: string[] = [];
	for (const sql of pendingLookupsSql(service, {after: scan.afterRowid !== undefined, only: only !== null})) {
		for (const {id} of statement(db, sql).all(params) as Array<{id: string}>) {
			if (skip.has(id)) continue;
			out.push(id);
			if (out.length >= limit) return out;
		}
	}
	return out;
}

/**
 * The statements pendingLookups runs, in order, with parameters @now, @limit and (when scoped)
 * @after, @only. Exported for the test of their query plans.
 */
export function pendingLookupsSql(service: MetaService, scoped: {after: boolean; only: boolean}): string[] {
	const scope = [kindSql(service)];
	if (scoped.after) scope.push('p.rowid > @after');
	if (scoped.only) scope.push(`p.id IN (SELECT value FROM json_each(@only))`);
	// Crossref's candidates are the few DOIs Semantic Scholar did not know: one query, ordered as above.
	if (service === 'crossref') return [`SELECT p.id FROM papers p ${joinsSql(service)} WHERE ${[...scope, waitingSql(service, 'l', '@now')].join(' AND ')} ORDER BY l.id IS NOT NULL, p.id DESC LIMIT @limit`];
	const lookup = `l.id = p.id AND l.service = '${service}'`;
	// Papers stored since a rowid are few: found by rowid and sorted (`+p.id`), not by walking the whole key.
	const order = scoped.after ? '+p.id' : 'p.id';
	return [
		`SELECT p.id FROM papers p WHERE ${scope.join(' AND ')} AND NOT EXISTS (SELECT 1 FROM paper_lookups l WHERE ${lookup}) ORDER BY ${order} DESC LIMIT @limit`,
		// `status IN (…)`: the index's own condition, which SQLite must see to use it.
		`SELECT p.id FROM paper_lookups l JOIN papers p ON ${lookup} WHERE ${scope.join(' AND ')} AND l.status IN ('failed', 'missing') AND ${waitingSql(service, 'l', '@now')} ORDER BY p.id DESC LIMIT @limit`,
	];
}

/** The largest rowid of papers: papers stored later have larger ones (see PendingScan.afterRowid). */
export function lastPaperRowid(db: Db): number {
	const row = statement(db, 'SELECT max(rowid) AS n FROM papers').get() as {n: number | null};
	return row.n ?? 0;
}

/** Papers one of `services` is still to be asked about on a later run (never asked, or failed). */
export function countLeft(db: Db, services: readonly MetaService[]): number {
	if (services.length === 0) return 0;
	// A `missing` lookup is settled until its retry time: only never-asked and failed ones count.
	const unsettled = (service: MetaService) =>
		`NOT EXISTS (SELECT 1 FROM paper_lookups l WHERE l.id = p.id AND l.service = '${service}' AND l.status <> 'failed')`;
	const one = (service: MetaService) =>
		service === 'crossref'
			? `(${kindSql(service)} AND EXISTS (SELECT 1 FROM paper_lookups s WHERE s.id = p.id AND s.service = 's2' AND s.status = 'missing')
				AND NOT EXISTS (SELECT 1 FROM paper_meta pm WHERE pm.paper_id = p.id AND pm.status = 'ok') AND ${unsettled(service)})`
			: `(${kindSql(service)} AND ${unsettled(service)})`;
	const row = statement(db, `SELECT COUNT(*) AS n FROM papers p WHERE ${services.map(one).join(' OR ')}`).get() as {n: number};
	return row.n;
}

/**
 * Records what the service said about `ids`. A lookup that succeeded (`ok`) is never turned back
 * into a failure; `invalid` replaces anything but `ok`.
 */
export function recordLookups(
	db: Db,
	service: MetaService,
	ids: readonly string[],
	outcome: {status: LookupStatus; error?: string | null; retryAfter?: string | null},
	nowIso: string,
): void {
	const upsert = statement(db, `INSERT INTO paper_lookups (id, service, status, asked_at, attempts, retry_after, last_error)
		VALUES (@id, @service, @status, @now, 1, @retryAfter, @error)
		ON CONFLICT(id, service) DO UPDATE SET status = excluded.status, asked_at = excluded.asked_at, attempts = paper_lookups.attempts + 1,
		retry_after = excluded.retry_after, last_error = excluded.last_error
		WHERE paper_lookups.status <> 'ok' OR excluded.status = 'ok'`);
	for (const id of ids) {
		upsert.run({id, service, status: outcome.status, now: nowIso, retryAfter: outcome.retryAfter ?? null, error: outcome.error ?? null});
	}
}

/** How often the service was asked about `id` without describing it. */
export function lookupAttempts(db: Db, service: MetaService, id: string): number {
	const row = statement(db, `SELECT attempts FROM paper_lookups WHERE id = ? AND service = ? AND status <> 'ok'`).get(id, service) as {attempts: number} | undefined;
	return row?.attempts ?? 0;
}

export interface LookupState {
	status: LookupStatus;
	attempts: number;
	askedAt: string | null;
	retryAfter: string | null;
	lastError: string | null;
}

/** One lookup's state (diagnostics and tests). */
export function lookupState(db: Db, service: MetaService, id: string): LookupState | undefined {
	const row = statement(db, 'SELECT status, attempts, asked_at, retry_after, last_error FROM paper_lookups WHERE id = ? AND service = ?').get(id, service) as
		| {status: LookupStatus; attempts: number; asked_at: string | null; retry_after: string | null; last_error: string | null}
		| undefined;
	return row ? {status: row.status, attempts: row.attempts, askedAt: row.asked_at, retryAfter: row.retry_after, lastError: row.last_error} : undefined;
}
