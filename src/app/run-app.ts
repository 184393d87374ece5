/**
 * Wires the full-screen timeline: the SQLite model, a background refresh with the real adapters
 * (then arXiv metadata, also in the background), the browser opener, and the Ink UI. The UI itself
 * never sees the store or the network.
 */
import {statSync} from 'node:fs';
import type {CliContext} from '../cli/context.js';
import {loadConf} from '../config/config.js';
import type {ResearcherConfig} from '../domain/types.js';
import {openUrl} from '../net/open-url.js';
import {limitsFromEnv} from '../refresh/limits.js';
import {runTui} from '../ui/run-tui.js';
import {SqliteModel} from './sqlite-model.js';

export async function runApp(ctx: CliContext, options: {refreshOnStart?: boolean} = {}): Promise<void> {
	const settings = ctx.config.settings(ctx.io.env);
	const limits = limitsFromEnv(ctx.io.env);
	// Quitting must not wait for a refresh still in flight (a slow or retrying source would keep
	// the process alive long after the screen is gone): it is cancelled; what finished is kept.
	const quitting = new AbortController();
	// conf re-reads and schema-checks config.json on every access (about 2 ms and 1 MB of garbage
	// with 500 researchers); the UI asks on every redraw, so the list is kept until the file changes.
	let known: {stamp: string; list: ResearcherConfig[]} | undefined;
	const researchers = (): ResearcherConfig[] => {
		const st = statSync(ctx.config.path, {throwIfNoEntry: false});
		const stamp = st ? `${st.mtimeMs}:${st.size}` : '';
		if (known?.stamp !== stamp) known = {stamp, list: ctx.config.researchers()};
		return known.list;
	};
	const model: SqliteModel = new SqliteModel({
		store: ctx.store,
		researchers,
		showReplies: settings.showReplies,
		runRefresh: async onProgress => {
			// Loaded here, after the first frame: the refresh's modules (the HTTP client, the parsers,
			// arXiv's feed parser) are not needed to draw the cache.
			const [{createHttpClient}, {refreshSources}, {loadAdapters}, {enrichPapers}] = await Promise.all([
				import('../net/http.js'),
				import('../refresh/refresh.js'),
				import('../sources/index.js'),
				import('../papers/enrich.js'),
			]);
			const list = researchers();
			const adapters = await loadAdapters(list.flatMap(r => r.sources.map(s => s.kind)));
			const results = await refreshSources({
				researchers: list,
				store: ctx.store,
				http: createHttpClient(limits.http),
				sourceTimeoutMs: limits.sourceTimeoutMs,
				settings,
				adapters,
				signal: quitting.signal,
				// The result tells the model whether anything new arrived (what must be recounted).
				onResult: (result, done, total) => onProgress(done, total, result),
			});
			// arXiv allows one request every 3 s: the refresh is reported done without waiting for it,
			// and titles and authors appear when it ends. Its failures are retried on a later refresh.
			enrichPapers({store: ctx.store, settings, signal: quitting.signal}).then(
				result => {
					if (result.enriched.length > 0) model.dataChanged();
				},
				() => undefined,
			);
			return results;
		},
	});
	try {
		// runTui draws the first frame before it returns its promise.
		const tui = runTui(model, {
			openUrl: url => openUrl(url, ctx.io.env),
			refreshMinutes: settings.refreshMinutes,
			refreshOnStart: options.refreshOnStart ?? true,
			env: ctx.io.env,
		});
		// The timeline re-reads config.json when it changes, and conf judges a file that the fast
		// path does not accept: it is loaded now, after the first frame (see Config.open).
		loadConf().catch(() => undefined);
		await tui;
	} finally {
		quitting.abort();
	}
}
