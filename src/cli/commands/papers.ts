import {isBibliographyKind, type Paper} from '../../domain/types.js';
import {type BibtexDraft, bibtexDraft, finishBibtex} from '../../parse/bibtex.js';
import {paperMetaMany} from '../../store/paper-meta.js';
import {formatTable} from '../table.js';
import type {CliContext} from '../context.js';
import {UsageError} from '../errors.js';
import {displayDate, resolveResearcher} from './list.js';

export interface PapersOptions {
	json?: boolean;
	bibtex?: boolean;
	researcher?: string;
}

export async function papersCommand(ctx: CliContext, options: PapersOptions): Promise<number> {
	if (options.json && options.bibtex) throw new UsageError('papers: choose one of --json and --bibtex');
	// Resolve the name before opening the cache: bad input must not create or touch cache.db.
	const researcher = resolveResearcher(ctx, options.researcher);
	// A page of papers at a time: their mentions never all sit in memory (70,000 papers: half a gigabyte).
	const pages = ctx.store.paperPages({researcher});
	if (options.json) {
		await streamJson(ctx, pages);
		return 0;
	}
	if (options.bibtex) {
		// A bibliography's paper item is dated by the paper's publication: the year when no metadata gives one.
		const year = (p: Paper): string | null => p.mentions.find(m => isBibliographyKind(m.source))?.date.slice(0, 4) ?? null;
		const drafts: BibtexDraft[] = [];
		for (const page of pages) {
			const meta = paperMetaMany(ctx.store.db, page.map(p => p.id));
			for (const p of page) drafts.push(bibtexDraft({...p, meta: meta.get(p.id), year: year(p)}));
		}
		ctx.io.stdout.write(finishBibtex(drafts));
		return 0;
	}
	// The table's columns are as wide as their widest cell: the rows (text only) are kept until the end.
	const rows: string[][] = [];
	for (const page of pages) {
		for (const p of page) {
			const who = [...new Set(p.mentions.map(m => `${m.researcher} (${m.source}${m.own ? ', author' : ''})`))].join(', ');
			const newest = p.mentions[0];
			rows.push([newest === undefined ? '' : displayDate({date: newest.date, datePrecision: newest.datePrecision ?? 'instant'}), p.id, (p.title ?? '').slice(0, 70), who]);
		}
	}
	if (rows.length === 0) {
		ctx.io.stdout.write('No papers yet. Run `research-feed refresh`.\n');
		return 0;
	}
	ctx.io.stdout.write(formatTable(rows));
	return 0;
}

/**
 * `papers --json`: the same pretty-printed array as JSON.stringify(papers, null, 2), a page at a
 * time (each page printed as the array would print it, without its brackets), waiting for the
 * reader when the pipe is full.
 */
async function streamJson(ctx: CliContext, pages: Iterable<Paper[]>): Promise<void> {
	const out = ctx.io.stdout;
	let first = true;
	out.write('[');
	for (const page of pages) {
		if (page.length === 0) continue;
		const more = out.write(`${first ? '\n' : ',\n'}${JSON.stringify(page.map(paperJson), null, 2).slice(2, -2)}`);
		first = false;
		if (!more) await new Promise(resolve => out.once('drain', resolve));
	}
	out.write(first ? ']\n' : '\n]\n');
}

/** The contract's `papers --json` element: its fields in its order, each mention without internal fields. */
export function paperJson(p: Paper): Paper {
	return {
		id: p.id,
		url: p.url,
		title: p.title,
		authors: p.authors,
		ids: p.ids,
		venue: p.venue,
		mentions: p.mentions.map(m => ({item: m.item, researcher: m.researcher, source: m.source, date: m.date, own: m.own})),
	};
}
