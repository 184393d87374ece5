import {refreshJobs} from '../../config/owners.js';
import type {ResearcherConfig} from '../../domain/types.js';
import {metadataDuringRefresh} from '../../papers/enrich.js';
import {offlineHint} from '../../refresh/errors.js';
import {limitsFromEnv} from '../../refresh/limits.js';
import {refreshConfigured} from '../../refresh/refresh-configured.js';
import type {CliContext} from '../context.js';
import {LineBuffer} from '../line-buffer.js';
import {resolveResearcher} from './list.js';

/** How long after the last source `refresh` goes on indexing new items for search (with metadata meanwhile). */
const SEARCH_INDEX_AFTER_SOURCES_MS = 600;

export async function refreshCommand(ctx: CliContext, options: {json?: boolean; researcher?: string}): Promise<number> {
	// Read the (hidden) fault-limit overrides first: a bad value fails before anything is written.
	const limits = limitsFromEnv(ctx.io.env);
	const only = resolveResearcher(ctx, options.researcher);
	// A source several researchers follow is fetched once, its items filed under the first of them.
	const researchers: ResearcherConfig[] = refreshJobs(ctx.config.researchers(), only);
	const settings = ctx.config.settings(ctx.io.env);
	// Progress comes in pieces of a tenth of a second (the last line of the sources at once).
	const err = new LineBuffer(ctx.io.stderr);
	// Paper metadata alongside the sources: for the papers already waiting at once, for each source's
	// new ones as it saves them. After the last source it gets about a second more, never the pacing
	// of its services (what is left is asked by the next refresh); its trouble is reported, never fatal.
	const metadata = metadataDuringRefresh({store: ctx.store, settings, write: line => err.write(line)});
	let results;
	let sourcesDone = false;
	try {
		results = await refreshConfigured({
			researchers,
			store: ctx.store,
			limits,
			settings,
			onLog: (researcher, source, message) => err.write(`  ${researcher} · ${source.kind}: ${message}\n`),
			onResult: (r, done, total) => {
				// A failure's reason is printed once, in the list after the summary.
				err.write(`[${done}/${total}] ${r.researcher} · ${r.source} ${r.target}: ${r.ok ? `ok, ${r.newItems} new` : 'failed (see below)'}\n`);
				if (done === total) err.flush();
				metadata.poke();
			},
		});
		sourcesDone = true;
		// The command ends about a second after its last source: the search index takes in what the
		// sources brought until then, the rest at the next refresh (searches find it meanwhile).
		ctx.store.indexSearchUntil(performance.now() + SEARCH_INDEX_AFTER_SOURCES_MS);
	} finally {
		err.flush();
		// A refresh that failed as a whole (the cache) does not wait for metadata at all.
		await metadata.finish(sourcesDone ? undefined : 0);
	}
	const failed = results.filter(r => !r.ok);
	if (options.json) {
		const sources = results.map(({researcher, source, target, ok, newItems, error}) => ({researcher, source, target, ok, newItems, error}));
		ctx.io.stdout.write(`${JSON.stringify({sources}, null, 2)}\n`);
	}
	const fresh = results.reduce((n, r) => n + r.newItems, 0);
	// Every source failed because no host could be reached: said once, not guessed from each line.
	const hosts = failed.flatMap(r => (r.unreachable === undefined ? [] : [r.unreachable]));
	const offline = failed.length > 0 && failed.length === results.length && hosts.length === failed.length;
	err.write(`${results.length} source(s), ${fresh} new item(s)${failed.length ? `, ${failed.length} failed` : ''}${offline ? ` (${offlineHint(hosts)})` : ''}.\n`);
	for (const f of failed) err.write(`research-feed: ${f.researcher} ${f.source} ${f.target}: ${f.error}\n`);
	err.flush();
	return failed.length > 0 ? 2 : 0;
}
