/**
 * Every command over one large cache (300,000 items by default): `list --json` with no limit (and
 * its peak RSS), `digest`, `papers`, `papers --bibtex`, `export`, `list --search` (a common word
 * and a rare term), `mark-read --all`. Each is run as users run it (bin/research-feed.js, output
 * read through a pipe and counted), from spawn to exit; medians of `--runs` (3).
 *
 * The cache is generated once (bench/generate.ts) into WORK/home-N, where bench/tui.ts --reuse
 * finds it for the timeline's first frame and keys at the same size. `mark-read` writes, so each
 * of its runs gets a fresh copy of the cache (the copy is not timed).
 *
 * Prints one JSON object on stdout. Usage:
 *   node --import tsx bench/scale.ts [--quick] [--items 300000] [--work DIR] [--reuse] [--runs 3] [--bin OTHER/bin/research-feed.js]
 * (--bin: another checkout's launcher, for a side-by-side on the same cache with --reuse)
 */
import {spawn} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {generateHome} from './generate.js';
import {median, tailTerm} from './lib/random.js';
import {runIfEntry} from './lib/run-main.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RSS_PROBE = pathToFileURL(join(ROOT, 'bench', 'lib', 'rss-probe.mjs')).href;
/** The cache's "now": digests and `--since` are relative to it, so every run selects the same items. */
const NOW = '2026-12-01T00:00:00Z';

export interface CommandRun {
	ms: number;
	stdoutBytes: number;
	peakRssBytes: number | null;
}

export interface CommandFigures {
	args: string[];
	medianMs: number;
	ms: number[];
	stdoutBytes: number;
	peakRssBytes: number | null;
}

export interface ScaleResult {
	items: number;
	visibleItems: number;
	papers: number;
	cacheBytes: number;
	generateMs: number | null;
	runs: number;
	commands: Record<string, CommandFigures>;
}

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : process.argv[i + 1];
}

/** One run of the CLI: spawn to exit, stdout counted (not kept), peak RSS from the process itself. */
function runCli(bin: string, home: string, args: string[]): Promise<CommandRun> {
	return new Promise((resolveRun, reject) => {
		const rssFile = join(home, '.peak-rss');
		rmSync(rssFile, {force: true});
		const t0 = performance.now();
		const child = spawn(process.execPath, ['--import', RSS_PROBE, bin, ...args], {
			env: {...process.env, RESEARCH_FEED_HOME: home, RESEARCH_FEED_NOW: NOW, BENCH_RSS_FILE: rssFile},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let bytes = 0;
		let err = '';
		child.stdout.on('data', (d: Buffer) => (bytes += d.length));
		child.stderr.on('data', d => (err += String(d)));
		child.on('error', reject);
		child.on('close', code => {
			const ms = performance.now() - t0;
			if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}: ${err.slice(-1000)}`));
			resolveRun({ms, stdoutBytes: bytes, peakRssBytes: existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').split('\n')[0]) : null});
		});
	});
}

async function measure(bin: string, home: string, args: string[], runs: number, before?: () => void): Promise<CommandFigures> {
	const all: CommandRun[] = [];
	for (let i = 0; i < runs; i++) {
		before?.();
		all.push(await runCli(bin, home, args));
	}
	const peaks = all.map(r => r.peakRssBytes).filter((n): n is number => n !== null);
	const figures = {
		args,
		medianMs: median(all.map(r => r.ms)),
		ms: all.map(r => Math.round(r.ms)),
		stdoutBytes: all.at(-1)!.stdoutBytes,
		peakRssBytes: peaks.length > 0 ? Math.max(...peaks) : null,
	};
	process.stderr.write(`scale: ${args.join(' ')}: ${Math.round(figures.medianMs)} ms (${figures.ms.join(', ')}), ${Math.round(figures.stdoutBytes / 1024)} KiB out${figures.peakRssBytes ? `, peak RSS ${Math.round(figures.peakRssBytes / 2 ** 20)} MB` : ''}\n`);
	return figures;
}

export async function runScale(options: {items: number; work: string; reuse: boolean; runs: number; bin?: string}): Promise<ScaleResult> {
	const bin = resolve(options.bin ?? join(ROOT, 'bin', 'research-feed.js'));
	const home = join(options.work, `home-${options.items}`);
	let generateMs: number | null = null;
	let counts = {visibleItems: 0, papers: 0};
	const countsFile = join(home, '.generated.json');
	if (options.reuse && existsSync(join(home, 'cache.db')) && existsSync(countsFile)) {
		counts = JSON.parse(readFileSync(countsFile, 'utf8')) as typeof counts;
	} else {
		process.stderr.write(`scale: generating ${options.items.toLocaleString('en')} items (once; --reuse keeps it)…\n`);
		rmSync(home, {recursive: true, force: true});
		// Sources point at a closed port: nothing here refreshes, and the timeline's launch refresh fails fast.
		const gen = generateHome({dir: home, items: options.items, origin: 'http://127.0.0.1:9', now: new Date(NOW)});
		generateMs = gen.ms;
		counts = {visibleItems: gen.visibleItems, papers: gen.papers};
		writeFileSync(countsFile, JSON.stringify(counts));
	}
	const cache = join(home, 'cache.db');
	const result: ScaleResult = {
		items: options.items,
		...counts,
		cacheBytes: statSync(cache).size,
		generateMs,
		runs: options.runs,
		commands: {},
	};
	const run = (label: string, args: string[]) => measure(bin, home, args, options.runs).then(f => (result.commands[label] = f));
	await run('list --json', ['list', '--json']);
	await run('digest', ['digest', '--since', '7d']);
	await run('papers', ['papers']);
	await run('papers --json', ['papers', '--json']);
	await run('papers --bibtex', ['papers', '--bibtex']);
	await run('export', ['export']);
	// A word in most items (the scan plan) and one of the long tail's rarer terms (the trigram index).
	await run('list --search (common word)', ['list', '--search', 'learning']);
	await run('list --search (rare term)', ['list', '--search', tailTerm(400)]);

	// mark-read writes: each run on a fresh copy of the cache, in a home of its own.
	const scratch = join(options.work, `mark-read-${options.items}`);
	mkdirSync(scratch, {recursive: true});
	copyFileSync(join(home, 'config.json'), join(scratch, 'config.json'));
	const fresh = () => {
		for (const suffix of ['-wal', '-shm']) rmSync(join(scratch, `cache.db${suffix}`), {force: true});
		copyFileSync(cache, join(scratch, 'cache.db'));
		for (const suffix of ['-wal', '-shm']) if (existsSync(cache + suffix)) copyFileSync(cache + suffix, join(scratch, `cache.db${suffix}`));
	};
	result.commands['mark-read --all'] = await measure(bin, scratch, ['mark-read', '--all'], options.runs, fresh);
	rmSync(scratch, {recursive: true, force: true});
	return result;
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const work = arg('work') ?? mkdtempSync(join(tmpdir(), 'rf-bench-scale-'));
	const result = await runScale({
		items: Number(arg('items') ?? 300_000),
		work,
		reuse: process.argv.includes('--reuse'),
		runs: Number(arg('runs') ?? (quick ? 1 : 3)),
		bin: arg('bin'),
	});
	if (!arg('work')) rmSync(work, {recursive: true, force: true});
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

runIfEntry(import.meta.url, main);
