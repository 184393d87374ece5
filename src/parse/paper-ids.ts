/**
 * Paper ids: the same paper linked as an arXiv PDF, an abs page, a DOI or written as
 * `arXiv:2507.02834` must become one id, so `papers` can count who mentioned it where.
 * Forms and ids follow ../shared/CONTRACT.md ("Paper ids"). Pure functions: no IO.
 *
 * Ids and canonical URLs:
 *   arxiv:2507.02834, arxiv:hep-th/9901001   https://arxiv.org/abs/<id>   (never a version)
 *   doi:10.1007/978-3-030-32236-6_12        https://doi.org/<doi>        (lower-case)
 *   openreview:<id>                          https://openreview.net/forum?id=<id>
 *   acl:2023.emnlp-main.467, acl:P19-1001    https://aclanthology.org/<id>/
 *   pmlr:v202/li23a                          https://proceedings.mlr.press/v202/li23a.html
 * bioRxiv/medRxiv and nature.com article pages map to their DOIs; Hugging Face paper pages,
 * alphaXiv and ar5iv to the arXiv id; arXiv DOIs (10.48550/arXiv.*) to the arXiv id and ACL
 * Anthology DOIs (10.18653/v1/*) to the acl id, so each paper has one id whichever link was used. Project pages, GitHub, Scholar are not papers.
 */
import {cleanInline, cleanText} from './sanitize.js';

export interface PaperMatch {
	id: string;
	url: string;
}

// ---------------------------------------------------------------- arXiv

/**
 * New style `YYMM.NNNN` (2007–2014) or `YYMM.NNNNN` (2015–), old style `archive(.SC)?/YYMMNNN`,
 * each with an optional version. The lookahead stops `2507.028345` from matching as `2507.02834`.
 */
const ARXIV_ID = /^(?:(\d{4})\.(\d{4,5})|([a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2}(?:-[a-z]{2})?)?\/(\d{7}))(?:v\d+)?(?![\d])/i;

/** The canonical arXiv id at the start of `s` (version and subject class dropped), or null. */
function arxivIdAt(s: string): string | null {
	const m = ARXIV_ID.exec(s);
	if (m === null) return null;
	if (m[1] !== undefined) {
		const yymm = m[1];
		const seq = m[2]!;
		const month = Number(yymm.slice(2));
		if (month < 1 || month > 12) return null;
		// 4-digit sequence numbers until 1412, 5 digits from 1501 on.
		if ((Number(yymm) >= 1501) !== (seq.length === 5)) return null;
		if (Number(yymm) < 704) return null; // new-style ids start in April 2007
		return `${yymm}.${seq}`;
	}
	const num = m[4]!;
	const month = Number(num.slice(2, 4));
	if (month < 1 || month > 12) return null;
	// `math.GT/0309136` is `math/0309136`: the subject class is not part of the identifier.
	return `${m[3]!.toLowerCase()}/${num}`;
}

function arxivPaper(id: string): PaperMatch {
	return {id: `arxiv:${id}`, url: `https://arxiv.org/abs/${id}`};
}

// ---------------------------------------------------------------- DOI

/** A DOI after normalisation: `10.<registrant>/<suffix>`. */
const DOI_SHAPE = /^10\.\d{4,9}\/\S+$/;

