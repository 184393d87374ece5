/**
 * Whether a string that may be plain text or HTML (a link card's description, filled from a page's
 * Open Graph tags) holds markup or character references. Only common elements written the way
 * markup writes them count, so plain text like `a < b`, `x<y and z>w`, `Vec<T>` or `R&D` stays as
 * written. Pure: no IO.
 */

const ELEMENTS = 'a|p|br|div|span|img|em|strong|b|i|u|s|q|sub|sup|small|mark|cite|code|pre|ul|ol|li|h[1-6]|blockquote|table|tr|td|th|hr';
/** `name="v"`, `name='v'` or `name=v`: a bare word is not taken for an attribute (`<b and c>`). */
const ATTRIBUTE = String.raw`\s+[a-z_:][-\w:.]*\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>\x60]+)`;

const MARKUP = new RegExp(
	[
		String.raw`<(?:${ELEMENTS})(?:${ATTRIBUTE})*\s*\/?>`,
		String.raw`<\/(?:${ELEMENTS})\s*>`,
		String.raw`&(?:[a-z][a-z0-9]{1,31}|#\d{1,7}|#x[0-9a-f]{1,6});`,
	].join('|'),
	'i',
);

export function looksLikeHtml(s: string): boolean {
	return MARKUP.test(s);
}
