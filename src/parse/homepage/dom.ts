/**
 * Small helpers over domhandler nodes (what cheerio parses into). The extractor walks the tree itself
 * instead of running selectors per element, so each page is traversed a bounded number of times.
 */
import type {AnyNode, Element, Text} from 'domhandler';
import {ElementType} from 'htmlparser2';
import {cleanInline} from '../sanitize.js';

export function isElement(n: AnyNode | null | undefined): n is Element {
	return n !== null && n !== undefined && (n.type === ElementType.Tag || n.type === ElementType.Script || n.type === ElementType.Style);
}

export function isText(n: AnyNode): n is Text {
	return n.type === ElementType.Text;
}

/** Elements that start a new line of text; everything else is inline (span, a, em, font, img, …). */
const BLOCK = new Set(
	('address article aside blockquote body center caption details dialog dd div dl dt fieldset figcaption figure footer ' +
		'form h1 h2 h3 h4 h5 h6 header hgroup hr html li main menu nav ol p pre section summary table tbody thead tfoot ' +
		'tr td th ul').split(' '),
);

/** Never text: dropped from the tree before extraction (hostile or irrelevant content). */
export const INVISIBLE = new Set('script style noscript template svg math iframe object embed canvas select button textarea input head'.split(' '));

export function isBlock(n: AnyNode): n is Element {
	return isElement(n) && BLOCK.has(n.name);
}

export function headingLevel(n: AnyNode): number {
	if (!isElement(n)) return 0;
	const m = /^h([1-6])$/.exec(n.name);
	return m ? Number(m[1]) : 0;
}

/** Next node in document order that is not inside `n`: its next sibling, or an ancestor's. */
export function nextAfter(n: AnyNode): AnyNode | null {
	let cur: AnyNode | null = n;
	while (cur) {
		if (cur.nextSibling) return cur.nextSibling;
		cur = cur.parent;
		if (cur && cur.type === ElementType.Root) return null;
	}
	return null;
}

/**
 * The first `max` characters of the visible text of `nodes`, whitespace-collapsed, with a space at every
 * block boundary and `<br>` (so a `<th>` date and its `<td>` text do not run together). `complete`
 * tells whether the whole text fitted.
 */
export function headText(nodes: readonly AnyNode[], max = 160): {text: string; complete: boolean} {
	let out = '';
	const stack: AnyNode[] = [];
	for (let i = nodes.length - 1; i >= 0; i--) stack.push(nodes[i]!);
	while (stack.length > 0) {
		if (out.length > max * 2) return {text: cleanInline(out).slice(0, max), complete: false};
		const n = stack.pop()!;
		if (isText(n)) {
			out += n.data;
		} else if (isElement(n)) {
			if (INVISIBLE.has(n.name)) continue;
			if (n.name === 'br' || BLOCK.has(n.name)) out += ' ';
			if (BLOCK.has(n.name)) stack.push(SPACE);
			for (let c = n.children.length - 1; c >= 0; c--) stack.push(n.children[c]!);
		} else if (n === SPACE) {
			out += ' ';
		}
	}
	const text = cleanInline(out);
	return text.length > max ? {text: text.slice(0, max), complete: false} : {text, complete: true};
}

/** Sentinel pushed after a block's children so its end also gets a space. */
const SPACE = {type: 'space'} as unknown as AnyNode;

export function classTokens(el: Element): string[] {
	const c = el.attribs['class'];
	return c ? c.toLowerCase().split(/[\s_-]+/).filter(Boolean) : [];
}

/** True when `el` is `ancestor` or inside it. */
export function within(el: AnyNode, ancestor: AnyNode): boolean {
	for (let cur: AnyNode | null = el; cur; cur = cur.parent) if (cur === ancestor) return true;
	return false;
}

/** The first line of text inside `el`: up to the first `<br>` or block boundary after some text. */
export function firstLine(el: Element, max = 300): string {
	let out = '';
	const stack: AnyNode[] = [...el.children].reverse();
	while (stack.length > 0 && out.length < max) {
		const n = stack.pop()!;
		if (isText(n)) {
			out += n.data;
		} else if (isElement(n) && !INVISIBLE.has(n.name)) {
			if ((n.name === 'br' || BLOCK.has(n.name)) && out.trim() !== '') break;
			for (let c = n.children.length - 1; c >= 0; c--) stack.push(n.children[c]!);
		}
	}
	return cleanInline(out);
}
