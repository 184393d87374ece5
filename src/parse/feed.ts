/**
 * RSS 2.0 / 0.9x, RSS 1.0 (RDF), Atom and JSON Feed 1.0/1.1 bodies to entries.
 * No IO: the caller fetches, decodes the charset and passes the text; `parseFeed` is async
 * only because rss-parser's `parseString` is.
 *
 * How each format is read:
 * - RSS: rss-parser (xml2js/sax in strict mode) gives the items.
 * - Atom: rss-parser still checks that the XML is well-formed and that the root is `<feed>`,
 *   but the entries are read from a cheerio XML DOM, because rss-parser 3.13 (a) rebuilds
 *   `type="xhtml"` content from xml2js objects that have lost the order of mixed content
 *   ("Hello <a>link</a> world" comes back as "Hello  world<a>link</a>"), and (b) throws on one
 *   bad `<published>` date or one `<link>` without attributes, losing the whole feed.
 * - JSON Feed: JSON.parse plus a defensive shape check (wrong-typed fields are ignored).
 */
import {createHash} from 'node:crypto';
import Parser from 'rss-parser';
import {load} from 'cheerio';
import type {CheerioAPI} from 'cheerio';
import type {AnyNode, Element} from 'domhandler';
import type {Link, PaperRef} from '../domain/types.js';
import {cleanInline, cleanText, safeHttpUrl, truncateText} from './sanitize.js';
import {htmlToText, linksInText, nodeToText} from './html-text.js';
import type {HtmlText} from './html-text.js';
import {dedupePapers, paperFromUrl, papersInText, paperTitleFromLinkText} from './paper-ids.js';

export interface FeedEntry {
	/** Identity of the entry, stable across refreshes: guid/id, else the entry link, else `sha1:<hex>` of title+date+text. */
	key: string;
	title: string | null;
	/** ISO 8601. With precision `seen` the feed gave no usable date and this is `now`: keep the first-seen date. */
	date: string;
	datePrecision: 'instant' | 'seen';
	/** Plain text (summary, else content), terminal-safe, at most MAX_ENTRY_TEXT characters plus a marker. */
	text: string;
	/** The entry's link, else its id when that is a URL, else the feed's site link, else the feed URL. */
	url: string;
	/** The entry link first, then every link of the summary and content. */
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
	/** At most this many entries, in document order (default MAX_ENTRIES). */
	maxEntries?: number;
}

/** Error for a body that is not a feed. Its message is one short line, fit to show as is. */
export class FeedParseError extends Error {
	override name = 'FeedParseError';
	constructor(reason: string) {
		super(`not a valid RSS/Atom/JSON feed: ${truncateText(cleanInline(reason), 200, '…')}`);
	}
}

export const MAX_ENTRY_TEXT = 20_000;
export const MAX_ENTRIES = 500;
const MAX_TITLE = 1_000;
const MAX_LINKS = 200;
const MAX_KEY = 1_024;
/** Dates before the web or more than two days ahead are feed bugs (or tricks to pin an entry on top). */
const EARLIEST_DATE = Date.UTC(1991, 0, 1);
const FUTURE_SLACK_MS = 2 * 24 * 3600 * 1000;

/** A text construct before conversion; converted once the entry's base URL is known. */
type Body = ({kind: 'html' | 'text' | 'auto'; value: string} | {kind: 'dom'; $: CheerioAPI; el: Element}) & {
	/** Base URL for links inside, when the body states its own (Atom `xml:base`). */
	base?: string;
};

/** What every format is reduced to before the common processing. */
interface RawEntry {
	id: string | null;
	link: string | null;
	/** Base URL for `link` (the feed URL, or an Atom `xml:base`). */
	base: string;
	title: Body | null;
	/** Date candidates, preferred first, as written. */
	dates: (string | null)[];
	summary: Body | null;
	content: Body | null;
	/** Further entry-level links (JSON Feed `external_url`, Atom `content src`). */
	extraLinks: string[];
}

interface RawFeed {
	siteLink: string | null;
	entries: RawEntry[];
}

// ---------------------------------------------------------------- entry point

