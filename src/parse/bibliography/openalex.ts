/**
 * OpenAlex: works of authors (`GET {openalex}/works?filter=authorships.author.id:A1|A2,…&cursor=…`)
 * to works, author search (`GET {openalex}/authors?search=…`) to `find` candidates, and error
 * answers to one line. Shapes and traps: ../shared/reference/paper-sources.md §3 (OAPI, ODOC).
 *
 * - Ids: the work's `doi` (URL form; an arXiv DOI is the arXiv id) and `ids.doi`, plus the arXiv,
 *   ACL Anthology and OpenReview ids of its locations' landing pages and PDFs (OpenAlex has no arXiv
 *   id field; an arXiv copy is a location). Other DOIs of locations are not taken: a location can be
 *   a repository copy with a DOI of its own.
 * - The abstract is rebuilt from `abstract_inverted_index` (word → positions).
 * - Date: `publication_date` (day precision), else `publication_year` (year).
 * - Venue: `primary_location.source.display_name` ("arXiv (Cornell University)" is `arXiv`).
 * - Since 2026-02-13 OpenAlex wants an API key; keyless budgets are tiny. 403 = "slow down" (rate),
 *   429 = daily budget spent.
 * Pure: no IO.
 */
import {
	abstractText,
	arr,
	BibliographyParseError,
	count,
	dateFromParts,
	dayDate,
	IdCollector,
	inline,
	jsonInput,
	linkOf,
	MAX_ABSTRACT,
	MAX_AUTHORS,
	MAX_WORKS,
	nameText,
	obj,
	str,
	titleText,
	venueText,
} from './common.js';
import type {Json} from './common.js';
import {openAlexAuthorId} from './ids.js';
import type {AuthorCandidate, BibWork} from './types.js';

export type OpenAlexWork = BibWork & {
	/** OpenAlex author ids (`A…`) of the authorships, in author order. */
	authorIds: string[];
};

export interface OpenAlexWorksPage {
	works: OpenAlexWork[];
	/** `meta.next_cursor`: null when there is no further page. */
	nextCursor: string | null;
	/** `meta.count`: how many works match the filter in all. */
	count: number;
}

/** The envelope `{meta, results}` of an OpenAlex list answer, else BibliographyParseError. */
function listAnswer(json: unknown, what: string): {meta: Json | null; results: unknown[]} {
	const body = obj(jsonInput(json, what));
	if (body === null || !Array.isArray(body['results'])) {
		const message = str(body?.['message']) ?? str(body?.['error']);
		throw new BibliographyParseError(`not ${what}${message === null ? '' : ` (${message.slice(0, 120)})`}`);
	}
	return {meta: obj(body['meta']), results: body['results'] as unknown[]};
}

/** Positions beyond this are not a real abstract's. */
const MAX_ABSTRACT_WORDS = 5000;

/** The abstract from an inverted index `{"word": [positions]}` (also the `{"InvertedIndex": …}` form). */
export function abstractFromInvertedIndex(index: unknown): string | null {
	let words = obj(index);
	if (words === null) return null;
	const nested = obj(words['InvertedIndex']);
	if (nested !== null) words = nested;
	const slots: string[] = [];
	let budget = MAX_ABSTRACT_WORDS * 4;
	for (const [word, positions] of Object.entries(words)) {
		for (const p of arr(positions)) {
			if (--budget < 0) break;
			if (typeof p === 'number' && Number.isInteger(p) && p >= 0 && p < MAX_ABSTRACT_WORDS) slots[p] = word;
		}
	}
	let text = '';
	for (const word of slots) if (word !== undefined) text += (text === '' ? '' : ' ') + word;
	return text.length > MAX_ABSTRACT * 2 ? abstractText(text.slice(0, MAX_ABSTRACT * 2)) : abstractText(text);
}

/** `https://openalex.org/W2741809807` → `W2741809807`. */
function workId(raw: unknown): string | null {
	const m = /(?:^|\/)([Ww]\d{1,15})\/?$/.exec(str(raw)?.trim() ?? '');
	return m === null ? null : `W${m[1]!.slice(1)}`;
}

const OTHER_HOSTS = (id: string): boolean => id.startsWith('arxiv:') || id.startsWith('acl:') || id.startsWith('openreview:');

