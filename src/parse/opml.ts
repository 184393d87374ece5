/**
 * OPML 2.0 in and out (http://opml.org/spec2.opml).
 *
 * Written: one outline per researcher (`type="researcher"`), holding one outline per source:
 *   - Bluesky: `type="bluesky" target="<handle or DID>"`, with `htmlUrl` (the profile) and `xmlUrl`
 *     (the profile's RSS feed, so another feed reader still gets the posts);
 *   - homepage: `type="homepage" url="…" htmlUrl="…"`;
 *   - feed: `type="rss" xmlUrl="…"`.
 *   Every outline's `text`/`title` is the researcher's name, so a feed reader shows feeds by person.
 *
 * Read: ours, and any feed reader's (newsboat, …): every outline with an `xmlUrl` is a feed,
 * wherever it is nested (folders and categories are walked); outside a researcher outline its
 * researcher is named by the outline's `title`, else `text`, else the feed's host. A Bluesky
 * profile RSS URL (bsky.app/profile/X/rss) comes back as a Bluesky source. The XML parser is
 * xml2js (sax, strict): a malformed file is an error, never half-read. Entities beyond XML's five
 * are rejected, so no entity expansion.
 */
import {createRequire} from 'node:module';
import type {ResearcherConfig, SourceConfig} from '../domain/types.js';
import {cleanInline} from './sanitize.js';

/** xml2js as used here (it ships no type declarations). */
interface Xml2js {
	Parser: new (options: Record<string, unknown>) => {parseStringPromise(xml: string): Promise<unknown>};
}
const xml2js = createRequire(import.meta.url)('xml2js') as Xml2js;

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

type Node = {$?: Record<string, unknown>; outline?: unknown[]} & Record<string, unknown>;

/** Attribute by name, case-insensitively (`xmlUrl`, `xmlurl`, `XMLURL` all seen in the wild). */
function attr(node: Node, name: string): string | undefined {
	const attrs = node.$ ?? {};
	const key = Object.keys(attrs).find(k => k.toLowerCase() === name.toLowerCase());
	const value = key === undefined ? undefined : attrs[key];
	if (typeof value !== 'string') return undefined;
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

function nameOf(node: Node): string | undefined {
	return attr(node, 'title') ?? attr(node, 'text');
}

/** Parses OPML (ours or another reader's) into researchers and sources. Throws OpmlError when the file is not OPML. */
export async function parseOpml(xml: string): Promise<OpmlImport> {
	let doc: unknown;
	try {
		doc = await new xml2js.Parser({explicitArray: true, strict: true}).parseStringPromise(xml);
	} catch (error) {
		const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
		const line = error instanceof Error ? /Line: (\d+)/.exec(error.message) : null;
		throw new OpmlError(`not well-formed XML (${cleanInline(first).replace(/\.$/, '')}${line ? `, line ${Number(line[1]) + 1}` : ''})`);
	}
	const root = (doc as {opml?: unknown} | null)?.opml as Node | undefined;
	if (!root || typeof root !== 'object') throw new OpmlError('not OPML (the root element is not <opml>)');
	const body = Array.isArray(root['body']) ? (root['body'][0] as Node | string | undefined) : undefined;
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

	const walk = (nodes: unknown[], owner: string | undefined, depth: number) => {
		if (depth > 50) throw new OpmlError('outlines nested more than 50 deep');
		for (const raw of nodes) {
			if (raw === null || typeof raw !== 'object') continue;
			const node = raw as Node;
			const type = attr(node, 'type')?.toLowerCase();
			const children = Array.isArray(node.outline) ? node.outline : [];
			const label = nameOf(node);
			if (type === 'researcher') {
				if (!label) {
					out.skipped.push('a researcher outline without text or title');
					continue;
				}
				researcher(label);
				walk(children, label, depth + 1);
				continue;
			}
			if (type === 'bluesky') {
				const target = blueskyTarget(attr(node, 'target')) ?? blueskyFromUrl(attr(node, 'htmlUrl') ?? attr(node, 'url') ?? attr(node, 'xmlUrl'), false);
				const who = owner ?? label;
				if (!target || !who) out.skipped.push(`a Bluesky outline${label ? ` "${label}"` : ''} without a valid handle or DID`);
				else addSource(who, {kind: 'bluesky', target});
				continue;
			}
			if (type === 'homepage') {
				const url = httpUrl(attr(node, 'url') ?? attr(node, 'htmlUrl'));
				const who = owner ?? label ?? (url ? new URL(url).hostname : undefined);
				if (!url || !who) out.skipped.push(`a homepage outline${label ? ` "${label}"` : ''} without an http(s) url`);
				else addSource(who, {kind: 'homepage', target: url});
				continue;
			}
			const rawFeed = attr(node, 'xmlUrl');
			if (rawFeed !== undefined) {
				const url = httpUrl(rawFeed);
				if (!url) {
					out.skipped.push(`feed "${label ?? rawFeed}": not an http(s) URL (${rawFeed})`);
					continue;
				}
				const who = owner ?? label ?? new URL(url).hostname;
				const bluesky = blueskyFromUrl(url, true);
				addSource(who, bluesky ? {kind: 'bluesky', target: bluesky} : {kind: 'feed', target: url});
				continue;
			}
			if (children.length > 0) {
				// A folder or category: its feeds are named by their own titles (or belong to the researcher around it).
				walk(children, owner, depth + 1);
				continue;
			}
			if (label) out.skipped.push(`"${label}": neither a feed nor a researcher`);
		}
	};
	walk(typeof body === 'object' && Array.isArray(body.outline) ? body.outline : [], undefined, 0);
	return out;
}
