/**
 * Wires the full-screen timeline: the SQLite model, a background refresh in a child process (the
 * real adapters, then arXiv metadata), the browser opener, and the Ink UI. The UI itself never
 * sees the store or the network. It is the composition root of the TUI, so it sits with the CLI
 * entry, the only layer allowed to know both app/ and ui/ (see the layer rules in eslint.config.js).
 */
import {statSync} from 'node:fs';
import {childRefresher} from '../app/refresh-process.js';
import {SqliteModel} from '../app/sqlite-model.js';
import {loadConf, type Settings} from '../config/config.js';
import type {ResearcherConfig} from '../domain/types.js';
import type {LiveSession, LiveState} from '../live/live-session.js';
import {openUrl} from '../net/open-url.js';
import {runTui} from '../ui/run-tui.js';
import type {CliContext} from './context.js';

export async function runApp(ctx: CliContext, options: {refreshOnStart?: boolean; live?: boolean} = {}): Promise<void> {
	const settings = ctx.config.settings(ctx.io.env);
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
	// In a child process (see refresh-child.ts): the parsing and its garbage stay out of the
	// process that answers keys. The child reads the same config and cache; this side redraws as
	// each source reports in, and once more when arXiv metadata arrives.
	const refreshInChild = childRefresher({
		paths: {configDir: ctx.paths.configDir, cacheFile: ctx.paths.cacheFile},
		env: ctx.io.env,
		signal: quitting.signal,
		onEnriched: () => model.dataChanged(),
	});
	const model: SqliteModel = new SqliteModel({
		store: ctx.store,
		researchers,
		showReplies: settings.showReplies,
		runRefresh: async onProgress => {
			const results = await refreshInChild((result, done, total) => onProgress(done, total, result), {skipLiveBluesky: live?.covers() ?? false});
			// Accounts whose DID this refresh learnt join the stream.
			live?.sync();
			return results;
		},
	});
	let live: LiveSession | undefined;
	let liveTimer: NodeJS.Timeout | undefined;
	try {
		// runTui draws the first frame before it returns its promise.
		const tui = runTui(model, {
			openUrl: (url, terminal) => openUrl(url, ctx.io.env, {terminal}),
			refreshMinutes: settings.refreshMinutes,
			refreshOnStart: options.refreshOnStart ?? true,
			env: ctx.io.env,
		});
		// The timeline re-reads config.json when it changes, and conf judges a file that the fast
		// path does not accept: it is loaded now, after the first frame (see Config.open).
		loadConf().catch(() => undefined);
		if (options.live !== false) {
			live = await startLive(ctx, settings, researchers, model);
			// Researchers added or removed meanwhile: the subscriptions follow (researchers() notices the file changed).
			let seen = researchers();
			liveTimer = setInterval(() => {
				const now = researchers();
				if (now !== seen) live?.sync();
				seen = now;
			}, 3000);
			liveTimer.unref();
		}
		await tui;
	} finally {
		clearInterval(liveTimer);
		quitting.abort();
		// What the stream received is saved before the cache closes.
		await live?.stop();
	}
}

/**
 * Bluesky live in the timeline's own process (events are few; each batch is one transaction on
 * this connection, as WAL allows beside the refresh child's). Loaded after the first frame.
 */
async function startLive(ctx: CliContext, settings: Settings, researchers: () => ResearcherConfig[], model: SqliteModel): Promise<LiveSession> {
	const [{LiveSession}, {createHttpClient}, {limitsFromEnv}] = await Promise.all([
		import('../live/live-session.js'),
		import('../net/http.js'),
		import('../refresh/limits.js'),
	]);
	const labels: Record<LiveState, string | undefined> = {off: undefined, connecting: 'connecting live…', up: 'live', down: 'not live: polling'};
	let lastDownPoll = Number.NEGATIVE_INFINITY;
	const session = new LiveSession({
		store: ctx.store,
		settings,
		researchers,
		http: createHttpClient(limitsFromEnv(ctx.io.env).http),
		onItems: () => model.dataChanged(),
		onRemoved: () => model.dataChanged(),
		onState: (state, line) => {
			model.setLive(state === 'down' ? `not live: ${line.replace(/^live: /, '').replace(/;.*$/, '')}, polling` : labels[state]);
			// The stream stood in for the author feeds: a refresh polls them now (at most once per
			// refreshMinutes however often it drops; the timer's refreshes poll them while it stays down).
			if (state === 'down' && Date.now() - lastDownPoll >= settings.refreshMinutes * 60_000) {
				lastDownPoll = Date.now();
				model.refresh();
			}
		},
	});
	session.sync();
	return session;
}
