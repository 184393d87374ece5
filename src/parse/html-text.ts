/**
 * HTML to terminal-safe plain text plus its outbound links, for feed entries, homepage news
 * entries and anything else fetched as HTML. A real parser (htmlparser2, as in cheerio) does the parsing;
 * this module only walks the tree. Pure functions: no IO.
 *
 * Semantics shared by `htmlToText` and `nodeToText`:
 * - Block elements end lines: `p`, headings, `blockquote`, `pre`, `table`, `figure`, `hr` are
 *   paragraphs (a blank line around them); `div`, `li`, `tr`, `dt`, `dd`, `section`, … end a
 *   line; each `<br>` is one line break. Table cells are separated by a space.
 * - Never text: `script`, `style`, `noscript`, `template`, `head`, `title`, `meta`, `link`,
 *   `iframe`, `object`, `embed`, `svg`, `canvas`, `audio`, `video`, form controls (`button`,
 *   `input`, `select`, `textarea`: "Copy BibTeX" is not content), comments, and elements hidden
 *   with `hidden`, `aria-hidden="true"` or an inline `display:none` / `visibility:hidden`.
 * - `<img>` contributes its `alt` only when it is an emoji image (class `emoji`/`wp-smiley`,
 *   a `:shortcode:` alt, or an alt made of emoji); other images are decoration here.
 * - Whitespace collapses within lines (except inside `pre`); lines are trimmed; at most one
 *   blank line in a row. Every text node goes through `cleanText`.
 * - Link text that is the target URL shortened by a composer (`github.com/HumainLab/Pe...`)
 *   is replaced by the full URL, in `text` and in the link's `text`.
 * - `links`: every `<a href>` resolved against `baseUrl`, kept only if `safeHttpUrl` accepts it
 *   (in-page `#fragment` links are skipped), with its `cleanInline` text; plus bare
 *   `http(s)://` URLs written in the text (their text is the URL as written). Deduplicated by
 *   URL in order of first appearance; the first non-empty text wins.
 */
import type {CheerioAPI, Cheerio} from 'cheerio';
import {ElementType, parseDocument} from 'htmlparser2';
import type {AnyNode, Element} from 'domhandler';
import type {Link} from '../domain/types.js';
import {markupTooComplex} from './markup-guard.js';
import {cleanInline, cleanText, isShortenedUrlText, safeHttpUrl} from './sanitize.js';

export interface HtmlText {
	/** Plain text, safe for a terminal, lines separated by `\n`, trimmed. */
	text: string;
	/** Outbound http(s) links, absolute, deduplicated by URL. */
	links: Link[];
}

const SKIP = new Set([
	'script', 'style', 'noscript', 'template', 'head', 'title', 'iframe', 'object', 'embed',
	'svg', 'canvas', 'audio', 'video', 'select', 'textarea', 'button', 'input', 'meta', 'link',
]);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'table', 'figure', 'hr', 'address']);
const LINE = new Set([
	'div', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'tr', 'section', 'article', 'header', 'footer', 'main',
	'nav', 'aside', 'figcaption', 'caption', 'summary', 'details', 'form', 'fieldset', 'legend',
	'tbody', 'thead', 'tfoot', 'center', 'hgroup', 'dialog', 'menu', 'option',
]);
const CELL = new Set(['td', 'th']);

/** HTML whitespace (not NBSP: cleanText turns that into a space first). */
const HTML_SPACE = /[ \t\n\r\f]+/g;
/** Bare URLs in text. Trailing punctuation is trimmed afterwards. */
const BARE_URL = /\bhttps?:\/\/[^\s<>"'\u3000-\u303f\uff01-\uff0f]+/giu;
const EMOJI_ALT = /^(?::[a-z0-9_+-]+:|[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\ufe0f\u200d]+)$/iu;

/** Tag name without an XML namespace prefix, lower-case (works for HTML and XML-mode DOMs). */
function localName(el: Element): string {
	const name = el.name.toLowerCase();
	const colon = name.lastIndexOf(':');
	return colon === -1 ? name : name.slice(colon + 1);
}

function isElement(node: AnyNode): node is Element {
	return node.type === ElementType.Tag || node.type === ElementType.Script || node.type === ElementType.Style;
}

function isHidden(el: Element): boolean {
	const attribs = el.attribs;
	if (attribs['hidden'] !== undefined || attribs['aria-hidden'] === 'true') return true;
	const style = attribs['style'];
	return style !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style);
}

