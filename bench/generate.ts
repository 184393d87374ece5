/**
 * Synthetic research-feed home for the benchmarks: `config.json` with N researchers and a
 * `cache.db` holding about `items` items, written through the real `Store` the way a refresh writes
 * them (one transaction per source; Bluesky items built by the real thread builder from stored
 * posts, so a later refresh can rebuild them). No network.
 *
 * Every source points at `origin` (a loopback server the benchmark runs), and every homepage and
 * feed has an ETag in its fetch state, so the TUI's refresh on launch costs conditional requests.
 *
 * CLI: node --import tsx bench/generate.ts --items 10000 --out DIR [--researchers 500] [--origin URL]
 */
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {itemId, sourceKey} from '../src/domain/identity.js';
import type {ItemDraft, Link, PaperRef, ResearcherConfig, SourceConfig} from '../src/domain/types.js';
import type {BskyEntry} from '../src/parse/bluesky/threads.js';
import {buildItems} from '../src/parse/bluesky/threads.js';
import type {BskyPost} from '../src/parse/bluesky/post.js';
import {THREADS_BUILT} from '../src/sources/bluesky.js';
import {upsertItems} from '../src/store/items.js';
import {savePosts} from '../src/store/posts.js';
import {addSourcePapers, saveSourceState} from '../src/store/sources.js';
import {Store} from '../src/store/store.js';
import {arxivId, int, pick, prose, type Rand, researcherNames, rng, title} from './lib/random.js';

export interface GenerateOptions {
	/** Folder for config.json and cache.db (created). */
	dir: string;
	/** Items to write (all rows of the items table, Bluesky replies to others included, about 5%). */
	items: number;
	researchers?: number;
	/** Base URL every source points at (default: a closed loopback port). */
	origin?: string;
	seed?: number;
	/** "now" of the cache: dates spread over the three years before it. */
	now?: Date;
}

export interface GenerateResult {
	dir: string;
	researchers: number;
	sources: number;
	items: number;
	visibleItems: number;
	papers: number;
	posts: number;
	ms: number;
}

const DAY = 86_400_000;
const ETAG = '"bench-v1"';

/** Sources of researcher i: most have Bluesky, many a homepage, some a feed; never none. */
export function sourcesFor(index: number, origin: string, rand: Rand): SourceConfig[] {
	const out: SourceConfig[] = [];
	if (rand() < 0.7) out.push({kind: 'bluesky', target: `r${index}.bench.test`});
	if (rand() < 0.6) out.push({kind: 'homepage', target: `${origin}/home/${index}/`});
	if (rand() < 0.4 || out.length === 0) out.push({kind: 'feed', target: `${origin}/feed/${index}.xml`});
	return out;
}

interface PaperPool {
	refs: PaperRef[];
}

function paperPool(rand: Rand, n: number): PaperPool {
	const seen = new Set<string>();
	const refs: PaperRef[] = [];
	while (refs.length < n) {
		const id = arxivId(rand);
		if (seen.has(id)) continue;
		seen.add(id);
		refs.push({id: `arxiv:${id}`, url: `https://arxiv.org/abs/${id}`, title: rand() < 0.8 ? title(rand) : null});
	}
	return {refs};
}

/** Links and papers a piece of text mentions: about a third mention a paper, a few two or three. */
function mentions(rand: Rand, pool: PaperPool, chance: number): {links: Link[]; papers: PaperRef[]} {
	const links: Link[] = [];
	const papers: PaperRef[] = [];
	if (rand() < chance) {
		const n = rand() < 0.8 ? 1 : int(rand, 2, 3);
		for (let i = 0; i < n; i++) {
			const p = pick(rand, pool.refs);
			if (papers.some(q => q.id === p.id)) continue;
			papers.push({...p});
			links.push({url: p.url, text: p.url.replace('https://', '')});
		}
	}
	if (rand() < 0.25) links.push({url: `https://github.com/lab${int(rand, 1, 400)}/${prose(rand, 12).replace(/\W+/g, '-')}`, text: 'code'});
	return {links, papers};
}

function isoDaysAgo(now: number, rand: Rand, maxDays: number): string {
	return new Date(now - Math.floor(rand() * maxDays * DAY)).toISOString();
}

