/**
 * Wires the full-screen timeline: the SQLite model, a background refresh with the real adapters,
 * the browser opener, and the Ink UI. The UI itself never sees the store or the network.
 */
import type {CliContext} from '../cli/context.js';
import {createHttpClient} from '../net/http.js';
import {openUrl} from '../net/open-url.js';
import {refreshSources} from '../refresh/refresh.js';
import {loadAdapters} from '../sources/index.js';
import {runTui} from '../ui/run-tui.js';
import {SqliteModel} from './sqlite-model.js';

export async function runApp(ctx: CliContext, options: {refreshOnStart?: boolean} = {}): Promise<void> {
	const settings = ctx.config.settings(ctx.io.env);
	const model = new SqliteModel({
		store: ctx.store,
		researchers: () => ctx.config.researchers(),
		showReplies: settings.showReplies,
		runRefresh: async onProgress => {
			const researchers = ctx.config.researchers();
			const adapters = await loadAdapters(researchers.flatMap(r => r.sources.map(s => s.kind)));
			return refreshSources({
				researchers,
				store: ctx.store,
				http: createHttpClient(),
				settings,
				adapters,
				onResult: (_r, done, total) => onProgress(done, total),
			});
		},
	});
	await runTui(model, {
		openUrl: url => openUrl(url, ctx.io.env),
		refreshMinutes: settings.refreshMinutes,
		refreshOnStart: options.refreshOnStart ?? true,
		env: ctx.io.env,
	});
}