/** Trailing characters that end a sentence or a bracket rather than a DOI or URL. */
function trimTrailingPunctuation(s: string): string {
	let out = s;
	for (;;) {
		const before = out;
		out = out.replace(/[.,;:!?'"”’»>]+$/u, '');
		for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
			// A closing bracket stays only when it closes one opened inside (`…(20)30183-5`).
			if (out.endsWith(close) && count(out, open) < count(out, close)) out = out.slice(0, -1);
		}
		if (out === before) return out;
	}
}

function count(s: string, ch: string): number {
	let n = 0;
	for (const c of s) if (c === ch) n++;
	return n;
}

function safeDecode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

/**
 * Whether `s` holds a character `cleanText` would remove or change: a C0 or C1 control (an escape
 * sequence's ESC or BEL), a bidi override, embedding, isolate or mark, a zero-width or other
 * invisible character, a tag character, a lone surrogate. Decoded from a URL's percent-escapes,
 * such a character would otherwise reach the terminal (and the store) inside an id.
 */
function hasHostileText(s: string): boolean {
	return cleanText(s) !== s;
}

/**
 * Normalised (decoded, trimmed, lower-case) DOI, or null when `raw` is not one. A DOI holding a
 * control, bidi or invisible character once decoded (`10.5555/a%1B%5D0;x%07b`) is not one.
 */
export function normalizeDoi(raw: string): string | null {
	let doi = safeDecode(raw).trim();
	doi = doi.replace(/^(?:doi:\s*|https?:\/\/(?:dx\.)?doi\.org\/)/i, '');
	doi = trimTrailingPunctuation(doi).replace(/\/+$/, '');
	if (!DOI_SHAPE.test(doi) || hasHostileText(doi)) return null;
	return doi.toLowerCase();
}

/** arXiv's own DOIs (`10.48550/arXiv.2507.02834`) are arXiv papers. */
const ARXIV_DOI = /^10\.48550\/arxiv\.(.+)$/i;
/** ACL Anthology DOIs are `10.18653/v1/<anthology id>`. */
const ACL_DOI = /^10\.18653\/v1\/(.+)$/i;

function doiPaper(doi: string): PaperMatch | null {
	const arxiv = ARXIV_DOI.exec(doi);
	if (arxiv !== null) {
		const id = arxivIdAt(arxiv[1]!);
		return id === null ? null : arxivPaper(id);
	}
	const acl = ACL_DOI.exec(doi);
	if (acl !== null) {
		const paper = aclPaper(acl[1]!);
		if (paper !== null) return paper;
	}
	// encodeURI leaves `#` and `?` alone; inside a DOI they are data, not URL syntax.
	const path = encodeURI(doi).replace(/[#?]/g, c => encodeURIComponent(c));
	return {id: `doi:${doi}`, url: `https://doi.org/${path}`};
}

/** Paper for a DOI string (`10.1145/…`, `doi:10.1145/…`, `https://doi.org/10.1145/…`), or null. */
export function paperFromDoi(raw: string): PaperMatch | null {
	const doi = normalizeDoi(raw);
	return doi === null ? null : doiPaper(doi);
}

// ---------------------------------------------------------------- hosts

const ACL_ID = /^(\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+|[A-Z]\d{2}-\d{4})(?:v\d+)?(?:\.pdf)?\/?$/i;

function aclPaper(raw: string): PaperMatch | null {
	const m = ACL_ID.exec(raw);
	if (m === null) return null;
	let id = m[1]!;
	// New-style ids are lower-case, old-style ones start with an upper-case letter (P19-1001).
	id = /^\d/.test(id) ? id.toLowerCase() : id.toUpperCase();
	return {id: `acl:${id}`, url: `https://aclanthology.org/${id}/`};
}

/** `/doi/10.…`, `/doi/abs/10.…`, `/doi/pdf/10.…`: ACM, Wiley, Taylor & Francis, SAGE, Science, PNAS (Atypon sites). */
const DOI_PATH = /^\/doi\/(?:(?:abs|full|pdf|epdf|pdfdirect|fullHtml|reader|book)\/)?(10\.\d{4,9}\/.+)$/i;
const SPRINGER_PATH = /^\/(?:chapter|article|book|referenceworkentry|protocol|content\/pdf)\/(10\.\d{4,9}\/.+?)(?:\.pdf)?$/i;
const RXIV_PATH = /^\/content\/(10\.1101\/(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,})(?:v\d+)?(?:[./].*)?$/i;
const NATURE_PATH = /^\/articles\/(s\d{5}-\d{3}-\d{5}-[0-9a-z]|nature\d{4,6}|ncomms\d{4,6})(?:\.pdf)?\/?$/i;
const ARXIV_PATH = /^\/(?:abs|pdf|html|format|ps)\/(.+)$/;
const PMLR_PATH = /^\/(v\d+)\/([a-z0-9_-]+?)(?:\.html|\/\2\.pdf|\.pdf)$/i;

function hostOf(url: URL): string {
	const h = url.hostname.toLowerCase().replace(/\.$/, '');
	return h.startsWith('www.') ? h.slice(4) : h;
}

/**
 * The paper a link points to, or null. Accepts http(s) URLs only (the contract's link forms:
 * any version suffix, http/https, with or without `www.`). A URL with trailing sentence
 * punctuation (`…/abs/2507.02834).`) is accepted, the punctuation ignored.
 */
export function paperFromUrl(url: string): PaperMatch | null {
	let u: URL;
	try {
		u = new URL(trimTrailingPunctuation(url.trim()));
	} catch {
		return null;
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
	const host = hostOf(u);
	const path = safeDecode(u.pathname);

	switch (host) {
		case 'arxiv.org':
		case 'export.arxiv.org':
		case 'alphaxiv.org':
		case 'ar5iv.org':
		case 'ar5iv.labs.arxiv.org': {
			const m = ARXIV_PATH.exec(path) ?? /^\/overview\/(.+)$/.exec(path);
			const id = m === null ? null : arxivIdAt(m[1]!);
			return id === null ? null : arxivPaper(id);
		}
		case 'huggingface.co': {
			const m = /^\/papers\/(\d{4}\.\d{4,5})/.exec(path);
			const id = m === null ? null : arxivIdAt(m[1]!);
			return id === null ? null : arxivPaper(id);
		}
		case 'doi.org':
		case 'dx.doi.org':
			return paperFromDoi(path.slice(1));
		case 'link.springer.com': {
			const m = SPRINGER_PATH.exec(path);
			return m === null ? null : paperFromDoi(m[1]!);
		}
		case 'biorxiv.org':
		case 'medrxiv.org': {
			const m = RXIV_PATH.exec(path);
			return m === null ? null : paperFromDoi(m[1]!);
		}
		case 'nature.com': {
			const m = NATURE_PATH.exec(path);
			return m === null ? null : paperFromDoi(`10.1038/${m[1]!}`);
		}
		case 'openreview.net': {
			if (!/^\/(?:forum|pdf|attachment)\/?$/.test(path)) return null;
			const id = u.searchParams.get('id');
			if (id === null || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
			return {id: `openreview:${id}`, url: `https://openreview.net/forum?id=${id}`};
		}
		case 'aclanthology.org':
			return aclPaper(path.slice(1));
		case 'aclweb.org': {
			// aclweb.org/anthology/P19-1001 and the older aclweb.org/anthology/P/P19/P19-1001.pdf
			const m = /^\/anthology\/(?:[A-Z]\/[A-Z]\d{2}\/)?(.+)$/i.exec(path);
			return m === null ? null : aclPaper(m[1]!);
		}
		case 'proceedings.mlr.press': {
			const m = PMLR_PATH.exec(path);
			if (m === null) return null;
			const id = `${m[1]!.toLowerCase()}/${m[2]!}`;
			return {id: `pmlr:${id}`, url: `https://proceedings.mlr.press/${id}.html`};
		}
	}
	const doiPath = DOI_PATH.exec(path);
	if (doiPath !== null) return paperFromDoi(doiPath[1]!);
	return null;
}

// ---------------------------------------------------------------- plain text

/**
 * Paper mentions in running text, in order: `arXiv:2507.02834` (also `arXiv 2507.02834`),
 * `doi:10.…`, and URLs with or without scheme (`arxiv.org/abs/…`, `https://doi.org/…`).
 * The URL alternative has no `\b` before the scheme so that the whole URL is consumed
 * and an arXiv id inside some other site's URL is not taken for a mention.
 */
const TEXT_MENTION = new RegExp(
	[
		String.raw`\barxiv(?::\s?|\s)((?:\d{4}\.\d{4,5}|[a-z]+(?:-[a-z]+)?(?:\.[a-z]{2}(?:-[a-z]{2})?)?\/\d{7})(?:v\d+)?)`,
		String.raw`\bdoi:\s?(10\.\d{4,9}\/[^\s"<>]+)`,
		// Starts only where a host name can start, with labels of at most 63 characters (as in DNS):
		// otherwise every position of a long word or dotted run is a new start, and a 150 KB
		// token costs minutes (quadratic). Fetched text is hostile; this keeps the scan linear.
		String.raw`(?<![a-z0-9.-])((?:https?:\/\/)?(?:[a-z0-9-]{1,63}\.)+[a-z]{2,}\/[^\s"<>\u3000-\u303f\uff01-\uff0f]*)`,
	].join('|'),
	'giu',
);

/**
 * Text TEXT_MENTION may match: every mention has `arxiv`, `doi:` or a `/`. Most text has none
 * (prose without URLs), and testing for them costs a fraction of the scan, which tries its URL
 * alternative at the start of every word. Without `u`, `i` folds only ASCII letters to ASCII,
 * as the scan's Unicode folding does for these letters.
 */
const MAY_MENTION = /arxiv|doi:/i;

/** Paper ids written in plain text without a link, deduplicated, in order of appearance. */
export function papersInText(text: string): PaperMatch[] {
	if (!text.includes('/') && !MAY_MENTION.test(text)) return [];
	const out: PaperMatch[] = [];
	const seen = new Set<string>();
	for (const m of text.matchAll(TEXT_MENTION)) {
		let paper: PaperMatch | null = null;
		if (m[1] !== undefined) {
			const id = arxivIdAt(m[1]);
			paper = id === null ? null : arxivPaper(id);
		} else if (m[2] !== undefined) {
			paper = paperFromDoi(m[2]);
		} else if (m[3] !== undefined) {
			const raw = trimTrailingPunctuation(m[3]);
			paper = paperFromUrl(/^https?:\/\//i.test(raw) ? raw : `https://${raw}`);
		}
		if (paper !== null && !seen.has(paper.id)) {
			seen.add(paper.id);
			out.push(paper);
		}
	}
	return out;
}

// ---------------------------------------------------------------- titles and dedupe

/**
 * Words of link texts that name the kind of link rather than the paper:
 * `[PDF]`, `arXiv`, `our new preprint`, `OpenReview PDF`, `read the paper here`.
 */
const GENERIC_WORDS = new Set(
	(
		'a an the our my this their new latest full read see view download here link links paper papers ' +
		'preprint preprints pdf arxiv doi html abs abstract article work manuscript publication code project ' +
		'page slides poster video bib bibtex url website openreview acl anthology text camera ready ' +
		'camera-ready version proceedings supplementary supp appendix at on in of is out now available and ' +
		'or more published accepted'
	).split(' '),
);

/**
 * A paper title usable from a link's visible text, or null: URL-like text, ids (`arXiv:…`),
 * single words and texts made only of generic words (`[PDF]`, `our new preprint`) are not titles.
 */
export function paperTitleFromLinkText(text: string): string | null {
	const t = cleanInline(text);
	if (t === '' || !/\s/.test(t)) return null;
	if (/^(?:https?:\/\/)?(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\S*$/i.test(t)) return null;
	if (/^(?:arxiv|doi):\s?\S+$/i.test(t)) return null;
	const words = t.toLowerCase().split(' ').map(w => w.replace(/^[[(]+|[\]).,:;!?]+$/g, ''));
	if (words.every(w => w === '' || GENERIC_WORDS.has(w))) return null;
	return t;
}

function titleOf(x: object): string | null | undefined {
	return 'title' in x && (typeof x.title === 'string' || x.title === null) ? x.title : undefined;
}

/**
 * One entry per id, at the position of its first occurrence. When the first has no title
 * (null or empty) and a later duplicate has one, the result carries the later title
 * (on a copy: the input objects are not modified).
 */
export function dedupePapers<T extends {id: string}>(list: readonly T[]): T[] {
	const byId = new Map<string, T>();
	for (const paper of list) {
		const kept = byId.get(paper.id);
		if (kept === undefined) {
			byId.set(paper.id, paper);
			continue;
		}
		const keptTitle = titleOf(kept);
		const laterTitle = titleOf(paper);
		if (keptTitle !== undefined && !keptTitle && laterTitle) {
			byId.set(paper.id, {...kept, title: laterTitle});
		}
	}
	return [...byId.values()];
}
