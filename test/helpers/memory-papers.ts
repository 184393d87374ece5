/**
 * The papers side of the in-memory model, with the SQLite model's rules: one paper per id, most
 * recently mentioned first (then the item's own order of papers), replies to others left out,
 * `own` when the researcher is among the arXiv authors, search over id, titles, authors, link
 * texts and who mentioned it, read when every item mentioning it is.
 */
import type {PaperQuery, PaperRow} from '../../src/app/model.js';
import type {AlsoShared, Item, Paper, PaperMeta, PaperMention} from '../../src/domain/types.js';
import {isAuthor} from '../../src/parse/author-match.js';

/** What a test says about a paper beyond what its items say (arXiv title, authors, abstract…). */
export type PaperInfo = Partial<Omit<PaperMeta, 'id'>>;

function byNewest(a: {date: string; id: string}, b: {date: string; id: string}): number {
	if (a.date !== b.date) return a.date < b.date ? 1 : -1;
	return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** Every paper of these items (replies to others left out), newest mention first, with its read and star state. */
export function memoryPapers(items: readonly Item[], info: Record<string, PaperInfo> = {}): PaperRow[] {
	const byId = new Map<string, Paper>();
	const listed = items.filter(i => i.hidden !== 'reply').sort(byNewest);
	for (const item of listed) {
		const seen = new Set<string>();
		for (const ref of item.papers) {
			if (seen.has(ref.id)) continue;
			seen.add(ref.id);
			let paper = byId.get(ref.id);
			if (paper === undefined) {
				const meta = info[ref.id];
				paper = {id: ref.id, url: ref.url, title: meta?.title ?? ref.title, authors: meta?.authors ?? [], ids: [ref.id], venue: meta?.venue ?? null, mentions: []};
				byId.set(ref.id, paper);
			}
			if (paper.title === null && ref.title !== null) paper.title = ref.title;
			const own = paper.authors.length > 0 && isAuthor(item.researcher, paper.authors);
			const mention: PaperMention = {item: item.id, researcher: item.researcher, source: item.source, date: item.date, own, datePrecision: item.datePrecision};
			paper.mentions.push(mention);
		}
	}
	return [...byId.values()].map(paper => {
		const mentioning = items.filter(i => i.papers.some(p => p.id === paper.id));
		return {...paper, read: mentioning.length > 0 && mentioning.every(i => i.read), starred: mentioning.some(i => i.starred)};
	});
}

function searchText(paper: Paper, items: readonly Item[]): string {
	const linkTexts = paper.mentions.flatMap(m => items.find(i => i.id === m.item)?.papers.filter(p => p.id === paper.id).map(p => p.title ?? '') ?? []);
	return [paper.id, paper.title ?? '', ...paper.authors, ...linkTexts, ...paper.mentions.map(m => m.researcher)].join('\n').toLowerCase();
}

/** The papers a query selects, in list order. */
export function queryPapers(papers: readonly PaperRow[], items: readonly Item[], query: PaperQuery): PaperRow[] {
	const who = query.researcher?.toLowerCase();
	const needle = query.search?.trim().toLowerCase() ?? '';
	return papers.filter(
		p =>
			(who === undefined ? !query.ownOnly || p.mentions.some(m => m.own) : p.mentions.some(m => m.researcher.toLowerCase() === who && (!query.ownOnly || m.own))) &&
			(needle === '' || searchText(p, items).includes(needle)) &&
			(!query.unreadOnly || !p.read),
	);
}

/** Metadata of the papers a test described (those with nothing described are absent). */
export function memoryPaperMeta(ids: readonly string[], info: Record<string, PaperInfo> = {}): Map<string, PaperMeta> {
	const out = new Map<string, PaperMeta>();
	for (const id of ids) {
		const i = info[id];
		if (i === undefined) continue;
		out.set(id, {
			id,
			title: i.title ?? null,
			authors: i.authors ?? [],
			abstract: i.abstract ?? null,
			category: i.category ?? null,
			published: i.published ?? null,
			updated: i.updated ?? null,
			version: i.version ?? null,
			doi: i.doi ?? null,
			journalRef: i.journalRef ?? null,
		});
	}
	return out;
}

/** For each item, the other researchers (in name order) whose items, replies to others aside, mention its papers. */
export function memoryAlsoShared(items: readonly Item[], itemIds: readonly string[]): Map<string, AlsoShared[]> {
	const out = new Map<string, AlsoShared[]>();
	for (const id of itemIds) {
		const item = items.find(i => i.id === id);
		if (item === undefined) continue;
		const byResearcher = new Map<string, AlsoShared>();
		for (const ref of item.papers) {
			for (const other of items) {
				if (other.hidden === 'reply' || other.researcher.toLowerCase() === item.researcher.toLowerCase()) continue;
				if (!other.papers.some(p => p.id === ref.id)) continue;
				const entry = byResearcher.get(other.researcher) ?? {researcher: other.researcher, papers: []};
				if (!entry.papers.includes(ref.id)) entry.papers.push(ref.id);
				byResearcher.set(other.researcher, entry);
			}
		}
		const key = (a: AlsoShared): string => a.researcher.toLowerCase();
		const list = [...byResearcher.values()].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
		if (list.length > 0) out.set(id, list);
	}
	return out;
}