function emojiAlt(el: Element): string | null {
	const alt = el.attribs['alt']?.trim();
	if (!alt) return null;
	const cls = el.attribs['class'] ?? '';
	if (/\b(?:emoji|wp-smiley)\b/i.test(cls) || EMOJI_ALT.test(alt)) return alt;
	return null;
}

/** Trailing sentence punctuation and unbalanced closing brackets are not part of a bare URL. */
function trimUrlTail(s: string): string {
	let out = s;
	for (;;) {
		const before = out;
		out = out.replace(/[.,;:!?'"”’»]+$/u, '');
		if (out.endsWith(')') && out.split('(').length < out.split(')').length) out = out.slice(0, -1);
		if (out.endsWith(']') && out.split('[').length < out.split(']').length) out = out.slice(0, -1);
		if (out === before) return out;
	}
}

/** Accumulates text, turning block boundaries into newlines without leading/trailing junk. */
class TextBuilder {
	readonly parts: string[] = [];
	private pendingBreaks = 0;
	/** True at the start and after whitespace or a line break: a following space is dropped. */
	private afterSpace = true;
	private empty = true;
	readonly links = new Map<string, Link>();

	text(raw: string, pre: boolean): void {
		let s = cleanText(raw);
		if (!pre) s = s.replace(HTML_SPACE, ' ');
		if (s === '') return;
		if (pre && s.includes('\n')) {
			const lines = s.split('\n');
			lines.forEach((line, i) => {
				if (i > 0) this.hardBreak();
				this.emit(line, true);
			});
			return;
		}
		this.emit(s, pre);
	}

	private emit(s: string, pre: boolean): void {
		if (s === '') return;
		if (s === ' ' && !pre) {
			if (!this.afterSpace) {
				this.parts.push(' ');
				this.afterSpace = true;
			}
			return;
		}
		if (this.pendingBreaks > 0 && !this.empty) {
			this.trimTrailingSpace();
			this.parts.push('\n'.repeat(this.pendingBreaks));
			this.afterSpace = true;
		}
		this.pendingBreaks = 0;
		let out = s;
		if (this.afterSpace && !pre && out.startsWith(' ')) out = out.slice(1);
		if (out === '') return;
		this.parts.push(out);
		this.empty = false;
		this.afterSpace = out.endsWith(' ') || out.endsWith('\n');
	}

	/** A separator between table cells: one space unless there is whitespace already. */
	space(): void {
		if (!this.afterSpace && this.pendingBreaks === 0) {
			this.parts.push(' ');
			this.afterSpace = true;
		}
	}

	/** Ensure the next text starts at least `n` newlines later (block boundaries do not add up). */
	block(n: 1 | 2): void {
		if (this.pendingBreaks < n) this.pendingBreaks = n;
	}

	/** `<br>` and newlines inside `pre`: each one counts, up to a blank line. */
	hardBreak(): void {
		this.pendingBreaks = Math.min(2, this.pendingBreaks + 1);
	}

	private trimTrailingSpace(): void {
		while (this.parts.length > 0 && this.parts[this.parts.length - 1]!.endsWith(' ')) {
			const last = this.parts.pop()!.replace(/ +$/, '');
			if (last !== '') {
				this.parts.push(last);
				break;
			}
		}
	}

	addLink(url: string, text: string): void {
		const known = this.links.get(url);
		if (known === undefined) this.links.set(url, {url, text});
		else if (known.text === '' && text !== '') known.text = text;
	}

	/** Replace everything emitted since `from` by `replacement` (keeping surrounding spaces). */
	replaceSince(from: number, replacement: string): void {
		const old = this.parts.splice(from).join('');
		const lead = /^\s*/.exec(old)![0];
		const trail = /\s*$/.exec(old)![0];
		this.parts.push(lead + replacement + trail);
		this.empty = false;
		this.afterSpace = trail !== '';
	}

	result(): string {
		return this.parts
			.join('')
			.split('\n')
			.map(line => line.replace(/[ \t]+$/, ''))
			.join('\n')
			.replace(/\n{3,}/g, '\n\n')
			.trim();
	}
}

interface WalkContext {
	out: TextBuilder;
	base: string | undefined;
	pre: boolean;
	inLink: boolean;
}

function walk(node: AnyNode, ctx: WalkContext): void {
	if (node.type === ElementType.Text) {
		ctx.out.text(node.data, ctx.pre);
		if (!ctx.inLink) collectBareUrls(node.data, ctx);
		return;
	}
	if (node.type === ElementType.CDATA || node.type === ElementType.Root) {
		for (const child of node.children) walk(child, ctx);
		return;
	}
	if (!isElement(node)) return; // comments, doctype, processing instructions
	const name = localName(node);
	if (SKIP.has(name) || isHidden(node)) return;

	if (name === 'br') {
		ctx.out.hardBreak();
		return;
	}
	if (name === 'img') {
		const alt = emojiAlt(node);
		if (alt !== null) ctx.out.text(alt, false);
		return;
	}
	const paragraph = PARAGRAPH.has(name);
	const line = paragraph || LINE.has(name);
	if (line) ctx.out.block(paragraph ? 2 : 1);
	if (CELL.has(name)) ctx.out.space();

	if (name === 'a' && node.attribs['href'] !== undefined) {
		walkLink(node, node.attribs['href'], ctx);
	} else {
		const inner = name === 'pre' && !ctx.pre ? {...ctx, pre: true} : ctx;
		for (const child of node.children) walk(child, inner);
	}

	if (line) ctx.out.block(paragraph ? 2 : 1);
	if (CELL.has(name)) ctx.out.space();
}

function walkLink(el: Element, href: string, ctx: WalkContext): void {
	const start = ctx.out.parts.length;
	const inner = {...ctx, inLink: true};
	for (const child of el.children) walk(child, inner);
	const trimmed = href.trim();
	if (trimmed === '' || trimmed.startsWith('#')) return; // in-page anchors are not outbound links
	const url = safeHttpUrl(trimmed, ctx.base);
	if (url === null) return;
	let text = cleanInline(ctx.out.parts.slice(start).join(''));
	if (isShortenedUrlText(text, url)) {
		ctx.out.replaceSince(start, url);
		text = url;
	}
	ctx.out.addLink(url, text);
}

function collectBareUrls(data: string, ctx: WalkContext): void {
	if (!data.includes('://')) return;
	for (const m of cleanText(data).matchAll(BARE_URL)) {
		const written = trimUrlTail(m[0]);
		const url = safeHttpUrl(written);
		if (url !== null) ctx.out.addLink(url, written);
	}
}

function convert(nodes: readonly AnyNode[], baseUrl: string | undefined): HtmlText {
	const ctx: WalkContext = {out: new TextBuilder(), base: baseUrl, pre: false, inLink: false};
	for (const node of nodes) walk(node, ctx);
	return {text: ctx.out.result(), links: [...ctx.out.links.values()]};
}

/**
 * Convert an HTML fragment or document to plain text and links.
 * `baseUrl` resolves relative `href`s (without it, relative links are dropped).
 */
export function htmlToText(html: string, baseUrl?: string): HtmlText {
	if (html.trim() === '') return {text: '', links: []};
	// Hostile markup (a million nested tags, or a fragment of a million paragraphs) would cost parse5
	// minutes (its fragment handling is quadratic in top-level nodes) and overflow the walk's stack.
	const tooComplex = markupTooComplex(html, {maxTopLevel: 5_000});
	if (tooComplex !== null) throw new Error(tooComplex);
	// htmlparser2, not parse5: for text and links the two trees read the same, and parse5's
	// spec-exact tree building was a third of an all-new feed refresh's parsing time.
	return convert(parseDocument(html).children, baseUrl);
}

/**
 * The same conversion for nodes of a document someone already parsed with cheerio
 * (e.g. one news entry of a homepage): `nodeToText($, $('li').first(), pageUrl)`.
 * `el` may be a node, an array of nodes or a cheerio selection; each node is converted
 * with its descendants, in order, as one text. Works on HTML and XML-mode (`{xml: true}`)
 * documents alike; XML namespace prefixes on tag names are ignored.
 */
export function nodeToText($: CheerioAPI, el: AnyNode | readonly AnyNode[] | Cheerio<AnyNode>, baseUrl?: string): HtmlText {
	const nodes = Array.isArray(el) ? (el as readonly AnyNode[]) : $(el as AnyNode | Cheerio<AnyNode>).toArray();
	return convert(nodes, baseUrl);
}

/** The same conversion for nodes of a tree built without cheerio (the XML reader's, for Atom `type="xhtml"`). */
export function nodesToText(nodes: readonly AnyNode[], baseUrl?: string): HtmlText {
	return convert(nodes, baseUrl);
}

/**
 * Bare `http(s)://` URLs in plain text (not HTML), as links whose text is the URL as written.
 * For plain-text bodies (JSON Feed `content_text`, Atom `type="text"`).
 */
export function linksInText(text: string): Link[] {
	const out = new Map<string, Link>();
	for (const m of cleanText(text).matchAll(BARE_URL)) {
		const written = trimUrlTail(m[0]);
		const url = safeHttpUrl(written);
		if (url !== null && !out.has(url)) out.set(url, {url, text: written});
	}
	return [...out.values()];
}
