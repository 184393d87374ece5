/**
 * What the timeline leaves out of its start-up, as a user starts it (`node bin/research-feed.js` in
 * a pseudo-terminal over a cache): work its first frame does not need, done later or never. A probe
 * loaded before the program (`node --import`) notes what happened before the program's first
 * write to the terminal (once every module is loaded) and before the first frame is complete.
 */
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {after, before, test} from 'node:test';
import {HANDLES, leqiFixture, weiFixture} from '../fixtures/bluesky/build.js';
import {spawnInPty} from '../helpers/pty-terminal.js';
import {runCli} from '../helpers/run-cli.js';
import {tempHome} from '../helpers/temp-home.js';
import {startXrpcServer, type XrpcServer} from '../helpers/xrpc-server.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));

/**
 * Records, at the first write to stdout and at the write that ends the first frame (its key hint),
 * whether node:child_process was loaded and how many Intl.Segmenters had been built.
 */
const PROBE = `
import {writeFileSync} from 'node:fs';
const out = process.env.STARTUP_PROBE_OUT;
let segmenters = 0;
const Segmenter = Intl.Segmenter;
Intl.Segmenter = class extends Segmenter { constructor(...args) { super(...args); segmenters++; } };
const loaded = () => process.moduleLoadList.includes('NativeModule child_process');
const seen = {};
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
	seen.firstWrite ??= {childProcess: loaded(), segmenters};
	if (seen.frame === undefined && String(chunk).includes('quit')) {
		seen.frame = {childProcess: loaded(), segmenters};
		writeFileSync(out, JSON.stringify(seen));
	}
	return write(chunk, ...rest);
};
`;

let server: XrpcServer;
let home: ReturnType<typeof tempHome>;
let env: Record<string, string>;

before(async () => {
	server = await startXrpcServer({actors: [await leqiFixture(), await weiFixture()]});
	home = tempHome();
	env = {RESEARCH_FEED_HOME: home.dir, RESEARCH_FEED_BLUESKY_SERVICE: server.url, NO_COLOR: '1'};
	await runCli(['add', 'Leqi Liu', '--bluesky', HANDLES.leqi], {env});
	await runCli(['add', 'Wei Liu', '--bluesky', HANDLES.wei], {env});
	const refreshed = await runCli(['refresh'], {env});
	assert.equal(refreshed.code, 0, refreshed.stderr);
});

after(async () => {
	await server.close();
	home.cleanup();
});

test('the first frame is drawn before node:child_process is loaded, and no grapheme segmenter is built while modules load', async () => {
	const probe = join(home.dir, 'probe.mjs');
	const out = join(home.dir, 'probe.json');
	writeFileSync(probe, PROBE);
	const term = spawnInPty(process.execPath, ['--import', probe, BIN], {cols: 100, rows: 30, env: {...env, STARTUP_PROBE_OUT: out}});
	try {
		await term.waitFor(s => s.some(l => l.includes('Leqi Liu')) && s.some(l => l.includes('quit')));
		const seen = JSON.parse(readFileSync(out, 'utf8')) as Record<'firstWrite' | 'frame', {childProcess: boolean; segmenters: number}>;
		// The launch refresh runs in a child process started after the frame, and links open later still.
		assert.equal(seen.frame.childProcess, false, 'node:child_process was loaded before the first frame');
		// Built on first use (the first Intl object loads ICU's locale data); none while the modules load.
		assert.equal(seen.firstWrite.segmenters, 0, 'an Intl.Segmenter was built while the program loaded');
		// The refresh does start, once the frame is out.
		await term.waitFor(s => s.some(l => /refreshed|last refresh|refreshing/.test(l)));
	} finally {
		term.write('q');
		await term.exited;
	}
});
