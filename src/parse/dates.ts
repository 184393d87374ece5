/**
 * Dates as researchers write them in a homepage's News list: `[05/2025]`, `2025.05`, `Jan 15, 2025`,
 * `15 January 2025`, `2025年3月5日`, `Feb 24` (= February 2024), `2026 Jul`, German `Okt 24`, a bare
 * year, ranges like `2024-2026`, … The token is looked for at the start of an entry's text (after
 * emoji, bullets, `[`/`*` and at most two bracketed venue tags such as `[WWW 2024]`), otherwise at its
 * very end (vinthony puts `2020.12` in a float-right div after the text).
 *
 * Ranges (`2024-2026`, `2025.06 - Present`) resolve to their START: the start is when the thing was
 * announced or began, whereas the end is often in the future and would pin the entry to the top of a
 * newest-first timeline. `raw`/`length` cover the whole range so callers strip all of it.
 *
 * Pure string code: no Date parsing of free text, every component validated (no 2025-02-30).
 */
import {MONTHS} from './months.js';

export type NewsDatePrecision = 'day' | 'month' | 'year';

/**
 * How a numeric day-month-year token (`03/04/2025`) was read: `dayFirst`/`monthFirst` when only that
 * reading is a valid date (`17/06/2025`, `06/17/2025`), `either` when both are.
 */
export type NumericOrder = 'dayFirst' | 'monthFirst' | 'either';

export interface DateOptions {
	/**
	 * How to read an ambiguous numeric date (both numbers ≤ 12). Unset: `.` means day-first (the
	 * European convention), `/` and `-` month-first (the US one). A list sets it from its own dates.
	 */
	dayFirst?: boolean;
}

export interface NewsDate {
	/** ISO 8601 UTC; month/year precision: the first instant of the period. */
	date: string;
	precision: NewsDatePrecision;
	/** Set for numeric day-month-year tokens only. */
	order?: NumericOrder;
	/** A "New!" badge stood before the date: it is decoration, dropped with the date. */
	badge?: boolean;
	/** The token as written, including enclosing brackets/emphasis and a range's end. */
	raw: string;
	/** Position of `raw` in the input string. */
	index: number;
	length: number;
}

interface Ymd {
	y: number;
	m: number | null;
	d: number | null;
	end: number;
	/** Formats too ambiguous to trust at the end of a sentence (bare year, `Mon YY`, `MM/YY`). */
	weak: boolean;
	order?: NumericOrder;
}

const MONTH_WORD = '([\\p{L}]{3,10})(?!\\p{L})\\.?';
const ORD = '(?:st|nd|rd|th)?';
// Each pattern is sticky: it must match exactly at the position tried.
const P = {
	cjk: /(\d{4})\s*[年년](?:\s*(\d{1,2})\s*[月월](?:\s*(\d{1,2})\s*[日일号號])?)?/uy,
	ymd: /(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|\s?[+-]\d{2}:?\d{2})?)?/uy,
	ym: /(\d{4})[./-](\d{1,2})(?![./-]\d)/uy,
	yMon: new RegExp(`(\\d{4})[\\s.,/-]*${MONTH_WORD}(?:[\\s.-]+(\\d{1,2})${ORD})?`, 'uiy'),
	mdy: /(\d{1,2})([/.-])(\d{1,2})\2(\d{4})/uy,
	my: /(\d{1,2})[/.-](\d{4})/uy,
	// `11/25:` is November 2025. Only before a separator or the end, so "3/4 of the papers" stays text.
	myy: /(\d{1,2})\/(\d{2})(?=\s*(?:[:\])）】|,–—-]|$))/uy,
	monDY: new RegExp(`${MONTH_WORD}\\s*(\\d{1,2})${ORD},?\\s+(\\d{4})`, 'uiy'),
	dMonY: new RegExp(`(\\d{1,2})${ORD}\\.?\\s+(?:of\\s+)?${MONTH_WORD},?\\s+(\\d{4})`, 'uiy'),
	monY: new RegExp(`${MONTH_WORD},?\\s*(\\d{4})`, 'uiy'),
	monApos: new RegExp(`${MONTH_WORD}\\s*['’](\\d{2})`, 'uiy'),
	monYY: new RegExp(`${MONTH_WORD}\\s+(\\d{2})(?!\\d)`, 'uiy'),
	// A word that is not a month but is written like one, before a year: `SEG. 2025`, `Febuary 2024`.
	wordY: /(\p{L}{2,10})(\.)?,?\s*(\d{4})/uiy,
	year: /(\d{4})/uy,
};

