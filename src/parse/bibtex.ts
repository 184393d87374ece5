/**
 * BibTeX for papers (`papers --bibtex`). Every entry is `@misc` (preprints and links), with the
 * arXiv fields biblatex and natbib styles understand: `eprint`, `archivePrefix`, `primaryClass`.
 *
 * - Text fields (title, author) are brace-delimited with LaTeX specials escaped
 *   (`\ { } $ & % # _ ~ ^`); titles are double-braced so styles keep their capitals.
 * - Verbatim fields (url, doi, eprint) are not LaTeX-escaped (biblatex reads them verbatim); only
 *   characters that would unbalance the entry (`{ } \`) are percent-encoded.
 * - Keys: first author's family name, year, first significant title word (`zhou2025expo`), ASCII
 *   only; without authors, the paper id's letters and digits. Keys are handed out in paper-id
 *   order and a clash gets `b`, `c`, … so the same set of papers always gets the same keys.
 * Pure functions: no IO.
 */
import type {PaperMeta} from '../domain/types.js';
import {nameTokens} from './author-match.js';

export interface BibPaper {
	id: string;
	url: string;
	title: string | null;
	authors: string[];
	/** arXiv metadata, when known: year, primary class, DOI. */
	meta?: PaperMeta;
	/** Every id that names the paper (a DOI among them gives the `doi` field). */
	ids?: string[];
	/** Where it was published, when a bibliography or metadata service said. */
	venue?: string | null;
	/** The publication year a bibliography gave, when the metadata has none. */
	year?: string | null;
}

const LATEX: Record<string, string> = {
	'\\': '\\textbackslash{}',
	'{': '\\{',
	'}': '\\}',
	$: '\\$',
	'&': '\\&',
	'%': '\\%',
	'#': '\\#',
	_: '\\_',
	'~': '\\textasciitilde{}',
	'^': '\\textasciicircum{}',
};

/** Text for a brace-delimited field: specials escaped, whitespace collapsed, controls dropped. */
export function escapeBibtex(s: string): string {
	return s
		.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.replace(/[\\{}$&%#_~^]/g, c => LATEX[c]!);
}

/** A value for a verbatim field (url, doi): only what would break the entry is encoded. */
function verbatim(s: string): string {
	return s.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').replace(/[{}\\]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** One author for the `author` field: a name with "and" or a comma in it is braced as a whole. */
function bibAuthor(name: string): string {
	const escaped = escapeBibtex(name);
	return /(^|\s)and(\s|$)/i.test(escaped) || escaped.includes(',') ? `{${escaped}}` : escaped;
}

const STOP_WORDS = new Set(
	'a an the on of for in to and with from towards toward via is are your at by as do does how what when why we our into beyond through'.split(' '),
);

function ascii(word: string): string {
	return nameTokens(word).join('').replace(/[^a-z0-9]/g, '');
}

function familyName(author: string): string {
	const comma = author.indexOf(',');
	const family = comma >= 0 ? author.slice(0, comma) : (author.trim().split(/\s+/).pop() ?? '');
	return ascii(family);
}

function titleWord(title: string | null): string {
	for (const word of (title ?? '').split(/[\s\-–—:/]+/)) {
		const w = ascii(word);
		if (w && !STOP_WORDS.has(w)) return w;
	}
	return '';
}

function yearOf(paper: BibPaper): string | null {
	const published = paper.meta?.published;
	if (published && /^\d{4}/.test(published)) return published.slice(0, 4);
	return paper.year && /^\d{4}$/.test(paper.year) ? paper.year : null;
}

function keyBase(paper: BibPaper): string {
	const family = paper.authors[0] ? familyName(paper.authors[0]) : '';
	if (family) return `${family}${yearOf(paper) ?? ''}${titleWord(paper.title)}`;
	return paper.id.toLowerCase().replace(/[^a-z0-9]/g, '') || 'paper';
}

/** Stable, unique citation keys by paper id. */
export function bibtexKeys(papers: readonly BibPaper[]): Map<string, string> {
	return keysOf(papers.map(p => ({id: p.id, base: keyBase(p)})));
}

/** Keys from each paper's key base: in id order, a repeated base gets a suffix (b, c, …). */
function keysOf(papers: ReadonlyArray<{id: string; base: string}>): Map<string, string> {
	const keys = new Map<string, string>();
	const taken = new Set<string>();
	for (const paper of [...papers].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
		let key = paper.base;
		for (let n = 1; taken.has(key); n++) key = `${paper.base}${suffix(n)}`;
		taken.add(key);
		keys.set(paper.id, key);
	}
	return keys;
}

/** 1 → b, 2 → c, …, 25 → z, 26 → ba, … */
function suffix(n: number): string {
	return n < 26 ? String.fromCharCode(97 + n) : `${suffix(Math.floor(n / 26))}${String.fromCharCode(97 + (n % 26))}`;
}

/** A paper's entry after its `@misc{KEY,` line. */
function entryBody(paper: BibPaper): string {
	const fields: Array<[string, string]> = [];
	if (paper.title) fields.push(['title', `{{${escapeBibtex(paper.title)}}}`]);
	if (paper.authors.length > 0) fields.push(['author', `{${paper.authors.map(bibAuthor).join(' and ')}}`]);
	const year = yearOf(paper);
	if (year) fields.push(['year', `{${year}}`]);
	if (paper.id.startsWith('arxiv:')) {
		fields.push(['eprint', `{${verbatim(paper.id.slice('arxiv:'.length))}}`], ['archivePrefix', '{arXiv}']);
		if (paper.meta?.category) fields.push(['primaryClass', `{${verbatim(paper.meta.category)}}`]);
	}
	const doi = paper.id.startsWith('doi:') ? paper.id.slice('doi:'.length) : (paper.meta?.doi ?? paper.ids?.find(id => id.startsWith('doi:'))?.slice('doi:'.length));
	if (doi) fields.push(['doi', `{${verbatim(doi)}}`]);
	const venue = paper.meta?.journalRef ?? (paper.venue && paper.venue !== 'arXiv' ? paper.venue : null);
	if (venue) fields.push(['note', `{${escapeBibtex(venue)}}`]);
	fields.push(['url', `{${verbatim(paper.url)}}`]);
	const width = Math.max(...fields.map(([name]) => name.length));
	return `${fields.map(([name, value]) => `  ${name.padEnd(width)} = ${value}`).join(',\n')}\n}\n`;
}

/** A BibTeX file for the papers, in the order given. */
export function formatBibtex(papers: readonly BibPaper[]): string {
	return finishBibtex(papers.map(bibtexDraft));
}

/** A paper's entry without its key, which depends on every other paper (see finishBibtex). */
export interface BibtexDraft {
	id: string;
	base: string;
	body: string;
}

/**
 * formatBibtex in two steps, for papers read a page at a time: each page's entries drafted (the
 * text, kept), then the file once every paper is known. Only the drafts' text stays in memory,
 * not the papers with their mentions and metadata.
 */
export function bibtexDraft(paper: BibPaper): BibtexDraft {
	return {id: paper.id, base: keyBase(paper), body: entryBody(paper)};
}

export function finishBibtex(drafts: readonly BibtexDraft[]): string {
	const keys = keysOf(drafts);
	return drafts.map(d => `@misc{${keys.get(d.id)!},\n${d.body}`).join('\n');
}
