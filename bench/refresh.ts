/**
 * Refresh benchmark: `research-feed refresh` against 500 sources on a loopback web that adds
 * `latency` ms to every answer, and newsboat on the same 500 Atom feeds, in the same run.
 *
 * Scenarios (each from a fresh home, then again on the cache the first run left):
 * - mixed: 200 Bluesky author feeds (loopback AppView, lexicon-valid posts), 150 academic
 *   homepages, 150 Atom feeds: "everything new" (empty cache), then "nothing new" (every homepage
 *   and feed answers 304 to its conditional request, every author feed's first page is known).
 * - large: 500 Atom feeds of 200 entries each, every entry linking an arXiv paper (100,000
 *   entries): cold (empty cache) then warm (every feed answers 304), ours, and newsboat cold.
 * - atom: 500 Atom feeds, ours and newsboat's (`newsboat -x reload`, `reload-threads` = our
 *   concurrency, its own url/config/cache files in a temporary folder). newsboat 2.21 sends
 *   conditional requests only from a feed's third reload (newsboat issue #2734), so its
 *   "nothing new" run is its third reload; the second is not timed.
 *
 * Figures per run: time until the last source's result (the comparable part), time to exit
 * (ours adds arXiv metadata lookups after the sources, paced at one request per 3 s by design, so
 * between the two runs every paper is given metadata, as a long-used cache has), requests by
 * kind and status, peak RSS. Prints one JSON object on stdout.
 *
 * Usage: node --import tsx bench/refresh.ts [--quick] [--runs N] [--concurrency N] [--latency MS] [--only mixed|atom|large] [--no-newsboat] [--cpu-prof DIR] [--repeat-unchanged N]
 *
 * `--repeat-unchanged N`: each "nothing new" run is repeated N times on the cache its cold run left
 * (every one recorded), for A/B comparisons of the unchanged refresh without N slow cold imports.
 * `--compare-bin PATH`: each of those runs is paired with one of another build's
 * bin/research-feed.js against the same server, on a cache of its own that its own cold run made
 * (the builds may differ in schema), in alternating order; the pairs are printed on stderr and kept
 * in the result's `compare` (its figures are not in the scenario's).
 */
import {spawn, spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';
import {Config} from '../src/config/config.js';
import type {ResearcherConfig, SourceConfig} from '../src/domain/types.js';
import {recordLookups} from '../src/store/paper-lookups.js';
import {pendingArxivPapers, savePaperMeta} from '../src/store/paper-meta.js';
import Database from 'better-sqlite3';
import {BUSY_TIMEOUT_MS} from '../src/store/db.js';
import {syncSearchIndex} from '../src/store/search-index.js';
import {SYNC_MAX_ROWS} from '../src/store/store.js';
import type {XrpcActor} from '../test/helpers/xrpc-server.js';
import {type AtomShape, atomFeed, blueskyActor, homepageHtml} from './lib/corpus.js';
import {int, median, researcherNames, rng, title} from './lib/random.js';
import {type BenchWeb, document, type RequestCounts, startBenchWeb} from './lib/web.js';
import {runIfEntry} from './lib/run-main.js';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const BIN = join(ROOT, 'bin', 'research-feed.js');
const RSS_PROBE = pathToFileURL(join(ROOT, 'bench', 'lib', 'rss-probe.mjs')).href;
const SOURCES = 500;
/** The large scenario's feeds: 200 short entries each, every one linking an arXiv paper (about 50 MB in all). */
const LARGE: AtomShape = {entries: 200, paperShare: 1, prose: [120, 400]};

export interface RunFigures {
	/** Spawn until the last source's result line (ours) or exit (newsboat). */
	sourcesMs: number;
	/** Spawn until exit. */
	exitMs: number;
	requests: RequestCounts;
	peakRssBytes: number | null;
	/** CPU time of the process (user + system), ours only. */
	cpuMs?: number;
	newItems: number | null;
	failed: number | null;
	exitCode: number;
}

export interface ScenarioFigures {
	everythingNew: RunFigures[];
	nothingNew: RunFigures[];
}

export interface RefreshResult {
	latencyMs: number;
	concurrency: number;
	runs: number;
	corpus: {bluesky: number; homepage: number; feed: number; atom: number; blueskyPosts: number; large: {feeds: number; entries: number; bytes: number}};
	mixed: ScenarioFigures;
	atom: ScenarioFigures;
	large: ScenarioFigures;
	newsboat: ScenarioFigures | {skipped: string};
	/** newsboat on the large corpus, cold only (its conditional reloads start at the third: see above). */
	newsboatLarge: RunFigures[];
	newsboatVersion: string | null;
}

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : process.argv[i + 1];
}

