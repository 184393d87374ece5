#!/usr/bin/env node
// `npm run bench`: builds dist/ (the CLI the benchmarks run), runs each benchmark in its own
// process (bench/*.ts through tsx), prints the machine and every figure with the targets side by
// side, and writes bench/out/latest.md (a markdown report) and bench/out/latest.json (raw figures).
//
// Usage: npm run bench [-- --quick] [-- --only parse,refresh,tui,scale,live] [-- --no-build] [-- --scale-work DIR]
//   --quick       fewer runs and presses (about 3 minutes instead of about 7, plus the scale run)
//   --only        a comma-separated subset of: parse, refresh, tui, scale, live
//   --no-build    benchmark dist/ as it is
//   --scale-work  where the scale run's 300,000-item cache is kept and reused across runs (else a
//                 temporary folder, removed at the end; generating it takes a few minutes)
import {execFileSync, spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {cpus, freemem, loadavg, release, tmpdir, totalmem, type as osType} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {scaleReport} from './lib/scale-report.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.indexOf('--only');
const only = onlyIndex === -1 ? ['parse', 'refresh', 'tui', 'scale', 'live'] : (args[onlyIndex + 1] ?? '').split(',').filter(Boolean);
const scaleWorkIndex = args.indexOf('--scale-work');
const SCALE_ITEMS = 300_000;

// Targets of issue 7.
const TARGET = {
	firstFrameOverNodeMs: 150,
	keyP99Ms: 16,
	refreshOverNetwork: 1.5,
	rssBytes: 200 * 1024 * 1024,
	// The large scenario (issue 16): 500 × 200 entries.
	largeColdMs: 8000,
	largeOverNewsboat: 0.25,
	largeRssBytes: 250 * 1024 * 1024,
	largeWarmOverNetwork: 1.3,
	exitAfterSourcesMs: 1000,
	liveLineP99Ms: 1000,
};

function newestMtime(dir) {
	let newest = 0;
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		const st = statSync(path);
		newest = Math.max(newest, st.isDirectory() ? newestMtime(path) : st.mtimeMs);
	}
	return newest;
}

function build() {
	process.stderr.write('bench: building dist/ (tsc -p tsconfig.json, then scripts/bundle.mjs)…\n');
	try {
		execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], {cwd: ROOT, stdio: 'inherit'});
	} catch {
		// tsc still emits on type errors; what matters is that dist/ exists and is current.
		process.stderr.write('bench: tsc reported errors; benchmarking what it emitted\n');
	}
	// bin/research-feed.js runs the bundle: benchmark what users run.
	execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle.mjs')], {cwd: ROOT, stdio: 'inherit'});
}

function machine() {
	const cpu = cpus();
	let sqlite = 'unknown';
	try {
		sqlite = execFileSync(process.execPath, ['-e', "const D=require('better-sqlite3');const d=new D(':memory:');process.stdout.write(d.prepare('select sqlite_version() v').get().v)"], {
			cwd: ROOT,
			encoding: 'utf8',
		});
	} catch {
		// Reported as unknown.
	}
	let newsboat = null;
	try {
		newsboat = /newsboat\s+(\S+)/.exec(execFileSync('newsboat', ['--version'], {encoding: 'utf8'}))?.[1] ?? 'unknown';
	} catch {
		newsboat = null;
	}
	return {
		cpu: cpu[0]?.model?.trim() ?? 'unknown',
		cores: cpu.length,
		memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
		freeGiB: +(freemem() / 2 ** 30).toFixed(1),
		os: `${osType()} ${release()}`,
		node: process.version,
		sqlite,
		newsboat,
		loadAverage: loadavg().map(n => +n.toFixed(2)),
		date: new Date().toISOString(),
	};
}

/** Runs bench/<name>.ts in its own process; its stderr streams through, its stdout is one JSON line. */
function runBench(name, extra) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', `${name}.ts`), ...(quick ? ['--quick'] : []), ...extra], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		let out = '';
		child.stdout.on('data', d => (out += String(d)));
		child.on('error', reject);
		child.on('close', code => {
			if (code !== 0) return reject(new Error(`bench/${name}.ts exited ${code}`));
			try {
				const result = JSON.parse(out.trim().split('\n').pop());
				process.stderr.write(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
				resolve(result);
			} catch (error) {
				reject(new Error(`bench/${name}.ts printed no JSON: ${error}`));
			}
		});
	});
}

