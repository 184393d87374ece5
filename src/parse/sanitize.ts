/**
 * Everything research-feed fetches is hostile until it has been through here.
 * Text goes through `cleanText` before it is stored or shown (a terminal obeys escape sequences,
 * so one fetched string could rewrite the clipboard, the window title or the screen);
 * URLs go through `safeHttpUrl` before they are stored or opened.
 * Pure functions: no IO.
 */

/**
 * One regex, one pass. Order of the alternatives matters: longer escape forms come before
 * the catch-all single characters, so an escape sequence goes as a whole (its parameters too).
 * The payload classes of the string controls stop at the next ESC, so an unterminated one only
 * loses its introducer (the rest is harmless text) and scanning stays linear.
 */
const HOSTILE = new RegExp(
	[
		// CSI: ESC [ parameters intermediates final (a truncated CSI loses what it has).
		String.raw`\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`,
		// OSC (title, OSC 52 clipboard, hyperlinks), DCS, SOS, PM, APC with their payload, up to BEL or ST.
		String.raw`\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)`,
		// Every other escape (ESC 7, ESC ( B, ESC c, …), or a lone ESC.
		String.raw`\x1b[\x20-\x2f]*[\x30-\x7e]?`,
		// 8-bit CSI with its parameters.
		String.raw`\x9b[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?`,
		// 8-bit DCS, SOS, OSC, PM, APC strings with their payload.
		String.raw`[\x90\x98\x9d-\x9f][^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)`,
		// Line endings: CRLF and lone CR become LF (in the replacer).
		String.raw`\r\n?`,
		// Remaining C0 controls (not \t \n), DEL, remaining C1 controls.
		String.raw`[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]`,
		// Bidi embeddings/overrides/isolates/marks, zero-width space and non-joiner, word joiner,
		// invisible operators, BOM, Mongolian vowel separator.
		String.raw`[\u061c\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]`,
		// ZWJ survives only between two emoji (👨‍👩‍👧, 🏳️‍🌈, 👩🏽‍💻).
		String.raw`(?<!\p{Extended_Pictographic}[\p{Emoji_Modifier}\ufe0f]{0,2})\u200d|\u200d(?!\p{Extended_Pictographic})`,
		// Unicode tag characters hide text ("ASCII smuggling"); they are kept only as the short
		// tail of a subdivision flag (🏴 + up to 7 tags, e.g. Scotland).
		String.raw`(?<!\u{1F3F4}[\u{E0020}-\u{E007E}]{0,7})[\u{E0000}-\u{E007F}]`,
		// Unpaired surrogates (in /u mode this class matches only lone halves).
		String.raw`[\ud800-\udfff]`,
		// Replaced, not removed (see the replacer): NBSP → space, LS/PS → newline.
		String.raw`[\u00a0\u2028\u2029]`,
	].join('|'),
	'gu',
);

/** Cheap pre-check: most strings contain none of the characters HOSTILE can act on. */
const SUSPECT = /[\x00-\x08\x0b-\x1f\x7f-\xa0\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]|[\u{E0000}-\u{E007F}]/u;

function replaceHostile(match: string): string {
	if (match === '\u00a0') return ' ';
	if (match[0] === '\r' || match === '\u2028' || match === '\u2029') return '\n';
	return '';
}

/**
 * Make fetched text safe to store and print in a terminal.
 *
 * Removes: every ESC-based control sequence with its parameters and payload (CSI, OSC incl.
 * OSC 52 and title changes, DCS/SOS/PM/APC, two-character escapes); 8-bit C1 controls
 * U+0080–U+009F (the 8-bit CSI with its parameters); C0 controls except `\t` and `\n`; DEL;
 * bidi controls (U+202A–E, U+2066–9, U+200E/F, U+061C); U+200B, U+200C, U+2060–U+2064,
 * U+FEFF, U+180E; U+200D unless it joins two emoji; Unicode tag characters unless they end a
 * flag; unpaired surrogates.
 * Converts: CRLF, lone CR, U+2028 and U+2029 to `\n`; NBSP to a space.
 * Keeps everything else, including `\t`, runs of spaces and blank lines (see `cleanInline`).
 * Idempotent: cleanText(cleanText(s)) === cleanText(s).
 */
export function cleanText(s: string): string {
	if (!SUSPECT.test(s)) return s;
	return s.replace(HOSTILE, replaceHostile);
}

/** `cleanText`, then every whitespace run becomes one space, trimmed: for titles, link text, one-line rows. */
export function cleanInline(s: string): string {
	return cleanText(s).replace(/\s+/g, ' ').trim();
}

export const TRUNCATION_MARKER = '… [truncated]';

/**
 * Cut `s` to at most `maxChars` UTF-16 code units plus `marker`, on a code-point boundary
 * (a surrogate pair is never split). Text that fits is returned unchanged.
 */
export function truncateText(s: string, maxChars: number, marker: string = TRUNCATION_MARKER): string {
	if (s.length <= maxChars) return s;
	let end = Math.max(0, Math.floor(maxChars));
	const last = s.charCodeAt(end - 1);
	if (end > 0 && last >= 0xd800 && last <= 0xdbff) end -= 1;
	return s.slice(0, end).trimEnd() + marker;
}

