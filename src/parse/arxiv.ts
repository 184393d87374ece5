/**
 * arXiv API responses (Atom 1.0 with the `arxiv` and `opensearch` extensions) to paper metadata.
 * rss-parser (xml2js/sax, strict) reads the XML and the standard Atom fields; the arXiv extension
 * elements (`<arxiv:primary_category term="…"/>`, `<arxiv:doi>`, `<arxiv:journal_ref>`) and every
 * `<author>` are read from the raw entry it keeps. No IO.
 *
 * What the API returns (https://info.arxiv.org/help/api/user-manual.html):
 * - one `<entry>` per paper, `<id>http://arxiv.org/abs/2507.02834v2</id>` (latest version),
 *   `<published>` = first version, `<updated>` = latest version;
 * - for a request it cannot serve (e.g. a malformed id in `id_list`) a feed whose only entry is
 *   `<id>http://arxiv.org/api/errors#incorrect_id_format_for_X</id><title>Error</title>
 *   <summary>incorrect id format for X</summary>`; the whole request fails, not just that id.
 */
import Parser from 'rss-parser';
import type {PaperMeta} from '../domain/types.js';
import {paperFromUrl} from './paper-ids.js';
import {cleanInline, truncateText} from './sanitize.js';

export interface ArxivApiError {
	/** The raw id the error is about (as sent in `id_list`), when the message names one. */
	rawId: string | null;
	message: string;
}

export interface ArxivResponse {
	/** One per paper the API described, `id` like `arxiv:2507.02834`. */
	entries: PaperMeta[];
	errors: ArxivApiError[];
	/** `<opensearch:totalResults>`, when present. */
	totalResults: number | null;
}

/** A body that is not an arXiv API Atom feed. Its message is one short line. */
export class ArxivParseError extends Error {
	override name = 'ArxivParseError';
}

const MAX_TITLE = 1000;
const MAX_ABSTRACT = 10_000;
const MAX_AUTHORS = 5000;

/** rss-parser 3.13 internals used here (not in its type declarations). */
interface ParserInternals {
	buildAtomFeed(xmlObj: unknown): unknown;
	parseItemAtom(entry: unknown): Record<string, unknown>;
}

/** rss-parser that keeps each raw xml2js entry next to its parsed item, and never throws on an entry's content. */
class ArxivAtomParser extends Parser {
	sawAtom = false;
	buildAtomFeed(xmlObj: unknown): unknown {
		this.sawAtom = true;
		return (Parser.prototype as unknown as ParserInternals).buildAtomFeed.call(this, xmlObj);
	}
	parseItemAtom(entry: unknown): Record<string, unknown> {
		let item: Record<string, unknown>;
		try {
			item = (Parser.prototype as unknown as ParserInternals).parseItemAtom.call(this, entry);
		} catch {
			// rss-parser throws on an unparsable <published>; the raw entry still has everything.
			item = {};
		}
		return {...item, raw: entry};
	}
}

type Raw = Record<string, unknown>;

/** Text of an xml2js value (`"x"`, `{_: "x", $: {…}}`, or an array of those: first). */
function text(v: unknown): string | null {
	if (Array.isArray(v)) return text(v[0]);
	if (typeof v === 'string') return v;
	if (v !== null && typeof v === 'object' && '_' in v) return text((v as {_: unknown})._);
	return null;
}

/** The raw value of an extension element, whatever prefix the document bound its namespace to. */
function ext(raw: Raw, local: string): unknown {
	const key = Object.keys(raw).find(k => k === `arxiv:${local}` || k.endsWith(`:${local}`));
	return key === undefined ? undefined : raw[key];
}

function attr(v: unknown, name: string): string | null {
	const first = Array.isArray(v) ? v[0] : v;
	const attrs = first !== null && typeof first === 'object' ? (first as {$?: Record<string, unknown>}).$ : undefined;
	const value = attrs?.[name];
	return typeof value === 'string' ? value : null;
}

function inline(v: unknown, max: number): string | null {
	const s = text(v);
	if (s === null) return null;
	const clean = truncateText(cleanInline(s), max, '…');
	return clean === '' ? null : clean;
}

function isoDate(v: unknown): string | null {
	const s = text(v)?.trim();
	if (!s) return null;
	const ms = Date.parse(s);
	return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function authorsOf(raw: Raw): string[] {
	const list = Array.isArray(raw['author']) ? (raw['author'] as unknown[]) : [];
	const out: string[] = [];
	for (const author of list.slice(0, MAX_AUTHORS)) {
		const name = author !== null && typeof author === 'object' ? inline((author as Raw)['name'], 300) : inline(author, 300);
		if (name) out.push(name);
	}
	return out;
}

function errorOf(raw: Raw): ArxivApiError {
	const message = inline(raw['summary'], 300) ?? inline(raw['title'], 300) ?? 'error';
	const named = /incorrect id format for\s+(\S+)/i.exec(message) ?? /^#?incorrect_id_format_for_(\S+)$/.exec((text(raw['id']) ?? '').split('#')[1] ?? '');
	return {rawId: named ? named[1]!.replace(/[.,;]+$/, '') : null, message};
}

/** Parses an arXiv API response body. Throws ArxivParseError when it is not one. */
export async function parseArxivResponse(xml: string): Promise<ArxivResponse> {
	const parser = new ArxivAtomParser({customFields: {feed: ['opensearch:totalResults' as never]}});
	let feed: {items: Array<Record<string, unknown>>} & Record<string, unknown>;
	try {
		feed = (await parser.parseString(xml)) as unknown as typeof feed;
	} catch (error) {
		const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
		throw new ArxivParseError(`not an arXiv API response (${truncateText(cleanInline(first), 120, '…') || 'unreadable XML'})`);
	}
	if (!parser.sawAtom) throw new ArxivParseError('not an arXiv API response (not an Atom feed)');
	const total = Number(text(feed['opensearch:totalResults']));
	const out: ArxivResponse = {entries: [], errors: [], totalResults: Number.isFinite(total) ? total : null};
	for (const item of feed.items) {
		const raw = (item['raw'] ?? {}) as Raw;
		const idUrl = text(raw['id'])?.trim() ?? '';
		if (/^https?:\/\/(?:export\.)?arxiv\.org\/api\/errors/i.test(idUrl)) {
			out.errors.push(errorOf(raw));
			continue;
		}
		const paper = paperFromUrl(idUrl);
		if (!paper?.id.startsWith('arxiv:')) continue;
		const title = inline(raw['title'], MAX_TITLE);
		// An entry without a title describes nothing (the API's answer for an id it does not know).
		if (!title || title === 'Error') continue;
		const version = /v(\d+)$/.exec(idUrl);
		out.entries.push({
			id: paper.id,
			title,
			authors: authorsOf(raw),
			abstract: inline(raw['summary'], MAX_ABSTRACT),
			category: attr(ext(raw, 'primary_category'), 'term'),
			published: isoDate(raw['published']),
			updated: isoDate(raw['updated']),
			version: version ? Number(version[1]) : null,
			doi: inline(ext(raw, 'doi'), 300)?.toLowerCase() ?? null,
			journalRef: inline(ext(raw, 'journal_ref'), 500),
		});
	}
	return out;
}
