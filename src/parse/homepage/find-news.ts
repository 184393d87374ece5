/**
 * Where is the news on this page? One walk over the document collects headings, pseudo-headings
 * (`<p><strong>News</strong></p>`), links and news-named containers; then each news heading's section
 * is the run of nodes after it up to the next heading of the same or higher level (climbing out of
 * wrappers: Hugo puts the `<h1>` in one column and the items in the next).
 */
import type {AnyNode, Document, Element} from 'domhandler';
import {classTokens, headText, headingLevel, isBlock, isElement, isText, nextAfter, within} from './dom.js';
import {isNewsTitle, isNewsToken, isSectionTitle} from './titles.js';
import {isDateOnly} from '../dates.js';
import {safeHttpUrl} from '../sanitize.js';

interface Heading {
	el: Element;
	/** 1–6 for `<hN>`, 7 for a bold-only paragraph. */
	level: number;
	order: number;
	news: boolean;
}

export interface Anchor {
	el: Element;
	/** Absolute http(s) URL (hash kept), or null for `javascript:`, `mailto:`, junk. */
	url: string | null;
}

export interface PageIndex {
	headings: Heading[];
	/** Document order of every element (for "the first heading after this anchor"). */
	order: Map<AnyNode, number>;
	anchors: Anchor[];
	/** `<link>` elements (feeds are among them). */
	links: Element[];
	/** The base for relative URLs: `<base href>` resolved against the page URL, else the page URL. */
	base: string;
	/** Elements whose id, class or aria-label names news, outermost first. */
	containers: Element[];
	ids: Map<string, Element>;
	body: Element | null;
	title: string;
}

const PSEUDO_PARENTS = new Set(['p', 'div', 'dt', 'section']);
const PSEUDO_CHILDREN = new Set(['b', 'strong', 'u', 'font', 'big']);

/** `<p><strong>News</strong></p>`: a block whose only content is one short bold run. */
function pseudoHeadingText(el: Element): string | null {
	if (!PSEUDO_PARENTS.has(el.name)) return null;
	let only: Element | null = null;
	for (const c of el.children) {
		if (isText(c) && c.data.trim() === '') continue;
		if (only !== null || !isElement(c) || !PSEUDO_CHILDREN.has(c.name)) return null;
		only = c;
	}
	if (!only) return null;
	const {text, complete} = headText([only], 60);
	return complete && text !== '' && !isDateOnly(text) ? text : null;
}

// A styled title: a block or an inline run standing alone on its line (`<div class="section-title">News</div>`,
// `<p style="font-size:20px">Lab news</p>`, `<span class="title">Recent ADALab News</span><br>`).
const STYLED_TITLE = new Set(['p', 'div', 'dt', 'section', 'header', 'center', 'td', 'th', 'span', 'strong', 'b', 'font', 'big', 'em', 'u']);
const INLINE_TITLE = new Set(['span', 'strong', 'b', 'font', 'big', 'em', 'u']);
// Menus and links name sections they do not hold: "News" there is navigation, not a heading.
const NAVIGATION = new Set(['a', 'nav', 'li', 'button', 'menu', 'footer', 'select', 'option', 'label']);
const TITLE_MAX = 60;

function aloneOnItsLine(el: Element): boolean {
	if (!INLINE_TITLE.has(el.name)) return true;
	const edge = (n: AnyNode | null, step: (x: AnyNode) => AnyNode | null): boolean => {
		while (n && isText(n) && n.data.trim() === '') n = step(n);
		return n === null || (isElement(n) && (n.name === 'br' || isBlock(n)));
	};
	return edge(el.prev, x => x.prev) && edge(el.next, x => x.next) && (el.parent === null || !isElement(el.parent) || isBlock(el.parent) || aloneOnItsLine(el.parent));
}

function inNavigation(el: Element): boolean {
	for (let p: AnyNode | null = el; p && isElement(p); p = p.parent) if (NAVIGATION.has(p.name)) return true;
	return false;
}

function hasLink(el: Element): boolean {
	for (const c of el.children) if (isElement(c) && (c.name === 'a' || hasLink(c))) return true;
	return false;
}

/** The text of a styled title naming news or another section, else null. */
function styledTitleText(el: Element): string | null {
	if (!STYLED_TITLE.has(el.name) || el.children.length > 5) return null;
	const {text, complete} = headText([el], TITLE_MAX);
	if (!complete || text === '' || !(isNewsTitle(text) || isSectionTitle(text))) return null;
	if (!aloneOnItsLine(el) || inNavigation(el) || hasLink(el)) return null;
	return text;
}

function containerNamesNews(el: Element): boolean {
	const id = el.attribs['id']?.toLowerCase();
	if (id && id.split(/[\s_-]+/).some(isNewsToken)) return true;
	const label = el.attribs['aria-label'];
	if (label && isNewsTitle(label)) return true;
	return classTokens(el).some(isNewsToken);
}

