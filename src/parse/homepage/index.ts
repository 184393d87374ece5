/**
 * A researcher's homepage (decoded text + URL) → dated news entries, linked papers and discovery hints.
 * Pure: the HTTP adapter fetches, `decodeHomepage` turns bytes into text, this parses once with cheerio.
 *
 * Where the news is looked for, in order (later steps only when the earlier found nothing):
 * 1. sections opened by a heading named News/Updates/… (`<h1>`–`<h6>` or a bold-only paragraph), and
 *    the sections same-page menu anchors (`/#-news`) point at;
 * 2. containers whose id, class or aria-label names news (`<div id="news">`, `<section aria-label="News">`);
 * 3. the whole page, when the page itself is a news page (`/news/`, `news.html`, `<title>News</title>`).
 * `newsPageUrl` is set only when no entry was found and a News heading or menu links another page
 * of the same site (al-folio/Wowchemy `/news/`, jemdoc `news.html`): the adapter may fetch and extract it.
 */
import {load} from 'cheerio';
import type {AnyNode, Document} from 'domhandler';
import type {PaperRef} from '../../domain/types.js';
import type {BibliographyLinks} from '../bibliography/ids.js';
import {buildEntries, type NewsEntry} from './entries.js';
import {discoverBibliography, discoverBluesky, discoverFeeds, findNewsPage} from './discover.js';
import {indexPage, newsSections, type PageIndex} from './find-news.js';
import {isMarkdownSource, markdownToHtml} from './markdown.js';
import {collectPapers} from './publications.js';
import {isNewsPage} from './titles.js';
import {unitsOfElement, unitsOfSection, type Unit} from './units.js';

export type {NewsEntry} from './entries.js';
export {decodeHomepage, type DecodedHomepage} from './decode.js';

export interface HomepageExtract {
	/** Dated news entries in page order (not re-sorted: pages are not always in date order). */
	news: NewsEntry[];
	/** Every paper linked from the page, deduplicated, with the best title found (or null). */
	papers: PaperRef[];
	/** Feed URLs advertised with `<link rel="alternate">` (absolute). */
	feeds: string[];
	/** Bluesky handles (lower case) or DIDs linked from the page. */
	bluesky: string[];
	/** Bibliography records linked from the page (dblp pids, ORCID iDs, OpenAlex author ids, arXiv author ids). */
	bibliography: BibliographyLinks;
	/** A separate news page to fetch when this page has no news entries; otherwise null. */
	newsPageUrl: string | null;
}

export interface HomepageInput {
	/** Decoded page text (HTML or Markdown source). */
	text: string;
	/** The page URL (after redirects): the base for relative links. */
	url: string;
	contentType?: string;
}

/** `extractHomepage` plus counts for diagnostics (the conformance test compares them with the truth). */
export interface HomepageInspection {
	extract: HomepageExtract;
	/** Dated blocks found before deduplication (verbatim repeats on the page included). */
	units: number;
	markdown: boolean;
}

/** The news units, one list per section or container, each unit once. */
function findUnits(idx: PageIndex, url: string): Unit[][] {
	const seen = new Set<AnyNode>();
	const lists: Unit[][] = [];
	let count = 0;
	const add = (units: Unit[]): void => {
		const list: Unit[] = [];
		for (const u of units) {
			const id = u.whole ?? u.nodes[0];
			if (id === undefined || seen.has(id)) continue;
			seen.add(id);
			list.push(u);
		}
		if (list.length > 0) lists.push(list);
		count += list.length;
	};
	for (const section of newsSections(idx, url)) add(unitsOfSection(section));
	if (count === 0) for (const c of idx.containers) add(unitsOfElement(c));
	if (count === 0 && idx.body && isNewsPage(url, idx.title)) add(unitsOfSection(idx.body.children));
	return lists;
}

export function inspectHomepage(input: HomepageInput): HomepageInspection {
	const markdown = isMarkdownSource(input.text, input.url, input.contentType);
	const html = markdown ? markdownToHtml(input.text) : input.text;
	const $ = load(html);
	const idx = indexPage($.root()[0] as Document, input.url);
	const base = idx.base;

	const units = findUnits(idx, input.url);
	const {entries: news, dated} = buildEntries($, units, base);
	const papers = collectPapers(idx.anchors, base);
	// News links often name a paper by its short name ("Laser"); the publication list has the title.
	const titles = new Map(papers.map(p => [p.id, p.title]));
	for (const e of news) for (const p of e.papers) p.title = titles.get(p.id) ?? p.title;
	for (const e of news) {
		for (const p of e.papers) {
			if (titles.has(p.id)) continue;
			papers.push({...p});
			titles.set(p.id, p.title);
		}
	}

	return {
		extract: {
			news,
			papers,
			feeds: discoverFeeds(idx.links, base),
			bluesky: discoverBluesky(idx.anchors),
			bibliography: discoverBibliography(idx.anchors),
			newsPageUrl: news.length === 0 ? findNewsPage(idx.anchors, input.url) : null,
		},
		units: dated,
		markdown,
	};
}

export function extractHomepage(input: HomepageInput): HomepageExtract {
	return inspectHomepage(input).extract;
}