/** Serves `SOURCES` sources of the mixed scenario and 500 Atom feeds of the Atom-only one. */
async function buildWeb(
	latencyMs: number,
	seed: number,
	withLarge: boolean,
): Promise<{web: BenchWeb; mixed: ResearcherConfig[]; atom: ResearcherConfig[]; large: ResearcherConfig[]; largeBytes: number; posts: number}> {
	const rand = rng(seed);
	const now = Date.now();
	const names = researcherNames(rand, SOURCES);
	const kinds: Array<SourceConfig['kind']> = names.map((_, i) => (i % 10 < 4 ? 'bluesky' : i % 10 < 7 ? 'homepage' : 'feed'));
	const actors: XrpcActor[] = [];
	let posts = 0;
	for (let i = 0; i < SOURCES; i++) {
		if (kinds[i] !== 'bluesky') continue;
		const actor = await blueskyActor(rand, i, names[i]!, now, int(rand, 40, 150));
		posts += actor.feed.length;
		actors.push(actor);
	}
	const web = await startBenchWeb({latencyMs, actors});
	const mixed: ResearcherConfig[] = names.map((name, i) => {
		const kind = kinds[i]!;
		if (kind === 'bluesky') return {name, sources: [{kind, target: `r${i}.bench.test`}]};
		if (kind === 'homepage') {
			web.documents.set(`/home/${i}/`, document(homepageHtml(rand, name, now), 'text/html; charset=utf-8', `h${i}`));
			return {name, sources: [{kind, target: `${web.url}/home/${i}/`}]};
		}
		web.documents.set(`/feed/${i}.xml`, document(atomFeed(rand, `https://blog${i}.example.org`, name, now), 'application/atom+xml; charset=utf-8', `f${i}`));
		return {name, sources: [{kind, target: `${web.url}/feed/${i}.xml`}]};
	});
	const atom: ResearcherConfig[] = names.map((name, i) => {
		web.documents.set(`/feed/a${i}.xml`, document(atomFeed(rand, `https://lab${i}.example.org`, name, now), 'application/atom+xml; charset=utf-8', `a${i}`));
		return {name, sources: [{kind: 'feed', target: `${web.url}/feed/a${i}.xml`}]};
	});
	let largeBytes = 0;
	const large: ResearcherConfig[] = !withLarge
		? []
		: names.map((name, i) => {
				const body = atomFeed(rand, `https://group${i}.example.org`, name, now, LARGE);
				largeBytes += Buffer.byteLength(body);
				web.documents.set(`/feed/L${i}.xml`, document(body, 'application/atom+xml; charset=utf-8', `L${i}`));
				return {name, sources: [{kind: 'feed', target: `${web.url}/feed/L${i}.xml`}]};
			});
	return {web, mixed, atom, large, largeBytes, posts};
}

