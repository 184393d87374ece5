/**
 * A lean, strict XML reader for the bibliography services' documents (dblp person XML, arXiv author
 * listings). parse/xml-dom.ts builds a full domhandler tree (parents, siblings, positions: about
 * 400 bytes an element), which is fine for a feed but not for the record list of a prolific author
 * (a 3 MB dblp file is 130 000 elements). This reader keeps only names, attributes, children and
 * text, can leave whole subtrees out (`skip`, e.g. dblp's co-author list), and checks what
 * xml-dom.ts checks, with the same code (xml-tokenize.ts): matched end tags, one root, no text
 * outside it, nothing left open (a truncated download is an error, not half a document).
 * Namespaces are resolved from the declarations in scope, so readers match elements by namespace
 * URI whatever prefix a document uses.
 * Entities: XML's five and character references are decoded by the tokenizer; others stay as
 * written (callers decode HTML's Latin-1 names themselves, see common.ts). Pure: no IO.
 */
import {CheckedXmlBuilder, tokenizeXml} from '../xml-tokenize.js';
import {canonicalNamespace, NS} from '../xml-namespaces.js';

export interface LeanElement {
	/** The name as written, prefix included. */
	name: string;
	/** The name without its prefix. */
	local: string;
	/** Namespace URI: '' when none, null when the prefix is declared nowhere. */
	ns: string | null;
	attrs: Record<string, string>;
	/** Child elements and text, in document order (adjacent text is one string). */
	children: Array<LeanElement | string>;
}

export interface LeanOptions {
	/** Elements in the whole document, skipped ones included (default 1 000 000). */
	maxElements?: number;
	/** Open elements at once (default 1000). */
	maxNesting?: number;
	/** Leave this element (and everything inside it) out of the tree; it is still checked. */
	skip?: (name: string, attrs: Readonly<Record<string, string>>, depth: number) => boolean;
	/**
	 * Hand each child of the root to this function when it closes, instead of keeping it in the tree:
	 * a long record list then costs the memory of one record at a time. A document that turns out
	 * not to be well-formed still throws, after the children before the error were handed over.
	 */
	onRootChild?: (el: LeanElement) => void;
}

type Bindings = ReadonlyMap<string, string>;

/** An open element, beside the name the well-formedness checks keep. */
interface Open {
	/** The kept element, or null inside a skipped subtree. */
	el: LeanElement | null;
	bindings: Bindings;
}

const NO_BINDINGS: Bindings = new Map();

class LeanBuilder extends CheckedXmlBuilder {
	root: LeanElement | null = null;
	private readonly frames: Open[] = [];

	constructor(
		xml: string,
		maxNesting: number,
		maxElements: number,
		private readonly skip: LeanOptions['skip'],
		private readonly onRootChild: LeanOptions['onRootChild'],
	) {
		super(xml, maxNesting, maxElements);
	}

	protected text(text: string): void {
		const el = this.frames.at(-1)?.el;
		if (el === null || el === undefined) return;
		const last = el.children.length - 1;
		if (last >= 0 && typeof el.children[last] === 'string') el.children[last] += text;
		else el.children.push(text);
	}

	protected cdata(text: string): void {
		this.text(text);
	}

	protected openElement(name: string, attribs: Record<string, string>, depth: number): void {
		const parent = this.frames.at(-1);
		let bindings = parent?.bindings ?? NO_BINDINGS;
		for (const [attr, uri] of Object.entries(attribs)) {
			if (attr !== 'xmlns' && !attr.startsWith('xmlns:')) continue;
			if (bindings === (parent?.bindings ?? NO_BINDINGS)) bindings = new Map(bindings);
			(bindings as Map<string, string>).set(attr === 'xmlns' ? '' : attr.slice(6), canonicalNamespace(uri));
		}
		let el: LeanElement | null = null;
		const parentEl = parent === undefined ? undefined : parent.el;
		if (parentEl !== null && !(this.skip?.(name, attribs, depth) ?? false)) {
			const colon = name.indexOf(':');
			const prefix = colon === -1 ? '' : name.slice(0, colon);
			const ns = prefix === 'xml' ? NS.xml : (bindings.get(prefix) ?? (prefix === '' ? '' : null));
			el = {name, local: colon === -1 ? name : name.slice(colon + 1), ns, attrs: attribs, children: []};
			if (parentEl === undefined) this.root = el;
			else if (this.onRootChild === undefined || depth !== 1) parentEl.children.push(el);
		}
		this.frames.push({el, bindings});
	}

	protected closeElement(depth: number): void {
		const closed = this.frames.pop();
		if (closed?.el && depth === 1 && this.onRootChild !== undefined) this.onRootChild(closed.el);
	}

	protected end(): void {
		// A skipped root is checked, not kept: there is nothing to return.
		if (this.root === null) this.fail('no root element', this.xml.length);
	}
}

/** Parses `xml` into a lean tree and returns its root. Throws XmlSyntaxError or XmlTooComplexError. */
export function parseLeanXml(xml: string, options: LeanOptions = {}): LeanElement {
	const builder = new LeanBuilder(xml, options.maxNesting ?? 1000, options.maxElements ?? 1_000_000, options.skip, options.onRootChild);
	tokenizeXml(xml, builder);
	// end() has thrown unless there is a root.
	return builder.root!;
}

export function isLeanElement(node: LeanElement | string): node is LeanElement {
	return typeof node !== 'string';
}

/** Child elements named `local`, in any of the namespaces `ns` (default: any namespace). */
export function childElements(el: LeanElement, local: string, ns?: ReadonlyArray<string | null>): LeanElement[] {
	const out: LeanElement[] = [];
	for (const child of el.children) if (typeof child !== 'string' && child.local === local && (ns === undefined || ns.includes(child.ns))) out.push(child);
	return out;
}

export function childElement(el: LeanElement, local: string, ns?: ReadonlyArray<string | null>): LeanElement | null {
	for (const child of el.children) if (typeof child !== 'string' && child.local === local && (ns === undefined || ns.includes(child.ns))) return child;
	return null;
}

/** Text of an element and its descendants, in order (iterative: nesting depth costs no stack). */
export function leanText(el: LeanElement): string {
	let out = '';
	const stack: Array<LeanElement | string> = [el];
	while (stack.length > 0) {
		const n = stack.pop()!;
		if (typeof n === 'string') out += n;
		else for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
	}
	return out;
}

/** Text of the first child named `local` (any namespace unless given), or null. */
export function childText(el: LeanElement, local: string, ns?: ReadonlyArray<string | null>): string | null {
	const child = childElement(el, local, ns);
	return child === null ? null : leanText(child);
}