/**
 * Parse a feed body into entries. Throws `FeedParseError` (one short line) for malformed XML or
 * JSON and for documents that are not feeds (an HTML page, unknown XML); an empty feed gives [].
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
	const max = options.maxEntries ?? MAX_ENTRIES;
	return raw.entries.slice(0, max).map(entry => finishEntry(entry, raw.siteLink, feedUrl, options.now));
}

// ---------------------------------------------------------------- XML (rss-parser)

/** rss-parser 3.13 internals this module relies on (not in its type declarations). */
interface RssParserInternals {
	buildAtomFeed(xmlObj: unknown): unknown;
	parseItemAtom(entry: unknown): unknown;
}

/**
 * rss-parser, with its Atom building replaced by a marker: Atom entries are read from a DOM
 * (see the file comment), so rss-parser only validates them, and cannot throw on their content.
 */
class ValidatingParser extends Parser implements RssParserInternals {
	sawAtom = false;
	buildAtomFeed(): unknown {
		this.sawAtom = true;
		return {items: []};
	}
	parseItemAtom(): unknown {
		return {};
	}
}

/** rss-parser's item, as far as it is used here; every field is checked before use. */
type RssItem = Record<string, unknown>;

async function readXmlFeed(xml: string, feedUrl: string): Promise<RawFeed> {
	// `<rss>` without a version attribute is read as RSS 2.0 rather than rejected.
	const parser = new ValidatingParser({defaultRSS: 2});
	let parsed: {items: RssItem[]; link?: unknown};
	try {
		parsed = (await parser.parseString(xml)) as unknown as typeof parsed;
	} catch (err) {
		throw new FeedParseError(xmlErrorReason(err));
	}
	if (parser.sawAtom) return readAtom(xml, feedUrl);
	return {
		siteLink: safeHttpUrl(str(parsed.link) ?? '', feedUrl),
		entries: (Array.isArray(parsed.items) ? parsed.items : []).map(item => rssEntry(item, feedUrl)),
	};
}

/** sax reports "Unexpected close tag\nLine: 0\nColumn: 46\nChar: >": made one line, 1-based. */
function xmlErrorReason(err: unknown): string {
	if (!(err instanceof Error)) return 'unreadable XML';
	if (err instanceof TypeError || err instanceof RangeError) return 'unexpected document structure (no channel?)';
	if (/^Feed not recognized/.test(err.message)) return 'the root element is not <rss>, <rdf:RDF> or <feed>';
	if (/^Unable to parse XML/.test(err.message)) return 'no XML document';
	const [first = 'malformed XML', ...rest] = err.message.split('\n');
	const line = /Line: (\d+)/.exec(rest.join('\n'));
	const column = /Column: (\d+)/.exec(rest.join('\n'));
	const where = line && column ? ` (line ${Number(line[1]) + 1}, column ${column[1]})` : '';
	return `malformed XML: ${first.replace(/\.$/, '')}${where}`;
}

/** A string from an xml2js value (`"x"` or `{_: "x", $: {...}}`), trimmed, or null. */
function str(v: unknown): string | null {
	if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
	if (typeof v === 'number') return String(v);
	if (v !== null && typeof v === 'object' && '_' in v) return str((v as {_: unknown})._);
	return null;
}

function rssEntry(item: RssItem, feedUrl: string): RawEntry {
	const html = (v: unknown): Body | null => {
		const s = str(v);
		return s === null ? null : {kind: 'html', value: s};
	};
	const title = str(item['title']);
	return {
		id: str(item['guid']) ?? str(item['rdf:about']),
		link: str(item['link']),
		base: feedUrl,
		title: title === null ? null : {kind: 'auto', value: title},
		dates: [str(item['pubDate']), str(item['date']), str(item['dc:date'])],
		// rss-parser puts <description> in `content` and keeps <content:encoded> under its own name.
		summary: html(item['content']) ?? html(item['summary']),
		content: html(item['content:encoded']),
		extraLinks: [],
	};
}

// ---------------------------------------------------------------- Atom (cheerio XML DOM)