/** An arXiv API stand-in: an Atom entry with metadata for every id asked for. */
function arxivAnswer(query: string): string {
	const ids = (new URLSearchParams(query).get('id_list') ?? '').split(',').filter(Boolean);
	const rand = rng(ids.length);
	const entries = ids.map(
		id => `<entry><id>http://arxiv.org/abs/${id}v1</id><updated>2025-01-02T00:00:00Z</updated><published>2025-01-01T00:00:00Z</published>
<title>${title(rand)}</title><summary>An abstract.</summary><author><name>A. Author</name></author>
<arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG" scheme="http://arxiv.org/schemas/atom"/></entry>`,
	);
	return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">
<title>arXiv Query</title><id>http://arxiv.org/api/bench</id><updated>2025-01-02T00:00:00Z</updated>
<opensearch:totalResults>${ids.length}</opensearch:totalResults><opensearch:startIndex>0</opensearch:startIndex><opensearch:itemsPerPage>${ids.length}</opensearch:itemsPerPage>
${entries.join('\n')}
</feed>`;
}

function writeHome(dir: string, researchers: ResearcherConfig[], concurrency: number | undefined): void {
	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'config.json'), JSON.stringify({researchers, ...(concurrency ? {concurrency} : {})}, null, '\t'));
}

/**
 * A cache that has been refreshed many times: every paper already has its arXiv metadata, so a
 * refresh with nothing new asks the arXiv API nothing (as in daily use).
 */
function settlePaperMetadata(home: string): number {
	// The file as the build under test left it: not upgraded to this checkout's schema (--compare-bin).
	const db = new Database(join(home, 'cache.db'), {timeout: BUSY_TIMEOUT_MS});
	try {
		const now = new Date().toISOString();
		const ids = pendingArxivPapers(db, '9999-12-31T00:00:00.000Z', 1_000_000);
		db.transaction(() => {
			savePaperMeta(
				db,
				ids.map(id => ({id, title: `Paper ${id}`, authors: ['A. Author'], abstract: null, category: 'cs.LG', published: null, updated: null, version: 1, doi: null, journalRef: null})),
				now,
			);
			// Both services that take arXiv ids have answered.
			recordLookups(db, 'arxiv', ids, {status: 'ok'}, now);
			recordLookups(db, 's2', ids, {status: 'ok'}, now);
			// As a Store's transaction does: the items whose search text the titles extended are
			// indexed, up to its bound (the rest stay queued for the next writer).
			syncSearchIndex(db, SYNC_MAX_ROWS);
		}).immediate();
		return ids.length;
	} finally {
		db.close();
	}
}

/** `--cpu-prof DIR`: our runs write V8 CPU profiles there (one folder per scenario and run). */
const PROFILE_DIR = arg('cpu-prof');
/** `--repeat-unchanged N`: unchanged runs per cold run (default 1). */
const REPEAT_UNCHANGED = Math.max(1, Number(arg('repeat-unchanged') ?? '1'));

/** `--compare-bin PATH`: another build to run beside ours on every unchanged run. */
const COMPARE_BIN = arg('compare-bin') === undefined ? undefined : resolve(arg('compare-bin')!);
/** Unchanged runs of this build and of the compared one, by run label. */
const compared: Array<{label: string; ours: RunFigures; other: RunFigures}> = [];

/** `--compare-bin`: the other build's cold run in `${home}-other` (then `settle`d as ours is). */
async function coldForComparison(home: string, researchers: ResearcherConfig[], concurrency: number | undefined, web: BenchWeb, label: string, settle: boolean): Promise<void> {
	if (COMPARE_BIN === undefined) return;
	writeHome(`${home}-other`, researchers, concurrency);
	const cold = await runOurs(`${home}-other`, web, `${label}-other`, COMPARE_BIN);
	if (settle) settlePaperMetadata(`${home}-other`);
	process.stderr.write(`refresh: ${label}: other build ${describeRun(cold)}\n`);
}

function describeRun(run: RunFigures): string {
	const cpu = run.cpuMs === undefined ? '' : `, CPU ${(run.cpuMs / 1000).toFixed(2)} s`;
	return `${(run.sourcesMs / 1000).toFixed(2)} s (exit ${(run.exitMs / 1000).toFixed(2)} s${cpu}, ${run.requests.total} requests)`;
}

/** The unchanged run `REPEAT_UNCHANGED` times on the same cache, each recorded; returns the first. */
async function runUnchanged(home: string, web: BenchWeb, label: string, into: RunFigures[]): Promise<RunFigures> {
	const otherHome = `${home}-other`;
	for (let i = 0; i < REPEAT_UNCHANGED; i++) {
		const name = REPEAT_UNCHANGED === 1 ? label : `${label}.${i + 1}`;
		// Alternating order: neither build always runs on the cache (and page cache) the other just warmed.
		const other = COMPARE_BIN !== undefined && i % 2 === 1 ? await runOurs(otherHome, web, `${name}-other`, COMPARE_BIN) : undefined;
		const run = await runOurs(home, web, name);
		into.push(run);
		const compare = COMPARE_BIN === undefined ? undefined : (other ?? (await runOurs(otherHome, web, `${name}-other`, COMPARE_BIN)));
		if (compare) compared.push({label: name, ours: run, other: compare});
		if (REPEAT_UNCHANGED > 1 || compare) process.stderr.write(`refresh: ${name}: ${describeRun(run)}${compare ? `; other build ${describeRun(compare)}` : ''}\n`);
	}
	return into[into.length - REPEAT_UNCHANGED]!;
}

function runOurs(home: string, web: BenchWeb, label: string, bin = BIN): Promise<RunFigures> {
	return new Promise((resolveRun, reject) => {
		web.resetCounts();
		const rssFile = join(home, '.peak-rss');
		rmSync(rssFile, {force: true});
		const t0 = performance.now();
		let sourcesMs = Number.NaN;
		const profile = PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${join(resolve(PROFILE_DIR), label)}`] : [];
		const child = spawn(process.execPath, [...profile, '--import', RSS_PROBE, bin, 'refresh', '--json'], {
			env: {
				...process.env,
				RESEARCH_FEED_HOME: home,
				RESEARCH_FEED_BLUESKY_SERVICE: web.url,
				RESEARCH_FEED_ARXIV_API: `${web.url}/arxiv/query`,
				RESEARCH_FEED_S2_API: `${web.url}/s2`,
				RESEARCH_FEED_CROSSREF_API: `${web.url}/crossref`,
				BENCH_RSS_FILE: rssFile,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let out = '';
		let err = '';
		let pending = '';
		child.stdout.on('data', d => (out += String(d)));
		child.stderr.on('data', d => {
			err += String(d);
			pending += String(d);
			const lines = pending.split('\n');
			pending = lines.pop() ?? '';
			for (const line of lines) {
				const m = /^\[(\d+)\/(\d+)\]/.exec(line);
				if (m && m[1] === m[2]) sourcesMs = performance.now() - t0;
			}
		});
		child.on('error', reject);
		child.on('close', code => {
			const exitMs = performance.now() - t0;
			let newItems: number | null = null;
			let failed: number | null = null;
			try {
				const json = JSON.parse(out) as {sources: Array<{ok: boolean; newItems: number}>};
				newItems = json.sources.reduce((n, s) => n + s.newItems, 0);
				failed = json.sources.filter(s => !s.ok).length;
			} catch {
				reject(new Error(`refresh printed no JSON (exit ${code}): ${err.slice(-2000)}`));
				return;
			}
			if (failed > 0) process.stderr.write(`refresh: ${failed} source(s) failed:\n${err.split('\n').filter(l => l.startsWith('research-feed:')).slice(0, 5).join('\n')}\n`);
			const usage = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').map(Number) : [];
			resolveRun({
				sourcesMs: Number.isNaN(sourcesMs) ? exitMs : sourcesMs,
				exitMs,
				requests: web.counts(),
				peakRssBytes: usage[0] ?? null,
				...(usage.length === 3 ? {cpuMs: Math.round((usage[1]! + usage[2]!) / 1000)} : {}),
				newItems,
				failed,
				exitCode: code ?? -1,
			});
		});
	});
}

