/**
 * What the timeline's pty tests start from: a fresh home that follows Leqi Liu and Wei Liu on a
 * loopback AppView (test/fixtures/bluesky), refreshed once through the real binary, and the
 * helpers they share to read and leave the screen.
 */
import assert from 'node:assert/strict';
import {fileURLToPath} from 'node:url';
import {HANDLES, leqiFixture, weiFixture} from '../fixtures/bluesky/build.js';
import type {PtyTerminal} from './pty-terminal.js';
import {runCli} from './run-cli.js';
import {tempHome} from './temp-home.js';
import {startXrpcServer, type XrpcServer} from './xrpc-server.js';

export const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

export interface TuiHome {
	server: XrpcServer;
	home: ReturnType<typeof tempHome>;
	/** The environment the binary runs with (the home, the AppView, no colour, and what `extraEnv` added). */
	env: Record<string, string>;
	close(): Promise<void>;
}

/**
 * A refreshed two-researcher home. `extraEnv` gets the home's folder (to write a browser script
 * there, say) and returns variables to add; `CI: 'true'` is in by default, as on CI machines
 * (Ink then draws only the last frame unless the timeline hides it while loading).
 */
export async function refreshedTuiHome(extraEnv: (dir: string) => Record<string, string> = () => ({CI: 'true'})): Promise<TuiHome> {
	const server = await startXrpcServer({actors: [await leqiFixture(), await weiFixture()]});
	const home = tempHome();
	const env = {RESEARCH_FEED_HOME: home.dir, RESEARCH_FEED_BLUESKY_SERVICE: server.url, NO_COLOR: '1', ...extraEnv(home.dir)};
	await runCli(['add', 'Leqi Liu', '--bluesky', HANDLES.leqi], {env});
	await runCli(['add', 'Wei Liu', '--bluesky', HANDLES.wei], {env});
	const refreshed = await runCli(['refresh'], {env});
	assert.equal(refreshed.code, 0, refreshed.stderr);
	return {
		server,
		home,
		env,
		close: async () => {
			await server.close();
			home.cleanup();
		},
	};
}

/** The selected row (drawn with a leading `>`), or '' when none is. */
export const selectedRow = (screen: string[]): string => screen.find(line => line.startsWith('>')) ?? '';

/** Presses `q` and expects the timeline to exit with status 0 within 5 s. */
export async function quitTui(term: PtyTerminal): Promise<void> {
	term.write('q');
	const exit = await Promise.race([term.exited, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`did not quit:\n${term.screen().join('\n')}`)), 5000))]);
	assert.equal(exit.exitCode, 0);
}
