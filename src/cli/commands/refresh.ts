import type {ResearcherConfig} from '../../domain/types.js';
import {enrichAfterRefresh} from '../../papers/enrich.js';
import {limitsFromEnv} from '../../refresh/limits.js';
import {refreshConfigured} from '../../refresh/refresh-configured.js';
import type {CliContext} from '../context.js';
import {resolveResearcher} from './list.js';

export async function refreshCommand(ctx: CliContext, options: {json?: boolean; researcher?: string}): Promise<number> {
	// Read the (hidden) fault-limit overrides first: a bad value fails before anything is written.
	const limits = limitsFromEnv(ctx.io.env);
	const only = resolveResearcher(ctx, options.researcher);
	const researchers: ResearcherConfig[] = ctx.config.researchers().filter(r => !only || r.name === only);
	const settings = ctx.config.settings(ctx.io.env);
	const err = ctx.io.stderr;
	const results = await refreshConfigured({
		researchers,
		store: ctx.store,
		limits,
		settings,
		onLog: (researcher, source, message) => err.write(`  ${researcher} · ${source.kind}: ${message}\n`),
		onResult: (r, done, total) =>
			err.write(`[${done}/${total}] ${r.researcher} · ${r.source} ${r.target}: ${r.ok ? `ok, ${r.newItems} new` : `FAILED: ${r.error}`}\n`),
	});
	// Paper metadata (arXiv) after the sources; its trouble is reported, never fatal.
	await enrichAfterRefresh({store: ctx.store, settings, write: line => err.write(line)});
	const failed = results.filter(r => !r.ok);
	if (options.json) ctx.io.stdout.write(`${JSON.stringify({sources: results}, null, 2)}\n`);
	const fresh = results.reduce((n, r) => n + r.newItems, 0);
	err.write(`${results.length} source(s), ${fresh} new item(s)${failed.length ? `, ${failed.length} failed` : ''}.\n`);
	for (const f of failed) err.write(`research-feed: ${f.researcher} ${f.source} ${f.target}: ${f.error}\n`);
	return failed.length > 0 ? 2 : 0;
}
