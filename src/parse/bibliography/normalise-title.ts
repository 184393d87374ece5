/**
 * Titles compared for "same paper": a preprint and its published version are one paper when their
 * normalised titles are equal (CONTRACT.md, bibliography sources). What differs between the two
 * without the paper being another one: case, accents, punctuation and dashes, a trailing period
 * (dblp), LaTeX (`$G_2$`, `{BERT}`, `\emph{…}`, `\"o`), publishers' inline markup (`<i>`), entities
 * and whitespace. Pure: no IO.
 */
import {decodeEntities} from './common.js';

/** Letters NFKD does not split into a base letter and a mark. */
const FOLD: Record<string, string> = {ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd', ŋ: 'n'};

const GREEK = new Map(
	'alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega'
		.split(' ')
		.flatMap((name, i) => {
			// ς (U+03C2) sits between ρ and σ.
			const lower = String.fromCodePoint(0x3b1 + i + (i >= 17 ? 1 : 0));
			return [
				[name, lower],
				[name[0]!.toUpperCase() + name.slice(1), lower.toUpperCase()],
			] as Array<[string, string]>;
		}),
);

/** Titles beyond this many characters are compared on their start only. */
const MAX_COMPARED = 2000;

/** The form two titles are compared in: lower-case ASCII-ish words separated by single spaces. */
export function normaliseTitle(title: string): string {
	let s = title.slice(0, MAX_COMPARED * 2);
	s = decodeEntities(s.replace(/<\/?[A-Za-z][\w:.-]*(?:\s[^<>]*)?\/?>/g, ''));
	s = s
		// LaTeX accents written as commands (\"o, \'{e}, \c{c}) keep their letter; Greek letters
		// (\beta) become the letters publishers print (β).
		.replace(/\\[`'^"~=.]\s*\{?([A-Za-z])\}?/g, '$1')
		.replace(/\\[uvHcdbkr]\{([A-Za-z])\}/g, '$1')
		.replace(/\\(?:var)?([A-Za-z]+)/g, (whole, name: string) => GREEK.get(name) ?? whole)
		// \emph{x}, \textbf{x}, \mathcal{x}: the argument stays; other commands (\alpha) keep their name.
		.replace(/\\([A-Za-z]+)\s*(?=\{)/g, '')
		.replace(/\\([A-Za-z]+)/g, '$1')
		// Math delimiters, grouping braces and sub/superscript marks go; their content stays ($G_2$ = G₂ = G2).
		.replace(/[${}_^]/g, '');
	s = s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[øłđßæœıþðŋ]/g, c => FOLD[c] ?? c)
		// Apostrophes join (Don't, Bayes' rule); every other non-letter, non-digit separates.
		.replace(/['’`]/g, '')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
	return s.slice(0, MAX_COMPARED).trimEnd();
}

/** Whether two titles name the same paper: equal normalised forms of at least two words and 12 characters. */
export function sameTitle(a: string, b: string): boolean {
	const x = normaliseTitle(a);
	return x.length >= 12 && x.includes(' ') && x === normaliseTitle(b);
}