/** Bluesky: posts grouped into single posts, self-threads, reposts and replies to others. */
function blueskyEntries(rand: Rand, pool: PaperPool, handle: string, did: string, groups: number, now: number): BskyEntry[] {
	const entries: BskyEntry[] = [];
	const post = (createdAt: string, replyRoot: string | null, replyParent: string | null, author = {did, handle, name: handle}): BskyPost => {
		const rkey = `3l${Math.floor(rand() * 1e12).toString(36)}${entries.length.toString(36)}`;
		const uri = `at://${author.did}/app.bsky.feed.post/${rkey}`;
		const {links, papers} = mentions(rand, pool, 0.3);
		const body = prose(rand, int(rand, 60, 290));
		return {
			uri,
			url: `https://bsky.app/profile/${author.handle}/post/${rkey}`,
			authorDid: author.did,
			authorHandle: author.handle,
			authorName: author.name,
			createdAt,
			text: links.length ? `${body} ${links.map(l => l.url).join(' ')}` : body,
			links,
			papers,
			replyRoot,
			replyParent,
		};
	};
	for (let g = 0; g < groups; g++) {
		const r = rand();
		const at = isoDaysAgo(now, rand, 3 * 365);
		if (r < 0.55) {
			const p = post(at, null, null);
			entries.push({uri: p.uri, createdAt: at, type: 'post', post: p});
		} else if (r < 0.8) {
			// A self-thread "1/n … n/n": root first, each reply a minute later.
			const n = int(rand, 2, 7);
			const root = post(at, null, null);
			entries.push({uri: root.uri, createdAt: at, type: 'post', post: root});
			let parent = root;
			for (let i = 1; i < n; i++) {
				const t = new Date(Date.parse(at) + i * 60_000).toISOString();
				const p = post(t, root.uri, parent.uri);
				entries.push({uri: p.uri, createdAt: t, type: 'post', post: p});
				parent = p;
			}
		} else if (r < 0.95) {
			const other = {did: `did:plc:other${int(rand, 1, 5000)}`, handle: `other${int(rand, 1, 5000)}.bsky.social`, name: 'Someone Else'};
			const p = post(at, null, null, other);
			const uri = `at://${did}/app.bsky.feed.repost/3r${Math.floor(rand() * 1e12).toString(36)}${g}`;
			entries.push({uri, createdAt: at, type: 'repost', post: p});
		} else {
			// A reply to someone else: cached, hidden from the timeline by default.
			const otherRoot = `at://did:plc:other${int(rand, 1, 5000)}/app.bsky.feed.post/3x${g}`;
			const p = post(at, otherRoot, otherRoot);
			entries.push({uri: p.uri, createdAt: at, type: 'post', post: p});
		}
	}
	return entries;
}

function newsDrafts(rand: Rand, pool: PaperPool, key: string, url: string, n: number, now: number): ItemDraft[] {
	const out: ItemDraft[] = [];
	for (let i = 0; i < n; i++) {
		const d = new Date(now - Math.floor(rand() * 5 * 365 * DAY));
		const monthly = rand() < 0.6;
		const date = monthly ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1)).toISOString() : new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())).toISOString();
		const {links, papers} = mentions(rand, pool, 0.5);
		out.push({
			id: itemId(key, `news ${i} ${date}`),
			kind: 'news',
			date,
			datePrecision: monthly ? 'month' : 'day',
			title: null,
			text: prose(rand, int(rand, 60, 260)),
			url,
			posts: [],
			links,
			papers,
		});
	}
	return out;
}

function publicationDrafts(rand: Rand, pool: PaperPool, key: string, n: number, now: number, silent: number): ItemDraft[] {
	const out: ItemDraft[] = [];
	const seen = new Set<string>();
	for (let i = 0; i < n + silent; i++) {
		const paper = pick(rand, pool.refs);
		if (seen.has(paper.id)) continue;
		seen.add(paper.id);
		const t = paper.title ?? paper.id;
		out.push({
			id: itemId(key, `publication ${paper.id}`),
			kind: 'publication',
			date: isoDaysAgo(now, rand, 2 * 365),
			datePrecision: 'seen',
			title: t,
			text: t,
			url: paper.url,
			posts: [],
			links: [{url: paper.url, text: t}],
			papers: [{...paper}],
			// The papers a homepage listed on its first fetch: recorded, never shown as items.
			...(i >= n ? {hidden: 'silent' as const} : {}),
		});
	}
	return out;
}

function articleDrafts(rand: Rand, pool: PaperPool, key: string, origin: string, index: number, n: number, now: number): ItemDraft[] {
	const out: ItemDraft[] = [];
	for (let i = 0; i < n; i++) {
		const {links, papers} = mentions(rand, pool, 0.3);
		const url = `${origin}/blog/${index}/post-${i}.html`;
		out.push({
			id: itemId(key, `article ${url}`),
			kind: 'article',
			date: isoDaysAgo(now, rand, 4 * 365),
			datePrecision: 'instant',
			title: title(rand),
			text: prose(rand, int(rand, 300, 3000)),
			url,
			posts: [],
			links,
			papers,
		});
	}
	return out;
}

/** Splits `total` over `n` buckets with uneven weights (some researchers post far more). */
function quotas(rand: Rand, total: number, n: number): number[] {
	const weights = Array.from({length: n}, () => 0.15 + rand() * rand() * 3);
	const sum = weights.reduce((a, b) => a + b, 0);
	const out = weights.map(w => Math.floor((w / sum) * total));
	let rest = total - out.reduce((a, b) => a + b, 0);
	for (let i = 0; rest > 0; i = (i + 1) % n, rest--) out[i]!++;
	return out;
}

