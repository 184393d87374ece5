/**
 * `research-feed demo`: the real program over a bundled snapshot. A loopback server stands in for
 * Bluesky and a homepage, a temporary home holds config and cache, and everything is removed on
 * exit: the user's real home is never touched.
 */
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startDemoServer} from '../../demo/server.js';
import {CliContext, type CliIo} from '../context.js';
import {listCommand} from './list.js';
import {refreshCommand} from './refresh.js';

export async function demoCommand(io: CliIo): Promise<number> {
	const home = mkdtempSync(join(tmpdir(), 'research-feed-demo-'));
	const server = await startDemoServer();
	const env = {
		...io.env,
		RESEARCH_FEED_HOME: home,
		RESEARCH_FEED_BLUESKY_SERVICE: server.url,
		RESEARCH_FEED_ARXIV_API: `${server.url}/arxiv/api/query`,
	};
	const quiet = {write: () => true} as unknown as NodeJS.WritableStream;
	const ctx = await CliContext.create({...io, env, stderr: quiet}, home);
	try {
		ctx.config.addResearcher('Leqi Liu', [{kind: 'bluesky', target: 'leqiliu.bsky.social'}]);
		ctx.config.addResearcher('Wei Liu', [
			{kind: 'homepage', target: server.homepageUrl},
			{kind: 'bluesky', target: 'weiliu.bsky.social'},
		]);
		// Fill the cache first, as a real user's would be, so the timeline opens full.
		await refreshCommand(ctx, {});
		const stdout = io.stdout as {isTTY?: boolean};
		if (stdout.isTTY && io.stdin.isTTY) {
			const {loadTui} = await import('./tui.js');
			const {runApp} = await loadTui();
			// Already refreshed above; the timer still refreshes later, as in real use.
			await runApp(ctx, {refreshOnStart: false});
			return 0;
		}
		return listCommand(ctx, {});
	} finally {
		ctx.close();
		await server.close();
		rmSync(home, {recursive: true, force: true});
	}
}