export function newsboatVersion(): string | null {
	const r = spawnSync('newsboat', ['--version'], {encoding: 'utf8'});
	if (r.error || r.status !== 0) return null;
	return /newsboat\s+(\S+)/.exec(r.stdout)?.[1] ?? 'unknown';
}

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function runNewsboat(dir: string, web: BenchWeb): Promise<RunFigures> {
	return new Promise((resolveRun, reject) => {
		web.resetCounts();
		const rssFile = join(dir, 'peak-rss');
		rmSync(rssFile, {force: true});
		const args = ['-u', join(dir, 'urls'), '-c', join(dir, 'cache.db'), '-C', join(dir, 'config'), '-x', 'reload'];
		// GNU time reports the peak RSS (getrusage) of the process it runs, in KiB.
		const [command, argv] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, 'newsboat', ...args]] : ['newsboat', args];
		const t0 = performance.now();
		// Its own HOME and XDG folders: nothing of a real newsboat set-up is read or written.
		const child = spawn(command, argv, {
			env: {...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'xdg-config'), XDG_DATA_HOME: join(dir, 'xdg-data'), LANG: 'C.UTF-8'},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let err = '';
		child.stdout.resume();
		child.stderr.on('data', d => (err += String(d)));
		child.on('error', reject);
		child.on('close', code => {
			const exitMs = performance.now() - t0;
			if (code !== 0) {
				reject(new Error(`newsboat exited ${code}: ${err.slice(-1000)}`));
				return;
			}
			const kib = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) : Number.NaN;
			resolveRun({
				sourcesMs: exitMs,
				exitMs,
				requests: web.counts(),
				peakRssBytes: Number.isFinite(kib) ? kib * 1024 : null,
				newItems: null,
				failed: null,
				exitCode: code,
			});
		});
	});
}