export function generateHome(options: GenerateOptions): GenerateResult {
	const started = performance.now();
	const rand = rng(options.seed ?? 7);
	const origin = (options.origin ?? 'http://127.0.0.1:9').replace(/\/+$/, '');
	const count = options.researchers ?? 500;
	const now = (options.now ?? new Date()).getTime();
	const nowIso = new Date(now).toISOString();
	mkdirSync(options.dir, {recursive: true});

	const names = researcherNames(rand, count);
	const researchers: ResearcherConfig[] = names.map((name, i) => ({name, sources: sourcesFor(i, origin, rand)}));
	writeFileSync(
		join(options.dir, 'config.json'),
		`${JSON.stringify({researchers, bluesky: {service: origin}, refreshMinutes: 30, concurrency: 8}, null, '\t')}\n`,
	);

	const pool = paperPool(rand, Math.max(200, Math.round(options.items / 4)));
	const store = new Store(join(options.dir, 'cache.db'));
	let written = 0;
	let visible = 0;
	let posts = 0;
	try {
		const perResearcher = quotas(rand, options.items, count);
		researchers.forEach((researcher, index) => {
			const quota = perResearcher[index]!;
			const kinds = researcher.sources.map(s => s.kind);
			// Bluesky carries most of a researcher's items when present.
			const weight = (k: string) => (k === 'bluesky' ? 3 : 1);
			const totalWeight = kinds.reduce((a, k) => a + weight(k), 0);
			let left = quota;
			researcher.sources.forEach((source, si) => {
				const share = si === researcher.sources.length - 1 ? left : Math.round((quota * weight(source.kind)) / totalWeight);
				left -= share;
				const key = sourceKey(source);
				let drafts: ItemDraft[];
				let entries: BskyEntry[] = [];
				const state: Record<string, unknown> = {};
				let sourcePapers: string[] = [];
				if (source.kind === 'bluesky') {
					const did = `did:plc:bench${String(index).padStart(6, '0')}`;
					state['did'] = did;
					// Built by the current thread builder: a refresh with nothing new leaves them be.
					state['built'] = THREADS_BUILT;
					entries = blueskyEntries(rand, pool, source.target, did, share, now);
					drafts = buildItems(entries, {actorDid: did, idFor: k => itemId(key, k)});
				} else if (source.kind === 'homepage') {
					const pubs = Math.round(share * 0.3);
					drafts = [...newsDrafts(rand, pool, key, source.target, share - pubs, now), ...publicationDrafts(rand, pool, key, pubs, now, 10)];
					sourcePapers = drafts.flatMap(d => d.papers.map(p => p.id));
				} else {
					drafts = articleDrafts(rand, pool, key, origin, index, share, now);
				}
				store.transaction(() => {
					if (entries.length) savePosts(store.db, key, entries);
					upsertItems(store.db, {researcher: researcher.name, source: source.kind, sourceKey: key, now: nowIso}, drafts);
					if (sourcePapers.length) addSourcePapers(store.db, key, [...new Set(sourcePapers)], nowIso);
					saveSourceState(store.db, {
						sourceKey: key,
						researcher: researcher.name,
						kind: source.kind,
						target: source.target,
						lastAttempt: nowIso,
						lastSuccess: nowIso,
						lastError: null,
						etag: source.kind === 'bluesky' ? null : ETAG,
						lastModified: null,
						state,
					});
				});
				written += drafts.filter(d => d.hidden !== 'silent').length;
				visible += drafts.filter(d => !d.hidden).length;
				posts += entries.length;
			});
		});
		// What a long-lived cache looks like to SQLite: statistics for the planner, WAL folded in.
		store.db.exec('ANALYZE');
		store.db.pragma('wal_checkpoint(TRUNCATE)');
		const papers = (store.db.prepare('SELECT COUNT(*) AS n FROM papers').get() as {n: number}).n;
		return {
			dir: options.dir,
			researchers: count,
			sources: researchers.reduce((a, r) => a + r.sources.length, 0),
			items: written,
			visibleItems: visible,
			papers,
			posts,
			ms: performance.now() - started,
		};
	} finally {
		store.close();
	}
}

function arg(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : process.argv[i + 1];
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const out = arg('out');
	const items = Number(arg('items') ?? '10000');
	if (!out || !Number.isInteger(items) || items < 1) {
		console.error('usage: node --import tsx bench/generate.ts --items N --out DIR [--researchers 500] [--origin URL] [--seed N]');
		process.exit(1);
	}
	const result = generateHome({
		dir: out,
		items,
		researchers: Number(arg('researchers') ?? '500'),
		origin: arg('origin'),
		seed: Number(arg('seed') ?? '7'),
	});
	console.log(JSON.stringify(result));
}
