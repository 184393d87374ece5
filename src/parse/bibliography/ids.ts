/**
 * What users type after `--dblp`, `--orcid`, `--openalex` and `--arxiv-author` (a bare id or any URL
 * form the services use), read into the one id each adapter requests, plus the bibliography links
 * a homepage holds (for `add` suggestions). Forms: ../shared/reference/paper-sources.md §1–4.
 * Pure: no IO.
 */

/** A URL with or without scheme: `https://dblp.org/pid/…`, `dblp.org/pid/…`. */
function asUrl(input: string): URL | null {
	const s = input.trim();
	if (s === '' || /\s/.test(s)) return null;
	const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : /^[a-z0-9-]+(?:\.[a-z0-9-]+)+\//i.test(s) ? `https://${s}` : null;
	if (withScheme === null) return null;
	try {
		const url = new URL(withScheme);
		return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
	} catch {
		return null;
	}
}

function hostOf(url: URL): string {
	return url.hostname.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

function decode(s: string): string {
	try {
		return decodeURIComponent(s);
	} catch {
		return s;
	}
}

// ---------------------------------------------------------------- dblp

/**
 * dblp person ids: numeric `95/7448`, with a homonym suffix `95/7448-1`, or letter/name
 * `m/AndrewMcCallum`, `h/GeoffreyEHinton` (also with a suffix).
 */
const DBLP_PID = /^(?:\d{1,6}\/\d{1,8}|[a-z]\/[A-Za-z][A-Za-z0-9]*)(?:-\d{1,4})?$/;
const DBLP_HOSTS = new Set(['dblp.org', 'dblp.uni-trier.de', 'dblp1.uni-trier.de', 'dblp2.uni-trier.de', 'dblp.dagstuhl.de']);

/**
 * The dblp pid in a bare pid or a person URL (`https://dblp.org/pid/95/7448-1`, `.html`, `.xml`, the
 * `dblp.uni-trier.de` mirrors), or null. Old-style `/pers/hd/l/Liu:Wei` pages name no pid.
 */
export function dblpPid(input: string): string | null {
	const s = input.trim();
	if (DBLP_PID.test(s)) return s;
	const url = asUrl(s);
	if (url === null || !DBLP_HOSTS.has(hostOf(url))) return null;
	const m = /^\/pid\/(.+?)(?:\.(?:html|xml|bib|rss|ris|nt|rdf|ttl))?\/?$/.exec(decode(url.pathname));
	return m !== null && DBLP_PID.test(m[1]!) ? m[1]! : null;
}

// ---------------------------------------------------------------- ORCID

const ORCID_SHAPE = /^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dXx])$/;

/** The ISO 7064 MOD 11-2 check character over the first 15 digits. */
export function orcidCheckCharacter(digits15: string): string {
	let total = 0;
	for (const d of digits15) total = (total + Number(d)) * 2;
	const r = (12 - (total % 11)) % 11;
	return r === 10 ? 'X' : String(r);
}

/** `0000-0002-1825-0097` from a bare iD (with or without hyphens) or an orcid.org URL; null when not an iD. */
function orcidCandidate(input: string): {id: string; digits: string} | null {
	let s = input.trim().replace(/^orcid:\s*/i, '');
	const url = asUrl(s);
	if (url !== null) {
		if (hostOf(url) !== 'orcid.org' && hostOf(url) !== 'sandbox.orcid.org') return null;
		s = decode(url.pathname).replace(/^\/+|\/+$/g, '');
	}
	const m = ORCID_SHAPE.exec(s);
	if (m === null) return null;
	const digits = `${m[1]!}${m[2]!}${m[3]!}${m[4]!.toUpperCase()}`;
	return {id: `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12)}`, digits};
}

/** The ORCID iD (`0000-0002-1825-0097`) in a bare iD or orcid.org URL whose check character matches, else null. */
export function orcidId(input: string): string | null {
	const c = orcidCandidate(input);
	return c !== null && orcidCheckCharacter(c.digits.slice(0, 15)) === c.digits[15] ? c.id : null;
}

/** Why `input` is not an ORCID iD (one line), or null when it is one. */
export function orcidProblem(input: string): string | null {
	const c = orcidCandidate(input);
	if (c === null) return 'not an ORCID iD (16 digits like 0000-0002-1825-0097, or https://orcid.org/0000-0002-1825-0097)';
	const want = orcidCheckCharacter(c.digits.slice(0, 15));
	if (want !== c.digits[15]) return `checksum does not match: ${c.id} would end in ${want}`;
	return null;
}