function newsboatDir(dir: string, urls: string[], concurrency: number): void {
	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'urls'), `${urls.join('\n')}\n`);
	// Same politeness as ours: `concurrency` parallel downloads; one try, like our single attempt on success.
	writeFileSync(join(dir, 'config'), `reload-threads ${concurrency}\nshow-read-feeds yes\nsuppress-first-reload no\n`);
}

async function main(): Promise<void> {
	const quick = process.argv.includes('--quick');
	const runs = Number(arg('runs') ?? (quick ? 1 : 3));
	const latencyMs = Number(arg('latency') ?? '50');
	// One scenario only (newsboat runs with atom): for profiling and quick comparisons.
	const only = arg('only');
	if (only !== undefined && only !== 'mixed' && only !== 'atom' && only !== 'large') throw new Error(`--only: mixed, atom or large, not ${only}`);
	const withLarge = only === undefined || only === 'large';
	const override = arg('concurrency') === undefined ? undefined : Number(arg('concurrency'));
	const work = mkdtempSync(join(tmpdir(), 'rf-bench-refresh-'));
	// The concurrency our refresh uses: the configured default unless overridden.
	const concurrency = override ?? (await Config.open(work, {write: false})).settings({}).concurrency;
	process.stderr.write(`refresh: building the loopback web (${SOURCES} sources, ${latencyMs} ms latency)…\n`);
	const {web, mixed, atom, large, largeBytes, posts} = await buildWeb(latencyMs, 11, withLarge);
	// The arXiv API stand-in goes through the same latency as everything else.
	web.dynamic.set('/arxiv/query', url => ({body: arxivAnswer(url.search.slice(1)), contentType: 'application/atom+xml; charset=utf-8'}));
	const version = process.argv.includes('--no-newsboat') ? null : newsboatVersion();
	if (!version) process.stderr.write('refresh: newsboat: skipped (not installed or --no-newsboat)\n');
	const result: RefreshResult = {
		latencyMs,
		concurrency,
		runs,
		corpus: {
			bluesky: mixed.filter(r => r.sources[0]!.kind === 'bluesky').length,
			homepage: mixed.filter(r => r.sources[0]!.kind === 'homepage').length,
			feed: mixed.filter(r => r.sources[0]!.kind === 'feed').length,
			atom: atom.length,
			blueskyPosts: posts,
			large: {feeds: large.length, entries: large.length * LARGE.entries, bytes: largeBytes},
		},
		mixed: {everythingNew: [], nothingNew: []},
		atom: {everythingNew: [], nothingNew: []},
		large: {everythingNew: [], nothingNew: []},
		newsboat: version ? {everythingNew: [], nothingNew: []} : {skipped: 'newsboat not installed'},
		newsboatLarge: [],
		newsboatVersion: version,
	};
	try {
		for (let r = 0; r < runs; r++) {
			for (const [name, researchers] of [
				['mixed', mixed],
				['atom', atom],
			] as const) {
				if (only !== undefined && only !== name) continue;
				const home = join(work, name);
				writeHome(home, researchers, override);
				const fresh = await runOurs(home, web, `${name}-new-${r + 1}`);
				const settled = settlePaperMetadata(home);
				await coldForComparison(home, researchers, override, web, `${name}-new-${r + 1}`, true);
				result[name].everythingNew.push(fresh);
				const again = await runUnchanged(home, web, `${name}-same-${r + 1}`, result[name].nothingNew);
				process.stderr.write(
					`refresh: ${name} run ${r + 1}: everything new ${(fresh.sourcesMs / 1000).toFixed(2)} s (${fresh.requests.total} requests, ${fresh.newItems} new), ` +
						`nothing new ${(again.sourcesMs / 1000).toFixed(2)} s (${again.requests.total} requests) [${settled} papers given metadata in between]\n`,
				);
			}
			if (withLarge) {
				// Metadata is left pending between the two runs: the warm run's exit shows what it costs.
				const home = join(work, 'large');
				writeHome(home, large, override);
				const fresh = await runOurs(home, web, `large-new-${r + 1}`);
				result.large.everythingNew.push(fresh);
				await coldForComparison(home, large, override, web, `large-new-${r + 1}`, false);
				const again = await runUnchanged(home, web, `large-same-${r + 1}`, result.large.nothingNew);
				rmSync(home, {recursive: true, force: true});
				rmSync(`${home}-other`, {recursive: true, force: true});
				process.stderr.write(
					`refresh: large run ${r + 1}: cold ${(fresh.sourcesMs / 1000).toFixed(2)} s (exit ${(fresh.exitMs / 1000).toFixed(2)} s, CPU ${((fresh.cpuMs ?? 0) / 1000).toFixed(1)} s, ${fresh.newItems} new, ` +
						`${((fresh.peakRssBytes ?? 0) / 2 ** 20).toFixed(0)} MB), warm ${(again.sourcesMs / 1000).toFixed(2)} s (exit ${(again.exitMs / 1000).toFixed(2)} s)\n`,
				);
				if (version) {
					const dir = join(work, 'newsboat-large');
					newsboatDir(dir, large.map(a => a.sources[0]!.target), concurrency);
					const nb = await runNewsboat(dir, web);
					result.newsboatLarge.push(nb);
					rmSync(dir, {recursive: true, force: true});
					process.stderr.write(`refresh: newsboat large run ${r + 1}: cold ${(nb.exitMs / 1000).toFixed(2)} s\n`);
				}
			}
			if (version && !('skipped' in result.newsboat) && (only === undefined || only === 'atom')) {
				const dir = join(work, 'newsboat');
				newsboatDir(dir, atom.map(a => a.sources[0]!.target), concurrency);
				const fresh = await runNewsboat(dir, web);
				// newsboat 2.21 sends If-None-Match/If-Modified-Since only from a feed's third reload on
				// (newsboat issue #2734): one untimed reload first, so its "nothing new" run is conditional too.
				await runNewsboat(dir, web);
				const again = await runNewsboat(dir, web);
				result.newsboat.everythingNew.push(fresh);
				result.newsboat.nothingNew.push(again);
				process.stderr.write(`refresh: newsboat run ${r + 1}: everything new ${(fresh.exitMs / 1000).toFixed(2)} s, nothing new ${(again.exitMs / 1000).toFixed(2)} s\n`);
			}
		}
	} finally {
		await web.close();
		rmSync(work, {recursive: true, force: true});
	}
	process.stdout.write(`${JSON.stringify(COMPARE_BIN === undefined ? result : {...result, compare: {bin: COMPARE_BIN, runs: compared}})}\n`);
}

export function medianOf(runs: RunFigures[], pick: (r: RunFigures) => number): number {
	return median(runs.map(pick));
}

runIfEntry(import.meta.url, main);
