/**
 * Crossref `GET {crossref}/works/{DOI}` to paper metadata. Shape and traps:
 * ../shared/reference/paper-sources.md §6 (HAB).
 *
 * - `{"status":"ok","message-type":"work","message":{…}}`; `title` and `container-title` are
 *   arrays (publishers' inline markup removed), `author` entries have `given`+`family` or `name`.
 * - Dates are `{"date-parts": [[y, m, d]]}` with 1–3 parts, or `[[null]]` (no date): `issued` first,
 *   then `published`, `published-online`, `published-print`, `posted`.
 * - `relation.has-preprint` / `is-preprint-of` DOIs (an arXiv DOI is the arXiv id) link the
 *   preprint and its published version: they join `ids`.
 * - An unknown DOI is `404 text/plain` "Resource not found." (not JSON): see isCrossrefNotFound.
 * Pure: no IO.
 */
import {abstractText, arr, BibliographyParseError, dateFromParts, IdCollector, jsonInput, MAX_AUTHORS, nameText, obj, str, titleText, venueText} from './common.js';
import type {Json, WorkDate} from './common.js';
import type {PaperMetaLike} from './types.js';

function first(x: unknown): unknown {
	return arr(x)[0];
}

function dateOf(message: Json): WorkDate | null {
	for (const key of ['issued', 'published', 'published-online', 'published-print', 'posted']) {
		const parts = arr(first(obj(message[key])?.['date-parts']));
		const date = dateFromParts(parts[0], parts[1], parts[2]);
		if (date !== null) return date;
	}
	return null;
}

function authorName(a: unknown): string | null {
	const author = obj(a);
	if (author === null) return null;
	const given = str(author['given'])?.trim() ?? '';
	const family = str(author['family'])?.trim() ?? '';
	const full = [given, family].filter(Boolean).join(' ');
	return nameText(full === '' ? author['name'] : full);
}

const RELATIONS = ['has-preprint', 'is-preprint-of'];

function titleOf(message: Json): string | null {
	const title = titleText(first(message['title']));
	const subtitle = titleText(first(message['subtitle']));
	if (title === null || subtitle === null || title.toLowerCase().includes(subtitle.toLowerCase())) return title;
	return titleText(`${title}${/[:?!.]$/.test(title) ? '' : ':'} ${subtitle}`);
}

/**
 * A Crossref work answer (parsed JSON or its text) to paper metadata. Throws
 * BibliographyParseError when the body is not a work answer (a list answer, an error, HTML).
 */
export function parseCrossrefWork(json: unknown): PaperMetaLike {
	const body = obj(jsonInput(json, 'a Crossref work answer'));
	const message = obj(body?.['message']);
	if (body === null || message === null || (body['message-type'] !== undefined && body['message-type'] !== 'work')) {
		const type = str(body?.['message-type']);
		throw new BibliographyParseError(`not a Crossref work answer${type === null ? '' : ` (message-type ${type.slice(0, 40)})`}`);
	}
	const ids = new IdCollector();
	ids.doi(message['DOI']);
	const relation = obj(message['relation']);
	for (const kind of RELATIONS) {
		for (const r of arr(relation?.[kind])) {
			const rel = obj(r);
			const type = str(rel?.['id-type'])?.toLowerCase();
			if (type === 'doi') ids.doi(rel?.['id']);
			else if (type === 'arxiv') ids.arxiv(rel?.['id']);
		}
	}
	const authors: string[] = [];
	for (const a of arr(message['author']).slice(0, MAX_AUTHORS)) {
		const name = authorName(a);
		if (name !== null) authors.push(name);
	}
	const date = dateOf(message);
	const venue = venueText(first(message['container-title'])) ?? venueText(obj(first(message['institution']))?.['name']);
	return {
		title: titleOf(message),
		authors,
		abstract: abstractText(message['abstract']),
		venue,
		date: date?.date ?? null,
		precision: date?.precision ?? null,
		ids: ids.ids(),
	};
}

/** Crossref's answer for a DOI it does not know: 404 with the text "Resource not found." (not JSON). */
export function isCrossrefNotFound(status: number, contentType: string | null | undefined, body: string): boolean {
	if (status !== 404) return false;
	return /^text\/plain\b/i.test(contentType?.trim() ?? '') || /^\s*resource not found\.?\s*$/i.test(body.slice(0, 200));
}