/** Longer URLs are not links anyone meant to share; they only bloat the cache. */
export const MAX_URL_LENGTH = 8192;

/** Whitespace, controls and invisible formatting characters make a URL unsafe to show or open. */
const UNSAFE_URL_CHARS = /[\s\x00-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;

/**
 * The absolute http(s) URL `raw` denotes (resolved against `base` when relative), or null.
 * `raw` is trimmed; anything else with whitespace or control characters, any other scheme
 * (`javascript:`, `data:`, `file:`, `mailto:` …) and unparseable input give null.
 * Credentials (`https://paypal.com@evil.example/`) are dropped: they only serve to disguise the host.
 * Returns the WHATWG-normalised `href` (punycode host, percent-encoded path).
 */
export function safeHttpUrl(raw: string, base?: string): string | null {
	if (typeof raw !== 'string') return null;
	const s = raw.trim();
	if (s === '' || s.length > MAX_URL_LENGTH || UNSAFE_URL_CHARS.test(s)) return null;
	let url: URL;
	try {
		url = new URL(s);
	} catch {
		// Relative: needs a base (a bad base makes the link unusable, not an error).
		if (base === undefined) return null;
		try {
			url = new URL(s, base);
		} catch {
			return null;
		}
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
	if (url.hostname === '') return null;
	url.username = '';
	url.password = '';
	return url.href.length > MAX_URL_LENGTH ? null : url.href;
}

/**
 * Top-level domains that make bare text like `paypal.com` read as a hostname. A curated list
 * rather than "any 2+ letters", so `Node.js`, `README.md` or `setup.py` do not count.
 */
const HOST_TLDS = new Set(
	(
		'com org net edu gov mil int info biz io ai dev app co me xyz site online tech page blog cloud ' +
		'news link live store shop top wiki social science ly gl gg tv fm to cc us uk de fr cn jp kr ru ' +
		'in ca au nz nl es it ch se no fi dk pl cz at be br eu sg hk tw il ir pt gr hu ro ie mx ar za ' +
		'tr ua vn id th my ph'
	).split(' '),
);

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Host named by link text, or null when the text does not read as a hostname or URL. */
function hostInText(text: string): string | null {
	let t = text.trim().replace(/(?:\.{3}|…)$/, '');
	if (/\s/.test(t) || t === '') return null;
	const hasScheme = /^https?:\/\//i.test(t);
	if (!hasScheme) {
		if (/^[a-z][a-z0-9+.-]*:/i.test(t) && !/^[^:/]+:\d/.test(t)) return null; // another scheme
		t = 'http://' + t;
	}
	let host: string;
	try {
		host = new URL(t).hostname;
	} catch {
		return null;
	}
	host = host.replace(/\.$/, '');
	if (hasScheme) return host === '' ? null : host;
	// Without a scheme the text must look like a domain name with a known TLD.
	const labels = host.split('.');
	if (labels.length < 2 || !labels.every(l => HOST_LABEL.test(l))) return null;
	const tld = labels[labels.length - 1]!;
	if (!HOST_TLDS.has(tld) && !tld.startsWith('xn--') && !host.startsWith('www.')) return null;
	return host;
}

function stripWww(host: string): string {
	return host.startsWith('www.') ? host.slice(4) : host;
}

/**
 * True when the visible `text` of a link reads as a hostname or URL (`github.com/…`,
 * `https://paypal.com`) but `url` goes to a different host: the classic disguised link.
 * `www.` is ignored, and a subdomain of the named host is not a mismatch (text `github.com`,
 * link to `gist.github.com`). Text shortened by a composer (`github.com/HumainLab/Pe...`)
 * is judged by its host. Ordinary words (`Paper`, `Node.js`) never count.
 */
export function linkTextMismatch(text: string, url: string): boolean {
	const named = hostInText(cleanInline(text));
	if (named === null) return false;
	let actual: string;
	try {
		actual = new URL(url).hostname.replace(/\.$/, '');
	} catch {
		return true; // text names a host, the target is not even a URL
	}
	const a = stripWww(named.toLowerCase());
	const b = stripWww(actual.toLowerCase());
	return !(b === a || b.endsWith('.' + a));
}

/**
 * True when link `text` is the target URL shortened by a composer or CMS
 * (`github.com/HumainLab/Pe...` for `https://github.com/HumainLab/Personalized-RLHF`):
 * the text, without scheme, `www.` and the ellipsis, is a prefix of the URL without them.
 * Callers show the full URL instead (the contract's "shortened link text expanded").
 */
export function isShortenedUrlText(text: string, url: string): boolean {
	const t = text.trim();
	const m = /^(.*?)(?:\.{3}|…)$/.exec(t);
	if (m === null) return false;
	const bare = (s: string): string => s.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
	const prefix = bare(m[1]!);
	if (prefix.length < 4 || /\s/.test(prefix) || !prefix.includes('.')) return false;
	let target = bare(url);
	try {
		// Compare against the decoded form too: composers shorten what they display.
		target = decodeURI(target);
	} catch {
		// keep the encoded form
	}
	return target.toLowerCase().startsWith(prefix.toLowerCase()) || bare(url).toLowerCase().startsWith(prefix.toLowerCase());
}
