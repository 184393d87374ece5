/**
 * RSS 2.0 / 0.9x, RSS 1.0 (RDF), Atom and JSON Feed 1.0/1.1 bodies to entries.
 * No IO: the caller fetches, decodes the charset and passes the text; `parseFeed` is async
 * only because rss-parser's `parseString` is.
 *
 * Each document is parsed once, by one reader chosen from its start: JSON by its first
 * character, XML by its root element, namespace-aware (parse/xml-root.ts):
 * - RSS 0.9x/1.0/2.0 (`<rss>`, RDF `<RDF>`): rss-parser, through its public options (feed-rss.ts);
 * - Atom (`<feed>`): the XML reader's DOM (feed-atom.ts);
 * - JSON Feed: JSON.parse (feed-json.ts).
 * Each reader reduces its document to raw entries (feed-raw.ts); everything after that (text,
 * links, papers, dates, identity) is shared and below.
 *
 * Markup bounds: RSS bodies pass the markup guard before rss-parser sees them; the XML reader
 * counts nesting and elements while it builds its tree; JSON strings are judged after decoding,
 * when `content_html` is parsed. The fetch path therefore does not scan feed bodies itself.
 */
import {looksLikeHtml} from './looks-like-html.js';
import {createHash} from 'node:crypto';
import type {Link, PaperRef} from '../domain/types.js';
import {cleanInline, cleanText, safeHttpUrl, truncateText} from './sanitize.js';
import {htmlToText, linksInText, nodesToText} from './html-text.js';
import type {HtmlText} from './html-text.js';
import {dedupePapers, paperFromUrl, papersInText, paperTitleFromLinkText} from './paper-ids.js';
import {ATOM_NAMESPACES, readAtom} from './feed-atom.js';
import {readJsonFeed} from './feed-json.js';
import {FeedParseError} from './feed-raw.js';
import type {Body, RawEntry, RawFeed} from './feed-raw.js';
import {isRssRoot, readRss} from './feed-rss.js';
import {markupTooComplex} from './markup-guard.js';
import {parseTimestamp} from './timestamp.js';
import {XmlTooComplexError} from './xml-dom.js';
import {sniffXmlRoot} from './xml-root.js';

export {FeedParseError} from './feed-raw.js';

export interface FeedEntry {
	/** Identity of the entry, stable across refreshes: guid/id, else the entry link, else `sha1:<hex>` of title+date+text. */
	key: string;
	title: string | null;
	/** ISO 8601. With precision `seen` the feed gave no usable date and this is `now`: keep the first-seen date. */
	date: string;
	datePrecision: 'instant' | 'seen';
	/** Plain text (summary, else content, else Media RSS description), terminal-safe, at most MAX_ENTRY_TEXT characters plus a marker. */
	text: string;
	/** The entry's link, else its id when that is a URL, else the feed's site link, else the feed URL. */
	url: string;
	/** The entry link first, then every link of the summary and content (or of the Media RSS description). */
	links: Link[];
	papers: PaperRef[];
}

export interface ParseFeedOptions {
	/** The feed's URL: base for relative links. */
	url: string;
	/** The response's Content-Type, if any (a hint; the body decides when it is clearly XML or JSON). */
	contentType?: string;
	/** The time of this fetch: the date of entries that state none. */
	now: Date;
	/**
	 * At most this many entries, in document order. By default every entry is kept: the body's
	 * size cap (10 MB) already bounds the work, and a long feed is a complete archive, not an attack.
	 */
	maxEntries?: number;
}

export const MAX_ENTRY_TEXT = 20_000;
const MAX_TITLE = 1_000;
const MAX_LINKS = 200;
const MAX_KEY = 1_024;
/** Dates before the web or more than two days ahead are feed bugs (or tricks to pin an entry on top). */
const EARLIEST_DATE = Date.UTC(1991, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;

// ---------------------------------------------------------------- entry point

/**
 * Parse a feed body into entries. Throws `FeedParseError` (one short line) for malformed XML or
 * JSON and for documents that are not feeds (an HTML page, unknown XML); an empty feed gives [].
 * Markup beyond the markup guard's limits throws an Error naming the limit.
 */
export async function parseFeed(body: string, options: ParseFeedOptions): Promise<FeedEntry[]> {
	const text = body.replace(/^\ufeff/, '');
	const head = text.trimStart();
	const feedUrl = safeHttpUrl(options.url);
	// A programming error, not a feed problem: sources only fetch http(s) URLs.
	if (feedUrl === null) throw new TypeError(`parseFeed: options.url is not an http(s) URL: ${cleanInline(options.url).slice(0, 100)}`);
	let raw: RawFeed;
	if (head === '') throw new FeedParseError('empty body');
	if (head.startsWith('{') || (!head.startsWith('<') && /json/i.test(options.contentType ?? ''))) {
		raw = readJsonFeed(text, feedUrl);
	} else if (head.startsWith('<')) {
		if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html\b|html\b)/i.test(head)) {
			throw new FeedParseError('got an HTML page, not a feed');
		}
		raw = await readXmlFeed(text, feedUrl);
	} else {
		throw new FeedParseError('the body is neither XML nor JSON');
	}
	const entries = options.maxEntries === undefined ? raw.entries : raw.entries.slice(0, options.maxEntries);
	return entries.map(entry => finishEntry(entry, raw.siteLink, feedUrl, options.now));
}

