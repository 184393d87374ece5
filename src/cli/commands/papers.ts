import {formatTable} from '../table.js';
import type {CliContext} from '../context.js';
import {resolveResearcher} from './list.js';

export function papersCommand(ctx: CliContext, options: {json?: boolean; researcher?: string}): number {
	const papers = ctx.store.papers({researcher: resolveResearcher(ctx, options.researcher)});
	if (options.json) {
		ctx.io.stdout.write(`${JSON.stringify(papers, null, 2)}\n`);
		return 0;
	}
	if (papers.length === 0) {
		ctx.io.stdout.write('No papers yet. Run `research-feed refresh`.\n');
		return 0;
	}
	const rows = papers.map(p => {
		const who = [...new Set(p.mentions.map(m => `${m.researcher} (${m.source})`))].join(', ');
		return [p.mentions[0]?.date.slice(0, 10) ?? '', p.id, (p.title ?? '').slice(0, 70), who];
	});
	ctx.io.stdout.write(formatTable(rows));
	return 0;
}
