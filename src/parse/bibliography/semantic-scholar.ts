/**
 * Semantic Scholar's `POST {s2}/paper/batch?fields=…` (body `{"ids": [...]}`): the request ids for
 * the project's paper ids, and the answer (an array aligned with the request, `null` for an id S2
 * does not know) to paper metadata. Shape and traps: ../shared/reference/paper-sources.md §5 (S2C, S2O).
 * `externalIds` link a preprint and its published version (`ArXiv` + `DOI` on one record).
 * Pure: no IO.
 */
import {
	abstractText,
	arr,
	BibliographyParseError,
	dateFromParts,
	dayDate,
	IdCollector,
	jsonInput,
	MAX_AUTHORS,
	nameText,
	obj,
	str,
	titleText,
	venueText,
} from './common.js';
import type {PaperMetaLike} from './types.js';

/** The fields to ask for (a query parameter, never in the body). */
export const S2_FIELDS = 'title,externalIds,authors,abstract,venue,year,publicationDate,journal,publicationVenue';

/** At most this many ids per request. */
export const S2_BATCH_LIMIT = 500;

export interface S2Request {
	/** The project's paper id (`arxiv:…`, `doi:…`, `acl:…`). */
	paperId: string;
	/** The id as S2 takes it (`ARXIV:…`, `DOI:…`, `ACL:…`). */
	s2Id: string;
}

/** The S2 form of a paper id, or null for kinds S2 cannot be asked by here (openreview, pmlr, …). */
export function s2Id(paperId: string): string | null {
	const colon = paperId.indexOf(':');
	const kind = paperId.slice(0, colon);
	const rest = paperId.slice(colon + 1);
	if (colon === -1 || rest === '' || /\s/.test(rest)) return null;
	switch (kind) {
		case 'arxiv':
			return `ARXIV:${rest}`;
		case 'doi':
			return `DOI:${rest}`;
		case 'acl':
			return `ACL:${rest}`;
		default:
			return null;
	}
}

/** Request entries for `paperIds` (deduplicated; ids S2 cannot be asked by are skipped), in order. */
export function s2BatchIds(paperIds: readonly string[]): S2Request[] {
	const out: S2Request[] = [];
	const seen = new Set<string>();
	for (const paperId of paperIds) {
		const id = s2Id(paperId);
		if (id === null || seen.has(id)) continue;
		seen.add(id);
		out.push({paperId, s2Id: id});
	}
	return out;
}

/** `s2BatchIds` cut into requests of at most 500 ids. */
export function s2Batches(paperIds: readonly string[], limit = S2_BATCH_LIMIT): S2Request[][] {
	const all = s2BatchIds(paperIds);
	const out: S2Request[][] = [];
	for (let i = 0; i < all.length; i += limit) out.push(all.slice(i, i + limit));
	return out;
}

/** The POST body for one batch. */
export function s2BatchBody(batch: readonly S2Request[]): {ids: string[]} {
	return {ids: batch.map(r => r.s2Id)};
}

function metaOf(paper: Record<string, unknown>): PaperMetaLike {
	const ext = obj(paper['externalIds']);
	const ids = new IdCollector();
	if (ext !== null) {
		ids.arxiv(str(ext['ArXiv']));
		ids.doi(str(ext['DOI']));
		ids.acl(str(ext['ACL']));
	}
	const authors: string[] = [];
	for (const a of arr(paper['authors']).slice(0, MAX_AUTHORS)) {
		const name = nameText(obj(a)?.['name']);
		if (name !== null) authors.push(name);
	}
	const date = dayDate(paper['publicationDate']) ?? dateFromParts(paper['year']);
	return {
		title: titleText(paper['title']),
		authors,
		abstract: abstractText(paper['abstract']),
		venue: venueText(paper['venue']) ?? venueText(obj(paper['journal'])?.['name']) ?? venueText(obj(paper['publicationVenue'])?.['name']),
		date: date?.date ?? null,
		precision: date?.precision ?? null,
		ids: ids.ids(),
	};
}

export interface S2Answer {
	/** The project's paper id the request entry was for (or the id as given, when a plain string). */
	id: string;
	/** null: S2 does not know the paper (not an error; ask again later). */
	meta: PaperMetaLike | null;
}

/**
 * A `/paper/batch` answer, paired with the request (s2BatchIds entries, or the ids as sent) by
 * position. Throws BibliographyParseError when the body is not an array of the request's length
 * (an error object such as the 429 body, HTML).
 */
export function parseS2Batch(json: unknown, requested: ReadonlyArray<S2Request | string>): S2Answer[] {
	const body = jsonInput(json, 'a Semantic Scholar batch answer');
	if (!Array.isArray(body)) {
		const message = str(obj(body)?.['message']) ?? str(obj(body)?.['error']);
		throw new BibliographyParseError(`not a Semantic Scholar batch answer${message === null ? '' : ` (${message.slice(0, 120)})`}`);
	}
	if (body.length !== requested.length) {
		throw new BibliographyParseError(`Semantic Scholar answered ${body.length} entries for ${requested.length} ids`);
	}
	return requested.map((r, i) => {
		const paper = obj(body[i]);
		return {id: typeof r === 'string' ? r : r.paperId, meta: paper === null ? null : metaOf(paper)};
	});
}

/** One line for a Semantic Scholar error answer (429 names the `semanticscholar.apiKey` setting when no key was sent). */
export function s2ErrorMessage(status: number, keyed: boolean): string {
	if (status === 429) {
		return keyed
			? 'Semantic Scholar rate limit exceeded for this API key: slow down, try again later'
			: 'Semantic Scholar rate limit exceeded (shared keyless pool): try again later, or set semanticscholar.apiKey';
	}
	if (status === 403 || status === 401) return keyed ? 'Semantic Scholar rejected the API key in semanticscholar.apiKey' : `Semantic Scholar refused the request (HTTP ${status})`;
	if (status === 400) return 'Semantic Scholar rejected the request (HTTP 400)';
	return status >= 500 ? `Semantic Scholar server error HTTP ${status}` : `Semantic Scholar answered HTTP ${status}`;
}
