/**
 * The digest: what is new since a date, grouped by researcher, papers first. For cron and e-mail
 * (`research-feed digest --since 7d | mail -s "Research digest" me@example.org`).
 *
 * What "new" means: an item counts when the period its date states overlaps the window
 * [since, until]: an item dated to the instant or day counts when that date is in the window; one
 * dated only to a month or a year (homepage news "[05/2025]") counts while that month or year
 * reaches into the window; a homepage publication, dated when first seen, counts when it was
 * first seen in the window. So the first refresh of a new researcher does not flood a digest with
 * their old posts, and news stated to the month is not missed by a weekly digest.
 *
 * A researcher's papers are those their new items mention (arXiv title and authors when known);
 * their other new items follow. Hidden items (replies to others, a homepage's first-fetch papers)
 * never count. Pure: the store is read by the caller.
 */
import {SOURCE_LABEL, type DatePrecision, type Item, type Paper, type PaperMeta, type SourceKind} from '../domain/types.js';
import {cleanInline, truncateText} from '../parse/sanitize.js';

export interface DigestMention {
	item: string;
	source: SourceKind;
	date: string;
	url: string;
}

export interface DigestPaper {
	id: string;
	url: string;
	title: string | null;
	authors: string[];
	/** arXiv primary category, when known. */
	category: string | null;
	/** First version's date, when known. */
	published: string | null;
	/** The researcher is one of the authors. */
	own: boolean;
	/** Where this researcher mentioned it in the window, newest first. */
	mentions: DigestMention[];
	/** Other researchers who mentioned it (ever), by name. */
	alsoSharedBy: string[];
}

export interface DigestItem {
	id: string;
	source: SourceKind;
	kind: Item['kind'];
	date: string;
	datePrecision: DatePrecision;
	title: string | null;
	/** The first line of the text, at most 200 characters. */
	summary: string;
	url: string;
}

export interface DigestResearcher {
	name: string;
	papers: DigestPaper[];
	items: DigestItem[];
}

export interface Digest {
	since: string;
	until: string;
	researchers: DigestResearcher[];
}

/** The last instant of the period an item's date stands for (exclusive end). */
function periodEnd(date: string, precision: DatePrecision): number {
	const d = new Date(date);
	switch (precision) {
		case 'year':
			return Date.UTC(d.getUTCFullYear() + 1, 0, 1);
		case 'month':
			return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
		case 'day':
			return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
		default:
			return d.getTime() + 1;
	}
}

/** Does the item's stated period overlap [since, until]? */
export function isNewSince(item: Pick<Item, 'date' | 'datePrecision'>, since: Date, until: Date): boolean {
	const start = Date.parse(item.date);
	if (Number.isNaN(start)) return false;
	return periodEnd(item.date, item.datePrecision) > since.getTime() && start <= until.getTime();
}

/** How far back `listItems` must look to find every item `isNewSince` may accept (a year-dated item). */
export function lookbackStart(since: Date): string {
	return new Date(Date.UTC(since.getUTCFullYear() - 1, since.getUTCMonth(), since.getUTCDate())).toISOString();
}

function summaryOf(item: Item): string {
	const first = item.text.split('\n').find(line => line.trim() !== '') ?? '';
	return truncateText(cleanInline(first), 200, '…');
}

function byName(a: string, b: string): number {
	return a.localeCompare(b, 'en', {sensitivity: 'base'}) || (a < b ? -1 : a > b ? 1 : 0);
}

