/**
 * Widths: how many terminal columns text takes (so CJK and emoji line up in columns), and text
 * cut, padded and wrapped to a number of columns, so nothing is drawn past the terminal's edge.
 */
import stringWidth from 'string-width';
import {PAPER_BADGE} from './labels.js';
import {clean} from './terminal.js';

/**
 * Text whose every character takes one column on its own and joins no neighbour into a wider or
 * narrower grapheme: printable ASCII, Latin-1 and the Latin extensions, Greek, Cyrillic, general
 * punctuation (· — … •) and box drawing (the detail pane's rule), with no combining marks,
 * joiners or variation selectors. Its width is its length, with no grapheme work: most text is
 * such text, and measuring it grapheme by grapheme was most of the cost of drawing a row.
 * test/ui/format/width.test.ts checks every character of the class against string-width.
 */
export const ONE_COLUMN_TEXT =
	/^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03ff\u0400-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e\u2500-\u257f]*$/;

export function width(text: string): number {
	return ONE_COLUMN_TEXT.test(text) ? text.length : displayWidth(text);
}

/**
 * One-column text that may also hold our paper badge (📄: two columns, two UTF-16 units, a
 * grapheme of its own next to any of the class) and SGR colour codes (no columns): what nearly
 * every drawn row is. Ink measures each row once more as a styled line (row-output, widest-line),
 * and string-width took each such row grapheme by grapheme through an emoji regex.
 */
const LENGTH_IS_WIDTH = new RegExp(`^(?:${ONE_COLUMN_TEXT.source.slice(1, -2)}|\\u{1F4C4}|\\u001b\\[[0-9;]*m)*$`, 'u');
const SGR = /\u001b\[[0-9;]*m/g;

/** string-width's answer, without its per-grapheme work for text of LENGTH_IS_WIDTH. */
export function displayWidth(text: string): number {
	if (!LENGTH_IS_WIDTH.test(text)) {
		// string-width strips every escape, then adds up its graphemes' widths one by one: the same
		// sum, each grapheme through graphemeWidth, when colour codes are the only escapes.
		const plain = text.includes('\u001b') ? text.replace(SGR, '') : text;
		if (plain.includes('\u001b') || plain.includes('\u009b')) return stringWidth(text);
		return widthUpTo(plain, Infinity);
	}
	if (!text.includes('\u001b')) return text.length;
	let codes = 0;
	for (const m of text.matchAll(SGR)) codes += m[0].length;
	return text.length - codes;
}

/**
 * Built on first use: the first Intl object of a process loads ICU's locale data, which a frame of
 * one-column text never needs (scripts/bundle.mjs defers the dependencies' segmenters likewise).
 */
let segmenter: Intl.Segmenter | undefined;
const graphemes = (text: string): Intl.Segments => (segmenter ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'})).segment(text);

/**
 * One character of the common wide blocks, a grapheme of its own: hiragana and katakana, CJK
 * unified ideographs, Hangul syllables, fullwidth forms. Two columns, string-width's answer
 * (test/ui/format/width.test.ts checks every one), without its emoji regex: string-width tests each
 * grapheme that is not ASCII against \p{RGI_Emoji}, the largest part of drawing the first frame
 * in a CPU profile of the 100,000-item benchmark home (about 20 ms sampled, profiler included), and
 * the first such test builds the regex (13 ms; see scripts/bundle.mjs).
 */
const TWO_COLUMN_CHARACTER = /^[\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff60]$/;

/** The display width of one grapheme (a segment of the grapheme segmenter): string-width's answer. */
export function graphemeWidth(segment: string): number {
	if (ONE_COLUMN_TEXT.test(segment)) return segment.length;
	// The paper badge, on nearly every screen: the one emoji measured without string-width.
	if (TWO_COLUMN_CHARACTER.test(segment) || segment === PAPER_BADGE) return 2;
	return stringWidth(segment);
}

/**
 * The display width of `text`, or any number above `limit` once it is known to be wider: the
 * cost is bounded by what fits on screen, however long the text (fetched text can be a 40,000
 * character paragraph; an offline refresh's summary once listed 921 failures every frame).
 */
export function widthUpTo(text: string, limit: number): number {
	if (ONE_COLUMN_TEXT.test(text)) return text.length;
	// With our paper badge (a row's "📄 "): still its length, and no grapheme segmenter to build.
	if (!text.includes('\u001b') && LENGTH_IS_WIDTH.test(text)) return text.length;
	let used = 0;
	for (const {segment} of graphemes(text)) {
		used += graphemeWidth(segment);
		if (used > limit) return used;
	}
	return used;
}

/**
 * Cuts `text` to at most `columns` display columns, ending in `…` when cut. Grapheme by grapheme,
 * so an emoji or a CJK character is never split and the result is never wider than asked
 * (cli-truncate can overshoot by one column on wide emoji).
 */
export function truncate(text: string, columns: number): string {
	if (columns <= 0) return '';
	if (ONE_COLUMN_TEXT.test(text)) return text.length <= columns ? text : text.slice(0, columns - 1) + '…';
	if (text.length <= columns && !text.includes('\u001b') && LENGTH_IS_WIDTH.test(text)) return text;
	// One pass that stops at the first grapheme past the edge: `keep` ends the longest prefix
	// that leaves a column for the ellipsis.
	let used = 0;
	let keep = 0;
	for (const {segment, index} of graphemes(text)) {
		used += graphemeWidth(segment);
		if (used > columns) return text.slice(0, keep) + '…';
		if (used <= columns - 1) keep = index + segment.length;
	}
	return text;
}

/** `text` cut or padded with spaces to exactly `columns` display columns. */
export function fit(text: string, columns: number): string {
	const cut = truncate(text, columns);
	return cut + ' '.repeat(Math.max(0, columns - width(cut)));
}

/** Like `fit` but aligned right (counts). */
export function fitRight(text: string, columns: number): string {
	const cut = truncate(text, columns);
	return ' '.repeat(Math.max(0, columns - width(cut))) + cut;
}

function hardBreak(word: string, columns: number): string[] {
	const out: string[] = [];
	// A URL, most often: one column and one grapheme per character, so lines of `columns` characters.
	if (ONE_COLUMN_TEXT.test(word)) {
		for (let i = 0; i < word.length; i += columns) out.push(word.slice(i, i + columns));
		return out;
	}
	let line = '';
	let used = 0;
	for (const {segment} of graphemes(word)) {
		const w = graphemeWidth(segment);
		if (line !== '' && used + w > columns) {
			out.push(line);
			line = '';
			used = 0;
		}
		line += segment;
		used += w;
	}
	if (line !== '') out.push(line);
	return out;
}

/** Word-wraps text to `columns` display columns; words longer than a line (URLs) are broken. */
export function wrap(text: string, columns: number): string[] {
	const cols = Math.max(1, columns);
	const lines: string[] = [];
	for (const paragraph of clean(text).split('\n')) {
		let line = '';
		for (const word of paragraph.split(' ')) {
			if (word === '') continue;
			const w = width(word);
			if (w > cols) {
				if (line !== '') lines.push(line);
				const pieces = hardBreak(word, cols);
				lines.push(...pieces.slice(0, -1));
				line = pieces[pieces.length - 1] ?? '';
			} else if (line === '') {
				line = word;
			} else if (width(line) + 1 + w <= cols) {
				line += ' ' + word;
			} else {
				lines.push(line);
				line = word;
			}
		}
		lines.push(line);
	}
	return lines;
}
