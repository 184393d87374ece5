/**
 * A linear pre-check of HTML/XML before it reaches a DOM parser. The HTML parser (parse5, via
 * cheerio) does work proportional to the depth of open elements for every tag, and our DOM
 * walkers recurse: a hostile page of a million nested `<div>`s would block the process for
 * hours or overflow the stack. This scan estimates both (the deepest nesting, and the sum of the
 * depths at which elements open — the parser's work) and names the problem when either is beyond
 * anything a real page needs. Pure: no IO.
 */

/** Real pages nest a few dozen levels; sloppy ones with unclosed `<font>`s a few hundred. */
export const MAX_NESTING = 1_000;
/** Sum of open-element depths: well under a second of parser work. A 1 MB page at depth 30 uses about 1 M. */
export const MAX_NESTING_WORK = 20_000_000;
/**
 * Elements in one document. A DOM costs a few KB per element (50 000 tiny ones: ~100 MB), so this
 * bounds memory; a large real page (hundreds of papers) has about 10 000.
 */
export const MAX_ELEMENTS = 50_000;

/** Elements that never hold children. */
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'keygen', 'basefont', 'bgsound', 'frame', 'image']);
/** Elements whose end tag may be omitted: the parser closes them itself, so they do not deepen the tree. */
const OPTIONAL_END = new Set(['p', 'li', 'dt', 'dd', 'tr', 'td', 'th', 'option', 'optgroup', 'tbody', 'thead', 'tfoot', 'colgroup', 'rb', 'rt', 'rp', 'rtc', 'html', 'head', 'body']);
/** Elements whose content is text, not markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes', 'iframe']);

const NAME = /[a-zA-Z][a-zA-Z0-9:_-]*/y;

/** The reasons given for markup beyond the limits (also by the XML reader, which counts while it builds). */
export function tooDeeplyNested(maxNesting: number = MAX_NESTING): string {
	return `markup nested too deeply to read safely (over ${maxNesting} levels)`;
}

export function tooManyElements(maxElements: number = MAX_ELEMENTS): string {
	return `markup has too many elements to read safely (over ${maxElements})`;
}

/** Why `markup` is too deeply nested to parse safely, or null when it is fine. */
export interface MarkupLimits {
	maxNesting?: number;
	maxWork?: number;
	maxElements?: number;
	/**
	 * Elements outside any other. For fragments: cheerio/parse5 move each top-level node of a
	 * fragment with an indexOf + splice on the parent's child array, which is quadratic in their number.
	 */
	maxTopLevel?: number;
}

export function markupTooComplex(markup: string, limits: MarkupLimits = {}): string | null {
	const maxNesting = limits.maxNesting ?? MAX_NESTING;
	const maxWork = limits.maxWork ?? MAX_NESTING_WORK;
	const maxElements = limits.maxElements ?? MAX_ELEMENTS;
	const maxTopLevel = limits.maxTopLevel ?? Number.POSITIVE_INFINITY;
	let depth = 0;
	let work = 0;
	let elements = 0;
	let topLevel = 0;
	let at = markup.indexOf('<');
	while (at !== -1) {
		const next = markup.charCodeAt(at + 1);
		if (next === 0x21 /* ! */) {
			// Comments and CDATA hold no elements (CDATA in feeds is checked when it is parsed as HTML).
			const end = markup.startsWith('<!--', at) ? markup.indexOf('-->', at + 4) : markup.startsWith('<![CDATA[', at) ? markup.indexOf(']]>', at + 9) : markup.indexOf('>', at + 2);
			if (end === -1) break;
			at = markup.indexOf('<', end);
			continue;
		}
		const closing = next === 0x2f; /* / */
		NAME.lastIndex = at + (closing ? 2 : 1);
		const match = NAME.exec(markup);
		if (!match) {
			at = markup.indexOf('<', at + 1);
			continue;
		}
		const name = match[0].toLowerCase();
		const end = markup.indexOf('>', NAME.lastIndex);
		if (end === -1) break; // no complete tag after this point
		if (closing) {
			if (!VOID.has(name) && !OPTIONAL_END.has(name) && depth > 0) depth--;
			at = markup.indexOf('<', end);
			continue;
		}
		const selfClosing = markup.charCodeAt(end - 1) === 0x2f;
		const nests = !selfClosing && !VOID.has(name) && !OPTIONAL_END.has(name);
		if (depth === 0 && ++topLevel > maxTopLevel) return `markup has too many top-level elements to read safely (over ${maxTopLevel})`;
		if (++elements > maxElements) return tooManyElements(maxElements);
		if (nests) depth++;
		// Every start tag, void ones too, may make the parser scan the open elements.
		work += depth + 1;
		if (depth > maxNesting) return tooDeeplyNested(maxNesting);
		if (work > maxWork) return 'markup too deeply nested throughout to read safely';
		let resume = end;
		if (RAW_TEXT.has(name) && !selfClosing) {
			// Text until the matching end tag, in any case (its end tag then closes the element).
			const closeTag = new RegExp(`</${name}`, 'gi');
			closeTag.lastIndex = end;
			const close = closeTag.exec(markup);
			if (close === null) break;
			resume = close.index;
		}
		at = markup.indexOf('<', resume);
	}
	return null;
}
