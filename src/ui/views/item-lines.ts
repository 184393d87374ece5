/**
 * An item laid out as lines of a given width: the whole thread post by post, quoted posts and
 * cards set off, alt text marked, every link numbered `[1]`…, its papers with titles, and the
 * item's own URL. Pure, so the item view can scroll by line and the reducer can clamp.
 */
import type {AlsoShared, Item, Link, MentionHead, PaperMeta} from '../../domain/types.js';
import {agoText, formatFullDate, relativeAge} from '../format/dates.js';
import {kindLabel, mentionPhrase, PAPER_BADGE, repostAuthor, SOURCE_NAME} from '../format/labels.js';
import {clean, oneLine} from '../format/terminal.js';
import {truncate, wrap} from '../format/width.js';
import type {Segment, Style} from '../components/Line.js';
import {alsoSharedText, paperInfoLines} from './paper-lines.js';

export type TextLine = Segment[];

/** Where a URL ends in running text: end, whitespace, closing punctuation, or a full stop before a space. */
function endsUrl(text: string, at: number): boolean {
	const next = text[at];
	if (next === undefined || /[\s)\]}>,;!?'"]/.test(next)) return true;
	return next === '.' && (text[at + 1] === undefined || /\s/.test(text[at + 1] ?? ''));
}

/** Puts ` [n]` after the first occurrence of each link's URL in the text (newsboat style). */
export function numberLinks(text: string, links: readonly Link[]): string {
	let out = text;
	links.forEach((link, i) => {
		let from = 0;
		for (;;) {
			const at = out.indexOf(link.url, from);
			if (at < 0) return;
			const end = at + link.url.length;
			if (endsUrl(out, end)) {
				out = `${out.slice(0, end)} [${i + 1}]${out.slice(end)}`;
				return;
			}
			from = end;
		}
	});
	return out;
}

