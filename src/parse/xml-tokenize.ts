/**
 * What both XML readers share (xml-dom.ts's domhandler tree, bibliography/xml-lean.ts's lean tree):
 * one pass of htmlparser2's tokenizer (XML mode) with the checks of a strict XML parser that matter
 * here, so that a broken document is an error instead of being half read:
 * - every end tag closes the element it should (`Unexpected close tag`, `Unmatched closing tag`);
 * - the document ends with every element closed (`Unclosed root tag`: a truncated download);
 * - exactly one root element, and no text or CDATA outside it;
 * - nesting and element count within limits (the markup guard's messages).
 * Entities: XML's five and character references are decoded by the tokenizer; others stay as
 * written (a doctype's entity declarations are never expanded). Comments, processing instructions
 * and the doctype (internal subset included) are not content.
 * A reader extends `CheckedXmlBuilder` with what it makes of elements and text. Pure: no IO.
 */
import {Tokenizer} from 'htmlparser2';
import type {TokenizerCallbacks} from 'htmlparser2';
import {tooDeeplyNested, tooManyElements} from './markup-guard.js';

/** A document that is not well-formed XML. `reason` names the problem, `line`/`column` (1-based) where. */
export class XmlSyntaxError extends Error {
	override name = 'XmlSyntaxError';
	constructor(
		readonly reason: string,
		readonly line: number,
		readonly column: number,
	) {
		super(`${reason} (line ${line}, column ${column})`);
	}
}

/** A document beyond the nesting or size limits: its message is the markup guard's. */
export class XmlTooComplexError extends Error {
	override name = 'XmlTooComplexError';
}

/** Runs `builder` over `xml` (XML mode, entities decoded). Throws what the builder throws. */
export function tokenizeXml(xml: string, builder: CheckedXmlBuilder): void {
	const tokenizer = new Tokenizer({xmlMode: true, decodeEntities: true}, builder);
	tokenizer.write(xml);
	tokenizer.end();
}

/**
 * Tokenizer callbacks that check well-formedness and hand a reader only what passed: elements
 * opened and closed in a proper nesting, text and CDATA inside the root, the end of a complete
 * document. Each hook runs after the checks of its token.
 */
export abstract class CheckedXmlBuilder implements TokenizerCallbacks {
	/** Names of the open elements, innermost last. */
	private readonly openNames: string[] = [];
	private tagName = '';
	private attribs: Record<string, string> = {};
	private attribName = '';
	private attribValue = '';
	private elements = 0;
	private sawRoot = false;
	/** Inside a doctype's internal subset, whose declarations the tokenizer reports one by one. */
	private inSubset = false;

	constructor(
		protected readonly xml: string,
		private readonly maxNesting: number,
		private readonly maxElements: number,
	) {}

	/**
	 * An element opens: `depth` elements are open around it (0 for the root). `attribs` is the
	 * element's own (a new object for each element), duplicates after the first left out.
	 */
	protected abstract openElement(name: string, attribs: Record<string, string>, depth: number): void;
	/** The innermost open element closes; `depth` elements stay open around it. */
	protected abstract closeElement(depth: number): void;
	/** Text inside the root element (an entity or a character reference comes as text of its own). */
	protected abstract text(text: string): void;
	/** A CDATA section inside the root element. */
	protected abstract cdata(text: string): void;
	/** The document ended well-formed, its root closed. */
	protected abstract end(): void;

	/** Throws XmlSyntaxError for the character at offset `at`. */
	protected fail(reason: string, at: number): never {
		let line = 1;
		let lineStart = 0;
		for (let i = this.xml.indexOf('\n'); i !== -1 && i < at; i = this.xml.indexOf('\n', i + 1)) {
			line++;
			lineStart = i + 1;
		}
		throw new XmlSyntaxError(reason, line, at - lineStart + 1);
	}

	/** Text between elements: only whitespace may stand outside the root. */
	private outside(text: string, at: number): void {
		if (this.inSubset) {
			const end = text.indexOf(']');
			if (end === -1) return;
			this.inSubset = false;
			text = text.slice(end + 1).replace(/^\s*>/, '');
		}
		if (/\S/.test(text)) this.fail(this.sawRoot ? 'text after the root element' : 'text before the root element', at);
	}

	ontext(start: number, end: number): void {
		const text = this.xml.slice(start, end);
		if (this.openNames.length === 0) this.outside(text, start);
		else this.text(text);
	}

	ontextentity(codepoint: number, end: number): void {
		if (this.openNames.length === 0) this.fail(this.sawRoot ? 'text after the root element' : 'text before the root element', end);
		this.text(String.fromCodePoint(codepoint));
	}

	onopentagname(start: number, end: number): void {
		if (this.openNames.length === 0 && this.sawRoot) this.fail('a second root element', start - 1);
		this.tagName = this.xml.slice(start, end);
		this.attribs = {};
	}

	onattribname(start: number, end: number): void {
		this.attribName = this.xml.slice(start, end);
	}

	onattribdata(start: number, end: number): void {
		this.attribValue += this.xml.slice(start, end);
	}

	onattribentity(codepoint: number): void {
		this.attribValue += String.fromCodePoint(codepoint);
	}

	onattribend(): void {
		if (!Object.prototype.hasOwnProperty.call(this.attribs, this.attribName)) this.attribs[this.attribName] = this.attribValue;
		this.attribValue = '';
	}

	onopentagend(): void {
		this.enter();
	}

	onselfclosingtag(): void {
		this.enter();
		this.exit();
	}

	private enter(): void {
		if (++this.elements > this.maxElements) throw new XmlTooComplexError(tooManyElements(this.maxElements));
		if (this.openNames.length >= this.maxNesting) throw new XmlTooComplexError(tooDeeplyNested(this.maxNesting));
		this.sawRoot = true;
		this.inSubset = false;
		this.openElement(this.tagName, this.attribs, this.openNames.length);
		this.openNames.push(this.tagName);
	}

	private exit(): void {
		this.openNames.pop();
		this.closeElement(this.openNames.length);
	}

	onclosetag(start: number, end: number): void {
		const name = this.xml.slice(start, end);
		const current = this.openNames.at(-1);
		if (current === undefined) this.fail(`Unmatched closing tag </${name}>`, start - 2);
		if (name !== current) this.fail(`Unexpected close tag </${name}>, expected </${current}>`, start - 2);
		this.exit();
	}

	oncdata(start: number, end: number, offset: number): void {
		if (this.openNames.length === 0) this.fail('CDATA outside the root element', start);
		this.cdata(this.xml.slice(start, end - offset));
	}

	oncomment(): void {
		// Comments are not content; leaving them out lets the text around one read as one text.
	}

	ondeclaration(start: number, end: number): void {
		const declaration = this.xml.slice(start, end);
		if (this.openNames.length === 0 && /^doctype\b/i.test(declaration) && declaration.includes('[') && !declaration.includes(']')) this.inSubset = true;
	}

	onprocessinginstruction(): void {
		// The XML declaration and stylesheet instructions carry nothing a reader uses.
	}

	onend(): void {
		if (this.openNames.length > 0) this.fail('Unclosed root tag', this.xml.length);
		if (!this.sawRoot) this.fail('no root element', this.xml.length);
		this.end();
	}
}
