/**
 * The domain vocabulary shared by parsers, adapters, the store, the CLI and the UI.
 * These types mirror ../shared/CONTRACT.md: the JSON shapes printed by `list --json`
 * and `papers --json` are built from them field for field.
 */

export type SourceKind = 'bluesky' | 'homepage' | 'feed' | BibliographyKind;
/** Bibliography services: they list a researcher's papers (`paper` items), whether or not anyone posts about them. */
export type BibliographyKind = 'dblp' | 'orcid' | 'openalex' | 'arxiv';
export const BIBLIOGRAPHY_KINDS: readonly BibliographyKind[] = ['dblp', 'orcid', 'openalex', 'arxiv'];
export const SOURCE_KINDS: readonly SourceKind[] = ['bluesky', 'homepage', 'feed', ...BIBLIOGRAPHY_KINDS];

/** How each source kind is named to people ("Leqi Liu on Bluesky", "Wei Liu's DBLP"). */
export const SOURCE_LABEL: Readonly<Record<SourceKind, string>> = {
	bluesky: 'Bluesky',
	homepage: 'homepage',
	feed: 'feed',
	dblp: 'DBLP',
	orcid: 'ORCID',
	openalex: 'OpenAlex',
	arxiv: 'arXiv',
};

export function isBibliographyKind(kind: string): kind is BibliographyKind {
	return (BIBLIOGRAPHY_KINDS as readonly string[]).includes(kind);
}

export type ItemKind = 'thread' | 'post' | 'repost' | 'news' | 'publication' | 'article' | 'paper';
export const ITEM_KINDS: readonly ItemKind[] = ['thread', 'post', 'repost', 'news', 'publication', 'article', 'paper'];

/** How much of `date` the source actually stated. `seen`: the source gave none; date is when we first saw it. */
export type DatePrecision = 'instant' | 'day' | 'month' | 'year' | 'seen';

export interface Link {
	/** Absolute http(s) URL. */
	url: string;
	/** Visible text of the link (sanitised); may be empty. */
	text: string;
}

export interface PaperRef {
	/** Canonical paper id, e.g. `arxiv:2507.02834`, `doi:10.1145/…`, `openreview:X`, `acl:2023.emnlp-main.467`. */
	id: string;
	/** Canonical landing page. */
	url: string;
	/** Best title known from where it was mentioned (link card, link text); null when none. */
	title: string | null;
}

export interface ThreadPost {
	uri: string;
	url: string;
	createdAt: string;
	text: string;
}

/**
 * An item as a source produces it, before the store adds researcher, read and star state.
 * `id` is stable across refreshes and restarts (derived from the source's own identity for the entry).
 */
export interface ItemDraft {
	id: string;
	kind: ItemKind;
	date: string;
	datePrecision: DatePrecision;
	title: string | null;
	text: string;
	url: string;
	posts: ThreadPost[];
	links: Link[];
	papers: PaperRef[];
	/**
	 * Kept in the cache but not in the timeline. `reply`: a Bluesky reply to other people (shown when
	 * the config asks for replies). `silent`: a homepage's papers recorded on its first fetch — they
	 * appear in `papers`, never as timeline items.
	 */
	hidden?: 'reply' | 'silent';
	/** The researcher wrote every paper of this item (a bibliography source's `paper` item). */
	own?: boolean;
	/** A repost: whose post it is (display name, else the handle). Not part of `list --json`. */
	repostOf?: RepostAuthor;
}

/** The author of a reposted post. */
export interface RepostAuthor {
	/** Display name, else the handle. */
	name: string;
	/** Handle without `@`; '' when unknown. */
	handle: string;
}

/** An item as listed: the contract's `list --json` element. */
export interface Item extends ItemDraft {
	researcher: string;
	source: SourceKind;
	read: boolean;
	starred: boolean;
}

export interface PaperMention {
	item: string;
	researcher: string;
	source: SourceKind;
	date: string;
	own: boolean;
	/**
	 * The precision of `date` (the mentioning item's), so a month is shown as `Jan 2024`. Not part
	 * of `papers --json` (see paperJson); absent: an instant.
	 */
	datePrecision?: DatePrecision;
}

/** The contract's `papers --json` element. */
export interface Paper {
	id: string;
	url: string;
	title: string | null;
	authors: string[];
	/** Every id that names this work; `id` (the canonical one) first. */
	ids: string[];
	venue: string | null;
	mentions: PaperMention[];
}

/** One configured source of a researcher. `target` is a handle/DID for Bluesky, a URL otherwise. */
export interface SourceConfig {
	kind: SourceKind;
	target: string;
}

export interface ResearcherConfig {
	name: string;
	sources: SourceConfig[];
}

/** Per-source outcome of one refresh: the contract's `refresh --json` element. */
export interface SourceResult {
	researcher: string;
	source: SourceKind;
	target: string;
	ok: boolean;
	newItems: number;
	error: string | null;
	/** When it failed because a host could not be reached at all (offline?): that host. Not part of `refresh --json`. */
	unreachable?: string;
}

/**
 * What a paper registry (the arXiv API) says about a paper. Kept in the cache for ever; the UI's
 * paper and item views show authors and abstract from here (`Store.paperMeta`).
 */
export interface PaperMeta {
	id: string;
	title: string | null;
	authors: string[];
	abstract: string | null;
	/** arXiv primary category, e.g. `cs.LG`. */
	category: string | null;
	/** When the first version appeared (ISO 8601). */
	published: string | null;
	/** When the latest version appeared (ISO 8601). */
	updated: string | null;
	/** Latest version number. */
	version: number | null;
	doi: string | null;
	journalRef: string | null;
	/** Where it was published (journal, proceedings, `arXiv` for a preprint only). */
	venue?: string | null;
	/** Which service said this: `arxiv`, `s2`, `crossref`, or a bibliography source. */
	provider?: string;
}

/** An item that mentions a paper, as the item view of a `paper` item lists it. */
export interface MentionHead {
	researcher: string;
	source: SourceKind;
	kind: ItemKind;
	date: string;
	datePrecision: DatePrecision;
	/** The item's title, else the start of its text. */
	text: string;
}

/** Another researcher who mentioned some of an item's papers ("also shared by …"). */
export interface AlsoShared {
	researcher: string;
	/** The item's papers this researcher mentioned too. */
	papers: string[];
}