// ---------------------------------------------------------------- OpenAlex

const OPENALEX_AUTHOR = /^[Aa](\d{3,15})$/;

/**
 * The OpenAlex author id (`A5023888391`) in `A…`/`a…`, `https://openalex.org/A…`,
 * `https://openalex.org/authors/A…` or an api.openalex.org URL; null otherwise.
 */
export function openAlexAuthorId(input: string): string | null {
	const s = input.trim();
	const bare = OPENALEX_AUTHOR.exec(s);
	if (bare !== null) return `A${bare[1]!}`;
	const url = asUrl(s);
	if (url === null) return null;
	const host = hostOf(url);
	if (host !== 'openalex.org' && host !== 'api.openalex.org') return null;
	const m = /^\/(?:(?:authors|people)\/)?([Aa]\d{3,15})\/?$/.exec(decode(url.pathname));
	return m === null ? null : `A${m[1]!.slice(1)}`;
}

// ---------------------------------------------------------------- arXiv author listings

/** arXiv author ids: last name in a–z, `_`, first initial, `_`, a sequence number (`warner_s_1`). */
const ARXIV_AUTHOR = /^[a-z]+_[a-z]_\d{1,4}$/;

/**
 * The id of an arXiv author listing: an author id (`warner_s_1`), a listing URL
 * (`https://arxiv.org/a/warner_s_1`, `.html`, `.atom`, `.atom2`, `.json`), or an ORCID iD in any
 * form, bare or inside the listing URL (`arxiv.org/a/0000-0002-7970-7855.atom2`) → the iD.
 */
export function arxivAuthorId(input: string): string | null {
	const s = input.trim();
	if (ARXIV_AUTHOR.test(s)) return s;
	const url = asUrl(s);
	if (url !== null && /^(?:export\.)?arxiv\.org$/.test(hostOf(url))) {
		// The help page also shows `arxiv.org/a/http://orcid.org/…` (the rest of the path is a URL).
		const m = /^\/a\/(.+?)(?:\.(?:html|atom2?|json))?\/?$/.exec(decode(url.pathname));
		if (m === null) return null;
		const rest = m[1]!;
		if (ARXIV_AUTHOR.test(rest)) return rest;
		return orcidId(rest.replace(/^(https?:)\/(?!\/)/i, '$1//'));
	}
	return orcidId(s);
}

// ---------------------------------------------------------------- homepage links

export interface BibliographyLinks {
	dblp: string[];
	orcid: string[];
	openalex: string[];
	arxivAuthor: string[];
}

/**
 * The bibliography sources a page links to, for `add` suggestions: dblp person pages, ORCID
 * profiles, OpenAlex author pages and arXiv author listings. Only links count (bare ids in text do
 * not); each list is deduplicated, in link order.
 */
export function bibliographyLinks(urls: readonly string[]): BibliographyLinks {
	const out: BibliographyLinks = {dblp: [], orcid: [], openalex: [], arxivAuthor: []};
	const add = (list: string[], id: string | null): void => {
		if (id !== null && !list.includes(id)) list.push(id);
	};
	for (const raw of urls) {
		if (typeof raw !== 'string' || raw.length > 2000) continue;
		const url = asUrl(raw);
		if (url === null) continue;
		const host = hostOf(url);
		if (DBLP_HOSTS.has(host)) add(out.dblp, dblpPid(raw));
		else if (host === 'orcid.org') add(out.orcid, orcidId(raw));
		else if (host === 'openalex.org' || host === 'api.openalex.org') add(out.openalex, openAlexAuthorId(raw));
		else if (host === 'arxiv.org' && url.pathname.startsWith('/a/')) add(out.arxivAuthor, arxivAuthorId(raw));
	}
	return out;
}

/** A bibliography source's target from what a user or a file wrote (an id or a URL), or undefined when it is not one. */
export function bibliographyTarget(kind: 'dblp' | 'orcid' | 'openalex' | 'arxiv', raw: string | undefined): string | undefined {
	if (!raw) return undefined;
	const read = {dblp: dblpPid, orcid: orcidId, openalex: openAlexAuthorId, arxiv: arxivAuthorId}[kind];
	return read(raw) ?? undefined;
}
