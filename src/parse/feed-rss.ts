/**
 * RSS 0.9x, 1.0 (RDF) and 2.0 entries through rss-parser (xml2js/sax in strict mode), used only
 * through its public options. rss-parser finds elements by their literal names (`rdf:RDF`,
 * `channel`, `dc:date`); a document that binds those namespaces to other prefixes (journal
 * publishers write `<rss:channel>`, `<rss:item>` in the RSS 1.0 namespace) has its names rewritten
 * to the usual prefixes as xml2js reads them (its `tagNameProcessors`), from the namespaces the
 * root element declares. Pure: no IO.
 */
import Parser from 'rss-parser';
import {FeedParseError} from './feed-raw.js';
import type {Body, RawEntry, RawFeed} from './feed-raw.js';
import {safeHttpUrl} from './sanitize.js';
import {NS} from './xml-namespaces.js';
import type {XmlRoot} from './xml-root.js';

/** Whether rss-parser reads a document with this root: `<rss>` or an RDF `<RDF>`, whatever its prefix. */
export function isRssRoot(root: XmlRoot): boolean {
	if (root.name === 'rss') return true;
	return root.local === 'RDF' && (root.namespace === NS.rdf || root.name === 'rdf:RDF');
}

/** The prefix rss-parser expects for each namespace it reads ('' for RSS 1.0's own elements). */
const USUAL_PREFIX: ReadonlyMap<string, string> = new Map([
	[NS.rss10, ''],
	[NS.rss090, ''],
	[NS.rdf, 'rdf'],
	[NS.dc, 'dc'],
	[NS.content, 'content'],
	[NS.media, 'media'],
]);

/**
 * A rename of element and attribute names to the usual prefixes, or null when the document
 * already uses them (the common case: no per-name work at all). Declarations below the root are
 * not seen; publishers declare their namespaces on the root.
 */
function usualNames(root: XmlRoot): ((name: string) => string) | null {
	const renames = new Map<string, string>();
	for (const [prefix, uri] of root.bindings) {
		const usual = USUAL_PREFIX.get(uri);
		// An unprefixed name in a default namespace other than RSS 1.0's (only ever the RDF root) is handled below.
		if (usual !== undefined && usual !== prefix && prefix !== '') renames.set(prefix, usual);
	}
	// `<RDF xmlns="…rdf-syntax-ns#">`: rss-parser looks for `rdf:RDF`.
	const rootName = root.local === 'RDF' && root.name === 'RDF' && root.namespace === NS.rdf ? 'RDF' : null;
	if (renames.size === 0 && rootName === null) return null;
	return name => {
		if (name === rootName) return 'rdf:RDF';
		const colon = name.indexOf(':');
		if (colon === -1) return name;
		const usual = renames.get(name.slice(0, colon));
		if (usual === undefined) return name;
		return usual === '' ? name.slice(colon + 1) : `${usual}:${name.slice(colon + 1)}`;
	};
}

/** Attributes without a prefix are in no namespace: only prefixed ones (`x:about` for `rdf:about`) are renamed. */
function prefixedOnly(rename: (name: string) => string): (name: string) => string {
	return name => (name.includes(':') ? rename(name) : name);
}

/** Media RSS text (https://www.rssboard.org/media-rss): `media:description` on the item or in its `media:group`. */
const ITEM_FIELDS = ['media:description', 'media:group'];

/** rss-parser's item, as far as it is used here; every field is checked before use. */
type RssItem = Record<string, unknown>;

/** sax reports "Unexpected close tag\nLine: 0\nColumn: 46\nChar: >": made one line, 1-based. */
function xmlErrorReason(err: unknown): string {
	if (!(err instanceof Error)) return 'unreadable XML';
	if (err instanceof TypeError || err instanceof RangeError) return 'unexpected document structure (no channel?)';
	if (/^Feed not recognized/.test(err.message)) return 'the root element is not <rss>, <rdf:RDF> or <feed>';
	if (/^Unable to parse XML/.test(err.message)) return 'no XML document';
	const [firstLine = 'malformed XML', ...rest] = err.message.split('\n');
	const line = /Line: (\d+)/.exec(rest.join('\n'));
	const column = /Column: (\d+)/.exec(rest.join('\n'));
	const where = line && column ? ` (line ${Number(line[1]) + 1}, column ${column[1]})` : '';
	return `malformed XML: ${firstLine.replace(/\.$/, '')}${where}`;
}

/** A string from an xml2js value (`"x"` or `{_: "x", $: {...}}`), trimmed, or null. */
function str(v: unknown): string | null {
	if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
	if (typeof v === 'number') return String(v);
	if (v !== null && typeof v === 'object' && '_' in v) return str(v._);
	return null;
}

/** `media:description`, directly on the item or in its `media:group`; `type="html"` is markup, else text. */
function mediaBody(item: RssItem): Body | null {
	const group = item['media:group'];
	const inGroup = group !== null && typeof group === 'object' ? (group as Record<string, unknown>)['media:description'] : undefined;
	for (const v of [item['media:description'], Array.isArray(inGroup) ? inGroup[0] : inGroup]) {
		const value = str(v);
		if (value === null) continue;
		const attrs = v !== null && typeof v === 'object' ? (v as {$?: Record<string, unknown>}).$ : undefined;
		const type = typeof attrs?.['type'] === 'string' ? attrs['type'].trim().toLowerCase() : '';
		return {kind: type === 'html' ? 'html' : 'text', value};
	}
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
		media: mediaBody(item),
		extraLinks: [],
	};
}

/** Reads an RSS document whose root is `root` (see isRssRoot). Throws FeedParseError for malformed XML or a document without a channel. */
export async function readRss(xml: string, feedUrl: string, root: XmlRoot): Promise<RawFeed> {
	const rename = usualNames(root);
	const parser = new Parser({
		// `<rss>` without a version attribute is read as RSS 2.0 rather than rejected.
		defaultRSS: 2,
		customFields: {item: ITEM_FIELDS},
		...(rename === null ? {} : {xml2js: {tagNameProcessors: [rename], attrNameProcessors: [prefixedOnly(rename)]}}),
	});
	let parsed: {items: RssItem[]; link?: unknown};
	try {
		parsed = await parser.parseString(xml);
	} catch (err) {
		throw new FeedParseError(xmlErrorReason(err));
	}
	return {
		siteLink: safeHttpUrl(str(parsed.link) ?? '', feedUrl),
		entries: (Array.isArray(parsed.items) ? parsed.items : []).map(item => rssEntry(item, feedUrl)),
	};
}
