/**
 * Every paper linked anywhere on the page, once, with the best title the page gives it.
 *
 * A link's own text is a title only when it reads like one (not "PDF", "arXiv", "[paper]", a URL or one
 * word). Otherwise the publication entry around the link is asked: an element whose class names a title
 * (al-folio `div.title`, jonbarron `span.papertitle`), the first link with a real title in the entry
 * (AcadHomepage paper boxes, `[Title](url)` Markdown lists), and in entries marked as publications a bold
 * run of 4+ words. Titles found in a publication entry beat the short names used in news ("Laser").
 */
import type {AnyNode, Element} from 'domhandler';
import type {PaperRef} from '../../domain/types.js';
import {paperFromUrl, paperTitleFromLinkText} from '../paper-ids.js';
import {safeHttpUrl} from '../sanitize.js';
import {classTokens, firstLine, headText, isElement} from './dom.js';
import type {Anchor} from './find-news.js';

const ENTRY_ELEMENTS = new Set(['li', 'tr', 'dd', 'article']);
const PUB_TOKENS = new Set(['pub', 'pubs', 'publication', 'publications', 'paper', 'papers', 'bib', 'bibliography', 'citation', 'csl', 'entry', 'ref', 'reference']);
const TITLE_TOKENS = new Set(['title', 'papertitle', 'pubtitle', 'ptitle']);
const MAX_UP = 6;

interface Ranked {
	ref: PaperRef;
	rank: number;
}

function textOf(el: AnyNode, max = 300): string {
	const {text} = headText([el], max);
	return text.replace(/[\s.,;:]+$/u, '');
}

function wordCount(s: string): number {
	return s.split(/\s+/).filter(Boolean).length;
}

/** A link text that reads as a paper title: not "PDF"/"arXiv"/a URL, and at least three words ("new approach" is not one). */
export function linkTitle(text: string): string | null {
	const t = paperTitleFromLinkText(text);
	return t !== null && wordCount(t) >= 3 ? t : null;
}

/** "A, B, C and D": most comma/and-separated parts are names of one to three words. */
function isNameList(s: string): boolean {
	const parts = s.split(/,|\band\b|&/).map(p => p.trim()).filter(Boolean);
	return parts.length >= 3 && parts.filter(p => wordCount(p) <= 3).length >= parts.length * 0.7;
}

/** A plausible title line: enough words, not an author list, URL or short venue line ("ICML 2025 Oral"). */
function looksLikeTitle(s: string, minWords: number): boolean {
	const n = wordCount(s);
	if (n < minWords || isNameList(s) || /^https?:/i.test(s)) return false;
	return !(n <= 4 && /\b(?:19|20)\d{2}\b/.test(s));
}

/** The publication entry around a link: the nearest li/tr/dd/article or publication-classed block. */
function entryOf(a: Element): {el: Element; pub: boolean} | null {
	let cur = a.parent;
	for (let up = 0; cur && isElement(cur) && up < MAX_UP; up++, cur = cur.parent) {
		const pub = classTokens(cur).some(t => PUB_TOKENS.has(t));
		if (pub || ENTRY_ELEMENTS.has(cur.name)) return {el: cur, pub};
		if (cur.name === 'body') return null;
	}
	return null;
}

/** Depth-first search for the first element matching `test`, bounded to keep big entries cheap. */
function find(root: Element, test: (el: Element) => boolean, budget = 400): Element | null {
	const stack: AnyNode[] = [...root.children].reverse();
	while (stack.length > 0 && budget-- > 0) {
		const n = stack.pop()!;
		if (!isElement(n)) continue;
		if (test(n)) return n;
		for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
	}
	return null;
}

function titleFromEntry(entry: {el: Element; pub: boolean}, base: string): {title: string; rank: number} | null {
	const titled = find(entry.el, el => classTokens(el).some(t => TITLE_TOKENS.has(t)));
	if (titled) {
		const t = textOf(titled);
		if (wordCount(t) >= 2) return {title: t, rank: 3};
	}
	const firstLink = find(entry.el, el => el.name === 'a' && el.attribs['href'] !== undefined && safeHttpUrl(el.attribs['href'], base) !== null);
	if (firstLink) {
		const t = linkTitle(textOf(firstLink));
		if (t && wordCount(t) >= 3) return {title: t, rank: entry.pub ? 3 : 2};
	}
	if (entry.pub) {
		// AcadHomepage paper boxes often open with the title as plain or `<font>` text, links below.
		const line = firstLine(entry.el).replace(/[\s.,;:]+$/u, '');
		if (looksLikeTitle(line, 2)) return {title: line, rank: 2};
		const bold = find(entry.el, el => (el.name === 'b' || el.name === 'strong') && looksLikeTitle(textOf(el), 4));
		if (bold) return {title: textOf(bold), rank: 2};
	}
	return null;
}

export function collectPapers(anchors: readonly Anchor[], base: string): PaperRef[] {
	const byId = new Map<string, Ranked>();
	for (const {el: a, url} of anchors) {
		if (!url) continue;
		const p = paperFromUrl(url);
		if (!p) continue;
		const own = linkTitle(textOf(a));
		let best: {title: string | null; rank: number} = own ? {title: own, rank: wordCount(own) >= 4 ? 2 : 1} : {title: null, rank: 0};
		const known = byId.get(p.id);
		if (best.rank < 3 && (!known || known.rank < 3)) {
			const entry = entryOf(a);
			const fromEntry = entry ? titleFromEntry(entry, base) : null;
			if (fromEntry && fromEntry.rank > best.rank) best = fromEntry;
		}
		if (!known) byId.set(p.id, {ref: {id: p.id, url: p.url, title: best.title}, rank: best.rank});
		else if (best.rank > known.rank) {
			known.ref.title = best.title;
			known.rank = best.rank;
		}
	}
	return [...byId.values()].map(r => r.ref);
}
