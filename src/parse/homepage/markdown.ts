/**
 * Raw Markdown sources (`…/_pages/about.md` on raw.githubusercontent.com, `text/markdown`, or
 * `text/plain` that is not HTML) are rendered to HTML with marked and then extracted like any page.
 * The regular expressions here work on Markdown/Liquid source text, never on HTML.
 *
 * Jekyll/Hugo specifics handled before rendering: YAML (`---`) and TOML (`+++`) front matter,
 * Liquid tags `{% … %}` and outputs `{{ … }}`, Hugo shortcodes `{{< … >}}`/`{{% … %}}`, kramdown
 * attribute lists `{: … }`, and kramdown's `<div markdown="1">` (Markdown inside an HTML block, which
 * CommonMark only parses when the tags stand on their own lines between blank lines).
 * Escapes such as `\[05/2025\]` are CommonMark escapes and come out as `[05/2025]`.
 */
import {Marked} from 'marked';
import {markupTooComplex} from '../markup-guard.js';

const md = new Marked({gfm: true, breaks: false, async: false});

const FRONT_MATTER = /^(?:---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)|\+\+\+[ \t]*\r?\n[\s\S]*?\r?\n\+\+\+)[ \t]*(?:\r?\n|$)/;
const LIQUID_COMMENT = /\{%-?\s*comment\s*-?%\}[\s\S]*?\{%-?\s*endcomment\s*-?%\}/g;
const LIQUID_TAG = /\{%[\s\S]*?%\}/g;
const SHORTCODE = /\{\{[<%][\s\S]*?[>%]\}\}/g;
const LIQUID_OUTPUT = /\{\{[\s\S]*?\}\}/g;
const KRAMDOWN_IAL = /\{:[^}\n]*\}/g;
const MD_BLOCK_OPEN = /^[ \t]*<(div|section|details|article|aside|span)\b[^>]*\bmarkdown\s*=\s*["']?(?:1|block|span)["']?[^>]*>[ \t]*$/i;
const BLOCK_CLOSE = /^[ \t]*<\/(div|section|details|article|aside)>[ \t]*$/i;

/** Is this response a Markdown source rather than an HTML page? */
export function isMarkdownSource(text: string, url: string, contentType: string | undefined): boolean {
	const type = (contentType ?? '').toLowerCase().split(';')[0]!.trim();
	if (type === 'text/markdown' || type === 'text/x-markdown') return true;
	const head = text.slice(0, 512).replace(/^\uFEFF/, '').trimStart().toLowerCase();
	if (/^<(?:!doctype|html|head|body|\?xml|meta|title|link|script|!--)/.test(head)) return false;
	let path = '';
	try {
		path = new URL(url).pathname.toLowerCase();
	} catch {
		// not a URL: judge by the content alone
	}
	if (/\.(?:md|markdown|mdown|mkd|mkdn)$/.test(path)) return true;
	// raw.githubusercontent.com serves every file as text/plain; anything not HTML is Markdown (or plain text,
	// which renders as paragraphs).
	if (type === 'text/plain') return true;
	if (type !== '') return false;
	return /^(?:---\s*$|\+\+\+\s*$|#{1,6}\s)/m.test(text.slice(0, 4096));
}

/** Source → Markdown that CommonMark reads the way Jekyll/kramdown would. */
export function prepareMarkdown(src: string): string {
	let s = src.replace(/^\uFEFF/, '').replace(FRONT_MATTER, '');
	s = s.replace(LIQUID_COMMENT, '').replace(LIQUID_TAG, '').replace(SHORTCODE, '').replace(LIQUID_OUTPUT, '').replace(KRAMDOWN_IAL, '');
	const lines = s.split(/\r?\n/);
	const out: string[] = [];
	for (const line of lines) {
		if (MD_BLOCK_OPEN.test(line) || BLOCK_CLOSE.test(line)) out.push('', line.trim(), '');
		else out.push(line);
	}
	return out.join('\n');
}

export function markdownToHtml(src: string): string {
	const html = md.parse(tameMarkdown(prepareMarkdown(src)), {async: false});
	// The rendered HTML gets the same bounds as any fetched page before cheerio parses it.
	const tooComplex = markupTooComplex(html);
	if (tooComplex !== null) throw new Error(tooComplex);
	return html;
}

// ------------------------------------------------ bounds for hostile Markdown (added for issue 6)
// marked's inline pass is quadratic on long paragraphs dense with special characters (60 KB of
// `*a ` takes 20 s; escaping them does not help beyond ~40 KB), and its memory grows a few hundred
// times the input on deeply indented lists (9 MB of them exhausts a 4 GB heap). Real about.md
// pages are a few KB with short paragraphs, and pass through this unchanged.

/** Larger sources are cut at a line break (a real Markdown homepage is far smaller). */
export const MAX_MARKDOWN = 256 * 1024;
/** A paragraph longer than this, or with more emphasis delimiters, is kept as plain text (no inline Markdown). */
const MAX_BLOCK_CHARS = 10_000;
const MAX_DELIMITERS = 500;
const MAX_INDENT = 64;
const MAX_QUOTE_DEPTH = 32;
/** Where marked starts a new inline run: a blank line, a list item, a heading. */
const BLOCK_START = /^\s*(?:$|[-*+]\s|\d+[.)]\s|#)/;

function escapeHtml(s: string): string {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function tameMarkdown(src: string): string {
	let s = src;
	if (s.length > MAX_MARKDOWN) {
		const cut = s.lastIndexOf('\n', MAX_MARKDOWN);
		s = s.slice(0, cut > 0 ? cut : MAX_MARKDOWN);
	}
	const lines = s.split('\n').map(line => {
		const indent = /^[ \t]*/.exec(line)![0];
		if (indent.length > MAX_INDENT) line = ' '.repeat(MAX_INDENT) + line.slice(indent.length);
		const quotes = /^(?:[ \t]*>)+/.exec(line);
		if (quotes && (quotes[0].match(/>/g) ?? []).length > MAX_QUOTE_DEPTH) line = '>'.repeat(MAX_QUOTE_DEPTH) + ' ' + line.slice(quotes[0].length);
		return line;
	});
	const out: string[] = [];
	let block: string[] = [];
	let chars = 0;
	let delimiters = 0;
	const flush = (): void => {
		if (chars > MAX_BLOCK_CHARS || delimiters > MAX_DELIMITERS) {
			// An HTML block: marked copies it through without its inline pass; cheerio reads the text.
			const text = block.filter(l => l.trim() !== '').map(l => escapeHtml(l.trim()));
			out.push('', `<div>${text.join('\n')}</div>`, '');
		} else {
			out.push(...block);
		}
		block = [];
		chars = 0;
		delimiters = 0;
	};
	for (const line of lines) {
		if (BLOCK_START.test(line)) flush();
		block.push(line);
		chars += line.length;
		delimiters += (line.match(/[*_~`[\]\\]/g) ?? []).length;
	}
	flush();
	return out.join('\n');
}
