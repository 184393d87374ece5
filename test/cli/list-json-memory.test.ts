/**
 * `list --json` streams: its peak memory does not grow with the number of items. The real binary,
 * run as users run it, over two caches made by the benchmarks' generator, one ten times the other;
 * the process measures its own peak RSS (bench/lib/rss-probe.mjs, getrusage).
 */
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {generateHome} from '../../bench/generate.js';
import {tempHome} from '../helpers/temp-home.js';

const BIN = fileURLToPath(new URL('../../bin/research-feed.js', import.meta.url));
const RSS_PROBE = new URL('../../bench/lib/rss-probe.mjs', import.meta.url).href;
const NOW = '2026-12-01T00:00:00Z';

/** The CLI's peak RSS (as the process measured it) and how many bytes it printed, stdout read as it comes. */
function run(homeDir: string, args: string[]): Promise<{peakRss: number; stdoutBytes: number}> {
	const file = join(homeDir, '.peak-rss');
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--import', RSS_PROBE, BIN, ...args], {
			env: {...process.env, RESEARCH_FEED_HOME: homeDir, RESEARCH_FEED_NOW: NOW, BENCH_RSS_FILE: file, DEBUG: undefined},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdoutBytes = 0;
		let stderr = '';
		child.stdout.on('data', (d: Buffer) => (stdoutBytes += d.length));
		child.stderr.on('data', d => (stderr += String(d)));
		child.on('error', reject);
		child.on('close', code => {
			if (code !== 0 || !existsSync(file)) return reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`));
			resolve({peakRss: Number(readFileSync(file, 'utf8').split('\n')[0]), stdoutBytes});
		});
	});
}

describe('list --json memory', () => {
	const homes: Array<ReturnType<typeof tempHome>> = [];
	const home = (items: number) => {
		const h = tempHome(`rf-list-mem-${items}-`);
		homes.push(h);
		generateHome({dir: h.dir, items, researchers: 200, origin: 'http://127.0.0.1:9', now: new Date(NOW)});
		return h.dir;
	};
	let small = '';
	let large = '';
	before(() => {
		small = home(2_000);
		large = home(20_000);
	});
	after(() => homes.forEach(h => h.cleanup()));

	// Not equal peaks: garbage Buffers are collected after a few tens of MB (V8's external-memory
	// trigger), so the peak rises from the small list's to a plateau and stays there (about 100 MB
	// from 20,000 to 300,000 items). What is bounded is that rise; output held in memory would add
	// its own size several times over (its text, the items it was printed from).
	test('peak RSS at 20,000 items stays within a bounded rise of the peak at 2,000', async () => {
		const few = await run(small, ['list', '--json']);
		const many = await run(large, ['list', '--json']);
		// About 30 MB of output against 3: held in memory as one string, or as the items it prints, it would show several times over.
		assert.ok(many.stdoutBytes > 9 * few.stdoutBytes, `${many.stdoutBytes} vs ${few.stdoutBytes} bytes`);
		const mb = (n: number) => Math.round(n / 2 ** 20);
		assert.ok(many.peakRss < few.peakRss + 48 * 2 ** 20, `peak RSS ${mb(many.peakRss)} MB at 20,000 items vs ${mb(few.peakRss)} MB at 2,000`);
	});
});
