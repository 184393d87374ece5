/**
 * OPML 2.0 in and out (http://opml.org/spec2.opml).
 *
 * Written: one outline per researcher (`type="researcher"`), holding one outline per source:
 *   - Bluesky: `type="bluesky" target="<handle or DID>"`, with `htmlUrl` (the profile) and `xmlUrl`
 *     (the profile's RSS feed, so another feed reader still gets the posts);
 *   - homepage: `type="homepage" url="…" htmlUrl="…"`;
 *   - feed: `type="rss" xmlUrl="…"`;
 *   - bibliography sources: `type="dblp|orcid|openalex|arxiv" target="<id>" htmlUrl="<the person's page>"`.
 *   Every outline's `text`/`title` is the researcher's name, so a feed reader shows feeds by person.
 *
 * Read: ours, and any feed reader's (newsboat, …): every outline with an `xmlUrl` is a feed,
 * wherever it is nested (folders and categories are walked); outside a researcher outline its
 * researcher is named by the outline's `title`, else `text` (Bluesky's "@handle - Name" is Name,
 * so a person's Bluesky feed and blog meet under one name), else by the Bluesky handle or the site
 * with the path that tells people on one host apart. Outlines naming one person (names compare
 * without case) become one researcher. A Bluesky profile RSS URL (bsky.app/profile/X/rss) comes
 * back as a Bluesky source. The XML reader is
 * parse/xml-dom.ts: a malformed file is an error, never half-read; entities beyond XML's five are
 * left as written, so no entity expansion.
 */
import type {Element} from 'domhandler';
import {isBibliographyKind, type BibliographyKind, type ResearcherConfig, type SourceConfig} from '../domain/types.js';
import {bibliographyTarget} from './bibliography/ids.js';
import {cleanInline} from './sanitize.js';
import {isElement, parseXml, rootElement, XmlSyntaxError, XmlTooComplexError} from './xml-dom.js';

export class OpmlError extends Error {
	override name = 'OpmlError';
}

export interface OpmlImport {
	/** Researchers in document order, each with its sources in order (merged by name, case-insensitively). */
	researchers: ResearcherConfig[];
	/** Outlines that were not used, with why (one line each). */
	skipped: string[];
}

// ---------------------------------------------------------------- writing

function attrEscape(s: string): string {
	return s
		.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/\t/g, '&#9;')
		.replace(/\n/g, '&#10;')
		.replace(/\r/g, '&#13;');
}

function outline(indent: string, attrs: Array<[string, string]>, children?: string[]): string {
	const a = attrs.map(([k, v]) => ` ${k}="${attrEscape(v)}"`).join('');
	if (!children || children.length === 0) return `${indent}<outline${a}/>`;
	return [`${indent}<outline${a}>`, ...children, `${indent}</outline>`].join('\n');
}

export function blueskyProfileUrl(target: string): string {
	return `https://bsky.app/profile/${encodeURIComponent(target).replace(/%3A/gi, ':')}`;
}

function sourceOutline(name: string, source: SourceConfig): string {
	const named: Array<[string, string]> = [
		['text', name],
		['title', name],
	];
	switch (source.kind) {
		case 'bluesky': {
			const profile = blueskyProfileUrl(source.target);
			return outline('      ', [...named, ['type', 'bluesky'], ['target', source.target], ['htmlUrl', profile], ['xmlUrl', `${profile}/rss`]]);
		}
		case 'homepage':
			return outline('      ', [...named, ['type', 'homepage'], ['url', source.target], ['htmlUrl', source.target]]);
		case 'feed':
			return outline('      ', [...named, ['type', 'rss'], ['xmlUrl', source.target]]);
		case 'dblp':
		case 'orcid':
		case 'openalex':
		case 'arxiv':
			return outline('      ', [...named, ['type', source.kind], ['target', source.target], ['htmlUrl', bibliographyPage(source.kind, source.target)]]);
	}
}

/** The page a person opens for a bibliography source (what `htmlUrl` points at). */
export function bibliographyPage(kind: BibliographyKind, target: string): string {
	switch (kind) {
		case 'dblp':
			return `https://dblp.org/pid/${target}.html`;
		case 'orcid':
			return `https://orcid.org/${target}`;
		case 'openalex':
			return `https://openalex.org/${target}`;
		case 'arxiv':
			return `https://arxiv.org/a/${target}`;
	}
}


