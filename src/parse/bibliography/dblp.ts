/**
 * dblp: a person's record list (`GET {dblp}/pid/{pid}.xml`) to works, and the author search
 * (`GET {dblp}/search/author/api?q=…&format=json`) to `find` candidates. Shapes and traps:
 * ../shared/reference/paper-sources.md §1 (ORW, ORPY, TP2, DFAQ, LEY).
 *
 * - Every record is `<r><TYPE key=… mdate=…>…</TYPE></r>`; `www` records (home pages) are not works,
 *   nor are records the person only edited (proceedings volumes, edited books).
 * - Ids come from every `<ee>` through parse/paper-ids.ts: a CoRR record's arXiv abs URL or
 *   `10.48550/arXiv.` DOI is its arXiv id (its `<volume>abs/NNNN.NNNNN</volume>` when no `ee` says
 *   so), a DOI is the DOI, an ACL record's `10.18653/v1/…` DOI and anthology URL are its `acl:` id
 *   (the DOI kept as a last `doi:` id), an ICLR record's OpenReview forum its `openreview:` id.
 * - dblp dates are a year (CoRR adds a month name): year or month precision, never a day.
 * - Titles end with "." (dropped) and carry `<i>`/`<sub>` markup (read as text); non-ASCII arrives
 *   as character references (decoded), and named Latin-1 entities are decoded too.
 * - CoRR/arXiv venues are `arXiv`.
 * Pure: no IO.
 */
import {MONTHS} from '../months.js';
import {XmlSyntaxError, XmlTooComplexError} from '../xml-dom.js';
import {
	arr,
	BibliographyParseError,
	count,
	dateFromParts,
	decodeEntities,
	IdCollector,
	inline,
	jsonInput,
	linkOf,
	MAX_AUTHORS,
	MAX_TITLE,
	MAX_WORKS,
	nameText,
	obj,
	reasonOf,
	str,
	venueText,
} from './common.js';
import type {AuthorCandidate, BibWork} from './types.js';
import {childElement, childElements, childText, leanText, parseLeanXml} from './xml-lean.js';
import type {LeanElement} from './xml-lean.js';
import {dblpPid} from './ids.js';

export interface DblpPerson {
	/** The person's name without dblp's homonym number. */
	name: string;
	pid: string;
	/** The current affiliation (a note without a `label` such as "former"), else the first one. */
	affiliation: string | null;
	/** In dblp's order (its pages list the newest first); at most 10 000. */
	works: BibWork[];
	/** A disambiguation bin: papers of several people who share the name, not one person. */
	disambiguation: boolean;
	/** dblp's record count (`n`), when given. */
	records: number | null;
	/** More than 10 000 works: the rest were left out. */
	truncated: boolean;
}

/** "Wei Liu 0032" → "Wei Liu": dblp numbers homonyms with four digits (never derive a pid from it). */
export function stripHomonym(name: string): string {
	return name.replace(/\s+\d{4}$/, '');
}

function personName(raw: string | null | undefined): string | null {
	if (raw === null || raw === undefined) return null;
	const name = nameText(raw);
	return name === null ? null : stripHomonym(name) || null;
}

/** dblp titles end with a period (not "?" or "!"); an ellipsis stays. */
function dblpTitle(raw: string): string | null {
	const title = inline(decodeEntities(raw), MAX_TITLE);
	if (title === null) return null;
	return /[^.]\.$/.test(title) ? title.slice(0, -1).trimEnd() || null : title;
}

function monthNumber(raw: string | null): number | null {
	const word = raw?.trim().toLowerCase().split(/[^a-z\u00e0-\u00ff]+/)[0];
	return word ? (MONTHS.get(word) ?? null) : null;
}

const WORK_TYPES = new Set(['article', 'inproceedings', 'proceedings', 'incollection', 'book', 'phdthesis', 'mastersthesis', 'data']);

