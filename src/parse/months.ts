/**
 * Month names (lower case, no trailing dot) → month number, for the news-date parser. English with the
 * usual abbreviations (`Sept`), plus German (AndSt writes `Okt 24`), French, Spanish and Italian.
 * Abbreviations that are also common words next to a number ("set", "ago") are left out.
 */
const NAMES: ReadonlyArray<readonly [number, string]> = [
	[1, 'january jan januar jänner jän janvier janv enero ene gennaio gen'],
	[2, 'february feb febr februar février fevrier févr fevr febrero febbraio'],
	[3, 'march mar märz mär maerz mrz mars marzo'],
	[4, 'april apr avril avr abril abr aprile'],
	[5, 'may mai mayo maggio mag'],
	[6, 'june jun juni juin junio giugno giu'],
	[7, 'july jul juli juillet juil julio luglio lug'],
	[8, 'august aug août aout agosto'],
	[9, 'september sep sept septembre septiembre setiembre settembre'],
	[10, 'october oct oktober okt octobre octubre ottobre ott'],
	[11, 'november nov novembre noviembre'],
	[12, 'december dec dezember dez décembre decembre déc diciembre dic dicembre'],
];

export const MONTHS: ReadonlyMap<string, number> = new Map(
	NAMES.flatMap(([n, words]) => words.split(' ').map(w => [w.normalize('NFC'), n] as const)),
);
