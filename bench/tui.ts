/**
 * Start-up, key and memory benchmarks of the full-screen timeline, on a pseudo-terminal.
 *
 * - start: from just before the process is spawned until the output chunk after which the first
 *   full frame is on screen (header, list rows, status line with the position, key hint), over
 *   generated homes of 10k and 100k items; `list --json --limit 50` to exit; Node's own
 *   `node -e 0` measured the same two ways for reference.
 * - keys (100k items, after the launch refresh has finished): from writing a key to the pty until
 *   the output chunk that shows its effect (the new position in the status line, the search line
 *   with the typed text). Keys are isolated presses (50 ms apart, as a person types), so each one
 *   measures the app rather than Ink's 30 fps render throttle.
 * - memory: the TUI's peak RSS (VmHWM) after the key run, and its launch refresh's child process
 *   (sampled while it ran).
 *
 * Prints one JSON object on stdout. Usage: node --import tsx bench/tui.ts [--quick] [--work DIR] [--reuse] [--no-keys] [--bin OTHER/bin/research-feed.js]
 */
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {generateHome, type GenerateResult} from './generate.js';
import {median, percentile, tailTerm} from './lib/random.js';
import {type Chunk, finalScreen, peakRss, replay, sampleChildPeakRss, spawnTimed, type TimedPty} from './lib/pty.js';
import {startStubOrigin, type StubOrigin} from './lib/stub-origin.js';
import {runIfEntry} from './lib/run-main.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
// --bin: another checkout's launcher, for a side-by-side comparison on the same homes (--reuse).
const BIN = resolve(arg('bin') ?? join(ROOT, 'bin', 'research-feed.js'));
const COLS = 120;
const ROWS = 40;
/** Rows of the frame: the UI leaves the terminal's last row empty (see src/state/layout.ts). */
const HINT_ROW = ROWS - 2;
const STATUS_ROW = ROWS - 3;
const POSITION = /(\d+)\/(\d+)\s*$/;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

function env(home: string): Record<string, string> {
	// LANG: a UTF-8 terminal as a user has; NO_COLOR unset: colour output is part of the real cost.
	return {RESEARCH_FEED_HOME: home, LANG: 'C.UTF-8', BROWSER: 'true'};
}

/** A frame is full when the header, the first list row, the status line (with the position) and the key hint are drawn. */
function fullFrame(screen: string[]): boolean {
	return screen[0]!.includes('research-feed') && screen[1]!.trim() !== '' && POSITION.test(screen[STATUS_ROW]!) && screen[HINT_ROW]!.trim() !== '';
}

async function quit(term: TimedPty): Promise<void> {
	term.write('\u0003');
	const done = await Promise.race([term.exited.then(() => true), sleep(3000).then(() => false)]);
	if (!done) {
		term.kill('SIGKILL');
		await term.exited;
	}
}

export interface StartRun {
	firstFrameMs: number;
	screen: string[];
}

/** One launch: time to the first full frame. */
async function startOnce(home: string): Promise<StartRun> {
	const term = spawnTimed(process.execPath, [BIN], {cols: COLS, rows: ROWS, env: env(home)});
	try {
		// Cheap raw check while the clock runs (the key hint ends the frame), exact check by replay after.
		let from = 0;
		for (let attempt = 0; attempt < 50; attempt++) {
			await term.waitForText(from, t => t.includes('help') || t.includes('quit'), 30_000);
			const index = await replay(term.chunks, COLS, ROWS, fullFrame);
			if (index >= 0) {
				const chunk = term.chunks[index] as Chunk;
				return {firstFrameMs: chunk.t - term.spawnedAt, screen: await finalScreen(term.chunks.slice(0, index + 1), COLS, ROWS)};
			}
			from = term.chunks.length;
			await sleep(5);
		}
		throw new Error('no full frame');
	} finally {
		await quit(term);
	}
}

/** Spawn to exit, stdout drained (what a script calling the CLI waits for). */
function timeExit(args: string[], extraEnv: Record<string, string>): Promise<number> {
	return new Promise((resolveRun, reject) => {
		const t0 = performance.now();
		const child = spawn(process.execPath, args, {env: {...process.env, ...extraEnv}, stdio: ['ignore', 'pipe', 'pipe']});
		child.stdout.resume();
		let err = '';
		child.stderr.on('data', d => (err += String(d)));
		child.on('error', reject);
		child.on('close', code => {
			if (code !== 0) reject(new Error(`${args.join(' ')} exited ${code}: ${err}`));
			else resolveRun(performance.now() - t0);
		});
	});
}

/** `node -e 0` in the pty harness: the floor under any first frame. */
async function nodeInPty(): Promise<number> {
	const term = spawnTimed(process.execPath, ['-e', '0'], {cols: COLS, rows: ROWS, env: {}});
	await term.exited;
	return performance.now() - term.spawnedAt;
}

export interface KeyStats {
	presses: number;
	medianMs: number;
	p99Ms: number;
	maxMs: number;
}

