/**
 * Helpers shared by the bibliography parsers: bounded, sanitised strings from untyped JSON and XML
 * text, tolerant readers for the shapes services collapse (a list of one sent as the object, counts
 * sent as strings), dates from parts, and the id collector that turns every link, DOI and arXiv id
 * a service gives into the project's paper ids (parse/paper-ids.ts), best first. Pure: no IO.
 */
import {normalizeDoi, paperFromDoi, paperFromUrl} from '../paper-ids.js';
import type {PaperMatch} from '../paper-ids.js';
import {cleanInline, safeHttpUrl, truncateText} from '../sanitize.js';
import {parseTimestamp} from '../timestamp.js';
import type {WorkPrecision} from './types.js';

/** Bounds on what one answer keeps. */
export const MAX_WORKS = 10_000;
export const MAX_TITLE = 1000;
export const MAX_ABSTRACT = 10_000;
export const MAX_AUTHORS = 5000;
export const MAX_NAME = 300;
export const MAX_VENUE = 300;
export const MAX_IDS = 50;

/** A body that is not the format a parser expects. Its message is one short line. */
export class BibliographyParseError extends Error {
	override name = 'BibliographyParseError';
}

/** The first line of an error's message, cleaned and cut: for "not X (reason)" messages. */
export function reasonOf(error: unknown): string {
	const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
	return truncateText(cleanInline(first), 120, '…');
}

// ---------------------------------------------------------------- untyped JSON

/** Parsed JSON: a string is parsed here (throws BibliographyParseError naming `what`), anything else is taken as already parsed. */
export function jsonInput(input: unknown, what: string): unknown {
	if (typeof input !== 'string') return input;
	try {
		return JSON.parse(input.replace(/^\ufeff/, '')) as unknown;
	} catch (error) {
		const start = input.trimStart().slice(0, 1);
		const hint = start === '<' ? 'HTML or XML, not JSON' : `not JSON: ${reasonOf(error)}`;
		throw new BibliographyParseError(`not ${what} (${hint})`);
	}
}

export type Json = Record<string, unknown>;

/** `x` when it is a plain object, else null. */
export function obj(x: unknown): Json | null {
	return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Json) : null;
}

/** A list however it was sent: missing/null → [], an array → itself, one value → [value] (XML-to-JSON collapses lists of one). */
export function arr(x: unknown): unknown[] {
	if (x === undefined || x === null) return [];
	return Array.isArray(x) ? x : [x];
}

/** A string or a number as a string; anything else null. */
export function str(x: unknown): string | null {
	if (typeof x === 'string') return x;
	if (typeof x === 'number' && Number.isFinite(x)) return String(x);
	return null;
}

/** A non-negative integer sent as a number or a numeric string ("67660"), else null. */
export function count(x: unknown): number | null {
	if (typeof x === 'number') return Number.isSafeInteger(x) && x >= 0 ? x : null;
	if (typeof x === 'string' && /^\s*\d{1,15}\s*$/.test(x)) return Number(x);
	return null;
}

/** ORCID-style `{"value": …}` wrappers, or the value itself. */
export function valueOf(x: unknown): unknown {
	const o = obj(x);
	return o !== null && 'value' in o ? o['value'] : x;
}

// ---------------------------------------------------------------- text

/** `s` cleaned for a terminal, whitespace collapsed, cut to `max` characters; null when empty or not text. */
export function inline(s: unknown, max: number): string | null {
	const raw = str(s);
	if (raw === null) return null;
	// Cut before cleaning too: a hostile 10 MB "title" costs no regex time beyond what is kept.
	const cleaned = cleanInline(raw.length > max * 4 + 1000 ? raw.slice(0, max * 4 + 1000) : raw);
	// At most `max` characters, the ellipsis included.
	const clean = cleaned.length <= max ? cleaned : truncateText(cleaned, max - 1, '…');
	return clean === '' ? null : clean;
}