const ALNUM = /[\p{L}\p{N}]/u;
const RANGE_SEP = /\s*(?:-{1,2}|–|—|~|～|to|until|till)\s*/iy;
const RANGE_WORD = /(?:present|now|today|current|ongoing|至今|今)(?![\p{L}\p{N}])/iuy;
const RANGE_YY = /\d{2}(?!\d)/y;

function month(word: string | undefined): number | null {
	if (!word) return null;
	return MONTHS.get(word.normalize('NFC').toLowerCase()) ?? null;
}

function exec(re: RegExp, s: string, p: number): RegExpExecArray | null {
	re.lastIndex = p;
	return re.exec(s);
}

function twoDigitYear(yy: number): number {
	return yy < 70 ? 2000 + yy : 1900 + yy;
}

/** Tries every format at position p, most specific first. Components are validated by the caller. */
function matchAt(s: string, p: number, opts: DateOptions = {}): Ymd | null {
	const c = s.charCodeAt(p);
	const digit = c >= 48 && c <= 57;
	let r: RegExpExecArray | null;
	const out = (y: string | number, m: number | null, d: string | number | null, end: number, weak = false): Ymd =>
		({y: Number(y), m, d: d === null ? null : Number(d), end, weak});
	if (digit) {
		if ((r = exec(P.cjk, s, p))) return out(r[1]!, r[2] ? Number(r[2]) : null, r[3] ?? null, p + r[0].length);
		if ((r = exec(P.ymd, s, p)) && bounded(s, p + r[0].length)) return out(r[1]!, Number(r[3]), r[4]!, p + r[0].length);
		if ((r = exec(P.ym, s, p)) && bounded(s, p + r[0].length)) return out(r[1]!, Number(r[2]), null, p + r[0].length);
		if ((r = exec(P.yMon, s, p)) && month(r[2]) && bounded(s, p + r[0].length)) {
			return out(r[1]!, month(r[2]), r[3] ?? null, p + r[0].length);
		}
		if ((r = exec(P.mdy, s, p)) && bounded(s, p + r[0].length)) {
			const a = Number(r[1]), b = Number(r[3]);
			const order: NumericOrder = a > 12 ? 'dayFirst' : b > 12 ? 'monthFirst' : 'either';
			const dayFirst = order === 'either' ? (opts.dayFirst ?? r[2] === '.') : order === 'dayFirst';
			return {...out(r[4]!, dayFirst ? b : a, dayFirst ? a : b, p + r[0].length), order};
		}
		if ((r = exec(P.my, s, p)) && bounded(s, p + r[0].length)) return out(r[2]!, Number(r[1]), null, p + r[0].length);
		if ((r = exec(P.myy, s, p))) return out(2000 + Number(r[2]), Number(r[1]), null, p + r[0].length, true);
		if ((r = exec(P.dMonY, s, p)) && month(r[2]) && bounded(s, p + r[0].length)) {
			return out(r[3]!, month(r[2]), r[1]!, p + r[0].length);
		}
		if ((r = exec(P.year, s, p)) && bounded(s, p + r[0].length)) return out(r[1]!, null, null, p + r[0].length, true);
		return null;
	}
	if ((r = exec(P.monDY, s, p)) && month(r[1]) && bounded(s, p + r[0].length)) {
		return out(r[3]!, month(r[1]), r[2]!, p + r[0].length);
	}
	if ((r = exec(P.monY, s, p)) && month(r[1]) && bounded(s, p + r[0].length)) return out(r[2]!, month(r[1]), null, p + r[0].length);
	if ((r = exec(P.monApos, s, p)) && month(r[1]) && bounded(s, p + r[0].length)) {
		return out(twoDigitYear(Number(r[2])), month(r[1]), null, p + r[0].length);
	}
	// `Feb 24` is February 2024 (g8a9, AndSt), never "the 24th of February of some year".
	if ((r = exec(P.monYY, s, p)) && month(r[1]) && bounded(s, p + r[0].length)) {
		return out(twoDigitYear(Number(r[2])), month(r[1]), null, p + r[0].length, true);
	}
	// The month could not be read but the year can: keep the entry, dated to its year.
	if ((r = exec(P.wordY, s, p)) && monthLike(r[1]!, r[2] !== undefined) && bounded(s, p + r[0].length)) {
		return out(r[3]!, null, null, p + r[0].length, true);
	}
	return null;
}

/**
 * A word meant as a month: an abbreviation (`SEG.`: letters and a full stop, as month abbreviations are
 * written) or a misspelt month name (`Febuary`, `Setember`). Venue tags (`ICLR 2025`, `WWW 2024`) are
 * neither, so they stay tags.
 */
