/**
 * The XML reader for Atom feeds, arXiv API responses and OPML: one pass of htmlparser2's
 * tokenizer (XML mode) into a domhandler tree, the DOM the rest of the project walks, with the
 * checks of a strict XML parser that matter here (xml-tokenize.ts, shared with the bibliography
 * services' lean reader), so that a broken document is an error instead of being half read:
 * - every end tag closes the element it should (`Unexpected close tag`, `Unmatched closing tag`);
 * - the document ends with every element closed (`Unclosed root tag`: a truncated download);
 * - exactly one root element, and no text outside it.
 * Entities beyond XML's five and character references are left as written: a doctype's entity
 * declarations are never expanded. Nesting and element count are bounded while the tree is built,
 * with the markup guard's limits, so no hostile document needs a separate scan first.
 * Pure: no IO.
 */
import {DomHandler, DomUtils} from 'htmlparser2';
import type {AnyNode, Document, Element} from 'domhandler';
import {MAX_ELEMENTS, MAX_NESTING} from './markup-guard.js';
import {CheckedXmlBuilder, tokenizeXml, XmlSyntaxError} from './xml-tokenize.js';
import {canonicalNamespace, NS} from './xml-namespaces.js';

export {XmlSyntaxError, XmlTooComplexError} from './xml-tokenize.js';

export interface XmlLimits {
	maxNesting?: number;
	maxElements?: number;
}

/** Parses `xml` into a tree. Throws XmlSyntaxError or XmlTooComplexError. */
export function parseXml(xml: string, limits: XmlLimits = {}): Document {
	const builder = new TreeBuilder(xml, limits.maxNesting ?? MAX_NESTING, limits.maxElements ?? MAX_ELEMENTS);
	tokenizeXml(xml, builder);
	return builder.handler.root;
}

class TreeBuilder extends CheckedXmlBuilder {
	readonly handler = new DomHandler(undefined, {xmlMode: true});

	protected openElement(name: string, attribs: Record<string, string>): void {
		this.handler.onopentag(name, attribs);
	}

	protected closeElement(): void {
		this.handler.onclosetag();
	}

	protected text(text: string): void {
		this.handler.ontext(text);
	}

	protected cdata(text: string): void {
		this.handler.oncdatastart();
		this.handler.ontext(text);
		this.handler.oncdataend();
	}

	protected end(): void {
		this.handler.onend();
	}
}

// ---------------------------------------------------------------- reading the tree

export function isElement(node: AnyNode): node is Element {
	return DomUtils.isTag(node);
}

/** The name without its prefix. */
export function localName(el: Element): string {
	const colon = el.name.indexOf(':');
	return colon === -1 ? el.name : el.name.slice(colon + 1);
}

/**
 * The element's namespace URI from the declarations in scope: '' when it has none, null when its
 * prefix is declared nowhere (such an element belongs to no namespace a reader knows).
 */
export function namespaceOf(el: Element): string | null {
	const colon = el.name.indexOf(':');
	const prefix = colon === -1 ? '' : el.name.slice(0, colon);
	if (prefix === 'xml') return NS.xml;
	const attr = prefix === '' ? 'xmlns' : `xmlns:${prefix}`;
	for (let n: Element | null = el; n !== null; n = n.parent !== null && isElement(n.parent) ? n.parent : null) {
		const uri = n.attribs[attr];
		if (uri !== undefined) return canonicalNamespace(uri);
	}
	return prefix === '' ? '' : null;
}

/** Whether `el` is `local` in namespace `ns`. */
export function isNamed(el: Element, ns: string, local: string): boolean {
	return localName(el) === local && namespaceOf(el) === ns;
}

/** Child elements of `el` named `local` in namespace `ns`, in order. */
export function childrenNamed(el: Element | Document, ns: string, local: string): Element[] {
	const out: Element[] = [];
	for (const child of el.children) if (isElement(child) && isNamed(child, ns, local)) out.push(child);
	return out;
}

export function firstChildNamed(el: Element | Document, ns: string, local: string): Element | null {
	for (const child of el.children) if (isElement(child) && isNamed(child, ns, local)) return child;
	return null;
}

/** The document's root element. */
export function rootElement(doc: Document): Element {
	const root = doc.children.find(isElement);
	// parseXml guarantees one.
	if (root === undefined) throw new XmlSyntaxError('no root element', 1, 1);
	return root;
}

/** Text of a node: its text and CDATA descendants, in order (iterative: nesting depth costs no stack). */
export function textOf(node: AnyNode): string {
	if (DomUtils.isText(node)) return node.data;
	let out = '';
	const stack: AnyNode[] = [node];
	while (stack.length > 0) {
		const n = stack.pop()!;
		if (DomUtils.isText(n)) out += n.data;
		else if (DomUtils.isCDATA(n) || isElement(n)) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
	}
	return out;
}
