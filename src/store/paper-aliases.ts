/** Reading which ids name which paper: light enough for every command's start-up (papers, sources). */
import {type Db, statement} from './db.js';
import {idsIn, idsParam} from './id-list.js';

/** arXiv first: the preprint's id stays stable when a published version appears later. */
const RANK = ['arxiv:', 'doi:', 'acl:', 'openreview:', 'pmlr:'];

function rank(id: string): number {
	const r = RANK.findIndex(prefix => id.startsWith(prefix));
	return r === -1 ? RANK.length : r;
}

/** The better canonical id of two: by kind, then the smaller id, so every process agrees. */
export function betterId(a: string, b: string): string {
	const d = rank(a) - rank(b);
	if (d !== 0) return d < 0 ? a : b;
	return a <= b ? a : b;
}

const SQL = {
	canonical: 'SELECT paper_id FROM paper_ids WHERE alias = ?',
	alias: 'INSERT INTO paper_ids (alias, paper_id) VALUES (?, ?) ON CONFLICT(alias) DO UPDATE SET paper_id = excluded.paper_id',
	aliasesOf: 'SELECT alias FROM paper_ids WHERE paper_id = ?',
	titled: 'SELECT paper_id FROM paper_titles WHERE researcher_key = ? AND title_key = ?',
	title: `INSERT INTO paper_titles (researcher_key, title_key, paper_id) VALUES (?, ?, ?)
		ON CONFLICT(researcher_key, title_key) DO UPDATE SET paper_id = excluded.paper_id`,
} as const;

/** The canonical id of `id` (itself when no other id claims it). */
export function canonicalId(db: Db, id: string): string {
	const row = statement(db, SQL.canonical).get(id) as {paper_id: string} | undefined;
	return row?.paper_id ?? id;
}

/** Every id that names the paper `canonical`, canonical first. */
export function idsOf(db: Db, canonical: string): string[] {
	const rows = statement(db, SQL.aliasesOf).all(canonical) as Array<{alias: string}>;
	return withAliases(canonical, rows.map(r => r.alias));
}

/** idsOf for many papers in one statement (`papers` lists tens of thousands). */
export function idsOfMany(db: Db, canonicals: readonly string[]): Map<string, string[]> {
	const aliases = new Map<string, string[]>();
	const rows = statement(db, `SELECT paper_id, alias FROM paper_ids WHERE ${idsIn('paper_id')}`).all(idsParam(canonicals)) as Array<{paper_id: string; alias: string}>;
	for (const row of rows) {
		const list = aliases.get(row.paper_id);
		if (list === undefined) aliases.set(row.paper_id, [row.alias]);
		else list.push(row.alias);
	}
	return new Map(canonicals.map(id => [id, withAliases(id, aliases.get(id) ?? [])]));
}

function withAliases(canonical: string, aliases: readonly string[]): string[] {
	const others = aliases.filter(a => a !== canonical).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
	return [canonical, ...others];
}