/** An OPML 2.0 document of every researcher and source, in config order. */
export function formatOpml(researchers: readonly ResearcherConfig[], options: {now: Date; title?: string}): string {
	const body = researchers.map(r =>
		outline(
			'    ',
			[
				['text', r.name],
				['title', r.name],
				['type', 'researcher'],
			],
			r.sources.map(s => sourceOutline(r.name, s)),
		),
	);
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<opml version="2.0">',
		'  <head>',
		`    <title>${attrEscape(options.title ?? 'research-feed: researchers and sources')}</title>`,
		`    <dateCreated>${options.now.toUTCString()}</dateCreated>`,
		'    <docs>http://opml.org/spec2.opml</docs>',
		'  </head>',
		'  <body>',
		...body,
		'  </body>',
		'</opml>',
		'',
	].join('\n');
}

// ---------------------------------------------------------------- reading

/** Child elements named `name` (OPML has no namespace). */
function children(el: Element, name: string): Element[] {
	return el.children.filter((c): c is Element => isElement(c) && c.name === name);
}

/** Attribute by name, case-insensitively (`xmlUrl`, `xmlurl`, `XMLURL` all seen in the wild). */
function attr(node: Element, name: string): string | undefined {
	const attrs = node.attribs;
	const key = Object.keys(attrs).find(k => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : attrs[key];
	if (value === undefined) return undefined;
	const clean = cleanInline(value);
	return clean === '' ? undefined : clean;
}

function httpUrl(raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	try {
		const url = new URL(raw);
		// Kept as written (only trimmed), so a round trip gives back exactly what was configured.
		return url.protocol === 'http:' || url.protocol === 'https:' ? raw : undefined;
	} catch {
		return undefined;
	}
}

const HANDLE = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/i;
const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]+$/;

/** A Bluesky handle or DID, normalised like `add --bluesky`, or undefined. */
export function blueskyTarget(raw: string | undefined): string | undefined {
	const value = raw?.trim().replace(/^@/, '');
	if (!value) return undefined;
	if (DID.test(value)) return value;
	if (HANDLE.test(value)) return value.toLowerCase();
	return undefined;
}

/** `https://bsky.app/profile/X` or `…/profile/X/rss` → X. */
function blueskyFromUrl(raw: string | undefined, rssOnly: boolean): string | undefined {
	const url = httpUrl(raw);
	if (!url) return undefined;
	const u = new URL(url);
	if (u.hostname !== 'bsky.app' && u.hostname !== 'www.bsky.app') return undefined;
	const m = (rssOnly ? /^\/profile\/([^/]+)\/rss\/?$/ : /^\/profile\/([^/]+)(?:\/rss)?\/?$/).exec(u.pathname);
	return m ? blueskyTarget(decodeURIComponent(m[1]!)) : undefined;
}

function nameOf(node: Element): string | undefined {
	return attr(node, 'title') ?? attr(node, 'text');
}

/** Bluesky's RSS titles a profile "@handle - Display Name": the person is the display name. */
const BLUESKY_TITLE = /^@(\S+)\s+[-–—]\s*(.*)$/;

/** The person an outline's title names: "@handle - Name" is Name (or the handle when the name is empty). */
export function personName(label: string | undefined): string | undefined {
	if (label === undefined) return undefined;
	const m = BLUESKY_TITLE.exec(label);
	if (!m) return label;
	const name = m[2]!.trim();
	return name !== '' ? name : m[1]!;
}

/** Path segments and file names that say "feed", not whose feed it is. */
const FEED_SEGMENT = /^(feeds?|rss|atom|index|posts?)(\.(xml|rss|atom|json|php))?$|\.(xml|rss|atom)$/i;

/**
 * What an untitled feed or homepage is called: its site, with the path that tells two people on
 * one host apart ("medium.com/@alice", not "medium.com"), without the parts that only say "feed".
 */
export function siteName(url: string): string {
	const u = new URL(url);
	const path = u.pathname
		.split('/')
		.filter(segment => segment !== '' && !FEED_SEGMENT.test(safeDecode(segment)))
		.map(safeDecode)
		.join('/');
	const host = u.host.replace(/^www\./i, '').toLowerCase();
	return path === '' ? host : `${host}/${path}`;
}

