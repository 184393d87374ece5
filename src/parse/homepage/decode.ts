/**
 * Bytes of a fetched homepage → text. Order (WHATWG "determine the character encoding"): a BOM, then the
 * HTTP `charset`, then `<meta charset>` / `http-equiv` / an XML declaration (encoding-sniffer's prescan),
 * then — only when nothing is declared — content sniffing: bytes that are valid UTF-8 are UTF-8,
 * otherwise chardet guesses (GBK, Shift_JIS, …).
 *
 * Two deliberate departures so that we never manufacture mojibake:
 * - decoding never fails: invalid sequences become U+FFFD (a jemdoc page declared UTF-8 with a GBK
 *   footer still reads, see Diamondfan@a92da26);
 * - a declared windows-1252/ISO-8859-1 (old servers' default) is overridden when the bytes are valid
 *   UTF-8 containing multi-byte sequences: real Latin-1 prose practically never validates as UTF-8.
 *
 * Mojibake already present in the source (`ÂàòÂ®Å` for 刘威 in a committed Markdown file) is left alone.
 */
import {Sniffer, ResultType} from 'encoding-sniffer/sniffer';
import chardet from 'chardet';
import iconv from 'iconv-lite';

export interface DecodedHomepage {
	text: string;
	/** WHATWG encoding name, lower case (`utf-8`, `gbk`, `shift_jis`). */
	charset: string;
}

const PRESCAN_BYTES = 4096;

/** The `charset` parameter of a Content-Type header, if any (`text/html; charset="GBK"` → `GBK`). */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
	if (!contentType) return undefined;
	const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType);
	return m?.[2];
}

function strictUtf8(bytes: Uint8Array): string | null {
	try {
		return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		return null;
	}
}

function hasMultiByte(bytes: Uint8Array): boolean {
	for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return true;
	return false;
}

/** Decodes with a WHATWG label; falls back to iconv-lite for labels Node's TextDecoder lacks, then to UTF-8. */
function decodeAs(bytes: Uint8Array, label: string): {text: string; charset: string} {
	try {
		const dec = new TextDecoder(label);
		return {text: dec.decode(bytes), charset: dec.encoding};
	} catch {
		if (iconv.encodingExists(label)) return {text: iconv.decode(Buffer.from(bytes), label), charset: label.toLowerCase()};
		return {text: new TextDecoder('utf-8').decode(bytes), charset: 'utf-8'};
	}
}

export function decodeHomepage(bytes: Uint8Array, contentType: string | undefined): DecodedHomepage {
	const sniffer = new Sniffer({maxBytes: PRESCAN_BYTES, transportLayerEncodingLabel: charsetFromContentType(contentType)});
	sniffer.write(bytes.subarray(0, PRESCAN_BYTES));
	const declared = sniffer.resultType !== ResultType.DEFAULT;
	const name = sniffer.encoding.toLowerCase();

	if (declared && name !== 'windows-1252') return decodeAs(bytes, name);
	if (!hasMultiByte(bytes)) return decodeAs(bytes, declared ? name : 'utf-8');
	const utf8 = strictUtf8(bytes);
	if (utf8 !== null) return {text: utf8.charCodeAt(0) === 0xfeff ? utf8.slice(1) : utf8, charset: 'utf-8'};
	if (declared) return decodeAs(bytes, name);
	const guess = chardet.detect(bytes);
	return decodeAs(bytes, guess ?? 'windows-1252');
}
