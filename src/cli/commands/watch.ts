/**
 * `research-feed watch [--json] [--exec CMD ARG…]`: headless, for scripts, tmux panes and
 * notifications. One refresh, then each new item as one line: Bluesky live through Jetstream
 * (src/live/), the other sources (and Bluesky while the stream is down) every `refreshMinutes`.
 * SIGINT/SIGTERM end it with exit 0 once what was received is saved.
 */
import {statSync} from 'node:fs';
import type {ResearcherConfig, SourceResult} from '../../domain/types.js';
import {LiveSession, withoutLiveSources} from '../../live/live-session.js';
import {createHttpClient} from '../../net/http.js';
import {metadataDuringRefresh} from '../../papers/enrich.js';
import {limitsFromEnv} from '../../refresh/limits.js';
import {refreshConfigured} from '../../refresh/refresh-configured.js';
import {getItem} from '../../store/items.js';
import {itemIdsAfter, lastItemRowid} from '../../store/live.js';
import type {CliContext} from '../context.js';
import {ExecQueue} from '../exec-queue.js';
import {formatTable} from '../table.js';
import {itemRow, toJson} from './list.js';

export interface WatchOptions {
	json?: boolean;
	/** CMD and its arguments. */
	exec?: string[];
}

/** How often config.json is looked at for added or removed researchers. */
const CONFIG_CHECK_MS = 3000;

export async function watchCommand(ctx: CliContext, options: WatchOptions): Promise<number> {
	const limits = limitsFromEnv(ctx.io.env);
	const settings = ctx.config.settings(ctx.io.env);
	const {store} = ctx;
	const err = ctx.io.stderr;
	const out = ctx.io.stdout;
	const exec = options.exec && options.exec.length > 0 ? new ExecQueue(options.exec, line => err.write(`research-feed: ${line}\n`)) : undefined;
	// What was printed last of each item: a replayed event, or an item both the stream and a refresh
	// saved, is not printed twice.
	const shown = new Map<string, string>();
	const printed = (ids: readonly string[]): void => {
		for (const id of ids) {
			const item = getItem(store.db, id);
			if (item === undefined) continue;
			const json = JSON.stringify(toJson(item));
			if (shown.get(id) === json) continue;
			if (shown.size >= 10_000) shown.clear();
			shown.set(id, json);
			out.write(options.json ? `${json}\n` : formatTable([itemRow(item, 1000)]));
			exec?.run(json);
		}
	};

	let researchers = ctx.config.researchers();
	let lastDownPoll = Number.NEGATIVE_INFINITY;
	const session = new LiveSession({
		store,
		settings,
		researchers: () => researchers,
		http: createHttpClient(limits.http),
		onItems: printed,
		onState: (state, line) => {
			err.write(`${line}\n`);
			// The stream stood in for the author feeds: they are polled at once, then every refreshMinutes
			// while it stays down (at most once per interval however often it drops).
			if (state === 'down' && Date.now() - lastDownPoll >= settings.refreshMinutes * 60_000) {
				lastDownPoll = Date.now();
				void refresh(r => ({...r, sources: r.sources.filter(s => s.kind === 'bluesky')}));
			}
		},
		onNote: line => err.write(`research-feed: ${line}\n`),
	});

	// One refresh at a time; the Bluesky sources the stream covers are left to it.
	let refreshing: Promise<void> = Promise.resolve();
	let first = true;
	const refresh = (only?: (r: ResearcherConfig) => ResearcherConfig): Promise<void> => {
		refreshing = refreshing.then(async () => {
			const polled = session.covers() ? withoutLiveSources(store, researchers) : researchers;
			const list = (only ? polled.map(only) : polled).filter(r => r.sources.length > 0);
			const announce = !first || !wasEmpty;
			first = false;
			if (list.length === 0) return;
			const mark = lastItemRowid(store.db);
			const metadata = metadataDuringRefresh({store, settings, write: line => err.write(line)});
			let results: SourceResult[] = [];
			try {
				results = await refreshConfigured({researchers: list, store, limits, settings});
			} finally {
				await metadata.finish(results.length > 0 ? undefined : 0);
			}
			for (const r of results) if (!r.ok) err.write(`research-feed: ${r.researcher} ${r.source} ${r.target}: ${r.error}\n`);
			if (announce) printed(itemIdsAfter(store.db, mark, settings.showReplies));
			// Accounts whose DID this refresh learnt join the stream.
			session.sync();
		}).catch((error: unknown) => void err.write(`research-feed: refresh failed: ${error instanceof Error ? error.message : String(error)}\n`));
		return refreshing;
	};
	const wasEmpty = lastItemRowid(store.db) === 0;
	// Connected first: with a fresh cursor the stream replays what happened since the last run, and
	// the Bluesky sources it follows are not polled.
	session.sync();
	await refresh();

	const timers: NodeJS.Timeout[] = [];
	timers.push(setInterval(() => void refresh(), settings.refreshMinutes * 60_000));
	let stamp = configStamp(ctx);
	timers.push(
		setInterval(() => {
			const now = configStamp(ctx);
			if (now === stamp) return;
			stamp = now;
			const before = new Set(researchers.flatMap(r => r.sources.map(s => `${s.kind}\n${s.target}`)));
			researchers = ctx.config.researchers();
			session.sync();
			// Sources added since: fetched now (a handle's DID is learnt by its first fetch; the stream follows it then).
			void refresh(r => ({...r, sources: r.sources.filter(s => !before.has(`${s.kind}\n${s.target}`))}));
		}, CONFIG_CHECK_MS),
	);

	await new Promise<void>(resolve => {
		process.once('SIGINT', resolve);
		process.once('SIGTERM', resolve);
		// The reader went away (`watch --json | head -1`): nothing more can be printed.
		out.on('error', () => resolve());
	});
	for (const t of timers) clearInterval(t);
	await session.stop();
	await refreshing.catch(() => undefined);
	await exec?.idle();
	return 0;
}

function configStamp(ctx: CliContext): string {
	const st = statSync(ctx.config.path, {throwIfNoEntry: false});
	return st ? `${st.mtimeMs}:${st.size}` : '';
}
