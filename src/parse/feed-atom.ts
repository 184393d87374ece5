/**
 * Atom (RFC 4287, and Atom 0.3) entries from the XML reader's tree. Elements are matched by
 * namespace, so `<atom:entry>` and a default-namespace `<entry>` read the same, and a Media RSS
 * `<media:title>` or `<media:content>` is never taken for the Atom element of that name.
 * Read from a DOM (not from rss-parser, whose xml2js objects lose the order of mixed content:
 * `type="xhtml"` "Hello <a>link</a> world" came back as "Hello  world<a>link</a>"), one bad
 * date or link costs only that value, never the feed. Pure: no IO.
 */
import {load} from 'cheerio';
import type {Element} from 'domhandler';
import {FeedParseError} from './feed-raw.js';
import type {Body, RawEntry, RawFeed} from './feed-raw.js';
import {safeHttpUrl} from './sanitize.js';
import {isElement, localName, namespaceOf, parseXml, rootElement, textOf, XmlSyntaxError} from './xml-dom.js';
import {NS} from './xml-namespaces.js';

/** Namespaces a `<feed>` root may have: Atom 1.0, Atom 0.3, or none at all (sloppy generators). */
export const ATOM_NAMESPACES: ReadonlySet<string> = new Set([NS.atom, NS.atom03, '']);

/** Child elements of one element in the feed's Atom namespace, by local name, in document order. */
type Children = Map<string, Element[]>;

function atomChildren(el: Element, atomNs: string): Children {
	const out: Children = new Map();
	for (const child of el.children) {
		if (!isElement(child) || namespaceOf(child) !== atomNs) continue;
		// Atom names are lower-case; sloppy generators' capitals are read too.
		const name = localName(child).toLowerCase();
		const list = out.get(name);
		if (list === undefined) out.set(name, [child]);
		else list.push(child);
	}
	return out;
}

function first(children: Children, name: string): Element | null {
	return children.get(name)?.[0] ?? null;
}

/**
 * sax accepted HTML entities such as `&nbsp;` in XML; the XML reader leaves them as written:
 * decode the leftovers (an HTML parse of the text with `<` escaped keeps it plain).
 */
function decodeLeftoverEntities(s: string): string {
	if (!/&[a-z][a-z0-9]{1,31};/i.test(s)) return s;
	return load(s.replace(/</g, '&lt;'), null, false).root().text();
}

/** A string, trimmed, or null when empty. */
function trimmed(s: string): string | null {
	const t = s.trim();
	return t === '' ? null : t;
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
function atomBody(el: Element | null, feedUrl: string): Body | null {
	if (el === null || el.attribs['src'] !== undefined) return null;
	const type = (el.attribs['type'] ?? 'text').trim().toLowerCase();
	const base = el.attribs['xml:base'] === undefined ? {} : {base: xmlBase(el, feedUrl)};
	if (type === 'xhtml' || type === 'application/xhtml+xml') return {kind: 'dom', nodes: el.children, ...base};
	if (type === 'html' || type === 'text/html') return {kind: 'html', value: textOf(el), ...base};
	if (type === 'text' || type === 'text/plain') return {kind: 'auto', value: decodeLeftoverEntities(textOf(el)), ...base};
	return null; // images, base64 and other media are not text
}

/** Links with an href, in order. */
function links(children: Children): Element[] {
	return (children.get('link') ?? []).filter(l => (l.attribs['href'] ?? '').trim() !== '');
}

/** The alternate link: `rel="alternate"` or no rel, else the first link with an href. */
function alternateLink(children: Children): Element | null {
	const all = links(children);
	return all.find(l => (l.attribs['rel'] ?? 'alternate').trim().toLowerCase() === 'alternate') ?? all[0] ?? null;
}

/**
 * The entry's Media RSS description (https://www.rssboard.org/media-rss#optional-elements): on the
 * entry itself, else in its `media:group` (YouTube's feeds: `<media:group><media:description>`),
 * else in a `media:content`. `type="html"` is markup, the default `plain` is text.
 */
function mediaDescription(entry: Element): Body | null {
	let level: Element[] = [entry];
	for (let depth = 0; depth < 3 && level.length > 0; depth++) {
		const next: Element[] = [];
		for (const el of level) {
			for (const child of el.children) {
				if (!isElement(child) || namespaceOf(child) !== NS.media) continue;
				const name = localName(child);
				if (name === 'description') {
					const value = textOf(child);
					if (value.trim() === '') continue;
					return {kind: (child.attribs['type'] ?? '').trim().toLowerCase() === 'html' ? 'html' : 'text', value};
				}
				if (name === 'group' || name === 'content') next.push(child);
			}
		}
		level = next;
	}
	return null;
}

function atomEntry(entry: Element, atomNs: string, feedUrl: string): RawEntry {
	const children = atomChildren(entry, atomNs);
	const link = alternateLink(children);
	const content = first(children, 'content');
	const src = content?.attribs['src'];
	const text = (name: string): string | null => {
		const el = first(children, name);
		return el === null ? null : trimmed(textOf(el));
	};
	return {
		id: text('id'),
		link: link === null ? null : link.attribs['href']!,
		base: link === null ? xmlBase(entry, feedUrl) : xmlBase(link, feedUrl),
		title: atomBody(first(children, 'title'), feedUrl),
		dates: [text('published'), text('updated'), text('issued'), text('modified')],
		summary: atomBody(first(children, 'summary'), feedUrl),
		content: atomBody(content, feedUrl),
		media: mediaDescription(entry),
		extraLinks: [
			// Other links of the entry (related, via) and out-of-line content are outbound links too.
			...links(children)
				.filter(l => /^(?:related|via)$/i.test((l.attribs['rel'] ?? '').trim()))
				.map(l => safeHttpUrl(l.attribs['href']!, xmlBase(l, feedUrl)) ?? ''),
			...(src !== undefined && content !== null ? [safeHttpUrl(src, xmlBase(content, feedUrl)) ?? ''] : []),
		],
	};
}

/** Reads an Atom document (the caller has seen a `<feed>` root). Throws FeedParseError for malformed XML. */
export function readAtom(xml: string, feedUrl: string): RawFeed {
	let feed: Element;
	try {
		feed = rootElement(parseXml(xml));
	} catch (err) {
		if (err instanceof XmlSyntaxError) throw new FeedParseError(`malformed XML: ${err.message}`);
		throw err;
	}
	const atomNs = namespaceOf(feed);
	if (atomNs === null || !ATOM_NAMESPACES.has(atomNs) || localName(feed) !== 'feed') throw new FeedParseError('the root element is not <rss>, <rdf:RDF> or <feed>');
	const children = atomChildren(feed, atomNs);
	const siteLinkEl = alternateLink(children);
	const siteLink = siteLinkEl === null ? null : safeHttpUrl(siteLinkEl.attribs['href']!, xmlBase(siteLinkEl, feedUrl));
	return {siteLink, entries: (children.get('entry') ?? []).map(entry => atomEntry(entry, atomNs, feedUrl))};
}