function safeDecode(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** Parses OPML (ours or another reader's) into researchers and sources. Rejects with OpmlError when the file is not OPML. */
export function parseOpml(xml: string): Promise<OpmlImport> {
	// A promise, as callers have always had: a throw below becomes a rejection.
	return new Promise(resolve => resolve(readOpml(xml)));
}

function readOpml(xml: string): OpmlImport {
	let root: Element;
	try {
		root = rootElement(parseXml(xml));
	} catch (error) {
		if (error instanceof XmlSyntaxError) throw new OpmlError(`not well-formed XML (${cleanInline(error.reason)}, line ${error.line})`);
		if (error instanceof XmlTooComplexError) throw new OpmlError(error.message);
		throw error;
	}
	if (root.name !== 'opml') throw new OpmlError('not OPML (the root element is not <opml>)');
	const body = children(root, 'body')[0];
	if (body === undefined) throw new OpmlError('not OPML (no <body>)');

	const out: OpmlImport = {researchers: [], skipped: []};
	const byName = new Map<string, ResearcherConfig>();
	const researcher = (name: string): ResearcherConfig => {
		const key = name.toLowerCase();
		let r = byName.get(key);
		if (!r) {
			r = {name, sources: []};
			byName.set(key, r);
			out.researchers.push(r);
		}
		return r;
	};
	const addSource = (name: string, source: SourceConfig) => {
		const r = researcher(name);
		if (!r.sources.some(s => s.kind === source.kind && s.target === source.target)) r.sources.push(source);
	};

	const walk = (nodes: Element[], owner: string | undefined, depth: number) => {
		if (depth > 50) throw new OpmlError('outlines nested more than 50 deep');
		for (const node of nodes) {
			const type = attr(node, 'type')?.toLowerCase();
			const inner = children(node, 'outline');
			const label = nameOf(node);
			if (type === 'researcher') {
				if (!label) {
					out.skipped.push('a researcher outline without text or title');
					continue;
				}
				researcher(label);
				walk(inner, label, depth + 1);
				continue;
			}
			if (type === 'bluesky') {
				const target = blueskyTarget(attr(node, 'target')) ?? blueskyFromUrl(attr(node, 'htmlUrl') ?? attr(node, 'url') ?? attr(node, 'xmlUrl'), false);
				if (!target) out.skipped.push(`a Bluesky outline${label ? ` "${label}"` : ''} without a valid handle or DID`);
				else addSource(owner ?? personName(label) ?? target, {kind: 'bluesky', target});
				continue;
			}
			if (type !== undefined && isBibliographyKind(type)) {
				const target = bibliographyTarget(type, attr(node, 'target')) ?? bibliographyTarget(type, attr(node, 'htmlUrl'));
				const who = owner ?? label;
				if (!target || !who) out.skipped.push(`a ${type} outline${label ? ` "${label}"` : ''} without a valid ${type} id`);
				else addSource(who, {kind: type, target});
				continue;
			}
			if (type === 'homepage') {
				const url = httpUrl(attr(node, 'url') ?? attr(node, 'htmlUrl'));
				if (!url) out.skipped.push(`a homepage outline${label ? ` "${label}"` : ''} without an http(s) url`);
				else addSource(owner ?? personName(label) ?? siteName(url), {kind: 'homepage', target: url});
				continue;
			}
			const rawFeed = attr(node, 'xmlUrl');
			if (rawFeed !== undefined) {
				const url = httpUrl(rawFeed);
				if (!url) {
					out.skipped.push(`feed "${label ?? rawFeed}": not an http(s) URL (${rawFeed})`);
					continue;
				}
				const bluesky = blueskyFromUrl(url, true);
				// Untitled: named by the Bluesky handle, or by the site (its htmlUrl when it gives one).
				const site = httpUrl(attr(node, 'htmlUrl'));
				const who = owner ?? personName(label) ?? bluesky ?? siteName(site !== undefined && blueskyFromUrl(site, false) === undefined ? site : url);
				addSource(who, bluesky ? {kind: 'bluesky', target: bluesky} : {kind: 'feed', target: url});
				continue;
			}
			if (inner.length > 0) {
				// A folder or category: its feeds are named by their own titles (or belong to the researcher around it).
				walk(inner, owner, depth + 1);
				continue;
			}
			if (label) out.skipped.push(`"${label}": neither a feed nor a researcher`);
		}
	};
	walk(children(body, 'outline'), undefined, 0);
	return out;
}