/** The Bluesky parser's markers: `[image: alt]`, `[video: alt]` (and a plain `alt:` line). */
const ALT = /^\s*(\[(image|img|photo|video|gif|alt)\b|(alt( text)?)\s*:)/i;
/** Set off from the post: `[link card] …`, `[quote Name @handle]`, `[quoted post not found]`. */
const EMBED = /^\s*\[(link card|quote|quoted post)\b/i;
/** Quoted post lines, `> ` once per level of quoting. */
const QUOTE = /^\s*((?:>\s?)+)/;

function setOff(text: string, columns: number, level: number, style: Style): TextLine[] {
	const bar = '│ '.repeat(Math.max(1, level));
	return wrap(text, columns - bar.length).map(l => [{text: bar, style: 'dim'}, {text: l, style}]);
}

/** Body text: quoted posts and link cards set off with a bar, alt text marked, the rest wrapped. */
function bodyLines(text: string, columns: number): TextLine[] {
	const lines: TextLine[] = [];
	for (const paragraph of clean(text).split('\n')) {
		const quote = QUOTE.exec(paragraph);
		if (quote !== null) {
			const level = (quote[1] ?? '').replace(/\s/g, '').length;
			const inner = paragraph.slice(quote[0].length);
			lines.push(...(ALT.test(inner) ? setOff(inner, columns, level, 'alt') : setOff(inner, columns, level, 'quote')));
		} else if (EMBED.test(paragraph)) {
			lines.push(...setOff(paragraph.trim(), columns, 1, 'quote'));
		} else if (ALT.test(paragraph)) {
			for (const l of wrap(paragraph.trim(), columns - 2)) lines.push([{text: '▫ ', style: 'dim'}, {text: l, style: 'alt'}]);
		} else {
			for (const l of wrap(paragraph, columns)) lines.push([{text: l}]);
		}
	}
	return lines;
}

function wrapped(text: string, columns: number, style?: Style, url?: string, indent = ''): TextLine[] {
	return wrap(text, columns - indent.length).map(l => [
		...(indent === '' ? [] : [{text: indent}]),
		{text: l, ...(style === undefined ? {} : {style}), ...(url === undefined ? {} : {url})},
	]);
}

/** When: `2025-07-22 17:09 (3h)`, `May 2025`, or for a date that is only when it was first seen, `seen 3 d ago (2025-07-22 17:09)`. */
function whenText(item: Item, now: Date): string {
	const when = formatFullDate(item.date, item.datePrecision);
	if (item.datePrecision === 'seen') return `seen ${agoText(new Date(item.date), now)} (${when.replace(/^first seen /, '')})`;
	const age = item.datePrecision === 'instant' ? relativeAge(new Date(item.date), now) : null;
	return age === null ? when : `${when} (${age})`;
}

/** Who: the researcher, and for a repost whose post it is (`Leqi Liu reposted Mira Chen (@mira.bsky.social)`). */
function whoText(item: Item): string {
	const author = repostAuthor(item);
	if (author === null) return oneLine(item.researcher);
	const handle = author.handle !== '' && `@${author.handle}` !== author.name ? ` (@${oneLine(author.handle)})` : '';
	return `${oneLine(item.researcher)} reposted ${oneLine(author.name)}${handle}`;
}

/** The meta line: who, where, what, when, and its read and star state. */
export function metaText(item: Item, now: Date): string {
	const state = [item.read ? 'read' : 'unread', ...(item.starred ? ['starred'] : [])];
	return [whoText(item), SOURCE_NAME[item.source], kindLabel(item.kind), whenText(item, now), ...state].join(' · ');
}

/** What the model knows about an item's papers beyond the item itself. */
export interface ItemPaperInfo {
	/** arXiv metadata of its papers, by id. */
	meta?: ReadonlyMap<string, PaperMeta>;
	/** Other researchers who mentioned its papers. */
	shared?: readonly AlsoShared[];
	/** At most this many lines of each abstract (the timeline's detail pane is a preview). */
	abstractLines?: number;
	/** A `paper` item: the items that mention its paper. */
	mentions?: readonly MentionHead[];
}

/** "Leqi Liu on Bluesky, thread, 22 Jul 2025: 1/4 We show …" */
export function mentionHeadText(m: MentionHead): string {
	return `${mentionPhrase(oneLine(m.researcher), m.source)}, ${kindLabel(m.kind)}, ${formatFullDate(m.date, m.datePrecision)}: ${oneLine(m.text)}`;
}

/** The lines of an item at `columns` wide. */
export function itemLines(item: Item, columns: number, now: Date, info: ItemPaperInfo = {}): TextLine[] {
	const cols = Math.max(10, columns);
	const lines: TextLine[] = [];
	const blank = (): void => {
		lines.push([]);
	};
	if (item.title !== null && item.title.trim() !== '') lines.push(...wrapped(oneLine(item.title), cols, 'title'));
	lines.push(...wrapped(metaText(item, now), cols, 'dim'));
	blank();

	const posts = item.posts.length > 0 ? item.posts : [{uri: '', url: item.url, createdAt: item.date, text: item.text}];
	posts.forEach((post, i) => {
		if (posts.length > 1) {
			if (i > 0) blank();
			const label = `── ${i + 1}/${posts.length} · ${formatFullDate(post.createdAt, 'instant')} `;
			lines.push([{text: truncate(label + '─'.repeat(Math.max(0, cols - label.length)), cols), style: 'dim'}]);
		}
		lines.push(...bodyLines(numberLinks(post.text, item.links), cols));
	});

	if (item.papers.length > 0) {
		blank();
		lines.push([{text: `Papers (${item.papers.length})`, style: 'heading'}]);
		item.papers.forEach((paper, k) => {
			// Papers with authors and abstracts need air between them; bare titles do not.
			if (k > 0 && (info.meta?.size ?? 0) > 0) blank();
			wrap(oneLine(paper.title ?? paper.id), cols - 4).forEach((l, j) => {
				lines.push([{text: j === 0 ? ` ${PAPER_BADGE} ` : '    '}, {text: l, style: 'bold'}]);
			});
			lines.push(...wrapped(`${paper.id} · ${paper.url}`, cols, 'dim', paper.url, '    '));
			const meta = info.meta?.get(paper.id);
			lines.push(...paperInfoLines({id: paper.id, authors: []}, meta, cols, {indent: '    ', ...(info.abstractLines === undefined ? {} : {abstractLines: info.abstractLines})}));
			const shared = alsoSharedText(paper.id, info.shared ?? []);
			if (shared !== null) lines.push(...wrapped(shared, cols, 'accent', undefined, '    '));
		});
	}
	if (info.mentions !== undefined && info.mentions.length > 0) {
		blank();
		lines.push([{text: `Mentioned (${info.mentions.length})`, style: 'heading'}]);
		for (const m of info.mentions) lines.push(...wrapped(mentionHeadText(m), cols, undefined, undefined, '  '));
	}
	if (item.links.length > 0) {
		blank();
		lines.push([{text: `Links (${item.links.length})`, style: 'heading'}]);
		item.links.forEach((link, i) => {
			const label = `[${i + 1}] `;
			const text = oneLine(link.text);
			const shown = text !== '' && text !== link.url && !link.url.includes(text.replace(/…$|\.\.\.$/, '')) ? `${link.url}  "${text}"` : link.url;
			wrap(shown, cols - label.length).forEach((l, j) => {
				lines.push([{text: j === 0 ? label : ' '.repeat(label.length), style: 'accent'}, {text: l, style: 'link', url: link.url}]);
			});
		});
	}
	blank();
	lines.push(...wrapped(`URL ${item.url}`, cols, 'dim', item.url));
	return lines;
}
