/**
 * News units → NewsEntry: text without the date prefix, absolute links, papers and a stable key.
 *
 * Key: `news:` + a hash of the date (ISO + precision) and the first 12 words of the text, lower-cased
 * with punctuation, emoji and markup dropped. So the same entry gets the same key whether it comes from
 * the homepage, the `/news/` page or the Markdown source, and survives cosmetic edits (punctuation,
 * emoji, links, case) and text appended after the 12th word ("[Update: accepted to EMNLP]"). Rewording
 * the beginning or changing the date makes a new key: the edited entry shows up as new and the old one
 * stays in the cache. Two entries of one page that share date and opening words get the full-text hash
 * instead; verbatim duplicates (ahxt repeats two items) are dropped.
 */
import {createHash} from 'node:crypto';
import type {CheerioAPI} from 'cheerio';
import type {Link, PaperRef} from '../../domain/types.js';
import {nodeToText} from '../html-text.js';
import {paperFromUrl, papersInText} from '../paper-ids.js';
import {linkTitle} from './publications.js';
import {dateAtStart, parseNewsDate, stripDate, type DateOptions, type NewsDate} from '../dates.js';
import type {Unit} from './units.js';

export interface NewsEntry {
	key: string;
	date: string;
	precision: 'day' | 'month' | 'year';
	/** The date as written (`[05/2025]`, `Jan 20, 2025`, `2024-2026`). */
	dateText: string;
	text: string;
	links: Link[];
	papers: PaperRef[];
}

const KEY_WORDS = 12;

function words(text: string): string[] {
	return text
		.normalize('NFKC')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim()
		.split(' ')
		.filter(Boolean);
}

function hash(s: string): string {
	return createHash('sha256').update(s).digest('hex').slice(0, 20);
}

export function entryPapers(text: string, links: readonly Link[]): PaperRef[] {
	const out = new Map<string, PaperRef>();
	for (const l of links) {
		const p = paperFromUrl(l.url);
		if (!p) continue;
		const title = linkTitle(l.text);
		const known = out.get(p.id);
		if (!known) out.set(p.id, {id: p.id, url: p.url, title});
		else if (!known.title && title) known.title = title;
	}
	for (const p of papersInText(text)) if (!out.has(p.id)) out.set(p.id, {id: p.id, url: p.url, title: null});
	return [...out.values()];
}

interface Dated {
	full: string;
	links: Link[];
	date: NewsDate;
	/** A card's date line, read on its own (its date is somewhere inside `full`). */
	dateLine?: string;
}

function datedUnit($: CheerioAPI, unit: Unit, base: string): Dated | null {
	// For a whole element convert its children: its own `display:none` (a hidden "more news" item)
	// must not hide it — hidden news still counts.
	const {text: full, links} = nodeToText($, unit.whole ? unit.whole.children : unit.nodes, base);
	const date = readDate(full, unit.dateLine);
	if (!date) return null;
	return unit.dateLine === undefined ? {full, links, date} : {full, links, date, dateLine: unit.dateLine};
}

/** The entry's date: at the start or end of its text, or for a card the date of its date line, found in the text. */
function readDate(full: string, dateLine: string | undefined, opts: DateOptions = {}): NewsDate | null {
	if (dateLine === undefined) return parseNewsDate(full, opts);
	const d = dateAtStart(dateLine, opts);
	const at = d ? full.indexOf(d.raw) : -1;
	return d && at >= 0 ? {...d, index: at} : parseNewsDate(full, opts);
}

// Card metadata that is not news: "· 3 min read" after the date.
const READING_TIME = /(?:\s*[·•|]\s*)?\b\d+\s*min(?:ute)?s?\s+read\b/giu;

/**
 * A list is written in one convention: when some of its numeric dates can only be day-first
 * (`17/06/2025`) and none can only be month-first, its ambiguous ones (`03/04/2025`) are day-first too,
 * and the reverse. With no evidence, or evidence both ways, each date keeps its own reading.
 */
function listDayFirst(list: readonly (Dated | null)[]): boolean | undefined {
	let dayFirst = false;
	let monthFirst = false;
	for (const d of list) {
		if (d?.date.order === 'dayFirst') dayFirst = true;
		else if (d?.date.order === 'monthFirst') monthFirst = true;
	}
	return dayFirst === monthFirst ? undefined : dayFirst;
}

function entryOf(d: Dated, dayFirst: boolean | undefined): Omit<NewsEntry, 'key'> | null {
	const date = dayFirst !== undefined && d.date.order === 'either' ? (readDate(d.full, d.dateLine, {dayFirst}) ?? d.date) : d.date;
	let text = stripDate(d.full, date);
	if (d.dateLine !== undefined) text = text.replace(READING_TIME, '').replace(/^[\s·•|]+|[\s·•|]+$/gu, '');
	if (text === '') return null;
	return {date: date.date, precision: date.precision, dateText: date.raw.trim(), text, links: d.links, papers: entryPapers(text, d.links)};
}

/**
 * Entries of the units, in page order, keyed and deduplicated; `dated`: units that had a date, repeats
 * included. Each list is one section's units (its dates share a convention).
 */
export function buildEntries($: CheerioAPI, lists: readonly (readonly Unit[])[], base: string): {entries: NewsEntry[]; dated: number} {
	const out: NewsEntry[] = [];
	let dated = 0;
	const byKey = new Map<string, string>();
	for (const list of lists) {
		const parsed = list.map(u => datedUnit($, u, base));
		const dayFirst = listDayFirst(parsed);
		for (const d of parsed) {
			const e = d && entryOf(d, dayFirst);
			if (!e) continue;
			dated++;
			const all = words(e.text);
			const stem = `${e.date}|${e.precision}|`;
			let key = `news:${hash(stem + all.slice(0, KEY_WORDS).join(' '))}`;
			const fullText = all.join(' ');
			const seen = byKey.get(key);
			if (seen !== undefined) {
				if (seen === fullText) continue;
				key = `news:${hash(`${stem}full|${fullText}`)}`;
				if (byKey.has(key)) continue;
			}
			byKey.set(key, fullText);
			out.push({key, ...e});
		}
	}
	return {entries: out, dated};
}
