/**
 * The XML namespaces the feed, arXiv and OPML readers know. Documents may bind any prefix to
 * them (`<rss:item>`, `<atom:entry>`, a default namespace): readers compare namespace URIs, never
 * the prefixes a document happens to use.
 */

export const NS = {
	/** Atom 1.0 (RFC 4287). */
	atom: 'http://www.w3.org/2005/Atom',
	/** Atom 0.3, still served by a few old blogs. */
	atom03: 'http://purl.org/atom/ns#',
	/** RSS 1.0 (https://web.resource.org/rss/1.0/spec). */
	rss10: 'http://purl.org/rss/1.0/',
	/** RSS 0.90, the RDF ancestor of RSS 1.0. */
	rss090: 'http://my.netscape.com/rdf/simple/0.9/',
	rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
	dc: 'http://purl.org/dc/elements/1.1/',
	/** RSS 1.0 content module (`content:encoded`), used by RSS 2.0 feeds too. */
	content: 'http://purl.org/rss/1.0/modules/content/',
	/** Media RSS (https://www.rssboard.org/media-rss), also used inside Atom (YouTube). */
	media: 'http://search.yahoo.com/mrss/',
	arxiv: 'http://arxiv.org/schemas/atom',
	opensearch: 'http://a9.com/-/spec/opensearch/1.1/',
	xml: 'http://www.w3.org/XML/1998/namespace',
} as const;

/** Namespace URIs as written in the wild, mapped to the one above (Media RSS is often bound without its final slash). */
export function canonicalNamespace(uri: string): string {
	const trimmed = uri.trim();
	return trimmed === 'http://search.yahoo.com/mrss' ? NS.media : trimmed;
}