function stats(values: number[]): KeyStats {
	return {presses: values.length, medianMs: median(values), p99Ms: percentile(values, 99), maxMs: Math.max(...values)};
}

/** Presses `key` and waits for output satisfying `effect`; returns the latency. */
async function press(term: TimedPty, key: string, effect: (text: string) => boolean): Promise<number> {
	const from = term.chunks.length;
	const t0 = performance.now();
	term.write(key);
	try {
		const chunk = await term.waitForText(from, effect, 20_000);
		return chunk.t - t0;
	} catch (error) {
		const text = term.textSince(from);
		throw new Error(`key ${JSON.stringify(key)}: no effect (${effect.toString()}; test on all output since: ${effect(text)}): ${String(error)}`);
	}
}

const positionIs = (n: number, total: number) => {
	const re = new RegExp(`(?<!\\d)${n}/${total}(?!\\d)`);
	return (text: string) => re.test(text);
};

export interface KeysResult {
	items: number;
	j: KeyStats;
	G: KeyStats;
	g: KeyStats;
	searchOpen: KeyStats;
	searchChar: KeyStats;
	/** Typed characters by the query length they make: 1–2 characters have no trigram to look up. */
	searchCharShort: KeyStats;
	searchCharLong: KeyStats;
	/** 3+ characters: until the last frame the character caused (the exact match count included). */
	searchCharLongSettled: KeyStats;
	searchClear: KeyStats;
	/** All presses together. */
	all: KeyStats;
	refreshWaitMs: number;
	peakRssBytes: number | null;
	/** The launch refresh's child process (sampled every 25 ms while it ran). */
	refreshPeakRssBytes: number | null;
}

/** Reads the position from the settled screen, then times `presses` presses of `j`. */
async function pressJ(term: TimedPty, presses: number, gapMs: number): Promise<{total: number; j: number[]}> {
	await sleep(300);
	const screen = await finalScreen(term.chunks, COLS, ROWS);
	const m = POSITION.exec(screen[STATUS_ROW]!);
	if (!m) throw new Error(`no position on the status line:\n${screen.join('\n')}`);
	const total = Number(m[2]);
	let position = Number(m[1]);
	const j: number[] = [];
	for (let i = 0; i < presses; i++) {
		j.push(await press(term, 'j', positionIs(position + 1, total)));
		position++;
		await sleep(gapMs);
	}
	return {total, j};
}

async function keys(home: string, presses: number, gapMs: number): Promise<KeysResult> {
	const term = spawnTimed(process.execPath, [BIN], {cols: COLS, rows: ROWS, env: env(home)});
	const refreshRss = sampleChildPeakRss(term.pid);
	try {
		// Steady state: the launch refresh (nothing new) must be over, or its redraws would be measured too.
		const t0 = performance.now();
		await term.waitForText(0, t => /\d+ new/.test(t), 600_000);
		const refreshWaitMs = performance.now() - t0;
		const refreshPeakRssBytes = await refreshRss.stop();
		const {total, j} = await pressJ(term, presses, gapMs);
		const G: number[] = [];
		const g: number[] = [];
		for (let i = 0; i < presses / 2; i++) {
			G.push(await press(term, 'G', positionIs(total, total)));
			await sleep(gapMs);
			g.push(await press(term, 'g', positionIs(1, total)));
			await sleep(gapMs);
		}
		const open: number[] = [];
		const chars: number[] = [];
		const short: number[] = [];
		const long: number[] = [];
		const clear: number[] = [];
		const settled: number[] = [];
		// Queries that match many items (a common word), few (a rare term of the generated text), and
		// none. No spaces: a trailing space is not drawn until the next character, so it has no frame to time.
		const queries = ['preference', tailTerm(400), 'zyxw'];
		const charLog: Array<{query: string; round: number; ms: number}> = [];
		let count = 0;
		for (let round = 0; count < presses; round++) {
			const query = queries[round % queries.length]!;
			open.push(await press(term, '/', t => t.includes('/_')));
			await sleep(gapMs);
			for (let i = 1; i <= query.length && count < presses; i++, count++) {
				const from = term.chunks.length;
				const t0 = performance.now();
				const ms = await press(term, query[i - 1]!, t => t.includes(`/${query.slice(0, i)}_`));
				chars.push(ms);
				charLog.push({query: query.slice(0, i), round, ms});
				(i < 3 ? short : long).push(ms);
				await sleep(gapMs);
				// A long search's exact count may follow in a frame of its own (SqliteModel.count): the
				// last output before the next key is when the screen had settled.
				if (i >= 3) settled.push(term.chunks[term.chunks.length - 1]!.t - t0);
				if (term.chunks.length === from) throw new Error('no output for a typed character');
			}
			// Esc clears the filter, keeping the selected item: any position in the whole list.
			clear.push(await press(term, '\u001b', t => new RegExp(`(?<!\\d)\\d+/${total}(?!\\d)`).test(t)));
			await sleep(Math.max(gapMs, 100));
		}
		// BENCH_SEARCH_LOG=file: every typed character's latency, to see which searches make the tail.
		if (process.env['BENCH_SEARCH_LOG']) writeFileSync(process.env['BENCH_SEARCH_LOG'], JSON.stringify(charLog));
		const peakRssBytes = await peakRss(term.pid);
		return {
			items: total,
			j: stats(j),
			G: stats(G),
			g: stats(g),
			searchOpen: stats(open),
			searchChar: stats(chars),
			searchCharShort: stats(short),
			searchCharLong: stats(long),
			searchCharLongSettled: stats(settled),
			searchClear: stats(clear),
			all: stats([...j, ...G, ...g, ...open, ...chars, ...clear]),
			refreshWaitMs,
			peakRssBytes,
			refreshPeakRssBytes,
		};
	} finally {
		await quit(term);
	}
}

