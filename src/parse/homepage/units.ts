/**
 * Splits a news section into entries ("units") without knowing the template. A container's children
 * are cut into segments — block elements, and runs of inline content split at `<br>` — and each
 * segment is classified by its leading text: dated (`2025.05: …`), date-only (`<th>Jan 20, 2025</th>`,
 * `<div class=article-metadata>Okt 24</div>`, vinthony's trailing `<div>2020.12</div>`), or undated.
 *
 * - a dated line, with the undated lines (and sub-lists) after it, is one entry;
 * - a date-only segment takes the undated segments after it (al-folio `th`+`td`, `dt`+`dd`, Hugo
 *   metadata column + text column), or, when nothing follows, the undated ones before it (date at the end);
 * - blocks holding entries contribute them, so `ul > li`, `table > tr`, `div.news > div.news-item`,
 *   sibling `<p>`s and `<details>` inside an `<li>` all come out one entry per item;
 * - an `<li>`/`<tr>`/`<dd>` whose first segment is dated is one entry with everything nested in it
 *   (sub-bullets belong to their parent); an `<li>` that only wraps a `<details>` is a container.
 * Each element is classified once, bottom-up, so a section is processed in linear time.
 */
import type {AnyNode, Element} from 'domhandler';
import {ElementType} from 'htmlparser2';
import {headText, headingLevel, INVISIBLE, isBlock, isElement} from './dom.js';
import {dateAtStart, isDateOnly} from '../dates.js';

export interface Unit {
	/** The nodes making up the entry, in order; a single element when the entry is a whole element. */
	nodes: AnyNode[];
	/** The element when the entry is exactly one element (its text and identity are used). */
	whole: Element | null;
	/** A card's date line, when the date is not at the start or end of the card's text. */
	dateLine?: string;
}

type Kind = 'empty' | 'dated' | 'dateOnly' | 'undated';

interface Segment {
	nodes: AnyNode[];
	kind: Kind;
	/** Entries found inside a block segment (empty for lines). */
	units: Unit[];
	block: Element | null;
	/** A heading or a list: what may follow a dated line inside the same entry. */
	list: boolean;
	heading: boolean;
}

const ITEM_ELEMENTS = new Set(['li', 'tr', 'dd', 'dt']);
/** Text this long is not a date-only cell. */
const CELL_MAX = 60;

function classify(nodes: AnyNode[]): Kind {
	const {text, complete} = headText(nodes, 160);
	if (text === '') return 'empty';
	if (complete && text.length <= CELL_MAX && isDateOnly(text)) return 'dateOnly';
	return dateAtStart(text) ? 'dated' : 'undated';
}

function segmentsOf(children: readonly AnyNode[]): Segment[] {
	const segs: Segment[] = [];
	let line: AnyNode[] = [];
	const flush = (): void => {
		if (line.length > 0) segs.push({nodes: line, kind: classify(line), units: [], block: null, list: false, heading: false});
		line = [];
	};
	for (const c of children) {
		if (isElement(c) && INVISIBLE.has(c.name)) continue;
		if (c.type === ElementType.Comment || c.type === ElementType.Directive) continue;
		if (isElement(c) && c.name === 'br') {
			// The <br> stays with its line so that lines grouped into one entry keep their line break.
			if (line.length > 0) line.push(c);
			flush();
			continue;
		}
		if (!isBlock(c)) {
			line.push(c);
			continue;
		}
		flush();
		const units = unitsOfElement(c);
		const whole = units.length === 1 && units[0]!.whole === c;
		let kind: Kind;
		if (whole) kind = 'dated';
		else if (units.length > 0) kind = 'undated';
		else {
			// A block without entries is at most a date cell; a "dated" one would have been its own entry.
			const k = classify([c]);
			kind = k === 'dated' ? 'undated' : k;
		}
		segs.push({nodes: [c], kind, units, block: c, list: c.name === 'ul' || c.name === 'ol', heading: headingLevel(c) > 0});
	}
	flush();
	return segs;
}

function absorbable(s: Segment): boolean {
	return s.kind === 'undated' && s.units.length === 0 && !s.heading;
}

interface Grouped {
	units: Unit[];
	/** Index of the segment each unit starts at (for "does the first segment open an entry"). */
	starts: number[];
	/** Non-empty segments not part of any unit of this level. */
	unclaimed: number;
}