function monthLike(word: string, dotted: boolean): boolean {
	if (dotted) return word.length <= 5;
	// Short words are too often names one letter off a month ("Marco", "Julia"): only longer ones count.
	const w = word.normalize('NFC').toLowerCase();
	if (w.length < 6) return false;
	const max = w.length >= 8 ? 2 : 1;
	for (const name of MONTHS.keys()) {
		if (name.length >= 5 && Math.abs(name.length - w.length) <= max && editDistance(w, name, max) <= max) return true;
	}
	return false;
}

/** Optimal-string-alignment distance (a transposition counts once), giving up above `max`. */
function editDistance(a: string, b: string, max: number): number {
	let prev2: number[] = [];
	let prev = Array.from({length: b.length + 1}, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const cur = [i];
		let best = i;
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
			cur.push(v);
			best = Math.min(best, v);
		}
		if (best > max) return max + 1;
		prev2 = prev;
		prev = cur;
	}
	return prev[b.length]!;
}

/** A token must not run into a following letter or digit (`2025.051`, `2025abc`); CJK suffixes end themselves. */
function bounded(s: string, end: number): boolean {
	if (end >= s.length) return true;
	const prev = s[end - 1]!;
	if (/[年月日号號년월일]/u.test(prev)) return true;
	return !ALNUM.test(s[end]!);
}