/** One XML reader per document, chosen by the root element's name and namespace. */
async function readXmlFeed(xml: string, feedUrl: string): Promise<RawFeed> {
	const root = sniffXmlRoot(xml);
	if (root === null) throw new FeedParseError('malformed XML: no root element');
	if (root.local === 'feed' && root.namespace !== null && ATOM_NAMESPACES.has(root.namespace)) return readAtom(xml, feedUrl);
	if (!isRssRoot(root)) throw new FeedParseError('the root element is not <rss>, <rdf:RDF> or <feed>');
	// rss-parser builds xml2js objects without bounds: hostile markup is refused before it starts.
	const tooComplex = markupTooComplex(xml);
	if (tooComplex !== null) throw new XmlTooComplexError(tooComplex);
	return readRss(xml, feedUrl, root);
}

// ---------------------------------------------------------------- common processing

/** Plain text: cleaned, spaces collapsed within lines, lines trimmed, at most one blank line. */
function plainText(s: string): string {
	return cleanText(s)
		.split('\n')
		.map(line => line.replace(/[ \t]+/g, ' ').trim())
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

function convertBody(body: Body | null, entryBase: string): HtmlText {
	if (body === null) return {text: '', links: []};
	const base = body.base ?? entryBase;
	switch (body.kind) {
		case 'dom':
			return nodesToText(body.nodes, base);
		case 'html':
			return htmlToText(body.value, base);
		case 'auto':
			// An untyped string (an RSS title, Atom `type="text"` a generator filled with HTML anyway) reads as HTML when it holds real markup.
			if (looksLikeHtml(body.value)) return htmlToText(body.value, base);
			return {text: plainText(body.value), links: linksInText(body.value)};
		case 'text':
			return {text: plainText(body.value), links: linksInText(body.value)};
	}
}

function sha1(s: string): string {
	return createHash('sha1').update(s).digest('hex');
}

function entryDate(candidates: (string | null)[], now: Date): {date: string; precision: 'instant' | 'seen'; raw: string | null} {
	for (const raw of candidates) {
		if (raw === null) continue;
		// A date without a zone is UTC, not the local time of whoever runs this.
		const ms = parseTimestamp(raw);
		if (ms !== null && ms >= EARLIEST_DATE && ms <= now.getTime() + FUTURE_SLACK_MS) {
			return {date: new Date(ms).toISOString(), precision: 'instant', raw};
		}
	}
	return {date: now.toISOString(), precision: 'seen', raw: null};
}

function finishEntry(raw: RawEntry, siteLink: string | null, feedUrl: string, now: Date): FeedEntry {
	const link = raw.link === null ? null : safeHttpUrl(raw.link, raw.base);
	const idAsUrl = raw.id === null ? null : safeHttpUrl(raw.id);
	const url = link ?? idAsUrl ?? siteLink ?? feedUrl;
	// Relative links inside the content are relative to the entry's page.
	const contentBase = link ?? raw.base;

	const titleText = cleanInline(convertBody(raw.title, contentBase).text);
	const title = titleText === '' ? null : truncateText(titleText, MAX_TITLE);
	const summary = convertBody(raw.summary, contentBase);
	const content = convertBody(raw.content, contentBase);
	// Media feeds (YouTube) carry an entry's text only in its Media RSS description.
	const media = summary.text === '' && content.text === '' ? convertBody(raw.media, contentBase) : {text: '', links: []};
	const text = truncateText(summary.text !== '' ? summary.text : content.text !== '' ? content.text : media.text, MAX_ENTRY_TEXT);
	const {date, precision, raw: rawDate} = entryDate(raw.dates, now);

	const links = new Map<string, Link>();
	const addLink = (l: Link): void => {
		const known = links.get(l.url);
		if (known === undefined) {
			if (links.size < MAX_LINKS) links.set(l.url, {url: l.url, text: l.text});
		} else if (known.text === '' && l.text !== '') {
			known.text = l.text;
		}
	};
	if (link !== null) addLink({url: link, text: title ?? ''});
	for (const extra of raw.extraLinks) {
		const u = safeHttpUrl(extra, raw.base);
		if (u !== null) addLink({url: u, text: ''});
	}
	for (const l of summary.links) addLink(l);
	for (const l of content.links) addLink(l);
	for (const l of media.links) addLink(l);

	const papers: PaperRef[] = [];
	for (const l of links.values()) {
		const p = paperFromUrl(l.url);
		if (p === null) continue;
		// The entry link is the paper (an arXiv listing feed): the entry title is the paper's.
		const paperTitle = l.url === link ? title : paperTitleFromLinkText(l.text);
		papers.push({...p, title: paperTitle});
	}
	for (const p of papersInText(`${summary.text}\n${content.text}\n${media.text}`)) papers.push({...p, title: null});

	const id = raw.id === null ? '' : cleanInline(raw.id);
	let key = id !== '' ? id : link ?? `sha1:${sha1(JSON.stringify([title ?? '', rawDate ?? '', text]))}`;
	if (key.length > MAX_KEY) key = `sha1:${sha1(key)}`;

	return {key, title, date, datePrecision: precision, text, url, links: [...links.values()], papers: dedupePapers(papers)};
}
