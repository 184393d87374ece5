/**
 * What the UI says about a paper beyond its title: who mentioned it where (own mentions marked),
 * its arXiv authors, category and dates, and the abstract; laid out as lines of a given width for
 * the item view, the papers view's detail pane and the mentions screen. Pure.
 */
import type {AlsoShared, Paper, PaperMeta} from '../../domain/types.js';
import {formatFullDate} from '../format/dates.js';
import {mentionPhrase} from '../format/labels.js';
import {oneLine} from '../format/terminal.js';
import {truncate, width, wrap} from '../format/width.js';
import type {Segment, Style} from '../components/Line.js';

type TextLine = Segment[];

const AUTHOR_MARK = ' (author)';

/** Each researcher and source once, newest first, with whether it is one of the paper's authors. */
function mentionPhrases(paper: Paper): Array<{phrase: string; own: boolean}> {
	const phrases = new Map<string, boolean>();
	for (const m of paper.mentions) {
		const phrase = mentionPhrase(oneLine(m.researcher), m.source);
		phrases.set(phrase, (phrases.get(phrase) ?? false) || m.own);
	}
	return [...phrases].map(([phrase, own]) => ({phrase, own}));
}

/** "Leqi Liu on Bluesky (author), Wei Liu's homepage": each researcher and source once, newest first. */
export function mentionSummary(paper: Paper): string {
	return mentionPhrases(paper)
		.map(({phrase, own}) => (own ? phrase + AUTHOR_MARK : phrase))
		.join(', ');
}

/**
 * The mention summary in at most `columns`: the authors' own mentions first, then the others, as
 * many whole phrases as fit and `+N` for the rest. The list is what gets cut, never an author
 * mark: an own phrase too long for the room is shortened before its "(author)".
 */
export function fitMentionSummary(paper: Paper, columns: number): string {
	const full = mentionSummary(paper);
	if (width(full) <= columns) return full;
	const phrases = mentionPhrases(paper);
	const ordered = [...phrases.filter(p => p.own), ...phrases.filter(p => !p.own)];
	const shown: string[] = [];
	for (let i = 0; i < ordered.length; i++) {
		const {phrase, own} = ordered[i]!;
		const text = own ? phrase + AUTHOR_MARK : phrase;
		const left = ordered.length - i - 1;
		const more = left > 0 ? `, +${left}` : '';
		const candidate = [...shown, text].join(', ');
		if (width(candidate + more) <= columns) {
			shown.push(text);
			continue;
		}
		if (shown.length === 0) {
			// Not even the first phrase fits: shorten it, keeping its author mark and the count.
			const tail = (own ? AUTHOR_MARK : '') + more;
			return truncate(phrase, Math.max(1, columns - width(tail))) + tail;
		}
		return shown.join(', ') + `, +${ordered.length - i}`;
	}
	return shown.join(', ');
}

/** "Also shared by Mira Chen, Wei Liu" for one of an item's papers, or null when nobody else did. */
export function alsoSharedText(paperId: string, shared: readonly AlsoShared[]): string | null {
	const who = shared.filter(s => s.papers.includes(paperId)).map(s => oneLine(s.researcher));
	return who.length === 0 ? null : `also shared by ${who.join(', ')}`;
}

function lines(text: string, columns: number, indent: string, style?: Style): TextLine[] {
	return wrap(text, Math.max(1, columns - indent.length)).map(l => [
		...(indent === '' ? [] : [{text: indent}]),
		{text: l, ...(style === undefined ? {} : {style})},
	]);
}

/** `cs.CL · first version 2024-02-07 · v3 · NeurIPS 2024`, or null when the metadata says none of it. */
export function metaSummary(meta: PaperMeta): string | null {
	const parts: string[] = [];
	if (meta.category) parts.push(oneLine(meta.category));
	if (meta.published) parts.push(`first version ${formatFullDate(meta.published, 'day')}`);
	if (meta.version !== null && meta.version > 1) parts.push(`v${meta.version}`);
	if (meta.journalRef) parts.push(oneLine(meta.journalRef));
	else if (meta.venue && meta.venue !== 'arXiv') parts.push(oneLine(meta.venue));
	if (meta.doi) parts.push(`doi:${oneLine(meta.doi)}`);
	return parts.length === 0 ? null : parts.join(' · ');
}

export interface PaperInfoOptions {
	/** Put before every line (the item view indents a paper's lines under its title). */
	indent?: string;
	/** At most this many lines of abstract, the last ending in `…` when cut (default: all). */
	abstractLines?: number;
	/** Say so when nothing is known (the papers view); the item view just leaves it out. */
	explainMissing?: boolean;
}

/** Authors, category and dates, and abstract of a paper, from its arXiv metadata. */
export function paperInfoLines(paper: Pick<Paper, 'id' | 'authors'>, meta: PaperMeta | undefined, columns: number, o: PaperInfoOptions = {}): TextLine[] {
	const indent = o.indent ?? '';
	const out: TextLine[] = [];
	const authors = meta !== undefined && meta.authors.length > 0 ? meta.authors : paper.authors;
	if (authors.length > 0) out.push(...lines(authors.map(oneLine).join(', '), columns, indent, 'accent'));
	else if (o.explainMissing) out.push(...lines('authors unknown', columns, indent, 'dim'));
	const summary = meta === undefined ? null : metaSummary(meta);
	if (summary !== null) out.push(...lines(summary, columns, indent, 'dim'));
	const abstract = meta?.abstract ? oneLine(meta.abstract) : '';
	if (abstract !== '') {
		let text = lines(abstract, columns, indent);
		const max = o.abstractLines;
		if (max !== undefined && text.length > max) {
			text = text.slice(0, Math.max(0, max));
			const last = text[text.length - 1];
			const segment = last?.[last.length - 1];
			if (segment !== undefined) segment.text = truncate(`${segment.text} …`, Math.max(1, columns - indent.length));
		}
		out.push(...text);
	} else if (o.explainMissing) {
		// Metadata comes from the arXiv API only; for an arXiv paper it may still be on its way.
		const why = paper.id.startsWith('arxiv:') ? 'No abstract yet (arXiv metadata not fetched).' : 'No abstract (not an arXiv paper).';
		out.push(...lines(why, columns, indent, 'dim'));
	}
	return out;
}

/**
 * The lines fit into `height`: the last shown line says how many more there are, rather than the
 * rest silently missing.
 */
export function fitLines(all: readonly TextLine[], height: number, columns: number): TextLine[] {
	if (height <= 0) return [];
	if (all.length <= height) return [...all];
	const more = all.length - height + 1;
	return [...all.slice(0, height - 1), [{text: truncate(`… ${more} more line${more === 1 ? '' : 's'}`, columns), style: 'dim'}]];
}
