/**
 * arXiv API responses (Atom 1.0 with the `arxiv` and `opensearch` extensions) to paper metadata,
 * read from the XML reader's DOM (parse/xml-dom.ts: one parse, strict enough that a truncated
 * response is an error). Elements are matched by namespace, whatever prefix the response binds
 * (`<arxiv:primary_category term="…"/>`, `<arxiv:doi>`, `<arxiv:journal_ref>`). No IO.
 *
 * What the API returns (https://info.arxiv.org/help/api/user-manual.html):
 * - one `<entry>` per paper, `<id>http://arxiv.org/abs/2507.02834v2</id>` (latest version),
 *   `<published>` = first version, `<updated>` = latest version;
 * - for a request it cannot serve (e.g. a malformed id in `id_list`) a feed whose only entry is
 *   `<id>http://arxiv.org/api/errors#incorrect_id_format_for_X</id><title>Error</title>
 *   <summary>incorrect id format for X</summary>`; the whole request fails, not just that id.
 */
import type {Element} from 'domhandler';
import type {PaperMeta} from '../domain/types.js';
import {paperFromUrl} from './paper-ids.js';
import {cleanInline, truncateText} from './sanitize.js';
import {parseTimestamp} from './timestamp.js';
import {childrenNamed, firstChildNamed, localName, namespaceOf, parseXml, rootElement, textOf} from './xml-dom.js';
import {NS} from './xml-namespaces.js';

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

/** Text of the first child `local` in namespace `ns`, or null. */
function childText(el: Element, ns: string, local: string): string | null {
	const child = firstChildNamed(el, ns, local);
	return child === null ? null : textOf(child);
}

function inline(s: string | null, max: number): string | null {
	if (s === null) return null;
	const clean = truncateText(cleanInline(s), max, '…');
	return clean === '' ? null : clean;
}

/** ISO 8601 in UTC; the API writes zones, and a date without one is UTC. */
function isoDate(s: string | null): string | null {
	const ms = s === null ? null : parseTimestamp(s);
	return ms === null ? null : new Date(ms).toISOString();
}

function authorsOf(entry: Element): string[] {
	const out: string[] = [];
	for (const author of childrenNamed(entry, NS.atom, 'author').slice(0, MAX_AUTHORS)) {
		const name = inline(childText(author, NS.atom, 'name'), 300);
		if (name) out.push(name);
	}
	return out;
}

function errorOf(entry: Element): ArxivApiError {
	const message = inline(childText(entry, NS.atom, 'summary'), 300) ?? inline(childText(entry, NS.atom, 'title'), 300) ?? 'error';
	const id = childText(entry, NS.atom, 'id') ?? '';
	const named = /incorrect id format for\s+(\S+)/i.exec(message) ?? /^#?incorrect_id_format_for_(\S+)$/.exec(id.trim().split('#')[1] ?? '');
	return {rawId: named ? named[1]!.replace(/[.,;]+$/, '') : null, message};
}

/** Parses an arXiv API response body. Rejects with ArxivParseError when it is not one. */
export function parseArxivResponse(xml: string): Promise<ArxivResponse> {
	// A promise, as callers have always had: a throw below becomes a rejection.
	return new Promise(resolve => resolve(readArxivResponse(xml)));
}

function readArxivResponse(xml: string): ArxivResponse {
	let feed: Element;
	try {
		feed = rootElement(parseXml(xml.replace(/^\ufeff/, '')));
	} catch (error) {
		const first = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
		throw new ArxivParseError(`not an arXiv API response (${truncateText(cleanInline(first), 120, '…') || 'unreadable XML'})`);
	}
	if (localName(feed) !== 'feed' || namespaceOf(feed) !== NS.atom) throw new ArxivParseError('not an arXiv API response (not an Atom feed)');
	const total = Number(childText(feed, NS.opensearch, 'totalResults')?.trim() || Number.NaN);
	const out: ArxivResponse = {entries: [], errors: [], totalResults: Number.isFinite(total) ? total : null};
	for (const entry of childrenNamed(feed, NS.atom, 'entry')) {
		const idUrl = childText(entry, NS.atom, 'id')?.trim() ?? '';
		if (/^https?:\/\/(?:export\.)?arxiv\.org\/api\/errors/i.test(idUrl)) {
			out.errors.push(errorOf(entry));
			continue;
		}
		const paper = paperFromUrl(idUrl);
		if (!paper?.id.startsWith('arxiv:')) continue;
		const title = inline(childText(entry, NS.atom, 'title'), MAX_TITLE);
		// An entry without a title describes nothing (the API's answer for an id it does not know).
		if (!title || title === 'Error') continue;
		const version = /v(\d+)$/.exec(idUrl);
		out.entries.push({
			id: paper.id,
			title,
			authors: authorsOf(entry),
			abstract: inline(childText(entry, NS.atom, 'summary'), MAX_ABSTRACT),
			category: firstChildNamed(entry, NS.arxiv, 'primary_category')?.attribs['term'] ?? null,
			published: isoDate(childText(entry, NS.atom, 'published')),
			updated: isoDate(childText(entry, NS.atom, 'updated')),
			version: version ? Number(version[1]) : null,
			doi: inline(childText(entry, NS.arxiv, 'doi'), 300)?.toLowerCase() ?? null,
			journalRef: inline(childText(entry, NS.arxiv, 'journal_ref'), 500),
		});
	}
	return out;
}