function workOf(raw: Json, index: number): OpenAlexWork | null {
	const title = titleText(raw['title']) ?? titleText(raw['display_name']);
	if (title === null) return null;
	const ids = new IdCollector();
	ids.doi(raw['doi']);
	ids.doi(obj(raw['ids'])?.['doi']);
	const primary = obj(raw['primary_location']);
	for (const loc of [primary, ...arr(raw['locations']).map(obj), obj(raw['best_oa_location'])]) {
		if (loc === null) continue;
		ids.url(loc['landing_page_url'], OTHER_HOSTS);
		ids.url(loc['pdf_url'], OTHER_HOSTS);
	}
	const authors: string[] = [];
	const authorIds: string[] = [];
	for (const a of arr(raw['authorships']).slice(0, MAX_AUTHORS)) {
		const authorship = obj(a);
		const author = obj(authorship?.['author']);
		const name = nameText(author?.['display_name']) ?? nameText(authorship?.['raw_author_name']);
		if (name !== null) authors.push(name);
		const id = str(author?.['id']);
		const aid = id === null ? null : openAlexAuthorId(id);
		if (aid !== null && !authorIds.includes(aid)) authorIds.push(aid);
	}
	const date = dayDate(raw['publication_date']) ?? dateFromParts(raw['publication_year']);
	const key = workId(raw['id']);
	return {
		ids: ids.ids(),
		title,
		authors,
		venue: venueText(obj(primary?.['source'])?.['display_name']),
		date: date?.date ?? null,
		precision: date?.precision ?? null,
		url: ids.url0() ?? linkOf(primary?.['landing_page_url']) ?? (key === null ? null : `https://openalex.org/${key}`),
		abstract: abstractFromInvertedIndex(raw['abstract_inverted_index']),
		sourceKey: key ?? `openalex-work-${index}`,
		authorIds,
	};
}

/** One page of an OpenAlex `/works` answer. Throws BibliographyParseError when the body is not one. */
export function parseOpenAlexWorks(json: unknown): OpenAlexWorksPage {
	const {meta, results} = listAnswer(json, 'an OpenAlex works answer');
	const works: OpenAlexWork[] = [];
	results.slice(0, MAX_WORKS).forEach((r, i) => {
		const raw = obj(r);
		const work = raw === null ? null : workOf(raw, i);
		if (work !== null) works.push(work);
	});
	const cursor = str(meta?.['next_cursor']);
	return {works, nextCursor: cursor === null || cursor === '' ? null : cursor.slice(0, 2000), count: count(meta?.['count']) ?? works.length};
}

/** `find` candidates from an OpenAlex `/authors?search=` answer, in OpenAlex's order (best first). */
export function parseOpenAlexAuthors(json: unknown): AuthorCandidate[] {
	const {results} = listAnswer(json, 'an OpenAlex authors answer');
	const out: AuthorCandidate[] = [];
	for (const r of results.slice(0, 1000)) {
		const author = obj(r);
		const id = str(author?.['id']);
		const aid = id === null ? null : openAlexAuthorId(id);
		if (author === null || aid === null) continue;
		const institution = obj(arr(author['last_known_institutions'])[0]) ?? obj(author['last_known_institution']);
		out.push({
			service: 'openalex',
			name: nameText(author['display_name']) ?? aid,
			affiliation: inline(institution?.['display_name'], 500),
			papers: count(author['works_count']),
			latest: [],
			add: ['--openalex', aid],
		});
	}
	return out;
}

function serverMessage(body: unknown): string | null {
	let parsed: unknown = body;
	if (typeof body === 'string') {
		try {
			parsed = JSON.parse(body) as unknown;
		} catch {
			return null; // HTML or text: nothing worth repeating
		}
	}
	const o = obj(parsed);
	const message = str(o?.['message']) ?? str(o?.['error']);
	return message === null ? null : inline(message, 200);
}

const KEY_HINT = 'OpenAlex allows almost no use without an API key since 2026-02: set openalex.apiKey (a free key at openalex.org)';

/**
 * One line for an OpenAlex error answer: 403 is the rate limit ("slow down"), 429 the daily budget;
 * without a key (`keyed` false) the line names the `openalex.apiKey` setting.
 */
export function parseOpenAlexError(status: number, body: unknown, keyed: boolean): string {
	const message = serverMessage(body);
	const detail = message === null ? '' : ` (${message})`;
	switch (status) {
		case 429:
			return keyed
				? `OpenAlex daily limit exceeded for this API key${detail}; try again tomorrow`
				: `OpenAlex daily limit exceeded${detail}: ${KEY_HINT}`;
		case 403:
			if (keyed && message !== null && /\bkey\b/i.test(message)) return `OpenAlex refused the API key in openalex.apiKey${detail}`;
			return keyed ? `OpenAlex rate limit exceeded${detail}: slow down, try again in a moment` : `OpenAlex rate limit exceeded${detail}: ${KEY_HINT}`;
		case 401:
			return keyed ? `OpenAlex rejected the API key in openalex.apiKey${detail}` : `OpenAlex requires an API key${detail}: ${KEY_HINT}`;
		case 400:
			return `OpenAlex rejected the request${detail || ' (HTTP 400)'}`;
		case 404:
			return `OpenAlex has no such record${detail}`;
		default:
			return status >= 500 ? `OpenAlex server error HTTP ${status}${detail}` : `OpenAlex answered HTTP ${status}${detail}`;
	}
}
