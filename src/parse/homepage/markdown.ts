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
	return md.parse(prepareMarkdown(src), {async: false});
}
