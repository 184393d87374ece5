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
import {parseNewsDate, stripDate} from '../dates.js';
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

function entryFromUnit($: CheerioAPI, unit: Unit, base: string): Omit<NewsEntry, 'key'> | null {
	// For a whole element convert its children: its own `display:none` (a hidden "more news" item)
	// must not hide it — hidden news still counts.
	const {text: full, links} = nodeToText($, unit.whole ? unit.whole.children : unit.nodes, base);
	const d = parseNewsDate(full);
	if (!d) return null;
	const text = stripDate(full, d);
	if (text === '') return null;
	return {date: d.date, precision: d.precision, dateText: d.raw.trim(), text, links, papers: entryPapers(text, links)};
}

/** Entries of the units, in page order, keyed and deduplicated; `dated`: units that had a date, repeats included. */
export function buildEntries($: CheerioAPI, units: readonly Unit[], base: string): {entries: NewsEntry[]; dated: number} {
	const out: NewsEntry[] = [];
	let dated = 0;
	const byKey = new Map<string, string>();
	for (const u of units) {
		const e = entryFromUnit($, u, base);
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
	return {entries: out, dated};
}