function daysIn(y: number, m: number): number {
	return [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function toIso(v: Ymd): {date: string; precision: NewsDatePrecision} | null {
	const {y, m, d} = v;
	if (!(y >= 1950 && y <= 2100)) return null;
	if (m === null) return d === null ? {date: iso(y, 1, 1), precision: 'year'} : null;
	if (!(m >= 1 && m <= 12)) return null;
	if (d === null) return {date: iso(y, m, 1), precision: 'month'};
	if (!(d >= 1 && d <= daysIn(y, m))) return null;
	return {date: iso(y, m, d), precision: 'day'};
}

function iso(y: number, m: number, d: number): string {
	return new Date(Date.UTC(y, m - 1, d)).toISOString();
}

/** Extends a token over `- 2026`, `– Present`, `-26` so the whole range is stripped; the date stays the start. */
function rangeEnd(s: string, end: number): number {
	RANGE_SEP.lastIndex = end;
	const sep = RANGE_SEP.exec(s);
	if (!sep || sep[0].trim() === '') return end;
	const q = end + sep[0].length;
	const next = matchAt(s, q);
	if (next && toIso(next)) return next.end;
	RANGE_WORD.lastIndex = q;
	const w = RANGE_WORD.exec(s);
	if (w) return q + w[0].length;
	RANGE_YY.lastIndex = q;
	const yy = RANGE_YY.exec(s);
	if (yy && /^\d{4}$/.test(s.slice(end - 4, end)) && bounded(s, q + 2)) return q + 2;
	return end;
}

const OPEN_CLOSE: Record<string, string> = {'[': ']', '(': ')', '【': '】', '（': '）', '*': '*', _: '_', '`': '`'};

/** Widens [start, end) over enclosing brackets/emphasis: `[05/2025]`, `**2025.05**`, `(2020.12)`. */
function widen(s: string, start: number, end: number): [number, number] {
	for (let i = 0; i < 3; i++) {
		const open = s[start - 1];
		const close = open === undefined ? undefined : OPEN_CLOSE[open];
		if (close === undefined) break;
		let e = end;
		while (s[e] === ' ') e++;
		if (s[e] !== close) break;
		start--;
		end = e + 1;
	}
	return [start, end];
}

function build(s: string, start: number, v: Ymd): NewsDate | null {
	const when = toIso(v);
	if (!when) return null;
	const [a, b] = widen(s, start, rangeEnd(s, v.end));
	const d: NewsDate = {...when, raw: s.slice(a, b), index: a, length: b - a};
	if (v.order) d.order = v.order;
	return d;
}

// Leading decoration that may precede a date: whitespace, emoji (incl. flags, keycaps, ZWJ sequences,
// skin tones), bullets, brackets, emphasis marks and `:tada:` shortcodes. © ® ™ are Extended_Pictographic
// but a "© 2025 Name" footer is not news, so they are excluded.
const JUNK = /(?:[\s*_[(【（•·▪►▶→>#|~:\-–—"'“‘`]|(?![©®™])\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u200d|\ufe0e|\ufe0f|\u20e3|[\u{1f1e6}-\u{1f1ff}]|:[a-z0-9_+-]{2,30}:)+/uy;

function skipJunk(s: string, p: number): number {
	JUNK.lastIndex = p;
	const m = JUNK.exec(s);
	return m ? p + m[0].length : p;
}

// A "new" badge before a date (`<tt>New!</tt> 11/25:`, `🔥 NEW 2025.03`): decoration, not text.
const BADGE = /(?<![\p{L}\p{N}])(?:new|hot|updated?|latest|breaking)(?![\p{L}\p{N}])[!！:.]*/iuy;

/** The date at the start of `s`, allowing decoration, a badge and up to two bracketed tags before it (`[WWW 2024] January 23, 2024:`). */
export function dateAtStart(s: string, opts: DateOptions = {}): NewsDate | null {
	let p = 0;
	for (let tags = 0; tags <= 2; tags++) {
		p = skipJunk(s, p);
		const v = matchAt(s, p, opts);
		if (v) return build(s, p, v);
		if (tags === 0) {
			const badged = afterBadge(s, p, opts);
			if (badged) return badged;
		}
		const open = s[p - 1];
		if (open !== '[' && open !== '(' && open !== '【') return null;
		const close = s.indexOf(OPEN_CLOSE[open]!, p);
		if (close < 0 || close - p > 40) return null;
		p = close + 1;
	}
	return null;
}

/** A date right after a badge; a bare year there is not trusted ("New 2025 results" is text). */
function afterBadge(s: string, p: number, opts: DateOptions): NewsDate | null {
	BADGE.lastIndex = p;
	const b = BADGE.exec(s);
	if (!b) return null;
	const q = skipJunk(s, p + b[0].length);
	if (q === p + b[0].length && q < s.length) return null;
	const v = matchAt(s, q, opts);
	if (!v || v.m === null) return null;
	const d = build(s, q, v);
	if (d) d.badge = true;
	return d;
}

// Trailing decoration after a date at the end: closing brackets, full stops, emoji, whitespace.
const TAIL_JUNK = /^(?:[\s)\]】）.。!！*_]|\p{Extended_Pictographic}|\u200d|\ufe0f)*$/u;

/**
 * The date ending `s` (vinthony: `… accepted by AAAI-21. 2020.12`). Only formats with at least a month
 * and not `Mon YY`: "accepted at ICLR 2025" or "at NAACL May 24" must not become dates.
 */
export function dateAtEnd(s: string, opts: DateOptions = {}): NewsDate | null {
	const from = Math.max(0, s.length - 40);
	for (let i = from; i < s.length; i++) {
		if (i > 0 && !/[\s([【（—–|,:]/u.test(s[i - 1]!)) continue;
		const v = matchAt(s, i, opts);
		if (!v || v.weak || v.m === null) continue;
		const end = rangeEnd(s, v.end);
		if (!TAIL_JUNK.test(s.slice(end))) continue;
		return build(s, i, v);
	}
	return null;
}

/** Finds the date token of a news entry's text: at the start, else at the end. */
export function parseNewsDate(s: string, opts: DateOptions = {}): NewsDate | null {
	return dateAtStart(s, opts) ?? dateAtEnd(s, opts);
}

const BADGE_ANYWHERE = new RegExp(BADGE.source, 'giu');

// A colon that opens a `:tada:` shortcode (al-folio emoji alt text) is text, not a separator.
const SEPARATORS = /^(?:[\s,，.。|\-–—~]|[:：](?![a-z0-9_+-]+:))+/u;

/**
 * The entry text with the date token and its separator removed. Text before the date is kept when it
 * says something (a venue tag `[WWW 2024]`, an emoji) and dropped when it is only bullets/brackets.
 */
export function stripDate(s: string, d: NewsDate): string {
	let before = s.slice(0, d.index).trim();
	if (d.badge) before = before.replace(BADGE_ANYWHERE, '').trim();
	const after = s.slice(d.index + d.length).replace(SEPARATORS, '').trim();
	const keepBefore = /[\p{L}\p{N}\p{Extended_Pictographic}]/u.test(before) ? before.replace(/[\s:|\-–—]+$/u, '') : '';
	return keepBefore && after ? `${keepBefore} ${after}` : keepBefore || after;
}

/** True when `s` is nothing but a date (a table's date cell, a `<span class="news-date">2025 Sept:</span>`). */
export function isDateOnly(s: string): NewsDate | null {
	const d = dateAtStart(s);
	if (!d) return null;
	return stripDate(s, d) === '' ? d : null;
}