/** HTML's Latin-1 entity names in code point order from U+00A0 (dblp's DTD defines exactly these). */
const LATIN1 =
	'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
	'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
	'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml';

const NAMED = new Map<string, string>([
	['amp', '&'],
	['lt', '<'],
	['gt', '>'],
	['quot', '"'],
	['apos', "'"],
	['ndash', '\u2013'],
	['mdash', '\u2014'],
	['lsquo', '\u2018'],
	['rsquo', '\u2019'],
	['ldquo', '\u201c'],
	['rdquo', '\u201d'],
	['hellip', '\u2026'],
	...LATIN1.split(' ').map((name, i) => [name, String.fromCodePoint(0xa0 + i)] as [string, string]),
]);

/**
 * Character references left in text: numeric (`&#233;`, `&#xE9;`), XML's five and HTML's Latin-1
 * names (`&eacute;`). One pass, so `&amp;eacute;` becomes `&eacute;`, not `é`. Unknown names stay.
 */
export function decodeEntities(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{1,7}));/g, (whole, dec?: string, hex?: string, name?: string) => {
		if (name !== undefined) return NAMED.get(name) ?? whole;
		const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
		// Not a character (surrogates, beyond Unicode, NUL): dropped rather than kept as a reference.
		if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '';
		return String.fromCodePoint(cp);
	});
}

/**
 * Inline markup services leave in titles (Crossref and OpenAlex pass on publishers' `<i>`, `<sub>`,
 * `<scp>`, MathML; dblp titles hold `<i>`/`<sub>` as elements, read as text already). Only these
 * tag names are removed, so a title like "x < y and y > z" keeps its text.
 */
const INLINE_TAG = /<\/?(?:(?:mml|jats):[a-z][a-z0-9-]*|i|b|em|strong|sub|sup|scp|sc|tt|u|span|font|br|italic|bold|small|math)(?:\s[^<>]*)?\/?>/gi;

/** A title from JSON: inline markup removed, entities decoded, cleaned and bounded. */
export function titleText(s: unknown): string | null {
	const raw = str(s);
	if (raw === null) return null;
	return inline(decodeEntities(raw.slice(0, MAX_TITLE * 4 + 1000).replace(INLINE_TAG, '')), MAX_TITLE);
}

/** Publishers' abstracts come as JATS or HTML: headings like "Abstract" go, every tag becomes a space. */
export function abstractText(s: unknown): string | null {
	const raw = str(s);
	if (raw === null) return null;
	const text = raw
		.slice(0, MAX_ABSTRACT * 4 + 1000)
		.replace(/<(?:jats:)?title\b[^<>]*>[^<]*<\/(?:jats:)?title>/gi, ' ')
		.replace(INLINE_TAG, '')
		.replace(/<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>/g, ' ');
	return inline(decodeEntities(text), MAX_ABSTRACT);
}

/** A person's display name. */
export function nameText(s: unknown): string | null {
	const raw = str(s);
	return raw === null ? null : inline(decodeEntities(raw), MAX_NAME);
}

/** Every arXiv/CoRR venue name is `arXiv`. */
const ARXIV_VENUE = /^(?:corr|arxiv(?:\.org)?(?:\s*\(cornell university\))?|cornell university\s*-\s*arxiv|arxiv e-prints)$/i;

/** A venue name cleaned, bounded and with preprint servers' names for arXiv folded into `arXiv`. */
export function venueText(s: unknown): string | null {
	const raw = str(s);
	if (raw === null) return null;
	const venue = inline(decodeEntities(raw.replace(INLINE_TAG, '')), MAX_VENUE);
	if (venue === null) return null;
	return ARXIV_VENUE.test(venue) ? 'arXiv' : venue;
}

/** A http(s) URL fit to store and open, or null. */
export function linkOf(s: unknown): string | null {
	const raw = str(s);
	return raw === null ? null : safeHttpUrl(raw);
}