function isElement(node: AnyNode): node is Element {
	return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Tag name without namespace prefix. */
function local(el: Element): string {
	const colon = el.name.lastIndexOf(':');
	return (colon === -1 ? el.name : el.name.slice(colon + 1)).toLowerCase();
}

function childElements(el: Element, name: string): Element[] {
	return el.children.filter((c): c is Element => isElement(c) && local(c) === name);
}

function firstChild(el: Element, name: string): Element | null {
	return childElements(el, name)[0] ?? null;
}

/** Text of an XML element: its text and CDATA descendants, entities decoded. */
function xmlText(node: AnyNode): string {
	if (node.type === 'text') return node.data;
	if (node.type === 'cdata' || isElement(node)) return node.children.map(xmlText).join('');
	return '';
}

/**
 * sax accepts HTML entities such as `&nbsp;` in XML, htmlparser2's XML mode leaves them as
 * written: decode the leftovers (an HTML parse of the text with `<` escaped keeps it plain).
 */
function decodeLeftoverEntities(s: string): string {
	if (!/&[a-z][a-z0-9]{1,31};/i.test(s)) return s;
	return load(s.replace(/</g, '&lt;'), null, false).root().text();
}

/** The `xml:base` in effect at `el` (Atom allows it on any element), resolved against the feed URL. */
function xmlBase(el: Element, feedUrl: string): string {
	const chain: string[] = [];
	for (let n: Element | null = el; n !== null; n = n.parent !== null && isElement(n.parent) ? n.parent : null) {
		const b = n.attribs['xml:base'];
		if (b !== undefined) chain.push(b);
	}
	let base = feedUrl;
	for (const b of chain.reverse()) base = safeHttpUrl(b, base) ?? base;
	return base;
}

/** An Atom text construct (`type` text, html or xhtml; for content also MIME types). */
function atomBody($: CheerioAPI, el: Element | null, feedUrl: string): Body | null {
	if (el === null || el.attribs['src'] !== undefined) return null;
	const type = (el.attribs['type'] ?? 'text').trim().toLowerCase();
	const base = el.attribs['xml:base'] === undefined ? {} : {base: xmlBase(el, feedUrl)};
	if (type === 'xhtml' || type === 'application/xhtml+xml') return {kind: 'dom', $, el, ...base};
	if (type === 'html' || type === 'text/html') return {kind: 'html', value: xmlText(el), ...base};
	if (type === 'text' || type === 'text/plain') return {kind: 'auto', value: decodeLeftoverEntities(xmlText(el)), ...base};
	return null; // images, base64 and other media are not text
}

/** The entry's alternate link: `rel="alternate"` or no rel, else the first link with an href. */
function atomLink(entry: Element): Element | null {
	const links = childElements(entry, 'link').filter(l => (l.attribs['href'] ?? '').trim() !== '');
	return links.find(l => (l.attribs['rel'] ?? 'alternate').trim().toLowerCase() === 'alternate') ?? links[0] ?? null;
}

function readAtom(xml: string, feedUrl: string): RawFeed {
	const $ = load(xml, {xml: true});
	const feed = $.root().children().toArray().find(n => isElement(n) && local(n) === 'feed');
	if (feed === undefined || !isElement(feed)) return {siteLink: null, entries: []};
	const siteLinkEl = atomLink(feed);
	const siteLink = siteLinkEl === null ? null : safeHttpUrl(siteLinkEl.attribs['href']!, xmlBase(siteLinkEl, feedUrl));
	const entries = childElements(feed, 'entry').map((entry): RawEntry => {
		const link = atomLink(entry);
		const content = firstChild(entry, 'content');
		const src = content?.attribs['src'];
		const text = (name: string): string | null => {
			const el = firstChild(entry, name);
			return el === null ? null : str(xmlText(el));
		};
		return {
			id: text('id'),
			link: link === null ? null : link.attribs['href']!,
			base: link === null ? xmlBase(entry, feedUrl) : xmlBase(link, feedUrl),
			title: atomBody($, firstChild(entry, 'title'), feedUrl),
			dates: [text('published'), text('updated'), text('issued'), text('modified')],
			summary: atomBody($, firstChild(entry, 'summary'), feedUrl),
			content: atomBody($, content, feedUrl),
			extraLinks: [
				// Other links of the entry (related, via) and out-of-line content are outbound links too.
				...childElements(entry, 'link')
					.filter(l => /^(?:related|via)$/i.test((l.attribs['rel'] ?? '').trim()) && l.attribs['href'] !== undefined)
					.map(l => safeHttpUrl(l.attribs['href']!, xmlBase(l, feedUrl)) ?? ''),
				...(src !== undefined && content !== null ? [safeHttpUrl(src, xmlBase(content, feedUrl)) ?? ''] : []),
			],
		};
	});
	return {siteLink, entries};
}

// ---------------------------------------------------------------- JSON Feed

function readJsonFeed(json: string, feedUrl: string): RawFeed {
	let doc: unknown;
	try {
		doc = JSON.parse(json);
	} catch (err) {
		throw new FeedParseError(`malformed JSON: ${err instanceof Error ? err.message : 'unreadable'}`);
	}
	if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new FeedParseError('JSON that is not an object');
	const feed = doc as Record<string, unknown>;
	const version = feed['version'];
	if (typeof version !== 'string' || !/jsonfeed\.org/i.test(version)) {
		throw new FeedParseError('JSON without a jsonfeed.org version');
	}
	const items = feed['items'] ?? [];
	if (!Array.isArray(items)) throw new FeedParseError('JSON Feed whose items is not an array');
	const s = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
	const entries: RawEntry[] = [];
	for (const item of items as unknown[]) {
		if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
		const it = item as Record<string, unknown>;
		const body = (kind: 'html' | 'text' | 'auto', v: unknown): Body | null => {
			const value = s(v);
			return value === null ? null : {kind, value};
		};
		const id = it['id'];
		entries.push({
			id: typeof id === 'number' && Number.isFinite(id) ? String(id) : s(id)?.trim() ?? null,
			link: s(it['url']) ?? s(it['external_url']),
			base: feedUrl,
			title: body('auto', it['title']),
			dates: [s(it['date_published']), s(it['date_modified'])],
			summary: body('text', it['summary']),
			content: body('html', it['content_html']) ?? body('text', it['content_text']),
			extraLinks: [s(it['external_url']) ?? ''],
		});
	}
	return {siteLink: safeHttpUrl(s(feed['home_page_url']) ?? '', feedUrl), entries};
}

// ---------------------------------------------------------------- common processing

/**
 * Markup or entities that make an untyped string (an RSS title, Atom `type="text"` that a
 * generator filled with HTML anyway) read as HTML. Only common tags count, so that plain text
 * like `x<y` or `<two>` stays as written.
 */
const LOOKS_HTML =
	/<\/?(?:a|p|br|div|span|img|em|strong|b|i|u|s|sub|sup|small|code|pre|ul|ol|li|h[1-6]|blockquote|table|tr|td|th|hr)\b[^<>]*>|&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});/i;

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
			return nodeToText(body.$, body.el.children, base);
		case 'html':
			return htmlToText(body.value, base);
		case 'auto':
			if (LOOKS_HTML.test(body.value)) return htmlToText(body.value, base);
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
		const ms = Date.parse(raw.trim());
		if (Number.isFinite(ms) && ms >= EARLIEST_DATE && ms <= now.getTime() + FUTURE_SLACK_MS) {
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
	const text = truncateText(summary.text !== '' ? summary.text : content.text, MAX_ENTRY_TEXT);
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

	const papers: PaperRef[] = [];
	for (const l of links.values()) {
		const p = paperFromUrl(l.url);
		if (p === null) continue;
		// The entry link is the paper (an arXiv listing feed): the entry title is the paper's.
		const paperTitle = l.url === link ? title : paperTitleFromLinkText(l.text);
		papers.push({...p, title: paperTitle});
	}
	for (const p of papersInText(`${summary.text}\n${content.text}`)) papers.push({...p, title: null});

	const id = raw.id === null ? '' : cleanInline(raw.id);
	let key = id !== '' ? id : link ?? `sha1:${sha1(JSON.stringify([title ?? '', rawDate ?? '', text]))}`;
	if (key.length > MAX_KEY) key = `sha1:${sha1(key)}`;

	return {key, title, date, datePrecision: precision, text, url, links: [...links.values()], papers: dedupePapers(papers)};
}
