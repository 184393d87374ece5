/**
 * The cache's write path alone: the large refresh scenario's 500 Atom feeds of 200 entries (every
 * entry linking an arXiv paper), parsed once up front, then saved one transaction per feed exactly
 * as a refresh saves them (safe drafts, canonical paper ids, upsertItems, source state), into a
 * fresh cache. No network, so the figure is the store's own cost; it is what a change to the
 * schema, the triggers or upsertItems moves. Also reports the cache's bytes per item and per byte
 * of stored text.
 *
 * Usage: node --import tsx bench/store-write.ts [--feeds N] [--entries N] [--runs N] [--keep DIR]
 */
import {mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {itemId, sourceKey} from '../src/domain/identity.js';
import type {ItemDraft} from '../src/domain/types.js';
import {parseFeed} from '../src/parse/feed.js';
import {safeDraft} from '../src/refresh/safe-items.js';
import {upsertItems} from '../src/store/items.js';
import {canonicalRefs} from '../src/store/paper-identity.js';
import {saveSourceState} from '../src/store/sources.js';
import {Store} from '../src/store/store.js';
import {atomFeed} from './lib/corpus.js';
import {median, researcherNames, rng} from './lib/random.js';
import {runIfEntry} from './lib/run-main.js';

function arg(name: string, fallback: number): number {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** Bytes this process has written (Linux); 0 elsewhere. */
function ioBytes(): number {
	try {
		return Number(/^wchar: (\d+)$/m.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? 0);
	} catch {
		return 0;
	}
}

async function main(): Promise<void> {
	const feeds = arg('feeds', 500);
	const entries = arg('entries', 200);
	const runs = arg('runs', 3);
	const rand = rng(11);
	const now = Date.now();
	const names = researcherNames(rand, feeds);
	const sources: Array<{name: string; key: string; target: string; drafts: ItemDraft[]}> = [];
	for (let i = 0; i < feeds; i++) {
		const target = `http://127.0.0.1:9/feed/L${i}.xml`;
		const key = sourceKey({kind: 'feed', target});
		const parsed = await parseFeed(atomFeed(rand, `https://group${i}.example.org`, names[i]!, now, {entries, paperShare: 1, prose: [120, 400]}), {url: target, now: new Date(now)});
		const drafts = parsed
			.map(e => safeDraft({id: itemId(key, `article ${e.key}`), kind: 'article', date: e.date, datePrecision: e.datePrecision, title: e.title, text: e.text, url: e.url, posts: [], links: e.links, papers: e.papers}, target))
			.filter(d => d !== null);
		sources.push({name: names[i]!, key, target, drafts});
	}
	const textBytes = sources.reduce((n, s) => n + s.drafts.reduce((m, d) => m + Buffer.byteLength(d.text) + Buffer.byteLength(d.title ?? '') + Buffer.byteLength(d.url) + d.links.reduce((k, l) => k + Buffer.byteLength(l.url), 0), 0), 0);
	const times: number[] = [];
	let bytes = 0;
	for (let r = 0; r < runs; r++) {
		const dir = mkdtempSync(join(tmpdir(), 'rf-store-write-'));
		const store = new Store(join(dir, 'cache.db'));
		for (const pragma of (process.env['BENCH_PRAGMAS'] ?? '').split(';').filter(Boolean)) store.db.pragma(pragma);
		// A schema experiment (e.g. dropping an index or a trigger) before the writes: BENCH_SQL.
		if (process.env['BENCH_SQL']) store.db.exec(process.env['BENCH_SQL']);
		const release = store.deferSearchIndex();
		const nowIso = new Date(now).toISOString();
		const t0 = performance.now();
		const cpu0 = process.cpuUsage();
		const io0 = ioBytes();
		const batch = Number(process.env['BENCH_BATCH'] ?? '1');
		const saveOne = (s: (typeof sources)[number]): void => {
			const write = (): void => {
				const drafts = s.drafts.map(d => (d.papers.length === 0 ? d : {...d, papers: canonicalRefs(store.db, d.papers)}));
				upsertItems(store.db, {researcher: s.name, source: 'feed', sourceKey: s.key, now: nowIso}, drafts);
				saveSourceState(store.db, {sourceKey: s.key, researcher: s.name, kind: 'feed', target: s.target, lastAttempt: nowIso, lastSuccess: nowIso, lastError: null, etag: null, lastModified: null, state: {}});
			};
			// Alone, as a refresh writes a source (its own transaction); in a batch, a savepoint each.
			if (batch === 1) write();
			else if (process.env['BENCH_NOSAVEPOINT']) write();
			else store.db.transaction(write)();
		};
		for (let i = 0; i < sources.length; i += batch) store.transaction(() => sources.slice(i, i + batch).forEach(saveOne));
		const written = performance.now() - t0;
		const cpu = process.cpuUsage(cpu0);
		const io = ioBytes() - io0;
		process.stderr.write(`store-write: CPU user ${(cpu.user / 1e6).toFixed(2)} s, system ${(cpu.system / 1e6).toFixed(2)} s, written ${(io / 2 ** 20).toFixed(0)} MB\n`);
		release();
		await store.searchIndexSettled();
		const indexed = performance.now() - t0;
		store.close();
		const total = performance.now() - t0;
		times.push(written);
		bytes = ['cache.db', 'cache.db-wal'].reduce((n, f) => {
			try {
				return n + statSync(join(dir, f)).size;
			} catch {
				return n;
			}
		}, 0);
		process.stderr.write(`store-write: run ${r + 1}: sources saved ${(written / 1000).toFixed(2)} s, search index ${((indexed - written) / 1000).toFixed(2)} s, close ${((total - indexed) / 1000).toFixed(2)} s; ${(bytes / 2 ** 20).toFixed(1)} MB\n`);
		const keep = process.argv.indexOf('--keep');
		if (keep !== -1 && r === runs - 1) process.stderr.write(`store-write: kept ${dir}\n`);
		else rmSync(dir, {recursive: true, force: true});
	}
	const items = sources.reduce((n, s) => n + s.drafts.length, 0);
	process.stdout.write(`${JSON.stringify({feeds, items, medianSaveMs: Math.round(median(times)), perItemUs: Math.round((median(times) * 1000) / items), cacheBytes: bytes, bytesPerItem: Math.round(bytes / items), textBytesPerItem: Math.round(textBytes / items), cacheOverText: +(bytes / textBytes).toFixed(2)})}\n`);
}

runIfEntry(import.meta.url, main);
