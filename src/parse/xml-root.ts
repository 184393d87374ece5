/**
 * The root element of an XML document, read from its start tag alone: readers pick the parser
 * for a document from it (RSS to rss-parser, Atom to the DOM reader) without parsing it twice.
 * Namespace-aware: `<rdf:RDF>`, `<RDF xmlns="…">` and `<x:RDF xmlns:x="…">` are one root.
 * Pure: no IO.
 */
import {canonicalNamespace, NS} from './xml-namespaces.js';

export interface XmlRoot {
	/** The tag name as written, prefix included. */
	name: string;
	/** The name without its prefix. */
	local: string;
	/** The root's namespace URI: '' when it has none, null when its prefix is not declared. */
	namespace: string | null;
	/** Namespaces declared on the root: prefix → URI ('' is the default namespace). */
	bindings: ReadonlyMap<string, string>;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const ATTRIBUTE = /\s+([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;

/**
 * The root element's start tag, after the XML declaration, comments, processing instructions and
 * a doctype (its internal subset included). Null when the text does not start like an XML
 * document; the parser then names what is wrong.
 */
export function sniffXmlRoot(text: string): XmlRoot | null {
	let at = 0;
	for (;;) {
		while (at < text.length && /\s/.test(text[at]!)) at++;
		if (text.charCodeAt(at) !== 0x3c /* < */) return null;
		if (text.startsWith('<?', at)) {
			const end = text.indexOf('?>', at + 2);
			if (end === -1) return null;
			at = end + 2;
		} else if (text.startsWith('<!--', at)) {
			const end = text.indexOf('-->', at + 4);
			if (end === -1) return null;
			at = end + 3;
		} else if (text.startsWith('<!', at)) {
			const close = text.indexOf('>', at + 2);
			const subset = text.indexOf('[', at + 2);
			// `<!DOCTYPE x [ <!ENTITY …> ]>`: the declaration ends after the internal subset.
			const end = subset !== -1 && subset < close ? text.indexOf('>', text.indexOf(']', subset)) : close;
			if (close === -1 || end === -1) return null;
			at = end + 1;
		} else {
			return startTag(text, at + 1);
		}
	}
}

function startTag(text: string, from: number): XmlRoot | null {
	NAME.lastIndex = from;
	const name = NAME.exec(text)?.[0];
	if (name === undefined) return null;
	const bindings = new Map<string, string>();
	ATTRIBUTE.lastIndex = from + name.length;
	for (let m = ATTRIBUTE.exec(text); m !== null; m = ATTRIBUTE.exec(text)) {
		const attr = m[1]!;
		const value = canonicalNamespace(decodeXmlEntities(m[2] ?? m[3] ?? ''));
		if (attr === 'xmlns') bindings.set('', value);
		else if (attr.startsWith('xmlns:')) bindings.set(attr.slice(6), value);
	}
	const colon = name.indexOf(':');
	const prefix = colon === -1 ? '' : name.slice(0, colon);
	const namespace = prefix === 'xml' ? NS.xml : (bindings.get(prefix) ?? (prefix === '' ? '' : null));
	return {name, local: name.slice(colon + 1), namespace, bindings};
}

function decodeXmlEntities(s: string): string {
	if (!s.includes('&')) return s;
	return s.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#x([0-9a-f]{1,6}));/gi, (whole, named: string | undefined, dec: string | undefined, hex: string | undefined) => {
		if (named !== undefined) return {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"}[named.toLowerCase() as 'amp'];
		const cp = dec !== undefined ? Number(dec) : Number.parseInt(hex!, 16);
		return cp <= 0x10ffff ? String.fromCodePoint(cp) : whole;
	});
}
