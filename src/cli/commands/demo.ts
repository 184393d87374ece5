/**
 * `research-feed demo`: the real program over a bundled snapshot. A loopback server stands in for
 * Bluesky, a homepage, DBLP and the arXiv API, a temporary home holds config and cache, and the
 * home is removed however the demo ends: quitting, an error, or SIGINT, SIGTERM or SIGHUP (the
 * timeline restores the terminal first). The user's real home is never touched.
 */
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {demoResearchers, type DemoServer, startDemoServer} from '../../demo/server.js';
import {describeEnrichment, enrichPapers} from '../../papers/enrich.js';
import {CliContext, type CliIo} from '../context.js';
import {listCommand} from './list.js';
import {refreshCommand} from './refresh.js';

/**
 * The snapshot's papers go back to 2019: a bibliography source's first fetch announces papers of
 * this many days (the most the setting allows), so the demo's timeline shows them all as items.
 */
const DEMO_RECENT_DAYS = 3650;

export interface DemoSession {
	/** The demo's context: its config, cache and environment (pointed at `server`). */
	ctx: CliContext;
	server: DemoServer;
	/** Closes the cache and the server; the home stays (it is the caller's). */
	close(): Promise<void>;
}

/**
 * Makes `home` (an empty folder) the demo's home and fills its cache as a real user's would be:
 * the demo's researchers and sources, then one refresh through the real adapters and the arXiv
 * enrichment, all served by a loopback server. Refresh progress goes to `io.stderr`.
 */
export async function openDemo(io: CliIo, home: string): Promise<DemoSession> {
	const server = await startDemoServer();
	let ctx: CliContext | undefined;
	try {
		writeFileSync(join(home, 'config.json'), `${JSON.stringify({papers: {recentDays: DEMO_RECENT_DAYS}}, null, '\t')}\n`);
		const opened = await CliContext.create({...io, env: {...io.env, RESEARCH_FEED_HOME: home, ...server.env}}, home);
		ctx = opened;
		for (const researcher of demoResearchers(server)) opened.config.addResearcher(researcher.name, researcher.sources);
		await refreshCommand(opened, {});
		// `refresh` leaves to the next refresh what the metadata services' pacing holds back (the arXiv
		// API's 3 s between requests). The demo's services are its own server: it asks them the rest
		// now, unpaced, so that the timeline opens with every paper described.
		const rest = await enrichPapers({store: opened.store, settings: opened.config.settings(opened.io.env), intervalMs: 0});
		const line = describeEnrichment(rest);
		if (line) opened.io.stderr.write(`${line}.\n`);
		return {
			ctx: opened,
			server,
			close: async () => {
				opened.close();
				await server.close();
			},
		};
	} catch (error) {
		ctx?.close();
		await server.close();
		throw error;
	}
}

export async function demoCommand(io: CliIo): Promise<number> {
	const home = mkdtempSync(join(tmpdir(), 'research-feed-demo-'));
	const removeHome = (): void => {
		try {
			rmSync(home, {recursive: true, force: true});
		} catch {
			// Nothing more to do on the way out; the folder is in the system's temporary folder.
		}
	};
	const release = removeOnExit(removeHome);
	const quiet = {write: () => true} as unknown as NodeJS.WritableStream;
	let demo: DemoSession | undefined;
	try {
		demo = await openDemo({...io, stderr: quiet}, home);
		const {ctx} = demo;
		const stdout = io.stdout as {isTTY?: boolean};
		if (stdout.isTTY && io.stdin.isTTY) {
			const {loadTui} = await import('./tui.js');
			const {runApp} = await loadTui();
			// Already refreshed above; the timer still refreshes later, as in real use.
			await runApp(ctx, {refreshOnStart: false, live: false});
			return 0;
		}
		return listCommand(ctx, {});
	} finally {
		await demo?.close();
		removeHome();
		release();
	}
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Until the returned function is called, `cleanup` runs when the process ends without returning
 * through the caller's `finally`: on `process.exit`, and on a signal that ends it. A signal still
 * ends the process, as the signal: the timeline's own handler (ui/run-tui.tsx), installed after
 * this one, restores the terminal and raises it again; when no other handler is left (before the
 * timeline starts, or without one) this one raises it again itself.
 */
function removeOnExit(cleanup: () => void): () => void {
	const onSignal = (signal: NodeJS.Signals): void => {
		release();
		cleanup();
		if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
	};
	const release = (): void => {
		for (const signal of SIGNALS) process.off(signal, onSignal);
		process.off('exit', cleanup);
	};
	for (const signal of SIGNALS) process.on(signal, onSignal);
	process.once('exit', cleanup);
	return release;
}
