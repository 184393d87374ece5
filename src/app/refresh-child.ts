/**
 * Entry of the child process in which the timeline refreshes (spawned by refresh-process.ts).
 *
 * Why a process of its own: a refresh of hundreds of sources parses and saves for seconds on end
 * and leaves tens of MB of garbage behind (the Bluesky client's response checks, feed parsers,
 * DOM trees; the README's Performance table has both processes' peaks). In the TUI's process that garbage stayed as heap for the session, and the parsing
 * took the thread keys are answered on. Here it ends with the process; the timeline only hears
 * one message per finished source and reads the new rows from the cache (WAL lets it read while
 * this process writes).
 *
 * It never writes to the terminal: stdin and stdout are closed, stderr goes to the parent (which
 * keeps the last line, for when this process dies). The parent going away (quit, a crash) ends
 * the refresh: what finished stays saved, each source in its own transaction.
 */
import {Config} from '../config/config.js';
import {refreshJobs} from '../config/owners.js';
import {startMetadata} from '../papers/enrich.js';
import {limitsFromEnv} from '../refresh/limits.js';
import {refreshConfigured} from '../refresh/refresh-configured.js';
import {openStoreRecovering} from '../store/open-recovering.js';
import type {RefreshChildMessage, RefreshChildPaths} from './refresh-messages.js';

function send(message: RefreshChildMessage): Promise<void> {
	return new Promise(resolve => {
		// A parent that is gone cannot be told; the refresh is cancelled by 'disconnect' below.
		if (!process.connected || process.send === undefined) return resolve();
		process.send(message, undefined, {}, () => resolve());
	});
}

async function main(): Promise<void> {
	const cancel = new AbortController();
	const stop = (): void => cancel.abort(new Error('refresh cancelled'));
	process.once('disconnect', stop);
	process.once('SIGTERM', stop);
	process.once('SIGINT', stop);

	const paths = JSON.parse(process.argv[2] ?? '{}') as Partial<RefreshChildPaths>;
	if (typeof paths.configDir !== 'string' || typeof paths.cacheFile !== 'string') throw new Error('refresh-child: no paths given');
	const config = await Config.open(paths.configDir, {write: false});
	const store = openStoreRecovering(paths.cacheFile, message => process.stderr.write(`research-feed: ${message}\n`));
	try {
		const settings = config.settings(process.env);
		const limits = limitsFromEnv(process.env);
		const configured = refreshJobs(config.researchers());
		// A source several researchers follow is fetched once, its items filed under the first of them.
		// The live stream's accounts are left to it; the module is loaded only then.
		const researchers = paths.skipLiveBluesky === true ? (await import('../live/live-session.js')).withoutLiveSources(store, configured) : configured;
		// Paper metadata alongside the sources (papers already waiting at once, each source's new ones as
		// it saves them); it goes on after them within its per-run limits (arXiv allows one request
		// every 3 s): the timeline shows the refresh as done before that.
		const metadata = startMetadata({store, settings, signal: cancel.signal});
		let results;
		let sourcesDone = false;
		try {
			results = await refreshConfigured({
				researchers,
				store,
				limits,
				settings,
				signal: cancel.signal,
				onResult: (result, done, total) => {
					void send({type: 'result', result, done, total});
					metadata.poke();
				},
			});
			sourcesDone = true;
			await send({type: 'done', results});
		} finally {
			// Cancelled, or the refresh failed: the run stops at once; either way it is over before the cache closes.
			const enriched = await metadata.finish(sourcesDone ? undefined : 0).catch(() => undefined);
			if (enriched && enriched.enriched.length > 0 && !cancel.signal.aborted) await send({type: 'enriched', papers: enriched.enriched.length});
		}
		if (cancel.signal.aborted) return;
		// The search index catches up on what the sources brought (deferred during the refresh).
		await store.searchIndexSettled();
	} finally {
		store.close();
	}
}

main().then(
	() => process.disconnect?.(),
	async (error: unknown) => {
		await send({type: 'failed', error: error instanceof Error ? error.message : String(error)});
		if (process.env['DEBUG'] && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
		process.exitCode = 1;
		process.disconnect?.();
	},
);