// ---------------------------------------------------------------- dates

export interface WorkDate {
	date: string;
	precision: WorkPrecision;
}

function intOf(x: unknown): number | null {
	const v = valueOf(x);
	if (typeof v === 'number') return Number.isInteger(v) ? v : null;
	if (typeof v === 'string' && /^\s*\d{1,4}\s*$/.test(v)) return Number(v);
	return null;
}

/**
 * A date from its parts (numbers, numeric strings or ORCID `{"value": "03"}` wrappers): a missing or
 * impossible month gives year precision, a missing or impossible day month precision. Null without
 * a plausible year (1000–9999).
 */
export function dateFromParts(year: unknown, month?: unknown, day?: unknown): WorkDate | null {
	const y = intOf(year);
	if (y === null || y < 1000 || y > 9999) return null;
	const m = intOf(month);
	if (m === null || m < 1 || m > 12) return {date: new Date(Date.UTC(y, 0, 1)).toISOString(), precision: 'year'};
	const d = intOf(day);
	const first = new Date(Date.UTC(y, m - 1, 1)).toISOString();
	if (d === null || d < 1 || d > 31) return {date: first, precision: 'month'};
	const at = new Date(Date.UTC(y, m - 1, d));
	// 31 February rolls over into March: keep the month, not an invented day.
	if (at.getUTCDate() !== d) return {date: first, precision: 'month'};
	return {date: at.toISOString(), precision: 'day'};
}

/** `2018-02-13` (day), `2018-02` (month), `2018` (year); anything else null. */
export function dayDate(s: unknown): WorkDate | null {
	const raw = str(s);
	const m = raw === null ? null : /^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$/.exec(raw);
	return m === null ? null : dateFromParts(m[1], m[2], m[3]);
}

/** A timestamp with its zone (a date without one is UTC) as an ISO instant in UTC, or null. */
export function instantDate(s: unknown): WorkDate | null {
	const raw = str(s);
	const ms = raw === null ? null : parseTimestamp(raw.slice(0, 100));
	if (ms === null || !Number.isFinite(ms)) return null;
	const d = new Date(ms);
	return Number.isNaN(d.getTime()) ? null : {date: d.toISOString(), precision: 'instant'};
}

// ---------------------------------------------------------------- ids

const ARXIV_DOI = /^10\.48550\/arxiv\./i;
const UNSAFE_ID = /[\s\x00-\x1f\x7f-\x9f]/;

/** A `doi:` id that paper-ids.ts reads as another id (an ACL Anthology DOI): kept, but after every other id. */
function isAliasDoi(id: string): boolean {
	return id.startsWith('doi:') && paperFromDoi(id.slice(4))?.id !== id;
}

function rankOf(id: string): number {
	if (id.startsWith('arxiv:')) return 0;
	if (id.startsWith('doi:')) return isAliasDoi(id) ? 5 : 1;
	if (id.startsWith('acl:')) return 2;
	if (id.startsWith('openreview:')) return 3;
	return 4;
}

/**
 * Collects the paper ids a record names, in the order the contract wants them (arXiv, DOI, ACL,
 * OpenReview, others), each with its canonical URL. Every input goes through parse/paper-ids.ts,
 * so a DOI that the project reads as another id (arXiv DOIs, ACL Anthology DOIs) becomes that id;
 * an ACL DOI is also kept as a `doi:` id, last, so metadata services can be asked by DOI.
 */
export class IdCollector {
	private readonly found = new Map<string, {url: string; rank: number; order: number}>();

	private put(id: string, url: string | null): void {
		// Ids are printed and stored: one that cleaning would change (controls, bidi, spaces) is not kept.
		if (this.found.size >= MAX_IDS || this.found.has(id) || id.length > 500 || UNSAFE_ID.test(id) || cleanInline(id) !== id) return;
		const link = url ?? urlOfId(id);
		if (link === null) return;
		this.found.set(id, {url: link, rank: rankOf(id), order: this.found.size});
	}

