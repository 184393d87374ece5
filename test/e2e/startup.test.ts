/**
 * What the timeline leaves out of its start-up, as a user starts it (`node bin/research-feed.js` in
 * a pseudo-terminal over a cache): work its first frame does not need, done later or never. A probe
 * loaded before the program (`node --import`) notes what happened before the program's first
 * write to the terminal (once every module is loaded) and before the first frame is complete.
 */
import assert from 'node:assert/strict';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {spawnInPty} from '../helpers/pty-terminal.js';
import {BIN, refreshedTuiHome, type TuiHome} from '../helpers/tui-home.js';

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

let tui: TuiHome;
let home: TuiHome['home'];
let env: Record<string, string>;

before(async () => {
	tui = await refreshedTuiHome(() => ({}));
	({home, env} = tui);
});

after(() => tui.close());

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
