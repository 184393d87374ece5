/**
 * Is a configured researcher one of a paper's authors? Names are compared by tokens after
 * dropping accents, case and punctuation, so these all match "Leqi Liu":
 * "Liu, Leqi", "Liu Leqi" (family name first), "L. Liu", "LEQI LIU", "Leqi M. Liu".
 * Likewise "André Martins" matches "Andre F. T. Martins" and "A. Martins".
 * The family name must match in full; the given name may be an initial. A one-word name
 * matches only the same one word. Pure functions: no IO.
 */

const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv']);

/** Letters NFKD does not decompose into a base letter plus a mark. */
const FOLD: Record<string, string> = {ø: 'o', ł: 'l', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', þ: 'th', ð: 'd'};

/** A name as lower-case ASCII-ish tokens, given names first ("Liu, Leqi" → ["leqi", "liu"]). */
export function nameTokens(name: string): string[] {
	let s = name
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[øłđßæœıþð]/g, c => FOLD[c] ?? c)
		// O'Brien, D’Amour: one word.
		.replace(/['’`]/g, '');
	const comma = s.indexOf(',');
	if (comma >= 0) {
		// "Liu, Leqi" and "Liu, Jr., Leqi": family name before the first comma.
		const family = s.slice(0, comma);
		const given = s.slice(comma + 1);
		s = `${given} ${family}`;
	}
	return s
		.split(/[^\p{L}\p{N}]+/u)
		.filter(t => t !== '' && !SUFFIXES.has(t));
}

function givenCompatible(a: string, b: string): boolean {
	if (a === b) return true;
	if (a.length === 1) return b.startsWith(a);
	if (b.length === 1) return a.startsWith(b);
	return false;
}

function sameName(researcher: string[], author: string[]): boolean {
	const rLast = researcher[researcher.length - 1];
	const aLast = author[author.length - 1];
	if (rLast === undefined || aLast === undefined || rLast !== aLast || rLast.length < 2) return false;
	return givenCompatible(researcher[0]!, author[0]!);
}

/** True when `author` (as the arXiv API lists it) names the researcher called `researcher`. */
export function authorMatches(researcher: string, author: string): boolean {
	const r = nameTokens(researcher);
	const a = nameTokens(author);
	if (r.length === 0 || a.length === 0) return false;
	if (r.length === 1 || a.length === 1) return r.join(' ') === a.join(' ');
	if (sameName(r, a)) return true;
	// Family name first without a comma ("Liu Leqi"), on either side.
	const rotations = [[...a.slice(1), a[0]!], [a[a.length - 1]!, ...a.slice(0, -1)]];
	return rotations.some(rotated => sameName(r, rotated));
}

/** True when the researcher is one of `authors`. */
export function isAuthor(researcher: string, authors: readonly string[]): boolean {
	return authors.some(author => authorMatches(researcher, author));
}