function workOf(record: LeanElement, pid: string, index: number): BibWork | null {
	if (!WORK_TYPES.has(record.local)) return null;
	const authors = childElements(record, 'author');
	// Proceedings volumes and edited books list editors only: not the person's papers.
	if (authors.length === 0) return null;
	const editors = childElements(record, 'editor');
	const authoredByPid = authors.some(a => a.attrs['pid'] === pid);
	if (!authoredByPid && authors.some(a => a.attrs['pid'] !== undefined) && editors.some(e => e.attrs['pid'] === pid)) return null;

	const titleEl = childElement(record, 'title');
	const title = titleEl === null ? null : dblpTitle(leanText(titleEl));
	if (title === null) return null;

	const journal = childText(record, 'journal');
	const isCorr = journal !== null && /^\s*corr\s*$/i.test(journal);
	const ids = new IdCollector();
	const links: string[] = [];
	for (const ee of childElements(record, 'ee')) {
		const text = leanText(ee).trim();
		ids.url(text);
		const link = linkOf(text);
		if (link !== null) links.push(link);
	}
	if (isCorr) {
		const volume = /^\s*abs\/(.+?)\s*$/.exec(childText(record, 'volume') ?? '');
		if (volume !== null) ids.arxiv(volume[1]);
	}

	const date = dateFromParts(childText(record, 'year')?.trim(), monthNumber(childText(record, 'month')));
	const key = inline(record.attrs['key'], 500);
	const venue = venueText(journal ?? childText(record, 'booktitle') ?? (record.local.endsWith('thesis') ? childText(record, 'school') : null));
	const names: string[] = [];
	for (const author of authors.slice(0, MAX_AUTHORS)) {
		const name = personName(leanText(author));
		if (name !== null) names.push(name);
	}
	return {
		ids: ids.ids(),
		title,
		authors: names,
		venue,
		date: date?.date ?? null,
		precision: date?.precision ?? null,
		url: ids.url0() ?? links[0] ?? (key === null ? null : `https://dblp.org/rec/${encodeURI(key)}.html`),
		abstract: null,
		sourceKey: key ?? `dblp-record-${index}`,
	};
}

/**
 * A dblp person XML answer. Throws BibliographyParseError (one line) for anything else: an HTML
 * error page, another XML document, a truncated download.
 */
export function parseDblpPerson(xml: string): DblpPerson {
	let person: LeanElement | null = null;
	const records: LeanElement[] = [];
	const works: BibWork[] = [];
	let truncated = false;
	let index = 0;
	let pid = '';
	let root: LeanElement;
	// Records are read as they close, so a long list costs one record's tree at a time; the person
	// comes first in dblp's answers, but a record before it waits until the pid is known.
	const onRootChild = (el: LeanElement): void => {
		if (el.local === 'person') person ??= el;
		else if (el.local === 'r') {
			if (pid === '') records.push(el);
			else addRecord(el);
		}
	};
	const addRecord = (r: LeanElement): void => {
		if (truncated) return;
		const record = r.children.find((c): c is LeanElement => typeof c !== 'string');
		if (record === undefined) return;
		const work = workOf(record, pid, index++);
		if (work === null) return;
		if (works.length >= MAX_WORKS) truncated = true;
		else works.push(work);
	};
	try {
		// The co-author list and the homonym list repeat names only: not kept.
		root = parseLeanXml(xml.replace(/^\ufeff/, ''), {
			skip: (name, attrs, depth) => {
				if (depth === 0) {
					if (name !== 'dblpperson') throw new BibliographyParseError(`not a dblp person XML (root element <${inline(name, 40) ?? '?'}>)`);
					pid = inline(attrs['pid'], 100) ?? '';
				}
				return depth === 1 && (name === 'coauthors' || name === 'homonyms');
			},
			onRootChild,
		});
	} catch (error) {
		if (error instanceof XmlSyntaxError || error instanceof XmlTooComplexError) throw new BibliographyParseError(`not a dblp person XML (${reasonOf(error)})`);
		throw error;
	}
	// Assigned in onRootChild, which TypeScript's flow analysis does not see.
	const who = person as LeanElement | null;
	if (pid === '') pid = inline(who === null ? null : childElement(who, 'author')?.attrs['pid'], 100) ?? '';
	for (const r of records) addRecord(r);
	const name = personName(root.attrs['name']) ?? (who === null ? null : personName(childText(who, 'author'))) ?? pid;

	let affiliation: string | null = null;
	if (who !== null) {
		const notes = childElements(who, 'note').filter(n => n.attrs['type'] === 'affiliation');
		const current = notes.find(n => n.attrs['label'] === undefined) ?? notes[0];
		affiliation = current === undefined ? null : inline(decodeEntities(leanText(current)), 500);
	}
	return {
		name,
		pid,
		affiliation,
		works,
		disambiguation: who?.attrs['publtype'] === 'disambiguation' || root.attrs['publtype'] === 'disambiguation',
		records: count(root.attrs['n']),
		truncated,
	};
}