/**
 * `j` after a launch refresh in which every source failed (the origin is closed: a user offline).
 * The status line then reports 921 failures; it once measured all of them on every frame.
 */
async function offlineKeys(home: string, presses: number, gapMs: number): Promise<KeyStats> {
	const term = spawnTimed(process.execPath, [BIN], {cols: COLS, rows: ROWS, env: env(home)});
	try {
		await term.waitForText(0, t => /\d+ failed/.test(t), 600_000);
		return stats((await pressJ(term, presses, gapMs)).j);
	} finally {
		await quit(term);
	}
}

export interface TuiResult {
	homes: Record<string, GenerateResult>;
	nodeStart: {ptyMedianMs: number; spawnMedianMs: number; runs: number};
	start: Record<string, {medianMs: number; minMs: number; maxMs: number; runs: number; ms: number[]}>;
	list: Record<string, {medianMs: number; runs: number}>;
	keys: KeysResult | null;
	/** `j` with every source failed (offline). */
	offlineJ: KeyStats | null;
	firstFrame: string[];
}

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const sizes = (arg('sizes') ?? '10000,100000').split(',').map(Number);
	const runs = Number(arg('runs') ?? (quick ? 3 : 7));
	const presses = Number(arg('presses') ?? (quick ? 40 : 200));
	const skipKeys = process.argv.includes('--no-keys');
	const work = arg('work') ?? mkdtempSync(join(tmpdir(), 'rf-bench-tui-'));
	const origin: StubOrigin = await startStubOrigin(50);
	const result: TuiResult = {homes: {}, nodeStart: {ptyMedianMs: 0, spawnMedianMs: 0, runs}, start: {}, list: {}, keys: null, offlineJ: null, firstFrame: []};
	try {
		const ptyNode: number[] = [];
		const spawnNode: number[] = [];
		for (let i = 0; i < runs; i++) {
			ptyNode.push(await nodeInPty());
			spawnNode.push(await timeExit(['-e', '0'], {}));
		}
		result.nodeStart = {ptyMedianMs: median(ptyNode), spawnMedianMs: median(spawnNode), runs};

		for (const size of sizes) {
			const home = join(work, `home-${size}`);
			// --reuse: a home generated by an earlier run in --work stays (its origin URL is stale, so
			// the launch refresh fails fast: fine for first frames, not for the key figures).
			if (!(process.argv.includes('--reuse') && existsSync(join(home, 'cache.db')))) {
				rmSync(home, {recursive: true, force: true});
				process.stderr.write(`tui: generating ${size} items… `);
				const gen = generateHome({dir: home, items: size, origin: origin.url});
				process.stderr.write(`${(gen.ms / 1000).toFixed(1)} s\n`);
				result.homes[String(size)] = gen;
			}
			// One untimed launch: the OS file cache holds the database afterwards, as on a machine in use.
			await startOnce(home);
			const ms: number[] = [];
			for (let i = 0; i < runs; i++) {
				const run = await startOnce(home);
				ms.push(run.firstFrameMs);
				if (size === sizes[sizes.length - 1]) result.firstFrame = run.screen;
				await sleep(200);
			}
			result.start[String(size)] = {medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms), runs, ms};
			const list: number[] = [];
			for (let i = 0; i < runs; i++) list.push(await timeExit([BIN, 'list', '--json', '--limit', '50'], {RESEARCH_FEED_HOME: home}));
			result.list[String(size)] = {medianMs: median(list), runs};
			process.stderr.write(`tui: ${size} items: first frame ${median(ms).toFixed(0)} ms, list ${median(list).toFixed(0)} ms\n`);
			if (size === Math.max(...sizes) && !skipKeys) {
				process.stderr.write(`tui: keys (${presses} presses each)…\n`);
				result.keys = await keys(home, presses, 50);
				process.stderr.write(`tui: offline keys (${presses / 2} presses)…\n`);
				await origin.close();
				result.offlineJ = await offlineKeys(home, presses / 2, 50);
			}
		}
	} finally {
		await origin.close();
		if (!arg('work')) rmSync(work, {recursive: true, force: true});
	}
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

runIfEntry(import.meta.url, main);