	/** Adds a paper match (from paper-ids.ts); null is ignored. */
	match(paper: PaperMatch | null, only?: (id: string) => boolean): this {
		if (paper !== null && (only === undefined || only(paper.id))) this.put(paper.id, paper.url);
		return this;
	}

	/** A DOI (bare, `doi:` or doi.org URL). */
	doi(raw: unknown): this {
		const s = str(raw);
		if (s === null) return this;
		const paper = paperFromDoi(s);
		this.match(paper);
		const doi = normalizeDoi(s);
		if (paper !== null && doi !== null && !paper.id.startsWith('doi:') && !ARXIV_DOI.test(doi)) {
			this.put(`doi:${doi}`, null);
		}
		return this;
	}

	/** Any link: paper-ids.ts decides what it names. Links to doi.org go through `doi()`. */
	url(raw: unknown, only?: (id: string) => boolean): this {
		const s = str(raw);
		if (s === null) return this;
		const trimmed = s.trim();
		if (/^https?:\/\/(?:dx\.)?doi\.org\//i.test(trimmed) && only === undefined) return this.doi(trimmed);
		return this.match(paperFromUrl(trimmed), only);
	}

	/** An arXiv id in any form: `2401.01234`, `2401.01234v2`, `arXiv:2401.01234`, `hep-th/9901001`, an arXiv URL or DOI. */
	arxiv(raw: unknown): this {
		const s = str(raw)?.trim();
		if (s === undefined || s === '') return this;
		if (/^https?:\/\//i.test(s)) return this.url(s, id => id.startsWith('arxiv:'));
		if (ARXIV_DOI.test(s.replace(/^doi:\s*/i, ''))) return this.doi(s);
		const bare = s.replace(/^arxiv:\s*/i, '');
		return this.match(paperFromUrl(`https://arxiv.org/abs/${bare}`));
	}

	/** An ACL Anthology id (`2023.acl-long.48`, `P19-1001`). */
	acl(raw: unknown): this {
		const s = str(raw)?.trim();
		if (s === undefined || s === '' || s.includes('/')) return this;
		return this.match(paperFromUrl(`https://aclanthology.org/${s}`));
	}

	/** Every id from another collector. */
	addAll(ids: readonly string[]): this {
		for (const id of ids) this.put(id, null);
		return this;
	}

	get size(): number {
		return this.found.size;
	}

	/** The ids, best first. */
	ids(): string[] {
		return [...this.found.entries()].sort((a, b) => a[1].rank - b[1].rank || a[1].order - b[1].order).map(([id]) => id);
	}

	/** The canonical URL of the best id, or null when there is none. */
	url0(): string | null {
		const first = this.ids()[0];
		if (first === undefined) return null;
		return this.found.get(first)?.url ?? null;
	}
}

/** The canonical URL of a contract paper id (`arxiv:…` → abs page, `doi:…` → doi.org, …), or null for an unknown prefix. */
export function urlOfId(id: string): string | null {
	const colon = id.indexOf(':');
	if (colon === -1) return null;
	const kind = id.slice(0, colon);
	const rest = id.slice(colon + 1);
	switch (kind) {
		case 'arxiv':
			return paperFromUrl(`https://arxiv.org/abs/${rest}`)?.url ?? null;
		case 'doi':
			return normalizeDoi(rest) === null ? null : `https://doi.org/${encodeURI(rest).replace(/[#?]/g, c => encodeURIComponent(c))}`;
		case 'acl':
			return paperFromUrl(`https://aclanthology.org/${rest}`)?.url ?? null;
		case 'openreview':
			return paperFromUrl(`https://openreview.net/forum?id=${encodeURIComponent(rest)}`)?.url ?? null;
		case 'pmlr':
			return paperFromUrl(`https://proceedings.mlr.press/${rest}.html`)?.url ?? null;
		default:
			return null;
	}
}
