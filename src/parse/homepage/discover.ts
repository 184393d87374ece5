/**
 * What a homepage advertises: feeds (`<link rel="alternate" type="application/rss+xml|atom+xml|feed+json">`),
 * Bluesky profiles it links (`bsky.app/profile/<handle-or-did>`), the bibliography records it links
 * (dblp person pages, ORCID profiles, OpenAlex authors, arXiv author listings), and a separate news
 * page linked from a News heading or menu (al-folio `/news/`, Wowchemy `/news`, jemdoc `news.html`).
 * Suggestions only: the caller decides what to add.
 */
import type {Element} from 'domhandler';
import {bibliographyLinks, type BibliographyLinks} from '../bibliography/ids.js';
import {safeHttpUrl} from '../sanitize.js';
import {headText, headingLevel} from './dom.js';
import {stripHash, type Anchor} from './find-news.js';
import {isNewsTitle} from './titles.js';

const FEED_TYPES = new Set(['application/rss+xml', 'application/atom+xml', 'application/feed+json', 'application/json+feed']);

export function discoverFeeds(links: readonly Element[], base: string): string[] {
	const out = new Set<string>();
	for (const el of links) {
		const rel = (el.attribs['rel'] ?? '').toLowerCase().split(/\s+/);
		const type = (el.attribs['type'] ?? '').toLowerCase().split(';')[0]!.trim();
		if (!rel.includes('alternate') || !FEED_TYPES.has(type)) continue;
		const url = safeHttpUrl(el.attribs['href'] ?? '', base);
		if (url) out.add(url);
	}
	return [...out];
}

const HANDLE = /^(?=.{3,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const DID = /^did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.%:-]+)$/;

/** `https://bsky.app/profile/alice.bsky.social/post/…` → `alice.bsky.social`; DIDs are kept as DIDs. */
export function blueskyFromUrl(url: string): string | null {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		return null;
	}
	const host = u.hostname.toLowerCase();
	if (host !== 'bsky.app' && host !== 'www.bsky.app') return null;
	const m = /^\/profile\/([^/]+)/.exec(u.pathname);
	if (!m) return null;
	let id: string;
	try {
		id = decodeURIComponent(m[1]!).trim().replace(/^@/, '');
	} catch {
		return null;
	}
	const lower = id.toLowerCase();
	if (DID.test(lower)) return lower;
	return HANDLE.test(lower) && !lower.endsWith('.') ? lower : null;
}

export function discoverBluesky(anchors: readonly Anchor[]): string[] {
	const out = new Set<string>();
	for (const {url} of anchors) {
		const who = url ? blueskyFromUrl(url) : null;
		if (who) out.add(who);
	}
	return [...out];
}

/** Hosts whose links may name a bibliography record: a cheap test before each URL is parsed again. */
const BIBLIOGRAPHY_HOST = /^https?:\/\/(?:[a-z0-9-]+\.)*(?:dblp\.org|uni-trier\.de|dagstuhl\.de|orcid\.org|openalex\.org|arxiv\.org)(?:[:/?#]|$)/i;

/** The dblp pids, ORCID iDs, OpenAlex author ids and arXiv author ids the page's links name, each once, in link order. */
export function discoverBibliography(anchors: readonly Anchor[]): BibliographyLinks {
	const urls: string[] = [];
	for (const {url} of anchors) if (url && BIBLIOGRAPHY_HOST.test(url)) urls.push(url);
	return bibliographyLinks(urls);
}

function sameSite(a: string, b: string): boolean {
	const host = (u: string): string => new URL(u).hostname.toLowerCase().replace(/^www\./, '');
	try {
		return host(a) === host(b);
	} catch {
		return false;
	}
}

function inHeading(a: Element): boolean {
	for (let p = a.parent; p; p = p.parent) if (headingLevel(p) > 0) return true;
	return false;
}

/** The page a News heading (preferred) or menu entry links to, on the same site, other than this page. */
export function findNewsPage(anchors: readonly Anchor[], pageUrl: string): string | null {
	let fromMenu: string | null = null;
	for (const {el: a, url} of anchors) {
		if (!url || stripHash(url) === stripHash(pageUrl) || !sameSite(url, pageUrl)) continue;
		if (!isNewsTitle(headText([a], 60).text)) continue;
		if (inHeading(a)) return stripHash(url);
		fromMenu ??= stripHash(url);
	}
	return fromMenu;
}
