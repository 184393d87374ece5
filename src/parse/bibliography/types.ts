/**
 * What the bibliography parsers (dblp, ORCID, OpenAlex, arXiv author listings) and the paper
 * metadata parsers (Semantic Scholar, Crossref) give back. Every string in these shapes has been
 * through parse/sanitize.ts and is bounded (see common.ts). Pure types: no IO.
 */

export type WorkPrecision = 'instant' | 'day' | 'month' | 'year';

export interface BibWork {
	/**
	 * Every contract id naming this work (`arxiv:…`, `doi:…` lower-case, `acl:…`, `openreview:…`, and
	 * other prefixes parse/paper-ids.ts knows such as `pmlr:`), best first: the arXiv id when there is
	 * one, else the DOI, else another. Deduplicated. May be empty (a work with no usable id).
	 * An ACL Anthology DOI (`10.18653/v1/…`) is the `acl:` id, as everywhere in the project
	 * (paper-ids.ts maps it so); the DOI itself follows as a last, extra `doi:` id.
	 */
	ids: string[];
	/** Sanitised; trailing "." of dblp titles dropped, entities decoded, inline markup removed. */
	title: string;
	/** Display names; dblp homonym numbers ("Wei Liu 0032") stripped; [] when the service gives none. */
	authors: string[];
	/** Journal/booktitle/container/source display name; every arXiv/CoRR preprint venue is `arXiv`. */
	venue: string | null;
	/** ISO 8601 UTC; month/year precision: the first instant of the period. */
	date: string | null;
	precision: WorkPrecision | null;
	/** Canonical landing page: the first id's canonical URL, else the service's link. */
	url: string | null;
	abstract: string | null;
	/** Service-specific key of the record (dblp record key, ORCID put-code, OpenAlex W-id, arXiv abs URL). */
	sourceKey: string;
}

export interface AuthorCandidate {
	service: 'dblp' | 'openalex';
	name: string;
	affiliation: string | null;
	papers: number | null;
	/** Titles of the newest works, newest first. */
	latest: string[];
	/** The `add` flags that follow this candidate, e.g. `['--dblp', '95/7448-1']`. */
	add: [string, string];
	/** dblp: disambiguation bin, not one person. */
	disambiguation?: boolean;
}

/** Paper metadata from a metadata service (Semantic Scholar, Crossref). */
export interface PaperMetaLike {
	title: string | null;
	authors: string[];
	abstract: string | null;
	venue: string | null;
	date: string | null;
	precision: WorkPrecision | null;
	/** Every contract id the service links to this work, best first (as BibWork.ids). */
	ids: string[];
}