export function indexPage(doc: Document, pageUrl: string): PageIndex {
	const idx: PageIndex = {headings: [], order: new Map(), anchors: [], links: [], base: pageUrl, containers: [], ids: new Map(), body: null, title: ''};
	const anchors: Element[] = [];
	let baseHref: string | undefined;
	let n = 0;
	const stack: AnyNode[] = [...doc.children].reverse();
	let insideContainer = 0;
	let titled: Element | null = null;
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node === EXIT) {
			insideContainer--;
			continue;
		}
		if (!isElement(node)) continue;
		idx.order.set(node, n++);
		const name = node.name;
		const id = node.attribs['id'];
		if (id && !idx.ids.has(id)) idx.ids.set(id, node);
		if (name === 'a') {
			if (node.attribs['name'] && !idx.ids.has(node.attribs['name'])) idx.ids.set(node.attribs['name'], node);
			if (node.attribs['href'] !== undefined) anchors.push(node);
		} else if (name === 'link') {
			idx.links.push(node);
		} else if (name === 'base') {
			baseHref ??= node.attribs['href'];
		} else if (name === 'body') {
			idx.body ??= node;
		} else if (name === 'title' && idx.title === '') {
			idx.title = headText([node], 100).text;
		}
		const level = headingLevel(node);
		if (level > 0) {
			const text = headText([node], 90);
			idx.headings.push({el: node, level, order: idx.order.get(node)!, news: text.complete && isNewsTitle(text.text)});
		} else if (titled === null || !within(node, titled)) {
			const pseudo = pseudoHeadingText(node) ?? styledTitleText(node);
			if (pseudo !== null) {
				idx.headings.push({el: node, level: 7, order: idx.order.get(node)!, news: isNewsTitle(pseudo)});
				// Its inner runs (`<div><b>News</b></div>`) are the same title, not a second one.
				titled = node;
			}
		}
		if (insideContainer === 0 && containerNamesNews(node)) {
			idx.containers.push(node);
			insideContainer++;
			stack.push(EXIT);
		}
		for (let c = node.children.length - 1; c >= 0; c--) stack.push(node.children[c]!);
	}
	if (baseHref !== undefined) idx.base = safeHttpUrl(baseHref, pageUrl) ?? pageUrl;
	// Resolved once here; papers, Bluesky, news-page discovery and menu anchors all reuse it.
	idx.anchors = anchors.map(el => ({el, url: safeHttpUrl(el.attribs['href'] ?? '', idx.base)}));
	return idx;
}

/** Marks the end of a news container's subtree during the walk. */
const EXIT = {type: 'exit'} as unknown as AnyNode;

/**
 * The nodes of the section that `heading` opens: everything after it in document order up to the next
 * heading of the same or higher level (a bold-only paragraph stops only pseudo-heading sections), or a
 * `<footer>`. Wrappers that contain the stopping heading are entered rather than taken whole.
 */
export function sectionAfter(idx: PageIndex, h: Heading): AnyNode[] {
	const stops = new Set<AnyNode>();
	const stopAncestors = new Set<AnyNode>();
	for (const other of idx.headings) {
		if (other.order <= h.order || other.level > h.level) continue;
		stops.add(other.el);
		for (let p = other.el.parent; p && !stopAncestors.has(p); p = p.parent) stopAncestors.add(p);
	}
	const out: AnyNode[] = [];
	let next = nextAfter(h.el);
	while (next) {
		if (stops.has(next) || (isElement(next) && next.name === 'footer')) break;
		if (stopAncestors.has(next)) {
			next = (isElement(next) && next.children[0]) || nextAfter(next);
			continue;
		}
		out.push(next);
		next = nextAfter(next);
	}
	return out;
}

/** Heading sections named News, plus the sections that same-page `#news` anchors point at. */
export function newsSections(idx: PageIndex, pageUrl: string): AnyNode[][] {
	const chosen = new Set<Heading>(idx.headings.filter(h => h.news));
	const extra: AnyNode[][] = [];
	const page = stripHash(pageUrl);
	for (const {el: a, url} of idx.anchors) {
		if (url === null) continue;
		const target = new URL(url);
		if (stripHash(url) !== page || target.hash.length < 2) continue;
		if (!isNewsTitle(headText([a], 60).text)) continue;
		let id = target.hash.slice(1);
		try {
			id = decodeURIComponent(id);
		} catch {
			// keep it encoded
		}
		const el = idx.ids.get(id);
		if (!el) continue;
		const own = idx.headings.find(h => h.el === el);
		if (own) {
			chosen.add(own);
		} else if (headText([el], 10).text === '') {
			// An empty anchor span (AcadHomepage `<span class='anchor' id='news'>`): the next heading opens the section.
			const at = idx.order.get(el) ?? -1;
			const h = idx.headings.find(x => x.order > at);
			if (h) chosen.add(h);
		} else {
			extra.push([...el.children]);
		}
	}
	return [...[...chosen].sort((x, y) => x.order - y.order).map(h => sectionAfter(idx, h)), ...extra];
}

export function stripHash(url: string): string {
	const i = url.indexOf('#');
	return i < 0 ? url : url.slice(0, i);
}