/** Newest first by date (undated last), order kept among equals. */
function newestFirst(works: readonly BibWork[]): BibWork[] {
	return works
		.map((work, i) => ({work, i, t: work.date === null ? Number.NEGATIVE_INFINITY : Date.parse(work.date)}))
		.sort((a, b) => b.t - a.t || a.i - b.i)
		.map(x => x.work);
}

/** A `find` candidate from a fetched person XML: paper count and the titles of the newest works. */
export function candidateFromPerson(person: DblpPerson, latest = 3): AuthorCandidate {
	return {
		service: 'dblp',
		name: person.name,
		affiliation: person.affiliation,
		papers: person.truncated ? Math.max(person.records ?? 0, person.works.length) : person.works.length,
		latest: newestFirst(person.works)
			.slice(0, Math.max(0, latest))
			.map(w => w.title),
		add: ['--dblp', person.pid],
		disambiguation: person.disambiguation,
	};
}

export interface DblpAuthorSearch {
	/** dblp's total hit count (`@total`). */
	total: number;
	/** One per hit with a person URL, in dblp's order. No paper counts or titles: see candidateFromPerson. */
	candidates: AuthorCandidate[];
}

/**
 * dblp's author search answer (`format=json`). The JSON is converted from XML, so a list of one
 * (`hit`, `note`, `alias`) may arrive as the object itself, and counts arrive as strings.
 * Throws BibliographyParseError when the body is not such an answer.
 */
export function parseDblpAuthorSearch(json: unknown): DblpAuthorSearch {
	const result = obj(obj(jsonInput(json, 'a dblp author search answer'))?.['result']);
	if (result === null) throw new BibliographyParseError('not a dblp author search answer (no "result")');
	const hits = obj(result['hits']);
	const candidates: AuthorCandidate[] = [];
	const seen = new Set<string>();
	for (const hit of arr(hits?.['hit']).slice(0, 1000)) {
		const info = obj(obj(hit)?.['info']);
		if (info === null) continue;
		const url = str(info['url']);
		const pid = url === null ? null : dblpPid(url);
		if (pid === null || seen.has(pid)) continue;
		const name = personName(str(info['author'])) ?? pid;
		const notes = arr(obj(info['notes'])?.['note']).map(n => (typeof n === 'string' ? {type: null, text: n} : {type: str(obj(n)?.['@type']), text: str(obj(n)?.['text'])}));
		const affiliation = notes.find(n => n.type === 'affiliation')?.text ?? null;
		seen.add(pid);
		candidates.push({
			service: 'dblp',
			name,
			affiliation: affiliation === null ? null : inline(decodeEntities(affiliation), 500),
			papers: null,
			latest: [],
			add: ['--dblp', pid],
			// dblp marks a disambiguation page in its notes [U: not seen in a verified answer].
			disambiguation: notes.some(n => n.type === 'disambiguation'),
		});
	}
	return {total: count(hits?.['@total']) ?? candidates.length, candidates};
}
