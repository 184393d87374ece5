import {isBibliographyKind, type Paper} from '../../domain/types.js';
import {formatBibtex} from '../../parse/bibtex.js';
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

export function papersCommand(ctx: CliContext, options: PapersOptions): number {
	if (options.json && options.bibtex) throw new UsageError('papers: choose one of --json and --bibtex');
	// Resolve the name before opening the cache: bad input must not create or touch cache.db.
	const researcher = resolveResearcher(ctx, options.researcher);
	const papers = ctx.store.papers({researcher});
	if (options.json) {
		ctx.io.stdout.write(`${JSON.stringify(papers.map(paperJson), null, 2)}\n`);
		return 0;
	}
	if (options.bibtex) {
		const meta = paperMetaMany(ctx.store.db, papers.map(p => p.id));
		// A bibliography's paper item is dated by the paper's publication: the year when no metadata gives one.
		const year = (p: Paper): string | null => p.mentions.find(m => isBibliographyKind(m.source))?.date.slice(0, 4) ?? null;
		ctx.io.stdout.write(formatBibtex(papers.map(p => ({...p, meta: meta.get(p.id), year: year(p)}))));
		return 0;
	}
	if (papers.length === 0) {
		ctx.io.stdout.write('No papers yet. Run `research-feed refresh`.\n');
		return 0;
	}
	const rows = papers.map(p => {
		const who = [...new Set(p.mentions.map(m => `${m.researcher} (${m.source}${m.own ? ', author' : ''})`))].join(', ');
		const newest = p.mentions[0];
		return [newest === undefined ? '' : displayDate({date: newest.date, datePrecision: newest.datePrecision ?? 'instant'}), p.id, (p.title ?? '').slice(0, 70), who];
	});
	ctx.io.stdout.write(formatTable(rows));
	return 0;
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