function group(segs: Segment[]): Grouped {
	const units: Unit[] = [];
	const starts: number[] = [];
	const claimed = new Array<boolean>(segs.length).fill(false);
	const take = (from: number, to: number): void => {
		const nodes: AnyNode[] = [];
		for (let k = from; k <= to; k++) {
			claimed[k] = true;
			nodes.push(...segs[k]!.nodes);
		}
		units.push({nodes, whole: null});
		starts.push(from);
	};
	for (let i = 0; i < segs.length; i++) {
		const s = segs[i]!;
		if (s.kind === 'empty' || claimed[i]) continue;
		if (s.units.length > 0) {
			claimed[i] = true;
			for (const u of s.units) {
				units.push(u);
				starts.push(i);
			}
			continue;
		}
		if (s.kind === 'dated') {
			// A dated line or block, plus the undated lines and sub-lists that continue it.
			let j = i;
			while (j + 1 < segs.length && (segs[j + 1]!.kind === 'empty' || (absorbable(segs[j + 1]!) && (!segs[j + 1]!.block || segs[j + 1]!.list)))) j++;
			if (s.block && j === i) {
				claimed[i] = true;
				units.push({nodes: [s.block], whole: s.block});
				starts.push(i);
			} else take(i, j);
			i = j;
			continue;
		}
		if (s.kind === 'dateOnly') {
			let j = i;
			while (j + 1 < segs.length && (segs[j + 1]!.kind === 'empty' || absorbable(segs[j + 1]!))) j++;
			if (j > i && hasText(segs, i + 1, j)) {
				take(i, j);
				i = j;
				continue;
			}
			// Nothing after the date: it closes the undated text before it (vinthony's float-right date).
			let k = i;
			while (k - 1 >= 0 && !claimed[k - 1] && (segs[k - 1]!.kind === 'empty' || absorbable(segs[k - 1]!))) k--;
			if (k < i && hasText(segs, k, i - 1)) take(k, i);
		}
	}
	let unclaimed = 0;
	segs.forEach((s, i) => {
		if (!claimed[i] && s.kind !== 'empty') unclaimed++;
	});
	return {units, starts, unclaimed};
}

function hasText(segs: Segment[], from: number, to: number): boolean {
	for (let k = from; k <= to; k++) if (segs[k]!.kind !== 'empty') return true;
	return false;
}

function firstNonEmpty(segs: Segment[]): number {
	return segs.findIndex(s => s.kind !== 'empty');
}

const memo = new WeakMap<Element, Unit[]>();

/** The entries inside `el`; `[{whole: el}]` when `el` itself is one entry. */
export function unitsOfElement(el: Element): Unit[] {
	const known = memo.get(el);
	if (known) return known;
	const segs = segmentsOf(el.children);
	const g = group(segs);
	let result = g.units;
	if (g.units.length > 0) {
		const first = firstNonEmpty(segs);
		const opensWithEntry = g.starts[0] === first && (segs[first]!.kind === 'dated' || segs[first]!.kind === 'dateOnly');
		if (ITEM_ELEMENTS.has(el.name) && opensWithEntry) result = [{nodes: [el], whole: el}];
		else if (g.units.length === 1 && g.unclaimed === 0 && g.units[0]!.whole === null) result = [{nodes: [el], whole: el}];
	}
	if (!(result.length === 1 && result[0]!.whole === el) && isCard(el)) {
		const dateLine = cardDateLine(el);
		if (dateLine !== null) result = [{nodes: [el], whole: el, dateLine}];
	}
	memo.set(el, result);
	return result;
}

const CARD_ELEMENTS = new Set(['div', 'article', 'li', 'section']);

/** One of a run of like blocks (same element, same class): a card list such as Hugo Blox's news cards. */
function isCard(el: Element): boolean {
	if (!CARD_ELEMENTS.has(el.name)) return false;
	if (el.name === 'article') return true;
	const cls = el.attribs['class'] ?? '';
	const like = (n: AnyNode | null): boolean => isElement(n) && n.name === el.name && (n.attribs['class'] ?? '') === cls;
	const near = (n: AnyNode | null, step: (x: AnyNode) => AnyNode | null): AnyNode | null => {
		while (n && !isElement(n)) n = step(n);
		return n;
	};
	return like(near(el.prev, x => x.prev)) || like(near(el.next, x => x.next));
}

/**
 * The one line of a card that starts with a full date (a day or a month): `May 2, 2026` in the card's
 * metadata, wherever it sits. A card's first line may be a venue tag (`AISTATS 2026`) or a title with a
 * bare year; those are not its date. Null when the card holds no full date or more than one (then it
 * is a container of entries, not one).
 */
function cardDateLine(el: Element): string | null {
	const found: string[] = [];
	const visit = (nodes: readonly AnyNode[]): void => {
		for (const seg of segmentsOf(nodes)) {
			if (found.length > 1) return;
			if (seg.block) {
				visit(seg.block.children);
				continue;
			}
			if (seg.kind !== 'dated' && seg.kind !== 'dateOnly') continue;
			const {text} = headText(seg.nodes, 160);
			const d = dateAtStart(text);
			if (d && d.precision !== 'year') found.push(text);
		}
	};
	visit(el.children);
	return found.length === 1 ? found[0]! : null;
}

/** The entries of a news section given as a run of sibling-or-cousin nodes. */
export function unitsOfSection(nodes: readonly AnyNode[]): Unit[] {
	return group(segmentsOf(nodes)).units;
}