const ms = n => (n === null || n === undefined || Number.isNaN(n) ? '–' : n >= 10_000 ? `${(n / 1000).toFixed(1)} s` : n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);
const mb = n => (n === null || n === undefined ? '–' : `${Math.round(n / 2 ** 20)} MB`);
const median = values => {
	const v = values.filter(x => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
	if (v.length === 0) return Number.NaN;
	const m = v.length >> 1;
	return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const verdict = ok => (ok ? 'met' : 'MISSED');

/** Builds the report: sections of markdown tables (also printed to the console). */
function report(m, r) {
	const lines = [];
	const table = (head, rows) => {
		lines.push(`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(row => `| ${row.join(' | ')} |`), '');
	};
	lines.push('# research-feed benchmarks', '');
	lines.push(
		`Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB RAM; ${m.os}; Node ${m.node}; SQLite ${m.sqlite}; newsboat ${m.newsboat ?? 'not installed'}.`,
		`Load average at start: ${m.loadAverage.join(' / ')}${m.loadAverage[0] > m.cores / 2 ? ' (busy machine: figures are noisier and slower than on an idle one)' : ''}. ${m.date}. ${quick ? 'Quick run (--quick): fewer repetitions.' : ''}`,
		'',
	);
	const summary = [];

	if (r.tui) {
		const t = r.tui;
		const node = t.nodeStart.ptyMedianMs;
		lines.push('## Start-up (first full frame on a pseudo-terminal)', '');
		lines.push(`Median of ${t.nodeStart.runs} launches, from spawn to the output chunk that completes the frame (120×40 terminal). Target: ${TARGET.firstFrameOverNodeMs} ms + Node's own start-up.`, '');
		const rows = [[`\`node -e 0\` (Node's own start-up)`, ms(node), '', '']];
		for (const [size, s] of Object.entries(t.start)) {
			const over = s.medianMs - node;
			rows.push([`first frame, ${Number(size).toLocaleString('en')} items`, ms(s.medianMs), `${ms(over)} over Node (min ${ms(s.minMs)}, max ${ms(s.maxMs)})`, verdict(over <= TARGET.firstFrameOverNodeMs)]);
			summary.push([`first frame, ${Number(size).toLocaleString('en')} items`, ms(s.medianMs), `Node + ${TARGET.firstFrameOverNodeMs} ms = ${ms(node + TARGET.firstFrameOverNodeMs)}`, verdict(over <= TARGET.firstFrameOverNodeMs)]);
		}
		for (const [size, l] of Object.entries(t.list)) rows.push([`\`list --json --limit 50\`, ${Number(size).toLocaleString('en')} items`, ms(l.medianMs), `spawn to exit (\`node -e 0\` the same way: ${ms(t.nodeStart.spawnMedianMs)})`, '']);
		table(['what', 'median', 'notes', 'target'], rows);

		if (t.keys) {
			const k = t.keys;
			lines.push(`## Keys (${k.items.toLocaleString('en')} items)`, '');
			lines.push(`From writing the key to the pty until the output that shows its effect; isolated presses 50 ms apart, after the launch refresh finished (it took ${ms(k.refreshWaitMs)}). Target: p99 ≤ ${TARGET.keyP99Ms} ms.`, '');
			const keyRow = (label, s) => [label, String(s.presses), ms(s.medianMs), ms(s.p99Ms), ms(s.maxMs), verdict(s.p99Ms <= TARGET.keyP99Ms)];
			table(['key', 'presses', 'median', 'p99', 'max', 'target'], [
				keyRow('`j` (next item)', k.j),
				keyRow('`G` (last item)', k.G),
				keyRow('`g` (first item)', k.g),
				keyRow('`/` (open search)', k.searchOpen),
				keyRow('typed character (live filter), all', k.searchChar),
				keyRow('— 1–2 characters (echoed; filtering waits for a 3rd or Enter)', k.searchCharShort),
				keyRow('— making a query of 3+ characters (trigram index)', k.searchCharLong),
				...(k.searchCharLongSettled ? [keyRow('— the same, until the last frame it caused (the exact match count)', k.searchCharLongSettled)] : []),
				keyRow('`Esc` (clear search)', k.searchClear),
				...(t.offlineJ ? [keyRow('`j` offline (every source failed at launch)', t.offlineJ)] : []),
			]);
			for (const [label, s] of [['`j`', k.j], ['`G`', k.G], ['`/` + typed query', k.searchChar]]) summary.push([`key ${label}, p99`, ms(s.p99Ms), `≤ ${TARGET.keyP99Ms} ms`, verdict(s.p99Ms <= TARGET.keyP99Ms)]);
			summary.push(['TUI peak RSS, 100k items', mb(k.peakRssBytes), `< ${mb(TARGET.rssBytes)}`, verdict(k.peakRssBytes !== null && k.peakRssBytes < TARGET.rssBytes)]);
			if (k.refreshPeakRssBytes != null) summary.push(["— its launch refresh's child process (921 sources, nothing new)", mb(k.refreshPeakRssBytes), `< ${mb(TARGET.rssBytes)}`, verdict(k.refreshPeakRssBytes < TARGET.rssBytes)]);
		}
	}

	if (r.refresh) {
		const f = r.refresh;
		const c = f.concurrency;
		lines.push('## Refresh (500 sources, loopback server, ' + f.latencyMs + ' ms per request)', '');
		lines.push(
			`Concurrency ${c} (ours: the \`concurrency\` setting; newsboat: \`reload-threads ${c}\`). Medians of ${f.runs} run(s). Network bound = ⌈requests ÷ ${c}⌉ × ${f.latencyMs} ms (sources' requests only). ` +
				`"Sources" is spawn until the last source's result; "exit" adds our arXiv metadata lookups (one request per 3 s by design, at most 5 per run; between the two runs every paper gets metadata, as in a long-used cache). ` +
				`Mixed: ${f.corpus.bluesky} Bluesky author feeds (${f.corpus.blueskyPosts.toLocaleString('en')} posts), ${f.corpus.homepage} homepages, ${f.corpus.feed} Atom feeds.`,
			'',
		);
		const rows = [];
		const add = (label, runs, isOurs) => {
			if (!runs || runs.length === 0) return null;
			const sourceReqs = median(runs.map(x => x.requests.total - (x.requests.byKind.arxiv ?? 0)));
			const bound = Math.ceil(sourceReqs / c) * f.latencyMs;
			const sources = median(runs.map(x => x.sourcesMs));
			const statuses = Object.entries(runs[runs.length - 1].requests.byStatus).map(([s, n]) => `${n}×${s}`).join(', ');
			rows.push([label, ms(sources), isOurs ? ms(median(runs.map(x => x.exitMs))) : '', `${sourceReqs} (${statuses})`, ms(bound), `${(sources / bound).toFixed(2)}×`, mb(median(runs.map(x => x.peakRssBytes)))]);
			return {sources, bound, ratio: sources / bound, rss: median(runs.map(x => x.peakRssBytes))};
		};
		const mixedNew = add('mixed, everything new', f.mixed.everythingNew, true);
		const mixedSame = add('mixed, nothing new', f.mixed.nothingNew, true);
		const atomNew = add('500 Atom feeds, everything new — research-feed', f.atom.everythingNew, true);
		const nbNew = 'skipped' in f.newsboat ? null : add(`500 Atom feeds, everything new — newsboat ${f.newsboatVersion}`, f.newsboat.everythingNew, false);
		const atomSame = add('500 Atom feeds, nothing new — research-feed', f.atom.nothingNew, true);
		const nbSame = 'skipped' in f.newsboat ? null : add(`500 Atom feeds, nothing new — newsboat ${f.newsboatVersion}`, f.newsboat.nothingNew, false);
		table(['run', 'sources', 'exit', 'requests', 'network bound', 'sources ÷ bound', 'peak RSS'], rows);
		if ('skipped' in f.newsboat) lines.push(`newsboat: skipped: ${f.newsboat.skipped === 'newsboat not installed' ? 'newsboat not installed' : f.newsboat.skipped}.`, '');
		if (mixedSame) summary.push(['refresh, 500 unchanged sources (mixed)', ms(mixedSame.sources), `≤ 1.5 × ${ms(mixedSame.bound)} = ${ms(1.5 * mixedSame.bound)}`, verdict(mixedSame.ratio <= TARGET.refreshOverNetwork)]);
		if (atomSame) summary.push(['refresh, 500 unchanged Atom feeds', ms(atomSame.sources), `≤ 1.5 × ${ms(atomSame.bound)} = ${ms(1.5 * atomSame.bound)}`, verdict(atomSame.ratio <= TARGET.refreshOverNetwork)]);
		if (atomNew && nbNew) summary.push(['refresh vs newsboat, 500 new Atom feeds', ms(atomNew.sources), `newsboat ${ms(nbNew.sources)}`, verdict(atomNew.sources <= nbNew.sources)]);
		if (atomSame && nbSame) summary.push(['refresh vs newsboat, 500 unchanged Atom feeds', ms(atomSame.sources), `newsboat ${ms(nbSame.sources)}`, verdict(atomSame.sources <= nbSame.sources)]);
		if (!nbNew) summary.push(['refresh vs newsboat', '–', 'skipped: newsboat not installed', '–']);
		if (mixedNew) summary.push(['refresh peak RSS, 500 new sources (mixed)', mb(mixedNew.rss), `< ${mb(TARGET.rssBytes)}`, verdict(mixedNew.rss < TARGET.rssBytes)]);
		if (f.large && f.large.everythingNew.length > 0) largeReport(f, lines, summary, table);
	}

	if (r.scale) scaleReport(r.scale, r.scaleTui, {...TARGET, listJsonMs: 3000}, {lines, table, summary, ms, mb, verdict});
	if (r.live) {
		const l = r.live;
		lines.push('## Live Bluesky (Jetstream, loopback)', '');
		lines.push(`${l.events} isolated events each, from the event sent by the loopback Jetstream: to its \`watch --json\` line (getPosts hydration and the save included), and to the timeline's screen (a pty, found by replaying the output). Target: event → line p99 ≤ ${TARGET.liveLineP99Ms} ms.`, '');
		table(['path', 'p50', 'p99', 'max', 'target'], [
			['event → `watch --json` line', ms(l.eventToLine.p50Ms), ms(l.eventToLine.p99Ms), ms(l.eventToLine.maxMs), verdict(l.eventToLine.p99Ms <= TARGET.liveLineP99Ms)],
			['event → timeline screen', ms(l.eventToScreen.p50Ms), ms(l.eventToScreen.p99Ms), ms(l.eventToScreen.maxMs), ''],
		]);
		lines.push(`Requests per hour for 2,000 followed accounts: polling every ${l.polling.refreshMinutes} min, ${Math.round(l.polling.requestsPerHourFor2000).toLocaleString('en')} (measured: ${l.polling.requestsPerRefresh.toLocaleString('en')} requests for one refresh of ${l.polling.accounts.toLocaleString('en')} unchanged author feeds); live, ${Math.round(l.live.requestsPerHourFor2000)} (one connection, plus ${l.getPostsPerEvent.toFixed(2)} getPosts per post measured, at an assumed ${l.live.assumedPostsPerHour} posts an hour).`, '');
		summary.push(['live: event → watch line, p99', ms(l.eventToLine.p99Ms), `≤ ${ms(TARGET.liveLineP99Ms)}`, verdict(l.eventToLine.p99Ms <= TARGET.liveLineP99Ms)]);
	}

	if (r.parse) {
		const p = r.parse;
		lines.push('## Parsing (one process, no IO)', '');
		const row = (label, x, unit) => [label, `${Math.round(x.perSecond).toLocaleString('en')} ${unit}/s`, ms(x.msEach), `${x.units} × ${Math.round(x.bytes / x.units / 1024)} KB avg`];
		table(['parser', 'throughput (median)', 'each', 'input'], [
			row('homepages → news (test fixture sites)', p.homepagesFixtures, 'pages'),
			row('homepages → news (generated academic pages)', p.homepagesGenerated, 'pages'),
			row(`author-feed pages (${p.authorFeedPages.postsPerPage} posts) → threads`, p.authorFeedPages, 'pages'),
			row('Atom feeds (20 entries) → articles', p.atomFeeds, 'feeds'),
		]);
	}

	const body = lines.join('\n');
	const summaryLines = [];
	summaryLines.push('## Summary against the targets', '');
	summaryLines.push('| figure | measured | target | |', '| --- | --- | --- | --- |', ...summary.map(s => `| ${s.join(' | ')} |`), '');
	const repro = ['## Reproduce', '', '```sh', 'npm install', 'npm run bench            # about 7 minutes on 2 cores; `npm run bench -- --quick` for about 3', '```', '', 'Synthetic data only (bench/generate.ts, bench/lib/corpus.ts), loopback servers only.', ''];
	return {markdown: [body, ...summaryLines, ...repro].join('\n'), summary};
}

/** The 500 × 200 scenario: cold against newsboat and the 8 s target, warm against the network floor. */
function largeReport(f, lines, summary, table) {
	const c = f.concurrency;
	const L = f.corpus.large;
	lines.push(
		`## Refresh at scale (${L.feeds} Atom feeds × ${L.entries / L.feeds} entries = ${L.entries.toLocaleString('en')} entries, ${(L.bytes / 2 ** 20).toFixed(0)} MB, every entry linking an arXiv paper; ${f.latencyMs} ms per request, ${c} connections each)`,
		'',
		'Cold: an empty cache. Warm: the same feeds again, every one answering 304. CPU is the process\'s user + system time (getrusage): on a busy machine it moves less than wall time.',
		'',
	);
	const rows = [];
	const pick = (runs, fn) => median(runs.map(fn));
	const floor = Math.ceil(L.feeds / c) * f.latencyMs;
	const cold = f.large.everythingNew;
	const warm = f.large.nothingNew;
	const coldSources = pick(cold, x => x.sourcesMs);
	const coldExit = pick(cold, x => x.exitMs);
	const coldRss = pick(cold, x => x.peakRssBytes);
	rows.push(['research-feed, cold', ms(coldSources), ms(coldExit), cold[0].cpuMs == null ? '' : ms(pick(cold, x => x.cpuMs ?? 0)), ms(floor), mb(coldRss)]);
	const warmSources = pick(warm, x => x.sourcesMs);
	const warmExit = pick(warm, x => x.exitMs);
	rows.push(['research-feed, warm', ms(warmSources), ms(warmExit), warm[0].cpuMs == null ? '' : ms(pick(warm, x => x.cpuMs ?? 0)), ms(floor), mb(pick(warm, x => x.peakRssBytes))]);
	const nb = f.newsboatLarge ?? [];
	const nbCold = nb.length > 0 ? pick(nb, x => x.exitMs) : null;
	if (nbCold !== null) rows.push([`newsboat ${f.newsboatVersion}, cold`, ms(nbCold), ms(nbCold), '', ms(floor), mb(pick(nb, x => x.peakRssBytes))]);
	table(['run', 'last source stored', 'exit', 'CPU', 'network floor', 'peak RSS'], rows);
	summary.push([`refresh, ${L.entries.toLocaleString('en')} new entries (500 × 200), last source stored`, ms(coldSources), `≤ ${ms(TARGET.largeColdMs)}`, verdict(coldSources <= TARGET.largeColdMs)]);
	if (nbCold !== null) summary.push(['— against newsboat, side by side', `${(coldSources / nbCold).toFixed(2)}× (newsboat ${ms(nbCold)})`, `≤ ${TARGET.largeOverNewsboat}×`, verdict(coldSources / nbCold <= TARGET.largeOverNewsboat)]);
	summary.push(['— its peak RSS', mb(coldRss), `< ${mb(TARGET.largeRssBytes)}`, verdict(coldRss < TARGET.largeRssBytes)]);
	summary.push(['— exit after the last source (cold / warm)', `${ms(coldExit - coldSources)} / ${ms(warmExit - warmSources)}`, `≤ ${ms(TARGET.exitAfterSourcesMs)}`, verdict(Math.max(coldExit - coldSources, warmExit - warmSources) <= TARGET.exitAfterSourcesMs)]);
	summary.push(['refresh, the same 500 feeds unchanged (warm)', ms(warmSources), `≤ ${TARGET.largeWarmOverNetwork} × ${ms(floor)} = ${ms(TARGET.largeWarmOverNetwork * floor)}`, verdict(warmSources <= TARGET.largeWarmOverNetwork * floor)]);
}

async function main() {
	const started = Date.now();
	if (!args.includes('--no-build')) build();
	const dist = join(ROOT, 'dist', 'bundle', 'main.js');
	if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');
	if (newestMtime(join(ROOT, 'src')) > statSync(dist).mtimeMs + 1000 && args.includes('--no-build')) {
		process.stderr.write('bench: warning: src/ is newer than dist/: the benchmarks run the compiled dist/\n');
	}
	const m = machine();
	process.stderr.write(`bench: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, SQLite ${m.sqlite}, load ${m.loadAverage.join(' ')}\n`);
	const results = {};
	for (const name of ['parse', 'refresh', 'tui', 'live']) {
		if (!only.includes(name)) continue;
		results[name] = await runBench(name, []);
	}
	if (only.includes('scale')) {
		// One cache for every command and the timeline at that size: generated once, reused by tui.ts.
		const work = scaleWorkIndex === -1 ? mkdtempSync(join(tmpdir(), 'rf-bench-scale-')) : args[scaleWorkIndex + 1];
		try {
			results.scale = await runBench('scale', ['--items', String(SCALE_ITEMS), '--work', work, '--reuse']);
			results.scaleTui = await runBench('tui', ['--sizes', String(SCALE_ITEMS), '--work', work, '--reuse']);
		} finally {
			if (scaleWorkIndex === -1) rmSync(work, {recursive: true, force: true});
		}
	}
	const {markdown} = report(m, results);
	mkdirSync(OUT, {recursive: true});
	writeFileSync(join(OUT, 'latest.md'), markdown);
	writeFileSync(join(OUT, 'latest.json'), `${JSON.stringify({machine: m, quick, results}, null, 2)}\n`);
	process.stdout.write(`\n${markdown}\n`);
	process.stderr.write(`bench: wrote bench/out/latest.md and bench/out/latest.json (${((Date.now() - started) / 1000).toFixed(0)} s)\n`);
}

main().catch(error => {
	process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});