export function buildDigest(input: {since: Date; until: Date; items: readonly Item[]; papers: readonly Paper[]; meta: ReadonlyMap<string, PaperMeta>}): Digest {
	const papersById = new Map(input.papers.map(p => [p.id, p]));
	const fresh = input.items.filter(i => !i.hidden && isNewSince(i, input.since, input.until));
	const byResearcher = new Map<string, Item[]>();
	for (const item of fresh) byResearcher.set(item.researcher, [...(byResearcher.get(item.researcher) ?? []), item]);
	const researchers: DigestResearcher[] = [];
	for (const name of [...byResearcher.keys()].sort(byName)) {
		const items = byResearcher.get(name)!.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? 1 : -1));
		const papers = new Map<string, DigestPaper>();
		for (const item of items) {
			for (const ref of item.papers) {
				let paper = papers.get(ref.id);
				if (!paper) {
					const known = papersById.get(ref.id);
					const meta = input.meta.get(ref.id);
					paper = {
						id: ref.id,
						url: ref.url,
						title: known?.title ?? ref.title,
						authors: known?.authors ?? [],
						category: meta?.category ?? null,
						published: meta?.published ?? null,
						own: known?.mentions.some(m => m.researcher === name && m.own) ?? false,
						mentions: [],
						alsoSharedBy: [...new Set((known?.mentions ?? []).map(m => m.researcher).filter(r => r !== name))].sort(byName),
					};
					papers.set(ref.id, paper);
				}
				paper.mentions.push({item: item.id, source: item.source, date: item.date, url: item.url});
			}
		}
		researchers.push({
			name,
			papers: [...papers.values()],
			items: items
				.filter(i => i.papers.length === 0)
				.map(i => ({id: i.id, source: i.source, kind: i.kind, date: i.date, datePrecision: i.datePrecision, title: i.title, summary: summaryOf(i), url: i.url})),
		});
	}
	return {since: input.since.toISOString(), until: input.until.toISOString(), researchers};
}

// ---------------------------------------------------------------- Markdown

const SOURCE_NAMES = SOURCE_LABEL;

/** Text safe inside a Markdown line: characters with an inline meaning (emphasis, code, links, HTML, tables) are backslash-escaped. */
export function escapeMarkdown(s: string): string {
	return s.replace(/[\\`*_[\]<>|~]/g, c => `\\${c}`);
}

/** A URL fit for `[text](url)`: spaces, parentheses and angle brackets percent-encoded. */
function mdUrl(url: string): string {
	return url.replace(/[\s()<>]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function day(iso: string): string {
	return iso.slice(0, 10);
}

function itemDate(item: DigestItem): string {
	const d = new Date(item.date);
	if (item.datePrecision === 'year') return String(d.getUTCFullYear());
	if (item.datePrecision === 'month') return d.toISOString().slice(0, 7);
	return day(item.date);
}

function authorLine(authors: readonly string[]): string {
	if (authors.length <= 8) return authors.join(', ');
	return `${authors.slice(0, 6).join(', ')} et al. (${authors.length} authors)`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function digestMarkdown(digest: Digest): string {
	const out: string[] = [];
	out.push(`# Research digest, ${day(digest.since)} to ${day(digest.until)}`, '');
	const paperCount = digest.researchers.reduce((n, r) => n + r.papers.length, 0);
	const itemCount = digest.researchers.reduce((n, r) => n + r.items.length, 0);
	if (digest.researchers.length === 0) {
		out.push(`Nothing new since ${day(digest.since)}.`, '');
		return out.join('\n');
	}
	out.push(`${plural(digest.researchers.length, 'researcher')}, ${plural(paperCount, 'paper')}, ${plural(itemCount, 'other new item')}.`, '');
	for (const r of digest.researchers) {
		out.push(`## ${escapeMarkdown(r.name)}`, '');
		if (r.papers.length > 0) {
			out.push('### Papers', '');
			for (const p of r.papers) {
				const title = escapeMarkdown(p.title ?? p.id);
				out.push(`- **[${title}](${mdUrl(p.url)})**${p.own ? ' (own paper)' : ''}`);
				const facts = [p.authors.length > 0 ? escapeMarkdown(authorLine(p.authors)) : '', p.category ? escapeMarkdown(p.category) : '', p.published ? `first version ${day(p.published)}` : '']
					.filter(Boolean)
					.join(' · ');
				if (facts) out.push(`  ${facts}`);
				const where = p.mentions.map(m => `[${SOURCE_NAMES[m.source]} ${day(m.date)}](${mdUrl(m.url)})`).join(', ');
				const also = p.alsoSharedBy.length > 0 ? ` · also shared by ${p.alsoSharedBy.map(escapeMarkdown).join(', ')}` : '';
				out.push(`  shared on ${where}${also}`);
			}
			out.push('');
		}
		if (r.items.length > 0) {
			out.push('### Posts and news', '');
			for (const i of r.items) {
				const text = escapeMarkdown(i.title ?? (i.summary || '(no text)'));
				out.push(`- ${itemDate(i)} · ${SOURCE_NAMES[i.source]} ${i.kind}: [${text}](${mdUrl(i.url)})`);
			}
			out.push('');
		}
	}
	return out.join('\n');
}
